"""Several processes opening, creating and writing one store at once (issue 13, item 7).

``migrate()`` used to read the schema version outside its write transaction, so processes
opening a new store together both applied migration 1 and all but one failed with "not a
dateline store or damaged" (12 of 60 synchronised opens). Each test forks its processes from
this one (no interpreter start-up) and lines them up on a barrier.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dateline import api
from dateline.settings import Settings
from dateline.store import connect
from dateline.store.db import schema_version
from dateline.store.schema import LATEST_VERSION

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"
OPENERS = 8
ROUNDS = 10

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks its processes")
_FORK = multiprocessing.get_context("fork") if hasattr(os, "fork") else None


def _child(work: Callable[..., None], args: tuple[Any, ...], report: Path) -> None:
    """Run ``work``; a failure is written to ``report`` (exit codes alone would not say why)."""
    try:
        work(*args)
    except BaseException:
        report.write_text(traceback.format_exc())
        raise


def _run_together(tmp_path: Path, jobs: list[tuple[Callable[..., None], tuple[Any, ...]]]) -> None:
    """Start every job in its own process, wait for all, and fail with their tracebacks."""
    assert _FORK is not None
    reports = [tmp_path / f"failure-{os.getpid()}-{i}.txt" for i in range(len(jobs))]
    processes = [
        _FORK.Process(target=_child, args=(work, args, report))
        for (work, args), report in zip(jobs, reports, strict=True)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=180)
    hung = [p.pid for p in processes if p.exitcode is None]
    for process in processes:
        if process.exitcode is None:
            process.kill()
            process.join()
    failures = [report.read_text() for report in reports if report.exists()]
    assert not hung, f"processes {hung} did not finish"
    assert not failures, "\n".join(failures)
    assert [p.exitcode for p in processes] == [0] * len(processes)


def _open_at_once(path: str, barrier: Any) -> None:
    barrier.wait(timeout=60)
    conn = connect(path)
    try:
        assert schema_version(conn) == LATEST_VERSION
    finally:
        conn.close()


def test_processes_creating_one_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    assert _FORK is not None
    for round_no in range(ROUNDS):
        path = str(tmp_path / f"new-{round_no}.db")
        barrier = _FORK.Barrier(OPENERS)
        _run_together(tmp_path, [(_open_at_once, (path, barrier))] * OPENERS)
        conn = connect(path)
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations")]
        assert versions == list(range(1, LATEST_VERSION + 1)), round_no
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()


def _ingest(path: str, inputs: list[str], barrier: Any) -> None:
    conn = connect(path)
    try:
        barrier.wait(timeout=60)
        report = api.ingest(conn, inputs, Settings(progress=False))
        assert report.skipped == 0, report.issues
    finally:
        conn.close()


def _build(path: str, barrier: Any) -> None:
    conn = connect(path)
    try:
        barrier.wait(timeout=60)
        api.build(conn, skip=("dense",), workers=1)
    finally:
        conn.close()


def _articles(path: str) -> tuple[int, int, int]:
    """(articles, distinct ids, distinct seq numbers) in the store."""
    conn = connect(path)
    try:
        row = conn.execute("SELECT COUNT(*), COUNT(DISTINCT id), COUNT(DISTINCT seq) FROM articles")
        count, ids, seqs = row.fetchone()
        return int(count), int(ids), int(seqs)
    finally:
        conn.close()


def test_two_ingests_of_one_corpus_at_once_store_it_once(tmp_path: Path) -> None:
    """Both runs succeed (no "database is locked") and each article is stored once."""
    assert _FORK is not None
    path = str(tmp_path / "s.db")
    barrier = _FORK.Barrier(2)
    _run_together(tmp_path, [(_ingest, (path, [str(DEMO)], barrier))] * 2)
    alone = str(tmp_path / "alone.db")
    conn = connect(alone)
    api.ingest(conn, [str(DEMO)], Settings(progress=False))
    conn.close()
    assert _articles(path) == _articles(alone)
    assert _articles(path)[0] == 44


def test_an_ingest_during_a_build_succeeds(tmp_path: Path) -> None:
    """The build writes batch after batch while the ingest writes its own; neither fails."""
    assert _FORK is not None
    path = str(tmp_path / "s.db")
    conn = connect(path)
    api.ingest(conn, [str(DEMO / "txt")], Settings(progress=False))
    conn.close()
    barrier = _FORK.Barrier(2)
    rest = [str(DEMO / part) for part in ("html", "feeds", "warc")]
    _run_together(tmp_path, [(_build, (path, barrier)), (_ingest, (path, rest, barrier))])
    count, ids, seqs = _articles(path)
    assert count == ids == seqs == 44
