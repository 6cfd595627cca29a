"""Embed: articles to the sparse vectors that the event stage compares.

Two reports of one happening share its details (the places, the people, the dates and the
numbers) far more reliably than its topic words: two earthquakes share "quake", "magnitude" and
"tsunami warning", but not "Yunnan" and "6.1". So an article's vector is full-text TF-IDF with
extra weight on names (runs of capitalised words, with their bigrams), on numbers, and on the
lead (title and first sentences), where reports name their event most plainly.

Features are hashed (no vocabulary), so vectors made in different builds are comparable and a
build can extend old events incrementally; IDF comes from document frequencies kept in the
store. Each article's feature counts are scaled to unit length before they are summed into an
event's centroid, so every member weighs the same whatever its length.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer

from dateline.model import Article
from dateline.sentences import split_sentences
from dateline.vocab.dates import MONTHS, WEEKDAYS

Weights = npt.NDArray[np.float32]
"""One weight per hashed term (IDF)."""

REPRESENTATION = "hashed-tfidf-details-v2"
"""Named in the store and the output so a reader knows which representation grouped the events;
a store built with another representation is regrouped from scratch."""
N_FEATURES = 2**18
LEAD_SENTENCES = 4
"""Reports of one event agree most in their first sentences; later ones drift to background."""

# Feature weights, calibrated on ECB+ dev (dateline eval events --dataset ecbplus-dev) together
# with the thresholds in dateline/events.py; retune together.
NAME_WEIGHT = 2.0
"""Names (capitalised words and their bigrams) carry event identity: who and where."""
NUMBER_WEIGHT = 2.0
"""Numbers (years, tolls, magnitudes, scores) tell apart two events of one kind."""
LEAD_BOOST = 0.0
"""Added to a feature's weight when it occurs in the lead."""
MAX_CAPS_SHARE = 0.6
"""A sentence with more all-capital words than this is a shouted headline: no names from it."""

_TOKEN = re.compile(r"[^\W_](?:[\w'.,-]*[^\W_])?")
_NUMBER = re.compile(r"^\d[\d.,]*$")
_STOP = frozenset(ENGLISH_STOP_WORDS)
_CALENDAR = frozenset(
    name.lower().rstrip(".") for names in (*MONTHS.values(), *WEEKDAYS.values()) for name in names
)

_VECTORIZER = HashingVectorizer(
    n_features=N_FEATURES,
    alternate_sign=False,
    norm=None,
    lowercase=True,
    stop_words="english",
    token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b|\b\d{2,4}\b",
    ngram_range=(1, 1),
)
_HASHER = FeatureHasher(n_features=N_FEATURES, input_type="dict", alternate_sign=False)


def lead_text(article: Article) -> str:
    """The title and first sentences: the part of an article that names its event."""
    lead = " ".join(split_sentences(article.text)[:LEAD_SENTENCES])
    return f"{article.title}. {lead}" if article.title else lead


def term_counts(texts: Sequence[str]) -> sparse.csr_matrix:
    """Sublinear (1 + log) hashed word counts, one row per text, not normalised.

    Used for titles and summary sentences; articles use ``article_counts``.
    """
    counts = _VECTORIZER.transform(texts).tocsr().astype(np.float32)
    counts.data = 1.0 + np.log(counts.data)
    return counts


def article_features(title: str | None, text: str) -> dict[str, float]:
    """Weighted features of one article: words, names, name bigrams, numbers.

    A feature's value is its kind's weight times (1 + log count), plus ``LEAD_BOOST`` times the
    kind's weight when it occurs in the title or the first sentences.
    """
    sentences = ([title] if title else []) + split_sentences(text)
    lead_limit = LEAD_SENTENCES + (1 if title else 0)
    counts: Counter[str] = Counter()
    in_lead: set[str] = set()
    for index, sentence in enumerate(sentences):
        found = list(sentence_features(sentence))
        counts.update(found)
        if index < lead_limit:
            in_lead.update(found)
    return {
        feature: _kind_weight(feature)
        * (1.0 + math.log(n) + (LEAD_BOOST if feature in in_lead else 0.0))
        for feature, n in counts.items()
    }


def sentence_features(sentence: str) -> Iterable[str]:
    """Words (lower case, no stop words), ``n:`` names, ``nn:`` name bigrams, ``#`` numbers."""
    tokens = _TOKEN.findall(sentence)
    shouted = _shouted(tokens)
    run: list[str] = []
    for position, token in enumerate(tokens):
        lower = token.lower()
        if _NUMBER.match(token):
            run = []
            yield "#" + token.replace(",", "").rstrip(".")
            continue
        lower = lower.rstrip(".")
        if lower in _STOP or len(lower) < 2:
            run = []
            continue
        yield lower
        if shouted or not token[0].isupper() or lower in _CALENDAR:
            run = []
            continue
        if position > 0 or _next_is_capitalised(tokens, position):
            yield "n:" + lower
            if run:
                yield f"nn:{run[-1]}_{lower}"
        run.append(lower)


def _shouted(tokens: Sequence[str]) -> bool:
    words = [t for t in tokens if t[0].isalpha() and len(t) > 1]
    upper = sum(1 for t in words if t.isupper())
    return bool(words) and upper / len(words) > MAX_CAPS_SHARE


def _next_is_capitalised(tokens: Sequence[str], position: int) -> bool:
    """A capitalised first word is a name only when a capitalised word follows ("San Diego")."""
    following = tokens[position + 1] if position + 1 < len(tokens) else ""
    return following[:1].isupper() and following.lower() not in _STOP


def _kind_weight(feature: str) -> float:
    if feature.startswith(("n:", "nn:")):
        return NAME_WEIGHT
    if feature.startswith("#"):
        return NUMBER_WEIGHT
    return 1.0


def article_counts(articles: Sequence[Article]) -> sparse.csr_matrix:
    """Hashed weighted features of each article (one row each), scaled to unit length."""
    if not articles:
        return sparse.csr_matrix((0, N_FEATURES), dtype=np.float32)
    rows = _HASHER.transform(article_features(a.title, a.text) for a in articles)
    return unit_rows(sparse.csr_matrix(rows, dtype=np.float32))


def unit_rows(rows: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows scaled to unit Euclidean length (empty rows stay empty)."""
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ rows, dtype=np.float32)


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


def to_bytes(row: sparse.csr_matrix) -> bytes:
    """Serialise one sparse row for the store."""
    buffer = io.BytesIO()
    sparse.save_npz(buffer, row.tocsr(), compressed=True)
    return buffer.getvalue()


def from_bytes(blob: bytes) -> sparse.csr_matrix:
    """Read back a row written by ``to_bytes``."""
    return sparse.csr_matrix(sparse.load_npz(io.BytesIO(blob)), dtype=np.float32)
