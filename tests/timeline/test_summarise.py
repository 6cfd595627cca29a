"""Timeline summarisation on small invented articles."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from dateline.eval.tls_data import DATA, load_newstls_topic, tasks
from dateline.eval.tls_metrics import score_timeline
from dateline.timeline.summarise import (
    MAX_WORDS,
    NEIGHBOUR_PENALTY,
    PUB_NEXT,
    DatedSentence,
    DatedText,
    DayMention,
    date_sentences,
    explicit_dater,
    pick_days,
    rank_days,
    summarise,
    summarise_sentences,
    timex_dater,
)

MAR = dt.date(2022, 3, 1)


def _articles() -> list[DatedText]:
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
    return [DatedText(i, text, day) for i, day, text in texts]


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
    timeline = summarise_sentences(
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


def _sent(article: str, published: dt.date, text: str, *mentions: dt.date) -> DatedSentence:
    return DatedSentence(article, 0, text, published, mentions)


D1, D2, D3 = dt.date(2022, 6, 1), dt.date(2022, 6, 2), dt.date(2022, 6, 3)


def test_publication_on_the_day_outweighs_the_day_after() -> None:
    # one article each: published on D1 (so it also stands for May 31) and on D3 (stands for D2)
    sentences = [_sent("p1", D1, "The ferry sank."), _sent("p3", D3, "The ferry was raised.")]
    scores = rank_days(sentences)
    assert scores[D1] > scores[D2]
    assert scores[D2] == pytest.approx(scores[D1] * PUB_NEXT)


def test_query_sentences_weigh_more_for_days() -> None:
    sentences = [
        _sent("a", D3, "The ferry sank that morning.", D1),
        _sent("b", D3, "A concert was held in the park.", D2),
    ]
    scores = rank_days(sentences, query=["ferry"])
    assert scores[D1] > scores[D2]


def test_a_day_retold_in_more_sentences_ranks_higher() -> None:
    # the same two later articles mention both days, but D1 in more sentences
    later = dt.date(2022, 7, 1)
    sentences = [
        _sent("a", later, "Crews reached the ferry.", D1),
        _sent("a", later, "The ferry listed for an hour.", D1),
        _sent("a", later, "A hearing was set.", D2),
        _sent("b", later, "The ferry sank.", D1),
        _sent("b", later, "Divers came.", D2),
    ]
    scores = rank_days(sentences)
    assert scores[D1] > scores[D2]


def test_a_neighbour_of_a_picked_day_yields_to_a_slightly_weaker_distant_day() -> None:
    far = dt.date(2022, 6, 20)
    scores = {D1: 10.0, D2: 9.0, far: 8.0}
    assert 9.0 * NEIGHBOUR_PENALTY < 8.0
    assert list(pick_days(scores)) == [D1, far, D2]
    # a strong neighbour still comes before a weak distant day
    assert list(pick_days({D1: 10.0, D2: 9.5, far: 2.0}))[:2] == [D1, D2]


def test_a_sentence_picked_for_one_day_is_not_repeated_on_another() -> None:
    # a lead published on D2 is a candidate for D2 and D1; the other candidates differ
    lead = "Rescuers pulled forty passengers from the capsized ferry near the harbour."
    sentences = [
        DatedSentence("a", 0, lead, D2, ()),
        DatedSentence("b", 0, lead, D2, ()),
        DatedSentence("c", 3, "The ferry operator said the harbour pilots had warned of storms.",
                      D3, (D1,)),
    ]  # fmt: skip
    timeline = summarise_sentences(sentences, 2, 1)
    texts = [s.text for day in timeline for s in day.sentences]
    assert len(texts) == len(set(texts)) == 2


def test_run_on_sentences_are_left_out_of_summaries() -> None:
    long = "The ferry " + " ".join(f"word{i}" for i in range(MAX_WORDS)) + " sank."
    short = "The ferry sank off the northern cape before dawn."
    sentences = [DatedSentence("a", 0, long, D1, ()), DatedSentence("b", 0, short, D1, ())]
    (day,) = summarise_sentences(sentences, 1, 2, start=D1, end=D1)
    assert [s.text for s in day.sentences] == [short]
