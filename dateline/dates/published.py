"""Publication dates, each with the evidence that supports it.

``date_article`` takes the first of these that gives a date, strongest evidence first:

1. Explicit metadata (``RawDocument.date_hint`` from a JSON field, HTML metadata or a feed
   entry). The publisher or the dump states the date as data, so it outranks anything read
   from prose.
2. The date block of a page dump: the header lines the clean stage found around the headline
   (``CleanedDocument.header``), where pages print "By John Walk - January 10, 2020",
   "Published: November 2, 2023 6.55pm SAST" or "Mar 28, 2016·3 min read". A date labelled as
   the publication wins over an unlabelled one, and an "Updated" date comes last; a long line
   (a caption, a first paragraph) gives its date only when it is printed as a stamp.
   Otherwise, a dateline at the top of the text: a line that is only a date ("Published:
   12.04.2025"), a lead dateline ("LONDON, 4 February 2017 (Reuters) - ..."), or a printed time
   stamp near the top ("Saturday 25 April 2009 22.09 BST"). The outlet printed it for its
   readers, so it survives a lost or wrong container; it is read from prose, so it ranks below
   metadata.
3. A date in the file path (``InputDocs/2010-05-02/``, ``2010/05/02/``, ``20100502.txt``).
   Whoever collected the corpus filed the article under it, but we cannot see how they chose
   it. (On Timeline17 the two agree to the day for 99.3% of the articles with a stamp.)
4. The crawl date of a WARC record. The page existed then, so it is an upper bound, not the
   publication date; it is used only when nothing better exists and the evidence says so.
5. Otherwise the date stays unknown (``PublishedDate()``). Guessing (the file's mtime, the
   first date in the text) would put articles on the wrong day of a timeline, silently.

No reading lies after ``now``, nor after the crawl date when there is one: a date in the future
is a misreading (a slash date read the wrong way round, a scheduled event), so it is rejected,
not clipped. Years outside 1900..now are rejected too, and two-digit years are never read.

Dates are kept as the outlet printed them, in its own time zone: "23:30 EST, 4 May" is 4 May
although it was already 5 May in UTC, because that is the date readers saw and sources cite.
Only English month and weekday names are read (see ``dateline.vocab.dates``). The rules are
compiled regexes rather than dateparser, which tries many languages and formats per string and
would dominate the cost of a stage that must keep up with millions of articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime

from dateline.model import CleanedDocument, Precision, PublishedDate, RawDocument, RemovedLine
from dateline.vocab.dates import (
    DATELINE_LABELS,
    MONTHS,
    TIMEZONE_PHRASES,
    TIMEZONES,
    WEEKDAYS,
)

__all__ = [
    "CRAWL_DATE_SOURCE",
    "DateReading",
    "DatelineMatch",
    "date_article",
    "find_dateline",
    "parse_date_string",
]

CRAWL_DATE_SOURCE = "warc-date"
"""The ``date_hint_source`` that ``dateline.ingest.warc`` gives a WARC-Date (a crawl time)."""

TOP_LINES = 3
TOP_CHARS = 300
"""A dateline is looked for only in the first TOP_LINES non-empty lines that start within the
first TOP_CHARS characters. Calibrated on Timeline17 (4,650 articles), where the stamp sits
after a headline and a standfirst on the first line; further down, dates are mostly the
events the article reports, not its publication. Retune the two together."""

EARLIEST_YEAR = 1900
"""No news archive dateline needs to read further back; earlier four-digit numbers are not dates
of publication (they are quantities or history)."""

MAX_DATE_CHARS = 100
"""Longer strings are not one date; refusing them early keeps the regexes fast on junk hints."""

MAX_DATELINE_CHARS = 160
"""A standalone date line is a date with at most a label and a byline; longer lines are prose."""

DOTTED_RULE = "dotted-day-month-year"
"""Dots are read day first, as the countries that write them do, unless only month first fits."""

HEADER_SHORT_WORDS = 16
"""A header line this short is a byline or date block: any day-precise date in it is the page's.
A longer one is a caption or the first paragraph, whose dates count only as stamps."""

DATELINE_REASON = "dateline"
"""``RemovedLine.reason`` for a standalone dateline moved out of the text."""


@dataclass(frozen=True)
class DateReading:
    """A date read from a string: the date, how much of it was given, and the rule that read it.

    A month-precision reading holds the first of the month, a year-precision one 1 January.
    """

    value: date
    precision: Precision
    rule: str


@dataclass(frozen=True)
class DatelineMatch:
    """A dateline found at the top of an article.

    ``matched`` is the date as printed (with its weekday, time and zone), ``line_index`` the
    0-based index of its line in ``text.split("\\n")``, and ``standalone`` says whether that line
    holds nothing else (a label or byline at most), so it can be cut from the article's text.
    """

    reading: DateReading
    matched: str
    line_index: int
    standalone: bool


# --- patterns, built once from the vocabulary ------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that "Sept" wins over "Sep"."""
    unique = sorted(set(words), key=lambda word: (-len(word), word))
    if not unique or not all(unique):
        raise ValueError("a vocabulary alternation needs at least one non-empty word")
    return "|".join(re.escape(word) for word in unique)


