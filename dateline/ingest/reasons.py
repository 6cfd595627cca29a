"""Issue reasons made from exception messages: one printable line, of bounded length.

Parsers put what they choked on into their messages (warcio quotes the binary "first line" of
a damaged record, feedparser a piece of the feed). A reason is read on a terminal and stored:
control characters, line breaks and unbounded text have no place in it.
"""

from __future__ import annotations

MAX_DETAIL_CHARS = 160
"""Longest exception detail quoted in a reason."""


def one_line(text: str, limit: int = MAX_DETAIL_CHARS) -> str:
    """``text`` on one line, unprintable characters as '?', cut to ``limit`` characters."""
    flat = " ".join(text.split())
    printable = "".join(char if char.isprintable() else "?" for char in flat[: limit + 1])
    return printable if len(printable) <= limit else printable[: limit - 1] + "…"


def error_detail(exc: BaseException) -> str:
    """``Type: message`` of an unexpected exception, as one short line."""
    message = one_line(str(exc))
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
