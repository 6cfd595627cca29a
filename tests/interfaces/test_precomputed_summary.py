"""The whole store's summary kept by the build (dateline/timeline/precomputed.py): every
summary it serves is the one computed from the articles, and a change to the store (a
correction, a build) stops it being served until a build computes it again."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from unittest import mock

import pytest

from dateline import api
from dateline.store.events import get_state
from dateline.store.overrides import event_anchor
from dateline.timeline import precomputed
from dateline.timeline.select import TimelineView
from tests.interfaces.conftest import copy_store


@pytest.fixture
def store(demo_store: Path, tmp_path: Path) -> Path:
    return copy_store(demo_store, tmp_path / "news.db")


def _computed(conn: object, view: TimelineView) -> object:
    """The document summarised from the articles (the kept summary out of the way)."""
    with mock.patch.object(precomputed, "stored", return_value=None):
        return api.timeline(conn, view).to_json()  # type: ignore[arg-type]


def test_the_build_keeps_a_summary_equal_to_the_computed_one(store: Path) -> None:
    conn = api.open_store(str(store))
    try:
        assert precomputed.is_current(conn)
        for days in (1, 3, 10, precomputed.DAYS):
            view = TimelineView(max_dates=days)
            kept = precomputed.stored(conn, view)
            assert kept is not None and len(kept) == min(days, len(kept))
            assert [e.date for e in kept] == sorted(e.date for e in kept)
            assert api.timeline(conn, view).to_json() == _computed(conn, view)
        # a few days are the first days of the longer summary, not another pick
        longer = precomputed.stored(conn, TimelineView(max_dates=10))
        shorter = precomputed.stored(conn, TimelineView(max_dates=3))
        assert longer is not None and shorter is not None and len(shorter) == 3
        assert set(shorter) <= set(longer)
    finally:
        conn.close()


def test_views_it_does_not_hold_are_computed(store: Path) -> None:
    conn = api.open_store(str(store))
    try:
        some_day = api.timeline(conn).timeline[0].date
        for view in (
            TimelineView(max_dates=5, sentences_per_date=3),  # another number of sentences
            TimelineView(max_dates=precomputed.DAYS + 1),
            TimelineView(max_dates=5, query=("dam",)),
            TimelineView(max_dates=5, end=date.fromisoformat(some_day)),
            TimelineView(),  # not a summary
        ):
            assert precomputed.stored(conn, view) is None, view
    finally:
        conn.close()


def test_a_correction_stops_it_being_served_until_a_build(store: Path) -> None:
    conn = api.open_store(str(store))
    try:
        view = TimelineView(max_dates=10)
        document = api.timeline(conn)
        big = max(document.events, key=lambda e: len(e.article_ids))
        article = big.article_ids[-1]
        api.correct(conn, "move-article", article, {}, "ana")
        assert not precomputed.is_current(conn)
        assert precomputed.stored(conn, view) is None
        after = api.timeline(conn, view)  # computed now, so it is right
        assert after.to_json() == _computed(conn, view)
        api.build(conn)
        assert precomputed.is_current(conn)
        assert api.timeline(conn, view).to_json() == after.to_json()
        assert not precomputed.refresh(conn)  # nothing changed: nothing to do
        other = next(e for e in document.events if e.id != big.id and e.date is not None)
        api.correct(
            conn, "merge-events", event_anchor(conn, big.id), {"other": other.article_ids[0]}, "ana"
        )
        assert precomputed.stored(conn, view) is None
    finally:
        conn.close()


def test_a_store_over_the_limit_keeps_no_summary(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = api.open_store(str(store))
    try:
        view = TimelineView(max_dates=10)
        assert precomputed.stored(conn, view) is not None
        monkeypatch.setattr(precomputed, "MAX_ARTICLES", 3)
        document = api.timeline(conn)
        api.correct(conn, "move-article", document.events[0].article_ids[-1], {}, "ana")
        assert not precomputed.refresh(conn)
        assert get_state(conn, precomputed._STATE_KEY) is None  # the stale one was dropped
        assert precomputed.stored(conn, view) is None
        assert api.timeline(conn, view).to_json() == _computed(conn, view)
    finally:
        conn.close()
