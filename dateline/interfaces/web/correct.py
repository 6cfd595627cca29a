"""Making and undoing a correction from an interface: record it, then show it at once.

``dateline.store.overrides`` records corrections; ``dateline.grouping.corrections`` replays
them and describes the changed events again, as every build does after grouping.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from dateline.grouping.corrections import apply_corrections, describe_again
from dateline.store.overrides import (
    Override,
    list_overrides,
    record_override,
    undo_override,
)


def correct(
    conn: sqlite3.Connection, kind: str, target: str, value: dict[str, Any], who: str
) -> Override:
    """Record a correction and make it show now (raises ``OverrideError`` for a bad one)."""
    made = record_override(conn, kind, target, value, who)
    apply_corrections(conn)
    return made


def undo(conn: sqlite3.Connection, override_id: int, who: str) -> Override:
    """Undo a correction (raises ``OverrideError`` for one that is not active)."""
    describe_again(conn, undo_override(conn, override_id, who))
    return next(o for o in list_overrides(conn) if o.id == override_id)
