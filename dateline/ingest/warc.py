"""WARC crawls (.warc, .warc.gz): every HTML response (or resource) record is a page to extract.

The crawl date (WARC-Date) is kept as a weak date hint: a page cannot have been published after
it was fetched, but it may be much older. A truncated archive keeps the records read before the
damage and reports the rest; damage in the middle (a record warcio cannot parse) is reported
and reading resumes at the next record that looks whole.

Which records are read, and why the others are skipped without a message: ``response`` records
hold a fetched page (HTTP headers, then the body), ``resource`` records a page stored without
HTTP headers. ``warcinfo`` describes the crawl, ``request`` is what the crawler sent,
``metadata`` holds crawler notes (outlinks, timings), ``revisit`` says a page was unchanged
since an earlier capture and has no body, ``conversion`` and ``continuation`` hold derived or
segmented payloads: none is an article, and a crawl has as many of them as pages, so naming each
would bury the real problems. Non-HTML responses (images, scripts) get a warning each; a record
of a type outside the standard (damage) an error. An archive that gives no page at all is
always reported, with the record types it held.

Every size is bounded, and checked while streaming, never after inflating: each record and
each HTTP body (before and after its Content-Encoding) by ``max_bytes``, every header line by
``MAX_LINE_BYTES``, and the whole archive by ``ARCHIVE_EXPANSION_LIMIT`` times ``max_bytes``.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader, DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from dateline.ingest.decode import (
    GZIP_MAGIC,
    DecodeError,
    decode_text,
    gunzip,
    inflate,
    is_gzip,
    over_limit,
    peek_gzip,
)
from dateline.ingest.html import NoMainTextError, read_html
from dateline.ingest.reasons import error_detail, one_line
from dateline.model import IngestIssue, RawDocument
from dateline.settings import ARCHIVE_EXPANSION_LIMIT, DEFAULT_MAX_BYTES

WARC_DATE_SOURCE = "warc-date"
PAGE_RECORDS = ("response", "resource")
KNOWN_RECORDS = frozenset(
    (*PAGE_RECORDS, "warcinfo", "request", "metadata", "revisit", "conversion", "continuation")
)
"""The record types of the WARC 1.0 and 1.1 standards; any other is damage, and reported."""
MAX_LINE_BYTES = 1024 * 1024
"""Longest WARC or HTTP header line read: warcio reads header lines whole, so one endless line
in a decompressed record would otherwise be held in memory entire."""
BLOCK_BYTES = 4096
"""Compressed bytes warcio inflates at a time: at most about 4 MB of output each (deflate
expands at most 1,032 times), so even one block of a bomb is never large in memory."""
_READ_CHUNK = 64 * 1024
_NON_CHUNKED_GZIP = "non-chunked gzip"
_PEEK_BYTES = 4096
_RECORD_END = (b"\r\n\r\n", b"\n\n")


class ArchiveTooLargeError(ValueError):
    """The archive inflates past its budget; what follows is not read."""


class _BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's archive reader with a budget on the bytes it inflates in all, a cap on header
    line length, and a note of whether it stopped inside a gzip member (a truncated file)."""

    def __init__(self, stream: Any, budget: int, limit: int) -> None:
        super().__init__(stream, block_size=BLOCK_BYTES)
        self.budget = budget
        self.limit = limit
        self.cut_mid_member = False

    def _process_read(self, data: bytes) -> None:
        super()._process_read(data)
        if self.num_read > self.budget:
            raise ArchiveTooLargeError(
                f"archive decompresses to over {self.limit} bytes "
                f"({ARCHIVE_EXPANSION_LIMIT} x --max-bytes); the rest is not read"
            )

    def readline(self, length: int | None = None) -> bytes:
        if length is None or length > MAX_LINE_BYTES:
            length = MAX_LINE_BYTES
        line: bytes = super().readline(length)
        return line

    def close_decompressor(self) -> None:
        # At a clean end the last member is complete; a decompressor still inside one (even
        # one that has only seen part of a gzip header) means the file was cut.
        decompressor = self.decompressor
        if decompressor is not None and not decompressor.eof:
            self.cut_mid_member = True
        super().close_decompressor()


def read_warc(
    path: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | IngestIssue]:
    """Yield one RawDocument per HTML page record, and an issue per unreadable record."""
    yield from _WarcReader(path, max_bytes).read(data)


