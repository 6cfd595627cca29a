"""Timeline: dated events in order, larger first within a day, never a line without a source."""

from __future__ import annotations

from datetime import date

from dateline.model import Event
from dateline.timeline.select import build_timeline


def _event(event_id: str, day: date | None, *article_ids: str) -> Event:
    return Event(
        id=event_id,
        date=day,
        date_precision="day" if day else None,
        date_evidence="test" if day else None,
        title=f"title {event_id}",
        summary=f"summary {event_id}",
        article_ids=article_ids,
    )


def test_entries_are_in_date_order_with_larger_events_first() -> None:
    events = [
        _event("late", date(2025, 4, 2), "a"),
        _event("small", date(2025, 3, 1), "b"),
        _event("big", date(2025, 3, 1), "c", "d"),
    ]
    entries = build_timeline(events)
    assert [entry.event_id for entry in entries] == ["big", "small", "late"]
    assert entries[0].article_ids == ("c", "d")
    assert entries[0].text == "summary big"


def test_undated_and_sourceless_events_make_no_line() -> None:
    events = [_event("undated", None, "a"), _event("empty", date(2025, 3, 1))]
    assert build_timeline(events) == []
