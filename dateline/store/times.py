"""Time expressions per article and estimated dates (the tagger version is in ``store.stages``)."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from dateline.model import DateEstimate, TimeMention
from dateline.store.db import rows_in


def save_times(conn: sqlite3.Connection, times: Mapping[str, Sequence[TimeMention]]) -> None:
    """Replace the time expressions of these articles. Call inside a transaction."""
    for article_id, mentions in times.items():
        conn.execute("DELETE FROM article_times WHERE article_id = ?", (article_id,))
        conn.executemany(
            "INSERT OR IGNORE INTO article_times VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, m.start, m.sentence, m.end, m.text, m.type, m.value, m.mod)
                for m in mentions
            ],
        )


def load_times(
    conn: sqlite3.Connection, ids: Iterable[str] | None = None
) -> dict[str, tuple[TimeMention, ...]]:
    """Time expressions by article id (all articles, or the given ones), in text order.

    Read row by row, their often repeated words, types and values sharing one string each
    (``sys.intern``): a build reads those of 5,000 articles at a time, about 56 an article."""
    query = "SELECT * FROM article_times"
    rows: Iterable[sqlite3.Row]
    if ids is None:
        rows = conn.execute(query + " ORDER BY article_id, start_offset")
    else:
        rows = rows_in(conn, f"{query} WHERE article_id", ids)
        rows.sort(key=lambda row: (row["article_id"], row["start_offset"]))
    grouped: dict[str, list[TimeMention]] = {}
    for row in rows:
        mod = row["mod"]
        grouped.setdefault(row["article_id"], []).append(
            TimeMention(
                row["sentence"],
                row["start_offset"],
                row["end_offset"],
                sys.intern(row["text"]),
                sys.intern(row["type"]),
                sys.intern(row["value"]),
                None if mod is None else sys.intern(mod),
            )
        )
    return {key: tuple(found) for key, found in grouped.items()}


def save_estimates(conn: sqlite3.Connection, estimates: Mapping[str, DateEstimate | None]) -> None:
    """Replace the estimated dates of these articles (None removes one). In a transaction."""
    for article_id, estimate in estimates.items():
        conn.execute("DELETE FROM article_estimates WHERE article_id = ?", (article_id,))
        if estimate is not None:
            conn.execute(
                "INSERT INTO article_estimates VALUES (?, ?, ?, ?)",
                (
                    article_id,
                    estimate.earliest.isoformat(),
                    estimate.latest.isoformat(),
                    estimate.evidence,
                ),
            )


def load_estimates(conn: sqlite3.Connection) -> dict[str, DateEstimate]:
    """Every stored date estimate by article id."""
    rows = conn.execute("SELECT * FROM article_estimates")
    return {
        row["article_id"]: DateEstimate(
            date.fromisoformat(row["earliest"]), date.fromisoformat(row["latest"]), row["evidence"]
        )
        for row in rows
    }
