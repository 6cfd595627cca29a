"""A build groups new articles in date-ordered chunks: memory for one chunk, same events."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dateline import pipeline
from dateline.store import connect, transaction
from dateline.store.articles import add_articles
from dateline.store.events import load_events
from tests.factories import make_article

REPORTS = {
    "spill": "Floodwater spilled over the Karsk Dam on the Mirel River, forcing the evacuation of "
    "1,200 residents of Lowmarsh, regional officials said on {day}.",
    "talks": "Foreign ministers of Veldoria and Ostrand met in Carrow for mediated talks on "
    "sharing the waters of the Mirel River, chaired by Ines Barrow, on {day}.",
}


def _partition(tmp_path: Path, name: str) -> list[list[str]]:
    conn = connect(str(tmp_path / f"{name}.db"))
    articles = []
    for n in range(4):
        for key, text in REPORTS.items():
            day = date(2025, 3, 4 + n % 2) if key == "spill" else date(2025, 3, 20 + n % 2)
            articles.append(make_article(f"{key}-{n}", text.format(day=f"day {n}"), day))
    with transaction(conn):
        add_articles(conn, list(reversed(articles)))  # stored out of date order
    report = pipeline.build(conn, skip=("entities", "provenance", "dense"))
    assert report.articles_placed == len(articles)
    return sorted(sorted(item.event.article_ids) for item in load_events(conn))


def test_chunks_of_three_give_the_events_one_pass_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _partition(tmp_path, "whole")
    monkeypatch.setattr(pipeline, "GROUP_CHUNK", 3)
    assert _partition(tmp_path, "chunked") == whole
    assert len(whole) == 2


def test_no_new_articles_is_one_empty_chunk() -> None:
    assert pipeline._date_ordered_chunks([], {}) == [[]]


def _stored_rows(tmp_path: Path, name: str) -> list[tuple[object, ...]]:
    _partition(tmp_path, name)
    conn = connect(str(tmp_path / f"{name}.db"))
    rows = [
        (
            item.event.id,
            item.event.date,
            item.event.title,
            item.centroid,
            [*item.similarities.items()],
        )
        for item in load_events(conn)
    ]
    rows += [tuple(row) for row in conn.execute("SELECT id, counts, details FROM stories")]
    return [*rows, *[tuple(r) for r in conn.execute("SELECT * FROM event_articles")]]


def test_events_carried_between_chunks_are_what_the_store_would_give_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "GROUP_CHUNK", 3)
    carried = _stored_rows(tmp_path, "carried")
    grouped = pipeline.group_articles

    def reading_back(*args: Any) -> tuple[set[str], pipeline.StoredStates]:
        return grouped(*args[:7])  # no events carried: every chunk reads them from the store

    monkeypatch.setattr(pipeline, "group_articles", reading_back)
    assert _stored_rows(tmp_path, "read-back") == carried
