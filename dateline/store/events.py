"""Events, which articles each holds (with the similarity that put them there), build state."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from dateline.model import Event
from dateline.store.db import rows_in, utc_now


@dataclass(frozen=True)
class StoredEvent:
    """An event with what the event stage needs to extend it in a later, incremental build."""

    event: Event
    centroid: bytes
    similarities: dict[str, float]


def unassigned_article_ids(conn: sqlite3.Connection) -> list[str]:
    """Articles stored but not yet placed in an event: the work of an incremental build."""
    rows = conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN event_articles ea ON ea.article_id = a.id"
        " WHERE ea.article_id IS NULL ORDER BY a.seq"
    )
    return [row[0] for row in rows]


def save_events(conn: sqlite3.Connection, stored: Iterable[StoredEvent]) -> None:
    """Insert or replace events and their memberships. Call inside a transaction."""
    now = utc_now()
    for item in stored:
        event = item.event
        conn.execute(
            "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.id,
                event.date.isoformat() if event.date else None,
                event.date_precision,
                event.date_evidence,
                event.title,
                event.summary,
                item.centroid,
                now,
            ),
        )
        conn.executemany(
            "INSERT OR REPLACE INTO event_articles VALUES (?, ?, ?)",
            [(article_id, event.id, sim) for article_id, sim in item.similarities.items()],
        )


def load_events(
    conn: sqlite3.Connection, *, vectors: bool = True, ids: Iterable[str] | None = None
) -> list[StoredEvent]:
    """All events ordered by date (undated last), then id, with members ordered by article seq.

    ``vectors=False`` leaves each event's summed vector out (``centroid`` empty): for readers,
    which never compare events (on Timeline17 the vectors are 13 MB of the events' 14).
    ``ids`` reads only those events."""
    return list(iter_events(conn, vectors=vectors, ids=ids))


def iter_events(
    conn: sqlite3.Connection, *, vectors: bool = True, ids: Iterable[str] | None = None
) -> Iterator[StoredEvent]:
    """``load_events`` one event at a time: a caller turning each into something else (the
    build's event states) never holds every stored vector twice."""
    members: dict[str, dict[str, float]] = {}
    columns = "*" if vectors else _EVENT_COLUMNS
    if ids is None:
        rows: Iterable[sqlite3.Row] = conn.execute(
            "SELECT ea.event_id, ea.article_id, ea.similarity FROM event_articles ea"
            " JOIN articles a ON a.id = ea.article_id ORDER BY a.seq"
        )
        events: Iterable[sqlite3.Row] = []
    else:
        wanted = list(dict.fromkeys(ids))
        rows = rows_in(
            conn,
            "SELECT ea.event_id, ea.article_id, ea.similarity, a.seq FROM event_articles ea"
            " JOIN articles a ON a.id = ea.article_id WHERE ea.event_id",
            wanted,
        )
        rows = sorted(rows, key=lambda row: row[3])
        events = sorted(
            rows_in(conn, f"SELECT {columns} FROM events WHERE id", wanted),
            key=lambda row: (row["date"] is None, row["date"] or "", row["id"]),
        )
    for row in rows:
        members.setdefault(row[0], {})[row[1]] = float(row[2])
    if ids is None:
        events = conn.execute(f"SELECT {columns} FROM events ORDER BY date IS NULL, date, id")
    for row in events:
        yield _row_to_stored(row, members.get(row["id"], {}))


_EVENT_COLUMNS = "id, date, date_precision, date_evidence, title, summary, x'' AS centroid"


def _row_to_stored(row: sqlite3.Row, similarities: dict[str, float]) -> StoredEvent:
    event = Event(
        id=row["id"],
        date=date.fromisoformat(row["date"]) if row["date"] else None,
        date_precision=row["date_precision"],
        date_evidence=row["date_evidence"],
        title=row["title"],
        summary=row["summary"],
        article_ids=tuple(similarities),
    )
    return StoredEvent(event, bytes(row["centroid"]), similarities)


def event_of_article(conn: sqlite3.Connection, article_id: str) -> tuple[str, float] | None:
    """The event an article was placed in, and its similarity to that event."""
    row = conn.execute(
        "SELECT event_id, similarity FROM event_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return (row[0], float(row[1])) if row else None


def find_event_ids(conn: sqlite3.Connection, prefix: str) -> list[str]:
    """Event ids starting with ``prefix``."""
    rows = conn.execute("SELECT id FROM events WHERE id LIKE ? ORDER BY id", (prefix + "%",))
    return [row[0] for row in rows]


def published_dates(conn: sqlite3.Connection) -> dict[str, date | None]:
    """Every article's publication date (the event stage spans events with them)."""
    rows = conn.execute("SELECT id, published FROM articles")
    return {row[0]: date.fromisoformat(row[1]) if row[1] else None for row in rows}


def get_state(conn: sqlite3.Connection, key: str) -> bytes | None:
    """A value kept between builds (document frequencies, model names)."""
    row = conn.execute("SELECT value FROM build_state WHERE key = ?", (key,)).fetchone()
    return bytes(row[0]) if row else None


def put_state(conn: sqlite3.Connection, key: str, value: bytes) -> None:
    """Keep a value for the next build. Call inside a transaction."""
    conn.execute("INSERT OR REPLACE INTO build_state VALUES (?, ?)", (key, value))


def load_event_ids(conn: sqlite3.Connection) -> list[str]:
    """Every event id (cheap: no members, no centroids)."""
    return [row[0] for row in conn.execute("SELECT id FROM events ORDER BY id")]


def clear_events(conn: sqlite3.Connection) -> None:
    """Forget every event and membership, so the next build groups all articles afresh.

    Call inside a transaction.
    """
    conn.execute("DELETE FROM event_articles")
    conn.execute("DELETE FROM events")


def delete_state(conn: sqlite3.Connection, key: str) -> None:
    """Forget a value kept between builds. Call inside a transaction."""
    conn.execute("DELETE FROM build_state WHERE key = ?", (key,))


def delete_events(conn: sqlite3.Connection, event_ids: Iterable[str]) -> None:
    """Remove events merged into others (their members already moved). Call inside a transaction."""
    conn.executemany("DELETE FROM events WHERE id = ?", [(event_id,) for event_id in event_ids])
