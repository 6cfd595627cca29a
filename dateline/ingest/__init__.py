"""Ingest: turn the user's inputs into RawDocuments, whatever their format.

Stage 1 of the pipeline. Each input is read (``sources``), decompressed if it is gzip, sniffed
for its format by content (``detect``), decoded (``decode``) and handed to one reader per format:
``text``, ``html``, ``jsonl`` (JSON lines and arrays), ``warc`` and ``feed``. Every problem
becomes an IngestIssue naming the file (and record) and the reason; the walk always goes on.

What every reader's output goes through here, whatever the format:

* a reader that fails on hostile input (any exception) costs that file's remaining records,
  reported as one issue, never the run;
* a file that gives neither an article nor an issue is reported ("no articles found"): nothing
  vanishes silently;
* text is made storable: lone surrogates (from JSON ``\\ud800`` escapes, feed character
  references, file names that are not UTF-8) become U+FFFD, in every field and in issues;
* an article of fewer than ``MIN_TEXT_WORDS`` words is refused (a 1-byte file is not news),
  and one longer than ``max_text_chars`` too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from typing import Any, BinaryIO

from dateline.ingest.decode import (
    DecodeError,
    decode_text,
    gunzip,
    is_gzip,
    peek_gzip,
    utf8_from_bom,
)
from dateline.ingest.detect import detect_format
from dateline.ingest.feed import read_feed
from dateline.ingest.html import NoMainTextError, read_html
from dateline.ingest.jsonl import read_json_document, read_json_lines
from dateline.ingest.reasons import error_detail
from dateline.ingest.sources import InputFile, iter_input_files
from dateline.ingest.text import read_text
from dateline.ingest.warc import read_warc
from dateline.model import IngestIssue, RawDocument
from dateline.settings import Settings

__all__ = ["MIN_TEXT_WORDS", "read_input_file", "read_inputs", "storable"]

log = logging.getLogger(__name__)

MIN_TEXT_WORDS = 3
"""Fewer words than this is not an article: an empty record, a stray value, a 1-byte file."""
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def read_inputs(
    paths: Sequence[str], settings: Settings, *, stdin: BinaryIO | None = None
) -> Iterator[RawDocument | IngestIssue]:
    """Every article in ``paths`` (files, directories, ``-`` for stdin), and every problem."""
    for item in iter_input_files(paths, max_bytes=settings.max_bytes, stdin=stdin):
        if isinstance(item, IngestIssue):
            yield _storable_issue(item)
        else:
            yield from read_input_file(item, settings)


def read_input_file(
    item: InputFile, settings: Settings | None = None
) -> Iterator[RawDocument | IngestIssue]:
    """The articles of one input file, by its detected format, each checked and storable;
    never raises, and always yields at least one article or issue."""
    settings = settings or Settings()
    produced = False
    try:
        for found in _read_file(item, settings):
            produced = True
            yield _checked(found, settings)
    except Exception as exc:  # any reader failing on hostile input costs this file, not the run
        log.debug("reader failed on %s", item.path, exc_info=True)
        produced = True
        reason = f"could not read the rest of the file ({error_detail(exc)})"
        yield _storable_issue(IngestIssue(item.path, reason))
    if not produced:
        yield _storable_issue(IngestIssue(item.path, "no articles found"))


def storable(text: str) -> str:
    """``text`` with lone surrogates made U+FFFD (a valid pair becomes its character), so that
    it encodes as UTF-8 for the store and for output."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _read_file(item: InputFile, settings: Settings) -> Iterator[RawDocument | IngestIssue]:
    data = item.data
    if not data.strip():
        yield IngestIssue(item.path, "empty file")
        return
    if is_gzip(data) and _is_gzipped_warc(data):
        yield from read_warc(item.path, data, max_bytes=settings.max_bytes)
        return
    try:
        if is_gzip(data):
            data = gunzip(data, max_bytes=settings.max_bytes)
        data = utf8_from_bom(data)
    except DecodeError as exc:
        yield IngestIssue(item.path, str(exc))
        return
    yield from _read_by_format(item.path, data, settings)


def _is_gzipped_warc(data: bytes) -> bool:
    """warcio reads per-record gzip itself, so a .warc.gz is passed on compressed."""
    return peek_gzip(data, 8).startswith(b"WARC/")


def _read_by_format(
    path: str, data: bytes, settings: Settings
) -> Iterator[RawDocument | IngestIssue]:
    kind = detect_format(data, path)
    if kind == "warc":
        yield from read_warc(path, data, max_bytes=settings.max_bytes)
        return
    if kind == "feed":
        yield from read_feed(path, data)
        return
    try:
        text = decode_text(data)
    except DecodeError as exc:
        yield IngestIssue(path, str(exc))
        return
    if kind == "html":
        yield from _read_page(path, text)
    elif kind == "jsonl":
        yield from read_json_lines(path, text, settings.fields, max_depth=settings.max_json_depth)
    elif kind == "json":
        yield from read_json_document(
            path, text, settings.fields, max_depth=settings.max_json_depth
        )
    else:
        yield read_text(path, text)


def _read_page(path: str, text: str) -> Iterator[RawDocument | IngestIssue]:
    try:
        page = read_html(path, text)
    except NoMainTextError as exc:
        yield IngestIssue(path, str(exc))
        return
    yield from (IngestIssue(path, warning, severity="warning") for warning in page.warnings)
    yield replace(page, warnings=())


def _checked(item: RawDocument | IngestIssue, settings: Settings) -> RawDocument | IngestIssue:
    """An article within the text limits, with storable text; or the issue saying why not."""
    if isinstance(item, IngestIssue):
        return _storable_issue(item)
    if len(item.text) > settings.max_text_chars:
        reason = (
            f"article text is {len(item.text)} characters, over the limit of "
            f"{settings.max_text_chars} (max_text_chars)"
        )
        return _storable_issue(IngestIssue(item.path, reason, record=item.record))
    words = len(item.text.split(maxsplit=MIN_TEXT_WORDS - 1))  # exact below the minimum
    if words < MIN_TEXT_WORDS:
        reason = f"too short to be an article ({words} word{'' if words == 1 else 's'})"
        return _storable_issue(IngestIssue(item.path, reason, record=item.record))
    changes: dict[str, Any] = {
        field.name: storable(value)
        for field in dataclass_fields(item)
        if isinstance(value := getattr(item, field.name), str) and _SURROGATE.search(value)
    }
    if any(_SURROGATE.search(warning) for warning in item.warnings):
        changes["warnings"] = tuple(storable(warning) for warning in item.warnings)
    return replace(item, **changes) if changes else item


def _storable_issue(issue: IngestIssue) -> IngestIssue:
    path, reason = storable(issue.path), storable(issue.reason)
    if (path, reason) == (issue.path, issue.reason):
        return issue
    return replace(issue, path=path, reason=reason)