def _number_of(table: dict[int, tuple[str, ...]]) -> dict[str, int]:
    return {name.lower().rstrip("."): number for number, names in table.items() for name in names}


_MONTH_NUMBER = _number_of(MONTHS)
_WEEKDAY_NUMBER = _number_of(WEEKDAYS)

_NOT_LETTER = r"(?![A-Za-z])"
_MONTH = rf"(?P<month>{_alternation(n for ns in MONTHS.values() for n in ns)}){_NOT_LETTER}"
_WEEKDAY_WORDS = _alternation(n for ns in WEEKDAYS.values() for n in ns)
_DAY = r"(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?<!\d)(?P<y>\d{4})(?!\d)"
_MERIDIEM = r"\s*[ap]\.?m\b\.?"
_CLOCK = rf"(?<![\d.])\d{{1,2}}(?:(?:[:.]\d\d){{1,2}}(?:{_MERIDIEM})?|{_MERIDIEM})"
_OFFSET = r"[+-]\s?\d{1,2}(?::?\d\d)?(?!\d)"
_ZONE = (
    rf"(?:(?:{_alternation(TIMEZONES)}){_NOT_LETTER}(?:\s*{_OFFSET})?"
    rf"|{_alternation(TIMEZONE_PHRASES)}|[+-]\d\d:?\d\d(?!\d)|Z{_NOT_LETTER})"
)
_SEP = r"(?:\s*(?:[,;|]|-{1,2}|–|—)\s*|\s+)"
_TIME_LINK = r"(?:\s*(?:[,;:|]|-{1,2}|–|—|at|(?:last\s+)?updated(?:\s+at)?)\s*|\s+)"


def _weekday(group: str) -> str:
    return rf"(?P<{group}>{_WEEKDAY_WORDS}){_NOT_LETTER}"


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
class _Rule:
    """One date shape: its name (reported as evidence), precision and compiled patterns."""

    name: str
    precision: Precision
    whole: re.Pattern[str]
    inline: re.Pattern[str] | None


def _rule(name: str, core: str, precision: Precision, *, stamped: bool) -> _Rule:
    """Compile a date shape; ``stamped`` shapes take a weekday and a time around them and may
    be found inside a line; the others (a bare year, "April 2025") only as a whole string."""
    body = f"{_PREFIX}{core}{_SUFFIX}" if stamped else core
    inline = re.compile(rf"(?<!\w){body}", re.IGNORECASE) if stamped else None
    return _Rule(name, precision, re.compile(body, re.IGNORECASE), inline)


_DAY_MONTH = r"(?:\s*-\s*|\.?\s+|(?<=\.))(?:of\s+)?"
_MONTH_DAY = r"(?:\s*-\s*|\s+|(?<=\.))"
_TO_YEAR = r"(?:\s*[,-]\s*|\s+|(?<=\.))"

