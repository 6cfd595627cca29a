"""The web app: routes, templates and the security headers every response carries.

``create_app(settings)`` returns a Starlette app over the store ``settings.db_path`` names, so
tests drive it with Starlette's ``TestClient`` and ``dateline serve`` hands it to uvicorn.

Article text is untrusted, and this app shows it in a browser, the one place where text can
become code. Three layers keep it text:

1. Templates are Jinja2 with autoescape on for every template, and page data is records and
   ``text.Segment`` lists, never HTML built in Python; no template uses ``|safe``. A
   ``finalize`` hook also writes control characters as visible escapes (``\\x1b``), as the CLI does.
2. Links are made only to this app's own paths (ids are quoted) or to ``http``/``https`` URLs,
   with ``rel="nofollow noopener noreferrer"``; the server never fetches an article's URL.
3. Every response carries a Content-Security-Policy of ``default-src 'self'`` without
   ``unsafe-inline``: scripts and styles load only from ``/static`` (no inline script, no
   ``style=`` attribute), so a payload that slipped past escaping still could not run.
   ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: same-origin`` come with it (no
   address of this app leaves it; a browser then sends the real ``Origin`` on the app's own
   forms, which the edit check needs: under ``no-referrer`` it sends ``null``), and
   the Host header is checked against the bound names (a page elsewhere cannot reach the app by
   DNS rebinding).
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import anyio.to_thread
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dateline import __version__, api
from dateline.export import records
from dateline.export.html import safe_url
from dateline.export.safe import visible
from dateline.interfaces.web import edits, pages
from dateline.interfaces.web.filters import (
    HIDEABLE,
    PAGE_SIZE,
    Filters,
    entry_key,
    event_timeline,
    parse_filters,
    summary_timeline,
)
from dateline.interfaces.web.snapshot import Refresher, Snapshot, SnapshotCache
from dateline.settings import Settings
from dateline.store.search import query_terms
from dateline.timeline.select import TimelineView

HERE = Path(__file__).resolve().parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
REFRESH_SECONDS = 1.0
"""How often the app asks whether another process changed the store (``snapshot.Refresher``)."""
EXPORT_TYPES = {
    "json": ("application/json", "json"),
    "markdown": ("text/markdown; charset=utf-8", "md"),
    "html": ("text/html; charset=utf-8", "html"),
    "timelinejs": ("application/json", "timelinejs.json"),
}


class SecurityHeaders:
    """ASGI middleware adding ``SECURITY_HEADERS`` to every response (pages, static files,
    errors), replacing any the response set itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        names = {name for name, _ in SECURITY_HEADERS}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = [*headers, *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}`` string: control characters shown as escapes (then autoescaped)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


