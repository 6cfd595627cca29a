"""JSON lines and JSON arrays of articles, with field names detected or chosen by the user.

News dumps name their fields every which way (``text``, ``content``, ``body``, ``maintext``…).
We look for the usual names in order, let the user override each one, and treat a text field
that holds HTML as a web page.

Hostile JSON fails one record, never the run: nesting deeper than ``max_json_depth`` is refused
per record (and a document too deep for the parser itself is refused whole), numbers too long
for Python's integer conversion are read as floats (infinite when huge, as dates: none), and
a record that breaks a reader in any other way becomes an issue naming its line or index.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from dateline.ingest.html import NoMainTextError, read_html
from dateline.ingest.reasons import error_detail
from dateline.model import IngestIssue, RawDocument
from dateline.settings import DEFAULT_MAX_JSON_DEPTH, FieldNames

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
MAX_INT_DIGITS = 64
"""Longer JSON integers are read as floats: Python refuses to convert integers of more than
4,300 digits (a denial-of-service guard), and no date, count or id needs more than this."""
_TYPE_NAMES = {
    dict: "object",
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}
_HTML_HINT = ("<p>", "<p ", "<div", "<html", "<br")


def read_json_lines(
    path: str, text: str, fields: FieldNames, *, max_depth: int = DEFAULT_MAX_JSON_DEPTH
) -> Iterator[RawDocument | IngestIssue]:
    """One article per non-empty line; a bad line is reported and the others are kept.

    Lines are split at newlines only: U+2028 and other Unicode line breaks are valid inside
    JSON strings.
    """
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = parse_json(line)
        except json.JSONDecodeError as exc:
            reason = f"invalid JSON ({exc.msg} at column {exc.colno})"
            yield IngestIssue(path, reason, record=line_no)
            continue
        except JsonTooDeepError as exc:
            yield IngestIssue(path, str(exc), record=line_no)
            continue
        yield _checked_record(path, line_no, value, fields, max_depth)


def read_json_document(
    path: str, text: str, fields: FieldNames, *, max_depth: int = DEFAULT_MAX_JSON_DEPTH
) -> Iterator[RawDocument | IngestIssue]:
    """A JSON array of articles, an object holding such an array, or a single article."""
    try:
        value = parse_json(text)
    except json.JSONDecodeError as exc:
        yield IngestIssue(path, f"invalid or truncated JSON ({exc.msg} at line {exc.lineno})")
        return
    except JsonTooDeepError as exc:
        yield IngestIssue(path, str(exc))
        return
    records = _find_records(value)
    if records is None:
        yield _checked_record(path, None, value, fields, max_depth)
        return
    if not records:
        yield IngestIssue(path, "JSON holds an empty list of articles")
        return
    for index, record in enumerate(records, start=1):
        yield _checked_record(path, index, record, fields, max_depth)


class JsonTooDeepError(ValueError):
    """The JSON text is nested too deeply for the parser (it would overflow Python's stack)."""


def parse_json(text: str) -> Any:
    """``json.loads`` that never crashes on hostile input: long integers become floats, and
    nesting past the parser's recursion limit raises JsonTooDeepError.

    Raises:
        json.JSONDecodeError: the text is not JSON.
        JsonTooDeepError: the text is nested deeper than the parser can go.
    """
    try:
        return json.loads(text, parse_int=_parse_int)
    except RecursionError as exc:
        raise JsonTooDeepError(
            "JSON is nested too deeply to parse (about 1,000 levels or more)"
        ) from exc


def json_depth(value: Any, limit: int) -> int:
    """How deeply ``value`` nests (a scalar is 0), counted without recursion and only up to
    ``limit + 1``: enough to tell whether it is over ``limit``."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if depth > limit:
            return deepest
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def _parse_int(digits: str) -> int | float:
    if len(digits) > MAX_INT_DIGITS:
        return float(digits)
    return int(digits)


def _checked_record(
    path: str, record: int | None, value: Any, fields: FieldNames, max_depth: int
) -> RawDocument | IngestIssue:
    """The record's article, or an issue: too deep, or any failure of the readers on it."""
    if json_depth(value, max_depth) > max_depth:
        reason = f"JSON record is nested more than {max_depth} levels deep (max_json_depth)"
        return IngestIssue(path, reason, record=record)
    try:
        return _record_to_document(path, record, value, fields)
    except Exception as exc:  # a hostile record must not cost the file's other records
        reason = f"could not read JSON record ({error_detail(exc)})"
        return IngestIssue(path, reason, record=record)


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
        kind = _TYPE_NAMES.get(type(value), type(value).__name__)
        return IngestIssue(path, f"record is a JSON {kind}, not an article object", record=record)
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
        try:
            seconds = value / 1000 if value > MILLISECOND_TIMESTAMPS else value
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
