"""Clustering metrics: B-cubed and pairwise precision, recall and F1.

B-cubed (Bagga & Baldwin 1998) scores each item by how much its predicted cluster and its gold
cluster overlap, then averages over items, so large clusters do not dominate as they do in
pairwise counts. Both are reported for event clustering (ECB+, the demo corpus).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

Item = TypeVar("Item", bound=Hashable)


@dataclass(frozen=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall (0 when both are 0)."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bcubed(predicted: Mapping[Item, Hashable], gold: Mapping[Item, Hashable]) -> PRF:
    """B-cubed over the items present in both mappings (item -> cluster label)."""
    items = [item for item in gold if item in predicted]
    if not items:
        return PRF(0.0, 0.0)
    joint = Counter((predicted[i], gold[i]) for i in items)
    pred_sizes = Counter(predicted[i] for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    precision = sum(joint[(predicted[i], gold[i])] / pred_sizes[predicted[i]] for i in items)
    recall = sum(joint[(predicted[i], gold[i])] / gold_sizes[gold[i]] for i in items)
    return PRF(precision / len(items), recall / len(items))


def pairwise(predicted: Mapping[Item, Hashable], gold: Mapping[Item, Hashable]) -> PRF:
    """Precision and recall of the item pairs placed together."""
    items = [item for item in gold if item in predicted]
    joint = Counter((predicted[i], gold[i]) for i in items)
    together_both = sum(n * (n - 1) // 2 for n in joint.values())
    together_pred = sum(n * (n - 1) // 2 for n in Counter(predicted[i] for i in items).values())
    together_gold = sum(n * (n - 1) // 2 for n in Counter(gold[i] for i in items).values())
    precision = together_both / together_pred if together_pred else 1.0
    recall = together_both / together_gold if together_gold else 1.0
    return PRF(precision, recall)
