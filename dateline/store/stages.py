"""Which version of each stage produced what the store holds (``dateline.stages``).

Per-article stages write one row per article in ``article_stages`` (article, stage, version)
in the same transaction as the article's results, so a build killed half way leaves exactly
the unrecorded articles to do. Corpus stages keep one version in ``build_state`` under
``stage:NAME``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from dateline.stages import StageVersion
from dateline.store.events import get_state, put_state

_CORPUS_KEY = "stage:{}"


def pending_article_ids(conn: sqlite3.Connection, stage: StageVersion) -> list[str]:
    """Articles the stage has not read at its current version, in ingest order."""
    rows = conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN article_stages s"
        " ON s.article_id = a.id AND s.stage = ? WHERE s.version IS NULL OR s.version != ?"
        " ORDER BY a.seq",
        (stage.name, stage.version),
    )
    return [row[0] for row in rows]


def earlier_versions(conn: sqlite3.Connection, stage: StageVersion) -> dict[str, int]:
    """Articles per other version of the stage: what a build reads again, and why."""
    rows = conn.execute(
        "SELECT version, COUNT(*) FROM article_stages WHERE stage = ? AND version != ?"
        " GROUP BY version",
        (stage.name, stage.version),
    )
    return {str(row[0]): int(row[1]) for row in rows}


def mark_done(conn: sqlite3.Connection, ids: Iterable[str], stage: StageVersion) -> None:
    """Record that ``stage`` at its version produced these articles' rows. In a transaction."""
    conn.executemany(
        "INSERT OR REPLACE INTO article_stages VALUES (?, ?, ?)",
        [(article_id, stage.name, stage.version) for article_id in ids],
    )


def forget_stage(conn: sqlite3.Connection, name: str) -> None:
    """Forget every record of stage ``name``, so it reads every article again. In a transaction."""
    conn.execute("DELETE FROM article_stages WHERE stage = ?", (name,))


def corpus_version(conn: sqlite3.Connection, name: str) -> str | None:
    """The version of corpus stage ``name`` that produced the store's rows (None: never ran)."""
    value = get_state(conn, _CORPUS_KEY.format(name))
    return value.decode() if value is not None else None


def record_corpus_version(conn: sqlite3.Connection, stage: StageVersion) -> None:
    """Record the corpus stage's version after it wrote its rows. In a transaction."""
    put_state(conn, _CORPUS_KEY.format(stage.name), stage.version.encode())
