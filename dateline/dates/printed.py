"""Reading one printed date: the patterns, the rules and the checks every date reader shares.

A date string from metadata, a dateline, a byline or a file name goes through the same rules
here: ISO 8601, "18 September 2017", "Sept. 18 2017", RFC 822, asctime, a weekday and a clock
time around the date ("07:16 GMT +3 04 February 2017"), "2010/05/02", "12.04.2025", slashed
dates whose order only one reading allows, "20170204", "April 2025", "2017", and day-first
dates in the languages of ``vocab.dates.PRINTED_MONTHS`` ("1. November 2023", "4 de mayo de
2021"). Every reading is checked: an impossible day, a weekday that contradicts the date, a
year before 1900 or a date after the run (or the crawl) is refused, never clipped.
``published.py`` (the stage) and ``date_block.py`` (a page dump's date block) use these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from dateline.model import Precision, PublishedDate
from dateline.vocab.dates import (
    DATELINE_LABELS,
    PRINTED_LABELS,
    PRINTED_MONTH_NAMES,
    PRINTED_WEEKDAY_NAMES,
    TIMEZONE_PHRASES,
    TIMEZONES,
)

EARLIEST_YEAR = 1900
"""No news archive dateline needs to read further back; earlier four-digit numbers are not dates
of publication (they are quantities or history)."""

MAX_DATE_CHARS = 100
"""Longer strings are not one date; refusing them early keeps the regexes fast on junk hints."""

DOTTED_RULE = "dotted-day-month-year"
"""Dots are read day first, as the countries that write them do, unless only month first fits."""


@dataclass(frozen=True)
class DateReading:
    """A date read from a string: the date, how much of it was given, and the rule that read it.

    A month-precision reading holds the first of the month, a year-precision one 1 January.
    """

    value: date
    precision: Precision
    rule: str


# --- patterns, built once from the vocabulary ------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that "Sept" wins over "Sep"."""
    unique = sorted(set(words), key=lambda word: (-len(word), word))
    if not unique or not all(unique):
        raise ValueError("a vocabulary alternation needs at least one non-empty word")
    return "|".join(re.escape(word) for word in unique)


def _number_of(table: dict[int, tuple[str, ...]]) -> dict[str, int]:
    return {name.lower().rstrip("."): number for number, names in table.items() for name in names}


_MONTH_NUMBER = _number_of(PRINTED_MONTH_NAMES)
_WEEKDAY_NUMBER = _number_of(PRINTED_WEEKDAY_NAMES)

NOT_LETTER = r"(?![^\W\d_])"
"""Not followed by a letter of any script: "Mai" is a month, "Mainz" is not."""
MONTH_PATTERN = (
    rf"(?P<month>{_alternation(n for ns in PRINTED_MONTH_NAMES.values() for n in ns)}){NOT_LETTER}"
)
_WEEKDAY_WORDS = _alternation(n for ns in PRINTED_WEEKDAY_NAMES.values() for n in ns)
_DAY = r"(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th|er)?(?![\d:])"
_YEAR = r"(?<!\d)(?P<y>\d{4})(?!\d)"
_MERIDIEM = r"\s*[ap]\.?m\b\.?"
_CLOCK = rf"(?<![\d.])\d{{1,2}}(?:(?:[:.]\d\d){{1,2}}(?:{_MERIDIEM}|\s*Uhr\b)?|{_MERIDIEM})"
_OFFSET = r"[+-]\s?\d{1,2}(?::?\d\d)?(?!\d)"
_ZONE = (
    rf"(?:(?:{_alternation(TIMEZONES)}){NOT_LETTER}(?:\s*{_OFFSET})?"
    rf"|{_alternation(TIMEZONE_PHRASES)}|[+-]\d\d:?\d\d(?!\d)|Z{NOT_LETTER})"
)
_SEP = r"(?:\s*(?:[,;|]|-{1,2}|–|—)\s*|\s+)"
_TIME_LINK = (
    r"(?:\s*(?:[,;:|]|-{1,2}|–|—|at|um|à|às|a las|alle|om|(?:last\s+)?updated(?:\s+at)?)\s*|\s+)"
)
"""What joins a date to its time: "at" and its German, French, Spanish, Italian and Dutch words."""


