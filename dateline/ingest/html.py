"""HTML pages: the main text through trafilatura, metadata (title, site, date) through htmldate.

trafilatura is the best-measured main-text extractor we can install offline; we keep its output
as plain text with one paragraph per line, and let dateline's own clean stage take out what it
leaves (captions, teasers and comment widgets often survive extraction).
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from dateline.model import RawDocument

MIN_ARTICLE_WORDS = 12
"""Fewer words than this is a menu or a stub left by extraction, not an article."""
_CLOSING_HTML = re.compile(r"</html\s*>\s*$", re.IGNORECASE)
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr")
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_NOT_XML_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters lxml refuses in text (control characters, lone surrogates, non-characters)."""


class NoMainTextError(ValueError):
    """The page holds no article text that could be extracted."""


def read_html(
    path: str, html: str, *, url: str | None = None, record: int | None = None
) -> RawDocument:
    """Extract the article from an HTML page.

    Raises:
        NoMainTextError: the page has no extractable main text (empty, truncated, or a
            navigation page).
    """
    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    meta: dict[str, Any] = {}
    if isinstance(extracted, dict):
        meta = extracted
    elif extracted is not None:
        meta = extracted.as_dict()
    text = str(meta.get("text") or "").strip()
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise NoMainTextError("no article text found in HTML (empty, truncated or not an article)")
    title = meta.get("title") or None
    text = _drop_repeated_title(text, title)
    warnings: tuple[str, ...] = ()
    if not _CLOSING_HTML.search(html.rstrip()[-200:]):
        warnings = ("HTML looks truncated (no closing </html>); kept the text that was there",)
    return RawDocument(
        path=path,
        text=text,
        source_format="html",
        record=record,
        title=title,
        url=url or meta.get("url") or None,
        outlet=meta.get("sitename") or meta.get("hostname") or None,
        date_hint=meta.get("date") or None,
        date_hint_source="html metadata (htmldate)" if meta.get("date") else None,
        language=meta.get("language") or None,
        warnings=warnings,
    )


def html_to_text(fragment: str) -> str:
    """Plain text of a short HTML fragment (a feed entry), one paragraph per line.

    Feed entries are too short for trafilatura's main-text scoring, and hold no navigation to
    remove, so the fragment's own text is taken, with block elements as line breaks.
    """
    fragment = _NOT_XML_TEXT.sub(" ", fragment)
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _drop_repeated_title(text: str, title: str | None) -> str:
    """trafilatura keeps the <h1> as the first line; the title is stored on its own."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if first.strip() == title.strip() and rest.strip():
        return rest.strip()
    return text
