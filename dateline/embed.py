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

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from dateline.model import Article
from dateline.sentences import split_sentences

Weights = npt.NDArray[np.float32]
"""One weight per hashed term (IDF)."""

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


def idf_weights(counts: sparse.csr_matrix) -> Weights:
    """Smoothed inverse document frequency per hashed term, from the rows of ``counts``."""
    doc_freq = np.bincount(counts.indices, minlength=N_FEATURES).astype(np.float32)
    n_docs = counts.shape[0]
    weights: Weights = np.log((1.0 + n_docs) / (1.0 + doc_freq)).astype(np.float32) + 1.0
    return weights


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