def _weekday(group: str) -> str:
    return rf"(?P<{group}>{_WEEKDAY_WORDS}){NOT_LETTER}"


def _clock_zone(prefix: str) -> str:
    return rf"(?P<{prefix}time>{_CLOCK})(?:\s*(?P<{prefix}zone>{_ZONE}))?"


# [weekday] [time [zone] [weekday]] DATE [time [zone]]: covers "Tue 8 Apr 2025 14:05 BST",
# "Mon, 14 Apr 2025 09:30:00 +0000" (RFC 822), "07:16 GMT +3 04 February 2017" and the BBC's
# "18:00 UK time, Saturday, 25 April 2009".
_PREFIX = (
    rf"(?:{_weekday('wd1')}{_SEP})?"
    rf"(?:{_clock_zone('lead_')}{_SEP}(?:{_weekday('wd2')}{_SEP})?)?"
)
_SUFFIX = rf"(?:{_TIME_LINK}{_clock_zone('')})?"
_ISO_TIME = r"(?:[T ](?P<isotime>\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?)(?:Z|[+-]\d\d(?::?\d\d)?)?)?"


@dataclass(frozen=True)
class Rule:
    """One date shape: its name (reported as evidence), precision and compiled patterns."""

    name: str
    precision: Precision
    whole: re.Pattern[str]
    inline: re.Pattern[str] | None


def _rule(name: str, core: str, precision: Precision, *, stamped: bool) -> Rule:
    """Compile a date shape; ``stamped`` shapes take a weekday and a time around them and may
    be found inside a line; the others (a bare year, "April 2025") only as a whole string."""
    body = f"{_PREFIX}{core}{_SUFFIX}" if stamped else core
    inline = re.compile(rf"(?<!\w){body}", re.IGNORECASE) if stamped else None
    return Rule(name, precision, re.compile(body, re.IGNORECASE), inline)


_DAY_MONTH = r"(?:\s*-\s*|\.?\s+|(?<=\.))(?:of\s+|de\s+)?"
_MONTH_DAY = r"(?:\s*-\s*|\s+|(?<=\.))"
_TO_YEAR = r"(?:\s*[,-]\s*|\s+de\s+|\s+|(?<=\.))"
"""Day, month and year as English, German ("1. November 2023"), Spanish and Portuguese ("4 de
mayo de 2021") print them."""

_RULES: tuple[Rule, ...] = (
    _rule("iso-8601", rf"{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d){_ISO_TIME}", "day", stamped=True),
    _rule(
        "day-month-year",
        rf"{_DAY}{_DAY_MONTH}{MONTH_PATTERN}{_TO_YEAR}{_YEAR}",
        "day",
        stamped=True,
    ),
    _rule(
        "month-day-year", rf"{MONTH_PATTERN}{_MONTH_DAY}{_DAY}\s*,?\s*{_YEAR}", "day", stamped=True
    ),
    _rule(
        "weekday-month-day-time-year",  # asctime and Twitter: "Mon Apr 14 09:30:00 +0000 2025"
        rf"{_weekday('wd1')}\s+{MONTH_PATTERN}\s+{_DAY}\s+(?P<time>{_CLOCK})(?:\s*{_ZONE})?\s+{_YEAR}",
        "day",
        stamped=False,
    ),
    _rule(
        "year-month-day", rf"{_YEAR}(?P<s>[/.])(?P<m>\d\d?)(?P=s)(?P<d>\d\d?)", "day", stamped=True
    ),
    _rule(DOTTED_RULE, rf"(?P<d>\d\d?)\.(?P<m>\d\d?)\.{_YEAR}", "day", stamped=True),
    _rule("slashed", rf"(?P<a>\d\d?)(?P<s>[/-])(?P<b>\d\d?)(?P=s){_YEAR}", "day", stamped=True),
    _rule("compact-yyyymmdd", r"(?P<y>\d{4})(?P<m>\d\d)(?P<d>\d\d)", "day", stamped=False),
    _rule("iso-8601-month", rf"{_YEAR}-(?P<m>\d\d)", "month", stamped=False),
    _rule("month-year", rf"{MONTH_PATTERN}{_TO_YEAR}{_YEAR}", "month", stamped=False),
    _rule("year", _YEAR, "year", stamped=False),
)
INLINE_RULES = tuple((rule, rule.inline) for rule in _RULES if rule.inline is not None)

