"""Timeline: dated, sourced entries from the stored events.

Stage 8 (first version): one entry per dated event, in date order, its text the event summary
and its sources every article of the event. Undated events stay in the events list but never
make a timeline line without a date, and no line is made without a source.
"""

from __future__ import annotations

from collections.abc import Sequence

from dateline.model import Event, TimelineEntry


def build_timeline(events: Sequence[Event]) -> list[TimelineEntry]:
    """Entries for every dated event with sources, by date, larger events first within a day."""
    dated = [event for event in events if event.date is not None and event.article_ids]
    dated.sort(key=lambda event: (event.date, -len(event.article_ids), event.id))
    return [
        TimelineEntry(
            date=event.date,
            text=event.summary,
            event_id=event.id,
            article_ids=event.article_ids,
        )
        for event in dated
        if event.date is not None
    ]
