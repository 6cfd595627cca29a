"""``kill -9`` at a random moment of ``dateline ingest`` and of ``dateline build``, then a rerun:
the store is intact (issue 13: "nothing stored is lost").

A clean run of the demo (CLI ingest, CLI build) is the reference and times the two commands.
Each seeded kill point then ingests the demo into a new store, killing the CLI at a random
fraction of the clean ingest's duration, reruns the ingest (in this process, to save the
interpreter's start), checks the articles against the clean store's, builds with the CLI,
kills it at a random fraction of the clean build's duration, reruns the build and requires the
timeline document to equal the clean one: same articles, none twice, same events and entries.

This test found one window that lost data: the provenance stage marked its articles done with
their links and stored their quality flags in a later transaction, so a build killed in between
never wrote the flags. The stage now marks them done last; the last test kills a build exactly
there and checks the resumed store against a clean run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import dateline.provenance.build as provenance
from dateline import api
from dateline.settings import Settings
from dateline.store import connect
from tests.reliability.processes import ON_LINUX, ROOT, children, kill_all, wait_until_gone

pytestmark = pytest.mark.skipif(not ON_LINUX, reason="kills with SIGKILL, reads /proc")

DEMO = ROOT / "examples" / "demo"
SEED = 13
KILL_POINTS = 2
"""Kill points per command, each a seeded fraction of the clean run's wall time: of ingest late
(the interpreter's start takes most of it; the demo is one batch, stored at the end), of build
early enough to land in its stages (times, entities and quotes, provenance, dense vectors,
events and stories; most kills before 0.6 leave some of them to the rerun)."""
INGEST_KILL = (0.5, 1.0)
BUILD_KILL = (0.1, 0.7)
_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

_INGESTED = {
    "articles": "SELECT id, seq, path, record, url, outlet, title, text, source_format, published,"
    " published_precision, published_evidence, language, flags FROM articles ORDER BY id",
    "sources": "SELECT article_id, locator, path, record, url, outlet FROM article_sources"
    " ORDER BY article_id, locator",
    "removed": "SELECT * FROM removed_lines ORDER BY article_id, line_no, reason",
    "issues": "SELECT path, record, severity, reason FROM ingest_issues ORDER BY path, record",
}


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "dateline.interfaces.cli", *args]


def _run(command: list[str], cwd: Path) -> float:
    """Run ``command`` to its end (it must succeed); returns its wall time."""
    started = time.monotonic()
    done = subprocess.run(command, cwd=cwd, env=_ENV, capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return time.monotonic() - started


def _run_and_kill(command: list[str], cwd: Path, after: float) -> None:
    """Start ``command``, SIGKILL it ``after`` seconds in (if still running); no child may
    outlive it."""
    process = subprocess.Popen(
        command, cwd=cwd, env=_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + after
        while process.poll() is None and time.monotonic() < deadline:
            workers |= children(process.pid)
            time.sleep(0.01)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert not wait_until_gone(workers, 5.0), "a worker outlived the killed command"
    finally:
        kill_all(workers)


def _dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What ingest stores, without the times of storing."""
    conn = connect(str(db))
    try:
        return {name: [tuple(row) for row in conn.execute(sql)] for name, sql in _INGESTED.items()}
    finally:
        conn.close()


def _differences(clean: Any, resumed: Any, where: str = "") -> list[str]:
    """Where two JSON-like values differ (the first few paths), for a readable failure."""
    if isinstance(clean, dict) and isinstance(resumed, dict):
        found = [f"{where}/{key}: only one has it" for key in clean.keys() ^ resumed.keys()]
        for key in clean.keys() & resumed.keys():
            found += _differences(clean[key], resumed[key], f"{where}/{key}")
        return found[:10]
    if isinstance(clean, list) and isinstance(resumed, list) and len(clean) == len(resumed):
        found = []
        for index, (a, b) in enumerate(zip(clean, resumed, strict=True)):
            found += _differences(a, b, f"{where}[{index}]")
        return found[:10]
    return [] if clean == resumed else [f"{where}: {clean!r:.80} != {resumed!r:.80}"]


def _document(db: Path) -> dict[str, Any]:
    conn = connect(str(db))
    try:
        return api.timeline_document(conn)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo ingested and built without interruption: the reference and its timings."""
    folder = tmp_path_factory.mktemp("clean")
    ingest_seconds = _run(_cli("ingest", str(DEMO), "--db", "s.db"), folder)
    stored = _dump(folder / "s.db")
    build_seconds = _run(_cli("build", "--db", "s.db"), folder)
    return {
        "ingest_seconds": ingest_seconds,
        "build_seconds": build_seconds,
        "stored": stored,
        "document": _document(folder / "s.db"),
    }


def test_clean_reference_is_the_demo(clean: dict[str, Any]) -> None:
    assert len(clean["stored"]["articles"]) == 44
    assert clean["document"]["events"]


@pytest.mark.parametrize("point", range(KILL_POINTS))
def test_killed_ingest_and_build_resume_to_the_clean_store(
    clean: dict[str, Any], point: int, tmp_path: Path
) -> None:
    rng = random.Random(SEED * 100 + point)
    ingest_kill = rng.uniform(*INGEST_KILL) * clean["ingest_seconds"]
    build_kill = rng.uniform(*BUILD_KILL) * clean["build_seconds"]
    db = tmp_path / "s.db"

    _run_and_kill(_cli("ingest", str(DEMO), "--db", "s.db"), tmp_path, ingest_kill)
    conn = connect(str(db))
    try:
        api.ingest(conn, [str(DEMO)], Settings(progress=False))
    finally:
        conn.close()
    stored = _dump(db)
    assert len({row[0] for row in stored["articles"]}) == len(stored["articles"])
    assert stored == clean["stored"], (
        f"ingest killed at {ingest_kill:.2f} s: {_differences(clean['stored'], stored)}"
    )

    _run_and_kill(_cli("build", "--db", "s.db"), tmp_path, build_kill)
    conn = connect(str(db))
    try:
        api.build(conn)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        in_events = conn.execute("SELECT COUNT(*), COUNT(DISTINCT article_id) FROM event_articles")
        count, distinct = in_events.fetchone()
        assert count == distinct == 44
    finally:
        conn.close()
    resumed = _document(db)
    assert resumed == clean["document"], (
        f"build killed at {build_kill:.2f} s: {_differences(clean['document'], resumed)}"
    )


class _Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, nothing catches it."""


def test_provenance_flags_survive_a_kill_after_the_links(
    clean: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.db"
    conn = connect(str(db))
    try:
        api.ingest(conn, [str(DEMO)], Settings(progress=False))

        def killed(*_: object) -> None:
            raise _Killed

        with monkeypatch.context() as patch:
            patch.setattr(provenance, "_flag", killed)
            with pytest.raises(_Killed):
                api.build(conn)
        api.build(conn)
    finally:
        conn.close()
    resumed = _document(db)
    assert resumed == clean["document"], _differences(clean["document"], resumed)
