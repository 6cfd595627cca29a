"""Event grouping: same happening together, different happenings apart, dates and titles."""

from __future__ import annotations

from datetime import date

from dateline.embed import DocumentFrequencies, lead_text, term_counts
from dateline.events import EventState, assign_articles, describe_event, event_date
from dateline.model import Article, PublishedDate

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
    published = PublishedDate(day, "day" if day else None, "test" if day else None)
    return Article(
        id=ident,
        path=f"{ident}.txt",
        text=text,
        source_format="text",
        title=title,
        published=published,
    )


def _group(articles: list[Article], states: list[EventState] | None = None) -> list[EventState]:
    counts = term_counts([lead_text(a) for a in articles])
    frequencies = DocumentFrequencies.empty()
    frequencies.add(counts)
    states = [] if states is None else states
    assign_articles(articles, counts, frequencies.idf(), states)
    return states


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
    states = _group(first)
    later = [_article("s2", SPILL_2, date(2025, 3, 5))]
    counts = term_counts([lead_text(a) for a in first + later])
    frequencies = DocumentFrequencies.empty()
    frequencies.add(counts)
    touched = assign_articles(later, counts[2:], frequencies.idf(), states)
    assert len(states) == 2
    spill = next(state for state in states if "s1" in state.similarities)
    assert touched == {spill.id} and set(spill.similarities) == {"s1", "s2"}


def test_event_date_title_and_summary() -> None:
    members = [
        _article("s2", SPILL_2, date(2025, 3, 5), title="Lowmarsh evacuated as dam spills"),
        _article("s1", SPILL, date(2025, 3, 4), title="Dam"),
    ]
    states = _group(members)
    assert len(states) == 1
    frequencies = DocumentFrequencies.empty()
    frequencies.add(term_counts([lead_text(a) for a in members]))
    stored = describe_event(states[0], members, frequencies.idf())
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
