"""Embed: articles to the sparse vectors that the event stage compares.

Two reports of one happening share its details (the places, the people, the dates and the
numbers) far more reliably than its topic words: two earthquakes share "quake", "magnitude" and
"tsunami warning", but not "Yunnan" and "6.1". So an article's vector is full-text TF-IDF with
extra weight on names (runs of capitalised words, with their bigrams) and on numbers. (Extra
weight on the lead was tried on ECB+ dev and did not help once the whole text is used.)

Features are hashed (no vocabulary), so vectors made in different builds are comparable and a
build can extend old events incrementally; IDF comes from document frequencies kept in the
store. Each article's feature counts are scaled to unit length before they are summed into an
event's centroid, so every member weighs the same whatever its length.
"""

from __future__ import annotations

import io
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from scipy import sparse

from dateline.model import Article
from dateline.sentences import split_sentences
from dateline.settings import EventWindow
from dateline.stages import StageVersion
from dateline.vocab.dates import MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.feature_extraction.text import HashingVectorizer

Weights = npt.NDArray[np.float32]
"""One weight per hashed term (IDF)."""

REPRESENTATION = "hashed-tfidf-details-v2"
DESCRIPTION = "titles-from-originals"
"""How events are described (``events.describe_event``): part of the grouping version, so a
store described otherwise is described again (its titles taken from originals, not from spun
or machine-translated copies)."""
"""Named in the output so a reader knows which representation grouped the events; part of the
grouping stage's version (``grouping_stage``)."""
N_FEATURES = 2**18
DENSE_COLUMNS = 384
"""Width of the dense vectors (dateline/grouping/dense.py) that story vectors append after the
hashed features (``with_dense``)."""
LEAD_SENTENCES = 4
"""Reports of one event agree most in their first sentences; later ones drift to background."""

# Feature weights, calibrated on ECB+ dev (dateline eval events --dataset ecbplus-dev) together
# with the thresholds in dateline/grouping/events.py; retune together.
NAME_WEIGHT = 2.0
"""Names (capitalised words and their bigrams) carry event identity: who and where."""
NUMBER_WEIGHT = 2.0
"""Numbers (years, tolls, magnitudes, scores) tell apart two events of one kind."""
MAX_CAPS_SHARE = 0.6
"""A sentence with more all-capital words than this is a shouted headline: no names from it."""


def grouping_stage(dense_model: str | None, window: EventWindow | None = None) -> StageVersion:
    """The version of the store's events and stories: the sparse representation, the dense
    model when stories mix it in, and the events' time window when a user changed it. Vectors of
    two versions cannot be compared (nor events cut by two windows), so a build under another
    version regroups every article."""
    version = f"{REPRESENTATION}+{DESCRIPTION}+{dense_model or 'no-dense'}"
    if window is not None and window != EventWindow():
        version += f"+window-{window.grace_days}-{window.decay_days:g}"
    return StageVersion("grouping", version, "corpus")


_WORD = re.compile(r"(?u)\b[^\W\d_][\w'-]+\b")
_NUMBER = re.compile(r"\b\d(?:[\d.,]*\d)?\b")
_NAME_RUN = re.compile(r"\b[A-Z][\w'-]*(?: [A-Z][\w'-]*)*")
_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")
_CALENDAR = frozenset(
    name.lower().rstrip(".") for names in (*MONTHS.values(), *WEEKDAYS.values()) for name in names
)


@cache
def _sklearn() -> tuple[HashingVectorizer, FeatureHasher, frozenset[str]]:
    """The word vectorizer, the feature hasher and the stop words, built on first use:
    importing scikit-learn costs a quarter of a second that reading a store never needs."""
    from sklearn.feature_extraction import FeatureHasher  # noqa: PLC0415 - see above
    from sklearn.feature_extraction.text import (  # noqa: PLC0415 - see above
        ENGLISH_STOP_WORDS,
        HashingVectorizer,
    )

    vectorizer = HashingVectorizer(
        n_features=N_FEATURES,
        alternate_sign=False,
        norm=None,
        lowercase=True,
        stop_words="english",
        token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b|\b\d{2,4}\b",
        ngram_range=(1, 1),
    )
    hasher = FeatureHasher(n_features=N_FEATURES, input_type="dict", alternate_sign=False)
    return vectorizer, hasher, frozenset(ENGLISH_STOP_WORDS)


