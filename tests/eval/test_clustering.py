"""B-cubed and pairwise scores on hand-computed examples."""

from __future__ import annotations

import pytest

from dateline.eval.clustering import bcubed, pairwise

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}


def test_perfect_clustering_scores_one() -> None:
    assert bcubed(GOLD, GOLD).f1 == 1.0
    assert pairwise(GOLD, GOLD).f1 == 1.0


def test_all_in_one_cluster() -> None:
    predicted = dict.fromkeys(GOLD, 0)
    scores = bcubed(predicted, GOLD)
    # precision per item: a,b,c -> 3/5; d,e -> 2/5; mean = 13/25
    assert scores.precision == pytest.approx(13 / 25)
    assert scores.recall == 1.0
    pairs = pairwise(predicted, GOLD)
    assert pairs.precision == pytest.approx(4 / 10) and pairs.recall == 1.0


def test_all_singletons() -> None:
    predicted = {item: item for item in GOLD}
    scores = bcubed(predicted, GOLD)
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx((3 * (1 / 3) + 2 * (1 / 2)) / 5)
    assert pairwise(predicted, GOLD).recall == 0.0
