"""Seeded fuzzing of ingest: hostile inputs of every format mixed with known-good articles.

The promise under test: no input stops the run, every good article is stored, every input is
either stored or reported (nothing vanishes), and the run is bounded in time. The corpus comes
from tests/ingest/fuzz_corpus.py (stdlib random, fixed seed), which a bench can run at scale.
"""

from __future__ import annotations

import contextlib
import time
import tracemalloc
from pathlib import Path

from dateline import api
from dateline.ingest.html import NoMainTextError, read_html
from dateline.settings import Settings
from tests.ingest.fuzz_corpus import FUZZ_MAX_BYTES, ArticleMaker, check, generate, html, write

SEED = 13
INPUTS = 500
"""About 300 of them mutated, the rest known-good."""
TIME_LIMIT_S = 60.0
"""Far above the ~2 s it takes: a bomb inflated or a superlinear reader would blow it."""
PEAK_MEMORY = 32 * 1024 * 1024
"""Python memory the whole run may allocate at its peak, once the HTML extractor has built its
caches: about 5 MB is measured; each bomb would take 64 MB inflated."""


def _warm_up_html_extraction() -> None:
    """trafilatura builds caches (about 30 MB) on its first page and first fallback page."""
    page = html(ArticleMaker(SEED).article())
    read_html("warm-up", page)
    with contextlib.suppress(NoMainTextError):
        read_html("warm-up", page[:400])


def test_fuzzed_inputs_never_stop_the_run_and_nothing_is_lost(tmp_path: Path) -> None:
    cases = generate(SEED, INPUTS)
    root = tmp_path / "corpus"
    write(cases, root)
    db = str(tmp_path / "fuzz.db")
    conn = api.open_store(db)
    _warm_up_html_extraction()
    started = time.monotonic()
    tracemalloc.start()
    try:
        report = api.ingest(conn, [str(root)], Settings(db_path=db, max_bytes=FUZZ_MAX_BYTES))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        conn.close()
    elapsed = time.monotonic() - started
    outcome = check(db, cases, root)
    assert len(outcome.mutations) >= 15, outcome.mutations
    assert sum(n for kind, n in outcome.mutations.items() if kind != "good") > 250
    assert outcome.good_expected > 300
    assert outcome.lost_good == [], f"good articles lost: {outcome.lost_good}"
    assert outcome.silent_inputs == [], (
        f"inputs with no article and no issue: {outcome.silent_inputs}"
    )
    assert report.skipped > 0
    assert elapsed < TIME_LIMIT_S
    assert peak < PEAK_MEMORY