def lead_text(article: Article) -> str:
    """The title and first sentences: the part of an article that names its event."""
    lead = " ".join(split_sentences(article.text)[:LEAD_SENTENCES])
    return f"{article.title}. {lead}" if article.title else lead


def term_counts(texts: Sequence[str]) -> sparse.csr_matrix:
    """Sublinear (1 + log) hashed word counts, one row per text, not normalised.

    Used for titles and summary sentences; articles use ``article_counts``.
    """
    counts = _sklearn()[0].transform(texts).tocsr().astype(np.float32)
    counts.data = 1.0 + np.log(counts.data)
    return counts


def article_features(title: str | None, text: str) -> dict[str, float]:
    """Weighted features of one article: words, names, name bigrams, numbers.

    A feature's value is its kind's weight times (1 + log count). Words are counted over the
    whole text at once; names need sentence starts, so they are found sentence by sentence.
    """
    full = f"{title}\n{text}" if title else text
    stop = _sklearn()[2]
    counts: Counter[str] = Counter(word for word in _WORD.findall(full.lower()) if word not in stop)
    counts.update("#" + n.replace(",", "") for n in _NUMBER.findall(full))
    for sentence in ([title] if title else []) + split_sentences(text):
        counts.update(name_features(sentence))
    return {feature: _kind_weight(feature) * (1.0 + math.log(n)) for feature, n in counts.items()}


def name_features(sentence: str) -> list[str]:
    """``n:`` names and ``nn:`` name bigrams from the runs of capitalised words of a sentence.

    A lone capitalised word at the start of a sentence is not a name ("Police said"), a run
    that starts there is ("San Diego police"); a shouted (all-capitals) sentence gives none.
    """
    if _shouted(sentence):
        return []
    found: list[str] = []
    stop = _sklearn()[2]
    for match in _NAME_RUN.finditer(sentence):
        words = [w.lower() for w in match.group().split()]
        words = [w for w in words if w not in stop and w.rstrip(".") not in _CALENDAR]
        if not words or (match.start() == 0 and len(words) == 1):
            continue
        found.extend("n:" + w for w in words)
        found.extend(f"nn:{a}_{b}" for a, b in itertools.pairwise(words))
    return found


def _kind_weight(feature: str) -> float:
    if feature.startswith(("n:", "nn:")):
        return NAME_WEIGHT
    if feature.startswith("#"):
        return NUMBER_WEIGHT
    return 1.0


def _shouted(sentence: str) -> bool:
    words = _CAPS_WORD.findall(sentence)
    return len(words) > 1 and len(words) > MAX_CAPS_SHARE * len(sentence.split())


def feature_indices(features: Sequence[str]) -> npt.NDArray[np.int64]:
    """Where each named feature lands in the hashed space (for explanations)."""
    rows = _sklearn()[1].transform([{feature: 1.0} for feature in features]).tocsr()
    return np.asarray(rows.indices, dtype=np.int64)


def article_counts(articles: Sequence[Article]) -> sparse.csr_matrix:
    """Hashed weighted features of each article (one row each), scaled to unit length."""
    if not articles:
        return sparse.csr_matrix((0, N_FEATURES), dtype=np.float32)
    rows = _sklearn()[1].transform(article_features(a.title, a.text) for a in articles)
    return unit_rows(sparse.csr_matrix(rows, dtype=np.float32))


