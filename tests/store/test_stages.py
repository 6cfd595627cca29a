"""Stage versions: what a build redoes, the record of it, and stores made before the record."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import numpy as np

from dateline import pipeline
from dateline.dates.mentions import STAGE as TIMES
from dateline.grouping.sparse import grouping_stage
from dateline.settings import EventWindow
from dateline.stages import StageRun, StageVersion
from dateline.store import connect, transaction
from dateline.store.articles import add_articles
from dateline.store.db import migrate
from dateline.store.schema import MIGRATIONS
from dateline.store.stages import (
    corpus_version,
    earlier_versions,
    forget_stage,
    mark_done,
    pending_article_ids,
    record_corpus_version,
)
from tests.factories import make_article

LEAD = "Ministers of Veldoria and Ostrand signed the Mirel water accord in Lunesse on Tuesday."
V1 = StageVersion("entities", "v1")


def _store(tmp_path: Path) -> sqlite3.Connection:
    conn = connect(str(tmp_path / "s.db"))
    with transaction(conn):
        add_articles(conn, [make_article(i, f"{LEAD} ({i})", date(2025, 5, 8)) for i in "ab"])
    return conn


def test_pending_articles_follow_the_recorded_version(tmp_path: Path) -> None:
    conn = _store(tmp_path)
    assert pending_article_ids(conn, V1) == ["a", "b"]
    with transaction(conn):
        mark_done(conn, ["a"], V1)
    assert pending_article_ids(conn, V1) == ["b"]
    v2 = StageVersion("entities", "v2")
    assert pending_article_ids(conn, v2) == ["a", "b"]
    assert earlier_versions(conn, v2) == {"v1": 1}
    assert pending_article_ids(conn, StageVersion("quotes", "v1")) == ["a", "b"]
    with transaction(conn):
        mark_done(conn, ["a", "b"], v2)
    assert earlier_versions(conn, v2) == {}
    with transaction(conn):
        forget_stage(conn, "entities")
    assert pending_article_ids(conn, v2) == ["a", "b"]


def test_corpus_versions_are_one_per_store(tmp_path: Path) -> None:
    conn = _store(tmp_path)
    assert corpus_version(conn, "grouping") is None
    with transaction(conn):
        record_corpus_version(conn, StageVersion("grouping", "g1", "corpus"))
    assert corpus_version(conn, "grouping") == "g1"


def test_the_build_says_what_it_read_and_why(tmp_path: Path) -> None:
    conn = _store(tmp_path)
    first = pipeline.build(conn, skip=("entities", "provenance", "dense"))
    assert [(r.name, r.articles, r.redone) for r in first.stages] == [(TIMES.name, 2, {})]
    again = pipeline.build(conn, skip=("entities", "provenance", "dense"))
    assert [r.articles for r in again.stages] == [0]
    assert again.summary_lines()[-1].startswith("placed 0 new articles")
    run = StageRun("times", "timex-9", 3, {"timex-2": 2})
    assert run.describe() == "times (timex-9): read 3 article(s), 2 of them again (made by timex-2)"
    mixed = StageRun("times", "timex-9", 3, {"timex-2": 2, "timex-1": 1})
    assert mixed.describe().endswith("3 of them again (1 made by timex-1, 2 made by timex-2)")


def test_a_version_6_store_keeps_what_its_stages_did(tmp_path: Path) -> None:
    """Before migration 7 the tagger version was a column of ``articles``, the dense model a
    column of the vectors, and the grouping version a ``representation`` state: the migration
    moves each to the one record, so the first build after it redoes nothing."""
    path = str(tmp_path / "old.db")
    old = sqlite3.connect(path)
    old.execute(
        "CREATE TABLE schema_migrations ("
        "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    for migration in MIGRATIONS[:6]:
        old.executescript(migration.sql)
        old.execute("INSERT INTO schema_migrations VALUES (?, 'old', 'then')", (migration.version,))
    old.execute(
        "INSERT INTO articles (id, seq, path, text, source_format, published, published_precision,"
        " ingested_at, times_version) VALUES ('a', 1, 'a.txt', ?, 'text', '2025-05-08', 'day',"
        " 'then', ?)",
        (LEAD, TIMES.version),
    )
    vector = np.zeros(4, dtype="<f4").tobytes()
    old.execute("INSERT INTO article_embeddings VALUES ('a', 'old-model', ?)", (vector,))
    grouping = grouping_stage(None).version
    old.execute("INSERT INTO build_state VALUES ('representation', ?)", (grouping.encode(),))
    old.commit()
    old.close()
    conn = connect(path)
    migrate(conn)
    assert pending_article_ids(conn, TIMES) == []
    assert earlier_versions(conn, StageVersion("dense", "new-model")) == {"old-model": 1}
    assert corpus_version(conn, "grouping") == grouping
    columns = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
    assert "times_version" not in columns
    report = pipeline.build(conn, skip=("entities", "provenance", "dense"))
    assert [r.articles for r in report.stages] == [0]
    assert report.regrouped_from is None


def test_a_new_event_window_regroups_the_store(tmp_path: Path) -> None:
    conn = _store(tmp_path)
    pipeline.build(conn, skip=("entities", "provenance", "dense"))
    wide = EventWindow(grace_days=10)
    report = pipeline.build(conn, skip=("entities", "provenance", "dense"), events=wide)
    assert report.regrouped_from == grouping_stage(None).version
    assert report.articles_placed == 2
    assert corpus_version(conn, "grouping") == grouping_stage(None, wide).version
    again = pipeline.build(conn, skip=("entities", "provenance", "dense"), events=wide)
    assert (again.regrouped_from, again.articles_placed) == (None, 0)
