"""Opening a store: SQLite in WAL mode, foreign keys on, migrations applied.

WAL lets a reader (the CLI listing events, the web app later) work while a build writes, and a
crash in the middle of a batch loses only that batch: every batch is one transaction.

Several processes may open, create and write one store at once (two ingests, an ingest during a
build, a timeline read during either): a writer waits up to ``BUSY_TIMEOUT`` seconds for
another's transaction, and the schema version is read and migrated inside one write
transaction, so two processes creating a new store never both apply the same migration.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from dateline.store.schema import LATEST_VERSION, MIGRATIONS

BUSY_TIMEOUT = 60.0
"""Seconds a statement waits for another process's write transaction before "database is
locked" (SQLite's busy handler), and the bound on retrying the opening of a busy store. Build
and ingest transactions are one batch each, seconds at most."""


class StoreError(RuntimeError):
    """The store cannot be opened or is from a newer dateline."""


def connect(path: str, *, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """Open (creating if needed) the SQLite store at ``path`` and bring its schema up to date.

    Safe while other processes open, create or write the same store: a lock held by another
    (SQLite's "database is locked", which WAL recovery and journal-mode changes report without
    waiting) is retried until ``busy_timeout`` seconds have passed.
    """
    if path != ":memory:":
        parent = Path(path).parent
        if not parent.exists():
            raise StoreError(f"{path}: directory {parent} does not exist")
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            return _open(path, busy_timeout)
        except sqlite3.OperationalError as exc:
            if not _busy(exc) or time.monotonic() >= deadline:
                raise StoreError(f"{path}: {_reason(exc)}") from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a dateline store or damaged ({exc})") from exc
        time.sleep(random.uniform(0.01, 0.05))  # jitter: racing openers do not retry in step


def _open(path: str, busy_timeout: float) -> sqlite3.Connection:
    """One attempt at opening and migrating; closes the connection when it fails."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout)
    try:
        conn.row_factory = sqlite3.Row
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode=WAL")  # once per store: the mode is kept in it
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _busy(exc: sqlite3.OperationalError) -> bool:
    """Whether ``exc`` says another connection holds a lock (worth waiting for)."""
    message = str(exc).lower()
    return "locked" in message or "busy" in message


def _reason(exc: sqlite3.OperationalError) -> str:
    if _busy(exc):
        return f"the store stayed locked by another process ({exc})"
    return f"not a dateline store or damaged ({exc})"


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic unit of work: committed when the block ends, rolled back if it raises."""
    with _begun(conn, "BEGIN IMMEDIATE"):
        yield conn


@contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Reads that all see the store as it was at the first of them (a deferred transaction:
    WAL lets a build write meanwhile), for readers that read the same rows twice. Inside a
    transaction already, that one is the snapshot."""
    if conn.in_transaction:
        yield conn
        return
    with _begun(conn, "BEGIN"):
        yield conn


@contextmanager
def _begun(conn: sqlite3.Connection, begin: str) -> Iterator[None]:
    conn.execute(begin)
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def schema_version(conn: sqlite3.Connection) -> int:
    """The highest migration applied to this store (0 for a new one); only reads."""
    known = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if known is None:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> None:
    """Apply every migration newer than the store, in one write transaction.

    The version is read again inside that transaction (``BEGIN IMMEDIATE``, which waits for any
    other writer): another process may have migrated the store since the first read, and
    reading outside the lock let two processes creating a new store both apply migration 1
    ("table articles already exists"). An up-to-date store is opened without taking the lock.
    """
    if _check_version(conn) == LATEST_VERSION:
        return
    with transaction(conn):
        current = _check_version(conn)
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        for migration in MIGRATIONS:
            if migration.version <= current:
                continue
            for statement in migration.sql.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                (migration.version, migration.description, utc_now()),
            )


def _check_version(conn: sqlite3.Connection) -> int:
    """The store's schema version; StoreError when a newer dateline made it."""
    current = schema_version(conn)
    if current > LATEST_VERSION:
        raise StoreError(
            f"store schema version {current} is newer than this dateline ({LATEST_VERSION})"
        )
    return current


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
