"""JSON export: the contract document, pretty-printed, UTF-8, keys in contract order."""

from __future__ import annotations

import json

from dateline.export.document import JsonDict


def to_json(document: JsonDict) -> str:
    """The document as indented JSON text ending with a newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
