"""Time expressions of every sentence, resolved against the article's publication date.

A build stage (run before embed and events) rather than an ingest stage, for two reasons: the
tagger improves over time, and a store tagged by an older tagger is retagged when
``STAGE``'s version changes; and ingest stays fast for users who only collect articles. The work
itself is per article and pure: ``time_mentions(text, published)``.

An article without a publication date is still tagged (reference None): absolute dates
("4 April 2017") keep their values, relative ones stay underspecified ("XXXX-WXX"), which is
what ``dateline.dates.events`` needs to estimate when an undated article was written.
"""

from __future__ import annotations

import bisect
import logging
import re
from datetime import date

from dateline.dates.timex import tag
from dateline.model import TimeMention
from dateline.sentences import sentence_spans
from dateline.stages import StageVersion

log = logging.getLogger(__name__)

STAGE = StageVersion("times", "timex-3")
"""Recorded for each article tagged (``dateline.stages``); a new version makes the build retag."""

_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T|$)")


def time_mentions(text: str, published: date | None) -> tuple[TimeMention, ...]:
    """The time expressions of ``text`` with the sentence each falls in.

    Never raises on article text: a tagger failure on one article is logged and gives no
    mentions, so one odd article cannot stop a build.
    """
    try:
        found = tag(text, published)
    except Exception:
        log.warning("time tagger failed on one article; it gets no time expressions", exc_info=True)
        return ()
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]
    return tuple(
        TimeMention(
            sentence=max(bisect.bisect_right(starts, timex.start) - 1, 0),
            start=timex.start,
            end=timex.end,
            text=timex.text,
            type=timex.type,
            value=timex.value,
            mod=timex.mod,
        )
        for timex in found
    )


def mentioned_day(mention: TimeMention) -> date | None:
    """The calendar day a DATE or TIME mention names fully ("Wednesday evening" names one)."""
    match = _DAY_VALUE.match(mention.value) if mention.type in ("DATE", "TIME") else None
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
