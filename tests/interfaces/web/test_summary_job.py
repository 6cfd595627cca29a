"""The summary run the web app starts after its edits (dateline/interfaces/web/summary_job.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline import api
from dateline.interfaces.web import summary_job
from dateline.timeline import precomputed
from tests.interfaces.conftest import copy_store


def test_it_makes_a_stale_summary_current(demo_store: Path, tmp_path: Path) -> None:
    db = copy_store(demo_store, tmp_path / "news.db")
    conn = api.open_store(str(db))
    try:
        article = api.timeline(conn).events[0].article_ids[0]
        api.correct(conn, "hide-article", article, {}, "ana")
        assert not precomputed.is_current(conn)
        assert summary_job.main([str(db)]) == 0
        assert precomputed.is_current(conn)
    finally:
        conn.close()


def test_a_store_it_cannot_read_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert summary_job.main([str(tmp_path)]) == 1  # a folder, not a store
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "the summary was not refreshed" in error
    assert summary_job.main([]) == 2
