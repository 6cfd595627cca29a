"""Event grouping: same happening together, different happenings apart, dates and titles."""

from __future__ import annotations

from datetime import date

import pytest
from scipy import sparse

from dateline.dates.events import event_date
from dateline.grouping.events import (
    DEFAULT_WINDOW,
    EVENT_INDEX,
    EventState,
    assign_articles,
    describe_event,
)
from dateline.grouping.sparse import (
    DocumentFrequencies,
    article_counts,
    term_counts,
    weighted_unit_rows,
)
from dateline.model import Article, PublishedDate
from dateline.settings import EventWindow
from tests.factories import make_article

SPILL = (
    "Floodwater spilled over the Karsk Dam on the Mirel River early on Tuesday, forcing the "
    "evacuation of 1,200 residents of Lowmarsh, regional officials said."
)
SPILL_2 = (
    "About 1,200 people were moved out of Lowmarsh after water poured over the Karsk Dam "
    "on the Mirel River on Tuesday, officials said."
)
SUMMIT = (
    "Foreign ministers of Veldoria and Ostrand met in Carrow on Friday for mediated talks "
    "on sharing the waters of the Mirel River, chaired by Ines Barrow."
)
SUMMIT_2 = (
    "Mediator Ines Barrow chaired Friday's talks in Carrow between the foreign ministers of "
    "Veldoria and Ostrand over the Mirel River."
)


def _article(ident: str, text: str, day: date | None, title: str | None = None) -> Article:
    return make_article(ident, text, day, title=title)


def _vectors(articles: list[Article], frequencies: DocumentFrequencies) -> sparse.csr_matrix:
    return weighted_unit_rows(article_counts(articles), frequencies.idf())


def _frequencies(articles: list[Article]) -> DocumentFrequencies:
    frequencies = DocumentFrequencies.empty()
    frequencies.add(article_counts(articles))
    return frequencies


def _group(
    articles: list[Article],
    states: list[EventState] | None = None,
    window: EventWindow = DEFAULT_WINDOW,
) -> list[EventState]:
    states = [] if states is None else states
    assign_articles(articles, _vectors(articles, _frequencies(articles)), states, window)
    return states


def _partition(states: list[EventState]) -> list[list[str]]:
    return sorted(sorted(state.similarities) for state in states)


def test_reports_of_one_event_group_and_other_events_stay_apart() -> None:
    articles = [
        _article("s1", SPILL, date(2025, 3, 4)),
        _article("m1", SUMMIT, date(2025, 3, 14)),
        _article("s2", SPILL_2, date(2025, 3, 5)),
        _article("m2", SUMMIT_2, date(2025, 3, 14)),
    ]
    groups = sorted(sorted(state.similarities) for state in _group(articles))
    assert groups == [["m1", "m2"], ["s1", "s2"]]


def test_same_words_weeks_apart_are_different_events() -> None:
    articles = [_article("s1", SPILL, date(2025, 3, 4)), _article("s9", SPILL_2, date(2025, 4, 29))]
    assert len(_group(articles)) == 2


def test_a_wider_time_window_joins_reports_weeks_apart() -> None:
    articles = [_article("s1", SPILL, date(2025, 3, 4)), _article("s4", SPILL_2, date(2025, 3, 25))]
    assert len(_group(articles)) == 2
    assert len(_group(articles, window=EventWindow(grace_days=30))) == 1
    assert len(_group(articles, window=EventWindow(grace_days=2, decay_days=100.0))) == 1


def test_undated_article_is_placed_by_content() -> None:
    articles = [
        _article("s1", SPILL, date(2025, 3, 4)),
        _article("m1", SUMMIT, date(2025, 3, 14)),
        _article("u", SPILL + " " + SPILL_2, None),
    ]
    states = _group(articles)
    assert any(set(state.similarities) == {"s1", "u"} for state in states)


def test_incremental_placement_extends_existing_events() -> None:
    first = [_article("s1", SPILL, date(2025, 3, 4)), _article("m1", SUMMIT, date(2025, 3, 14))]
    later = [_article("s2", SPILL_2, date(2025, 3, 5))]
    frequencies = _frequencies(first + later)
    states: list[EventState] = []
    assign_articles(first, _vectors(first, frequencies), states)
    touched = assign_articles(later, _vectors(later, frequencies), states)
    assert len(states) == 2
    spill = next(state for state in states if "s1" in state.similarities)
    assert touched == {spill.id} and set(spill.similarities) == {"s1", "s2"}


# A small invented corpus: three events, two reports each, plus one undated report.
STRIKE = (
    "Dock workers at the port of Varnholm walked out on Monday over pay, halting 40 ships, "
    "said union leader Teodor Blask."
)
STRIKE_2 = (
    "Union leader Teodor Blask said 40 ships were stuck at Varnholm after dock workers "
    "walked out over pay on Monday."
)
FIRE = (
    "A fire destroyed the old grain hall in Pellin on Wednesday; 12 firefighters fought the "
    "blaze for six hours, chief Maren Oakes said."
)
FIRE_2 = (
    "Fire chief Maren Oakes said 12 firefighters needed six hours to put out the blaze that "
    "gutted the Pellin grain hall on Wednesday."
)
CORPUS = [
    _article("s1", SPILL, date(2025, 3, 4)),
    _article("k1", STRIKE, date(2025, 3, 10)),
    _article("f1", FIRE, date(2025, 3, 12)),
    _article("s2", SPILL_2, date(2025, 3, 5)),
    _article("k2", STRIKE_2, date(2025, 3, 11)),
    _article("f2", FIRE_2, date(2025, 3, 12)),
]
TRUE_GROUPS = [["f1", "f2"], ["k1", "k2"], ["s1", "s2"]]


