"""WARC crawls (.warc, .warc.gz): every HTML response record is a page to extract.

The crawl date (WARC-Date) is kept as a weak date hint: a page cannot have been published after
it was fetched, but it may be much older. A truncated archive keeps the records read before the
damage and reports the rest.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dateline.ingest.decode import DecodeError, decode_text
from dateline.ingest.html import NoMainTextError, read_html
from dateline.model import IngestIssue, RawDocument

WARC_DATE_SOURCE = "warc-date"


def read_warc(path: str, data: bytes) -> Iterator[RawDocument | IngestIssue]:
    """Yield one RawDocument per HTML response record, and an issue per unreadable record."""
    index = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            index += 1
            yield _read_response(path, index, record)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        reason = f"truncated or corrupt WARC after {index} response record(s) ({exc})"
        yield IngestIssue(path, reason.replace("\n", " "))


def _read_response(path: str, index: int, record: object) -> RawDocument | IngestIssue:
    headers = record.http_headers  # type: ignore[attr-defined]
    content_type = (headers.get_header("Content-Type") or "") if headers else ""
    if "html" not in content_type.lower():
        return IngestIssue(
            path,
            f"skipped non-HTML response ({content_type or 'no type'})",
            severity="warning",
            record=index,
        )
    payload = record.content_stream().read()  # type: ignore[attr-defined]
    missing = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if missing:
        return IngestIssue(
            path, f"truncated or corrupt WARC: record is {missing} bytes short", record=index
        )
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    crawl_date = record.rec_headers.get_header("WARC-Date")  # type: ignore[attr-defined]
    try:
        page = read_html(path, decode_text(payload), url=url, record=index)
    except (DecodeError, NoMainTextError) as exc:
        return IngestIssue(path, str(exc), record=index)
    if page.date_hint is None and crawl_date:
        page = replace(page, date_hint=crawl_date, date_hint_source=WARC_DATE_SOURCE)
    return replace(page, source_format="warc")
