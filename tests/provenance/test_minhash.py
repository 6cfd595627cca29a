"""MinHash and LSH: estimates track Jaccard, bands are chosen for recall, candidates are found."""

from __future__ import annotations

from dateline.provenance.minhash import (
    MinHasher,
    bands_for,
    candidate_pairs,
    estimate_jaccard,
    shingles,
    words,
)


def _set(n: int, start: int = 0) -> set[str]:
    return {f"w{i}" for i in range(start, start + n)}


def test_estimate_tracks_true_jaccard() -> None:
    hasher = MinHasher()
    first, second = _set(100), _set(100, start=50)  # Jaccard 50/150
    estimate = estimate_jaccard(hasher.signature(first), hasher.signature(second))
    assert abs(estimate - 1 / 3) < 0.12


def test_signatures_are_deterministic_and_empty_set_is_safe() -> None:
    assert (MinHasher().signature({"a", "b"}) == MinHasher().signature({"b", "a"})).all()
    empty = MinHasher().signature(set())
    assert estimate_jaccard(empty, MinHasher().signature({"a"})) == 0.0


def test_bands_meet_the_recall_target() -> None:
    bands, rows = bands_for(0.5)
    assert bands * rows <= 128
    assert 1 - (1 - 0.5**rows) ** bands >= 0.98
    assert bands_for(0.9)[1] > rows  # a higher threshold allows a more selective curve


def test_candidates_pair_similar_sets_and_not_disjoint_ones() -> None:
    hasher = MinHasher()
    sets = [_set(60), _set(60, start=5), _set(60, start=1000)]
    pairs = candidate_pairs([hasher.signature(s) for s in sets], threshold=0.5)
    assert (0, 1) in pairs
    assert (0, 2) not in pairs and (1, 2) not in pairs


def test_words_and_shingles() -> None:
    tokens = words("The Dam, the DAM!")
    assert tokens == ["the", "dam", "the", "dam"]
    assert shingles(tokens, 2) == {"the dam", "dam the"}
    assert shingles(["one"], 3) == {"one"}
