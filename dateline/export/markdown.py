"""Markdown export: a readable timeline where every line names its sources.

Article text is untrusted: every string from an article is escaped so it cannot inject links,
images, HTML, headings or formatting into the rendered page, and its control characters are
shown as escapes (``\\x1b``) so that printing the file on a terminal cannot drive the terminal.
Sources are named by outlet, else by a path that shows no local directory (``display_path``).
"""

from __future__ import annotations

import html
import re

from dateline.export.records import TimelineDocument
from dateline.export.safe import display_path, visible

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
"""Characters that open inline markup anywhere in a line: code, emphasis, links, tables, strike.
``<``, ``>`` and ``&`` are handled by HTML escaping; ``!`` and ``(`` only act after ``[``."""
_BLOCK_MARKER = re.compile(r"^([#+=-]|\d+[.)](?=\s|$))")
"""What can turn the start of a line into a heading ("#", "###"), a list item ("- ", "+ ", "1. "),
a thematic break ("---") or a setext underline ("==="): the first character of a line that starts
with "#", "-", "+" or "=" is always backslashed (a heading needs no space after its hashes in
some renderers), an ordered-list number only when a space follows it."""


def escape_markdown(text: str) -> str:
    """Text safe to place in Markdown: one line, HTML escaped, markup characters backslashed.

    Only characters that can start markup are escaped, so "U.S.-backed" stays readable in the
    raw file while "*bold*", "[link](x)", "<script>" and a leading "# " render as plain text.
    """
    flat = visible(" ".join(text.split()))
    escaped = _INLINE_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))
    return _BLOCK_MARKER.sub(lambda match: _escape_block_marker(match.group(1)), escaped)


def _escape_block_marker(marker: str) -> str:
    """Backslash a heading or list marker; before ".", ")" for ordered lists."""
    if marker[0].isdigit():
        return f"{marker[:-1]}\\{marker[-1]}"
    return f"\\{marker}"


def to_markdown(document: TimelineDocument) -> str:
    """The timeline as Markdown: a heading per date, each entry with its source list."""
    lines = [
        "# Timeline",
        "",
        f"{len(document.timeline)} dated entries from {len(document.articles)} articles "
        f"in {len(document.events)} events.",
    ]
    current = None
    for entry in document.timeline:
        if entry.date != current:
            current = entry.date
            lines += ["", f"## {current}"]
        event = document.event(entry.event_id)
        title = escape_markdown(event.title if event else "") or "(untitled)"
        lines += ["", f"**{title}**"]
        for text, cited in entry.cited_parts():
            lines += ["", escape_markdown(text)]
            names = "; ".join(_source(document, a) for a in cited)
            lines += ["", f"{entry.sources_label(cited)}: {names}"]
        for quote in entry.quotes:
            source = _source(document, quote.article_ids[0]) if quote.article_ids else ""
            lines += [
                "",
                f"> \u201c{escape_markdown(quote.text)}\u201d "
                f"\u2014 {escape_markdown(quote.speaker or '')} ({source})",
            ]
    return "\n".join(lines) + "\n"


def _source(document: TimelineDocument, article_id: str) -> str:
    """An article's outlet (else its displayable path) and short id; a cited article the
    document does not list (a hand-made document) by its id alone."""
    code = f"`{_code(article_id[:8])}`"
    article = document.article(article_id)
    if article is None:
        return code
    name = article.outlet or display_path(article.path or "") or "?"
    return f"{escape_markdown(name)} {code}"


def _code(text: str) -> str:
    """Text for a code span: one line, no backticks, no control characters."""
    return visible(" ".join(text.split())).replace("`", "'")
