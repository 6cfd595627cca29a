"""`dateline eval events --dataset ecbplus-dev|ecbplus-test`: event clustering against ECB+.

(``--dataset t17-stories|entities-stories|ecbplus-dev-stories`` scores story threading instead:
see dateline/eval/t17_stories.py.)

All documents of the split are clustered together (topics mixed) and scored against the gold
sub-topics (dateline.eval.ecbplus) with B-cubed and pairwise P/R/F1. Beside dateline's event
stage, the same run prints two baselines so every figure has a reference:

- TF-IDF average-link: cosine over TF-IDF of the whole text (English stop words, fitted on the
  split), agglomerative average-link clustering cut at a distance tuned on dev.
- TF-IDF + Markov clustering, as news-tls (Ghalandari & Ifrim 2020, ``TemporalMarkovClusterer``)
  describes it: a graph whose edges are the TF-IDF cosines between articles published at most
  one day apart (ECB+ documents mostly have no date, so most pairs are linked), clustered with
  MCL (expansion 2, inflation 2, self-loops of weight 1, pruning below 0.001). Written here from
  that description.

dateline reads each document through its own stages (clean, pubdate), so an article that
prints its date is dated; a second row withholds every date to show what content alone does.
Tune on dev only; test is report-only.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any, TextIO

import numpy as np
import numpy.typing as npt
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from dateline.eval import t17_stories
from dateline.eval.bench_data import DATASET_FORMAT
from dateline.eval.clustering import PRF, bcubed, pairwise
from dateline.eval.ecbplus import EcbDocument, load_split
from dateline.grouping.dense import available as dense_available
from dateline.grouping.events import EventState, assign_articles
from dateline.grouping.sparse import (
    DocumentFrequencies,
    article_counts,
    lead_text,
    weighted_unit_rows,
)
from dateline.model import Article, PublishedDate, RawDocument
from dateline.pipeline import prepare_article
from dateline.settings import Settings

DATASETS = {"ecbplus-dev": "dev", "ecbplus-test": "test"}
STORY_DATASETS = ("t17-stories", "entities-stories", "ecbplus-dev-stories")
"""Story separation (dateline.eval.t17_stories): t17 is report-only, the others for tuning."""
NOW = datetime(2025, 1, 1, tzinfo=UTC)
"""A fixed ingest time after every ECB+ document, so results do not depend on today's date."""
AVERAGE_LINK_DISTANCE = 0.74
"""Cosine distance at which the average-link tree is cut; tuned on ECB+ dev (best B3 F1)."""
MCL_INFLATION = 2.0
MCL_EXPANSION = 2
MCL_PRUNE = 1e-3
MCL_MAX_ITERATIONS = 100
MCL_MAX_DAYS = 1
"""news-tls links articles at most this many days apart (undated: linked)."""
DENSE_AVERAGE_LINK_DISTANCE = 0.5
"""Cosine distance at which the MiniLM average-link tree is cut; tuned on ECB+ dev."""
STREAM_ORDERS = 5
STREAM_BATCHES = 10
ANCHORS = "issue 5 anchors on test: TF-IDF average-link ~0.88 B3 F1, MiniLM ~0.84; goal >= 0.95"

Clusters = dict[str, str]
"""Document id -> cluster label."""


