"""Read TimeML files (TempEval-3 Task A) so they can be written back without a byte disturbed.

Why hand-rolled instead of an XML library: the TE-3 scorer requires a system file to be its input
file with TIMEX3 tags inserted into ``<TEXT>`` and nothing else changed (same whitespace, same
entities, same attribute order in the DCT). An XML round trip would re-serialise the document, so
this module scans the raw ``<TEXT>`` content itself and keeps, for every character of TEXT's plain
text (tags removed, entities such as ``&amp;`` decoded), where it sits in the raw file. Offsets
handed out (gold timexes, :class:`TimexAnnotation`) are offsets into that plain text, which is what
a tagger sees; writing maps them back to raw positions. The whole file is still parsed with
ElementTree once, to read DOCID, DCT and TITLE and to refuse files that are not well-formed.

Writing system files is ``timeml_write.py``'s job; it maps offsets back through what this
module records.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

INPUT_SUFFIXES = (".TE3input", ".tml")
"""File endings :func:`tag_folder` reads (``.TE3input`` is the official raw input)."""

_TEXT_OPEN = re.compile(r"<TEXT(?:\s[^>]*)?>")
_TEXT_CLOSE = re.compile(r"</TEXT\s*>")
# One piece of markup inside TEXT: comment, CDATA, processing instruction, tag, or entity.
MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[(?P<cdata>.*?)\]\]>|<\?.*?\?>|<[^>]*>|&[^;&<>\s]*;",
    re.DOTALL,
)
_TAG = re.compile(r"<\s*(?P<close>/)?\s*(?P<name>[\w:.-]+)(?P<attrs>[^>]*?)(?P<empty>/)?\s*>")
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_DCT_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class TimeMLError(ValueError):
    """A file that is not TimeML as TempEval-3 uses it, or a timex that cannot be written."""


class OverlappingTimexError(TimeMLError):
    """Two timexes to insert overlap or cross: inline XML cannot hold both."""


class CrossingTimexError(TimeMLError):
    """A timex to insert would cross or hold an element already in TEXT (e.g. an EVENT)."""


@dataclass(frozen=True)
class TimexAnnotation:
    """A timex to write: offsets into TEXT's plain text (end exclusive) and its attributes."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


class TimexLike(Protocol):
    """What a tagger returns per expression (dateline.dates.timex.Timex fits)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def mod(self) -> str | None: ...


Tagger = Callable[[str, date | None], Sequence[TimexLike]]
"""A tagger: TEXT's plain text and the DCT in, timexes with plain-text offsets out."""


@dataclass(frozen=True)
class TimeMLTimex:
    """A TIMEX3 element inside TEXT, located in TEXT's plain text."""

    start: int
    end: int
    text: str
    tid: str
    type: str
    value: str
    mod: str | None
    attributes: dict[str, str] = field(compare=False)
    nested_markup: bool = False
    """True when the element holds other tags (e.g. a SIGNAL); the TE-3 scorer ignores it."""


@dataclass(frozen=True)
class Span:
    """A character span in TEXT's plain text (end exclusive)."""

    start: int
    end: int


@dataclass(frozen=True)
class TimeMLDocument:
    """One TimeML document: identity, creation date, and TEXT with its markup located."""

    path: Path | None
    docid: str | None
    dct: date | None
    dct_value: str | None
    title: str | None
    raw_text: str
    """TEXT's content exactly as in the file (markup and entities included)."""
    text_offset: int
    """Where ``raw_text`` starts in the decoded file content."""
    text: str
    """TEXT's plain text: tags removed, entities decoded. All offsets point into it."""
    timexes: tuple[TimeMLTimex, ...]
    events: tuple[Span, ...]
    elements: tuple[tuple[str, Span], ...] = field(repr=False)
    """Every other element inside TEXT (EVENT, SIGNAL, ...) with its span, TIMEX3 excluded."""
    raw_start: tuple[int, ...] = field(repr=False)
    """``raw_start[i]``: where plain character i starts in ``raw_text`` (last item: the end)."""
    raw_after: tuple[int, ...] = field(repr=False)
    """``raw_after[i]``: where plain character i-1 ends in ``raw_text`` (first item: 0)."""
    timex_tags: tuple[tuple[int, int], ...] = field(repr=False, default=())
    """Raw ranges (in ``raw_text``) of every TIMEX3 start, end or empty tag inside TEXT."""


@dataclass
class _Open:
    name: str
    start: int
    attrs: dict[str, str]
    nested: bool = False


def read_timeml(path: Path | str) -> TimeMLDocument:
    """Read a ``.tml`` or ``.TE3input`` file (UTF-8).

    Raises:
        TimeMLError: the file is not well-formed or has no single TEXT element.
    """
    path = Path(path)
    content = path.read_bytes().decode("utf-8")
    return parse_timeml(content, path)


def parse_timeml(content: str, path: Path | None = None) -> TimeMLDocument:
    """Parse decoded TimeML content; ``path`` only names the document in errors."""
    where = str(path) if path else "<string>"
    root = _parse_xml(content, where)
    opening = _TEXT_OPEN.search(content)
    if opening is None or len(_TEXT_OPEN.findall(content)) != 1:
        raise TimeMLError(f"{where}: expected exactly one <TEXT> element")
    closing = _TEXT_CLOSE.search(content, opening.end())
    if closing is None:
        raise TimeMLError(f"{where}: <TEXT> is not closed")
    raw_text = content[opening.end() : closing.start()]
    scan = _scan_text(raw_text, where)
    dct_value = _dct_value(root)
    return TimeMLDocument(
        path=path,
        docid=_element_text(root, "DOCID"),
        dct=_dct_date(dct_value),
        dct_value=dct_value,
        title=_element_text(root, "TITLE"),
        raw_text=raw_text,
        text_offset=opening.end(),
        text=scan.text,
        timexes=tuple(scan.timexes),
        events=tuple(scan.events),
        elements=tuple(scan.elements),
        raw_start=tuple(scan.raw_start),
        raw_after=tuple(scan.raw_after),
        timex_tags=tuple(scan.timex_tags),
    )


