"""Entity mentions, quotes, style flags and provenance links in the store."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from dateline.model import Article, EntityMention, PublishedDate, Quote, StyleFlag
from dateline.store import connect, transaction
from dateline.store.analysis import (
    StoredLink,
    iter_mentions,
    load_flags,
    load_links,
    load_mentions,
    load_quotes,
    save_flags,
    save_links,
    save_mentions,
    save_quotes,
)
from dateline.store.articles import add_articles


def _store(tmp_path: Path) -> sqlite3.Connection:
    conn = connect(str(tmp_path / "s.db"))
    articles = [
        Article(
            id=ident,
            path=f"{ident}.txt",
            text="Foreign Minister Anna Kovac said the talks were over.",
            source_format="text",
            published=PublishedDate(date(2025, 4, 8), "day", "test"),
        )
        for ident in ("a", "b")
    ]
    with transaction(conn):
        add_articles(conn, articles)
    return conn


def test_mentions_quotes_flags_and_links_round_trip_and_replace(tmp_path: Path) -> None:
    conn = _store(tmp_path)
    mention = EntityMention(17, 27, "Anna Kovac", "person", "Anna Kovac", "Foreign Minister")
    quote = Quote(33, 52, "the talks were over", "reported", "Anna Kovac", "Anna Kovac", "said")
    flag = StyleFlag("spun", 0.8, ('"Russian Federation" for Russia',))
    link = StoredLink("b", "a", "copy", 0.97, {"derived_coverage": 1.0})
    with transaction(conn):
        save_mentions(conn, {"a": [mention]})
        save_quotes(conn, {"a": [quote]})
        save_flags(conn, {"b": [flag]})
        save_links(conn, ["b"], [link])
    assert load_mentions(conn) == {"a": (mention,)}
    assert load_quotes(conn, ["a", "b"]) == {"a": (quote,)}
    assert load_flags(conn) == {"b": (flag,)}
    assert load_links(conn, "a") == [link]
    with transaction(conn):
        save_mentions(conn, {"a": []})
        save_links(conn, ["b"], [])
    assert load_mentions(conn) == {}
    assert load_links(conn) == []


def test_mentions_read_in_batches_come_as_load_mentions_gives_them(tmp_path: Path) -> None:
    """Articles in the order of their first stored row (not by id: "b" is stored first, and
    "a" again after it), each article's mentions in text order, whatever the batch."""
    conn = _store(tmp_path)
    kovac = EntityMention(17, 27, "Anna Kovac", "person", "Anna Kovac", "Foreign Minister")
    minister = EntityMention(0, 16, "Foreign Minister", "other", "Foreign Minister")
    with transaction(conn):
        save_mentions(conn, {"a": [kovac]})
        save_mentions(conn, {"b": [kovac, minister]})
        save_mentions(conn, {"a": [kovac, minister]})  # stored again, after b
    held = list(load_mentions(conn).items())
    assert [article_id for article_id, _ in held] == ["b", "a"]
    assert held[0][1] == (minister, kovac)
    for batch in (1, 2, 1000):
        assert list(iter_mentions(conn, batch)) == held
    (tmp_path / "empty").mkdir()
    assert list(iter_mentions(_store(tmp_path / "empty"))) == []
