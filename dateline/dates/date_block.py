"""A page dump's date block: the publication date printed near its headline.

The clean stage hands over the lines around a page dump's headline (``CleanedDocument.header``,
nearest first). Pages print their date there in every form ("By John Walk - January 10, 2020",
"Published: November 2, 2023 6.55pm SAST", "12:39, 2 NOV 2023", "Mar 28, 2016·3 min read",
"07:16 GMT +304 February 2017"), beside an "Updated" date, a caption's older date or a
sidebar's. The nearest date labelled as the publication wins, else the nearest unlabelled one;
an "updated" date is never taken (it only bounds the publication from above).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from dateline.dates.printed import (
    INLINE_RULES,
    MONTH_PATTERN,
    DateReading,
    looks_stamped,
    published_date,
    reading_of,
    year_windows,
)
from dateline.model import PublishedDate

HEADER_SHORT_WORDS = 16
"""A header line this short is a byline or date block: any day-precise date in it is the page's.
A longer one is a caption or the first paragraph, whose dates count only as stamps."""


def from_header(header: tuple[str, ...], latest: date) -> PublishedDate | None:
    """The page's own date from its header lines (nearest the headline first): the nearest date
    labelled as the publication, else the nearest unlabelled one. A date labelled "updated" is
    never taken: it bounds the publication from above, and a wrong day is worse than none."""
    unlabelled: tuple[DateReading, str] | None = None
    for line in header:
        for kind, reading, matched in _header_dates(_unglue(line), latest):
            if kind == PUBLISHED:
                return published_date(reading, f"published date block: '{matched}'")
            if kind == UNLABELLED and unlabelled is None:
                unlabelled = (reading, matched)
    if unlabelled is None:
        return None
    reading, matched = unlabelled
    return published_date(reading, f"date block: '{matched}'")


PUBLISHED, UNLABELLED, UPDATED = "published", "unlabelled", "updated"
_LABEL_WORD = re.compile(
    r"(?P<updated>updated|modified|edited|last changed)|"
    r"(?P<published>published|posted|created|first published|date|submitted)",
    re.IGNORECASE,
)
_GLUED_ZONE = re.compile(rf"(?<=[+-]\d)(?=\d\d?\s+{MONTH_PATTERN})", re.IGNORECASE)
"""A one-digit offset glued to the day: "07:16 GMT +304 February 2017" is "+3 04 February"."""
_GLUED_MONTH = re.compile(rf"(?<=[a-z])(?={MONTH_PATTERN}\s*\d)")
"""A byline glued to its date by a browser's copy: "Shana DambrotNovember 6, 2023"."""
LABEL_REACH = 40
"""How far before a date its label may stand ("Updated 2010 GMT (0410 HKT) March 14, 2021")."""
HEADER_DATE_REACH = 60
"""In a long header line, a date starting this near the line's start is its date block ("By Ela
on 31. October, 2023 | 18 Comments. This post may ..."); further in, it must be a stamp."""


def _unglue(line: str) -> str:
    if "+" in line or "-" in line:
        line = _GLUED_ZONE.sub(" ", line)
    return _GLUED_MONTH.sub(" ", line)


def _header_dates(line: str, latest: date) -> Iterator[tuple[str, DateReading, str]]:
    """(label kind, reading, text) for each day-precise date a header line prints."""
    short = len(line.split()) <= HEADER_SHORT_WORDS
    taken: list[tuple[int, int]] = []
    matches = [
        (match, rule)
        for low, high in year_windows(line)
        for rule, pattern in INLINE_RULES
        for match in pattern.finditer(line, low, high)
    ]
    for match, rule in sorted(matches, key=lambda item: (item[0].start(), -item[0].end())):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        near_start = match.start() <= HEADER_DATE_REACH
        if not (short or near_start or looks_stamped(match, line)):
            continue
        reading = reading_of(rule, match, latest)
        if reading is None or reading.precision != "day":
            continue
        taken.append((match.start(), match.end()))
        yield (
            _label_kind(line[max(0, match.start() - LABEL_REACH) : match.start()]),
            reading,
            (match.group(0).strip()),
        )


def _label_kind(before: str) -> str:
    """The kind of the last label word before a date, if any."""
    labels = list(_LABEL_WORD.finditer(before))
    if not labels:
        return UNLABELLED
    return UPDATED if labels[-1].group("updated") else PUBLISHED
