"""Growth of the event build with corpus size: 1k, 5k and 20k articles.

Usage: python bench/events.py [--sizes 1000 5000 20000] [--tarball PATH] [--stories-only]

Reads the Timeline17 articles (../shared/bench-data/tls/timeline17_raw_tran2013.tar.gz, about
4,600 distinct articles), prepares them once (clean, pubdate, dedup), and for each size stores
that many articles in a fresh store, with each article's dense lead vector (embedded once per
distinct article, untimed), and times ``build`` without the entity and provenance stages (times,
embed, events, describe, stories). Sizes above
the corpus repeat it: copy k has every publication date shifted by k * SHIFT_DAYS (so copies do
not share time windows, as later years of news would not) and a distinct id. Prints seconds,
articles/s, events, then the seconds to thread the stored events into stories
(dateline/grouping/stories.py,
from the stored event centroids), and the time ratios to the previous size beside the size ratio:
linear growth gives equal ratios, quadratic growth the size ratio squared.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import numpy.typing as npt

from dateline import api, pipeline
from dateline.eval import t17_stories
from dateline.eval.bench_data import BENCH_DATA
from dateline.grouping.dense import MODEL_NAME, available
from dateline.grouping.sparse import lead_text
from dateline.grouping.stories import SPARSE_ONLY, StoryIndex, inputs_from_stored
from dateline.ingest import read_inputs
from dateline.model import Article, PublishedDate, RawDocument
from dateline.settings import Settings
from dateline.store import transaction
from dateline.store.articles import add_articles
from dateline.store.embeddings import save_embeddings
from dateline.store.events import load_events

DEFAULT_TARBALL = BENCH_DATA / "tls/timeline17_raw_tran2013.tar.gz"
SKIP_ALL = ("entities", "provenance", "dense")
SHIFT_DAYS = 3 * 365
"""Each repeated copy of the corpus moves this far in time (T17 spans under three years)."""


def load_corpus(tarball: Path) -> list[Article]:
    """Every distinct T17 article, prepared by dateline's per-article stages."""
    settings = Settings(now=datetime(2030, 1, 1, tzinfo=UTC), progress=False)
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp, filter="data")
        inputs = sorted(str(p) for p in (Path(tmp) / "Timeline17").glob("*/InputDocs"))
        raws = [item for item in read_inputs(inputs, settings) if isinstance(item, RawDocument)]
        prepared = [pipeline.prepare_article(raw, settings) for raw in raws]
    distinct = {a.id: a for a in prepared if isinstance(a, Article)}
    return list(distinct.values())


def sample(corpus: list[Article], size: int) -> list[Article]:
    """``size`` articles: the corpus in order, repeated with shifted dates as needed."""
    picked = []
    for n in range(size):
        copy, article = divmod(n, len(corpus))
        picked.append(_shifted(corpus[article], copy))
    return picked


def _shifted(article: Article, copy: int) -> Article:
    if copy == 0:
        return article
    day = article.published.value
    published = (
        dataclasses.replace(article.published, value=day + timedelta(days=copy * SHIFT_DAYS))
        if day is not None
        else PublishedDate()
    )
    return dataclasses.replace(article, id=f"{article.id}-{copy}", published=published)


@dataclass(frozen=True)
class Timing:
    """One size's figures: build seconds and events, story threading seconds and stories."""

    build_seconds: float
    events: int
    story_seconds: float
    stories: int


def time_build(articles: list[Article], leads: dict[str, npt.NDArray[np.float32]]) -> Timing:
    """Store the articles in a fresh store with their dense vectors (untimed: embedding costs
    the same per article at every size, see bench/throughput.py), time one batch build without
    the entity and provenance stages (times, events, stories with dense vectors), then time
    story threading again from the stored events (sparse centroids only)."""
    with tempfile.TemporaryDirectory() as tmp:
        conn = api.open_store(str(Path(tmp) / "bench.db"))
        for start in range(0, len(articles), pipeline.BATCH_SIZE):
            chunk = articles[start : start + pipeline.BATCH_SIZE]
            with transaction(conn):
                add_articles(conn, chunk)
                if leads:
                    vectors = {a.id: leads[a.id.split("-")[0]] for a in chunk}
                    save_embeddings(conn, vectors, MODEL_NAME)
        began = time.perf_counter()
        report = api.build(conn, skip=("entities", "provenance") if leads else SKIP_ALL)
        seconds = time.perf_counter() - began
        inputs = inputs_from_stored(load_events(conn))
        conn.close()
    began = time.perf_counter()
    index = StoryIndex()
    index.add(inputs, SPARSE_ONLY)
    story_seconds = time.perf_counter() - began
    return Timing(seconds, report.events_total, story_seconds, len(index.states()))


def time_stories_only(articles: list[Article]) -> Timing:
    """Without a store: embed and group the articles (timed), then time story threading."""
    began = time.perf_counter()
    states = t17_stories.event_states(t17_stories.embed_articles(articles))
    seconds = time.perf_counter() - began
    inputs = t17_stories.story_inputs(states)
    began = time.perf_counter()
    index = StoryIndex()
    index.add(inputs, SPARSE_ONLY)
    story_seconds = time.perf_counter() - began
    return Timing(seconds, len(states), story_seconds, len(index.states()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, default=DEFAULT_TARBALL)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument(
        "--stories-only",
        action="store_true",
        help="no store: time embed + events in memory (the 'build s' column), then stories",
    )
    args = parser.parse_args()
    if not args.tarball.exists():
        print(f"missing {args.tarball}: this benchmark needs ../shared/bench-data", file=sys.stderr)
        return 2
    corpus = load_corpus(args.tarball)
    print(f"corpus: {len(corpus)} distinct Timeline17 articles, copies shifted {SHIFT_DAYS} days")
    leads: dict[str, npt.NDArray[np.float32]] = {}
    if available() and not args.stories_only:
        vectors = t17_stories.cached_dense([lead_text(a) for a in corpus])
        leads = {a.id: row for a, row in zip(corpus, vectors, strict=True)}
    print(
        "| articles | build s | articles/s | events | stories s | stories "
        "| size ratio | build time ratio | stories time ratio |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    previous: tuple[int, Timing] | None = None
    for size in args.sizes:
        picked = sample(corpus, size)
        timing = time_stories_only(picked) if args.stories_only else time_build(picked, leads)
        ratios = (
            f"{size / previous[0]:.1f} | {timing.build_seconds / previous[1].build_seconds:.1f} "
            f"| {timing.story_seconds / previous[1].story_seconds:.1f}"
            if previous
            else "- | - | -"
        )
        print(
            f"| {size:,} | {timing.build_seconds:.2f} | {size / timing.build_seconds:,.0f} "
            f"| {timing.events:,} | {timing.story_seconds:.2f} | {timing.stories:,} | {ratios} |"
        )
        previous = (size, timing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