def _parse_xml(content: str, where: str) -> ET.Element:
    try:
        return ET.fromstring(content.encode("utf-8"))
    except ET.ParseError as error:
        raise TimeMLError(f"{where}: not well-formed XML: {error}") from error


def _element_text(root: ET.Element, tag: str) -> str | None:
    element = root.find(f".//{tag}")
    if element is None:
        return None
    return "".join(element.itertext()).strip() or None


def _dct_value(root: ET.Element) -> str | None:
    timex = root.find(".//DCT/TIMEX3")
    return None if timex is None else timex.get("value")


def _dct_date(value: str | None) -> date | None:
    match = _DCT_DATE.match(value or "")
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


@dataclass
class _Scan:
    text: str = ""
    timexes: list[TimeMLTimex] = field(default_factory=list)
    events: list[Span] = field(default_factory=list)
    elements: list[tuple[str, Span]] = field(default_factory=list)
    raw_start: list[int] = field(default_factory=list)
    raw_after: list[int] = field(default_factory=lambda: [0])
    timex_tags: list[tuple[int, int]] = field(default_factory=list)


def _scan_text(raw: str, where: str) -> _Scan:
    """Walk TEXT's raw content: plain text, raw positions, and located elements."""
    scan = _Scan()
    pieces: list[str] = []
    stack: list[_Open] = []
    position = 0

    def add_text(chunk: str, raw_begin: int, raw_end: int, literal: bool) -> None:
        # literal: one raw char per plain char; otherwise one decoded char for the whole range
        for index, char in enumerate(chunk):
            start = raw_begin + index if literal else raw_begin
            scan.raw_start.append(start)
            scan.raw_after.append(start + 1 if literal else raw_end)
            pieces.append(char)

    for match in MARKUP.finditer(raw):
        add_text(raw[position : match.start()], position, match.start(), literal=True)
        position = match.end()
        piece = match.group()
        if match.group("cdata") is not None:
            add_text(match.group("cdata"), match.start("cdata"), match.end("cdata"), True)
        elif piece.startswith("&"):
            add_text(_decode_entity(piece, where), match.start(), match.end(), literal=False)
        elif not piece.startswith(("<!--", "<?")):
            _handle_tag(piece, len(pieces), (match.start(), match.end()), stack, scan, where)
    add_text(raw[position:], position, len(raw), literal=True)
    if stack:
        raise TimeMLError(f"{where}: <{stack[-1].name}> is not closed inside TEXT")
    scan.text = "".join(pieces)
    scan.raw_start.append(len(raw))
    _fill_timex_text(scan)
    return scan


def _handle_tag(
    piece: str,
    offset: int,
    raw_range: tuple[int, int],
    stack: list[_Open],
    scan: _Scan,
    where: str,
) -> None:
    tag = _TAG.fullmatch(piece)
    if tag is None:
        raise TimeMLError(f"{where}: cannot read the tag {piece!r}")
    name = tag["name"]
    if name == "TIMEX3":
        scan.timex_tags.append(raw_range)
    if tag["close"]:
        if not stack or stack[-1].name != name:
            raise TimeMLError(f"{where}: </{name}> does not close the open element")
        _close(stack.pop(), offset, scan)
        return
    if stack:
        stack[-1].nested = True
    element = _Open(name, offset, _attributes(tag["attrs"], where))
    if tag["empty"]:
        _close(element, offset, scan)
    else:
        stack.append(element)


def _close(element: _Open, offset: int, scan: _Scan) -> None:
    if element.name != "TIMEX3":
        scan.elements.append((element.name, Span(element.start, offset)))
    if element.name == "EVENT":
        scan.events.append(Span(element.start, offset))
    elif element.name == "TIMEX3":
        attrs = element.attrs
        scan.timexes.append(
            TimeMLTimex(
                start=element.start,
                end=offset,
                text="",
                tid=attrs.get("tid", ""),
                type=attrs.get("type", ""),
                value=attrs.get("value", ""),
                mod=attrs.get("mod"),
                attributes=attrs,
                nested_markup=element.nested,
            )
        )


def _fill_timex_text(scan: _Scan) -> None:
    filled = [
        TimeMLTimex(
            start=t.start,
            end=t.end,
            text=scan.text[t.start : t.end],
            tid=t.tid,
            type=t.type,
            value=t.value,
            mod=t.mod,
            attributes=t.attributes,
            nested_markup=t.nested_markup,
        )
        for t in scan.timexes
    ]
    scan.timexes = sorted(filled, key=lambda t: (t.start, -t.end))


def _attributes(raw: str, where: str) -> dict[str, str]:
    return {
        match[1]: _decode_all(match[2] if match[2] is not None else match[3], where)
        for match in _ATTR.finditer(raw)
    }


def _decode_all(raw: str, where: str) -> str:
    return re.sub(r"&[^;&<>\s]*;", lambda m: _decode_entity(m.group(), where), raw)


def _decode_entity(entity: str, where: str) -> str:
    body = entity[1:-1]
    if body in _NAMED_ENTITIES:
        return _NAMED_ENTITIES[body]
    try:
        if body.startswith(("#x", "#X")):
            return chr(int(body[2:], 16))
        if body.startswith("#"):
            return chr(int(body[1:]))
    except ValueError:
        pass
    raise TimeMLError(f"{where}: unknown entity {entity}")
