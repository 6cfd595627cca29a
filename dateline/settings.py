"""All options in one validated object.

The CLI, the Python API and the tests build the same ``Settings``; stages receive it (or the part
they need) instead of reading flags or globals, so a run can be written out and repeated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Inputs larger than this are skipped with an error: a news article is never 50 MB, a dump is."""

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
    fields: FieldNames = field(default_factory=FieldNames)
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    progress: bool = False

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {self.max_bytes}")
