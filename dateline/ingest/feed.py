"""RSS and Atom feed files: each entry is an article (its full content when the feed has it).

feedparser reads damaged feeds leniently (``bozo``); we report a feed only when nothing came
out of it: one that does not parse, or one that parses with no entries. Impossible entry dates
(``0000-00-00T25:61:61Z``) are dropped, not fatal: the entry is kept without a date hint.
"""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from dateline.ingest.html import html_to_text
from dateline.ingest.reasons import error_detail, one_line
from dateline.model import IngestIssue, RawDocument

_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));?")
_REPLACEMENT_REF = b"&#xFFFD;"


def read_feed(path: str, data: bytes) -> Iterator[RawDocument | IngestIssue]:
    """Yield one RawDocument per feed entry with text; report a feed that does not parse."""
    # A stream, never bytes: feedparser tries bytes as a file name before it parses them.
    try:
        parsed = feedparser.parse(io.BytesIO(_safe_char_refs(data)))
    except Exception as exc:  # a damaged feed must not stop the run, whatever breaks
        yield IngestIssue(path, f"feed does not parse ({error_detail(exc)})")
        return
    entries = parsed.get("entries", [])
    if parsed.get("bozo") and not entries:
        reason = one_line(str(parsed.get("bozo_exception", "unknown error")))
        yield IngestIssue(path, f"feed does not parse ({reason})")
        return
    if not entries:
        yield IngestIssue(path, "feed has no entries")
        return
    outlet = _text(parsed.get("feed", {}).get("title"))
    for index, entry in enumerate(entries, start=1):
        try:
            yield _entry_to_document(path, index, entry, outlet)
        except Exception as exc:  # a hostile entry must not cost the feed's other entries
            reason = f"could not read feed entry ({error_detail(exc)})"
            yield IngestIssue(path, reason, record=index)


def _safe_char_refs(data: bytes) -> bytes:
    """Character references to surrogates, NUL or past U+10FFFF made U+FFFD: feedparser's
    lenient parser crashes on them (and they would reach the store as unencodable text)."""
    return _CHAR_REF.sub(_check_char_ref, data)


def _check_char_ref(match: re.Match[bytes]) -> bytes:
    hex_digits, decimal = match.group(1), match.group(2)
    code = int(hex_digits, 16) if hex_digits else int(decimal)
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return _REPLACEMENT_REF
    return match.group(0)


def _entry_to_document(
    path: str, index: int, entry: Any, outlet: str | None
) -> RawDocument | IngestIssue:
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else entry.get("summary", "")
    text = html_to_text(html or "")
    if not text.strip():
        return IngestIssue(path, "feed entry has no text", record=index)
    date_hint, date_source = _entry_date(entry)
    return RawDocument(
        path=path,
        text=text,
        source_format="feed",
        record=index,
        title=_text(entry.get("title")),
        url=_text(entry.get("link")),
        outlet=outlet,
        date_hint=date_hint,
        date_hint_source=date_source,
    )


def _entry_date(entry: Any) -> tuple[str | None, str | None]:
    """The entry's publication (or update) date as ISO text, as feedparser normalised it.

    feedparser passes impossible dates through as out-of-range tuples; those are skipped.
    """
    for key in ("published", "updated", "created"):
        # dict.get, not entry.get: feedparser answers a missing "updated" with "published"
        # (and a DeprecationWarning), which would report the wrong field.
        parsed = dict.get(entry, f"{key}_parsed") if isinstance(entry, dict) else None
        if not parsed:
            continue
        try:
            moment = datetime.fromtimestamp(calendar.timegm(parsed), UTC)
        except (ValueError, OverflowError, OSError, TypeError):
            continue
        return moment.isoformat(), f"feed entry '{key}' ({dict.get(entry, key)})"
    return None, None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
