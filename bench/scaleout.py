"""Scale-out: articles/s of the per-article stages, locally and on a Dask LocalCluster.

Usage: python bench/scaleout.py [--limit N] [--tarball PATH]

Reads the first N Timeline17 articles (../shared/bench-data/tls/timeline17_raw_tran2013.tar.gz,
unpacked to a temporary folder as bench/throughput.py does) and runs the per-article stages,
ingest's prepare (clean + dates), times, entities + quotes and dense vectors, through
``parallel.Workers`` four ways: local with 1 and 2 processes, and on a
``distributed.LocalCluster`` with 1 and 2 worker processes (one thread each). Each way runs in
a fresh process from the same stored articles and must store the same results (checked). The
four ways run in turn, ``--rounds`` times, and each stage's best time counts: on a shared
machine a neighbour's load spike then hits one round, not one way. Models are loaded
before timing, here and on the cluster's workers, as in a long-lived cluster; the cluster's
start is not timed. Prints one row per way and the speed-ups over local 1 process.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
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
from dateline.who.stage import who_said

DEFAULT_TARBALL = BENCH_DATA / "tls/timeline17_raw_tran2013.tar.gz"
STAGES = ("prepare", "times", "entities + quotes", "dense")
RESULT_TABLES = ("article_times", "entity_mentions", "quotes", "article_embeddings")


WARM_UP = (
    'Talks in Geneva ended on Wednesday. "We agreed on nothing," said Maria Lopez, the '
    "negotiator for Spain, adding that a vote would follow on 3 May."
)


def _load_models() -> None:
    """spaCy and MiniLM loaded and run once in this process (here, and on each cluster worker):
    the first document through each also pays lazy set-up, which a long-lived worker has paid."""
    load_nlp()
    who_said(WARM_UP)
    encoder().encode([WARM_UP])


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


def read_raws(corpus: Path, limit: int, settings: Settings) -> list[RawDocument]:
    inputs = sorted(str(p) for p in corpus.glob("*/InputDocs"))
    return [i for i in read_inputs(inputs, settings) if isinstance(i, RawDocument)][:limit]


def child(way: str, corpus: Path, limit: int) -> None:
    """One way in this fresh process (``--child``), its figures as JSON on standard output.

    Each way runs in its own process, so none inherits what another warmed (spaCy's and the
    role tables' caches hold the same texts' results after one way)."""
    kind, workers = way.split(":")
    settings = Settings(now=NOW)
    raws = read_raws(corpus, limit, settings)
    db = corpus.parent / f"{kind}{workers}.db"
    if kind == "local":
        _load_models()  # local workers fork after this, as a build's do
        with Workers(int(workers)) as pool:
            seconds, rows = run_way(pool, raws, corpus.parent / "template.db", db, settings)
    else:
        import distributed  # noqa: PLC0415 - the bench's one optional part

        with distributed.LocalCluster(
            n_workers=int(workers), processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster:
            with distributed.Client(cluster) as client:
                client.run(_load_models)  # a long-lived cluster has its models loaded
            with Workers(scheduler=cluster.scheduler_address) as pool:
                seconds, rows = run_way(pool, raws, corpus.parent / "template.db", db, settings)
    print(json.dumps({"seconds": seconds, "rows": rows}))


WAYS = {
    "local:1": "local, 1 process",
    "local:2": "local, 2 processes",
    "cluster:1": "Dask LocalCluster, 1 worker",
    "cluster:2": "Dask LocalCluster, 2 workers",
}
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, default=DEFAULT_TARBALL)
    parser.add_argument("--limit", type=int, default=300, help="the first N articles (300)")
    parser.add_argument("--rounds", type=int, default=2, help="best of this many rounds (2)")
    parser.add_argument("--child", choices=sorted(WAYS), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.corpus, args.limit)
        return 0
    if not args.tarball.exists():
        print(f"missing {args.tarball}: this benchmark needs ../shared/bench-data", file=sys.stderr)
        return 2
    if importlib.util.find_spec("distributed") is None:
        print("dask/distributed are not installed (make install)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(args.tarball) as archive:
            archive.extractall(tmp, filter="data")
        corpus = Path(tmp) / "Timeline17"
        settings = Settings(now=NOW)
        raws = read_raws(corpus, args.limit, settings)
        kept = store_articles(raws, settings, Path(tmp) / "template.db")
        print(f"{len(raws)} Timeline17 articles read, {kept} stored; load {_load()}", flush=True)
        results: dict[str, tuple[dict[str, float], dict[str, int], list[float]]] = {}
        for round_ in range(args.rounds):  # the ways interleaved, so load spikes hit them alike
            for way, label in WAYS.items():
                command = [sys.executable, __file__, "--child", way, "--corpus", str(corpus)]
                done = subprocess.run(
                    [*command, "--limit", str(args.limit)],
                    check=True,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                found = json.loads(done.stdout.strip().splitlines()[-1])
                seconds, rows = found["seconds"], found["rows"]
                best, first_rows, loads = results.setdefault(label, (seconds, rows, []))
                for stage, value in seconds.items():
                    best[stage] = min(best[stage], value)
                loads.append(os.getloadavg()[0])
                if rows != first_rows:
                    print(f"{label}: result rows differ between rounds", file=sys.stderr)
                print(f"  round {round_ + 1}: {label}; load {_load()}", file=sys.stderr)
    print_table([(label, *value) for label, value in results.items()], len(raws))
    return 0


def print_table(
    results: list[tuple[str, dict[str, float], dict[str, int], list[float]]], n: int
) -> None:
    """The table in docs/BENCHMARKS.md: articles/s per stage (best round) and in all, speed-up
    over the first way, the load beside each; every way must store the same result rows."""
    base = sum(results[0][1].values())
    head = " | ".join(STAGES)
    print(f"\n| way ({n} articles) | {head} | all per-article | speed-up | load (1 min) |")
    print("|---|" + "---:|" * (len(STAGES) + 3))
    for label, seconds, _, loads in results:
        total = sum(seconds.values())
        rates = " | ".join(f"{n / seconds[stage]:,.1f}" for stage in STAGES)
        load = "-".join(f"{value:.1f}" for value in (min(loads), max(loads)))
        print(f"| {label} | {rates} | {n / total:,.1f} | {base / total:.2f}x | {load} |")
    counts = {label: rows for label, _, rows, _ in results}
    same = len({tuple(sorted(rows.items())) for rows in counts.values()}) == 1
    print(f"\nresult rows {results[0][2]}: {'the same' if same else 'DIFFERENT'} in every way")
    print(f"load after: {_load()}")


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
