"""A page dump cut to its article: each line's role, the headline, the header for the dates.

``page.py`` says which lines are body and which is the headline; this module turns that into
cuts with reasons a reader can check:

* ``headline``: the headline line, moved to ``CleanedDocument.title``;
* ``navigation``: what stands before the article (menus, breadcrumbs, banners, the masthead);
* ``byline``: a short line near the headline naming the author or printing the date;
* ``caption``: a photo credit ("Image Credit: ...", "Photograph: Jane Roe/Agency") up to the
  article's last line, and the caption sentence just above it, whatever the model made of that
  sentence, and a sentence that marks itself as a caption ("... at the harbour wall. (FILE)"):
  captions describe the photo, often an older event, and must not date the article's (after
  the article, a "©" line is the footer's);
* ``page-furniture``: non-body lines inside the article (teaser boxes, share bars);
* ``page-end``: what follows the article (most-read lists, author bios, tags, comments, footer).

The header handed to the date stage is the headline and the lines from a few above it to a few
into the body, nearest the headline first: that is where pages print their date. After them
come, after an empty line, the bylines and labelled dates ("By Jo Roe on Thu, Nov 9, 2023",
"Published: ...") a little further out (a share bar between the byline and the headline),
which the date stage reads only when the near lines give no date; a bare date there is a
sidebar's or a comment's as often as the page's, so it stays out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from dateline.clean.features import has_credit_cue
from dateline.clean.lines import CAPTION, Cut, assemble, rule_cuts
from dateline.clean.markup import unescaped
from dateline.clean.page import PageLines, PageStructure, read_page
from dateline.clean.title import is_date_line, without_byline_tail
from dateline.model import CleanedDocument, RawDocument

HEADLINE = "headline"
NAVIGATION = "navigation"
BYLINE = "byline"
PAGE_FURNITURE = "page-furniture"
PAGE_END = "page-end"
PAGE_REASONS = frozenset({NAVIGATION, PAGE_FURNITURE, PAGE_END})
_KEPT_ROLES = frozenset({HEADLINE, BYLINE, CAPTION})
"""Roles the caption rule does not overwrite when it takes the sentence above a credit."""

HEADER_BEFORE = 4
"""Header lines above the headline (a masthead date, a kicker, a date printed above it) ..."""
HEADER_AFTER = 8
"""... and below it, into the first body lines (byline, date block, standfirst)."""
FAR_BEFORE = 12
FAR_AFTER = 20
"""Further out, only unmistakable date-block lines join the header, after the near ones."""
LABEL_MAX_WORDS = 3
"""A line of at most this many words ending in ":" labels the line below it."""
BYLINE_MAX_WORDS = 16
CREDIT_MAX_WORDS = 14
"""A credit line is short; a longer line with a credit word is a sentence about a photo."""
CAPTION_MAX_WORDS = 45
"""A caption sentence above a credit is at most this long; a longer line is article prose."""

_CAPTION_MARK = re.compile(r"\((?:file|file photo|pictured)\)\W*$", re.IGNORECASE)
"""A caption sentence that marks itself as one: "... moored at the harbour wall. (FILE)"."""
_LABEL = re.compile(r"(?:published|posted|first published)\b", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|written by|posted by|words by)\b|^by:", re.IGNORECASE)
_DATE_HINT = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,2}[:.]\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?\s+\d|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)


def clean_page(
    raw: RawDocument, lines: PageLines, template: frozenset[str] = frozenset()
) -> CleanedDocument | None:
    """Cut a page dump to its article; None when the models find no body in it.

    ``template`` holds the stripped raw lines its site prints on most of its pages
    (``template.read_sites``): cut as furniture, never the headline, and, above the
    headline, kept out of the date block (a masthead's date is the day the page was fetched).
    """
    raw_lines = raw.text.split("\n")
    on_template = _template_indices(lines, raw_lines, template)
    structure = read_page(lines, on_template)
    body = [i for i in range(len(lines.plain)) if structure.is_body(i)]
    if not body:
        return None
    roles = _roles(structure, body[0], body[-1])
    cuts = {
        number: Cut(role, raw_lines[number].strip())
        for i, role in roles.items()
        for number in lines.raw_numbers(i)
    }
    cuts.update(_markup_only(raw_lines, lines))
    shown = list(raw_lines)
    for i, line in enumerate(lines.plain):
        if i not in roles:
            shown[lines.index[i]] = line.text
            for number in lines.joined[i]:
                shown[number] = ""
    cuts.update(rule_cuts(shown, skip=cuts.keys()))
    headline = structure.headline
    title = None if headline is None else without_byline_tail(unescaped(lines.plain[headline].text))
    header = _header(lines, headline, body[0], on_template)
    return assemble(raw, shown, cuts, title=title, header=header)


def _template_indices(
    lines: PageLines, raw_lines: list[str], template: frozenset[str]
) -> frozenset[int]:
    """The page lines read only from template lines."""
    if not template:
        return frozenset()
    return frozenset(
        i
        for i in range(len(lines.plain))
        if all(raw_lines[number].strip() in template for number in lines.raw_numbers(i))
    )


def _markup_only(raw_lines: list[str], lines: PageLines) -> dict[int, Cut]:
    """Lines with markup and no words (an image, a logo link, a rule "* * *"): never article
    text, and an image is a photo, so it goes as a caption."""
    read = {number for i in range(len(lines.plain)) for number in lines.raw_numbers(i)}
    cuts = {}
    for number, line in enumerate(raw_lines):
        text = line.strip()
        if text and number not in read:
            reason = CAPTION if "![" in text else PAGE_FURNITURE
            cuts[number] = Cut(reason, text)
    return cuts


def _roles(structure: PageStructure, first: int, last: int) -> dict[int, str]:
    """The role of every line that is not article body (see the module docstring)."""
    plain = structure.lines.plain
    roles: dict[int, str] = {}
    anchor = structure.headline if structure.headline is not None else first
    credits = []
    for i, line in enumerate(plain):
        words = len(line.text.split())
        if i == structure.headline:
            roles[i] = HEADLINE
        elif i <= last and words <= CREDIT_MAX_WORDS and _is_credit(line.text):
            roles[i] = CAPTION
            credits.append(i)
        elif (
            i <= last
            and words <= CAPTION_MAX_WORDS
            and "(" in line.text
            and _CAPTION_MARK.search(line.text)
        ):
            roles[i] = CAPTION
        elif (
            abs(i - anchor) <= HEADER_AFTER and words <= BYLINE_MAX_WORDS and _is_byline(line.text)
        ):
            roles[i] = BYLINE
        elif not structure.is_body(i):
            roles[i] = NAVIGATION if i < first else PAGE_END if i > last else PAGE_FURNITURE
    for i in credits:
        above = i - 1
        if (
            above >= 0
            and roles.get(above) not in _KEPT_ROLES
            and len(plain[above].text.split()) <= CAPTION_MAX_WORDS
        ):
            roles[above] = CAPTION
    return roles


def _is_credit(text: str) -> bool:
    return has_credit_cue(text) and not _is_prose(text)


def _is_byline(text: str) -> bool:
    return bool(_BYLINE.search(text) or _DATE_HINT.search(text)) and not _is_prose(text)


def _is_prose(text: str) -> bool:
    words = text.split()
    return len(words) >= 8 and text.rstrip("\"'”’)").endswith((".", "!", "?"))


def _header(
    lines: PageLines, headline: int | None, first_body: int, template: frozenset[int]
) -> tuple[str, ...]:
    """The lines around the headline, nearest first. Without a headline, the body's first lines
    are a poor anchor (sidebars and captions sit there as often as date blocks), so only the
    lines there that are unmistakably a date block are given: a byline, a labelled date
    ("Published: ..."), or a line that is only a date. Template lines above the anchor are
    left out: a date the site prints atop every page is its masthead's (the day of the fetch);
    below the headline, a date line shared by a site's pages is the day they share."""
    anchor = headline if headline is not None else first_body
    low = max(0, anchor - HEADER_BEFORE)
    high = min(len(lines.plain), max(anchor, first_body) + HEADER_AFTER)
    far_low = max(0, anchor - FAR_BEFORE)
    far_high = min(len(lines.plain), max(anchor, first_body) + FAR_AFTER)
    order = sorted(range(low, high), key=lambda i: (abs(i - anchor), i < anchor))
    texts = {  # the lines read below and the ones above them (``_with_label``)
        i: "" if i < anchor and i in template else unescaped(lines.plain[i].text)
        for i in range(max(0, far_low - 1), far_high)
    }
    header = [line for line in (_with_label(texts, i) for i in order) if line]
    if headline is None:
        header = [line for line in header if _is_date_block(line)]
    far = sorted(
        (i for i in range(far_low, far_high) if not low <= i < high),
        key=lambda i: (abs(i - anchor), i < anchor),
    )
    signed = [line for line in (_with_label(texts, i) for i in far) if _is_signed_date(line)]
    return tuple([*header, "", *signed] if signed else header)


def _is_date_block(line: str) -> bool:
    short = len(line.split()) <= BYLINE_MAX_WORDS
    return short and (
        _BYLINE.search(line) is not None or is_date_line(line) or bool(_LABEL.match(line))
    )


def _is_signed_date(line: str) -> bool:
    """A byline or a labelled date ("By Jo Roe on Thu, Nov 9, 2023", "Published: ..."): never
    a sidebar's or a comment's bare time stamp."""
    short = len(line.split()) <= BYLINE_MAX_WORDS
    return short and (_BYLINE.search(line) is not None or bool(_LABEL.match(line)))


def _with_label(texts: Mapping[int, str], i: int) -> str:
    """A line with the bare label printed on the line above it ("Published:" / "2018-04-06")."""
    above = texts[i - 1] if i > 0 else ""
    if above.endswith(":") and len(above.split()) <= LABEL_MAX_WORDS:
        return f"{above} {texts[i]}"
    return texts[i]
