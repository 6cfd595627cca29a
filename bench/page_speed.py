"""How fast page dumps go through ingest, clean and dates: one process and every core.

    .venv/bin/python bench/page_speed.py [--split tune] [--renderer browser] [--repeat 3]

Renders the split's pages to text files (``dateline.eval.render``) in a temporary folder, then
times, on the same files in one run:

* ``dateline ingest`` as a user runs it (read, detect, decode, clean, date, store), in one
  process and on every core (reading is one stream; preparing runs on ``Settings.workers``);
* the per-article stages alone (clean + dates) in one process, and spread over every core with
  a process pool: what ingest would reach if reading and storing cost nothing.

The issue's goal is 300 pages/s on 2 cores for ingest + clean + dates. Each row also gives the
CPU time of every process (this one and its workers, user + system) per page: on a machine other
work keeps busy, wall-clock rates drop with the load, CPU time much less.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from dateline import api
from dateline.clean import clean_document
from dateline.dates.published import date_article
from dateline.eval.pages_data import load_pages
from dateline.eval.render import RENDERERS, render
from dateline.model import RawDocument
from dateline.settings import Settings

NOW = datetime(2030, 1, 1, tzinfo=UTC)


def prepare(texts: list[str]) -> int:
    """Clean and date each text; the count of dated pages (so the work cannot be skipped)."""
    dated = 0
    for i, text in enumerate(texts):
        raw = RawDocument(path=f"{i}.txt", text=text, source_format="text")
        published, _ = date_article(clean_document(raw), now=NOW)
        dated += published.value is not None
    return dated


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _chunks(texts: list[str], parts: int) -> list[list[str]]:
    return [texts[i::parts] for i in range(parts)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="tune", choices=("tune", "report"))
    parser.add_argument("--renderer", default="browser", choices=RENDERERS)
    parser.add_argument("--repeat", type=int, default=3, help="copies of each page (speed only)")
    args = parser.parse_args(argv)
    pages = load_pages(args.split)
    texts = [render(page.html, args.renderer) for page in pages] * args.repeat
    cores = os.cpu_count() or 1
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for i, text in enumerate(texts):
            Path(folder, f"page-{i:05d}.txt").write_text(f"{text}\n<!-- copy {i} -->", "utf-8")
        for workers in (1, cores):
            conn = api.open_store(str(Path(folder, f"bench-{workers}.db")))
            start, cpu = time.perf_counter(), _cpu()
            api.ingest(conn, [folder], Settings(now=NOW, progress=False, workers=workers))
            label = "1 process" if workers == 1 else f"{workers} processes"
            rows.append(
                (
                    f"ingest (read, clean, dates, store), {label}",
                    time.perf_counter() - start,
                    _cpu() - cpu,
                )
            )
    start, cpu = time.perf_counter(), _cpu()
    prepare(texts)
    rows.append(("clean + dates, 1 process", time.perf_counter() - start, _cpu() - cpu))
    start, cpu = time.perf_counter(), _cpu()
    with ProcessPoolExecutor(cores) as pool:
        list(pool.map(prepare, _chunks(texts, cores)))
    rows.append((f"clean + dates, {cores} processes", time.perf_counter() - start, _cpu() - cpu))
    mean_lines = sum(text.count("\n") for text in texts) / max(len(texts), 1)
    print(
        f"{len(texts)} page dumps ({args.split} split, {args.renderer} rendering, "
        f"{mean_lines:.0f} lines each on average), {cores} cores"
    )
    print("| what | seconds | pages/s | CPU ms a page |")
    print("|---|---:|---:|---:|")
    for label, seconds, cpu in rows:
        rate, cpu_ms = len(texts) / seconds, cpu * 1000 / len(texts)
        print(f"| {label} | {seconds:.2f} | {rate:.0f} | {cpu_ms:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
