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
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Any

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

Signature = npt.NDArray[np.unsignedinteger[Any]]
"""MinHash values, each under 2**32 (kept as uint64 while hashing, uint32 in an index)."""


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

    Kept compact, since it holds every article of the store (64 bands of 2 rows at the
    provenance threshold): a band's bucket is one 64-bit key (its two 32-bit values side by
    side, exact; with more rows, a hash of them), XORed with a constant of its band so that
    equal values in two bands do not share a range. Every band's keys lie in one sorted array,
    beside the band and the position of the article each came from (13 bytes a key, 0.8 KB an
    article, where a dict of byte strings took 15.7 KB); a query finds its keys with one
    ``searchsorted`` and keeps the entries of the same band. Keys inserted since the last merge
    (at most ``MERGE_EVERY`` articles') wait in a second, small sorted array.
    """

    MERGE_EVERY = 4096

    def __init__(
        self, threshold: float, permutations: int = PERMUTATIONS, max_bucket: int = 200
    ) -> None:
        self.bands, self.rows = bands_for(threshold, permutations)
        self.max_bucket = max_bucket
        self._salts = np.random.default_rng(SEED).integers(
            0, np.iinfo(np.uint64).max, size=self.bands, dtype=np.uint64, endpoint=True
        )
        self._ids: list[str] = []
        self._merged = _Keys.empty(self.bands)
        self._waiting: list[npt.NDArray[np.uint64]] = []
        self._waiting_keys: _Keys | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def band_keys(self, signature: Signature) -> npt.NDArray[np.uint64]:
        """One key per band, salted by its band: exact for bands of up to two 32-bit values
        (MinHash values are 32-bit), a multiplicative hash of longer bands."""
        values = np.asarray(signature[: self.bands * self.rows], dtype=np.uint64)
        values = values.reshape(self.bands, self.rows)
        keys = values[:, 0].copy()
        for column in range(1, self.rows):
            if self.rows <= 2:
                keys = (keys << np.uint64(32)) | values[:, column]
            else:
                keys = keys * _KEY_MULTIPLIER + values[:, column]
        result: npt.NDArray[np.uint64] = keys ^ self._salts
        return result

    def insert(self, key: str, signature: Signature) -> None:
        """Put ``key`` in the bucket of each band of its signature."""
        self._ids.append(key)
        self._waiting.append(self.band_keys(signature))
        self._waiting_keys = None
        if len(self._waiting) >= self.MERGE_EVERY:
            self._merged = self._merged.merge(self._waiting_sorted())
            self._waiting, self._waiting_keys = [], None

    def query(self, signature: Signature) -> set[str]:
        """Keys sharing at least one bucket (of at most ``max_bucket`` members) with it."""
        keys = self.band_keys(signature)
        found = [self._merged.find(keys), self._waiting_sorted().find(keys)]
        sizes = np.zeros(self.bands, dtype=np.intp)
        for bands, _ in found:
            sizes += np.bincount(bands, minlength=self.bands)
        kept = (sizes > 0) & (sizes <= self.max_bucket)
        return {
            self._ids[position]
            for bands, positions in found
            for position in positions[kept[bands]].tolist()
        }

    def _waiting_sorted(self) -> _Keys:
        if self._waiting_keys is None:
            first = len(self._ids) - len(self._waiting)
            self._waiting_keys = _Keys.of_block(self._waiting, first, self._merged.bands.dtype)
        return self._waiting_keys


@dataclass(frozen=True)
class _Keys:
    """Band keys in sorted order, each with its band and the position of its article."""

    keys: npt.NDArray[np.uint64]
    bands: npt.NDArray[np.integer[Any]]
    positions: npt.NDArray[np.int32]

    @classmethod
    def empty(cls, bands: int) -> _Keys:
        band_type = np.uint8 if bands <= 256 else np.int32
        return cls(np.empty(0, np.uint64), np.empty(0, band_type), np.empty(0, np.int32))

    @classmethod
    def of_block(
        cls, rows: Sequence[npt.NDArray[np.uint64]], first: int, band_type: np.dtype[Any]
    ) -> _Keys:
        """The keys of ``rows`` (one array of band keys per article, from position ``first``)."""
        if not rows:
            return cls(np.empty(0, np.uint64), np.empty(0, band_type), np.empty(0, np.int32))
        bands = len(rows[0])
        keys = np.concatenate(rows)
        order = np.argsort(keys, kind="stable")
        band_of = np.tile(np.arange(bands, dtype=band_type), len(rows))
        positions = np.repeat(np.arange(first, first + len(rows), dtype=np.int32), bands)
        return cls(keys[order], band_of[order], positions[order])

    def find(
        self, keys: npt.NDArray[np.uint64]
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int32]]:
        """(band, position) of every entry equal to the key of its own band (``keys[band]``)."""
        low = np.searchsorted(self.keys, keys, side="left")
        lengths = np.searchsorted(self.keys, keys, side="right") - low
        at = np.repeat(low - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        wanted = np.repeat(np.arange(len(keys)), lengths)
        same = self.bands[at] == wanted
        return wanted[same], self.positions[at[same]]

    def merge(self, other: _Keys) -> _Keys:
        at = np.searchsorted(self.keys, other.keys, side="right")
        return _Keys(
            np.insert(self.keys, at, other.keys),
            np.insert(self.bands, at, other.bands),
            np.insert(self.positions, at, other.positions),
        )


_KEY_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
