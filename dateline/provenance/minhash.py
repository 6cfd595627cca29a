"""MinHash signatures and LSH banding: candidate pairs of articles that share text.

The Jaccard similarity of two shingle sets is estimated by the share of equal minima under many
random hash permutations (Broder 1997). Splitting a signature into ``bands`` of ``rows`` and
bucketing each band makes pairs with similarity ``s`` collide in at least one band with
probability ``1 - (1 - s**rows)**bands``: an S-curve. The caller states the Jaccard it must not
miss; ``bands_for`` picks the most selective curve that still pairs it 98% of the time.
Deterministic: the permutations come from a fixed seed, and shingles are hashed with blake2b,
not Python's salted ``hash``.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import combinations

import numpy as np
import numpy.typing as npt

PERMUTATIONS = 128
"""Signature length: the standard error of a Jaccard estimate is about 1/sqrt(128) = 0.09."""
SEED = 20261123
CANDIDATE_RECALL = 0.98
"""Chance that a pair at exactly the threshold becomes a candidate; pairs above it more."""
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_WORD = re.compile(r"\w+", re.UNICODE)

Signature = npt.NDArray[np.uint64]


def words(text: str) -> list[str]:
    """Lower-cased word tokens: the unit every provenance comparison counts in."""
    return _WORD.findall(text.lower())


def shingles(tokens: Sequence[str], size: int) -> set[str]:
    """The set of word n-grams of ``size`` (the whole text as one shingle when it is shorter)."""
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


class MinHasher:
    """Signatures under a fixed family of ``permutations`` hash permutations."""

    def __init__(self, permutations: int = PERMUTATIONS, seed: int = SEED) -> None:
        rng = np.random.default_rng(seed)
        self.permutations = permutations
        self._a = rng.integers(1, int(_MERSENNE), size=permutations, dtype=np.uint64)
        self._b = rng.integers(0, int(_MERSENNE), size=permutations, dtype=np.uint64)

    def signature(self, items: Iterable[str]) -> Signature:
        """The MinHash signature of a set of strings (all maxima for the empty set)."""
        hashes = np.fromiter((_hash32(item) for item in items), dtype=np.uint64)
        if hashes.size == 0:
            return np.full(self.permutations, _MAX_HASH, dtype=np.uint64)
        permuted = (np.outer(hashes, self._a) + self._b) % _MERSENNE & _MAX_HASH
        return np.asarray(permuted.min(axis=0), dtype=np.uint64)


def estimate_jaccard(first: Signature, second: Signature) -> float:
    """The share of permutations under which the two sets have the same minimum."""
    return float(np.mean(first == second))


def bands_for(
    threshold: float, permutations: int = PERMUTATIONS, recall: float = CANDIDATE_RECALL
) -> tuple[int, int]:
    """The (bands, rows) with the most rows whose chance of pairing two sets of Jaccard
    ``threshold`` is at least ``recall``: as selective as the recall target allows."""
    best = (permutations, 1)
    for rows in range(1, permutations + 1):
        bands = permutations // rows
        if 1 - (1 - threshold**rows) ** bands >= recall:
            best = (bands, rows)
    return best


def candidate_pairs(
    signatures: Sequence[Signature], threshold: float, max_bucket: int = 200
) -> set[tuple[int, int]]:
    """Index pairs (i < j) that share a band bucket: likely Jaccard near or above ``threshold``.

    A bucket with more than ``max_bucket`` members (boilerplate shared by a whole site) is
    skipped: it would add quadratic work and carries no evidence of copying.
    """
    if not signatures:
        return set()
    bands, rows = bands_for(threshold, len(signatures[0]))
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for index, signature in enumerate(signatures):
            buckets[signature[band * rows : (band + 1) * rows].tobytes()].append(index)
        for members in buckets.values():
            if 1 < len(members) <= max_bucket:
                pairs.update(combinations(members, 2))
    return pairs


@lru_cache(maxsize=1 << 20)
def _hash32(item: str) -> int:
    return int.from_bytes(hashlib.blake2b(item.encode("utf-8"), digest_size=4).digest(), "big")


class BandIndex:
    """LSH buckets that grow one signature at a time: the incremental form of
    ``candidate_pairs``, for an index kept across builds.

    A bucket holding more than ``max_bucket`` ids (boilerplate shared by a whole site) yields
    nothing, as in ``candidate_pairs``.
    """

    def __init__(
        self, threshold: float, permutations: int = PERMUTATIONS, max_bucket: int = 200
    ) -> None:
        self.bands, self.rows = bands_for(threshold, permutations)
        self.max_bucket = max_bucket
        self._buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)

    def _keys(self, signature: Signature) -> list[tuple[int, bytes]]:
        rows = self.rows
        return [
            (band, signature[band * rows : (band + 1) * rows].tobytes())
            for band in range(self.bands)
        ]

    def insert(self, key: str, signature: Signature) -> None:
        """Put ``key`` in the bucket of each band of its signature."""
        for bucket in self._keys(signature):
            self._buckets[bucket].append(key)

    def query(self, signature: Signature) -> set[str]:
        """Keys sharing at least one bucket (of at most ``max_bucket`` members) with it."""
        found: set[str] = set()
        for bucket in self._keys(signature):
            members = self._buckets.get(bucket)
            if members and len(members) <= self.max_bucket:
                found.update(members)
        return found
