"""Opening a store: SQLite in WAL mode, foreign keys on, migrations applied.

WAL lets a reader (the CLI listing events, the web app later) work while a build writes, and a
crash in the middle of a batch loses only that batch: every batch is one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from dateline.store.schema import LATEST_VERSION, MIGRATIONS


class StoreError(RuntimeError):
    """The store cannot be opened or is from a newer dateline."""


def connect(path: str) -> sqlite3.Connection:
    """Open (creating if needed) the SQLite store at ``path`` and bring its schema up to date."""
    if path != ":memory:":
        parent = Path(path).parent
        if not parent.exists():
            raise StoreError(f"{path}: directory {parent} does not exist")
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a dateline store or damaged ({exc})") from exc
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic unit of work: committed when the block ends, rolled back if it raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def schema_version(conn: sqlite3.Connection) -> int:
    """The highest migration applied to this store (0 for a new one)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> None:
    """Apply every migration newer than the store, each in its own transaction."""
    current = schema_version(conn)
    if current > LATEST_VERSION:
        raise StoreError(
            f"store schema version {current} is newer than this dateline ({LATEST_VERSION})"
        )
    for migration in MIGRATIONS:
        if migration.version <= current:
            continue
        with transaction(conn):
            for statement in migration.sql.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                (migration.version, migration.description, utc_now()),
            )


def utc_now() -> str:
    """The current UTC time as ISO text, for the ``*_at`` columns."""
    return datetime.now(UTC).isoformat(timespec="seconds")


IN_CHUNK = 500
"""Ids per ``IN (...)`` list, under SQLite's limit on bound variables."""


def rows_in(
    conn: sqlite3.Connection, query: str, ids: Iterable[str], params: Sequence[object] = ()
) -> list[sqlite3.Row]:
    """The rows of ``{query} IN (ids)``, queried ``IN_CHUNK`` ids at a time.

    ``query`` ends where the list goes ("SELECT * FROM t WHERE id"); ``params`` bind any
    placeholders before it. Rows come in no particular order.
    """
    wanted = list(ids)
    rows: list[sqlite3.Row] = []
    for start in range(0, len(wanted), IN_CHUNK):
        chunk = wanted[start : start + IN_CHUNK]
        marks = ",".join("?" * len(chunk))
        rows += conn.execute(f"{query} IN ({marks})", (*params, *chunk)).fetchall()
    return rows
