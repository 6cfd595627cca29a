"""Where the public benchmark data lives: ``../shared/bench-data`` beside the repository.

It is read in place at run time and never copied into the project.
"""

from __future__ import annotations

from pathlib import Path

BENCH_DATA = Path(__file__).resolve().parents[3] / "shared" / "bench-data"

DATASET_FORMAT = "dataset"
"""``RawDocument.source_format`` of a benchmark document whose body is a dataset field: clean
text, as a JSON field is, so the clean stage neither reads it as a page dump nor takes its first
line as the headline (a plain-text file gets both)."""
