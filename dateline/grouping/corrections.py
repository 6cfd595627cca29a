"""Corrections that survive rebuilds, applied after grouping: replay, describe again, rethread.

``dateline.store.overrides`` records a user's corrections (retitle, merge, move out, hide, fix a
speaker) and replays them by moving rows. An event that gained or lost reports must then be
described again (vector, date, title and summary from its members), which is grouping's work:
it is done here, the way ``events.describe_event`` describes an event in a build, and the
corrections are replayed once more so a title set by hand wins over the described one.

The stories of the events a correction touched are threaded again at once
(``threads.thread_events``): an event merged away or emptied leaves its story, a changed one
leaves with the vector it joined with and joins again with its new one, a retitled one joins
again under its new title. So no story lists an event that no longer exists, and a story's
summed vector stays the sum of its events'.

The build calls ``apply_corrections`` after it groups and threads; the web app and ``dateline
edit`` call it (``api.correct``) right after recording a correction, and ``undo_correction``
to undo one."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence

from scipy import sparse

from dateline.grouping.events import EventState, describe_event
from dateline.grouping.sparse import article_counts, weighted_unit_rows
from dateline.grouping.state import built_with_dense, document_frequencies
from dateline.grouping.threads import thread_events
from dateline.provenance.flags import REWRITE_FLAGS
from dateline.store.analysis import flagged_with
from dateline.store.articles import load_articles
from dateline.store.db import transaction
from dateline.store.events import StoredEvent, load_events, save_events
from dateline.store.overrides import apply_overrides, list_overrides, undo_override
from dateline.store.stories import save_stories


def apply_corrections(conn: sqlite3.Connection) -> set[str]:
    """Replay every active correction, describe the events it changed and thread their
    stories again; the ids of the events changed."""
    if not any(o.kind in _MOVING for o in list_overrides(conn, active_only=True)):
        return apply_overrides(conn)  # nothing moves a report: no event to describe
    return _correcting(conn, lambda: apply_overrides(conn))


def undo_correction(conn: sqlite3.Connection, override_id: int, who: str) -> set[str]:
    """Undo a correction (``store.overrides.undo_override``), describe the events it changed
    and thread their stories again; the ids of the events changed.

    Raises:
        OverrideError: no active correction has this number.
    """
    return _correcting(conn, lambda: undo_override(conn, override_id, who))


_MOVING = frozenset({"merge-events", "move-article", "hide-article", "retitle-event"})
"""Corrections that change events (the others change quotes and entities)."""


def _correcting(conn: sqlite3.Connection, change: Callable[[], set[str]]) -> set[str]:
    before = load_events(conn)
    changed = change()
    describe_again(conn, changed)
    rethread(conn, before, changed)
    return changed


def rethread(
    conn: sqlite3.Connection, before: Sequence[StoredEvent], changed: Iterable[str]
) -> None:
    """Thread again the stories of the events that changed since ``before`` (the events as
    they were, with the vectors their stories hold): ``changed`` (described again), those
    gone, and those whose title is not the one their story knows."""
    after = {item.event.id: item for item in load_events(conn)}
    was = {item.event.id: item.event for item in before}
    gone = set(was) - set(after)
    retitled = {e for e, event in was.items() if e in after and after[e].event.title != event.title}
    touched = (set(changed) | retitled) & set(after)
    if not gone and not touched:
        return
    described = [after[e] for e in sorted(touched)]
    stories = thread_events(conn, before, described, gone, built_with_dense(conn))
    with transaction(conn):
        save_stories(conn, stories)


def describe_again(conn: sqlite3.Connection, event_ids: Iterable[str]) -> None:
    """Vector, date, title and summary of these events from their members, as the build makes
    them; then the corrections again (titles set by hand stay)."""
    wanted = set(event_ids)
    if not wanted:
        return
    stored = [item for item in load_events(conn) if item.event.id in wanted]
    idf = document_frequencies(conn).idf()
    members = {a.id: a for a in load_articles(conn, [a for s in stored for a in s.similarities])}
    rewrites = flagged_with(conn, members, REWRITE_FLAGS)
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
        described.append(describe_event(state, articles, idf, rewrites))
    with transaction(conn):
        save_events(conn, described)
    apply_overrides(conn)
