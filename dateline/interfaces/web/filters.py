"""The timeline's filters, read from and written to the URL query, and applied to a snapshot.

Filters live in the URL so a view can be bookmarked and sent to a colleague: ``story``,
``entity`` (an entity id), ``outlet`` (an outlet's name as shown), ``from``/``to`` (days),
``hide`` (quality flags whose articles to leave out: ``spun``, ``machine-translated``), ``q``
(full text, through ``dateline.store.search``), and ``mode=summary`` with ``days`` and ``k``
for the summarised timeline. A value that does not parse is dropped with a message, never an
error page: a shared link with a typo still shows the timeline.

The event timeline is cut here from the cached typed document (an event stays when one of its
reports passes every filter); the summary is asked of ``api.timeline`` with a
``TimelineView`` (story, entity names, days, words), or, for the whole store, read from the
one the build keeps (``timeline.precomputed``); then its sentences lose the sources the
outlet and quality filters leave out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from dateline import api
from dateline.export import records
from dateline.export.document import entry_record
from dateline.interfaces.web.snapshot import Snapshot
from dateline.store.search import query_terms, search
from dateline.timeline import precomputed
from dateline.timeline.select import TimelineView

HIDEABLE = ("spun", "machine-translated")
"""Quality flags a reader may hide: copies whose wording cannot be trusted as the source's."""
MAX_DAYS = 60
MAX_SENTENCES = 10
PAGE_SIZE = 200
"""Timeline entries per page: enough for a story's months, few enough to render fast."""
SEARCH_LIMIT = 2000


@dataclass(frozen=True)
class Filters:
    """What the reader asked the timeline for."""

    story: str = ""
    entity: str = ""
    outlet: str = ""
    start: date | None = None
    end: date | None = None
    hide: tuple[str, ...] = ()
    q: str = ""
    summary: bool = False
    days: int = 10
    k: int = 2
    page: int = 1

    @property
    def active(self) -> bool:
        return bool(
            self.story or self.entity or self.outlet or self.start or self.end or self.hide
        ) or bool(self.q.strip())

    def params(self) -> list[tuple[str, str]]:
        """The filters as URL query pairs (defaults left out)."""
        pairs: list[tuple[str, str]] = []
        for name, value in (("story", self.story), ("entity", self.entity)):
            if value:
                pairs.append((name, value))
        if self.outlet:
            pairs.append(("outlet", self.outlet))
        if self.start:
            pairs.append(("from", self.start.isoformat()))
        if self.end:
            pairs.append(("to", self.end.isoformat()))
        pairs += [("hide", flag) for flag in self.hide]
        if self.q:
            pairs.append(("q", self.q))
        if self.summary:
            pairs += [("mode", "summary"), ("days", str(self.days)), ("k", str(self.k))]
        if self.page > 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def url(self, path: str = "/", **changes: object) -> str:
        """A link to ``path`` with these filters, some changed (``page`` resets unless given)."""
        changed = replace(self, **{"page": 1, **changes})  # type: ignore[arg-type]
        query = urlencode(changed.params())
        return f"{path}?{query}" if query else path


def parse_filters(query: Mapping[str, str], hide: list[str]) -> tuple[Filters, list[str]]:
    """Filters from the URL query (``hide`` may repeat); messages for what was dropped."""
    problems: list[str] = []
    start = _day(query.get("from", ""), "from", problems)
    end = _day(query.get("to", ""), "to", problems)
    days = _count(query.get("days", ""), 10, MAX_DAYS, "days", problems)
    k = _count(query.get("k", ""), 2, MAX_SENTENCES, "k", problems)
    page = _count(query.get("page", ""), 1, 10_000, "page", problems)
    unknown = [flag for flag in hide if flag not in HIDEABLE]
    if unknown:
        problems.append("unknown quality flag ignored")
    filters = Filters(
        story=query.get("story", "").strip()[:64],
        entity=query.get("entity", "").strip()[:64],
        outlet=query.get("outlet", "").strip()[:200],
        start=start,
        end=end,
        hide=tuple(flag for flag in HIDEABLE if flag in hide),
        q=query.get("q", "").strip()[:500],
        summary=query.get("mode", "") == "summary",
        days=days,
        k=k,
        page=page,
    )
    return filters, problems


def _day(text: str, name: str, problems: list[str]) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        problems.append(f"'{name}' is not a date (YYYY-MM-DD); ignored")
        return None


def _count(text: str, default: int, most: int, name: str, problems: list[str]) -> int:
    if not text.strip():
        return default
    try:
        value = int(text)
    except ValueError:
        problems.append(f"'{name}' is not a number; ignored")
        return default
    if not 1 <= value <= most:
        problems.append(f"'{name}' must be between 1 and {most}; ignored")
        return default
    return value


