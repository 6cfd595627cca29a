"""Event days from what the leads say, and estimated dates for undated articles."""

from __future__ import annotations

from datetime import date

from dateline.dates.events import LOOKBACK_DAYS, estimate_date, event_date, lead_day
from dateline.dates.mentions import time_mentions
from dateline.model import Article
from tests.factories import make_article


def _article(ident: str, text: str, day: date | None) -> Article:
    return make_article(ident, text, day, times=time_mentions(text, day))


WEDNESDAY = "Ministers from Veldoria and Ostrand signed the water accord on Wednesday in Lunesse."
TWO_DAYS = "After talks on 28-29 April, both sides announced a deal in principle."
BACKGROUND = (
    "The port reopened today.\nIt was shut on 2 January after the storm.\nTrade resumed slowly."
)


def test_the_day_named_in_the_lead_beats_publication_dates() -> None:
    members = [
        _article("a", WEDNESDAY, date(2025, 5, 8)),  # Wednesday = 7 May
        _article("b", "Ministers signed the water accord in Lunesse, officials said.", None),
        _article("c", WEDNESDAY, date(2025, 5, 9)),
    ]
    day, precision, evidence = event_date(members)
    assert (day, precision) == (date(2025, 5, 7), "day")
    assert evidence is not None and '"Wednesday"' in evidence and "2 report(s)" in evidence


def test_a_span_in_the_lead_ends_on_the_news_day() -> None:
    found = lead_day(_article("a", TWO_DAYS, date(2025, 4, 30)))
    assert found is not None and found[0] == date(2025, 4, 29)


def test_a_day_far_before_publication_is_background() -> None:
    article = _article("a", BACKGROUND, date(2025, 3, 1))
    assert (date(2025, 3, 1) - date(2025, 1, 2)).days > LOOKBACK_DAYS
    found = lead_day(article)
    assert found is not None and found[0] == date(2025, 3, 1)  # "today", not 2 January


def test_without_lead_days_the_earliest_publication_wins() -> None:
    members = [
        _article("a", "The accord was signed.", date(2025, 5, 9)),
        _article("b", "The accord was signed.", date(2025, 5, 8)),
    ]
    assert event_date(members)[0] == date(2025, 5, 8)


def test_undated_report_is_estimated_from_its_event() -> None:
    undated = _article("u", "Ministers signed the water accord in Lunesse.", None)
    members = [_article("a", WEDNESDAY, date(2025, 5, 8)), undated]
    estimate = estimate_date(undated, members)
    assert estimate is not None
    assert estimate.earliest <= date(2025, 5, 7) and estimate.latest >= date(2025, 5, 8)
    assert "1 dated article" in estimate.evidence
    assert estimate_date(members[0], members) is None  # dated articles need no estimate


def test_undated_article_alone_is_estimated_from_its_own_text_skipping_future_dates() -> None:
    text = (
        "The inquiry into the flood reported on 12 June 2025.\n"
        "A vote on its findings will be held on 30 September 2025."
    )
    estimate = estimate_date(_article("u", text, None), [])
    assert estimate is not None
    assert estimate.earliest == date(2025, 6, 12)
    assert "12 June 2025" in estimate.evidence
    assert estimate_date(_article("v", "No dates here at all.", None), []) is None
