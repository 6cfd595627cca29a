"""Write TimeML system files: the input file with TIMEX3 tags inserted, nothing else changed.

The reading side (``timeml.py``) keeps, for every character of a document's plain text, where it
sits in the raw file; writing maps a tagger's offsets back to raw positions and inserts the tags
there. Overlapping or crossing timexes cannot be written as inline XML: :func:`write_tagged`
raises :class:`OverlappingTimexError`; :func:`tag_folder` (the folder driver of ``eval timex``)
first keeps the earliest-starting (then longest) of each overlapping group and logs a warning for
every timex it drops (:func:`drop_overlaps`). Output names follow the gold files: ``DOCID.tml``
(:func:`output_name`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

from dateline.eval.timeml import (
    INPUT_SUFFIXES,
    MARKUP,
    CrossingTimexError,
    OverlappingTimexError,
    Tagger,
    TimeMLDocument,
    TimeMLError,
    TimexAnnotation,
    parse_timeml,
    read_timeml,
)

log = logging.getLogger(__name__)

_TID_NUMBER = re.compile(r"""\btid\s*=\s*["']t(\d+)["']""")
_SAFE_NAME = re.compile(r"[\w.-]+")
_TLINK = re.compile(r"\n?[ \t]*<TLINK\b[^>]*?(?:/>|>\s*</TLINK\s*>)")
_TIME_REFERENCE = re.compile(r"""\b(?:timeID|relatedToTime)\s*=\s*["']([^"']*)["']""")

# --------------------------------------------------------------------------------------------
# Writing


def write_tagged(
    input_path: Path | str, output_path: Path | str, timexes: Iterable[TimexAnnotation]
) -> Path:
    """Write ``input_path`` to ``output_path`` with TIMEX3 tags inserted into TEXT.

    Nothing else changes: outside the inserted tags the output is byte-identical to the input.
    Exception: TIMEX3 tags already inside TEXT (when the input is an annotated ``.tml``) are
    removed first, their text kept, with the TLINK lines that point at them (the toolkit's
    schema refuses links to missing times), so that only the given timexes are scored; a
    ``.TE3input`` file has none. New tids count up from one past the highest tid left.

    Raises:
        OverlappingTimexError: two timexes overlap.
        CrossingTimexError: a timex would cross or hold an element already in TEXT.
        TimeMLError: a span is empty or outside TEXT, or the input is not TimeML.
    """
    input_path, output_path = Path(input_path), Path(output_path)
    content = input_path.read_bytes().decode("utf-8")
    tagged = render_tagged(content, timexes, input_path)
    output_path.write_bytes(tagged.encode("utf-8"))
    return output_path


def render_tagged(
    content: str, timexes: Iterable[TimexAnnotation], path: Path | None = None
) -> str:
    """The decoded file content with the timexes inserted (see :func:`write_tagged`)."""
    document = parse_timeml(content, path)
    if document.timex_tags:
        content = _strip_timex_tags(content, document)
        document = parse_timeml(content, path)
    ordered = _checked(sorted(timexes, key=lambda t: (t.start, t.end)), document, path)
    next_tid = max((int(n) for n in _TID_NUMBER.findall(content)), default=0) + 1
    inserts: list[tuple[int, int, str]] = []
    for number, timex in enumerate(ordered, start=next_tid):
        start = _insertion_point(document, timex.start)
        end = _insertion_point(document, timex.end)
        inserts.append((start, 1, _start_tag(f"t{number}", timex)))
        inserts.append((end, 0, "</TIMEX3>"))
    pieces: list[str] = []
    position = 0
    for raw_position, _, tag in sorted(inserts, key=lambda item: (item[0], item[1])):
        absolute = document.text_offset + raw_position
        pieces.append(content[position:absolute])
        pieces.append(tag)
        position = absolute
    pieces.append(content[position:])
    tagged = "".join(pieces)
    _verify(tagged, document, ordered, path)
    return tagged


def _strip_timex_tags(content: str, document: TimeMLDocument) -> str:
    """Remove TEXT's TIMEX3 tags (text kept) and the TLINKs that point at them."""
    pieces: list[str] = []
    position = 0
    for begin, end in document.timex_tags:
        pieces.append(content[position : document.text_offset + begin])
        position = document.text_offset + end
    pieces.append(content[position:])
    stripped = "".join(pieces)
    removed = {timex.tid for timex in document.timexes}

    def keep_link(match: re.Match[str]) -> str:
        return "" if set(_TIME_REFERENCE.findall(match.group())) & removed else match.group()

    return _TLINK.sub(keep_link, stripped)


def _checked(
    ordered: list[TimexAnnotation], document: TimeMLDocument, path: Path | None
) -> list[TimexAnnotation]:
    where = str(path) if path else "<string>"
    for timex in ordered:
        if not 0 <= timex.start < timex.end <= len(document.text):
            raise TimeMLError(
                f"{where}: span {timex.start}-{timex.end} is empty or outside TEXT "
                f"(plain length {len(document.text)})"
            )
    for before, after in pairwise(ordered):
        if after.start < before.end:
            raise OverlappingTimexError(
                f"{where}: timexes {before.start}-{before.end} "
                f"({document.text[before.start : before.end]!r}) and {after.start}-{after.end} "
                f"({document.text[after.start : after.end]!r}) overlap"
            )
    for timex in ordered:
        crossed = _crossed_element(document, timex)
        if crossed is not None:
            raise CrossingTimexError(
                f"{where}: timex {timex.start}-{timex.end} "
                f"({document.text[timex.start : timex.end]!r}) would cross or hold <{crossed}>"
            )
    return ordered


def _crossed_element(document: TimeMLDocument, timex: TimexAnnotation) -> str | None:
    """The name of an element in TEXT that the timex would cross or contain, if any.

    The TimeML schema the TE-3 toolkit validates against lets a TIMEX3 hold text only, so a
    timex may neither cut through an EVENT or SIGNAL nor enclose one (nor an empty element).
    """
    for name, span in document.elements:
        if span.start < timex.end and timex.start < span.end:
            return name
        if span.start == span.end and timex.start <= span.start <= timex.end:
            return name
    return None


def _insertion_point(document: TimeMLDocument, boundary: int) -> int:
    """Raw position for a tag at a plain-text boundary: after closing tags, before opening."""
    position = document.raw_after[boundary]
    limit = document.raw_start[boundary]
    raw = document.raw_text
    while position < limit:
        match = MARKUP.match(raw, position)
        if match is None or not match.group().startswith(("</", "<!--", "<?")):
            break
        position = match.end()
    return position


def _start_tag(tid: str, timex: TimexAnnotation) -> str:
    attrs = [("tid", tid), ("type", timex.type), ("value", timex.value)]
    if timex.mod:
        attrs.append(("mod", timex.mod))
    return "<TIMEX3 " + " ".join(f'{key}="{_escape(value)}"' for key, value in attrs) + ">"


def _escape(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _verify(
    tagged: str, before: TimeMLDocument, ordered: list[TimexAnnotation], path: Path | None
) -> None:
    """Re-read the result: same plain text, and each timex exactly where it was asked for."""
    after = parse_timeml(tagged, path)
    written = [(t.start, t.end) for t in after.timexes]
    if after.text != before.text or written != [(t.start, t.end) for t in ordered]:
        raise TimeMLError(f"{path or '<string>'}: inserting TIMEX3 tags changed TEXT's content")


def writable(
    document: TimeMLDocument, timexes: Iterable[TimexAnnotation], where: str = ""
) -> list[TimexAnnotation]:
    """The timexes :func:`write_tagged` can insert into this document; the others are logged.

    Drops empty or out-of-range spans, timexes that would cross or hold an element already in
    TEXT (only annotated ``.tml`` inputs have such elements), then overlaps
    (:func:`drop_overlaps`).
    """
    kept: list[TimexAnnotation] = []
    for timex in timexes:
        if not 0 <= timex.start < timex.end <= len(document.text):
            log.warning(
                "%s: dropped timex %d-%d: empty or outside TEXT", where, timex.start, timex.end
            )
        elif (crossed := _crossed_element(document, timex)) is not None:
            log.warning(
                "%s: dropped timex %d-%d (%r): crosses or holds <%s>",
                where,
                timex.start,
                timex.end,
                document.text[timex.start : timex.end],
                crossed,
            )
        else:
            kept.append(timex)
    return drop_overlaps(kept, where)


def drop_overlaps(timexes: Iterable[TimexAnnotation], where: str = "") -> list[TimexAnnotation]:
    """Keep a non-overlapping subset: earliest start first, the longer one on equal starts.

    Every dropped timex is logged as a warning.
    """
    kept: list[TimexAnnotation] = []
    for timex in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if kept and timex.start < kept[-1].end:
            log.warning(
                "%s: dropped timex %d-%d (%s %s): overlaps %d-%d",
                where,
                timex.start,
                timex.end,
                timex.type,
                timex.value,
                kept[-1].start,
                kept[-1].end,
            )
            continue
        kept.append(timex)
    return kept


# --------------------------------------------------------------------------------------------
# Folders


def output_name(document: TimeMLDocument, input_path: Path) -> str:
    """The system file's name: ``DOCID.tml`` (the gold name), else the input name.

    The DOCID fixes the one benchmark file whose input name differs from its gold name
    (``nyt_20130321_sarkozy.tml.TE3input`` -> ``nyt_20130321_sarcozy.tml``).
    """
    docid = document.docid
    if docid and _SAFE_NAME.fullmatch(docid) and docid not in {".", ".."}:
        return docid if docid.endswith(".tml") else f"{docid}.tml"
    name = input_path.name.removesuffix(".TE3input")
    return name if name.endswith(".tml") else f"{name}.tml"


def input_files(input_dir: Path | str) -> list[Path]:
    """The ``.TE3input`` and ``.tml`` files of a folder, sorted by name."""
    return sorted(
        path
        for path in Path(input_dir).iterdir()
        if path.is_file() and path.name.endswith(INPUT_SUFFIXES)
    )


def tag_folder(input_dir: Path | str, output_dir: Path | str, tagger: Tagger) -> int:
    """Tag every input file of a folder and write ``NAME.tml`` files; the number of files.

    The tagger gets TEXT's plain text and the DCT; timexes that cannot be written (overlapping,
    or crossing or holding an EVENT of an annotated input) are dropped by :func:`writable`
    with a logged warning, the rest are written with :func:`write_tagged`.

    Raises:
        TimeMLError: an input is not TimeML, or two inputs map to the same output name.
    """
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for path in input_files(input_dir):
        document = read_timeml(path)
        name = output_name(document, path)
        if name in written:
            raise TimeMLError(f"{path} and {written[name]} would both be written as {name}")
        written[name] = path
        found = tagger(document.text, document.dct)
        annotations = [TimexAnnotation(t.start, t.end, t.type, t.value, t.mod) for t in found]
        write_tagged(path, output_dir / name, writable(document, annotations, str(path)))
        log.info("%s: %d timexes -> %s", path.name, len(annotations), name)
    return len(written)