def kept_articles(
    snapshot: Snapshot, conn: sqlite3.Connection, filters: Filters
) -> set[str] | None:
    """The ids of the articles every article filter lets through; None when none applies."""
    kept: set[str] | None = None

    def narrow(ids: set[str]) -> None:
        nonlocal kept
        kept = ids if kept is None else kept & ids

    if filters.entity:
        entity = snapshot.entities_by_id.get(filters.entity)
        narrow(set(entity.article_ids) if entity else set())
    if filters.outlet:
        narrow({a for a, name in snapshot.outlets.items() if name == filters.outlet})
    if filters.hide:
        hidden = set(filters.hide)
        narrow({a for a, flags in snapshot.flagged.items() if not flags & hidden})
    if query_terms(filters.q):
        narrow({hit.article_id for hit in search(conn, filters.q, SEARCH_LIMIT)})
    return kept


@dataclass(frozen=True)
class TimelineRows:
    """The entries to show (dated, in order) and the events without a day."""

    entries: tuple[records.Entry, ...]
    undated: tuple[records.Event, ...]
    matching: dict[str, tuple[str, ...]]
    """Entry key (date + event) -> the entry's sources that pass the filters."""
    total: int


def event_timeline(snapshot: Snapshot, conn: sqlite3.Connection, filters: Filters) -> TimelineRows:
    """The event timeline cut by the filters."""
    kept = kept_articles(snapshot, conn, filters)
    story_events = _story_events(snapshot, filters)
    entries = []
    matching: dict[str, tuple[str, ...]] = {}
    for entry in snapshot.document.timeline:
        if story_events is not None and entry.event_id not in story_events:
            continue
        if not _in_span(entry.date, filters):
            continue
        sources = (
            entry.article_ids if kept is None else tuple(a for a in entry.article_ids if a in kept)
        )
        if not sources:
            continue
        # quotes only from the reports that pass, too
        shown = entry if kept is None else replace(entry, quotes=_kept_quotes(entry.quotes, kept))
        entries.append(shown)
        matching[entry_key(shown)] = sources
    undated = tuple(
        e
        for e in snapshot.document.events
        if e.date is None
        and (story_events is None or e.id in story_events)
        and (kept is None or kept.intersection(e.article_ids))
        and not (filters.start or filters.end)
    )
    return TimelineRows(tuple(entries), undated, matching, len(entries))


def summary_timeline(
    snapshot: Snapshot, conn: sqlite3.Connection, filters: Filters
) -> TimelineRows:
    """The summarised timeline (the days that matter most, K cited sentences each)."""
    entity = snapshot.entities_by_id.get(filters.entity) if filters.entity else None
    story_events = _story_events(snapshot, filters)
    view = TimelineView(
        start=filters.start,
        end=filters.end,
        query=tuple(query_terms(filters.q)),
        entity_names=tuple(dict.fromkeys((entity.name, *entity.aliases))) if entity else (),
        story_event_ids=tuple(sorted(story_events)) if story_events is not None else (),
        max_dates=filters.days,
        sentences_per_date=filters.k,
    )
    if (filters.entity and entity is None) or story_events == set():
        return TimelineRows((), (), {}, 0)
    summary = snapshot.view(view, lambda: _summary_entries(snapshot, conn, view))
    kept = kept_articles(snapshot, conn, replace(filters, q="", entity=""))
    entries = []
    matching: dict[str, tuple[str, ...]] = {}
    for entry in summary:
        sentences = tuple(
            records.Sentence(
                s.text,
                s.article_ids if kept is None else tuple(a for a in s.article_ids if a in kept),
            )
            for s in entry.sentences
        )
        sentences = tuple(s for s in sentences if s.article_ids)
        if not sentences:
            continue
        sources = tuple(dict.fromkeys(a for s in sentences for a in s.article_ids))
        quotes = entry.quotes if kept is None else _kept_quotes(entry.quotes, kept)
        shown = replace(entry, sentences=sentences, article_ids=sources, quotes=quotes)
        entries.append(shown)
        matching[entry_key(shown)] = sources
    return TimelineRows(tuple(entries), (), matching, len(entries))


def _summary_entries(
    snapshot: Snapshot, conn: sqlite3.Connection, view: TimelineView
) -> tuple[records.Entry, ...]:
    """The summary's entries: from the one the build kept of the whole store when it holds
    this view (``timeline.precomputed``), else summarised now."""
    kept = precomputed.stored(conn, view)
    if kept is None:
        return api.timeline(conn, view).timeline
    return tuple(entry_record(e, snapshot.who, snapshot.provenance) for e in kept)


def _kept_quotes(
    quotes: tuple[records.KeyQuote, ...], kept: set[str]
) -> tuple[records.KeyQuote, ...]:
    """The quotes some kept report carries, each citing only the kept reports."""
    shown = []
    for quote in quotes:
        cited = tuple(a for a in quote.article_ids if a in kept)
        if cited:
            shown.append(replace(quote, article_ids=cited))
    return tuple(shown)


def entry_key(entry: records.Entry) -> str:
    return f"{entry.date}-{entry.event_id}"


def _story_events(snapshot: Snapshot, filters: Filters) -> set[str] | None:
    if not filters.story:
        return None
    story = snapshot.stories_by_id.get(filters.story)
    return set(story["event_ids"]) if story else set()


def _in_span(day: str | None, filters: Filters) -> bool:
    if day is None:
        return not (filters.start or filters.end)
    parsed = date.fromisoformat(day)
    if filters.start and parsed < filters.start:
        return False
    return not (filters.end and parsed > filters.end)
