"""Timeline summarisation on small invented articles."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from dateline.eval.tls_data import DATA, load_newstls_topic, tasks
from dateline.eval.tls_metrics import score_timeline
from dateline.tls import (
    Article,
    DayMention,
    build_timeline,
    date_sentences,
    explicit_dater,
    summarise,
    timex_dater,
)

MAR = dt.date(2022, 3, 1)


def _articles() -> list[Article]:
    texts = [
        ("a1", MAR, "The Harbour Bridge collapsed on March 1, 2022, after a barge struck a pier.\n"
         "Divers searched the river for hours while crowds gathered on the banks."),
        ("a2", MAR, "A barge struck a pier and the Harbour Bridge collapsed into the river.\n"
         "City officials closed every road leading to the harbour district."),
        ("a3", dt.date(2022, 3, 9), "Engineers said the Harbour Bridge collapse on March 1, 2022, "
         "was caused by a barge striking a pier.\nThe mayor promised that a new bridge would be "
         "designed by March 20, 2022."),
        ("a4", dt.date(2022, 3, 20), "The mayor unveiled the new bridge design at city hall "
         "before a packed audience.\nConstruction of the new bridge should take two years."),
        ("a5", dt.date(2022, 3, 21), "Critics said the new bridge design unveiled at city hall "
         "was far too expensive.\nThe council will vote on the budget in April."),
    ]  # fmt: skip
    return [Article(i, text, day) for i, day, text in texts]


def test_explicit_dater_reads_written_dates() -> None:
    found = explicit_dater("It fell on March 1, 2022 and 2022-03-05 too.", MAR)
    assert [m.day for m in found] == [dt.date(2022, 3, 1), dt.date(2022, 3, 5)]


def test_sentences_get_mentioned_days_or_none() -> None:
    dated = date_sentences(_articles()[2:3], explicit_dater)
    assert [s.mentions for s in dated] == [(dt.date(2022, 3, 1),), (dt.date(2022, 3, 20),)]


def test_dater_is_injectable() -> None:
    def always_may(text: str, published: dt.date) -> list[DayMention]:
        return [DayMention(0, 1, dt.date(2022, 5, 5))]

    dated = date_sentences(_articles()[:1], always_may)
    assert dated[0].mentions == (dt.date(2022, 5, 5),)


@pytest.mark.parametrize("dater", [explicit_dater, timex_dater])
def test_timeline_picks_the_important_days_with_sources(dater: object) -> None:
    timeline = summarise(_articles(), max_dates=2, sentences_per_date=1, dater=dater)  # type: ignore[arg-type]
    days = [d.day for d in timeline]
    assert days[0] == MAR
    assert len(days) == 2
    first = timeline[0].sentences[0]
    assert "bridge" in first.text.lower()
    assert first.article_ids[0] in {"a1", "a2", "a3"}
    # another article says the same thing about the collapse: it is cited too
    assert len(first.article_ids) >= 2


def test_days_are_distinct_sorted_and_within_span() -> None:
    sentences = date_sentences(_articles(), explicit_dater)
    timeline = build_timeline(
        sentences, 5, 2, query=["bridge"], start=dt.date(2022, 3, 2), end=dt.date(2022, 3, 31)
    )
    days = [d.day for d in timeline]
    assert days == sorted(set(days))
    assert all(dt.date(2022, 3, 2) <= d <= dt.date(2022, 3, 31) for d in days)
    assert all(1 <= len(d.sentences) <= 2 for d in timeline)


def test_empty_input_gives_empty_timeline() -> None:
    assert summarise([], 3, 1) == []


ENTITY = DATA / "newstls_format" / "entities" / "Phil_Spector"


@pytest.mark.skipif(
    not ENTITY.exists(), reason="../shared/bench-data absent: benchmark-backed test"
)
def test_smoke_one_entities_timeline() -> None:
    began = time.perf_counter()
    collection = load_newstls_topic(ENTITY)
    (task,) = tasks(collection, 7)
    timeline = summarise(task.articles, task.max_dates, task.sentences_per_date, task.keywords)
    predicted = {d.day: [s.text for s in d.sentences] for d in timeline}
    scores = score_timeline(predicted, task.gold)
    assert len(timeline) == task.max_dates
    assert scores.dates.f1 > 0.05
    assert scores.ar1.f1 > 0.03
    assert time.perf_counter() - began < 60
