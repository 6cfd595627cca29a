"""Plain-text articles: one article per file, read as it is.

A text file may be clean article text with its headline on the first line, or a whole web page
saved as text with the headline somewhere below the menus. Telling them apart and finding the
headline is the clean stage's job (``dateline.clean``), so the reader only normalises newlines.
"""

from __future__ import annotations

from dateline.model import RawDocument


def read_text(path: str, text: str, *, source_format: str = "text") -> RawDocument:
    """Make a RawDocument from plain text: newlines normalised, blank lines at the ends dropped."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return RawDocument(path=path, text=normalised.strip("\n"), source_format=source_format)
