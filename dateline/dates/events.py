"""Which day an event happened, and when an undated article was probably written.

News leads say when their news happened ("on Wednesday", "on 4 April"); the publication date
only bounds it from above. So each report proposes the first fully resolved day in its lead
that lies at most ``LOOKBACK_DAYS`` before its publication, and the event takes the day most
reports propose. A report whose lead names no such day proposes its publication date, with a
smaller weight: a report published the next morning is weaker evidence than one that says "on
Wednesday". The evidence string names the expression, how many reports agree, and one of them.

An article with no publication date gets a ``DateEstimate``: from the dated reports of its
event (from the event's day to the latest of their publication dates) and otherwise from its
own text (the latest fully written date it mentions bounds the writing from below).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateline.dates.mentions import mentioned_day
from dateline.model import Article, DateEstimate, Precision, TimeMention
from dateline.sentences import sentence_spans
from dateline.vocab.dates import FUTURE_CUES

LEAD_SENTENCES = 3
"""A day named in these first sentences is the news of the article (deeper: background)."""
LOOKBACK_DAYS = 10
"""A lead day further back than this before publication is background, not the news."""
PUBLICATION_WEIGHT = 0.5
"""Weight of a report that only proposes its publication date, against one naming the day."""
REPORTING_SLACK_DAYS = 2
"""An undated report of an event may appear this long after the last dated one (next-day print,
weekly round-ups) and one day before the event's day (time zones, a misdated lead)."""
CONTENT_ESTIMATE_DAYS = 30
"""Width of an estimate read only from the article's own text: written on or after the date."""


@dataclass(frozen=True)
class _Proposal:
    day: date
    weight: float
    article: Article
    mention: TimeMention | None


def event_date(members: Sequence[Article]) -> tuple[date | None, Precision | None, str | None]:
    """The day an event happened, its precision and the evidence, from its reports."""
    proposals = [p for p in (_proposal(article) for article in members) if p is not None]
    if not proposals:
        return _coarse_publication_date(members)
    by_day: dict[date, list[_Proposal]] = defaultdict(list)
    for proposal in proposals:
        by_day[proposal.day].append(proposal)
    day = max(by_day, key=lambda d: (sum(p.weight for p in by_day[d]), -d.toordinal()))
    return day, "day", _evidence(day, by_day[day], len(members))


def lead_day(article: Article) -> tuple[date, TimeMention] | None:
    """The day the lead says the news happened, if it is plausible as the article's news.

    The first lead sentence naming a plausible day decides; within it the latest day wins,
    because leads look back from the news ("announced on Thursday the sanctions imposed on
    Monday") and a span ("talks on 28-29 April") ends on the day the news broke.
    """
    published = article.published.value if article.published.precision == "day" else None
    for sentence in range(LEAD_SENTENCES):
        found = [
            (day, mention)
            for mention in article.times
            if mention.sentence == sentence
            and (day := mentioned_day(mention)) is not None
            and (published is None or published - timedelta(LOOKBACK_DAYS) <= day <= published)
        ]
        if found:
            return max(found, key=lambda pair: pair[0])
    return None


def estimate_date(article: Article, event_members: Sequence[Article]) -> DateEstimate | None:
    """A date range for an undated article, from its event's dated reports or its own text."""
    if article.published.value is not None:
        return None
    dated = [a for a in event_members if a.id != article.id and a.published.value is not None]
    if dated:
        days = [a.published.value for a in dated if a.published.value is not None]
        day, _, _ = event_date(event_members)
        earliest = min(day or min(days), *days) - timedelta(1)
        return DateEstimate(
            earliest,
            max(days) + timedelta(REPORTING_SLACK_DAYS),
            f"reports the same event as {len(dated)} dated article(s), published "
            f"{min(days).isoformat()} to {max(days).isoformat()}",
        )
    return _estimate_from_text(article)


def _proposal(article: Article) -> _Proposal | None:
    found = lead_day(article)
    if found is not None:
        return _Proposal(found[0], 1.0, article, found[1])
    if article.published.value is not None and article.published.precision == "day":
        return _Proposal(article.published.value, PUBLICATION_WEIGHT, article, None)
    return None


def _evidence(day: date, agreeing: list[_Proposal], members: int) -> str:
    named = [p for p in agreeing if p.mention is not None]
    example = named[0] if named else agreeing[0]
    if example.mention is not None:
        how = f'"{example.mention.text}" ({day.isoformat()}) in the lead'
    else:
        how = f"published {day.isoformat()}"
    return (
        f"{how} of {example.article.path}; {len(named)} report(s) name the day in their lead, "
        f"{len(agreeing) - len(named)} more were published on it, of {members}"
    )


def _coarse_publication_date(
    members: Sequence[Article],
) -> tuple[date | None, Precision | None, str | None]:
    """No report names a day or has a day-precise date: the earliest month or year date."""
    rank = {"day": 0, "month": 1, "year": 2}
    dated = [a for a in members if a.published.value is not None]
    if not dated:
        return None, None, None
    first = min(
        dated, key=lambda a: (rank.get(a.published.precision or "year", 3), a.published.value)
    )
    evidence = (
        f"earliest publication date of {len(dated)} dated report(s) of {len(members)}: "
        f"{first.path} ({first.published.evidence})"
    )
    return first.published.value, first.published.precision, evidence


def _estimate_from_text(article: Article) -> DateEstimate | None:
    """The latest day the text names, skipping sentences that look ahead ("will vote on ...")."""
    spans = sentence_spans(article.text)
    days = [
        (day, m)
        for m in article.times
        if (day := mentioned_day(m)) is not None
        and m.sentence < len(spans)
        and not FUTURE_CUES.search(article.text[spans[m.sentence][0] : spans[m.sentence][1]])
    ]
    if not days:
        return None
    day, mention = max(days, key=lambda pair: pair[0])
    return DateEstimate(
        day,
        day + timedelta(CONTENT_ESTIMATE_DAYS),
        f'the latest date the text names is "{mention.text}" ({day.isoformat()}); '
        f"written on or after it",
    )
