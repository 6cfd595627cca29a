"""Plain-text articles: one article per file, an optional headline on the first line."""

from __future__ import annotations

from dateline.model import RawDocument

MAX_HEADLINE_WORDS = 20
_SENTENCE_END = (".", "!", "?", '"', "'", "”", "’", ":")


def read_text(path: str, text: str, *, source_format: str = "text") -> RawDocument:
    """Make a RawDocument from plain text, taking a headline-like first line as the title.

    A first line counts as a headline when it is short, more text follows, and it does not end
    like a sentence; a question or exclamation ("Who warns whom?") or a quoted headline counts
    too when a blank line sets it apart. Otherwise the article has no title and the first line
    stays in the text: a one-line lead sentence is not a headline.
    """
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = normalised.strip("\n").split("\n")
    first = lines[0].strip()
    rest = "\n".join(lines[1:]).strip()
    set_apart = len(lines) > 1 and not lines[1].strip()
    if rest and _is_headline(first, set_apart=set_apart):
        return RawDocument(path=path, text=rest, title=first, source_format=source_format)
    return RawDocument(path=path, text=normalised.strip(), source_format=source_format)


def _is_headline(line: str, *, set_apart: bool) -> bool:
    words = line.split()
    if not 0 < len(words) <= MAX_HEADLINE_WORDS:
        return False
    if set_apart:
        return not line.endswith((".", ":"))
    return not line.endswith(_SENTENCE_END)
