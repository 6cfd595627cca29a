"""Corrections that survive rebuilds: override records, and the function that replays them.

An analyst who merges two events, moves an article out of an event, retitles an event, hides
an article or fixes a quote's speaker wants it to stay fixed: the next ``build`` must not
undo it, and neither must a full regroup (a new grouping version clears every event). So a
correction is not an edit of the events; it is a record in ``overrides`` (migration 8: kind,
target, value, who, when, and who undid it when), and ``apply_overrides`` replays every active
record, in order, over the events as they are. It is idempotent: applying twice changes
nothing more.

Records name **articles**, never event ids: event ids follow the article that opened the event
and change when the grouping does, while an article id is a hash of its text. "Merge these two
events" is stored as "the event holding article A absorbs the event holding article B";
"retitle this event" as "the event holding article A is called ...".

This module is the store's part and only moves rows: memberships, titles, speakers. An event
that gained or lost reports keeps its stored vector, date and summary until it is described
again from its members, which needs the grouping stage: ``apply_overrides`` returns the ids of
those events, and ``dateline.grouping.corrections`` describes them again (every build after
grouping; ``api.correct`` and ``api.undo`` for the web app and ``dateline edit``). Entity
merges and splits move no rows: ``who.entities.merge_entities`` applies them when it reads. An
article moved out gets an event of its own, titled by its headline, whose stored vector is
empty until then.

Undoing marks the record undone. A speaker fix is reverted at once; the articles a merge or a
move placed by hand are released (taken out of their events) and the next build places them
again by the algorithm; a retitled event is described again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from dateline.sentences import split_sentences
from dateline.store.analysis import load_quotes, save_quotes
from dateline.store.db import transaction, utc_now
from dateline.store.vectors import empty_like

KINDS = (
    "retitle-event",
    "merge-events",
    "move-article",
    "hide-article",
    "fix-speaker",
    "merge-entities",
    "split-entity",
)
"""What a correction can do. The entity corrections name entities, not articles, and move no
rows: ``entity_corrections`` hands them to ``who.entities.merge_entities`` when it reads."""
ENTITY_KINDS = frozenset({"merge-entities", "split-entity"})


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
            "merge-entities": f"entity {value.get('other', '')!r} merged into {self.target!r}",
            "split-entity": f"{self.target!r} made an entity of its own",
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
    """Check and store a correction (``apply_overrides`` then makes it show).

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
    return next(o for o in list_overrides(conn) if o.id == cursor.lastrowid)


def _checked(
    conn: sqlite3.Connection, kind: str, target: str, value: dict[str, Any]
) -> dict[str, Any]:
    if kind not in KINDS:
        raise OverrideError(f"unknown correction {kind!r} (known: {', '.join(KINDS)})")
    if kind in ENTITY_KINDS:
        return _checked_entity(conn, kind, target, value)
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


def _checked_entity(
    conn: sqlite3.Connection, kind: str, target: str, value: dict[str, Any]
) -> dict[str, Any]:
    _require_name(conn, target)
    if kind == "split-entity":
        return {}
    other = str(value.get("other", ""))
    _require_name(conn, other)
    if other == target:
        raise OverrideError("an entity cannot be merged with itself")
    return {"other": other}


def _require_name(conn: sqlite3.Connection, name: str) -> None:
    """An entity is named by a canonical name some mention resolved to."""
    found = conn.execute("SELECT 1 FROM entity_mentions WHERE canonical = ? LIMIT 1", (name,))
    if found.fetchone() is None:
        raise OverrideError(f"no entity mention named {name!r}")


def entity_corrections(conn: sqlite3.Connection) -> tuple[list[tuple[str, str]], list[str]]:
    """The active entity corrections: (name, other name) pairs to join, names to split out."""
    active = [o for o in list_overrides(conn, active_only=True) if o.kind in ENTITY_KINDS]
    joined = [(o.target, str(o.value["other"])) for o in active if o.kind == "merge-entities"]
    split = [o.target for o in active if o.kind == "split-entity"]
    return joined, split


_MEMBERS_OF_EVENT_OF = (
    "SELECT article_id FROM event_articles WHERE event_id ="
    " (SELECT event_id FROM event_articles WHERE article_id = ?)"
)


def _require_article(conn: sqlite3.Connection, article_id: str) -> None:
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        raise OverrideError(f"no article with id {article_id!r}")


def undo_override(conn: sqlite3.Connection, override_id: int, who: str) -> set[str]:
    """Mark a correction undone and revert what can be reverted now (see the module docstring);
    the ids of the events to describe again.

    Raises:
        OverrideError: no such correction, or it is already undone.
    """
    found = [o for o in list_overrides(conn) if o.id == override_id]
    if not found or not found[0].active:
        raise OverrideError(f"no active correction number {override_id}")
    override = found[0]
    released: list[str] = []
    if override.kind == "merge-events":
        released = [str(a) for a in override.value.get("members", ())]
    elif override.kind == "move-article":
        released = [override.target]
    with transaction(conn):
        conn.execute(
            "UPDATE overrides SET undone_by = ?, undone_at = ? WHERE id = ?",
            (who, utc_now(), override_id),
        )
        if override.kind == "fix-speaker":
            _set_speaker(conn, override.target, override.value["start"], override.value["was"])
        first = _event_of(conn, override.target)
        changed = {first} if first else set()
        for article_id in released:
            changed |= _take_out(conn, article_id)
    return changed | apply_overrides(conn)


