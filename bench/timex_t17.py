"""Robustness and speed of dateline's temporal tagger on real article text (Timeline17).

Usage: python bench/timex_t17.py [--limit N] [--data PATH]

Reads the first N article files (by path) of ../shared/bench-data/tls/timeline17_raw_tran2013.tar.gz
straight from the archive, tags each with ``dateline.dates.timex.tag`` against the date of its
InputDocs folder (the publication date), and prints how many were tagged without an error,
the expressions found and the rate. Nothing is scored: Timeline17 is a report-only split for
timeline summarisation and nothing here is tuned on it; this checks that ``tag`` does not raise
on long, messy, tokenised news text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import tarfile
import time
import traceback
from pathlib import Path

from dateline.dates.timex import tag
from dateline.eval.bench_data import BENCH_DATA

DATA = BENCH_DATA / "tls/timeline17_raw_tran2013.tar.gz"
_DAY_FOLDER = re.compile(r"/InputDocs/(\d{4}-\d\d-\d\d)/")


def main(argv: list[str] | None = None) -> int:
    """Tag the articles and print the table; 1 when any article raised."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=500, help="articles to tag")
    parser.add_argument("--data", type=Path, default=DATA, help="Timeline17 tarball")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"missing {args.data}: benchmark data absent")
        return 1
    articles: list[tuple[str, str, dt.date]] = []
    with tarfile.open(args.data) as archive:
        members = sorted(
            (m for m in archive.getmembers() if m.isfile() and _DAY_FOLDER.search(m.name)),
            key=lambda m: m.name,
        )
        for member in members[: args.limit]:
            handle = archive.extractfile(member)
            if handle is None:
                continue
            day = dt.date.fromisoformat(_DAY_FOLDER.search(member.name).group(1))  # type: ignore[union-attr]
            articles.append((member.name, handle.read().decode("utf-8", "replace"), day))
    failures = 0
    found = 0
    start = time.perf_counter()
    for name, text, day in articles:
        try:
            found += len(tag(text, day))
        except Exception:  # the point is to count and show every failure
            failures += 1
            print(f"FAILED {name}\n{traceback.format_exc()}")
    seconds = time.perf_counter() - start
    chars = sum(len(text) for _, text, _ in articles)
    print("| articles | failed | expressions | chars | seconds | articles/s | expressions/s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {len(articles)} | {failures} | {found} | {chars} | {seconds:.2f} "
        f"| {len(articles) / seconds:.0f} | {found / seconds:.0f} |"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
