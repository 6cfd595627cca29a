"""Opening, migrating and refusing stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dateline.store import StoreError, connect, transaction
from dateline.store.db import read_snapshot
from dateline.store.schema import LATEST_VERSION


def test_new_store_is_wal_and_migrated(tmp_path: Path) -> None:
    conn = connect(str(tmp_path / "s.db"))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations")]
    assert versions == list(range(1, LATEST_VERSION + 1))
    conn.close()
    again = connect(str(tmp_path / "s.db"))  # reopening applies nothing twice
    assert again.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == LATEST_VERSION


def test_store_from_a_newer_dateline_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    connect(path).execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    with pytest.raises(StoreError, match="newer than this dateline"):
        connect(path)


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        connect(str(tmp_path / "no" / "s.db"))


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    conn = connect(str(tmp_path / "s.db"))
    with pytest.raises(RuntimeError), transaction(conn):
        conn.execute("INSERT INTO build_state VALUES ('k', x'00')")
        raise RuntimeError("boom")
    assert conn.execute("SELECT COUNT(*) FROM build_state").fetchone()[0] == 0
    assert isinstance(conn, sqlite3.Connection)


def test_a_read_snapshot_sees_the_store_as_it_was(tmp_path: Path) -> None:
    """Reads inside ``read_snapshot`` all see the rows of its first read, though another
    connection writes meanwhile (a merge reads the mentions twice); inside a transaction
    already, that one is kept."""
    reader = connect(str(tmp_path / "s.db"))
    writer = connect(str(tmp_path / "s.db"))

    def count() -> int:
        return int(reader.execute("SELECT COUNT(*) FROM build_state").fetchone()[0])

    with read_snapshot(reader):
        assert count() == 0
        with transaction(writer):
            writer.execute("INSERT INTO build_state VALUES ('k', x'00')")
        assert count() == 0
    assert not reader.in_transaction
    assert count() == 1
    with transaction(reader), read_snapshot(reader):
        reader.execute("INSERT INTO build_state VALUES ('j', x'00')")
    assert count() == 2
    with pytest.raises(RuntimeError), read_snapshot(reader):
        raise RuntimeError("boom")
    assert not reader.in_transaction
