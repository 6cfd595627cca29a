"""Articles in and out of the store: round trip, one article with many sources."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dateline.model import Article, PublishedDate, RemovedLine
from dateline.store import connect, transaction
from dateline.store.articles import add_articles, article_sources, load_articles, source_counts


def _article(path: str, **changes: object) -> Article:
    base = Article(
        id="a1",
        path=path,
        text="The dam held.",
        source_format="text",
        title="Dam holds",
        outlet="Valley Courier",
        published=PublishedDate(date(2025, 3, 4), "day", "dateline: '4 March 2025'"),
        language="en",
        flags=("has-captions",),
        removed=(RemovedLine(1, "© CP/J. Marsh", "caption"),),
    )
    return base if not changes else Article(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    conn = connect(str(tmp_path / "s.db"))
    with transaction(conn):
        result = add_articles(conn, [_article("a.txt")])
    assert result.new_ids == ("a1",)
    [loaded] = load_articles(conn)
    assert loaded == _article("a.txt")


def test_same_article_twice_is_stored_once_with_two_sources(tmp_path: Path) -> None:
    conn = connect(str(tmp_path / "s.db"))
    with transaction(conn):
        add_articles(conn, [_article("a.txt")])
    with transaction(conn):
        result = add_articles(
            conn, [_article("reprint.txt", outlet="Daily Meridian"), _article("a.txt")]
        )
    assert result.new_ids == () and result.seen_again_ids == ("a1", "a1")
    assert len(load_articles(conn)) == 1
    assert [s.path for s in article_sources(conn, "a1")] == ["a.txt", "reprint.txt"]
    assert source_counts(conn) == {"a1": 2}