def register(evals: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``dateline eval events``."""
    parser = evals.add_parser(
        "events", help="event clustering against ECB+ sub-topics; stories against topics"
    )
    parser.add_argument(
        "--dataset", choices=sorted([*DATASETS, *STORY_DATASETS]), default="ecbplus-dev"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Cluster the split with every system and print the table (or JSON)."""
    if args.dataset in STORY_DATASETS:
        figures = t17_stories.run_dataset(args.dataset)
        text = t17_stories.render(figures)
    else:
        figures = score_split(DATASETS[args.dataset])
        figures["dataset"] = args.dataset
        text = render(figures)
    print(json.dumps(figures, sort_keys=True) if args.json else text, file=out)
    return 0


def score_split(split: str) -> dict[str, Any]:
    """Every system's B-cubed and pairwise figures on one split."""
    documents = load_split(split)
    gold = {doc.doc_id: doc.subtopic for doc in documents}
    systems: dict[str, Callable[[Sequence[EcbDocument]], Clusters]] = {
        "dateline": dateline_clusters,
        "dateline, dates withheld": lambda docs: dateline_clusters(docs, use_dates=False),
        "TF-IDF average-link": average_link_clusters,
        "TF-IDF + Markov clustering (news-tls)": markov_clusters,
    }
    if dense_available():
        systems["MiniLM average-link (dateline's numpy MiniLM, leads)"] = dense_average_link
    rows = {}
    predictions = {}
    for name, system in systems.items():
        predicted = predictions[name] = system(documents)
        rows[name] = _row(predicted, gold)
    streamed = streaming_figures(documents, gold, predictions["dateline"])
    return {
        "documents": len(documents),
        "gold_events": len(set(gold.values())),
        "systems": rows,
        "streaming": streamed,
    }


def _row(predicted: Clusters, gold: Clusters) -> dict[str, Any]:
    return {
        "clusters": len(set(predicted.values())),
        "bcubed": _prf(bcubed(predicted, gold)),
        "pairwise": _prf(pairwise(predicted, gold)),
    }


def streaming_figures(
    documents: Sequence[EcbDocument], gold: Clusters, batch: Clusters
) -> dict[str, Any]:
    """Order dependence: the documents arrive in ``STREAM_BATCHES`` batches in a random order
    (not date order), each placed against the events so far, as ``dateline ingest`` + ``build``
    does; ``STREAM_ORDERS`` orders. Agreement with the one-batch result (adjusted Rand index)
    and B3 F1 against gold, mean and worst."""
    articles = ecb_articles(documents)
    agreements, scores = [], []
    for seed in range(STREAM_ORDERS):
        order = list(articles)
        random.Random(seed).shuffle(order)
        streamed = streamed_clusters(order, STREAM_BATCHES)
        ids = sorted(batch)
        agreements.append(adjusted_rand_score([batch[i] for i in ids], [streamed[i] for i in ids]))
        scores.append(bcubed(streamed, gold).f1)
    return {
        "orders": STREAM_ORDERS,
        "batches": STREAM_BATCHES,
        "ari_with_batch_mean": float(np.mean(agreements)),
        "ari_with_batch_min": float(np.min(agreements)),
        "bcubed_f1_mean": float(np.mean(scores)),
        "bcubed_f1_min": float(np.min(scores)),
    }


def streamed_clusters(articles: Sequence[Article], batches: int) -> Clusters:
    """The event stage fed ``batches`` consecutive slices of ``articles``, growing document
    frequencies and events as the build does between runs."""
    frequencies = DocumentFrequencies.empty()
    states: list[EventState] = []
    size = -(-len(articles) // batches)
    for start in range(0, len(articles), size):
        chunk = articles[start : start + size]
        counts = article_counts(chunk)
        frequencies.add(counts)
        assign_articles(chunk, weighted_unit_rows(counts, frequencies.idf()), states)
    return {article_id: state.id for state in states for article_id in state.similarities}


def dense_average_link(
    documents: Sequence[EcbDocument], distance: float = DENSE_AVERAGE_LINK_DISTANCE
) -> Clusters:
    """MiniLM vectors of each document's lead, average-link clustering cut at ``distance``."""
    leads = [lead_text(a) for a in ecb_articles(documents)]
    vectors = t17_stories.cached_dense(leads).astype(np.float64)
    return _average_link(documents, vectors @ vectors.T, distance, "d")


def render(figures: dict[str, Any]) -> str:
    """The figures as a Markdown table."""
    lines = [
        f"{figures.get('dataset', '')}: {figures['documents']} documents, "
        f"{figures['gold_events']} true events (sub-topics), all topics clustered together",
        "| system | clusters | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in figures["systems"].items():
        b, p = row["bcubed"], row["pairwise"]
        lines.append(
            f"| {name} | {row['clusters']} | {b['p']:.3f} | {b['r']:.3f} | {b['f1']:.3f} "
            f"| {p['p']:.3f} | {p['r']:.3f} | {p['f1']:.3f} |"
        )
    streamed = figures.get("streaming")
    if streamed:
        lines.append(
            f"\nStreaming: {streamed['orders']} random arrival orders in {streamed['batches']} "
            f"batches each; agreement with one batch ARI mean {streamed['ari_with_batch_mean']:.3f}"
            f" (worst {streamed['ari_with_batch_min']:.3f}); B3 F1 mean "
            f"{streamed['bcubed_f1_mean']:.3f} (worst {streamed['bcubed_f1_min']:.3f})"
        )
    lines.append(ANCHORS)
    return "\n".join(lines)


def ecb_articles(documents: Sequence[EcbDocument], *, use_dates: bool = True) -> list[Article]:
    """Each document through dateline's clean and pubdate stages, keyed by its ECB+ id."""
    settings = Settings(now=NOW)
    articles = []
    for doc in documents:
        raw = RawDocument(path=doc.doc_id, text=doc.text, source_format=DATASET_FORMAT, url=doc.url)
        prepared = prepare_article(raw, settings)
        if not isinstance(prepared, Article):
            prepared = Article(id=doc.doc_id, path=doc.doc_id, text=doc.text, source_format="text")
        published = prepared.published if use_dates else PublishedDate()
        articles.append(dataclasses.replace(prepared, id=doc.doc_id, published=published))
    return articles


def dateline_clusters(documents: Sequence[EcbDocument], *, use_dates: bool = True) -> Clusters:
    """dateline's event stage over the documents, as one batch build."""
    return cluster_articles(ecb_articles(documents, use_dates=use_dates))


def cluster_articles(articles: Sequence[Article]) -> Clusters:
    """Run the event stage on articles without a store, as one batch; article id -> event id."""
    return streamed_clusters(articles, 1)


def _tfidf_cosines(documents: Sequence[EcbDocument]) -> npt.NDArray[np.float64]:
    vectors = TfidfVectorizer(stop_words="english").fit_transform([d.text for d in documents])
    cosines: npt.NDArray[np.float64] = np.asarray((vectors @ vectors.T).toarray())
    return cosines


def average_link_clusters(
    documents: Sequence[EcbDocument], distance: float = AVERAGE_LINK_DISTANCE
) -> Clusters:
    """TF-IDF cosine, average-link agglomerative clustering cut at ``distance``."""
    return _average_link(documents, _tfidf_cosines(documents), distance, "c")


def _average_link(
    documents: Sequence[EcbDocument],
    cosines: npt.NDArray[np.float64],
    distance: float,
    prefix: str,
) -> Clusters:
    """Average-link agglomerative clustering of the documents, cut at cosine ``distance``."""
    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=distance
    ).fit_predict(np.clip(1.0 - cosines, 0.0, None))
    return {doc.doc_id: f"{prefix}{label}" for doc, label in zip(documents, labels, strict=True)}


def markov_clusters(documents: Sequence[EcbDocument]) -> Clusters:
    """TF-IDF cosine graph of articles at most a day apart, clustered with MCL (news-tls)."""
    cosines = _tfidf_cosines(documents)
    days = [a.published.value for a in ecb_articles(documents)]
    graph = cosines * _within_days(days, MCL_MAX_DAYS)
    labels = markov_clustering(graph)
    return {doc.doc_id: f"c{label}" for doc, label in zip(documents, labels, strict=True)}


def _within_days(days: Sequence[date | None], limit: int) -> npt.NDArray[np.float64]:
    """1 where two articles are at most ``limit`` days apart or either is undated, else 0."""
    ordinal = np.array([d.toordinal() if d else 0 for d in days], dtype=np.float64)
    dated = np.array([d is not None for d in days])
    close = np.abs(ordinal[:, None] - ordinal[None, :]) <= limit
    mask: npt.NDArray[np.float64] = (close | ~dated[:, None] | ~dated[None, :]).astype(np.float64)
    return mask


def markov_clustering(graph: npt.NDArray[np.float64]) -> list[int]:
    """Markov clustering (van Dongen 2000) of a weighted graph; a cluster label per node.

    Flow is simulated on the column-stochastic matrix: expansion (matrix power) spreads it,
    inflation (element-wise power, renormalised) strengthens strong currents, until the
    matrix stops changing. Each attractor's row then lists its cluster.
    """
    size = graph.shape[0]
    flow = _column_normalise(np.maximum(graph, graph.T) + np.eye(size))
    for _ in range(MCL_MAX_ITERATIONS):
        previous = flow
        flow = np.linalg.matrix_power(flow, MCL_EXPANSION)
        flow = _column_normalise(np.power(flow, MCL_INFLATION))
        flow[flow < MCL_PRUNE] = 0.0
        flow = _column_normalise(flow)
        if np.allclose(flow, previous, atol=1e-9):
            break
    labels = [-1] * size
    for cluster, attractor in enumerate(np.flatnonzero(np.diag(flow) > 0)):
        for node in np.flatnonzero(flow[attractor] > 0):
            if labels[node] == -1:
                labels[node] = cluster
    return [label if label >= 0 else size + node for node, label in enumerate(labels)]


def _column_normalise(matrix: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    totals = matrix.sum(axis=0)
    totals[totals == 0] = 1.0
    normalised: npt.NDArray[np.float64] = matrix / totals
    return normalised


def _prf(score: PRF) -> dict[str, float]:
    return {"p": score.precision, "r": score.recall, "f1": score.f1}
