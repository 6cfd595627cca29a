"""All options in one validated object.

The CLI, the Python API and the tests build the same ``Settings``; stages receive it (or the part
they need) instead of reading flags or globals, so a run can be written out and repeated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Inputs larger than this are skipped with an error: a news article is never 50 MB, a dump is."""

DEFAULT_MAX_TEXT_CHARS = 1_000_000
"""An article whose text is longer than this is skipped with an error: the longest news features
run to about 100,000 characters, so a longer "article" is a dump, a log or a decompression bomb,
and every later stage (quotes, entities, events) pays for its length."""

DEFAULT_MAX_JSON_DEPTH = 32
"""A JSON record nested deeper than this is skipped with an error. Article records are two or
three levels deep (a record, an author list, an author object); deep nesting is an attack on
the recursive readers after the parser, and past about 1,000 levels on the parser itself."""

ARCHIVE_EXPANSION_LIMIT = 20
"""A WARC archive may decompress to at most this many times ``max_bytes`` in all (each record,
and each HTTP body after its Content-Encoding, is also bounded by ``max_bytes``). Real crawls
compress about five to ten times; a bomb stops here, after streaming, never held in memory."""

DEFAULT_DB = "dateline.db"


@dataclass(frozen=True)
class FieldNames:
    """JSON field names chosen by the user; None means auto-detect (see ingest.jsonl)."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Settings:
    """Options for one run. ``now`` bounds publication dates: nothing is dated after ingest."""

    db_path: str = DEFAULT_DB
    max_bytes: int = DEFAULT_MAX_BYTES
    """Limit on every input, before and after decompression (a file, a gzip stream, a WARC
    record, an HTTP body): larger ones are skipped with an error."""
    fields: FieldNames = field(default_factory=FieldNames)
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    progress: bool = False
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    max_json_depth: int = DEFAULT_MAX_JSON_DEPTH

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.max_text_chars <= 0:
            raise ValueError(f"max_text_chars must be positive, got {self.max_text_chars}")
        if self.max_json_depth <= 0:
            raise ValueError(f"max_json_depth must be positive, got {self.max_json_depth}")