DIGIT = re.compile(r"\d")
_YEAR_ANCHOR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
STAMP_BEFORE_YEAR = 90
STAMP_AFTER_YEAR = 45
"""How far a stamp reaches around its year ("Page last updated at 08:58 GMT, Thursday, 24 June
2010 09:58 UK" spans 40 characters before it); generous, as they only bound a regex search."""

_STAMP_GROUPS = ("lead_time", "time", "isotime")
"""A clock time makes a date a stamp. A weekday alone does not: on Timeline17, 18 of the 32
dates marked only by a weekday were AP photo captions ("..., La., Thursday, April 29, 2010.")
dated days or weeks before the article."""
LABELS_PATTERN = _alternation((*DATELINE_LABELS, *PRINTED_LABELS))
_LABEL_BEFORE = re.compile(
    rf"(?:(?<!\w)(?:(?i:{LABELS_PATTERN})\s*:|(?:{LABELS_PATTERN})(?:\s+(?:on|at))?)|\|)\s*$"
)
"""A label as printed ("Published", "updated:"); "a video posted on ..." is prose, not a label."""
_STAMP_AFTER = re.compile(r"\s*(?:\||;\s*Page\s+[A-Z]?\d+\b)")
"""A bar before a byline ("January 25, 2011 | By ...") or a print page ("; Page A01")."""


# --- reading one date ------------------------------------------------------------------------


def parse_date_string(text: str, *, now: datetime) -> DateReading | None:
    """Read a string that is, as a whole, one date in a common printed or machine format.

    Accepted: ISO 8601 (with or without time and offset), "18 September 2017", "September 18,
    2017", "Sept. 18 2017", RFC 822, asctime, a weekday and a time before or after the date
    ("07:16 GMT +3 04 February 2017"), "2010/05/02", "12.04.2025" (day first, as the
    countries that write dots do, unless only month first fits: "01.21.2020"), "12/04/2025"
    (see below), "20170204", "April 2025" (month precision) and "2017" (year precision). Spaces
    before commas (PTB tokens) are fine.

    Slashes and dashes between numbers are read day-first in most of the world and month-first
    in the US, and the writer's locale is unknown. So "25/04/2025" and "04/25/2025" are read
    (one field cannot be a month), "04/04/2025" too (both readings agree), but "12/04/2025" is
    ambiguous and gives None: a guess would silently move an article by months.

    Args:
        text: the date string (a metadata value, a dateline, a file name part).
        now: the time of the run; a date after ``now.date()`` is a misreading.

    Returns:
        The reading, or None for nonsense, an impossible or ambiguous date, a year outside
        1900..now, or a date after ``now``.
    """
    return read_date(text, now.date())


def read_date(text: str, latest: date) -> DateReading | None:
    text = text.strip()
    if not text or len(text) > MAX_DATE_CHARS or not DIGIT.search(text):
        return None
    for rule in _RULES:
        match = rule.whole.fullmatch(text)
        if match:
            reading = reading_of(rule, match, latest)
            if reading is not None:
                return reading
    return None


def reading_of(rule: Rule, match: re.Match[str], latest: date) -> DateReading | None:
    """Turn a structural match into a checked date, or None when the date cannot be right."""
    fields = _fields(rule, match.groupdict())
    if fields is None:
        return None
    year, month, day, name = fields
    value = plausible_date(year, month, day, latest)
    if value is None or not _weekday_agrees(match, value):
        return None
    return DateReading(value, rule.precision, _lead_time_prefix(match) + name)


