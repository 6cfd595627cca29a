"""Ingest: turn the user's inputs into RawDocuments, whatever their format.

Stage 1 of the pipeline. Each input is read (``sources``), decompressed if it is gzip, sniffed
for its format by content (``detect``), decoded (``decode``) and handed to one reader per format:
``text``, ``html``, ``jsonl`` (JSON lines and arrays), ``warc`` and ``feed``. Every problem
becomes an IngestIssue naming the file (and record) and the reason; the walk always goes on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import BinaryIO

from dateline.ingest.decode import (
    DecodeError,
    decode_text,
    gunzip,
    is_gzip,
    looks_binary,
    peek_gzip,
)
from dateline.ingest.detect import detect_format
from dateline.ingest.feed import read_feed
from dateline.ingest.html import NoMainTextError, read_html
from dateline.ingest.jsonl import read_json_document, read_json_lines
from dateline.ingest.sources import InputFile, iter_input_files
from dateline.ingest.text import read_text
from dateline.ingest.warc import read_warc
from dateline.model import IngestIssue, RawDocument
from dateline.settings import FieldNames, Settings

__all__ = ["read_input_file", "read_inputs"]


def read_inputs(
    paths: Sequence[str], settings: Settings, *, stdin: BinaryIO | None = None
) -> Iterator[RawDocument | IngestIssue]:
    """Every article in ``paths`` (files, directories, ``-`` for stdin), and every problem."""
    for item in iter_input_files(paths, max_bytes=settings.max_bytes, stdin=stdin):
        if isinstance(item, IngestIssue):
            yield item
        else:
            yield from read_input_file(item, settings.fields, max_bytes=settings.max_bytes)


def read_input_file(
    item: InputFile, fields: FieldNames, *, max_bytes: int
) -> Iterator[RawDocument | IngestIssue]:
    """The articles of one input file, by its detected format."""
    data = item.data
    if not data.strip():
        yield IngestIssue(item.path, "empty file")
        return
    if is_gzip(data) and _is_gzipped_warc(data):
        yield from read_warc(item.path, data)
        return
    if is_gzip(data):
        try:
            data = gunzip(data, max_bytes=max_bytes)
        except DecodeError as exc:
            yield IngestIssue(item.path, str(exc))
            return
    yield from _read_by_format(item.path, data, fields)


def _is_gzipped_warc(data: bytes) -> bool:
    """warcio reads per-record gzip itself, so a .warc.gz is passed on compressed."""
    return peek_gzip(data, 8).startswith(b"WARC/")


def _read_by_format(
    path: str, data: bytes, fields: FieldNames
) -> Iterator[RawDocument | IngestIssue]:
    kind = detect_format(data, path)
    if kind == "warc":
        yield from read_warc(path, data)
        return
    if kind == "feed":
        yield from read_feed(path, data)
        return
    if looks_binary(data):
        yield IngestIssue(path, "binary file (not text)")
        return
    try:
        text = decode_text(data)
    except DecodeError as exc:
        yield IngestIssue(path, str(exc))
        return
    if kind == "html":
        yield from _read_page(path, text)
    elif kind == "jsonl":
        yield from read_json_lines(path, text, fields)
    elif kind == "json":
        yield from read_json_document(path, text, fields)
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