def unit_rows(rows: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows scaled to unit Euclidean length (empty rows stay empty)."""
    scaled = sparse.csr_matrix(rows, dtype=np.float32, copy=True)
    squares = np.asarray(scaled.multiply(scaled).sum(axis=1), dtype=np.float64).ravel()
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    scaled.data /= np.repeat(norms, np.diff(scaled.indptr)).astype(np.float32)
    return scaled


@dataclass
class DocumentFrequencies:
    """How many articles hold each hashed term, kept in the store and grown by each build."""

    counts: npt.NDArray[np.int64]
    n_docs: int

    @classmethod
    def empty(cls) -> DocumentFrequencies:
        """No articles seen yet."""
        return cls(np.zeros(N_FEATURES, dtype=np.int64), 0)

    def add(self, rows: sparse.csr_matrix) -> None:
        """Count the terms of new articles (one row each)."""
        present = sparse.csr_matrix(rows, copy=True)
        present.sum_duplicates()
        self.counts += np.bincount(present.indices, minlength=N_FEATURES)
        self.n_docs += rows.shape[0]

    def idf(self) -> Weights:
        """Smoothed inverse document frequency per hashed term."""
        ratio = (1.0 + self.n_docs) / (1.0 + self.counts.astype(np.float64))
        weights: Weights = (np.log(ratio) + 1.0).astype(np.float32)
        return weights

    def to_bytes(self) -> bytes:
        """Compact form for the store."""
        buffer = io.BytesIO()
        np.savez_compressed(buffer, counts=self.counts, n_docs=np.array([self.n_docs]))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> DocumentFrequencies:
        """Read back what ``to_bytes`` wrote."""
        with np.load(io.BytesIO(blob)) as data:
            return cls(data["counts"].astype(np.int64), int(data["n_docs"][0]))


def weighted_unit_rows(counts: sparse.csr_matrix, idf: Weights) -> sparse.csr_matrix:
    """Rows of ``counts`` weighted by ``idf`` and scaled to unit length (cosine = dot)."""
    return unit_rows(counts.multiply(idf).tocsr())


def with_dense(
    row: sparse.csr_matrix, dense: npt.NDArray[np.float32] | None, weight: float
) -> sparse.csr_matrix:
    """``row`` with ``DENSE_COLUMNS`` dense columns appended (zeros when ``dense`` is None).

    The parts are scaled by sqrt(1 - weight) and sqrt(weight): for two such vectors built from
    sums of unit vectors, the dot product mixes the sparse and the dense dot products in that
    proportion.
    """
    columns = np.zeros((1, DENSE_COLUMNS), dtype=np.float32)
    if dense is not None:
        columns[0] = np.asarray(dense, dtype=np.float32) * np.float32(math.sqrt(weight))
    left = sparse.csr_matrix(row, dtype=np.float32) * np.float32(math.sqrt(1.0 - weight))
    return sparse.hstack([left, sparse.csr_matrix(columns)], format="csr", dtype=np.float32)


def heaviest(data: npt.NDArray[np.float32], count: int) -> npt.NDArray[np.intp]:
    """Positions of the ``count`` largest values, largest first, ties in position order: the
    first ``count`` of a stable argsort of ``-data``, without sorting all of it."""
    if len(data) <= count:
        return np.argsort(-data, kind="stable")
    cut = np.partition(-data, count - 1)[count - 1]
    candidates = np.flatnonzero(-data <= cut)
    return candidates[np.argsort(-data[candidates], kind="stable")][:count]


def dots(rows: sparse.csr_matrix, row: sparse.csr_matrix) -> npt.NDArray[np.float64]:
    """Dot product of each of ``rows`` with one sparse ``row``, in time linear in their entries.

    (``rows @ row.T`` would convert the transposed row to CSR over every hashed feature.)
    """
    dense = np.zeros(rows.shape[1], dtype=np.float64)
    single = row.tocsr()
    dense[single.indices] = single.data
    result: npt.NDArray[np.float64] = np.asarray(rows @ dense, dtype=np.float64).ravel()
    return result
