"""JSON lines and JSON arrays of articles, with field names detected or chosen by the user.

News dumps name their fields every which way (``text``, ``content``, ``body``, ``maintext``…).
We look for the usual names in order, let the user override each one, and treat a text field
that holds HTML as a web page.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from dateline.ingest.html import NoMainTextError, read_html
from dateline.model import IngestIssue, RawDocument
from dateline.settings import FieldNames

TEXT_FIELDS = ("text", "content", "body", "maintext", "article", "full_text", "story", "html")
TITLE_FIELDS = ("title", "headline", "name")
DATE_FIELDS = (
    "date",
    "published",
    "publish_date",
    "published_at",
    "pubdate",
    "date_publish",
    "datetime",
    "time",
    "timestamp",
    "created_at",
)
URL_FIELDS = ("url", "link", "source_url", "canonical_url")
OUTLET_FIELDS = ("outlet", "source", "site", "site_name", "sitename", "publisher", "domain")

MILLISECOND_TIMESTAMPS = 10**11
"""A numeric date above this is in milliseconds (10**11 s is the year 5138)."""
_HTML_HINT = ("<p>", "<p ", "<div", "<html", "<br")


def read_json_lines(
    path: str, text: str, fields: FieldNames
) -> Iterator[RawDocument | IngestIssue]:
    """One article per non-empty line; a bad line is reported and the others are kept."""
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = f"invalid JSON ({exc.msg} at column {exc.colno})"
            yield IngestIssue(path, reason, record=line_no)
            continue
        yield _record_to_document(path, line_no, value, fields)


def read_json_document(
    path: str, text: str, fields: FieldNames
) -> Iterator[RawDocument | IngestIssue]:
    """A JSON array of articles, an object holding such an array, or a single article."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield IngestIssue(path, f"invalid or truncated JSON ({exc.msg} at line {exc.lineno})")
        return
    records = _find_records(value)
    if records is None:
        yield _record_to_document(path, None, value, fields)
        return
    for index, record in enumerate(records, start=1):
        yield _record_to_document(path, index, record, fields)


def _find_records(value: Any) -> list[Any] | None:
    """The list of articles in a JSON document: the array itself or the first list field."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for key in ("articles", "items", "documents", "docs", "data", "results"):
            if isinstance(value.get(key), list):
                return list(value[key])
    return None


def _record_to_document(
    path: str, record: int | None, value: Any, fields: FieldNames
) -> RawDocument | IngestIssue:
    if not isinstance(value, Mapping):
        return IngestIssue(
            path, f"record is a JSON {type(value).__name__}, not an object", record=record
        )
    text_key = _pick(value, fields.text, TEXT_FIELDS)
    text = _as_text(value.get(text_key)) if text_key else ""
    if not text.strip():
        wanted = fields.text or "/".join(TEXT_FIELDS[:4])
        return IngestIssue(path, f"record has no text (looked for field {wanted})", record=record)
    date_key = _pick(value, fields.date, DATE_FIELDS)
    url = _field_text(value, fields.url, URL_FIELDS)
    if any(mark in text[:2000].lower() for mark in _HTML_HINT):
        try:
            page = read_html(path, text, url=url, record=record)
        except NoMainTextError as exc:
            return IngestIssue(path, str(exc), record=record)
        text = page.text
    return RawDocument(
        path=path,
        text=text,
        source_format="jsonl",
        record=record,
        title=_field_text(value, fields.title, TITLE_FIELDS),
        url=url,
        outlet=_field_text(value, fields.outlet, OUTLET_FIELDS),
        date_hint=_date_text(value.get(date_key)) if date_key else None,
        date_hint_source=f"json field '{date_key}'" if date_key else None,
        language=_as_text(value.get("language") or value.get("lang")) or None,
    )


def _pick(value: Mapping[str, Any], chosen: str | None, candidates: tuple[str, ...]) -> str | None:
    """The user's field name if given, else the first candidate present with a value."""
    if chosen is not None:
        return chosen if chosen in value else None
    lowered = {key.lower(): key for key in value}
    for name in candidates:
        key = lowered.get(name)
        if key is not None and value[key] not in (None, "", [], {}):
            return key
    return None


def _field_text(
    value: Mapping[str, Any], chosen: str | None, candidates: tuple[str, ...]
) -> str | None:
    key = _pick(value, chosen, candidates)
    return (_as_text(value[key]).strip() or None) if key else None


def _date_text(value: Any) -> str | None:
    """Date fields as text; numbers are Unix timestamps (seconds, or milliseconds if huge)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > MILLISECOND_TIMESTAMPS else value
        try:
            return datetime.fromtimestamp(seconds, UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    return _as_text(value).strip() or None


def _as_text(value: Any) -> str:
    """Field values as text: strings as they are, lists joined by lines, names from objects."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("title") or value.get("text") or "")
    return str(value)
