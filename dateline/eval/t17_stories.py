"""Story separation: thread a mixed pile of articles into stories and score them against topics.

`dateline eval events --dataset t17-stories|entities-stories|ecbplus-dev-stories` puts every
article of a benchmark into one run (topics mixed), through dateline's stages as a build does
(prepare_article: clean and pubdate; embed; events; stories), and scores the stories against
the benchmark's topics with B-cubed P/R/F1 and the adjusted Rand index:

- Timeline17 (Tran et al. 2013): 9 topics (oil spill, Egypt, the financial crisis, swine flu,
  Haiti, Iraq, Libya, Michael Jackson, Syria). Report-only: never tune on it.
- news-tls entities (Gholipour Ghalandari and Ifrim 2020): the 13 topics with articles, each a
  public figure. For tuning.
- ECB+ dev: the documents of a topic (two events of one kind) are one story. For tuning.

Each article keeps the publication date the benchmark gives it (the T17 folder date, the
news-tls ``time``): a build would read it from the page's metadata.

Beside dateline, the same run scores two baselines over the same article vectors:

- BERTopic-style: TruncatedSVD to ``SVD_DIMENSIONS`` dimensions, rows scaled to unit length,
  HDBSCAN (sklearn) with BERTopic's defaults (min_cluster_size 10, euclidean, leaf selection
  off). BERTopic itself needs sentence-transformers and torch, which dateline cannot depend on;
  UMAP is replaced by SVD for the same reason (no numba). Its outliers form topic -1, as in
  BERTopic; a second row shows them as singletons.
- TF-IDF + Markov clustering as news-tls clusters articles (see dateline/eval/events_cli.py):
  a TF-IDF cosine graph of articles at most a day apart, MCL; computed here on a sparse graph.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.cluster import HDBSCAN
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import normalize

from dateline.eval.bench_data import DATASET_FORMAT
from dateline.eval.clustering import bcubed, pairwise
from dateline.eval.ecbplus import load_split
from dateline.eval.tls_data import DATA, Collection, load_dataset
from dateline.grouping.dense import MODEL_SHA256, embed_texts
from dateline.grouping.dense import available as dense_available
from dateline.grouping.events import EventState, assign_articles
from dateline.grouping.sparse import (
    DocumentFrequencies,
    article_counts,
    lead_text,
    weighted_unit_rows,
)
from dateline.grouping.stories import (
    SPARSE_ONLY,
    WITH_DENSE,
    StoryIndex,
    StoryInput,
    distinct_terms,
    feature_labels,
    story_vector,
)
from dateline.model import Article, PublishedDate, RawDocument
from dateline.pipeline import prepare_article
from dateline.settings import Settings

logger = logging.getLogger(__name__)

NOW = datetime(2030, 1, 1, tzinfo=UTC)
"""A fixed ingest time after every benchmark article."""
CACHE_VARIABLE = "DATELINE_BENCH_CACHE"
SVD_DIMENSIONS = 100
REDUCED_DIMENSIONS = 5
"""BERTopic reduces its embeddings to 5 dimensions (UMAP's n_components) before HDBSCAN."""
HDBSCAN_MIN_CLUSTER_SIZE = 10
"""BERTopic's default ``min_topic_size``."""
MCL_MAX_DAYS = 1
MCL_INFLATION = 2.0
MCL_PRUNE = 1e-3
MCL_MAX_ITERATIONS = 100
SEED = 0
LARGEST_STORIES = 12
"""Stories listed under the table, largest first."""
STORY_LABEL_ARTICLES = 40
"""Articles per listed story whose features are named (naming costs a second feature pass)."""

Clusters = dict[str, str]


@dataclass(frozen=True)
class TopicDocument:
    """One benchmark article with the topic (gold story) it belongs to."""

    doc_id: str
    topic: str
    text: str
    title: str = ""
    published: date | None = None


def t17_documents(data: Path | None = None) -> list[TopicDocument]:
    """Every non-empty Timeline17 article, its topic one of news-tls's 9."""
    collections, _ = load_dataset("t17", data or DATA)
    return _from_collections(collections)


def entities_documents(data: Path | None = None) -> list[TopicDocument]:
    """Every article of the 13 news-tls entities topics that have articles."""
    collections, _ = load_dataset("entities", data or DATA)
    return _from_collections(collections)


def ecbplus_documents(split: str = "dev") -> list[TopicDocument]:
    """ECB+ documents of a split, a topic (two events of one kind) as the gold story."""
    return [TopicDocument(d.doc_id, d.topic, d.text) for d in load_split(split)]


def _from_collections(collections: Sequence[Collection]) -> list[TopicDocument]:
    documents = []
    for collection in collections:
        for article in collection.articles:
            documents.append(
                TopicDocument(
                    doc_id=f"{collection.topic}/{article.id}",
                    topic=collection.topic,
                    text=article.text,
                    title=article.title,
                    published=article.published,
                )
            )
    return documents


def prepared_articles(documents: Sequence[TopicDocument]) -> list[Article]:
    """Each document through clean and pubdate, keyed by its id, with the benchmark's date."""
    settings = Settings(now=NOW, progress=False)
    articles = []
    for doc in documents:
        raw = RawDocument(
            path=doc.doc_id, text=doc.text, source_format=DATASET_FORMAT, title=doc.title or None
        )
        prepared = prepare_article(raw, settings)
        if not isinstance(prepared, Article):
            prepared = Article(id=doc.doc_id, path=doc.doc_id, text=doc.text, source_format="text")
        published = prepared.published
        if doc.published is not None:
            published = PublishedDate(doc.published, "day", "benchmark metadata")
        articles.append(dataclasses.replace(prepared, id=doc.doc_id, published=published))
    return articles


@dataclass(frozen=True)
class Embedded:
    """Articles, their IDF-weighted unit vectors and their dense lead vectors (one row each;
    ``dense`` is None without the model), as the build makes them."""

    articles: list[Article]
    vectors: sparse.csr_matrix
    dense: npt.NDArray[np.float32] | None = None


def embed_articles(articles: list[Article], *, dense: bool = True) -> Embedded:
    """Stage 6 without a store: hashed features, document frequencies, weighted unit rows, and
    the dense lead vectors when the model is installed (and ``dense``)."""
    counts = article_counts(articles)
    frequencies = DocumentFrequencies.empty()
    frequencies.add(counts)
    leads = None
    if dense and dense_available():
        leads = cached_dense([lead_text(article) for article in articles])
    return Embedded(articles, weighted_unit_rows(counts, frequencies.idf()), leads)


def cached_dense(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """``embed_texts``, kept in the folder named by ``DATELINE_BENCH_CACHE`` when it is set.

    Benchmarks embed the same few thousand leads in several scripts; on two cores that is ten
    minutes each time. The file is named by a hash of the texts and the model's weights, so a
    changed text or model never reads a stale vector.
    """
    folder = os.environ.get(CACHE_VARIABLE)
    if not folder:
        return embed_texts(texts)
    digest = hashlib.blake2b(MODEL_SHA256.encode(), digest_size=16)
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
    path = Path(folder) / f"dense-{digest.hexdigest()}.npy"
    if path.is_file():
        cached: npt.NDArray[np.float32] = np.load(path)
        return cached
    vectors = embed_texts(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def event_states(embedded: Embedded) -> list[EventState]:
    """Stage 6 without a store: the events of the articles."""
    states: list[EventState] = []
    assign_articles(embedded.articles, embedded.vectors, states)
    return states


def story_inputs(
    states: Sequence[EventState], dense: Mapping[str, npt.NDArray[np.float32]] | None = None
) -> list[StoryInput]:
    """Events as story threading reads them: summed vectors (with the members' summed dense
    vectors, as the build does, when ``dense`` maps article ids to them), first date, size."""
    return [
        StoryInput(
            state.id,
            state.first,
            story_vector(state.counts, state.similarities, dense),
            size=state.size,
        )
        for state in sorted(states, key=lambda s: s.id)
    ]


def dense_by_id(embedded: Embedded) -> dict[str, npt.NDArray[np.float32]] | None:
    """Article id -> dense vector (None without dense vectors)."""
    if embedded.dense is None:
        return None
    return {a.id: row for a, row in zip(embedded.articles, embedded.dense, strict=True)}


def thread_index(
    states: Sequence[EventState],
    chunks: int = 1,
    dense: Mapping[str, npt.NDArray[np.float32]] | None = None,
) -> StoryIndex:
    """Thread the events into stories, in ``chunks`` date-ordered calls (1: one batch)."""
    inputs = sorted(story_inputs(states, dense), key=lambda e: (e.date is None, e.date or date.min))
    index = StoryIndex()
    size = -(-len(inputs) // chunks) if inputs else 1
    for start in range(0, len(inputs), size):
        index.add(inputs[start : start + size], SPARSE_ONLY if dense is None else WITH_DENSE)
    return index


def thread(
    states: Sequence[EventState],
    chunks: int = 1,
    dense: Mapping[str, npt.NDArray[np.float32]] | None = None,
) -> Clusters:
    """Article id -> story id, threading as ``thread_index`` does."""
    home = thread_index(states, chunks, dense).assignments()
    return {a: home[s.id] for s in states for a in s.similarities}


def largest_stories(
    index: StoryIndex, states: Sequence[EventState], documents: Sequence[TopicDocument], top: int
) -> list[dict[str, Any]]:
    """The ``top`` largest stories: size, span, main terms and the gold topics they hold."""
    members = {s.id: list(s.similarities) for s in states}
    by_id = {doc.doc_id: doc for doc in documents}
    digest = []
    for story in index.stories()[:top]:
        articles = [a for e in story.event_ids for a in members[e]]
        state = next(s for s in index.states() if s.id == story.id)
        labels = feature_labels(None, [by_id[a].text for a in articles[:STORY_LABEL_ARTICLES]])
        total = state.total
        heavy = np.argsort(-total.data, kind="stable")
        names = (labels.get(int(total.indices[i])) for i in heavy[:40])
        topics = Counter(by_id[a].topic for a in articles)
        digest.append(
            {
                "story": story.id,
                "articles": len(articles),
                "events": len(story.event_ids),
                "first": story.first.isoformat() if story.first else None,
                "last": story.last.isoformat() if story.last else None,
                "main_terms": list(distinct_terms((n for n in names if n), 6)),
                "topics": dict(topics.most_common(3)),
            }
        )
    return digest


def hdbscan_clusters(embedded: Embedded, *, outliers_apart: bool = False) -> Clusters:
    """BERTopic-style: the dense (MiniLM) vectors, or an SVD of the sparse ones without the
    model, reduced to ``REDUCED_DIMENSIONS`` (PCA standing in for UMAP), HDBSCAN; -1 is one
    topic (or each outlier its own, ``outliers_apart``)."""
    labels = HDBSCAN(min_cluster_size=HDBSCAN_MIN_CLUSTER_SIZE).fit_predict(
        normalize(reduced_vectors(embedded))
    )
    result = {}
    for n, (article, label) in enumerate(zip(embedded.articles, labels, strict=True)):
        result[article.id] = f"o{n}" if label < 0 and outliers_apart else f"c{label}"
    return result


def reduced_vectors(embedded: Embedded) -> npt.NDArray[np.float64]:
    """What the BERTopic-style baselines cluster: MiniLM vectors reduced by PCA (BERTopic's
    own embeddings; UMAP is not installed), else an SVD of the sparse vectors."""
    if embedded.dense is not None:
        dims = min(REDUCED_DIMENSIONS, *embedded.dense.shape)
        reduced: npt.NDArray[np.float64] = PCA(n_components=dims, random_state=SEED).fit_transform(
            embedded.dense.astype(np.float64)
        )
        return reduced
    return svd_vectors(embedded)


def svd_vectors(embedded: Embedded) -> npt.NDArray[np.float64]:
    """The sparse vectors reduced by TruncatedSVD to ``SVD_DIMENSIONS`` (what stands in for
    sentence embeddings without the model)."""
    used = np.unique(embedded.vectors.indices)  # hashed columns that occur (SVD cost)
    vectors = embedded.vectors[:, used]
    dims = min(SVD_DIMENSIONS, vectors.shape[0] - 1, vectors.shape[1] - 1)
    svd: npt.NDArray[np.float64] = TruncatedSVD(n_components=dims, random_state=SEED).fit_transform(
        vectors
    )
    return svd


def markov_clusters(documents: Sequence[TopicDocument], articles: Sequence[Article]) -> Clusters:
    """news-tls's clustering: TF-IDF cosines of articles at most a day apart, MCL."""
    vectors = TfidfVectorizer(stop_words="english").fit_transform([d.text for d in documents])
    days = [a.published.value for a in articles]
    graph = _windowed_cosines(vectors, days, MCL_MAX_DAYS)
    labels = sparse_markov_clustering(graph)
    return {a.id: f"c{label}" for a, label in zip(articles, labels, strict=True)}


def _windowed_cosines(
    vectors: sparse.csr_matrix, days: Sequence[date | None], limit: int
) -> sparse.csr_matrix:
    """Cosines between the rows published at most ``limit`` days apart (undated: linked to all)."""
    by_day: dict[int, list[int]] = defaultdict(list)
    undated: list[int] = []
    for i, day in enumerate(days):
        (by_day[day.toordinal()] if day else undated).append(i)
    size = vectors.shape[0]
    blocks = []
    for ordinal, rows in by_day.items():
        near = [j for d in range(ordinal - limit, ordinal + limit + 1) for j in by_day.get(d, [])]
        blocks.append(_block(vectors, rows, near + undated, size))
    if undated:
        blocks.append(_block(vectors, undated, list(range(size)), size))
    return sparse.csr_matrix(sum(blocks[1:], blocks[0]) if blocks else (size, size))


def _block(
    vectors: sparse.csr_matrix, rows: list[int], cols: list[int], size: int
) -> sparse.csr_matrix:
    values = (vectors[rows] @ vectors[cols].T).tocoo()
    rows_at, cols_at = np.array(rows)[values.row], np.array(cols)[values.col]
    return sparse.csr_matrix((values.data, (rows_at, cols_at)), shape=(size, size))


def sparse_markov_clustering(graph: sparse.csr_matrix) -> list[int]:
    """Markov clustering (expansion 2, inflation 2, self-loops, pruning) on a sparse graph."""
    size = graph.shape[0]
    symmetric = graph.maximum(graph.T).tolil()
    symmetric.setdiag(1.0)
    flow = _normalise_columns(sparse.csc_matrix(symmetric))
    for _ in range(MCL_MAX_ITERATIONS):
        previous = flow
        flow = flow @ flow
        flow = flow.power(MCL_INFLATION)
        flow = _normalise_columns(flow)
        flow.data[flow.data < MCL_PRUNE] = 0.0
        flow.eliminate_zeros()
        flow = _normalise_columns(flow)
        if abs(flow - previous).max() < 1e-9:
            break
    labels = [-1] * size
    attractors = np.flatnonzero(flow.diagonal() > 0)
    rows = flow.tocsr()
    for cluster, attractor in enumerate(attractors):
        for node in rows[attractor].indices:
            if labels[node] == -1:
                labels[node] = cluster
    return [label if label >= 0 else size + node for node, label in enumerate(labels)]


def _normalise_columns(matrix: sparse.csc_matrix) -> sparse.csc_matrix:
    matrix = sparse.csc_matrix(matrix)
    totals = np.asarray(matrix.sum(axis=0)).ravel()
    totals[totals == 0] = 1.0
    return sparse.csc_matrix(matrix.multiply(1.0 / totals))


def score(predicted: Clusters, gold: Clusters) -> dict[str, Any]:
    """B-cubed and pairwise P/R/F1, ARI and the number of clusters."""
    ids = [i for i in gold if i in predicted]
    b, p = bcubed(predicted, gold), pairwise(predicted, gold)
    return {
        "clusters": len({predicted[i] for i in ids}),
        "bcubed": {"p": b.precision, "r": b.recall, "f1": b.f1},
        "pairwise": {"p": p.precision, "r": p.recall, "f1": p.f1},
        "ari": float(adjusted_rand_score([gold[i] for i in ids], [predicted[i] for i in ids])),
    }


LOADERS: dict[str, Callable[[], list[TopicDocument]]] = {
    "t17-stories": t17_documents,
    "entities-stories": entities_documents,
    "ecbplus-dev-stories": ecbplus_documents,
}
ANCHORS = {
    "t17-stories": "issue 5 goal on Timeline17 (report-only): stories B3 F1 >= 0.95",
    "entities-stories": "tuning corpus (news-tls entities, 13 topics with articles)",
    "ecbplus-dev-stories": "tuning corpus (ECB+ dev, a topic's documents = one story)",
}


def score_documents(
    documents: Sequence[TopicDocument], *, baselines: bool = True
) -> dict[str, Any]:
    """Every system's story figures on one pile of topic-labelled documents."""
    gold = {doc.doc_id: doc.topic for doc in documents}
    articles = prepared_articles(documents)
    embedded = embed_articles(articles)
    dense = dense_by_id(embedded)
    states = event_states(embedded)
    systems: dict[str, Callable[[], Clusters]] = {
        "dateline stories": lambda: thread(states, dense=dense),
        "dateline stories, threaded in 10 date-ordered batches": lambda: thread(states, 10, dense),
        "dateline events (no threading)": lambda: {a: s.id for s in states for a in s.similarities},
    }
    style = "MiniLM + PCA" if embedded.dense is not None else "SVD"
    if baselines:
        systems[f"BERTopic-style: {style} + HDBSCAN (outliers = topic -1)"] = (
            lambda: hdbscan_clusters(embedded)
        )
        systems[f"BERTopic-style: {style} + HDBSCAN (outliers as singletons)"] = (
            lambda: hdbscan_clusters(embedded, outliers_apart=True)
        )
        systems["TF-IDF + Markov clustering (news-tls)"] = lambda: markov_clusters(
            documents, articles
        )
    predicted = {name: system() for name, system in systems.items()}
    digest = largest_stories(thread_index(states, dense=dense), states, documents, LARGEST_STORIES)
    batch, chunked = (predicted[name] for name in list(systems)[:2])
    ids = sorted(batch)
    return {
        "documents": len(documents),
        "gold_stories": len(set(gold.values())),
        "events": len(states),
        "systems": {name: score(clusters, gold) for name, clusters in predicted.items()},
        "largest_stories": digest,
        "batch_vs_incremental_ari": float(
            adjusted_rand_score([batch[i] for i in ids], [chunked[i] for i in ids])
        ),
    }


def run_dataset(name: str) -> dict[str, Any]:
    """Load and score one story dataset; the figures with their anchor."""
    figures = score_documents(LOADERS[name]())
    figures["dataset"] = name
    figures["anchor"] = ANCHORS[name]
    return figures


def render(figures: dict[str, Any]) -> str:
    """The figures as a Markdown table."""
    lines = [
        f"{figures.get('dataset', '')}: {figures['documents']} articles, "
        f"{figures['gold_stories']} gold topics, {figures['events']} dateline events, "
        "all topics together",
        "| system | stories | B3 P | B3 R | B3 F1 | pair F1 | ARI |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in figures["systems"].items():
        b = row["bcubed"]
        lines.append(
            f"| {name} | {row['clusters']} | {b['p']:.3f} | {b['r']:.3f} | {b['f1']:.3f} "
            f"| {row['pairwise']['f1']:.3f} | {row['ari']:.3f} |"
        )
    lines += [
        "",
        "largest dateline stories (main terms from the hashed features of their articles):",
        "| story | articles | events | first | last | main terms | gold topics (articles) |",
        "|---|---:|---:|---|---|---|---|",
    ]
    for item in figures.get("largest_stories", []):
        topics = ", ".join(f"{t} {n}" for t, n in item["topics"].items())
        lines.append(
            f"| {item['story']} | {item['articles']} | {item['events']} | {item['first']} "
            f"| {item['last']} | {', '.join(item['main_terms'])} | {topics} |"
        )
    lines.append(
        "order: batch vs 10 date-ordered batches agree with ARI "
        f"{figures['batch_vs_incremental_ari']:.3f}"
    )
    lines.append(figures.get("anchor", ""))
    return "\n".join(lines)