def apply_overrides(conn: sqlite3.Connection) -> set[str]:
    """Replay every active correction over the stored events and quotes, in the order they
    were made; the ids of the events whose reports changed (to describe again). The build is
    to call this after grouping, then describe those events again."""
    changed: set[str] = set()
    active = list_overrides(conn, active_only=True)
    if not active:
        return changed
    with transaction(conn):
        for override in active:
            changed |= _HANDLERS[override.kind](conn, override)
    existing = {row[0] for row in conn.execute("SELECT id FROM events")}
    return changed & existing


def _event_of(conn: sqlite3.Connection, article_id: str) -> str | None:
    row = conn.execute(
        "SELECT event_id FROM event_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return str(row[0]) if row else None


def _take_out(conn: sqlite3.Connection, article_id: str) -> set[str]:
    """The article leaves its event; an event left empty is deleted. The event changed."""
    event_id = _event_of(conn, article_id)
    if event_id is None:
        return set()
    conn.execute("DELETE FROM event_articles WHERE article_id = ?", (article_id,))
    left = conn.execute("SELECT 1 FROM event_articles WHERE event_id = ?", (event_id,)).fetchone()
    if left is None:
        conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
    return {event_id}


def _retitle(conn: sqlite3.Connection, override: Override) -> set[str]:
    event_id = _event_of(conn, override.target)
    if event_id is not None:
        conn.execute(
            "UPDATE events SET title = ? WHERE id = ? AND title != ?",
            (override.value["title"], event_id, override.value["title"]),
        )
    return set()


def _merge(conn: sqlite3.Connection, override: Override) -> set[str]:
    keep, other = _event_of(conn, override.target), _event_of(conn, override.value["other"])
    if keep is None or other is None or keep == other:
        return set()
    conn.execute("UPDATE event_articles SET event_id = ? WHERE event_id = ?", (keep, other))
    conn.execute("DELETE FROM events WHERE id = ?", (other,))
    return {keep}


def moved_event_id(article_id: str) -> str:
    """The id of the event an article moved out by hand gets (an event id's shape)."""
    return "ev" + hashlib.blake2b(f"moved:{article_id}".encode(), digest_size=5).hexdigest()


def _move(conn: sqlite3.Connection, override: Override) -> set[str]:
    article_id = override.target
    own = moved_event_id(article_id)
    current = _event_of(conn, article_id)
    if current is None or current == own:
        return set()
    centroid = conn.execute("SELECT centroid FROM events WHERE id = ?", (current,)).fetchone()[0]
    changed = _take_out(conn, article_id)
    row = conn.execute(
        "SELECT title, text, published, published_precision FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    lead = " ".join(split_sentences(row["text"])[:2])
    conn.execute(
        "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            own,
            row["published"],
            row["published_precision"] if row["published"] else None,
            f"moved out by hand (correction {override.id}): the article's publication date"
            if row["published"]
            else None,
            row["title"] or lead[:120],
            lead,
            empty_like(bytes(centroid)),
            utc_now(),
        ),
    )
    conn.execute("INSERT OR REPLACE INTO event_articles VALUES (?, ?, 1.0)", (article_id, own))
    return changed | {own}


def _hide(conn: sqlite3.Connection, override: Override) -> set[str]:
    return _take_out(conn, override.target)


def _fix_speaker(conn: sqlite3.Connection, override: Override) -> set[str]:
    quotes = {q.start: q for q in load_quotes(conn, [override.target]).get(override.target, ())}
    quote = quotes.get(override.value["start"])
    if quote is not None and quote.speaker != override.value["speaker"]:
        _set_speaker(conn, override.target, quote.start, override.value["speaker"])
    return set()


def _set_speaker(
    conn: sqlite3.Connection, article_id: str, start: int, speaker: str | None
) -> None:
    """Call inside a transaction."""
    quotes = load_quotes(conn, [article_id]).get(article_id, ())
    fixed = [replace(q, speaker=speaker) if q.start == start else q for q in quotes]
    save_quotes(conn, {article_id: fixed})


def _read_time(conn: sqlite3.Connection, override: Override) -> set[str]:
    """Entity corrections apply when entities are read (``entity_corrections``)."""
    return set()


_HANDLERS = {
    "retitle-event": _retitle,
    "merge-events": _merge,
    "move-article": _move,
    "hide-article": _hide,
    "fix-speaker": _fix_speaker,
    "merge-entities": _read_time,
    "split-entity": _read_time,
}
