"""The headline of clean plain text: its first line, when that line looks like one.

A clean article saved as text (wire copy, a reporter's file) starts with its headline. The first
line counts as one when it is short, more text follows, and it does not end like a sentence; a
question or exclamation ("Who warns whom?") or a quoted headline counts too when a blank line
sets it apart. A line that is only a date ("18 September 2017", "Tuesday, 4 March 2025 09:10
GMT") is never a headline: it is the article's date line, which the date stage reads. A byline
and date run into the end of a page's headline line are not part of the headline.
"""

from __future__ import annotations

import re

from dateline.vocab.dates import PRINTED_MONTH_NAMES, PRINTED_WEEKDAY_NAMES, TIMEZONES

MAX_HEADLINE_WORDS = 20
_SENTENCE_END = (".", "!", "?", '"', "'", "”", "’", ":")
_DATE_WORDS = (
    frozenset(
        word.lower().rstrip(".")
        for table in (PRINTED_MONTH_NAMES, PRINTED_WEEKDAY_NAMES)
        for names in table.values()
        for word in names
    )
    | frozenset(zone.lower() for zone in TIMEZONES)
    | {"am", "pm", "a.m", "p.m", "of", "at"}
    | {"de", "um", "uhr", "à", "le", "el", "om", "alle", "às"}  # "4 de mayo de 2021, 15:29 Uhr"
)
_WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*")
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE)
_BYLINE_TAIL = re.compile(r"\s+[Bb]y:?\s+(?:[A-Z][\w.'’-]*\s+){1,4}?(?:on\s+)?(?=\S*\d)")
"""A byline in a line: "by", one to four capitalised names, then what must be a date."""
_NUMBER = re.compile(r"\d+")
TAIL_MIN_WORDS = 3
"""A headline keeps at least this many words before a byline run into it."""


def split_first_line_headline(text: str) -> tuple[str | None, str]:
    """(headline, the rest) when the first line is a headline, else (None, the whole text)."""
    lines = text.strip("\n").split("\n")
    first = lines[0].strip()
    rest = "\n".join(lines[1:]).strip()
    set_apart = len(lines) > 1 and not lines[1].strip()
    if rest and is_headline(first, set_apart=set_apart):
        return first, rest
    return None, text.strip()


def is_headline(line: str, *, set_apart: bool) -> bool:
    """Whether one line reads as a headline (see the module docstring)."""
    words = line.split()
    if not 0 < len(words) <= MAX_HEADLINE_WORDS or is_date_line(line):
        return False
    if set_apart:
        return not line.endswith((".", ":"))
    return not line.endswith(_SENTENCE_END)


def without_byline_tail(line: str) -> str:
    """A headline without the byline and date a browser's copy ran into it ("Lantern makers
    light up the ropeworks by Teodor Vasko Mar. 5, 2024" is the headline up to "by"); a line
    that goes on after the date ("Seized by Rebels on 4 May 2020 in Kivu") is left whole."""
    for match in _BYLINE_TAIL.finditer(line):
        tail = line[match.end() :]
        day_precise = len(_NUMBER.findall(tail)) >= 2  # "Storm Ada 2024" is a name and a year
        long_enough = len(line[: match.start()].split()) >= TAIL_MIN_WORDS
        if long_enough and day_precise and is_date_line(tail):
            return line[: match.start()].rstrip(" -–|,·")
    return line


def is_date_line(line: str) -> bool:
    """A line made only of a date: digits, month and weekday names, time zones, punctuation."""
    if not any(map(str.isdigit, line)):
        return False
    words = _WORD.findall(_ORDINAL.sub("0", line))
    return all(word.lower() in _DATE_WORDS for word in words)
