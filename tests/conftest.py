"""Fixtures every test shares."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline import api

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


@pytest.fixture(autouse=True)
def _restore_dateline_logger() -> Iterator[None]:
    """The CLI points the "dateline" logger at stderr and stops it propagating; a test that runs
    the CLI must not take log records away from the tests after it (caplog listens at the root)."""
    logger = logging.getLogger("dateline")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.level, logger.propagate = saved[0], saved[1], saved[2]


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus ingested (from its absolute path, as a user may give it) and built with
    every stage, once for every test that needs it (about 5 s). Read it only: copy it
    (``tests.interfaces.conftest.copy_store``) to write."""
    db = tmp_path_factory.mktemp("demo-store") / "news.db"
    conn = api.open_store(str(db))
    try:
        report = api.ingest(conn, [str(DEMO)])
        assert report.new_articles >= 40, report.issues  # tests/test_demo.py checks the rest
        api.build(conn)
    finally:
        conn.close()
    return db
