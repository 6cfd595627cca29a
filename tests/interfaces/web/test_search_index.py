"""The full-text index (dateline/store/search.py): made on first use, kept up to date with new
articles, safe against FTS5 query syntax, and a LIKE scan where FTS5 or writing is missing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dateline import api
from dateline.store import search as search_module
from dateline.store.db import LATEST_VERSION, schema_version
from dateline.store.search import TABLE, ensure_index, query_terms, search


def _store(tmp_path: Path, texts: dict[str, str]) -> sqlite3.Connection:
    folder = tmp_path / "news"
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    conn = api.open_store(str(tmp_path / "news.db"))
    api.ingest(conn, [str(folder)])
    return conn


TEXTS = {
    "dam": "Karsk Dam spillway opens\n\nThe Karsk Dam opened its spillway on Monday.",
    "talks": "Lunesse talks resume\n\nMediators in Lunesse said talks on the Mirel River resume.",
    "café": "Tessel café reopens\n\nThe riverside café in Tessel reopened after the flood.",
}


def _ids(hits: list[search_module.Hit]) -> set[str]:
    return {hit.article_id for hit in hits}


def test_index_is_made_on_first_search_and_follows_new_articles(tmp_path: Path) -> None:
    conn = _store(tmp_path, TEXTS)
    try:
        exists = "SELECT 1 FROM sqlite_master WHERE name = ?"
        assert conn.execute(exists, (TABLE,)).fetchone() is None
        assert len(search(conn, "spillway")) == 1
        assert conn.execute(exists, (TABLE,)).fetchone() is not None
        assert len(search(conn, "karsk dam")) == 1 and search(conn, "karsk talks") == []
        assert len(search(conn, "cafe")) == 1, "diacritics folded"
        assert len(search(conn, "spill")) == 1, "the last word is a prefix"
        assert schema_version(conn) == LATEST_VERSION, "not a migration"
        (tmp_path / "news" / "more.txt").write_text(
            "Spillway closes\n\nThe Karsk spillway closed on Friday as the river fell.",
            encoding="utf-8",
        )
        api.ingest(conn, [str(tmp_path / "news")])
        assert len(search(conn, "spillway")) == 2
    finally:
        conn.close()
    reopened = api.open_store(str(tmp_path / "news.db"))  # a store with the index still opens
    try:
        assert len(search(reopened, "spillway")) == 2
    finally:
        reopened.close()


@pytest.mark.parametrize(
    "query",
    ['"', "NEAR(karsk dam)", "karsk OR", "*", "-karsk", "title:karsk", "karsk^", "'; DROP TABLE x"],
)
def test_query_syntax_cannot_be_typed_in(tmp_path: Path, query: str) -> None:
    conn = _store(tmp_path, TEXTS)
    try:
        search(conn, query)  # no sqlite3.OperationalError: only words reach MATCH
    finally:
        conn.close()
    assert all(term.isalnum() or "_" in term for term in query_terms(query))


def test_scan_without_fts5(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = _store(tmp_path, TEXTS)
    monkeypatch.setattr(search_module, "fts5_available", lambda conn: False)
    try:
        assert not ensure_index(conn)
        assert len(search(conn, "SPILLWAY karsk")) == 1
        assert search(conn, "100%") == [] and search(conn, "a_b") == []
    finally:
        conn.close()


def test_scan_when_the_store_cannot_be_written(tmp_path: Path) -> None:
    conn = _store(tmp_path, TEXTS)
    try:
        conn.execute("PRAGMA query_only = ON")
        assert not ensure_index(conn)
        assert len(search(conn, "lunesse")) == 1
    finally:
        conn.close()


def test_query_terms() -> None:
    assert query_terms("  Karsk, karsk DAM!  ") == ["karsk", "dam"]
    assert query_terms("") == [] and query_terms('"*()') == []
    assert len(query_terms(" ".join(f"w{n}" for n in range(40)))) == search_module.MAX_TERMS


def test_a_build_brings_the_index_up_to_date(tmp_path: Path) -> None:
    """So that a reader (``dateline serve``) never writes to the store to search it."""
    conn = _store(tmp_path, TEXTS)
    try:
        api.build(conn, ("entities", "provenance", "dense"))
        before = conn.total_changes
        assert len(search(conn, "spillway")) == 1
        assert conn.total_changes == before, "the search wrote to the store"
    finally:
        conn.close()