def test_batch_finds_the_true_events_in_any_input_order() -> None:
    assert _partition(_group(CORPUS)) == TRUE_GROUPS
    assert _partition(_group(list(reversed(CORPUS)))) == TRUE_GROUPS
    assert _partition(_group(CORPUS[3:] + CORPUS[:3])) == TRUE_GROUPS


@pytest.mark.parametrize("chunk", [1, 2, 4])
def test_streaming_builds_give_the_batch_result(chunk: int) -> None:
    frequencies = _frequencies(CORPUS)
    states: list[EventState] = []
    for start in range(0, len(CORPUS), chunk):
        part = CORPUS[start : start + chunk]
        assign_articles(part, _vectors(part, frequencies), states)
    assert _partition(states) == _partition(_group(CORPUS))


def test_similarity_decays_with_distance_in_time() -> None:
    first, last = date(2025, 3, 4), date(2025, 3, 6)
    assert EVENT_INDEX.time_decay(date(2025, 3, 5), first, last) == 1.0
    assert EVENT_INDEX.time_decay(None, first, last) == 1.0  # undated: content alone
    near = EVENT_INDEX.time_decay(date(2025, 3, 10), first, last)
    far = EVENT_INDEX.time_decay(date(2025, 3, 20), first, last)
    assert 0.0 < far < near < 1.0
    assert EVENT_INDEX.time_decay(date(2025, 2, 20), first, last) < 1.0  # before the span too


def test_undated_report_joins_its_event_among_several() -> None:
    undated = _article("k3", "Dock workers in Varnholm walked out over pay. " + STRIKE_2, None)
    states = _group([*CORPUS, undated])
    strike = next(state for state in states if "k1" in state.similarities)
    assert set(strike.similarities) == {"k1", "k2", "k3"}
    assert len(states) == 3


MEETING = (
    "Foreign ministers Ada Kerrin of Veldoria and Oskar Lind of Ostrand met in Carrow to "
    "discuss the Mirel River treaty, their offices said."
)
MEETING_AGAIN = (
    "Veldoria's Ada Kerrin and Ostrand's Oskar Lind, the two foreign ministers, met in Carrow "
    "for talks on the Mirel River treaty, their offices said."
)


def test_two_meetings_of_the_same_ministers_two_years_apart_stay_apart() -> None:
    articles = [
        _article("a1", MEETING, date(2023, 5, 2)),
        _article("a2", MEETING_AGAIN, date(2023, 5, 2)),
        _article("b1", MEETING, date(2025, 5, 6)),
        _article("b2", MEETING_AGAIN, date(2025, 5, 7)),
    ]
    assert _partition(_group(articles)) == [["a1", "a2"], ["b1", "b2"]]


def test_event_date_title_and_summary() -> None:
    members = [
        _article("s2", SPILL_2, date(2025, 3, 5), title="Lowmarsh evacuated as dam spills"),
        _article("s1", SPILL, date(2025, 3, 4), title="Dam"),
    ]
    states = _group(members)
    assert len(states) == 1
    stored = describe_event(states[0], members, _frequencies(members).idf())
    assert stored.event.date == date(2025, 3, 4)
    assert stored.event.date_precision == "day"
    assert "s1.txt" in (stored.event.date_evidence or "")
    assert stored.event.title == "Lowmarsh evacuated as dam spills"  # "Dam" is too short a title
    assert stored.event.summary.count("Karsk Dam") == 1  # the near-identical sentence is skipped


def test_event_date_prefers_day_precision_and_is_none_when_undated() -> None:
    month = Article(
        id="m",
        path="m",
        text="x",
        source_format="text",
        published=PublishedDate(date(2025, 3, 1), "month", "test"),
    )
    day = _article("d", "x", date(2025, 3, 20))
    assert event_date([month, day])[0] == date(2025, 3, 20)
    assert event_date([_article("u", "x", None)]) == (None, None, None)


def test_document_frequencies_round_trip() -> None:
    frequencies = DocumentFrequencies.empty()
    frequencies.add(term_counts([SPILL, SUMMIT]))
    again = DocumentFrequencies.from_bytes(frequencies.to_bytes())
    assert again.n_docs == 2 and (again.counts == frequencies.counts).all()


def test_an_event_is_titled_from_an_original_not_a_rewrite() -> None:
    original = _article("orig", SPILL, date(2025, 4, 1), title="Residents leave as dam spills")
    rewrite = _article(  # the rewrite's title is the more central one
        "mt",
        SPILL_2,
        date(2025, 4, 1),
        title="Water of flood over Karsk Dam of Mirel River, Lowmarsh",
    )
    members = [rewrite, original]
    frequencies = _frequencies(members)
    state = EventState(
        id="ev", counts=sparse.csr_matrix(article_counts(members).sum(axis=0)), similarities={}
    )
    untold = describe_event(state, members, frequencies.idf())
    assert untold.event.title == rewrite.title
    titled = describe_event(state, members, frequencies.idf(), frozenset({"mt"}))
    assert titled.event.title == original.title
    alone = describe_event(state, [rewrite], frequencies.idf(), frozenset({"mt"}))
    assert alone.event.title == rewrite.title  # no original: the rewrite's title still serves