_RULES: tuple[_Rule, ...] = (
    _rule("iso-8601", rf"{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d){_ISO_TIME}", "day", stamped=True),
    _rule("day-month-year", rf"{_DAY}{_DAY_MONTH}{_MONTH}{_TO_YEAR}{_YEAR}", "day", stamped=True),
    _rule("month-day-year", rf"{_MONTH}{_MONTH_DAY}{_DAY}\s*,?\s*{_YEAR}", "day", stamped=True),
    _rule(
        "weekday-month-day-time-year",  # asctime and Twitter: "Mon Apr 14 09:30:00 +0000 2025"
        rf"{_weekday('wd1')}\s+{_MONTH}\s+{_DAY}\s+(?P<time>{_CLOCK})(?:\s*{_ZONE})?\s+{_YEAR}",
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
    _rule("month-year", rf"{_MONTH}{_TO_YEAR}{_YEAR}", "month", stamped=False),
    _rule("year", _YEAR, "year", stamped=False),
)
_INLINE_RULES = tuple((rule, rule.inline) for rule in _RULES if rule.inline is not None)

_DIGIT = re.compile(r"\d")
_YEAR_ANCHOR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
STAMP_BEFORE_YEAR = 90
STAMP_AFTER_YEAR = 45
"""How far a stamp reaches around its year ("Page last updated at 08:58 GMT, Thursday, 24 June
2010 09:58 UK" spans 40 characters before it); generous, as they only bound a regex search."""

_STAMP_GROUPS = ("lead_time", "time", "isotime")
"""A clock time makes a date a stamp. A weekday alone does not: on Timeline17, 18 of the 32
dates marked only by a weekday were AP photo captions ("..., La., Thursday, April 29, 2010.")
dated days or weeks before the article."""
_LABELS = _alternation(DATELINE_LABELS)
_LABEL_BEFORE = re.compile(
    rf"(?:(?<!\w)(?:(?i:{_LABELS})\s*:|(?:{_LABELS})(?:\s+(?:on|at))?)|\|)\s*$"
)
"""A label as printed ("Published", "updated:"); "a video posted on ..." is prose, not a label."""
_STAMP_AFTER = re.compile(r"\s*(?:\||;\s*Page\s+[A-Z]?\d+\b)")
"""A bar before a byline ("January 25, 2011 | By ...") or a print page ("; Page A01")."""
_LINE_LABEL = re.compile(
    rf"^(?:(?:{_LABELS}){_NOT_LETTER}\s*:?\s*(?:(?:on|at){_NOT_LETTER})?|[^|\d]{{1,60}}\|)\s*",
    re.IGNORECASE,
)
_PLACE_WORD = r"[A-Z][\w.'’-]*"
_LINE_BYLINE = re.compile(rf"\s*\|\s*(?i:by)\b\s*:?(?:\s*,?\s*{_PLACE_WORD}){{1,6}}$")
"""A byline after the date: capitalised names only ("| By Jane Doe, CNN"), so that a line
that goes on into a sentence ("| by: Jo Doe Passing around ...") is not taken as date-only."""
_LEAD = re.compile(
    rf"^\s*{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}}(?:\s*,\s*{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})?"
    r"\s*,\s*(?P<date>[^()]{4,60}?)\s*(?:(?:\(|-LRB-)[^()]{1,40}?(?:\)|-RRB-)\s*)?(?:-{1,2}|–|—)(?:\s|$)"
)
_PATH_DATES = (
    re.compile(r"(?<!\d)(?P<y>\d{4})(?P<s>[-_./])(?P<m>\d\d)(?P=s)(?P<d>\d\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
)


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
    return _parse(text, now.date())


def _parse(text: str, latest: date) -> DateReading | None:
    text = text.strip()
    if not text or len(text) > MAX_DATE_CHARS or not _DIGIT.search(text):
        return None
    for rule in _RULES:
        match = rule.whole.fullmatch(text)
        if match:
            reading = _reading(rule, match, latest)
            if reading is not None:
                return reading
    return None


def _reading(rule: _Rule, match: re.Match[str], latest: date) -> DateReading | None:
    """Turn a structural match into a checked date, or None when the date cannot be right."""
    fields = _fields(rule, match.groupdict())
    if fields is None:
        return None
    year, month, day, name = fields
    value = _plausible_date(year, month, day, latest)
    if value is None or not _weekday_agrees(match, value):
        return None
    return DateReading(value, rule.precision, _lead_time_prefix(match) + name)


def _fields(rule: _Rule, groups: dict[str, str | None]) -> tuple[int, int, int, str] | None:
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


# --- datelines -------------------------------------------------------------------------------


def find_dateline(text: str, *, now: datetime) -> DatelineMatch | None:
    """Find the article's own date at its top: a date line, a lead dateline or a time stamp.

    Only the first three non-empty lines starting in the first 300 characters are read (see
    TOP_CHARS). On each line, in order, this looks for:

    * a standalone line: only a date, perhaps with a label or byline ("Published: 12.04.2025",
      "Updated 18 March 2025", "By Jane Doe | 18 March 2025"); a bare year or month without a
      label is a heading, not a dateline;
    * a lead dateline: "LONDON, 4 February 2017 (Reuters) - ...". Wire leads often give no
      year ("KARSKVILLE, April 9 (CP) -"); a month and day alone is not a date, so None;
    * a time stamp inside the line: a date printed with a clock time, after a label, beside
      a "|" or before a print page ("Saturday 25 April 2009 22.09 BST", "TRIPOLI | Thu Sep 8,
      2011 7:26 pm EDT", "Thursday, October 23, 2008; Page A01"). A date in prose or a photo
      caption ("taken on Tuesday, April 21, 2010") is an event, not a stamp.

    Returns:
        The first dateline found, or None.
    """
    return _find_dateline(text, now.date())


def _find_dateline(text: str, latest: date) -> DatelineMatch | None:
    for index, line, visible in _top_lines(text):
        found = _standalone(line, latest) or _lead(visible, latest) or _stamp(visible, latest)
        if found is not None:
            reading, matched, standalone = found
            return DatelineMatch(reading, matched, index, standalone)
    return None


def _top_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """(index, line, the part of the line inside the top window) for the top lines."""
    offset = 0
    seen = 0
    for index, line in enumerate(text.split("\n")):
        if offset >= TOP_CHARS or seen >= TOP_LINES:
            return
        if line.strip():
            seen += 1
            yield index, line, line[: TOP_CHARS - offset]
        offset += len(line) + 1


_Found = tuple[DateReading, str, bool]


def _standalone(line: str, latest: date) -> _Found | None:
    stripped = line.strip()
    if len(stripped) > MAX_DATELINE_CHARS or not _DIGIT.search(stripped):
        return None
    without_byline = _LINE_BYLINE.sub("", stripped)
    label = _LINE_LABEL.match(without_byline)
    candidate = without_byline[label.end() :] if label else without_byline
    reading = _parse(candidate, latest)
    if reading is None:
        return None
    if not label and (reading.precision != "day" or reading.rule == "compact-yyyymmdd"):
        return None
    return reading, candidate.strip(), True


def _lead(visible: str, latest: date) -> _Found | None:
    match = _LEAD.match(visible)
    if match is None:
        return None
    reading = _parse(match.group("date"), latest)
    if reading is None or reading.precision != "day":
        return None
    return reading, match.group("date").strip(), False


def _stamp(visible: str, latest: date) -> _Found | None:
    found = {
        (match.start(), -match.end(), rule.name): (match, rule)
        for low, high in _year_windows(visible)
        for rule, pattern in _INLINE_RULES
        for match in pattern.finditer(visible, low, high)
    }
    for key in sorted(found):
        match, rule = found[key]
        if not _looks_stamped(match, visible):
            continue
        reading = _reading(rule, match, latest)
        if reading is not None:
            return reading, match.group(0).strip(), False
    return None


def _year_windows(line: str) -> Iterator[tuple[int, int]]:
    """Spans around each four-digit year where a stamp could lie. Scanning only these, not
    every position of the line, halves the stage's time on Timeline17."""
    for year in _YEAR_ANCHOR.finditer(line):
        yield max(0, year.start() - STAMP_BEFORE_YEAR), year.end() + STAMP_AFTER_YEAR


def _looks_stamped(match: re.Match[str], line: str) -> bool:
    """A date printed as a stamp: with a time, after a label, beside a "|", before a page."""
    groups = match.groupdict()
    if any(groups.get(group) for group in _STAMP_GROUPS):
        return True
    before = line[max(0, match.start() - 40) : match.start()]
    return bool(_LABEL_BEFORE.search(before) or _STAMP_AFTER.match(line, match.end()))


# --- the stage -------------------------------------------------------------------------------


def date_article(doc: CleanedDocument, *, now: datetime) -> tuple[PublishedDate, CleanedDocument]:
    """Date one article from the strongest evidence it has, and cut a standalone date line.

    The order (metadata, dateline, path, crawl date, unknown) and the reasons for it are in the
    module docstring. A WARC crawl date also bounds every other reading: nothing was published
    after it was fetched. A standalone dateline is moved to ``removed`` (reason "dateline")
    whichever evidence won, since it is page furniture, not article text; an inline one stays.

    Args:
        doc: the cleaned article.
        now: the time of the run; no date after it is ever returned.

    Returns:
        The publication date (all None when unknown) and the document without its date line.
    """
    latest = now.date()
    crawl = _crawl_reading(doc.raw, latest)
    if crawl is not None:
        latest = crawl.value
    dateline = _find_dateline(doc.text, latest)
    steps: tuple[Callable[[], PublishedDate | None], ...] = (
        lambda: _from_metadata(doc.raw, latest),
        lambda: _from_header(doc.header, latest),
        lambda: _from_dateline(dateline),
        lambda: _from_path(doc.raw.path, latest),
        lambda: _from_crawl(doc.raw, crawl),
    )
    published = next((p for p in (step() for step in steps) if p is not None), PublishedDate())
    return published, _without_dateline(doc, dateline)


def _crawl_reading(raw: RawDocument, latest: date) -> DateReading | None:
    if raw.date_hint_source != CRAWL_DATE_SOURCE or not raw.date_hint:
        return None
    return _parse(raw.date_hint, latest)


def _from_metadata(raw: RawDocument, latest: date) -> PublishedDate | None:
    if not raw.date_hint or raw.date_hint_source == CRAWL_DATE_SOURCE:
        return None
    hint = raw.date_hint.strip()
    reading = _parse(hint, latest)
    if reading is None:
        return None
    source = raw.date_hint_source or "date hint"
    return _published(reading, f"{source}: '{hint}' (rule: {reading.rule})")


def _from_header(header: tuple[str, ...], latest: date) -> PublishedDate | None:
    """The page's own date from its header lines (nearest the headline first): the nearest date
    labelled as the publication, else the nearest unlabelled one. A date labelled "updated" is
    never taken: it bounds the publication from above, and a wrong day is worse than none."""
    unlabelled: tuple[DateReading, str] | None = None
    for line in header:
        for kind, reading, matched in _header_dates(_unglue(line), latest):
            if kind == PUBLISHED:
                return _published(
                    reading, f"published date block: '{matched}' (rule: {reading.rule})"
                )
            if kind == UNLABELLED and unlabelled is None:
                unlabelled = (reading, matched)
    if unlabelled is None:
        return None
    reading, matched = unlabelled
    return _published(reading, f"date block: '{matched}' (rule: {reading.rule})")


PUBLISHED, UNLABELLED, UPDATED = "published", "unlabelled", "updated"
_LABEL_WORD = re.compile(
    r"(?P<updated>updated|modified|edited|last changed)|"
    r"(?P<published>published|posted|created|first published|date|submitted)",
    re.IGNORECASE,
)
_GLUED_ZONE = re.compile(rf"(?<=[+-]\d)(?=\d\d?\s+{_MONTH})", re.IGNORECASE)
"""A one-digit offset glued to the day: "07:16 GMT +304 February 2017" is "+3 04 February"."""
_GLUED_MONTH = re.compile(rf"(?<=[a-z])(?={_MONTH}\s*\d)")
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
        for low, high in _year_windows(line)
        for rule, pattern in _INLINE_RULES
        for match in pattern.finditer(line, low, high)
    ]
    for match, rule in sorted(matches, key=lambda item: (item[0].start(), -item[0].end())):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        near_start = match.start() <= HEADER_DATE_REACH
        if not (short or near_start or _looks_stamped(match, line)):
            continue
        reading = _reading(rule, match, latest)
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


def _from_dateline(dateline: DatelineMatch | None) -> PublishedDate | None:
    if dateline is None:
        return None
    reading = dateline.reading
    return _published(reading, f"dateline: '{dateline.matched}' (rule: {reading.rule})")


def _from_path(path: str, latest: date) -> PublishedDate | None:
    """The date closest to the file name among the path's date-like parts."""
    normalised = path.replace("\\", "/")
    matches = [match for pattern in _PATH_DATES for match in pattern.finditer(normalised)]
    for match in sorted(matches, key=lambda m: m.end(), reverse=True):
        value = _checked_date(match, latest)
        if value is not None:
            return PublishedDate(value, "day", f"path: '{match.group(0)}'")
    return None


def _checked_date(match: re.Match[str], latest: date) -> date | None:
    year, month, day = (int(match.group(name)) for name in ("y", "m", "d"))
    return _plausible_date(year, month, day, latest)


def _plausible_date(year: int, month: int, day: int, latest: date) -> date | None:
    """The date if it exists, is not before EARLIEST_YEAR and not after ``latest``; else None."""
    if not EARLIEST_YEAR <= year <= latest.year:
        return None
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value if value <= latest else None


def _from_crawl(raw: RawDocument, crawl: DateReading | None) -> PublishedDate | None:
    if crawl is None:
        return None
    evidence = (
        f"{CRAWL_DATE_SOURCE}: '{(raw.date_hint or '').strip()}' "
        f"(crawl date, an upper bound on publication; rule: {crawl.rule})"
    )
    return PublishedDate(crawl.value, "day", evidence)


def _published(reading: DateReading, evidence: str) -> PublishedDate:
    return PublishedDate(reading.value, reading.precision, evidence)


def _without_dateline(doc: CleanedDocument, dateline: DatelineMatch | None) -> CleanedDocument:
    """Move a standalone dateline line to ``removed``; never leave the article without text."""
    if dateline is None or not dateline.standalone:
        return doc
    lines = doc.text.split("\n")
    rest = lines[: dateline.line_index] + lines[dateline.line_index + 1 :]
    if not any(line.strip() for line in rest):
        return doc
    cut = RemovedLine(dateline.line_index, lines[dateline.line_index], DATELINE_REASON)
    return replace(doc, text="\n".join(rest), removed=(*doc.removed, cut))
