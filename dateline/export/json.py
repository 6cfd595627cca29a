"""JSON export: the contract document, pretty-printed, UTF-8, keys in contract order.

Safe to print on a terminal: control characters in strings are always written as ``\\u`` escapes
(``safe.dumps``), which every JSON reader decodes back to the same text.
"""

from __future__ import annotations

from dateline.export.records import TimelineDocument
from dateline.export.safe import dumps


def to_json(document: TimelineDocument) -> str:
    """The document as indented JSON text ending with a newline."""
    return dumps(document.to_json())
