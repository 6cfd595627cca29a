"""Timeline: dated, sourced entries from the stored events, for the whole store or a slice.

Two shapes, one contract (docs/FORMAT.md):

- **Event timeline** (default): one entry per dated event, in date order, its text the event
  summary and its sources every article of the event.
- **Summarised timeline** (``max_dates`` or ``sentences_per_date`` set): the days that matter
  most and, for each, the most central non-redundant sentences about it
  (``dateline.timeline.summarise``),
  each sentence with the articles that state it.

A ``TimelineView`` slices either shape: a date span, keywords, an entity (any of its names).
An event belongs to the slice when one of its articles does; undated events stay in the events
list but never make a timeline line, and no line is made without a source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dateline.model import Article, DateEstimate, Event, SourcedSentence, TimelineEntry
from dateline.timeline import summarise

DEFAULT_MAX_DATES = 10
"""Days in a summarised timeline when only ``sentences_per_date`` is given."""
DEFAULT_SENTENCES_PER_DATE = 2
"""Sentences per day when only ``max_dates`` is given (news-tls's T17 average is about 2)."""


@dataclass(frozen=True)
class TimelineView:
    """Which slice of the store a timeline covers, and whether to summarise it.

    ``entity_names`` are every name of the wanted entity (its aliases), matched as whole words;
    ``query`` keywords match whole words too, any of them. ``start``/``end`` are inclusive.
    ``story_event_ids`` (a story's events) keeps only those events and their articles.
    """

    start: date | None = None
    end: date | None = None
    query: tuple[str, ...] = ()
    entity_names: tuple[str, ...] = ()
    story_event_ids: tuple[str, ...] = ()
    max_dates: int | None = None
    sentences_per_date: int | None = None

    @property
    def summarised(self) -> bool:
        """True when the user asked for a summary (a number of days or sentences per day)."""
        return self.max_dates is not None or self.sentences_per_date is not None

    @property
    def sliced(self) -> bool:
        """True when only part of the store is wanted."""
        return bool(
            self.start or self.end or self.query or self.entity_names or self.story_event_ids
        )


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


def select(
    articles: Sequence[Article], events: Sequence[Event], view: TimelineView
) -> tuple[list[Article], list[Event]]:
    """The articles matching the view's words, and the events in its span holding one."""
    if view.story_event_ids:
        wanted = set(view.story_event_ids)
        events = [e for e in events if e.id in wanted]
        members = {a for e in events for a in e.article_ids}
        articles = [a for a in articles if a.id in members]
    pattern = _words_pattern((*view.query, *view.entity_names))
    entity = _words_pattern(view.entity_names)
    chosen = [
        a
        for a in articles
        if (entity is None or _matches(entity, a)) and (pattern is None or _matches(pattern, a))
    ]
    if view.query and view.entity_names:  # both given: the entity must be there, and a keyword
        keywords = _words_pattern(view.query)
        chosen = [a for a in chosen if keywords is not None and _matches(keywords, a)]
    ids = {a.id for a in chosen}
    kept = [
        e
        for e in events
        if ids.intersection(e.article_ids) and _in_span(e.date, view.start, view.end)
    ]
    return chosen, kept


def summary_timeline(
    articles: Sequence[Article],
    events: Sequence[Event],
    view: TimelineView,
    estimates: Mapping[str, DateEstimate] | None = None,
) -> list[TimelineEntry]:
    """The days that matter most in these articles, each with its cited summary sentences.

    An entry names the event of its sources that happened on its day (else its first
    source's event), so its headline is about that day.
    """
    return by_date(picked_entries(articles, events, view, estimates))


def by_date(entries: Sequence[TimelineEntry]) -> list[TimelineEntry]:
    """Summary entries (one per day) in date order."""
    return sorted(entries, key=lambda entry: entry.date)


def picked_entries(
    articles: Iterable[Article],
    events: Sequence[Event],
    view: TimelineView,
    estimates: Mapping[str, DateEstimate] | None = None,
) -> list[TimelineEntry]:
    """``summary_timeline``'s entries in the order their days were picked, best first (the
    first ``n`` are the summary of ``n`` days: ``summarise.picked_days``). ``articles`` is
    read once, in order: a generator reading the store in batches holds only their sentences."""
    event_of = {a: e.id for e in events for a in e.article_ids}
    usable = (a for a in articles if a.id in event_of)
    days = summarise.picked_days(
        summarise.stored_sentences(usable, estimates),
        view.max_dates or DEFAULT_MAX_DATES,
        view.sentences_per_date or DEFAULT_SENTENCES_PER_DATE,
        query=view.query,
        start=view.start,
        end=view.end,
    )
    dates = {e.id: e.date for e in events}
    entries = []
    for day in days:
        sentences = tuple(SourcedSentence(s.text, s.article_ids) for s in day.sentences)
        sources = tuple(dict.fromkeys(a for s in sentences for a in s.article_ids))
        candidates = [event_of[a] for a in sources]
        on_the_day = [e for e in candidates if dates[e] == day.day]
        entries.append(
            TimelineEntry(
                date=day.day,
                text=" ".join(s.text for s in sentences),
                event_id=(on_the_day or candidates)[0],
                article_ids=sources,
                sentences=sentences,
            )
        )
    return entries


def _words_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    cleaned = [re.escape(w.strip()) for w in words if w.strip()]
    if not cleaned:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(cleaned) + r")(?!\w)", re.IGNORECASE)


def _matches(pattern: re.Pattern[str], article: Article) -> bool:
    return bool(pattern.search(article.text) or (article.title and pattern.search(article.title)))


def _in_span(day: date | None, start: date | None, end: date | None) -> bool:
    if day is None:
        return start is None and end is None
    return (start is None or day >= start) and (end is None or day <= end)
