"""Corrections from the browser: POST forms, checked against cross-site requests.

Every edit is a POST of an urlencoded form to this app, and every form carries a token that is
made fresh when the server starts and is only ever written into this app's own pages. Another
site the analyst visits can send a POST to ``127.0.0.1`` (a browser will send it), but it cannot
read a page of this app to learn the token (same-origin policy; the Host check stops DNS
rebinding), so its request is refused. The ``Origin`` and ``Sec-Fetch-Site`` headers, where a
browser sends them, must also say the request came from this app. ``--read-only`` refuses
every edit. An accepted edit is recorded as an override (``dateline.store.overrides``: the
same records ``dateline edit`` writes), applied at once, and answered with a redirect to the
page it changed.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from dateline import api
from dateline.store import overrides
from dateline.store.overrides import OverrideError

if TYPE_CHECKING:
    from dateline.interfaces.web.app import WebApp

MAX_FORM_BYTES = 16_384
"""A correction form is a title or a name: anything longer is not one."""


def new_token() -> str:
    return secrets.token_urlsafe(32)


async def read_form(request: Request, token: str, read_only: bool) -> dict[str, str]:
    """The form of a checked edit request; 403 for a refused one, 400 for a malformed one."""
    if read_only:
        raise HTTPException(403, "this server is read-only (--read-only)")
    _check_origin(request)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(400, "edits are sent as forms")
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(400, "the form is too large")
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError) as exc:
        raise HTTPException(400, "the form could not be read") from exc
    form = {key: values[0] for key, values in fields.items()}
    if not hmac.compare_digest(form.get("csrf", "").encode(), token.encode()):
        raise HTTPException(403, "the form's token is missing or stale: reload the page")
    return form


def _check_origin(request: Request) -> None:
    """A browser's own word on where the request comes from, where it gives it."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        raise HTTPException(403, "edits are accepted from this app's own pages only")
    origin = request.headers.get("origin")
    if origin is not None and origin != "null":
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin != own:
            raise HTTPException(403, "edits are accepted from this app's own pages only")
    elif origin == "null":
        raise HTTPException(403, "edits are accepted from this app's own pages only")


def who(request: Request) -> str:
    """Who made an edit: there is no login, so the browser's address says where from."""
    client = request.client.host if request.client else "unknown"
    return f"web ({client})"


Edit = Callable[[sqlite3.Connection, dict[str, str], dict[str, str], str], str]
"""(connection, path parameters, form, who) -> the path to show after the edit."""


def _event_path(conn: sqlite3.Connection, article_id: str) -> str:
    row = conn.execute(
        "SELECT event_id FROM event_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return f"/events/{quote(row[0], safe='')}" if row else f"/articles/{quote(article_id, safe='')}"


def _retitle(conn: sqlite3.Connection, path: dict[str, str], form: dict[str, str], by: str) -> str:
    anchor = overrides.event_anchor(conn, path["event_id"])
    api.correct(conn, "retitle-event", anchor, {"title": form.get("title", "")}, by)
    return _event_path(conn, anchor)


def _merge(conn: sqlite3.Connection, path: dict[str, str], form: dict[str, str], by: str) -> str:
    anchor = overrides.event_anchor(conn, path["event_id"])
    other = overrides.event_anchor(conn, form.get("other", ""))
    api.correct(conn, "merge-events", anchor, {"other": other}, by)
    return _event_path(conn, anchor)


def _move(conn: sqlite3.Connection, path: dict[str, str], form: dict[str, str], by: str) -> str:
    api.correct(conn, "move-article", path["article_id"], {}, by)
    return _event_path(conn, path["article_id"])


def _hide(conn: sqlite3.Connection, path: dict[str, str], form: dict[str, str], by: str) -> str:
    api.correct(conn, "hide-article", path["article_id"], {}, by)
    return f"/articles/{quote(path['article_id'], safe='')}"


def _speaker(conn: sqlite3.Connection, path: dict[str, str], form: dict[str, str], by: str) -> str:
    start = form.get("start", "")
    value = {"start": int(start) if start.isdigit() else -1, "speaker": form.get("speaker", "")}
    api.correct(conn, "fix-speaker", path["article_id"], value, by)
    return f"/articles/{quote(path['article_id'], safe='')}"


def _merge_entities(
    conn: sqlite3.Connection, path: dict[str, str], form: dict[str, str], by: str
) -> str:
    value = {"other": form.get("other", "")}
    api.correct(conn, "merge-entities", form.get("name", ""), value, by)
    return "/entities"  # entity ids follow their names, which a merge changes


def _split_entity(
    conn: sqlite3.Connection, path: dict[str, str], form: dict[str, str], by: str
) -> str:
    api.correct(conn, "split-entity", form.get("alias", ""), {}, by)
    return "/entities"


def _undo(conn: sqlite3.Connection, path: dict[str, str], form: dict[str, str], by: str) -> str:
    number = path["number"]
    if not number.isdigit():
        raise OverrideError("no such correction")
    api.undo(conn, int(number), by)
    return "/corrections"


EDITS: dict[str, Edit] = {
    "retitle": _retitle,
    "merge": _merge,
    "move-out": _move,
    "hide": _hide,
    "speaker": _speaker,
    "merge-entities": _merge_entities,
    "split-entity": _split_entity,
    "undo": _undo,
}


class SummaryAfterEdits:
    """Summarises the store again after the app's corrections, in a process of its own: a
    correction makes the build's kept summary stale, and summarising a 5,000-article store
    takes about 5 s, which no reader should wait for, and which in the server's own process
    would hold the interpreter from every page meanwhile. One run at a time; edits made during
    a run ask for one more."""

    def __init__(self, db_path: str) -> None:
        self._db_path = db_path
        self._lock = threading.Lock()
        self._running = False
        self._again = False

    def request(self) -> threading.Thread | None:
        """Start a run, or ask the running one for another; the thread started, if any."""
        if self._db_path == ":memory:":
            return None  # another process cannot see it
        with self._lock:
            if self._running:
                self._again = True
                return None
            self._running = True
        thread = threading.Thread(target=self._run, name="dateline-summary", daemon=True)
        thread.start()
        return thread

    def _run(self) -> None:
        while True:
            command = [sys.executable, "-m", "dateline.interfaces.web.summary_job", self._db_path]
            try:
                done = subprocess.run(
                    command, capture_output=True, timeout=SUMMARY_TIMEOUT, check=False
                )
                if done.returncode != 0:  # the store busy or gone: the next build makes it
                    _log.warning("dateline: the summary was not refreshed: %s", done.stderr[-300:])
            except (OSError, subprocess.TimeoutExpired) as exc:
                _log.warning("dateline: the summary was not refreshed: %s", exc)
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False


SUMMARY_TIMEOUT = 900
"""Seconds a summary run may take (5 s on 5,000 articles; stores over 20,000 keep none)."""
_log = logging.getLogger(__name__)


def endpoint(web: WebApp, name: str) -> Callable[[Request], Any]:
    """The POST endpoint of one edit."""
    edit = EDITS[name]

    async def handle(request: Request) -> Response:
        form = await read_form(request, web.csrf, web.read_only)
        path = {key: str(value) for key, value in request.path_params.items()}

        def run() -> str:
            with web.connection() as conn:
                target = edit(conn, path, form, who(request))
            web.warm_snapshot(fresh=True)  # the page that follows shows the edit
            return target

        try:
            target = await run_in_threadpool(run)
        except OverrideError as exc:
            raise HTTPException(400, str(exc)) from exc
        web.summary_after_edits.request()
        return RedirectResponse(target, status_code=303)

    return handle
