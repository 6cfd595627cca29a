"""Stories after a correction (dateline/grouping/corrections.py): the stories of the events a
correction merges, empties, moves or retitles are threaded again at once, so no story lists
an event that is gone and each story's vector stays the sum of its events'."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from dateline import api, pipeline
from dateline.grouping import corrections
from dateline.grouping.dense import STAGE as DENSE_STAGE
from dateline.grouping.state import built_with_dense
from dateline.grouping.stories import decode_state, story_vector
from dateline.grouping.threads import thread_events
from dateline.store.embeddings import load_embeddings
from dateline.store.events import load_events
from dateline.store.overrides import event_anchor
from dateline.store.stories import load_stories
from dateline.store.vectors import from_bytes
from tests.interfaces.conftest import copy_store


@pytest.fixture
def store(demo_store: Path, tmp_path: Path) -> Path:
    return copy_store(demo_store, tmp_path / "news.db")


def _check_stories(conn: sqlite3.Connection) -> dict[str, str]:
    """Every event in exactly one story, every story's events existing; event -> story."""
    events = {item.event.id for item in load_events(conn)}
    home: dict[str, str] = {}
    for story in api.stories(conn):
        for event_id in story["event_ids"]:
            assert event_id in events, f"story {story['id']} lists gone event {event_id}"
            assert event_id not in home, f"{event_id} in two stories"
            home[event_id] = story["id"]
    assert set(home) == events
    return home


def _sums_match(conn: sqlite3.Connection) -> None:
    """Each story's summed vector is the sum of its events' story vectors (as threading adds
    them), up to float rounding."""
    stored = {item.event.id: item for item in load_events(conn)}
    dense = None
    if built_with_dense(conn):
        members = [a for item in stored.values() for a in item.event.article_ids]
        dense = load_embeddings(conn, members, DENSE_STAGE.version)
    for row in load_stories(conn):
        state = decode_state(*row)
        total = None
        for event_id in state.links:
            item = stored[event_id]
            vector = story_vector(from_bytes(item.centroid), item.event.article_ids, dense)
            total = vector if total is None else total + vector
        assert total is not None
        assert np.allclose(state.counts.toarray(), total.toarray(), atol=1e-4), state.id


def test_a_merge_leaves_no_story_listing_the_event_merged_away(store: Path) -> None:
    conn = api.open_store(str(store))
    try:
        home = _check_stories(conn)
        document = api.timeline(conn)
        big = sorted(document.events, key=lambda e: -len(e.article_ids))
        keep, other = big[0], big[1]
        api.correct(
            conn, "merge-events", event_anchor(conn, keep.id), {"other": other.article_ids[0]}, "a"
        )
        after = _check_stories(conn)
        assert other.id not in after and keep.id in after
        assert other.id in home  # it was in a story before
        _sums_match(conn)
        # the story title follows a retitle at once
        api.correct(conn, "retitle-event", event_anchor(conn, keep.id), {"title": "Hand"}, "a")
        story = next(s for s in api.stories(conn) if keep.id in s["event_ids"])
        assert story["title"] == "Hand"  # the largest event names its story
        _check_stories(conn)
    finally:
        conn.close()


def test_move_hide_and_undo_keep_stories_whole(store: Path) -> None:
    conn = api.open_store(str(store))
    try:
        document = api.timeline(conn)
        big = sorted(document.events, key=lambda e: -len(e.article_ids))
        moved = next(a for a in big[0].article_ids if a != event_anchor(conn, big[0].id))
        move = api.correct(conn, "move-article", moved, {}, "a")
        home = _check_stories(conn)
        own = next(e for e in api.timeline(conn).events if e.article_ids == (moved,))
        assert own.id in home  # the event it got is threaded at once
        lone = next(e for e in document.events if len(e.article_ids) == 1)
        hide = api.correct(conn, "hide-article", lone.article_ids[0], {}, "a")
        assert lone.id not in _check_stories(conn)  # emptied, deleted, out of its story
        _sums_match(conn)
        api.undo(conn, hide.id, "a")
        api.undo(conn, move.id, "a")  # its event is emptied: gone from its story at once
        assert own.id not in _check_stories(conn)
        _sums_match(conn)
        api.build(conn)  # the released article is placed again
        _check_stories(conn)
        _sums_match(conn)
    finally:
        conn.close()


def test_the_build_threads_with_the_same_function() -> None:
    """The pipeline and the corrections share one threading function (no second copy)."""
    assert pipeline.thread_events is thread_events is corrections.thread_events
