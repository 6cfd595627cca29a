"""Article text cut into plain and marked pieces that a template renders, escaped.

The article page marks time expressions (with their resolved values) and names (linked to
their entity pages) inside untrusted text. Building that markup as strings in Python would put
one forgotten ``escape`` between a hostile article and the reader's browser; instead this module
returns *data*: lines of ``Segment`` (text, kind, note, link), and the template writes every
piece through Jinja's autoescape. Marks never overlap (the earlier-starting, longer one wins),
offsets outside the text are dropped, and the cut lines can be put back in place, each with the
reason it was cut.

Snippets for search results are built the same way: the words found are segments of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dateline.model import RemovedLine


@dataclass(frozen=True)
class Mark:
    """A span of the text to mark: ``kind`` is "time" or "entity" (or "hit" in a snippet)."""

    start: int
    end: int
    kind: str
    note: str = ""
    href: str = ""
    anchor: str = ""
    """An id for the span (made by this app, never from the text), so a link can point at it."""


@dataclass(frozen=True)
class Segment:
    """A piece of a line: plain text (kind "") or a marked span."""

    text: str
    kind: str = ""
    note: str = ""
    href: str = ""
    anchor: str = ""
    """The mark's id, on the first piece of a mark that runs over lines only."""


@dataclass(frozen=True)
class Line:
    """A line of the article as shown: its pieces, or a cut line with its reason."""

    segments: tuple[Segment, ...]
    cut_reason: str = ""
    line_no: int | None = None

    @property
    def blank(self) -> bool:
        return not self.cut_reason and not "".join(s.text for s in self.segments).strip()


def non_overlapping(marks: Iterable[Mark], length: int) -> list[Mark]:
    """The marks inside ``[0, length)`` that overlap no earlier-starting (or, at the same start,
    longer) mark, in text order."""
    ordered = sorted(
        (m for m in marks if 0 <= m.start < m.end <= length),
        key=lambda m: (m.start, -(m.end - m.start)),
    )
    kept: list[Mark] = []
    for mark in ordered:
        if kept and mark.start < kept[-1].end:
            continue
        kept.append(mark)
    return kept


def marked_lines(
    text: str, marks: Iterable[Mark], removed: Sequence[RemovedLine] = (), show_cuts: bool = False
) -> list[Line]:
    """The text's lines with the marks applied; with ``show_cuts`` the cut lines are put back
    where they stood (by their line numbers among the kept lines; any past the end follow)."""
    spans = non_overlapping(marks, len(text))
    lines: list[Line] = []
    offset = 0
    index = 0
    for raw in text.split("\n"):
        end = offset + len(raw)
        segments: list[Segment] = []
        position = offset
        while index < len(spans) and spans[index].start < end:
            mark = spans[index]
            start, stop = max(mark.start, offset), min(mark.end, end)
            if start > position:
                segments.append(Segment(text[position:start]))
            if stop > start:
                anchor = mark.anchor if start == mark.start else ""
                segments.append(Segment(text[start:stop], mark.kind, mark.note, mark.href, anchor))
            position = max(position, stop)
            if mark.end > end:  # it goes on past the line break: continue it on the next line
                break
            index += 1
        if position < end:
            segments.append(Segment(text[position:end]))
        lines.append(Line(tuple(segments)))
        offset = end + 1
    if show_cuts and removed:
        lines = _with_cuts(lines, removed)
    return lines


def _with_cuts(kept: list[Line], removed: Sequence[RemovedLine]) -> list[Line]:
    """Cut lines back among the kept ones: the clean stage numbers the lines before cutting, so
    the kept lines fill the numbers that were not cut, in order."""
    cuts: dict[int, RemovedLine] = {}
    for line in removed:
        cuts.setdefault(line.line_no, line)
    merged: list[Line] = []
    queue = list(kept)
    number = 0
    while queue:
        if number in cuts:
            cut = cuts.pop(number)
            merged.append(Line((Segment(cut.text),), cut.reason or "cut", cut.line_no))
        else:
            merged.append(queue.pop(0))
        number += 1
    for _, cut in sorted(cuts.items()):
        merged.append(Line((Segment(cut.text),), cut.reason or "cut", cut.line_no))
    return merged


SNIPPET_CHARS = 240
"""Characters of text around the first word found, in a search result."""


def snippet(text: str, terms: Sequence[str], width: int = SNIPPET_CHARS) -> tuple[Segment, ...]:
    """A window of ``text`` around the first of ``terms`` found (whole text start when none
    is), every occurrence of a term in it marked "hit"; newlines become spaces."""
    flat = text.replace("\n", " ")
    if not terms:
        return (Segment(flat[:width] + ("…" if len(flat) > width else "")),)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    first = pattern.search(flat)
    start = max(0, (first.start() if first else 0) - width // 3)
    if start:  # start at a word
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    window = flat[start : start + width]
    marks = [Mark(m.start(), m.end(), "hit") for m in pattern.finditer(window)]
    pieces = list(marked_lines(window, marks)[0].segments) if window else []
    if start:
        pieces.insert(0, Segment("…"))
    if start + width < len(flat):
        pieces.append(Segment("…"))
    return tuple(pieces)
