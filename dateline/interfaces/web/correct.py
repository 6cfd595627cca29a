"""Making and undoing a correction from an interface: record it, replay, describe again.

``dateline.store.overrides`` records corrections and replays them by moving rows; an event that
gained or lost reports must then be described again (its vector, date, title and summary from
its members), which is the grouping stage's work and so cannot happen in the store. The build
does it with its own machinery after it applies the corrections; the web app and
``dateline edit`` do it here, the same way the build describes an event (``describe_event``
over the members' weighted vectors), then replay the corrections once more so a title set by
hand wins over the described one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from scipy import sparse

from dateline.grouping.events import EventState, describe_event
from dateline.grouping.sparse import article_counts, weighted_unit_rows
from dateline.pipeline import document_frequencies
from dateline.store.articles import load_articles
from dateline.store.db import transaction
from dateline.store.events import load_events, save_events
from dateline.store.overrides import (
    Override,
    apply_overrides,
    list_overrides,
    record_override,
    undo_override,
)


def correct(
    conn: sqlite3.Connection, kind: str, target: str, value: dict[str, Any], who: str
) -> Override:
    """Record a correction and make it show now (raises ``OverrideError`` for a bad one)."""
    made = record_override(conn, kind, target, value, who)
    describe_again(conn, apply_overrides(conn))
    return made


def undo(conn: sqlite3.Connection, override_id: int, who: str) -> Override:
    """Undo a correction (raises ``OverrideError`` for one that is not active)."""
    describe_again(conn, undo_override(conn, override_id, who))
    return next(o for o in list_overrides(conn) if o.id == override_id)


def describe_again(conn: sqlite3.Connection, event_ids: Iterable[str]) -> None:
    """Vector, date, title and summary of these events from their members, as the build makes
    them; then the corrections again (titles set by hand stay)."""
    wanted = set(event_ids)
    if not wanted:
        return
    stored = [item for item in load_events(conn) if item.event.id in wanted]
    idf = document_frequencies(conn).idf()
    members = {a.id: a for a in load_articles(conn, [a for s in stored for a in s.similarities])}
    described = []
    for item in stored:
        articles = [members[a] for a in item.similarities if a in members]
        if not articles:
            continue
        rows = weighted_unit_rows(article_counts(articles), idf)
        state = EventState(
            id=item.event.id,
            counts=sparse.csr_matrix(rows.sum(axis=0)),
            similarities=dict(item.similarities),
        )
        described.append(describe_event(state, articles, idf))
    with transaction(conn):
        save_events(conn, described)
    apply_overrides(conn)
