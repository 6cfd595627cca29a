"""Throughput of every pipeline stage on the Timeline17 corpus (4,651 articles).

Usage: python bench/throughput.py [--limit N] [--tarball PATH] [--no-peer]

Reads ../shared/bench-data/tls/timeline17_raw_tran2013.tar.gz, unpacks it to a temporary
folder, runs each stage over all articles in turn (timing each), and prints articles/s per stage
and in total, plus peak memory (max resident set size of this process). "CPU s" is the
processor time of this process and of its finished worker processes over the stage (the
stages' worker pools end with each stage, so their time is counted): on a machine shared with
other jobs it moves much less than the wall time, so compare runs on it.

Two comparisons follow the table (issue 14's goals): the whole pipeline against itself without
its optional stages (entities and quotes, provenance, dense vectors: what ``build --skip
entities,provenance,dense`` leaves; here the sum of the other stages' rows of the same run, so
the cheap path's grouping is counted with dense vectors mixed in, a little more than it
costs), and, unless ``--no-peer``, spaCy's NER alone over the same stored texts, whole, on
every core (``nlp.pipe(n_process=...)``, the pinned en_core_web_sm with only its NER, as
dateline loads it): the peer every entity tool pays at least.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from dateline import api, pipeline
from dateline.clean import clean_document
from dateline.dates.published import date_article
from dateline.eval.bench_data import BENCH_DATA
from dateline.ingest import read_inputs
from dateline.model import Article, IngestIssue, RawDocument
from dateline.parallel import default_workers
from dateline.settings import Settings
from dateline.store import transaction
from dateline.store.articles import add_articles
from dateline.who.entities import load_nlp

DEFAULT_TARBALL = BENCH_DATA / "tls/timeline17_raw_tran2013.tar.gz"
OPTIONAL_STAGES = (
    "entities + quotes (build)",
    "provenance + flags (build)",
    "dense vectors (build)",
)
"""The rows ``build --skip entities,provenance,dense`` leaves out (the cheap path)."""
T = TypeVar("T")


Row = tuple[str, float, int, float]
"""A stage: label, wall seconds, articles, CPU seconds."""


def cpu_seconds() -> float:
    """User and system time of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label: str, rows: list[Row], count: int, work: Callable[[], T]) -> T:
    """Run ``work``, record its wall and CPU time for ``count`` articles under ``label``."""
    start, cpu = time.perf_counter(), cpu_seconds()
    result = work()
    seconds = time.perf_counter() - start
    rows.append((label, seconds, count, cpu_seconds() - cpu))
    print(f"  done: {label} in {seconds:.1f} s", file=sys.stderr, flush=True)
    return result


def run(inputs: list[str], db: str, limit: int | None) -> tuple[list[Row], list[str]]:
    """Each stage over the corpus, in pipeline order; returns (stage, seconds, articles, CPU)
    of each and the stored articles' texts."""
    settings = Settings(db_path=db, now=datetime.now(UTC))
    rows: list[Row] = []
    items = timed(
        "ingest (read + detect + decode)", rows, 0, lambda: list(read_inputs(inputs, settings))
    )
    raws = [item for item in items if isinstance(item, RawDocument)][:limit]
    n = len(raws)
    rows[-1] = (rows[-1][0], rows[-1][1], n, rows[-1][3])
    cleaned = timed("clean", rows, n, lambda: [clean_document(raw) for raw in raws])
    dated = timed("pubdate", rows, n, lambda: [date_article(c, now=settings.now) for c in cleaned])
    prepared = timed(
        "dedup + language",
        rows,
        n,
        lambda: [pipeline.assemble_article(doc, published) for published, doc in dated],
    )
    articles = [a for a in prepared if isinstance(a, Article)]
    conn = api.open_store(db)

    def store() -> None:
        for start in range(0, len(articles), pipeline.BATCH_SIZE):
            with transaction(conn):
                add_articles(conn, articles[start : start + pipeline.BATCH_SIZE])

    timed("store", rows, n, store)
    timed("times (build)", rows, n, lambda: pipeline.tag_times(conn))
    timed("entities + quotes (build)", rows, n, lambda: pipeline.find_who_said(conn))
    timed("provenance + flags (build)", rows, n, lambda: pipeline.find_provenance(conn))
    timed("dense vectors (build)", rows, n, lambda: pipeline.embed_leads(conn))
    timed("embed + events + stories (build)", rows, n, lambda: api.build(conn))
    timed("timeline (document)", rows, n, lambda: api.timeline_document(conn))
    skipped = len(items) - n if limit is None else sum(isinstance(i, IngestIssue) for i in items)
    print(f"articles: {n} read, {len(articles)} kept, {skipped} inputs skipped (empty files)")
    events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    print(f"stored articles: {stored}; events: {events}")
    return rows, [article.text for article in articles]


