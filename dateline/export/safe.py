"""Strings from articles made safe to show: control characters made visible, local paths hidden.

Titles, outlets, file names and text come from untrusted inputs. On a terminal a raw ESC (``\\x1b``)
or CSI (``\\x9b``) starts an escape sequence that can recolour, retitle, hide or rewrite what the
reader sees; a bidirectional override can make text read differently from what it is; a newline
splits what should be one line. ``visible`` writes every such character as a Python-style escape
(``\\x1b``, ``\\n``, ``\\u202e``) so that it is shown, never obeyed.

Exports are meant to be published, so ``display_path`` never shows a local absolute path: a path
under the current directory is shown relative to it, any other absolute path by its file name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePath
from typing import Any

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional
marks, embeddings, overrides and isolates."""
_CONTROLS_KEEPING_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
"""The same without tab and newline, for multi-line text such as an article body."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""What ``json.dumps(..., ensure_ascii=False)`` leaves raw but a terminal may obey (it already
escapes C0 controls)."""


def visible(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with every control character written as a visible escape (``\\x1b``, ``\\n``).

    ``keep_lines`` keeps newlines and tabs, for multi-line text; everything else is escaped.
    """
    pattern = _CONTROLS_KEEPING_LINES if keep_lines else _CONTROLS
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def display_path(path: str, cwd: Path | None = None) -> str:
    """A source path fit to publish: relative paths as given, absolute ones relative to the
    current directory when under it, else the file name alone (no local directory is shown)."""
    pure = PurePath(path)
    if not pure.is_absolute():
        return path
    try:
        base = cwd or Path.cwd()
    except OSError:  # the current directory was removed
        return pure.name or path
    try:
        return str(pure.relative_to(base))
    except ValueError:
        return pure.name or path


def dumps(value: Any) -> str:
    """Indented UTF-8 JSON text, ending with a newline, that is safe to print on a terminal.

    ``json.dumps`` escapes C0 controls but leaves C1 controls (``\\x9b`` is CSI), the Unicode
    line separators and bidirectional overrides raw; they are written as ``\\uXXXX`` here, which
    any JSON reader decodes to the same string.
    """
    return json_text(value) + "\n"


def json_text(value: Any, depth: int = 0) -> str:
    """``value`` as indented, terminal-safe JSON text (no final newline) written as it reads
    ``depth`` levels into an enclosing indented document: ``dumps`` of the whole is these
    pieces put together (``export.stream`` writes a document one record at a time this way).
    JSON strings never hold a raw newline, so every newline is one that indents."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.replace("\n", "\n" + "  " * depth) if depth else text
