"""Fuzz ingest at scale: hostile inputs of every format beside known-good articles.

    .venv/bin/python bench/fuzz.py [--inputs 10000] [--seed 13] [--runs 1]

Generates the seeded corpus of ``tests/ingest/fuzz_corpus.py`` (truncations, byte flips,
decompression bombs, deep nesting, lone surrogates, huge numbers, impossible dates, junk, mixed
with good articles in every format), ingests it with ``dateline ingest`` in a child process per
run (so its peak memory and exit code are its own), and prints one table: inputs, good articles
stored and lost, inputs neither stored nor reported (silent drops), crashes (an exit code other
than 0 or 1), seconds and peak RSS. The issue asks for 0 crashes, 0 lost, 0 silent, under 1 GiB.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ingest.fuzz_corpus import FUZZ_MAX_BYTES, check, generate, write  # noqa: E402

RUN_TIME_LIMIT_S = 1800
"""A run that takes longer has hung (a bomb inflated, a superlinear reader): a crash."""


def run_once(inputs: int, seed: int) -> dict[str, object]:
    """One generated corpus through a child ``dateline ingest``; the figures of the table."""
    cases = generate(seed, inputs)
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        write(cases, corpus)
        db = str(Path(folder) / "fuzz.db")
        command = [
            sys.executable, "-m", "dateline.interfaces.cli", "ingest", str(corpus),
            "--db", db, "--max-bytes", str(FUZZ_MAX_BYTES),
        ]  # fmt: skip
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=RUN_TIME_LIMIT_S, check=False
            )
            code = done.returncode
        except subprocess.TimeoutExpired:
            code = -1
        seconds = time.perf_counter() - start
        peak_kib = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
        outcome = check(db, cases, corpus)
    return {
        "inputs": outcome.inputs,
        "mutated": outcome.inputs - outcome.mutations.get("good", 0),
        "good expected": outcome.good_expected,
        "good stored": outcome.good_stored,
        "good lost": len(outcome.lost_good),
        "silent inputs": len(outcome.silent_inputs),
        "crashes": 0 if code in (0, 1) else 1,
        "seconds": round(seconds, 1),
        "peak RSS MiB": round(peak_kib / 1024),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--runs", type=int, default=1, help="runs, each with the next seed")
    args = parser.parse_args(argv)
    rows = [run_once(args.inputs, args.seed + i) for i in range(args.runs)]
    names = list(rows[0])
    print("| seed | " + " | ".join(names) + " |")
    print("|---:|" + "---:|" * len(names))
    for i, row in enumerate(rows):
        print(f"| {args.seed + i} | " + " | ".join(str(row[name]) for name in names) + " |")
    failed = any(row["good lost"] or row["silent inputs"] or row["crashes"] for row in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