class _WarcReader:
    """One archive's walk: counts of what was seen, so that nothing vanishes unreported."""

    def __init__(self, path: str, max_bytes: int) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.budget = ARCHIVE_EXPANSION_LIMIT * max_bytes
        self.records_seen = 0
        self.pages = 0
        self.yielded = 0
        self.types: Counter[str] = Counter()
        self.reported_cut = False
        self.resume_at: int | None = None

    def read(self, data: bytes) -> Iterator[RawDocument | IngestIssue]:
        start: int | None = 0
        while start is not None:
            self.resume_at = None
            for item in self._walk(data, start=start):
                self.yielded += 1
                yield item
            start = self.resume_at
        if not self.yielded:
            seen = ", ".join(f"{count} {kind}" for kind, count in sorted(self.types.items()))
            yield IngestIssue(self.path, f"no HTML page records in WARC ({seen or 'no records'})")

    def _walk(
        self, data: bytes, *, start: int = 0, skip: int = 0
    ) -> Iterator[RawDocument | IngestIssue]:
        """Read records from byte ``start`` (skipping the first ``skip``); on damage, report it
        and set ``resume_at`` to the next record that looks whole, if any."""
        stream = io.BytesIO(data)
        stream.seek(start)
        records = ArchiveIterator(stream)
        reader = _BoundedReader(stream, self.budget, ARCHIVE_EXPANSION_LIMIT * self.max_bytes)
        records.reader = reader  # before the first record: the iterator reads through it
        last: Any = None
        try:
            for position, record in enumerate(records):
                last = record
                if position < skip:
                    continue
                yield from self._record(record)
        except ArchiveTooLargeError as exc:
            yield IngestIssue(self.path, str(exc))
            return
        except ArchiveLoadFailed as exc:
            if _NON_CHUNKED_GZIP in str(exc) and start == 0:
                yield from self._read_whole_gzip(data)
                return
            yield self._damaged_at(exc, data, records.offset)
            return
        except Exception as exc:  # warcio raises many kinds on damaged input; none stops a run
            yield self._damaged_at(exc, data, records.offset)
            return
        finally:
            self.budget -= reader.num_read
        short = getattr(getattr(last, "raw_stream", None), "limit", 0) if last else 0
        cut = reader.cut_mid_member or (isinstance(short, int) and short > 0)
        # An uncompressed WARC ends with the blank lines after its last record's block, and
        # the walk ends at the end of the file (not before a record it could not parse).
        cut = cut or (not is_gzip(data[start:]) and not data.endswith(_RECORD_END))
        offset = records.offset
        cut = cut or (isinstance(offset, int) and bool(data[offset:].strip()))
        if cut and not self.reported_cut:
            yield self._damaged(EOFError("the file ends inside a record"))

    def _record(self, record: Any) -> Iterator[RawDocument | IngestIssue]:
        self.records_seen += 1
        problem = _malformed(record)
        if problem:
            self.types["malformed"] += 1
            yield self._damaged(ValueError(problem))
            return
        rec_type = str(record.rec_type)
        self.types[rec_type] += 1
        if rec_type not in KNOWN_RECORDS:
            reason = f"skipped a record of unknown WARC-Type '{one_line(rec_type, 40)}'"
            yield IngestIssue(self.path, reason)
        if rec_type in PAGE_RECORDS:
            self.pages += 1
            self.reported_cut = False
            yield self._read_page(record)

    def _read_whole_gzip(self, data: bytes) -> Iterator[RawDocument | IngestIssue]:
        """A .warc.gz compressed as one stream, not record by record (valid, but warcio reads
        only the first record): inflate it whole, within ``max_bytes``, and read on."""
        try:
            plain = gunzip(data, max_bytes=self.max_bytes)
        except DecodeError as exc:
            yield IngestIssue(self.path, f"WARC compressed as one gzip stream: {exc}")
            return
        yield from self._walk(plain, skip=self.records_seen)

    def _damaged_at(self, exc: BaseException, data: bytes, offset: object) -> IngestIssue:
        """Report damage at ``offset`` and find where reading can resume."""
        issue = self._damaged(exc)
        if isinstance(offset, int):
            self.resume_at = _next_record_start(data, offset + 1)
        if self.resume_at is not None:
            reason = f"{issue.reason}; resumed at the next record (byte {self.resume_at})"
            return replace(issue, reason=reason)
        return issue

    def _damaged(self, exc: BaseException) -> IngestIssue:
        detail = one_line(str(exc))
        if not isinstance(exc, ArchiveLoadFailed | EOFError | ValueError) or not detail:
            detail = f"unreadable record headers: {type(exc).__name__}"
        reason = f"truncated or corrupt WARC after {self.pages} page record(s) ({detail})"
        return IngestIssue(self.path, reason)

    def _read_page(self, record: Any) -> RawDocument | IngestIssue:
        """The page of one record, or an issue naming the record; only a broken archive (not
        a broken page) ends the walk."""
        try:
            return self._page(record)
        except ArchiveTooLargeError:
            raise
        except (DecodeError, NoMainTextError) as exc:
            return IngestIssue(self.path, str(exc), record=self.pages)
        except Exception as exc:  # a hostile page must not cost the archive's other pages
            reason = f"could not read page record ({error_detail(exc)})"
            return IngestIssue(self.path, reason, record=self.pages)

    def _page(self, record: Any) -> RawDocument | IngestIssue:
        headers = record.http_headers
        if record.rec_type == "resource":
            content_type = str(record.content_type or "")
        else:
            content_type = (headers.get_header("Content-Type") or "") if headers else ""
        if "html" not in content_type.lower():
            return IngestIssue(
                self.path,
                f"skipped non-HTML response ({one_line(content_type, 80) or 'no type'})",
                severity="warning",
                record=self.pages,
            )
        length = record.length
        if isinstance(length, int) and length > self.max_bytes:
            raise DecodeError(over_limit(self.max_bytes, f"record of {length} bytes"))
        body = self._body(record)
        encoding = headers.get_header("Content-Encoding") if headers else None
        if encoding:
            body = inflate(body, encoding, max_bytes=self.max_bytes)
        page = read_html(
            self.path,
            decode_text(body, declared=_charset(content_type)),
            url=record.rec_headers.get_header("WARC-Target-URI"),
            record=self.pages,
        )
        crawl_date = record.rec_headers.get_header("WARC-Date")
        if page.date_hint is None and crawl_date:
            page = replace(page, date_hint=crawl_date, date_hint_source=WARC_DATE_SOURCE)
        return replace(page, source_format="warc")

    def _body(self, record: Any) -> bytes:
        """The HTTP body as sent (de-chunked), read to at most ``max_bytes``.

        Raises:
            DecodeError: the body is over ``max_bytes`` or the record is cut short.
        """
        raw = LimitReader(record.raw_stream, self.max_bytes + 1)
        headers = record.http_headers
        chunked = headers and (headers.get_header("Transfer-Encoding") or "").lower() == "chunked"
        stream = ChunkedDataReader(raw) if chunked else raw
        parts: list[bytes] = []
        while part := stream.read(_READ_CHUNK):
            parts.append(part)
        while raw.read(_READ_CHUNK):  # what follows the last chunk (trailers), still bounded
            pass
        if raw.limit == 0:
            raise DecodeError(over_limit(self.max_bytes, "HTTP body"))
        missing = getattr(record.raw_stream, "limit", 0)
        if isinstance(missing, int) and missing > 0:
            self.reported_cut = True
            raise DecodeError(f"truncated or corrupt WARC: record is {missing} bytes short")
        return b"".join(parts)


def _next_record_start(data: bytes, start: int) -> int | None:
    """Where the next record after ``start`` seems to begin: a line starting ``WARC/1.`` in an
    uncompressed archive, a gzip member that inflates to one in a compressed one."""
    compressed = is_gzip(data)
    marker = GZIP_MAGIC + b"\x08" if compressed else b"WARC/1."
    position = data.find(marker, start)
    while position != -1:
        if compressed:
            if peek_gzip(data[position : position + _PEEK_BYTES], 8).startswith(b"WARC/"):
                return position
        elif data[position - 1 : position] == b"\n":
            return position
        position = data.find(marker, position + 1)
    return None


def _malformed(record: Any) -> str | None:
    """What makes a record unreadable as WARC (both headers are mandatory), or None."""
    if record.format != "warc":
        return None
    if not record.rec_type:
        return "a record has no WARC-Type"
    if record.rec_headers.get_header("Content-Length") is None:
        return f"a {record.rec_type} record has no Content-Length"
    return None


def _charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None
