"""Corrections that survive rebuilds, applied after grouping: replay, then describe again.

``dateline.store.overrides`` records a user's corrections (retitle, merge, move out, hide, fix a
speaker) and replays them by moving rows. An event that gained or lost reports must then be
described again (vector, date, title and summary from its members), which is grouping's work:
it is done here, the way ``events.describe_event`` describes an event in a build, and the
corrections are replayed once more so a title set by hand wins over the described one.

The build calls ``apply_corrections`` after it groups and threads; the web app and ``dateline
edit`` call it right after recording or undoing a correction (through ``describe_again``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from scipy import sparse

from dateline.grouping.events import EventState, describe_event
from dateline.grouping.sparse import article_counts, weighted_unit_rows
from dateline.grouping.state import document_frequencies
from dateline.store.articles import load_articles
from dateline.store.db import transaction
from dateline.store.events import load_events, save_events
from dateline.store.overrides import apply_overrides


def apply_corrections(conn: sqlite3.Connection) -> set[str]:
    """Replay every active correction and describe the events it changed; their ids."""
    changed = apply_overrides(conn)
    describe_again(conn, changed)
    return changed


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
