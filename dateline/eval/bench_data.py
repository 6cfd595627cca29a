"""Where the public benchmark data lives: ``../shared/bench-data`` beside the repository.

It is read in place at run time and never copied into the project.
"""

from __future__ import annotations

from pathlib import Path

BENCH_DATA = Path(__file__).resolve().parents[3] / "shared" / "bench-data"
