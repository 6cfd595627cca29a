"""Time expressions and date estimates in the store; retagging when the tagger changes."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from dateline import pipeline
from dateline.dates.mentions import STAGE
from dateline.model import Article, DateEstimate, TimeMention
from dateline.stages import StageVersion
from dateline.store import connect, transaction
from dateline.store.articles import add_articles, load_articles
from dateline.store.db import migrate
from dateline.store.schema import MIGRATIONS
from dateline.store.stages import pending_article_ids
from dateline.store.times import load_estimates, load_times, save_estimates, save_times
from tests.factories import make_article

LEAD = "Ministers of Veldoria and Ostrand signed the Mirel water accord in Lunesse on Tuesday."


def _article(ident: str, text: str = LEAD) -> Article:
    return make_article(ident, text, date(2025, 5, 8))


def test_times_round_trip_and_replace(tmp_path: Path) -> None:
    conn = connect(str(tmp_path / "s.db"))
    mention = TimeMention(0, 78, 85, "Tuesday", "DATE", "2025-05-06")
    later = TimeMention(0, 0, 7, "Ministers", "DATE", "2025-05-07")
    with transaction(conn):
        add_articles(conn, [_article("a"), _article("b", "Another text.")])
    with transaction(conn):
        save_times(conn, {"a": [mention, later], "b": []})
    with transaction(conn):
        save_times(conn, {"a": [mention]})
    assert load_times(conn) == {"a": (mention,)}
    assert load_articles(conn, ["a"])[0].times == (mention,)


def test_estimates_round_trip_and_none_removes(tmp_path: Path) -> None:
    conn = connect(str(tmp_path / "s.db"))
    estimate = DateEstimate(date(2025, 5, 6), date(2025, 5, 9), "same event as 2 dated reports")
    with transaction(conn):
        add_articles(conn, [_article("a")])
        save_estimates(conn, {"a": estimate})
    assert load_estimates(conn) == {"a": estimate}
    with transaction(conn):
        save_estimates(conn, {"a": None})
    assert load_estimates(conn) == {}


def test_build_tags_times_and_a_new_tagger_version_retags_and_redates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = connect(str(tmp_path / "s.db"))
    with transaction(conn):
        add_articles(conn, [_article("a")])
    pipeline.build(conn)
    [article] = load_articles(conn)
    assert [m.value for m in article.times] == ["2025-05-06"]
    event_day = conn.execute("SELECT date FROM events").fetchone()[0]
    assert event_day == "2025-05-06"
    conn.execute("UPDATE events SET date = NULL")  # a stale date the retag must repair
    next_tagger = StageVersion(STAGE.name, "timex-test-next")
    monkeypatch.setattr(pipeline, "TIMES_STAGE", next_tagger)
    report = pipeline.build(conn)
    assert report.events_changed == 1
    assert conn.execute("SELECT date FROM events").fetchone()[0] == "2025-05-06"
    assert pending_article_ids(conn, next_tagger) == []
    [run] = [run for run in report.stages if run.name == STAGE.name]
    assert (run.articles, run.redone) == (1, {STAGE.version: 1})


def test_a_version_1_store_is_migrated_and_its_articles_tagged(tmp_path: Path) -> None:
    path = str(tmp_path / "old.db")
    old = sqlite3.connect(path)
    old.execute(
        "CREATE TABLE schema_migrations ("
        "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    old.executescript(MIGRATIONS[0].sql)
    old.execute("INSERT INTO schema_migrations VALUES (1, 'v1', 'then')")
    old.execute(
        "INSERT INTO articles (id, seq, path, text, source_format, published,"
        " published_precision, ingested_at) VALUES ('a', 1, 'a.txt', ?, 'text', '2025-05-08',"
        " 'day', 'then')",
        (LEAD,),
    )
    old.commit()
    old.close()
    conn = connect(path)
    migrate(conn)
    assert pending_article_ids(conn, STAGE) == ["a"]
    pipeline.build(conn)
    assert load_articles(conn)[0].times[0].text == "Tuesday"
