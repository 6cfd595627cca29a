"""Which reader handles an input: decided by content first, extension second.

Files in news dumps are often misnamed (HTML saved as .txt, JSON lines as .json, feeds as .php),
so we sniff the first bytes; the extension only breaks ties between JSON lines and a JSON array.
Text that merely starts with a bracket ("[Updated] Talks resume", "[1] Footnote") stays text:
JSON is sniffed only when what follows the bracket can start a JSON value.
"""

from __future__ import annotations

import re
from typing import Literal

Format = Literal["warc", "feed", "html", "json", "jsonl", "text"]

SNIFF_CHARS = 4096
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)\b", re.IGNORECASE)
_HTML_MARK = re.compile(
    r"<!doctype\s+html|<html\b|<head\b|<body\b|<(p|div|article|section|h1|h2|span|br)\b[^>]*>",
    re.IGNORECASE,
)
_JSON_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"
_JSON_VALUE_START = r"[\[{\"\-\dtfn\]]"
_JSON_ARRAY_START = re.compile(
    rf"\[\s*(?:[{{\"]|\]\s*$|\[\s*{_JSON_VALUE_START}"
    rf"|(?:true|false|null|{_JSON_NUMBER})\s*(?:,|$|\]\s*(?:[,\]}}]|$)))"
)
"""An array whose first element is an object, a string, an array that starts a JSON value, or
a literal or number followed by a comma or the array's end, or an empty array that is the whole
input: "[1] A footnote" stays text, and so do markdown page dumps opening on a linked logo
("[ [![Logo](logo.png)](/)") or an empty link ("[](/)")."""
_JSON_OBJECT_START = re.compile(r'\{\s*(?:"|\}|$)')
_JSON_SCALAR = re.compile(rf"(?:null|true|false|{_JSON_NUMBER}|\"[^\"\n]*\")")
"""A whole file holding one JSON scalar: data, never an article."""
_JSON_NAMES = (".json", ".jsonl", ".ndjson")


def detect_format(data: bytes, name: str) -> Format:  # noqa: PLR0911 (one return per format)
    """Guess the input format of decompressed ``data`` read from a file called ``name``."""
    if data.startswith(b"WARC/"):
        return "warc"
    head = data[:SNIFF_CHARS].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    lowered_name = name.lower().removesuffix(".gz")
    if head.startswith("<"):
        if _FEED_ROOT.search(head) and not head.lower().startswith(("<!doctype html", "<html")):
            return "feed"
        if _HTML_MARK.search(head):
            return "html"
    json_name = lowered_name.endswith(_JSON_NAMES)
    if head.startswith("[") and (json_name or _JSON_ARRAY_START.match(head)):
        return "json"
    if head.startswith("{") and (json_name or _JSON_OBJECT_START.match(head)):
        return "json" if lowered_name.endswith(".json") and _is_single_object(data) else "jsonl"
    if len(head) < 64 and _JSON_SCALAR.fullmatch(head.strip()):
        return "json"
    if _HTML_MARK.search(head) and lowered_name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    return "text"


def _is_single_object(data: bytes) -> bool:
    """A .json file starting with '{' is one object unless it has several one-object lines."""
    lines = [line.strip() for line in data.split(b"\n") if line.strip()]
    if len(lines) == 1:
        return True
    return not (lines[0].startswith(b"{") and lines[0].endswith(b"}"))
