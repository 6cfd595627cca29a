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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime

from dateline.dates.date_block import from_header
from dateline.dates.printed import (
    DIGIT,
    INLINE_RULES,
    LABELS_PATTERN,
    NOT_LETTER,
    DateReading,
    looks_stamped,
    parse_date_string,
    plausible_date,
    published_date,
    read_date,
    reading_of,
    year_windows,
)
from dateline.model import CleanedDocument, PublishedDate, RawDocument, RemovedLine

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

MAX_DATELINE_CHARS = 160
"""A standalone date line is a date with at most a label and a byline; longer lines are prose."""

DATELINE_REASON = "dateline"
"""``RemovedLine.reason`` for a standalone dateline moved out of the text."""


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


_LINE_LABEL = re.compile(
    rf"^(?:(?:{LABELS_PATTERN}){NOT_LETTER}\s*:?\s*(?:(?:on|at){NOT_LETTER})?|[^|\d]{{1,60}}\|)\s*",
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
    if len(stripped) > MAX_DATELINE_CHARS or not DIGIT.search(stripped):
        return None
    without_byline = _LINE_BYLINE.sub("", stripped)
    label = _LINE_LABEL.match(without_byline)
    candidate = without_byline[label.end() :] if label else without_byline
    reading = read_date(candidate, latest)
    if reading is None:
        return None
    if not label and (reading.precision != "day" or reading.rule == "compact-yyyymmdd"):
        return None
    return reading, candidate.strip(), True


def _lead(visible: str, latest: date) -> _Found | None:
    match = _LEAD.match(visible)
    if match is None:
        return None
    reading = read_date(match.group("date"), latest)
    if reading is None or reading.precision != "day":
        return None
    return reading, match.group("date").strip(), False


def _stamp(visible: str, latest: date) -> _Found | None:
    found = {
        (match.start(), -match.end(), rule.name): (match, rule)
        for low, high in year_windows(visible)
        for rule, pattern in INLINE_RULES
        for match in pattern.finditer(visible, low, high)
    }
    for key in sorted(found):
        match, rule = found[key]
        if not looks_stamped(match, visible):
            continue
        reading = reading_of(rule, match, latest)
        if reading is not None:
            return reading, match.group(0).strip(), False
    return None


# --- the stage -------------------------------------------------------------------------------


def date_article(
    doc: CleanedDocument, *, now: datetime, site_order: str | None = None
) -> tuple[PublishedDate, CleanedDocument]:
    """Date one article from the strongest evidence it has, and cut a standalone date line.

    The order (metadata, dateline, path, crawl date, unknown) and the reasons for it are in the
    module docstring. A WARC crawl date also bounds every other reading: nothing was published
    after it was fetched. A standalone dateline is moved to ``removed`` (reason "dateline")
    whichever evidence won, since it is page furniture, not article text; an inline one stays.

    Args:
        doc: the cleaned article.
        now: the time of the run; no date after it is ever returned.
        site_order: how the page's site orders slash dates, from its other pages
            (``date_block.site_slash_orders``), for an ambiguous one in the page's header.

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
        lambda: from_header(doc.header, latest, doc.raw.text if doc.header else "", site_order),
        lambda: _from_dateline(dateline),
        lambda: _from_path(doc.raw.path, latest),
        lambda: _from_crawl(doc.raw, crawl),
    )
    published = next((p for p in (step() for step in steps) if p is not None), PublishedDate())
    return published, _without_dateline(doc, dateline)


def _crawl_reading(raw: RawDocument, latest: date) -> DateReading | None:
    if raw.date_hint_source != CRAWL_DATE_SOURCE or not raw.date_hint:
        return None
    return read_date(raw.date_hint, latest)


def _from_metadata(raw: RawDocument, latest: date) -> PublishedDate | None:
    if not raw.date_hint or raw.date_hint_source == CRAWL_DATE_SOURCE:
        return None
    hint = raw.date_hint.strip()
    reading = read_date(hint, latest)
    if reading is None:
        return None
    source = raw.date_hint_source or "date hint"
    return published_date(reading, f"{source}: '{hint}'")


def _from_dateline(dateline: DatelineMatch | None) -> PublishedDate | None:
    if dateline is None:
        return None
    reading = dateline.reading
    return published_date(reading, f"dateline: '{dateline.matched}'")


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
    return plausible_date(year, month, day, latest)


def _from_crawl(raw: RawDocument, crawl: DateReading | None) -> PublishedDate | None:
    if crawl is None:
        return None
    evidence = (
        f"{CRAWL_DATE_SOURCE}: '{(raw.date_hint or '').strip()}' "
        f"(crawl date, an upper bound on publication; rule: {crawl.rule})"
    )
    return PublishedDate(crawl.value, "day", evidence)


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
