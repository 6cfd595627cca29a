"""Stories: each story's summed vector and per-event links (``stories.encode_state``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from dateline.store.db import utc_now


def save_stories(conn: sqlite3.Connection, rows: Iterable[tuple[str, bytes, str]]) -> None:
    """Replace every story with ``(id, counts, details)`` rows. Call inside a transaction."""
    now = utc_now()
    conn.execute("DELETE FROM stories")
    conn.executemany(
        "INSERT INTO stories VALUES (?, ?, ?, ?)",
        [(story_id, counts, details, now) for story_id, counts, details in rows],
    )


def load_stories(conn: sqlite3.Connection) -> list[tuple[str, bytes, str]]:
    """Every stored story as ``(id, counts, details)``, by id."""
    rows = conn.execute("SELECT id, counts, details FROM stories ORDER BY id")
    return [(row[0], bytes(row[1]), row[2]) for row in rows]


def clear_stories(conn: sqlite3.Connection) -> None:
    """Forget every story (the events they threaded were regrouped). Call inside a transaction."""
    conn.execute("DELETE FROM stories")
