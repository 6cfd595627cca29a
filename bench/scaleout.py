"""Scale-out: articles/s of the per-article stages, locally and on a Dask LocalCluster.

Usage: python bench/scaleout.py [--limit N] [--tarball PATH]

Reads the first N Timeline17 articles (../shared/bench-data/tls/timeline17_raw_tran2013.tar.gz,
unpacked to a temporary folder as bench/throughput.py does) and runs the per-article stages,
ingest's prepare (clean + dates), times, entities + quotes and dense vectors, through
``parallel.Workers`` four ways: local with 1 and 2 processes, and on a
``distributed.LocalCluster`` with 1 and 2 worker processes (one thread each). Each way starts
from the same stored articles and must store the same results (checked). Models are loaded
before timing, here and on the cluster's workers, as in a long-lived cluster; the cluster's
start is not timed. Prints one row per way and the speed-ups over local 1 process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tarfile
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from dateline import api, pipeline
from dateline.eval.bench_data import BENCH_DATA
from dateline.grouping.dense import encoder
from dateline.ingest import read_inputs
from dateline.model import Article, RawDocument
from dateline.parallel import Workers
from dateline.settings import Settings
from dateline.store import transaction
from dateline.store.articles import add_articles
from dateline.who.entities import load_nlp

DEFAULT_TARBALL = BENCH_DATA / "tls/timeline17_raw_tran2013.tar.gz"
STAGES = ("prepare", "times", "entities + quotes", "dense")
RESULT_TABLES = ("article_times", "entity_mentions", "quotes", "article_embeddings")


def _load_models() -> None:
    """spaCy and MiniLM in this process (run here, and on each cluster worker)."""
    load_nlp()
    encoder()


def run_way(
    pool: Workers, raws: list[RawDocument], template: Path, db: Path, settings: Settings
) -> tuple[dict[str, float], dict[str, int]]:
    """The per-article stages through ``pool`` on a copy of the stored articles: seconds per
    stage, and the rows each result table holds (to check every way stores the same)."""
    shutil.copy(template, db)
    conn = api.open_store(str(db))
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    pool.map(pipeline._prepare, [(raw, settings) for raw in raws])
    seconds["prepare"] = time.perf_counter() - start
    for stage, work in (
        ("times", pipeline.tag_times),
        ("entities + quotes", pipeline.find_who_said),
        ("dense", pipeline.embed_leads),
    ):
        start = time.perf_counter()
        work(conn, pool)
        seconds[stage] = time.perf_counter() - start
    rows = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in RESULT_TABLES}
    conn.close()
    return seconds, rows


def store_articles(raws: list[RawDocument], settings: Settings, db: Path) -> int:
    """The prepared articles stored once, the starting point of every way."""
    articles = [
        a for a in map(pipeline._prepare, ((r, settings) for r in raws)) if isinstance(a, Article)
    ]
    conn = api.open_store(str(db))
    with transaction(conn):
        add_articles(conn, articles)
    conn.close()
    return len(articles)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, default=DEFAULT_TARBALL)
    parser.add_argument("--limit", type=int, default=300, help="the first N articles (300)")
    args = parser.parse_args()
    if not args.tarball.exists():
        print(f"missing {args.tarball}: this benchmark needs ../shared/bench-data", file=sys.stderr)
        return 2
    try:
        import distributed  # noqa: PLC0415 - the bench's one optional part
    except ImportError:
        print("dask/distributed are not installed (make install)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(args.tarball) as archive:
            archive.extractall(tmp, filter="data")
        inputs = sorted(str(p) for p in (Path(tmp) / "Timeline17").glob("*/InputDocs"))
        settings = Settings(now=datetime.now(UTC))
        items = read_inputs(inputs, settings)
        raws = [item for item in items if isinstance(item, RawDocument)][: args.limit]
        template = Path(tmp) / "template.db"
        kept = store_articles(raws, settings, template)
        print(f"{len(raws)} Timeline17 articles read, {kept} stored; load {_load()}", flush=True)
        _load_models()  # local workers fork after this, as a build's do
        results: list[tuple[str, dict[str, float], dict[str, int]]] = []
        for workers in (1, 2):
            with Workers(workers) as pool:
                seconds, rows = run_way(
                    pool, raws, template, Path(tmp) / f"l{workers}.db", settings
                )
            results.append(
                (f"local, {workers} process{'es' if workers > 1 else ''}", seconds, rows)
            )
            print(f"  done: {results[-1][0]}; load {_load()}", file=sys.stderr, flush=True)
        for workers in (1, 2):
            with distributed.LocalCluster(
                n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=None
            ) as cluster:
                with distributed.Client(cluster) as client:
                    client.run(_load_models)  # a long-lived cluster has its models loaded
                with Workers(scheduler=cluster.scheduler_address) as pool:
                    db = Path(tmp) / f"c{workers}.db"
                    seconds, rows = run_way(pool, raws, template, db, settings)
            label = f"Dask LocalCluster, {workers} worker{'s' if workers > 1 else ''}"
            results.append((label, seconds, rows))
            print(f"  done: {label}; load {_load()}", file=sys.stderr, flush=True)
    print_table(results, len(raws))
    return 0


def print_table(results: list[tuple[str, dict[str, float], dict[str, int]]], n: int) -> None:
    """The table in docs/BENCHMARKS.md: articles/s per stage and in all, speed-up over the
    first way; every way must have stored the same number of result rows."""
    base = sum(results[0][1].values())
    print(f"\n| way ({n} articles) | " + " | ".join(STAGES) + " | all per-article | speed-up |")
    print("|---|" + "---:|" * (len(STAGES) + 2))
    for label, seconds, _ in results:
        total = sum(seconds.values())
        rates = " | ".join(f"{n / seconds[stage]:,.1f}" for stage in STAGES)
        print(f"| {label} | {rates} | {n / total:,.1f} | {base / total:.2f}x |")
    counts = {label: rows for label, _, rows in results}
    same = len({tuple(sorted(rows.items())) for rows in counts.values()}) == 1
    print(f"\nresult rows {results[0][2]}: {'the same' if same else 'DIFFERENT'} in every way")
    print(f"load after: {_load()}")


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
