"""Text-level markup that converters leave in page dumps, read off so lines can be compared.

html2text and similar tools write links as ``[text](url)``, images as ``![alt](src)``, headings
as ``## Title`` and list items as ``* item``; lynx-like dumps write ``[12]Home``. A line's words
are what a reader sees, so the page-structure stage reads every line through ``plain_line``:
it keeps the words, drops the link targets and image references, and reports the markup it
saw (a heading level, a list bullet, how much of the line was link text) as evidence. The
date block reads its lines also without empty emphasis marks and the backslashes that escape
markup characters (``unescaped``: "31\\. October" is "31. October").

Plain prose has none of this markup, so wire text passes through unchanged.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from dateline.vocab.dates import PRINTED_MONTH_NAMES

LYNX_LINK_CHARS = 12
"""A lynx reference ("[12]Home") marks a link without saying where its text ends; count this many
characters of link text per reference (a short link's length)."""

_IMAGE = re.compile(r"!\[([^\]\n]{0,300})\]\([^)\n]{0,2000}\)")
_LINK = re.compile(
    r"\[([^\]\n]{0,500})\]\((?:[^()\s]|\([^()\s]*\)){0,2000}"
    r"(?:(?:\s+\"[^\"\n]*\")?\)|\s+\"[^\"\n]*$)"
)
"""A markdown link, its title attribute included; a title that runs on past the line's end
(html2text keeps a multi-line title as it is: GitHub's commit links) ends the link too."""
_LYNX_REF = re.compile(r"\[\d{1,4}\](?=\S)")
_HEADING = re.compile(r"^(#{1,6})\s+")
_MONTH_WORD = "|".join(
    re.escape(name.rstrip(".")) for names in PRINTED_MONTH_NAMES.values() for name in names
)
_BULLET = re.compile(rf"^(?:[*+•·\-–]|\d{{1,3}}[.)](?!\s+(?i:{_MONTH_WORD})\b))\s+")
"""A list bullet or number; "4. Februar 2022" is a date, not item 4."""
_BULLET_MARKS = ("*", "+", "•", "·", "-", "–")
"""The first characters of ``_BULLET`` but its number's (a decimal digit): the cheap test."""
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_BARE_EMPHASIS = re.compile(r"(?:(?<=\s)|^)(?:_{2,}|\*{2,})|(?:_{2,}|\*{2,})(?=\s|$)")
"""Emphasis marks around nothing: html2text writes an icon's empty ``<i></i>`` as "__", which
glues to the next word ("__May 06, 2022") and hides it from the date patterns."""
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
"""html2text escapes what markdown would read as markup: "31\\. October" is "31. October"."""
_QUOTE_MARK = re.compile(r"^(?:>\s?)+")
_TRAILING_HASHES = re.compile(r"\s+#+\s*$")


class PlainLine(NamedTuple):
    """A line's visible words and the markup found around them (a named tuple: a page has
    hundreds, and a frozen dataclass costs three times as much to make)."""

    text: str
    heading: int
    bullet: bool
    link_share: float
    images: int


def plain_line(line: str) -> PlainLine:
    """The words of one stripped line without markdown or lynx markup (see module docstring)."""
    text = line.strip()
    if not text:
        return PlainLine("", 0, False, 0.0, 0)
    images = len(_IMAGE.findall(text)) if "![" in text else 0
    if images:
        text = _IMAGE.sub(" ", text)
    if text.startswith(">"):
        quote = _QUOTE_MARK.match(text)
        if quote:
            text = text[quote.end() :]
    heading = 0
    if text.startswith("#"):
        marker = _HEADING.match(text)
        if marker:
            heading = len(marker.group(1))
            text = _TRAILING_HASHES.sub("", text[marker.end() :])
    bullet = None
    if text.startswith(_BULLET_MARKS) or text[:1].isdecimal():
        bullet = _BULLET.match(text)
        if bullet:
            text = text[bullet.end() :]
    link_chars = 0
    if "](" in text:
        link_chars = sum(len(match.group(1)) for match in _LINK.finditer(text))
        text = _LINK.sub(r"\1", text)
    if "[" in text:
        lynx = len(_LYNX_REF.findall(text))
        if lynx:
            text = _LYNX_REF.sub("", text)
            link_chars += LYNX_LINK_CHARS * lynx
    if "**" in text or "__" in text:
        text = _EMPHASIS.sub(r"\2", text)
    text = " ".join(text.split())
    share = min(1.0, link_chars / len(text)) if text else 0.0
    return PlainLine(text, heading, bullet is not None, share, images)


def unescaped(text: str) -> str:
    """A plain line without the empty emphasis marks and markup escapes html2text leaves
    ("__May 06, 2022 __News", "31\\. October, 2023"), for the readers of its words (the date
    block). The page models read lines as ``plain_line`` gives them, as they were trained."""
    if "**" in text or "__" in text:
        text = _BARE_EMPHASIS.sub(" ", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())
