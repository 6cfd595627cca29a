"""Exports: the output document (``document``) rendered as JSON, Markdown, HTML or TimelineJS."""

from __future__ import annotations

from collections.abc import Callable

from dateline.export.document import timeline_document
from dateline.export.html import to_html
from dateline.export.json import to_json
from dateline.export.markdown import to_markdown
from dateline.export.records import JsonDict, TimelineDocument
from dateline.export.timelinejs import to_timelinejs

RENDERERS: dict[str, Callable[[TimelineDocument], str]] = {
    "json": to_json,
    "markdown": to_markdown,
    "html": to_html,
    "timelinejs": to_timelinejs,
}
"""Format name -> renderer; the CLI's --format choices come from here."""

__all__ = [
    "RENDERERS",
    "JsonDict",
    "TimelineDocument",
    "timeline_document",
    "to_html",
    "to_json",
    "to_markdown",
    "to_timelinejs",
]
