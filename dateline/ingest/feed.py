"""RSS and Atom feed files: each entry is an article (its full content when the feed has it)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from dateline.ingest.html import html_to_text
from dateline.model import IngestIssue, RawDocument


def read_feed(path: str, data: bytes) -> Iterator[RawDocument | IngestIssue]:
    """Yield one RawDocument per feed entry with text; report a feed that does not parse."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries", [])
    if parsed.get("bozo") and not entries:
        reason = str(parsed.get("bozo_exception", "unknown error")).replace("\n", " ")
        yield IngestIssue(path, f"feed does not parse ({reason})")
        return
    outlet = parsed.get("feed", {}).get("title") or None
    for index, entry in enumerate(entries, start=1):
        yield _entry_to_document(path, index, entry, outlet)


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
        title=entry.get("title") or None,
        url=entry.get("link") or None,
        outlet=outlet,
        date_hint=date_hint,
        date_hint_source=date_source,
    )


def _entry_date(entry: Any) -> tuple[str | None, str | None]:
    """The entry's publication (or update) date as ISO text, as feedparser normalised it."""
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            moment = datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            return moment.isoformat(), f"feed entry '{key}' ({entry.get(key)})"
    return None, None
