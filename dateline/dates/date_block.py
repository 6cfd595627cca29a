"""A page dump's date block: the publication date printed near its headline.

The clean stage hands over the lines around a page dump's headline (``CleanedDocument.header``,
nearest first). Pages print their date there in every form ("By John Walk - January 10, 2020",
"Published: November 2, 2023 6.55pm SAST", "12:39, 2 NOV 2023", "Mar 28, 2016·3 min read",
"07:16 GMT +304 February 2017"), beside an "Updated" date, a caption's older date or a
sidebar's. The nearest date labelled as the publication wins, else the nearest unlabelled one;
an "updated" date is never taken (it only bounds the publication from above). In a long line
(a caption, a first paragraph, a headline run into its byline) a date counts when it is near
the line's start, printed as a stamp, or just after a byline ("... by J.O. Haselhoef Apr. 26,
2022"). The end of a range of days ("9-23 Feb 2017") is an event's date, never the page's. A
slash date whose order is ambiguous is read in the order the page's other slash dates follow,
when they all agree; else it stays unknown. Dates and labels are read in the outlet's language
too ("Veröffentlicht am 4. Februar 2022, 15:29 Uhr", "Publié le 3 mars 2022"; German "Stand:"
is an update); a date in running prose near a long line's start, a tweet or post embedded in
the page ("(@handle) November 3, 2023") and two dates a browser's copy glued together
("19.11.202119.11.2021") are handled as on English pages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date

from dateline.dates.printed import (
    INLINE_RULES,
    MONTH_PATTERN,
    DateReading,
    looks_stamped,
    published_date,
    reading_of,
    settled_reading,
    year_windows,
)
from dateline.model import PublishedDate

HEADER_SHORT_WORDS = 16
"""A header line this short is a byline or date block: any day-precise date in it is the page's.
A longer one is a caption or the first paragraph, whose dates count only as stamps."""


def from_header(
    header: tuple[str, ...], latest: date, page: str = "", site_order: str | None = None
) -> PublishedDate | None:
    """The page's own date from its header lines (nearest the headline first): the nearest date
    labelled as the publication, else the nearest unlabelled one. A date labelled "updated" is
    never taken: it bounds the publication from above, and a wrong day is worse than none. An
    empty line ends the near header: the lines after it (bylines and labelled dates further
    out) are read only when no date came before it.

    A slash date whose order is ambiguous ("12/04/2020") is read in the order every unambiguous
    slash date of the same page follows ("25/04/2020": day first), when at least
    ORDER_MIN_DATES of them agree and none disagrees (``page``: the page's whole text); else in
    the order of its site's pages (``site_order``, from ``site_slash_orders``) when none of the
    page's own disagrees; else it stays unread.

    Lines that each open with an unlabelled date of a different day ("October 30, 2020 Kate
    May ZZ Plant Care ...", "October 28, 2020 Kate May Polka Dot ...") are a list of posts
    beside the headline, not its date block: their dates are not taken."""
    order = _LazyOrder(page, site_order)
    unlabelled: tuple[DateReading, str] | None = None
    leading: set[date] = set()
    for line in header:
        if not line and unlabelled is not None:
            break  # the lines after an empty one are further out: only when nothing was near
        for kind, reading, matched, start in _header_dates(_unglue(line), latest, order):
            if kind == PUBLISHED:
                return published_date(reading, f"published date block: '{matched}'")
            if kind == UNLABELLED and unlabelled is None:
                unlabelled = (reading, matched)
            if kind == UNLABELLED and start <= LEADING_CHARS:
                leading.add(reading.value)
    if unlabelled is None or len(leading) > 1:
        return None
    reading, matched = unlabelled
    return published_date(reading, f"date block: '{matched}'")


PUBLISHED, UNLABELLED, UPDATED = "published", "unlabelled", "updated"
_LABEL_WORD = re.compile(
    r"(?P<updated>updated|modified|edited|last changed|aktualisiert|geändert|\bstand\b|"
    r"mis à jour|actualizado|aggiornato|bijgewerkt|atualizado|zaktualizowano|aktualizacja)|"
    r"(?P<published>published|posted|created|first published|date|submitted|veröffentlicht|"
    r"erschienen|erstellt|publié|publicado|pubblicato|gepubliceerd|opublikowano)",
    re.IGNORECASE,
)
"""Label words in English and the languages of ``vocab.dates.PRINTED_LABELS``; German "Stand"
("as of") is the latest change, as "updated" is."""
_GLUED_ZONE = re.compile(
    rf"(?:(?<=[A-Z]{{3}}\s[+-]\d)|(?<=[A-Z]{{3}}[+-]\d))(?=\d\d?\s+{MONTH_PATTERN})",
    re.IGNORECASE,
)
"""A one-digit offset glued to the day: "07:16 GMT +304 February 2017" is "+3 04 February".
Only after a zone's name: "9-23 Feb 2017" is a range of days, not "9-2 3 Feb"."""
_GLUED_MONTH = re.compile(rf"(?<=[a-z])(?={MONTH_PATTERN}\s*\d)")
"""A byline glued to its date by a browser's copy: "Shana DambrotNovember 6, 2023"."""
_GLUED_YEAR = re.compile(
    rf"(?<=(?<!\d)(?:19|20)\d\d)"
    rf"(?=\d\d?\.?\s*{MONTH_PATTERN}|\d\d?(?P<sep>[./-])\d\d?(?P=sep)(?:19|20)\d\d(?!\d))",
    re.IGNORECASE,
)
"""Two dates glued by a browser's copy (a page's published and updated dates side by side):
"1. November 20231. November 2023", "19.11.202119.11.2021", "15/01/201614/01/2016"."""
_BYLINE_BEFORE = re.compile(r"\b[Bb]y:?\s+(?:[A-Z][\w.'’-]*\s*){1,4}(?:\s*(?:[-–|,·•]|on)\s*)?$")
"""A byline just before a date, however long its line: "... illness by J.O. Haselhoef Apr. 26,
2022" (a browser's copy runs the headline, byline and date into one line)."""
_EMBED_BEFORE = re.compile(r"\(@\w+\)\s*(?:on|am|le|el|il|op|em)?\s*$", re.IGNORECASE)
"""An embedded post's stamp: "— Ada Ruiz (@adaruiz) November 3, 2023", "A post shared by Ada
(@adaruiz) on Apr 21, 2019". A tweet quoted in the article is not the article."""
_RANGE_BEFORE = re.compile(r"\d\.?\s*(?:[-–]|to|until|till|bis|au|al|tot|a)\s*$", re.IGNORECASE)
"""A date that ends a range of days ("9-23 Feb 2017", "vom 9. bis 23. Februar 2017", "du 9 au 23
février") is an event's, not the page's."""
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zß-ÿ][^\W\d_]+(?![\w-])")
PROSE_WORDS = 2
"""This many lowercase words of two letters or more before a date in a long line make it running
prose ("ist seit 1. Januar 2020", "was elected on 3 May"): the sentence names an event's date,
not the page's. A byline or label ("By Ela on 31. October", "Veröffentlicht am 3. Mai") has
fewer."""
LABEL_REACH = 40
"""How far before a date its label may stand ("Updated 2010 GMT (0410 HKT) March 14, 2021")."""
HEADER_DATE_REACH = 60
"""In a long header line, a date starting this near the line's start is its date block ("By Ela
on 31. October, 2023 | 18 Comments. This post may ..."); further in, it must be a stamp."""


def _unglue(line: str) -> str:
    if "+" in line or "-" in line:
        line = _GLUED_ZONE.sub(" ", line)
    if _DIGIT.search(line) is None:  # what is glued is a date: it has a digit after the glue
        return line  # (the cheap test: the month pattern costs 0.3 ms a page dump)
    return _GLUED_YEAR.sub(" ", _GLUED_MONTH.sub(" ", line))


_DIGIT = re.compile(r"\d")


LEADING_CHARS = 2
"""A date starting this near a line's start opens the line (after a bullet or a bracket)."""
ORDER_MIN_DATES = 2
_SLASHED = re.compile(r"(\d\d?)([/-])(\d\d?)\2(?:19|20)\d\d(?![\d/])")
_NOT_BEFORE_SLASHED = frozenset("0123456789/.-")
"""A slash date stands free: not after these ("version 1.17/03/2024"). Checked on each match:
a look-behind in the pattern made it three times slower over a whole page."""
DAY_FIRST, MONTH_FIRST = "day-first", "month-first"


class _LazyOrder:
    """The order of a page's unambiguous slash dates, read only when a header needs it, or
    its site's when the page has none of its own (and none against the site's)."""

    def __init__(self, page: str, site_order: str | None = None) -> None:
        self.page = page
        self.site_order = site_order
        self._order: tuple[str, str] | None | bool = False

    def get(self) -> tuple[str, str] | None:
        """(order, where it was seen: "page" or "site"), or None."""
        if self._order is False:
            day_first, month_first = slash_counts(self.page)
            own = order_of(day_first, month_first)
            against_site = month_first if self.site_order == DAY_FIRST else day_first
            if own is not None:
                self._order = (own, "page")
            elif self.site_order is not None and not against_site:
                self._order = (self.site_order, "site")
            else:
                self._order = None
        return self._order if isinstance(self._order, tuple) else None


def slash_counts(text: str) -> tuple[int, int]:
    """How many unambiguous slash dates in ``text`` put the day first, and the month first."""
    day_first = month_first = 0
    if "/" not in text and "-" not in text:
        return 0, 0
    for match in _SLASHED.finditer(text):
        if match.start() and text[match.start() - 1] in _NOT_BEFORE_SLASHED:
            continue
        first, second = int(match.group(1)), int(match.group(3))
        day_first += first > 12 >= second
        month_first += second > 12 >= first
    return day_first, month_first


def site_slash_orders(texts: Sequence[str], sites: Sequence[str | None]) -> list[str | None]:
    """For each text, the order its site's pages (those sharing its key in ``sites``, at least
    two) settle with their unambiguous slash dates together, or None. A site that prints
    "25/04/2023" on one page prints "04/05/2023" on another day first too."""
    totals: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for text, site in zip(texts, sites, strict=True):
        if site is not None:
            day_first, month_first = slash_counts(text)
            total = totals[site]
            total[0] += day_first
            total[1] += month_first
            total[2] += 1
    orders = {site: order_of(t[0], t[1]) if t[2] >= 2 else None for site, t in totals.items()}
    return [None if site is None else orders[site] for site in sites]


def order_of(day_first: int, month_first: int) -> str | None:
    """DAY_FIRST or MONTH_FIRST when unambiguous slash dates ("25/04/2020", "04/25/2020"; their
    counts from ``slash_counts``) all follow one order and at least ORDER_MIN_DATES do."""
    if day_first >= ORDER_MIN_DATES and not month_first:
        return DAY_FIRST
    if month_first >= ORDER_MIN_DATES and not day_first:
        return MONTH_FIRST
    return None


def _settled(match: re.Match[str], order: _LazyOrder, latest: date) -> DateReading | None:
    """An ambiguous slash date read in the page's own order, or its site's, if it has one."""
    chosen = order.get()
    if chosen is None:
        return None
    return settled_reading(match, latest, day_first=chosen[0] == DAY_FIRST, seen_on=chosen[1])


def _header_dates(
    line: str, latest: date, order: _LazyOrder | None = None
) -> Iterator[tuple[str, DateReading, str, int]]:
    """(label kind, reading, text, where it starts) for each day-precise date a header line
    prints."""
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
        near_start = (
            match.start() <= HEADER_DATE_REACH
            and len(_LOWER_WORD.findall(line, 0, match.start())) < PROSE_WORDS
        )
        after_byline = _BYLINE_BEFORE.search(line, 0, match.start()) is not None
        if not (short or near_start or after_byline or looks_stamped(match, line)):
            continue
        if _RANGE_BEFORE.search(line, 0, match.start()) or _EMBED_BEFORE.search(
            line, 0, match.start()
        ):
            continue
        reading = reading_of(rule, match, latest)
        if reading is None and order is not None:
            reading = _settled(match, order, latest)
        if reading is None or reading.precision != "day":
            continue
        taken.append((match.start(), match.end()))
        yield (
            _label_kind(line[max(0, match.start() - LABEL_REACH) : match.start()]),
            reading,
            (match.group(0).strip()),
            match.start(),
        )


def _label_kind(before: str) -> str:
    """The kind of the last label word before a date, if any."""
    labels = list(_LABEL_WORD.finditer(before))
    if not labels:
        return UNLABELLED
    return UPDATED if labels[-1].group("updated") else PUBLISHED