def spacy_ner_alone(texts: list[str]) -> Row:
    """spaCy's NER over the whole of every text on every core: the peer's row."""
    nlp = load_nlp()
    processes = default_workers()

    def work() -> int:
        return sum(len(doc) for doc in nlp.pipe(texts, batch_size=32, n_process=processes))

    rows: list[Row] = []
    tokens = timed(f"spaCy NER alone, whole texts, {processes} processes", rows, len(texts), work)
    print(f"spaCy read {tokens:,} tokens", file=sys.stderr)
    return rows[0]


def print_comparisons(rows: list[Row], peer: Row | None) -> None:
    """The whole pipeline against its cheap path and against spaCy's NER alone."""
    total = sum(row[1] for row in rows)
    cpu = sum(row[3] for row in rows)
    cheap = [row for row in rows if row[0] not in OPTIONAL_STAGES]
    cheap_s, cheap_cpu = sum(row[1] for row in cheap), sum(row[3] for row in cheap)
    count = max(row[2] for row in rows)
    print("\n| run | seconds | articles/s | CPU s | time of every stage / this |")
    print("|---|---:|---:|---:|---:|")
    print(f"| dateline, every stage | {total:.2f} | {count / total:,.1f} | {cpu:.2f} | 1.00 |")
    print(
        f"| dateline without entities, provenance, dense (same run) | {cheap_s:.2f} | "
        f"{count / cheap_s:,.1f} | {cheap_cpu:.2f} | {total / cheap_s:.2f} |"
    )
    if peer is not None:
        label, seconds, n, used = peer
        print(
            f"| {label} | {seconds:.2f} | {n / seconds:,.1f} | {used:.2f} | {total / seconds:.2f} |"
        )


def print_table(rows: list[Row]) -> None:
    """The table in docs/BENCHMARKS.md."""
    total = sum(row[1] for row in rows)
    cpu = sum(row[3] for row in rows)
    count = max(row[2] for row in rows)
    print("| stage | seconds | articles/s | CPU s |")
    print("|---|---:|---:|---:|")
    for label, seconds, n, used in rows:
        rate = n / seconds if seconds else float("inf")
        print(f"| {label} | {seconds:.2f} | {rate:,.1f} | {used:.2f} |")
    print(f"| **total** | **{total:.2f}** | **{count / total:,.1f}** | **{cpu:.2f}** |")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS): {peak_mib:,.0f} MiB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, default=DEFAULT_TARBALL)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--no-peer", action="store_true", help="skip spaCy's NER alone")
    args = parser.parse_args()
    if not args.tarball.exists():
        print(f"missing {args.tarball}: this benchmark needs ../shared/bench-data", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(args.tarball) as archive:
            archive.extractall(tmp, filter="data")
        corpus = Path(tmp) / "Timeline17"
        inputs = sorted(str(p) for p in corpus.glob("*/InputDocs"))
        print(f"corpus: {args.tarball.name}, {len(inputs)} topic folders")
        rows, texts = run(inputs, str(Path(tmp) / "bench.db"), args.limit)
    print_table(rows)
    peer = None if args.no_peer else spacy_ner_alone(texts)
    print_comparisons(rows, peer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
