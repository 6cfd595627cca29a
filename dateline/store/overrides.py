"""Corrections that survive rebuilds: override records, and the one function that applies them.

An analyst who merges two events, moves an article out of an event, retitles an event, hides
an article or fixes a quote's speaker wants it to stay fixed: the next ``build`` must not
undo it, and neither must a full regroup (a new grouping version clears every event). So a
correction is not an edit of the events; it is a record in ``overrides`` (migration 8: kind,
target, value, who, when, and who undid it when), and ``apply_overrides`` replays every active
record, in order, over the events the build has just made. It is idempotent: applying twice
changes nothing more.

Records name **articles**, never event ids: event ids follow the article that opened the event
and change when the grouping does, while an article id is a hash of its text. "Merge these two
events" is stored as "the event holding article A absorbs the event holding article B";
"retitle this event" as "the event holding article A is called ...". Membership changes move
the event's summed vector with them (``grouping.events.EventState``) and the changed events are
described again (date, title, summary) as the build would, so a later incremental build keeps
extending them correctly.

Undoing marks the record undone. A retitle or a speaker fix is reverted at once; the articles a
merge or a move placed by hand are released (taken out of their events), and the next build
places them again by the algorithm.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from dateline.grouping.events import EventState, describe_event, restore_states
from dateline.grouping.index import group_id
from dateline.grouping.sparse import article_counts, weighted_unit_rows
from dateline.store.analysis import load_quotes, save_quotes
from dateline.store.articles import load_articles
from dateline.store.db import transaction, utc_now
from dateline.store.events import (
    StoredEvent,
    delete_events,
    load_events,
    published_dates,
    save_events,
)

KINDS = ("retitle-event", "merge-events", "move-article", "hide-article", "fix-speaker")
"""What a correction can do (merging and splitting entities are not here yet: ROADMAP)."""


class OverrideError(ValueError):
    """A correction that cannot be recorded: unknown kind, article, quote or record."""


@dataclass(frozen=True)
class Override:
    """One correction: what (``kind``, ``target`` article, ``value``), who and when."""

    id: int
    kind: str
    target: str
    value: dict[str, Any]
    who: str
    at: str
    undone_by: str | None = None
    undone_at: str | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None

    def describe(self) -> str:
        """One line for a listing."""
        value = self.value
        return {
            "retitle-event": f"event of {self.target} titled {value.get('title', '')!r}",
            "merge-events": f"event of {value.get('other', '')} merged into that of {self.target}",
            "move-article": f"article {self.target} moved out of its event",
            "hide-article": f"article {self.target} hidden",
            "fix-speaker": f"quote at {value.get('start')} in {self.target} said by "
            f"{value.get('speaker', '')!r}",
        }.get(self.kind, self.kind)


def list_overrides(conn: sqlite3.Connection, *, active_only: bool = False) -> list[Override]:
    """Every correction in the order it was made (the order they are applied in)."""
    query = "SELECT * FROM overrides"
    if active_only:
        query += " WHERE undone_at IS NULL"
    rows = conn.execute(query + " ORDER BY id").fetchall()
    return [
        Override(
            row["id"],
            row["kind"],
            row["target"],
            json.loads(row["value"]),
            row["who"],
            row["at"],
            row["undone_by"],
            row["undone_at"],
        )
        for row in rows
    ]


def event_anchor(conn: sqlite3.Connection, event_id: str) -> str:
    """The article a correction of this event is anchored to: its first member.

    Raises:
        OverrideError: no event has this id.
    """
    row = conn.execute(
        "SELECT ea.article_id FROM event_articles ea JOIN articles a ON a.id = ea.article_id"
        " WHERE ea.event_id = ? ORDER BY a.seq LIMIT 1",
        (event_id,),
    ).fetchone()
    if row is None:
        raise OverrideError(f"no event with id {event_id!r}")
    return str(row[0])


def hidden_articles(conn: sqlite3.Connection) -> set[str]:
    """The articles a correction hides."""
    return {o.target for o in list_overrides(conn, active_only=True) if o.kind == "hide-article"}


def record_override(
    conn: sqlite3.Connection, kind: str, target: str, value: dict[str, Any], who: str
) -> Override:
    """Check and store a correction, then apply every correction (so it shows at once).

    Raises:
        OverrideError: an unknown kind, an article or quote the store does not hold, a value
            the kind does not take.
    """
    value = _checked(conn, kind, target, dict(value))
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO overrides (kind, target, value, who, at) VALUES (?, ?, ?, ?, ?)",
            (kind, target, json.dumps(value, sort_keys=True), who, utc_now()),
        )
    apply_overrides(conn)
    return next(o for o in list_overrides(conn) if o.id == cursor.lastrowid)


def _checked(
    conn: sqlite3.Connection, kind: str, target: str, value: dict[str, Any]
) -> dict[str, Any]:
    if kind not in KINDS:
        raise OverrideError(f"unknown correction {kind!r} (known: {', '.join(KINDS)})")
    _require_article(conn, target)
    if kind == "retitle-event":
        title = " ".join(str(value.get("title", "")).split())
        if not title or len(title) > 300:
            raise OverrideError("a title needs 1 to 300 characters")
        return {"title": title}
    if kind == "merge-events":
        other = str(value.get("other", ""))
        _require_article(conn, other)
        if other == target:
            raise OverrideError("an event cannot be merged with itself")
        members = [row[0] for row in conn.execute(_MEMBERS_OF_EVENT_OF, (other,))]
        return {"other": other, "members": members or [other]}
    if kind == "fix-speaker":
        start = value.get("start")
        speaker = " ".join(str(value.get("speaker", "")).split())
        quotes = {q.start: q for q in load_quotes(conn, [target]).get(target, ())}
        if not isinstance(start, int) or start not in quotes:
            raise OverrideError(f"article {target} has no quote starting at {start!r}")
        if not speaker or len(speaker) > 200:
            raise OverrideError("a speaker needs 1 to 200 characters")
        return {"start": start, "speaker": speaker, "was": quotes[start].speaker}
    return {}


_MEMBERS_OF_EVENT_OF = (
    "SELECT article_id FROM event_articles WHERE event_id ="
    " (SELECT event_id FROM event_articles WHERE article_id = ?)"
)


def _require_article(conn: sqlite3.Connection, article_id: str) -> None:
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        raise OverrideError(f"no article with id {article_id!r}")


def undo_override(conn: sqlite3.Connection, override_id: int, who: str) -> Override:
    """Mark a correction undone and revert what can be reverted now (see the module docstring).

    Raises:
        OverrideError: no such correction, or it is already undone.
    """
    found = [o for o in list_overrides(conn) if o.id == override_id]
    if not found or not found[0].active:
        raise OverrideError(f"no active correction number {override_id}")
    override = found[0]
    with transaction(conn):
        conn.execute(
            "UPDATE overrides SET undone_by = ?, undone_at = ? WHERE id = ?",
            (who, utc_now(), override_id),
        )
        if override.kind == "fix-speaker":
            _set_speaker(conn, override.target, override.value["start"], override.value["was"])
    released: list[str] = []
    if override.kind == "merge-events":
        released = list(override.value.get("members", ()))
    elif override.kind == "move-article":
        released = [override.target]
    _apply(conn, release=released, redescribe=[override.target])
    return replace(override, undone_by=who, undone_at="now")


def apply_overrides(conn: sqlite3.Connection) -> int:
    """Replay every active correction over the stored events and quotes; the number of events
    changed. The build calls this once after grouping (``pipeline.build``)."""
    return _apply(conn)


def _apply(
    conn: sqlite3.Connection, release: Iterable[str] = (), redescribe: Iterable[str] = ()
) -> int:
    active = list_overrides(conn, active_only=True)
    release, redescribe = list(release), list(redescribe)
    if not active and not release and not redescribe:
        return 0
    stored = {item.event.id: item for item in load_events(conn)}
    work = _Work(conn, stored)
    for article_id in release:
        work.take_out(article_id)
    for article_id in redescribe:
        work.touch(article_id)
    for override in active:
        _HANDLERS[override.kind](work, override)
    return work.save()


class _Work:
    """The stored events as ``EventState``s while corrections move articles between them."""

    def __init__(self, conn: sqlite3.Connection, stored: dict[str, StoredEvent]) -> None:
        from dateline.pipeline import document_frequencies  # noqa: PLC0415 - a cycle otherwise

        self.conn = conn
        self.stored = stored
        self.dates = published_dates(conn)
        self.states = {s.id: s for s in restore_states(list(stored.values()), self.dates)}
        self.event_of = {a: s.id for s in self.states.values() for a in s.similarities}
        self.idf = document_frequencies(conn).idf()
        self.changed: set[str] = set()
        self.titles: dict[str, str] = {}
        self.released: set[str] = set()

    def vector(self, article_id: str) -> Any:
        article = load_articles(self.conn, [article_id])[0]
        return weighted_unit_rows(article_counts([article]), self.idf)

    def state_of(self, article_id: str) -> EventState | None:
        event_id = self.event_of.get(article_id)
        return self.states.get(event_id) if event_id else None

    def touch(self, article_id: str) -> None:
        state = self.state_of(article_id)
        if state is not None:
            self.changed.add(state.id)

    def take_out(self, article_id: str) -> None:
        """The article leaves its event (which is then described again, or dropped if empty)."""
        state = self.state_of(article_id)
        if state is None:
            return
        state.remove(article_id, self.dates.get(article_id), self.vector(article_id))
        del self.event_of[article_id]
        self.released.add(article_id)
        self.changed.add(state.id)

    def put_alone(self, article_id: str, event_id: str) -> None:
        vector = self.vector(article_id)
        state = EventState(id=event_id, counts=vector * 0)
        state.add(article_id, self.dates.get(article_id), vector, 1.0)
        self.states[event_id] = state
        self.event_of[article_id] = event_id
        self.released.discard(article_id)
        self.changed.add(event_id)

    def save(self) -> int:
        """Describe the changed events again, apply the titles, and store it all."""
        alive = {i for i in self.changed if i in self.states and self.states[i].size}
        gone = {i for i in self.changed if i not in alive and i in self.stored}
        members = {
            a.id: a
            for a in load_articles(
                self.conn, [a for i in alive for a in self.states[i].similarities]
            )
        }
        described = {
            i: describe_event(
                self.states[i], [members[a] for a in self.states[i].similarities], self.idf
            )
            for i in alive
        }
        for event_id, title in self.titles.items():
            item = described.get(event_id) or self.stored.get(event_id)
            if item is not None and item.event.title != title:
                described[event_id] = replace(item, event=replace(item.event, title=title))
        with transaction(self.conn):
            for article_id in self.released:
                self.conn.execute("DELETE FROM event_articles WHERE article_id = ?", (article_id,))
            delete_events(self.conn, gone)
            save_events(self.conn, described.values())
        return len(described) + len(gone)


def _retitle(work: _Work, override: Override) -> None:
    state = work.state_of(override.target)
    if state is not None:
        work.titles[state.id] = override.value["title"]


def _merge(work: _Work, override: Override) -> None:
    keep, other = work.state_of(override.target), work.state_of(override.value["other"])
    if keep is None or other is None or keep.id == other.id:
        return
    keep.absorb(other)
    for article_id in other.similarities:
        work.event_of[article_id] = keep.id
    other.similarities = {}
    work.changed |= {keep.id, other.id}
    work.titles.pop(other.id, None)


def _move(work: _Work, override: Override) -> None:
    own = group_id("ev", "moved:" + override.target)
    state = work.state_of(override.target)
    if state is None or state.id == own:
        return
    work.take_out(override.target)
    work.put_alone(override.target, own)


def _hide(work: _Work, override: Override) -> None:
    work.take_out(override.target)


def _fix_speaker(work: _Work, override: Override) -> None:
    current = {
        q.start: q for q in load_quotes(work.conn, [override.target]).get(override.target, ())
    }
    quote = current.get(override.value["start"])
    if quote is not None and quote.speaker != override.value["speaker"]:
        with transaction(work.conn):
            _set_speaker(work.conn, override.target, quote.start, override.value["speaker"])


def _set_speaker(
    conn: sqlite3.Connection, article_id: str, start: int, speaker: str | None
) -> None:
    quotes = load_quotes(conn, [article_id]).get(article_id, ())
    fixed = [replace(q, speaker=speaker) if q.start == start else q for q in quotes]
    save_quotes(conn, {article_id: fixed})


_HANDLERS: dict[str, Callable[[_Work, Override], None]] = {
    "retitle-event": _retitle,
    "merge-events": _merge,
    "move-article": _move,
    "hide-article": _hide,
    "fix-speaker": _fix_speaker,
}
