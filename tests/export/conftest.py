"""Fixtures of the export tests: the demo store (tests/conftest.py) with a user's corrections."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline import api
from tests.interfaces.conftest import copy_store, entity_names


@pytest.fixture(scope="session")
def corrected_store(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store (every stage built) with an article hidden, two entities merged and one
    name split out by hand, built again: what the document leaves out or merges differently."""
    db = copy_store(demo_store, tmp_path_factory.mktemp("corrected") / "news.db")
    conn = api.open_store(str(db))
    try:
        groups = [group for _, group in entity_names(conn)]
        alone = sorted(sorted(group)[0] for group in groups if len(group) == 1)
        joined = next(sorted(group)[0] for group in groups if len(group) >= 2)
        api.correct(conn, "merge-entities", alone[0], {"other": alone[1]}, "test")
        api.correct(conn, "split-entity", joined, {}, "test")
        event = api.timeline(conn).events[0]
        api.correct(conn, "hide-article", event.article_ids[-1], {}, "test")
        api.build(conn)
    finally:
        conn.close()
    return db