def make_environment() -> Environment:
    """The Jinja environment: autoescape for every template, strict about missing names."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["q"] = lambda value: quote(str(value), safe="")
    env.globals["safe_url"] = safe_url
    env.globals["version"] = __version__
    return env


class WebApp:
    """The app's state: the store's path, the snapshot cache, the templates."""

    def __init__(self, settings: Settings, read_only: bool) -> None:
        self.db_path = settings.db_path
        self.read_only = read_only
        self.cache = SnapshotCache(self.db_path)
        self.env = make_environment()
        self.csrf = edits.new_token()
        self.summary_after_edits = edits.SummaryAfterEdits(self.db_path)

    def warm(self) -> None:
        """Compile every template and load the store's snapshot before the first request
        (the server runs this at startup, before it accepts connections), so the first page
        costs what the next ones do; after a build, the first page loads the new snapshot."""
        for name in self.env.list_templates(filter_func=lambda n: n.endswith(".html")):
            self.env.get_template(name)
        self.warm_snapshot()

    def warm_snapshot(self, *, fresh: bool = False) -> None:
        """Load the store's snapshot (if it changed) and the indexes the timeline reads;
        ``fresh``: load it even when a slow one may be served meanwhile (see snapshot.py)."""
        if Path(self.db_path).exists():
            with self.connection() as conn:
                self.cache.get(conn, fresh=fresh).index()

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A connection for one request (sqlite3 connections stay in their thread)."""
        if self.db_path != ":memory:" and not Path(self.db_path).exists():
            raise HTTPException(503, "the store is gone")
        conn = api.open_store(self.db_path)
        try:
            yield conn
        finally:
            conn.close()

    def render(
        self, request: Request, template: str, status: int = 200, **context: Any
    ) -> HTMLResponse:
        page = self.env.get_template(template).render(
            request_path=request.url.path, read_only=self.read_only, csrf=self.csrf, **context
        )
        return HTMLResponse(page, status_code=status)

    def helpers(self, snapshot: Snapshot) -> dict[str, Any]:
        """Names the templates use to show articles and events."""
        return {
            "outlet": lambda article_id: snapshot.outlets.get(article_id, "unknown source"),
            "article_by_id": snapshot.document.article,
            "event_by_id": snapshot.document.event,
            "scrub": snapshot.scrub,
            "event_of": lambda article_id: snapshot.document.event(
                snapshot.event_of.get(article_id, "")
            ),
            "title_of": lambda article_id: (
                (snapshot.document.article(article_id) or _NO_ARTICLE).title or "(untitled)"
            ),
        }

    # -- pages ---------------------------------------------------------------------------

    def timeline(self, request: Request) -> Response:
        query = dict(request.query_params.items())
        filters, problems = parse_filters(query, request.query_params.getlist("hide"))
        with self.connection() as conn:
            snapshot = self.cache.get(conn)
            show = summary_timeline if filters.summary else event_timeline
            rows = show(snapshot, conn, filters)
        first = (filters.page - 1) * PAGE_SIZE
        entries = rows.entries[first : first + PAGE_SIZE]
        context = {
            "filters": filters,
            "problems": problems,
            "entries": entries,
            "undated": rows.undated,
            "matching": rows.matching,
            "entry_key": entry_key,
            "total": rows.total,
            "pages": max(1, -(-rows.total // PAGE_SIZE)),
            "axis": _axis(entries),
            "stories": snapshot.stories,
            "outlets": sorted(set(snapshot.outlets.values()), key=str.lower),
            "hideable": HIDEABLE,
            "entity": snapshot.entities_by_id.get(filters.entity) if filters.entity else None,
            "story": snapshot.stories_by_id.get(filters.story) if filters.story else None,
            "formats": sorted(EXPORT_TYPES),
            "terms": query_terms(filters.q),
            **self.helpers(snapshot),
        }
        return self.render(request, "timeline.html", **context)

    def event(self, request: Request) -> Response:
        with self.connection() as conn:
            snapshot = self.cache.get(conn)
            context = pages.event_page(snapshot, conn, request.path_params["event_id"])
        if context is None:
            raise HTTPException(404, "no event with this id")
        return self.render(request, "event.html", **context, **self.helpers(snapshot))

    def article(self, request: Request) -> Response:
        show_cuts = request.query_params.get("cuts") == "1"
        with self.connection() as conn:
            snapshot = self.cache.get(conn)
            article_id = request.path_params["article_id"]
            context = pages.article_page(snapshot, conn, article_id, show_cuts)
        if context is None:
            raise HTTPException(404, "no article with this id")
        return self.render(request, "article.html", **context, **self.helpers(snapshot))

    def beside(self, request: Request) -> Response:
        with self.connection() as conn:
            snapshot = self.cache.get(conn)
            context = pages.beside_page(
                snapshot, conn, request.path_params["article_id"], request.path_params["other_id"]
            )
        if context is None:
            raise HTTPException(404, "no such pair of articles")
        return self.render(request, "beside.html", **context, **self.helpers(snapshot))

    def entity(self, request: Request) -> Response:
        with self.connection() as conn:
            snapshot = self.cache.get(conn)
        context = pages.entity_page(snapshot, request.path_params["entity_id"])
        if context is None:
            raise HTTPException(404, "no entity with this id")
        return self.render(request, "entity.html", **context, **self.helpers(snapshot))

    def entities(self, request: Request) -> Response:
        with self.connection() as conn:
            snapshot = self.cache.get(conn)
        query = request.query_params
        page = query.get("page", "1")
        context = pages.entity_list(
            snapshot,
            query.get("kind", "")[:40],
            query.get("name", "")[:200],
            int(page) if page.isdigit() and len(page) < 7 else 1,
        )
        return self.render(request, "entities.html", **context)

    def stories(self, request: Request) -> Response:
        with self.connection() as conn:
            snapshot = self.cache.get(conn)
        return self.render(request, "stories.html", **pages.stories_page(snapshot))

    def search(self, request: Request) -> Response:
        query = request.query_params.get("q", "")[:500]
        with self.connection() as conn:
            snapshot = self.cache.get(conn)
            context = pages.search_page(snapshot, conn, query)
        return self.render(
            request, "search.html", search_query=query, **context, **self.helpers(snapshot)
        )

    def corrections(self, request: Request) -> Response:
        with self.connection() as conn:
            snapshot = self.cache.get(conn)
        return self.render(
            request,
            "corrections.html",
            corrections=list(reversed(snapshot.corrections)),
            **self.helpers(snapshot),
        )

    def export(self, request: Request) -> Response:
        """The filtered timeline in an export format, as a download."""
        fmt = request.path_params["fmt"]
        if fmt not in EXPORT_TYPES:
            raise HTTPException(404, "no such format")
        query = dict(request.query_params.items())
        filters, _ = parse_filters(query, request.query_params.getlist("hide"))
        with self.connection() as conn:
            snapshot = self.cache.get(conn)
            view = _export_view(snapshot, filters)
            rendered = _exported(conn, fmt, view)
        media, suffix = EXPORT_TYPES[fmt]
        return Response(
            rendered,
            media_type=media,
            headers={"content-disposition": f'attachment; filename="timeline.{suffix}"'},
        )

    async def not_found(self, request: Request, exc: Exception) -> Response:
        detail = exc.detail if isinstance(exc, HTTPException) else "not found"
        status = exc.status_code if isinstance(exc, HTTPException) else 404
        return self.render(request, "error.html", status=status, message=detail, status_code=status)


_NO_ARTICLE = records.Article(id="", path="")


def _axis(entries: Sequence[Any]) -> list[dict[str, Any]]:
    """Each entry's place on the date axis (0..1) and its size class by independent sources."""
    days = [date.fromisoformat(e.date) for e in entries]
    if not days:
        return []
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    dots = []
    for entry, day in zip(entries, days, strict=True):
        sources = entry.independent_sources or len(entry.article_ids) or 1
        dots.append(
            {
                "entry": entry,
                "pos": f"{(day - first).days / span:.4f}",
                "size": min(sources, 6),
            }
        )
    return dots


def _exported(conn: sqlite3.Connection, fmt: str, view: TimelineView) -> str:
    """The export as ``timeline --format`` writes it (``api.write_timeline``)."""
    out = io.StringIO()
    api.write_timeline(conn, out, fmt, view)
    return out.getvalue()


def _export_view(snapshot: Snapshot, filters: Filters) -> TimelineView:
    entity = snapshot.entities_by_id.get(filters.entity) if filters.entity else None
    story = snapshot.stories_by_id.get(filters.story) if filters.story else None
    return TimelineView(
        start=filters.start,
        end=filters.end,
        query=tuple(query_terms(filters.q)),
        entity_names=tuple(dict.fromkeys((entity.name, *entity.aliases))) if entity else (),
        story_event_ids=tuple(story["event_ids"]) if story else (),
        max_dates=filters.days if filters.summary else None,
        sentences_per_date=filters.k if filters.summary else None,
    )


def _lifespan(web: WebApp) -> Any:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(web.warm)
        refresher = Refresher(web.cache, web.warm_snapshot, REFRESH_SECONDS)
        refresher.start()
        yield
        refresher.stop()
        web.cache.close()

    return lifespan


def create_app(
    settings: Settings, *, read_only: bool = False, allowed_hosts: Sequence[str] | None = None
) -> Starlette:
    """The web app over ``settings.db_path`` (which must exist). ``allowed_hosts`` limits the
    Host header (``dateline serve`` passes the names it binds); None accepts any (tests)."""
    web = WebApp(settings, read_only)
    routes = [
        Route("/", web.timeline, name="timeline"),
        Route("/events/{event_id}", web.event, name="event"),
        Route("/articles/{article_id}", web.article, name="article"),
        Route("/articles/{article_id}/beside/{other_id}", web.beside, name="beside"),
        Route("/entities", web.entities, name="entities"),
        Route("/entities/{entity_id}", web.entity, name="entity"),
        Route("/stories", web.stories, name="stories"),
        Route("/search", web.search, name="search"),
        Route("/export/{fmt}", web.export, name="export"),
        Route("/corrections", web.corrections, name="corrections"),
        Route("/events/{event_id}/retitle", edits.endpoint(web, "retitle"), methods=["POST"]),
        Route("/events/{event_id}/merge", edits.endpoint(web, "merge"), methods=["POST"]),
        Route("/articles/{article_id}/move-out", edits.endpoint(web, "move-out"), methods=["POST"]),
        Route("/articles/{article_id}/hide", edits.endpoint(web, "hide"), methods=["POST"]),
        Route("/articles/{article_id}/speaker", edits.endpoint(web, "speaker"), methods=["POST"]),
        Route("/corrections/{number}/undo", edits.endpoint(web, "undo"), methods=["POST"]),
        Route(
            "/entities/{entity_id}/merge",
            edits.endpoint(web, "merge-entities"),
            methods=["POST"],
        ),
        Route("/entities/{entity_id}/split", edits.endpoint(web, "split-entity"), methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders)]
    if allowed_hosts is not None:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers=dict.fromkeys((400, 403, 404, 405, 503), web.not_found),
        lifespan=_lifespan(web),
    )
    app.state.web = web
    return app
