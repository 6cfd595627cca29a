"""Workers die with their parent (issue 13, item 4).

After ``kill -9`` of ``dateline build`` in its parallel stages, pool workers used to live on
(5 of 10 kills), holding the store and the build's stderr open, so ``dateline build 2>&1 | tee
log`` never returned. Each test starts a parent with two pool workers, kills the parent with
SIGKILL, and requires every worker gone, and the stderr pipe closed, within seconds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import pytest

from dateline import api
from dateline.settings import Settings
from dateline.store import connect
from tests.reliability.processes import (
    ON_LINUX,
    ROOT,
    kill_all,
    wait_for_children,
    wait_until_gone,
    write_corpus,
)

pytestmark = pytest.mark.skipif(not ON_LINUX, reason="reads /proc")

GONE_WITHIN = 5.0
"""Seconds the workers get to die after their parent is killed (they die at once on Linux)."""

_SLOW_MAP = """
import sys, time
from dateline.parallel import MIN_PARALLEL_ITEMS, map_items

def wait(item: int) -> int:
    time.sleep(120)
    return item

if __name__ == "__main__":
    map_items(wait, list(range(MIN_PARALLEL_ITEMS)), workers=2)
"""


def _drain(stream: IO[bytes], done: threading.Event) -> None:
    """Read ``stream`` to its end (what ``tee`` does), then set ``done``."""
    stream.read()
    done.set()


def _kill_parent_and_check(process: subprocess.Popen[bytes], stage: str) -> None:
    """With two workers running, SIGKILL ``process``; its workers and its stderr must go."""
    assert process.stderr is not None
    closed = threading.Event()
    reader = threading.Thread(target=_drain, args=(process.stderr, closed), daemon=True)
    reader.start()
    workers = wait_for_children(process.pid, 2, timeout=120)
    try:
        assert len(workers) >= 2, f"{stage}: the workers never started"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        left = wait_until_gone(workers, GONE_WITHIN)
        assert not left, f"{stage}: workers {sorted(left)} outlived their killed parent"
        assert closed.wait(GONE_WITHIN), f"{stage}: stderr stayed open after the kill"
    finally:
        kill_all(workers)
        if process.poll() is None:
            process.kill()
            process.wait()


def test_pool_workers_die_when_their_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "slow_map.py"
    script.write_text(_SLOW_MAP)
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, str(script)], cwd=tmp_path, env=environment, stderr=subprocess.PIPE
    )
    _kill_parent_and_check(process, "map_items")


def test_a_build_killed_in_its_parallel_stage_leaves_no_worker(tmp_path: Path) -> None:
    """``dateline build`` with two workers on 100 articles, killed once its pool is up."""
    corpus = tmp_path / "in"
    write_corpus(corpus, 100)
    db = tmp_path / "s.db"
    conn = connect(str(db))
    report = api.ingest(conn, [str(corpus)], Settings(progress=False))
    conn.close()
    assert report.new_articles == 100
    (tmp_path / "dateline.toml").write_text("workers = 2\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "dateline.interfaces.cli", "build", "--db", str(db)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stderr=subprocess.PIPE,
    )
    _kill_parent_and_check(process, "dateline build")
