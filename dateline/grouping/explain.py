"""Why an article sits in its event: the shared names, numbers and words that decided it.

The event stage compares hashed feature vectors, which a user cannot read. This module turns
one placement back into words: it recomputes the article's named features
(``embed.article_features``), finds where each lands in the hashed space, and ranks them by what
they add to the cosine between the article and its event (article weight x event weight, both
IDF-weighted and unit-scaled as the event stage scores them). The top ones are the explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from dateline.grouping.sparse import article_features, feature_indices, unit_rows
from dateline.model import Article

TOP_FEATURES = 8
"""How many shared features an explanation lists."""


@dataclass(frozen=True)
class SharedFeature:
    """A feature the article shares with its event and its share of their similarity."""

    kind: str
    text: str
    contribution: float


def shared_features(
    article: Article,
    event_counts: sparse.csr_matrix,
    idf: npt.NDArray[np.floating[Any]],
    top: int = TOP_FEATURES,
) -> list[SharedFeature]:
    """The features that contribute most to the article's similarity with its event.

    Args:
        article: the article.
        event_counts: the event's summed feature counts (``StoredEvent.centroid``, read back).
        idf: the inverse document frequencies the build used (``DocumentFrequencies.idf``).
        top: how many to return.
    """
    features = article_features(article.title, article.text)
    if not features:
        return []
    names = list(features)
    indices = feature_indices(names)
    values = np.array([features[name] for name in names], dtype=np.float64) * idf[indices]
    article_norm = float(np.linalg.norm(_merged(indices, values)))
    event = unit_rows(event_counts.multiply(idf).tocsr()).toarray().ravel()
    contributions = values / (article_norm or 1.0) * event[indices]
    order = np.argsort(-contributions, kind="stable")
    picked = []
    for i in order[:top]:
        if contributions[i] <= 0:
            break
        kind, text = _readable(names[i])
        picked.append(SharedFeature(kind, text, round(float(contributions[i]), 4)))
    return picked


def _merged(
    indices: npt.NDArray[np.int64], values: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Values summed per hashed index (names that collide add up, as in the vector)."""
    return np.asarray(np.bincount(indices, weights=values), dtype=np.float64)


def _readable(feature: str) -> tuple[str, str]:
    if feature.startswith("nn:"):
        return "name", feature[3:].replace("_", " ").title()
    if feature.startswith("n:"):
        return "name", feature[2:].title()
    if feature.startswith("#"):
        return "number", feature[1:]
    return "word", feature
