"""MinHash and LSH: estimates track Jaccard, bands are chosen for recall, candidates are found."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from dateline.provenance.minhash import (
    BandIndex,
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


def _naive_query(
    signatures: dict[str, npt.NDArray[np.uint64]],
    query: npt.NDArray[np.uint64],
    bands: int,
    rows: int,
    max_bucket: int,
) -> set[str]:
    """What the index must answer: ids sharing a band's values, buckets over the limit out."""
    found: set[str] = set()
    for band in range(bands):
        part = slice(band * rows, (band + 1) * rows)
        bucket = {k for k, s in signatures.items() if (s[part] == query[part]).all()}
        if len(bucket) <= max_bucket:
            found |= bucket
    return found


@pytest.mark.parametrize(
    ("threshold", "merge_every", "max_bucket"), [(0.4, 7, 4), (0.4, 4096, 20), (0.9, 5, 20)]
)
def test_band_index_finds_what_a_scan_of_every_band_finds(
    threshold: float, merge_every: int, max_bucket: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BandIndex, "MERGE_EVERY", merge_every)
    rng = np.random.default_rng(7)
    index = BandIndex(threshold, max_bucket=max_bucket)
    sizes = set()
    signatures: dict[str, npt.NDArray[np.uint64]] = {}
    base = rng.integers(0, 1 << 32, size=128, dtype=np.uint64)
    for n in range(40):
        signature = rng.integers(0, 1 << 32, size=128, dtype=np.uint64)
        shared = rng.random(128) < (0.7 if n % 3 else 0.0)  # most share much with one base
        signature[shared] = base[shared]
        signatures[f"a{n:02d}"] = signature
        index.insert(f"a{n:02d}", signature.astype(np.uint32))
        for key in (f"a{n:02d}", "a00"):
            expected = _naive_query(
                signatures, signatures[key], index.bands, index.rows, max_bucket
            )
            assert index.query(signatures[key]) == expected
            sizes.add(len(expected))
    assert len(index) == 40
    assert max(sizes) >= 2  # similar signatures were found together