def _fields(rule: Rule, groups: dict[str, str | None]) -> tuple[int, int, int, str] | None:
    """Year, month, day and the rule name from a match's groups (day 1 below day precision)."""
    year = int(groups["y"] or 0)
    if groups.get("a") is not None:
        return _slashed(year, int(groups["a"] or 0), int(groups["b"] or 0))
    month_name = groups.get("month")
    if month_name:
        month = _MONTH_NUMBER[month_name.lower().rstrip(".")]
    else:
        month = int(groups.get("m") or 1)
    day = int(groups.get("d") or 1)
    if rule.name == DOTTED_RULE and month > 12 >= day:
        return year, day, month, "dotted-month-day-year"  # US sites print "01.21.2020"
    return year, month, day, rule.name


def _slashed(year: int, first: int, second: int) -> tuple[int, int, int, str] | None:
    """Order the two numbers of "a/b/yyyy" when only one order is possible, or both agree."""
    if first == second:
        return year, first, first, "slashed-day-equals-month"
    if first > 12 >= second:
        return year, second, first, "slashed-day-month-year"
    if second > 12 >= first:
        return year, first, second, "slashed-month-day-year"
    return None


def settled_reading(
    match: re.Match[str], latest: date, *, day_first: bool, seen_on: str = "page"
) -> DateReading | None:
    """An ambiguous slash date ("12/04/2020", which ``reading_of`` leaves unread) read in the
    order other evidence settled (``date_block``: the other slash dates of the page, or of its
    site's pages: ``seen_on``), with the same checks as every reading."""
    groups = match.groupdict()
    if groups.get("a") is None or groups.get("y") is None:
        return None
    first, second = int(groups["a"] or 0), int(groups["b"] or 0)
    day, month = (first, second) if day_first else (second, first)
    value = plausible_date(int(groups["y"] or 0), month, day, latest)
    if value is None or not _weekday_agrees(match, value):
        return None
    order = "day-month" if day_first else "month-day"
    return DateReading(value, "day", f"slashed-{order}-year-as-on-this-{seen_on}")


def _weekday_agrees(match: re.Match[str], value: date) -> bool:
    """A printed weekday that contradicts the date means one of them is wrong; we cannot tell
    which, so the reading is dropped rather than trusted."""
    groups = match.groupdict()
    for group in ("wd1", "wd2"):
        name = groups.get(group)
        if name and _WEEKDAY_NUMBER[name.lower().rstrip(".")] != value.weekday():
            return False
    return True


def _lead_time_prefix(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if not groups.get("lead_time"):
        return ""
    return "time-zone-" if groups.get("lead_zone") else "time-"


def year_windows(line: str) -> Iterator[tuple[int, int]]:
    """Spans around each four-digit year where a stamp could lie. Scanning only these, not
    every position of the line, halves the stage's time on Timeline17."""
    for year in _YEAR_ANCHOR.finditer(line):
        yield max(0, year.start() - STAMP_BEFORE_YEAR), year.end() + STAMP_AFTER_YEAR


def looks_stamped(match: re.Match[str], line: str) -> bool:
    """A date printed as a stamp: with a time, after a label, beside a "|", before a page."""
    groups = match.groupdict()
    if any(groups.get(group) for group in _STAMP_GROUPS):
        return True
    before = line[max(0, match.start() - 40) : match.start()]
    return bool(_LABEL_BEFORE.search(before) or _STAMP_AFTER.match(line, match.end()))


def plausible_date(year: int, month: int, day: int, latest: date) -> date | None:
    """The date if it exists, is not before EARLIEST_YEAR and not after ``latest``; else None."""
    if not EARLIEST_YEAR <= year <= latest.year:
        return None
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value if value <= latest else None


def published_date(reading: DateReading, evidence: str) -> PublishedDate:
    """A publication date from a reading; the evidence names what was read, then the rule."""
    return PublishedDate(reading.value, reading.precision, f"{evidence} (rule: {reading.rule})")
