"""Embed: text to vectors that the event stage compares.

This first version uses hashed, sublinear term counts of the lead of each article (title and
first sentences), weighted by inverse document frequency over the store. Hashing needs no
vocabulary, so vectors made in different builds are comparable and a build can extend old
events incrementally. Dense sentence embeddings come later (docs/ROADMAP.md) behind the same
functions.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from dateline.model import Article
from dateline.sentences import split_sentences

Weights = npt.NDArray[np.float32]
"""One weight per hashed term (IDF)."""

REPRESENTATION = "hashed-tfidf-lead-v1"
"""Named in the output so a reader knows which representation grouped the events."""
N_FEATURES = 2**18
LEAD_SENTENCES = 4
"""Reports of one event agree most in their first sentences; later ones drift to background."""

_VECTORIZER = HashingVectorizer(
    n_features=N_FEATURES,
    alternate_sign=False,
    norm=None,
    lowercase=True,
    stop_words="english",
    token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b|\b\d{2,4}\b",
    ngram_range=(1, 1),
)


def lead_text(article: Article) -> str:
    """The title and first sentences: the part of an article that names its event."""
    lead = " ".join(split_sentences(article.text)[:LEAD_SENTENCES])
    return f"{article.title}. {lead}" if article.title else lead


def term_counts(texts: Sequence[str]) -> sparse.csr_matrix:
    """Sublinear (1 + log) hashed term counts, one row per text, not normalised."""
    counts = _VECTORIZER.transform(texts).tocsr().astype(np.float32)
    counts.data = 1.0 + np.log(counts.data)
    return counts


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
    weighted = counts.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ weighted, dtype=np.float32)


def to_bytes(row: sparse.csr_matrix) -> bytes:
    """Serialise one sparse row for the store."""
    buffer = io.BytesIO()
    sparse.save_npz(buffer, row.tocsr(), compressed=True)
    return buffer.getvalue()


def from_bytes(blob: bytes) -> sparse.csr_matrix:
    """Read back a row written by ``to_bytes``."""
    return sparse.csr_matrix(sparse.load_npz(io.BytesIO(blob)), dtype=np.float32)
