"""Exports: the output document (``document``) rendered as JSON or Markdown."""

from __future__ import annotations

from collections.abc import Callable

from dateline.export.document import JsonDict, timeline_document
from dateline.export.json import to_json
from dateline.export.markdown import to_markdown

RENDERERS: dict[str, Callable[[JsonDict], str]] = {"json": to_json, "markdown": to_markdown}
"""Format name -> renderer; the CLI's --format choices come from here."""

__all__ = ["RENDERERS", "JsonDict", "timeline_document", "to_json", "to_markdown"]
