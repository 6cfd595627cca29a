"""Stage 2, clean: the article's own lines, its headline, and every cut line with its reason.

Two kinds of input reach this stage, and it reads them differently:

* **Page dumps**: a whole web page saved as text (a browser's copy, html2text markdown, a
  scraper's dump). ``page.py`` scores every line as article body or not with small learned
  models and finds the headline below the menus; everything that is not body is cut with its
  role as the reason (``navigation`` before the article, ``page-furniture`` inside it,
  ``page-end`` after it, ``caption``, ``byline``), and the lines around the headline are handed to
  the date stage as the page's header, where its publication date is printed.
* **Clean text**: wire copy, a JSON field, what trafilatura extracted from HTML. Its lines are
  all article unless a line rule (``lines.py``: captions, share widgets, teasers, tags,
  readers' comments) says otherwise, and a plain-text file's first line is its headline when it
  looks like one (``title.py``).

Page dumps are also read against their site's other pages (``template.py``): ingest hands the
stage a window of inputs at a time, and the lines one site prints on most of its pages (menus,
promotions, a masthead's date) are cut, never the headline, never the publication date.

The line rules run on both: on a page dump they see only the lines the models kept. Every cut
line stays in ``CleanedDocument.removed`` with its 0-based line number in the raw text.
"""

from __future__ import annotations

from dataclasses import replace

from dateline.clean.lines import (
    BOILERPLATE_REASONS,
    CAPTION,
    COMMENT_WIDGET,
    EMPTY_NOISE,
    HAS_BOILERPLATE,
    HAS_CAPTIONS,
    HAS_READER_COMMENTS,
    READER_COMMENT,
    RELATED_TEASER,
    SHARE_WIDGET,
    SYNDICATION_NOTE,
    TAGS,
    assemble,
    rule_cuts,
)
from dateline.clean.page import is_page_dump, page_lines
from dateline.clean.structure import clean_page
from dateline.clean.template import NO_TEMPLATE, read_sites, template_lines
from dateline.clean.title import split_first_line_headline
from dateline.model import CleanedDocument, RawDocument

__all__ = [
    "BOILERPLATE_REASONS",
    "CAPTION",
    "COMMENT_WIDGET",
    "EMPTY_NOISE",
    "HAS_BOILERPLATE",
    "HAS_CAPTIONS",
    "HAS_READER_COMMENTS",
    "READER_COMMENT",
    "RELATED_TEASER",
    "SHARE_WIDGET",
    "SYNDICATION_NOTE",
    "TAGS",
    "clean_document",
    "read_sites",
    "template_lines",
]

PAGE_FORMATS = frozenset({"text"})
"""Formats whose text may be a whole page. HTML went through trafilatura, which already took the
article out of the page; JSON and feed fields hold what their producer chose as the text."""


def clean_document(raw: RawDocument, template: frozenset[str] = NO_TEMPLATE) -> CleanedDocument:
    """Clean one article: a page dump through the page models, clean text through the rules.

    Args:
        raw: the article as ingest read it; its text is plain text, lines separated by "\\n".

    Returns:
        The cleaned document: the kept lines joined by "\\n" (runs of three or more blank lines
        collapsed to one, stripped at both ends, empty if nothing is left), every cut as a
        RemovedLine in line order, the headline found when the input gave none, the page's
        header lines for the date stage, and the flags ``has-captions``, ``has-boilerplate`` and
        ``has-reader-comments`` for the kinds of cut made.

    ``template`` is the corpus evidence for a page dump: the lines its site prints on most of
    its pages, from ``read_sites`` over the batch it came in (``template.py``).
    """
    if raw.source_format in PAGE_FORMATS:
        lines = page_lines(raw.text)
        if is_page_dump(lines):
            cleaned = clean_page(raw, lines, template)
            if cleaned is not None:
                return cleaned
    title = raw.title
    if title is None and raw.source_format in PAGE_FORMATS:
        title, text = split_first_line_headline(raw.text)
        raw = replace(raw, text=text, title=title)
    raw_lines = raw.text.split("\n")
    return assemble(raw, raw_lines, rule_cuts(raw_lines), title=title)
