"""The time-decayed candidate index that events and stories are grouped with.

Events (articles grouped into happenings, dateline/grouping/events.py) and stories (events
threaded into running stories, dateline/grouping/stories.py) are built by one algorithm at two
scales; this module holds what they share, each stage passing its own named parameters
(``IndexParams`` for time and the index, ``Bars`` for the similarities that decide):

- Candidates, not a scan. An inverted index maps each salient term (a vector's highest-weighted
  features: names, numbers, rare words; and, for vectors with dense columns, their dense bands)
  and date bucket to the groups that hold it. An item is compared only with the groups that
  share the most salient terms with it in nearby date buckets, so the cost per item does not
  grow with the store (terms held by very many groups in one bucket say nothing about identity
  and are not looked up).
- Time. Similarity decays with the distance in days between an item and a group's span: two
  meetings of the same ministers two years apart share every name but not the date. An undated
  item, or an undated group, has no time evidence and is placed by content alone (against a bar
  of its own, and looked up in every bucket).
- Placement in date order (undated items last), then a second look: after the pass, each new
  item is taken out of its group and placed again against the groups as they ended up, so an
  item read before its group's other members can still join them; this makes the result depend
  little on input order.
- Merging, best pair first: starting from the groups a build changed, each looks up its
  candidates in the index; the best pair above the bar is merged, the merged group looks again,
  until no pair qualifies. Together with the placement pass this is average-link clustering,
  computed on candidates.

The stages keep their own job: what a group's vector and similarity are, titles, and what is
saved; they reach the index through the ``Group`` protocol and a few callables.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, Protocol, TypeVar

import numpy as np
import numpy.typing as npt
from scipy import sparse

from dateline.grouping.sparse import N_FEATURES

UNDATED = -1
"""The date bucket of undated groups."""
DENSE_BANDS = 8
"""Dense-vector hashes a vector is indexed under (see ``dense_bands``)."""
DENSE_BITS = 6
"""Bits per band: close directions (cosine 0.7) share some band 8 times in 10, unrelated ones
(cosine 0.1) about 1 time in 6."""
BAND_OFFSET = 1 << 40
HYPERPLANE_SEED = 20261123


@dataclass(frozen=True)
class IndexParams:
    """How similarity fades with time and how the index finds candidates, for one stage."""

    grace_days: int
    """Within this many days of a group's span, similarity is not discounted (late reports)."""
    decay_days: float
    """Beyond the grace, similarity is multiplied by exp(-extra days / decay_days)."""
    lowest_bar: float
    """The lowest bar a time-decayed similarity must reach: sets how far candidates are looked
    for (``max_days``)."""
    bucket_days: int
    """Width of the date buckets of the index."""
    salient_terms: int
    """Index terms per vector: its highest-weighted features."""
    max_postings: int
    """A term held by more groups than this in one date bucket is too common to find
    candidates."""
    max_candidates: int
    """Groups compared in full per item: those sharing the most salient terms with it."""

    def time_decay(self, day: date | None, first: date | None, last: date | None) -> float:
        """How much of a similarity survives the distance from ``day`` to the span first..last."""
        if day is None or first is None or last is None or first <= day <= last:
            return 1.0
        distance = (first - day).days if day < first else (day - last).days
        if distance <= self.grace_days:
            return 1.0
        return math.exp(-(distance - self.grace_days) / self.decay_days)

    def span_decay(self, a: Group, b: Group) -> float:
        """Time decay between two groups: the distance between their spans."""
        a_first, a_last, b_first, b_last = a.first, a.last, b.first, b.last
        if a_first is None or a_last is None or b_first is None or b_last is None:
            return 1.0
        if a_last < b_first:
            return self.time_decay(a_last, b_first, b_last)
        if b_last < a_first:
            return self.time_decay(b_last, a_first, a_last)
        return 1.0

    def max_days(self) -> int:
        """Distance beyond a group's span at which no similarity can reach the lowest bar."""
        return self.grace_days + math.ceil(self.decay_days * math.log(1.0 / self.lowest_bar))

    def bucket(self, day: date) -> int:
        """The date bucket of a day."""
        return day.toordinal() // self.bucket_days


@dataclass(frozen=True)
class Bars:
    """The similarities that decide, for one stage (and one kind of vector)."""

    join: float
    """Minimum (time-decayed) similarity between an item and a group for it to join."""
    undated: float
    """The same bar when the item or the group has no date: content alone must be this close."""
    merge: float
    """Minimum (time-decayed) similarity between two groups for them to merge."""
    merge_undated: float
    """The same bar when either group has no date."""

    def to_join(self, day: date | None, first: date | None) -> float:
        """The bar for an item of date ``day`` and a group whose span starts at ``first``."""
        return self.undated if day is None or first is None else self.join

    def to_merge(self, first: date | None, other: date | None) -> float:
        """The bar for two groups whose spans start at ``first`` and ``other``."""
        return self.merge_undated if first is None or other is None else self.merge


class Group(Protocol):
    """What the index reads of a group (an event, a story)."""

    @property
    def id(self) -> str: ...

    @property
    def days(self) -> Counter[date]: ...

    @property
    def first(self) -> date | None: ...

    @property
    def last(self) -> date | None: ...

    @property
    def size(self) -> int:
        """How many members the group holds (0: empty, never a candidate)."""
        ...


G = TypeVar("G", bound=Group)
T = TypeVar("T")


class CandidateIndex(Generic[G]):
    """Salient term and date bucket -> groups, and the groups themselves (in insertion order).

    ``keys`` gives what a group is indexed and looked up under (its salient terms). Postings of
    a group that left are not removed; they are skipped when read.
    """

    def __init__(self, params: IndexParams, keys: Callable[[G], list[int]]) -> None:
        self.params = params
        self.keys = keys
        self.groups: dict[str, G] = {}
        self.postings: dict[int, dict[int, set[str]]] = {}

    def put(
        self, group: G, terms: Iterable[int] | None = None, days: Iterable[date] | None = None
    ) -> None:
        """Index ``group`` under ``terms`` (default: its keys) in the buckets of ``days``
        (default: all its dates), or in the undated bucket when there are none."""
        self.groups[group.id] = group
        if terms is None:
            terms = self.keys(group)
        buckets = {self.params.bucket(day) for day in (group.days if days is None else days)}
        buckets = buckets or {UNDATED}
        for term in terms:
            by_bucket = self.postings.setdefault(term, {})
            for bucket in buckets:
                by_bucket.setdefault(bucket, set()).add(group.id)

    def drop(self, group_id: str) -> None:
        """Forget a group that lost its members or was merged away."""
        self.groups.pop(group_id, None)

    def candidates(self, terms: Sequence[int], first: date | None, last: date | None) -> list[G]:
        """Groups sharing the most salient terms with something spanning first..last (ties by
        id), the nearby buckets and the undated one; every bucket when first..last is undated."""
        limit = self.params.max_postings
        shared: Counter[str] = Counter()
        if first is None or last is None:
            for term in terms:
                by_bucket = self.postings.get(term)
                # undated: every bucket, unless the term is common overall
                if by_bucket and sum(len(held) for held in by_bucket.values()) <= limit:
                    for held in by_bucket.values():
                        shared.update(held)
        else:
            reach = -(-self.params.max_days() // self.params.bucket_days)
            low = max(self.params.bucket(first) - reach, 0)  # a real date's bucket is >= 0
            high = self.params.bucket(last) + reach
            wanted = [*range(low, high + 1), UNDATED]
            for term in terms:
                by_bucket = self.postings.get(term)
                if not by_bucket:
                    continue
                if len(by_bucket) <= len(wanted):  # read the term's buckets, or look up ours
                    for bucket, held in by_bucket.items():
                        if (low <= bucket <= high or bucket == UNDATED) and len(held) <= limit:
                            shared.update(held)
                    continue
                for bucket in wanted:
                    near = by_bucket.get(bucket)
                    if near is not None and len(near) <= limit:
                        shared.update(near)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        groups = (self.groups.get(g) for g, _ in ranked)
        return [group for group in groups if group is not None and group.size][
            : self.params.max_candidates
        ]

    def neighbours(self, group: G) -> list[G]:
        """The candidates of a group: under its keys, near its span (itself among them)."""
        return self.candidates(self.keys(group), group.first, group.last)

    def best(
        self,
        terms: Sequence[int],
        day: date | None,
        similarities: Callable[[list[G]], npt.NDArray[np.float64]],
        bars: Bars,
    ) -> tuple[G | None, float]:
        """The candidate with the highest time-decayed similarity to an item of date ``day``,
        if it reaches the bar, and that similarity; (None, 0.0) when none does."""
        candidates = self.candidates(terms, day, day)
        if not candidates:
            return None, 0.0
        decays = [self.params.time_decay(day, g.first, g.last) for g in candidates]
        scores = similarities(candidates) * np.array(decays)
        best = int(np.argmax(scores))
        group = candidates[best]
        bar = bars.to_join(day, group.first)
        return (group, float(scores[best])) if scores[best] >= bar else (None, 0.0)

    def merge(
        self,
        seeds: Sequence[str],
        bars: Bars,
        scores: Callable[[G, list[G]], list[float]],
        absorb: Callable[[G, G], None],
    ) -> set[str]:
        """Merge pairs of groups whose similarity reaches the bar, best pair first.

        Starting from the ``seeds`` (the groups a build changed), each looks up its candidates;
        the best pair above the bar is merged, the merged group looks again, until no pair
        qualifies. ``scores(a, others)`` gives the time-decayed similarities of ``a`` with each
        of ``others``; ``absorb(keep, gone)`` moves the members of ``gone`` into ``keep`` (the
        larger; ties: the smaller id). Returns the ids of the groups merged, kept or gone.

        Keep the order of the calls to ``keys`` and ``scores``: a story's profile is refreshed
        lazily when read (``StoryState.profile``), so when it is read is part of the result.
        """
        heap: list[tuple[float, str, str]] = []
        for group_id in seeds:
            self._push_pairs(self.groups[group_id], heap, bars, scores)
        changed: set[str] = set()
        while heap:
            negative, a_id, b_id = heapq.heappop(heap)
            a, b = self.groups.get(a_id), self.groups.get(b_id)
            if a is None or b is None or not a.size or not b.size:
                continue
            current = scores(a, [b])[0]
            if abs(current + negative) > 1e-9:  # stale entry: one side changed since
                if current >= bars.to_merge(a.first, b.first):
                    heapq.heappush(heap, (-current, a_id, b_id))
                continue
            keep, gone = (a, b) if (-a.size, a.id) <= (-b.size, b.id) else (b, a)
            absorb(keep, gone)
            self.drop(gone.id)
            self.put(keep)
            changed |= {keep.id, gone.id}
            self._push_pairs(keep, heap, bars, scores)
        return changed

    def _push_pairs(
        self,
        group: G,
        heap: list[tuple[float, str, str]],
        bars: Bars,
        scores: Callable[[G, list[G]], list[float]],
    ) -> None:
        others = [other for other in self.neighbours(group) if other.id != group.id]
        if not others:
            return
        for other, score in zip(others, scores(group, others), strict=True):
            if score >= bars.to_merge(group.first, other.first):
                pair = (group.id, other.id) if group.id < other.id else (other.id, group.id)
                heapq.heappush(heap, (-score, *pair))


def group_id(prefix: str, seed: str) -> str:
    """A stable group id, derived from the member (``seed``) that opened the group."""
    return prefix + hashlib.blake2b(seed.encode(), digest_size=5).hexdigest()


def date_order(day: date | None, key: str) -> tuple[bool, date, str]:
    """The placement order: dated items by date (ties by ``key``), then the undated."""
    return (day is None, day or date.min, key)


def place_all(
    order: Sequence[T], place: Callable[[T], str], take_out: Callable[[T], None], passes: int
) -> set[str]:
    """Place each item (``order``: date order) in a group, then ``passes`` times take each out
    and place it again against the groups as they ended up; returns the groups placed in."""
    touched = {place(item) for item in order}
    for _ in range(passes):
        for item in order:
            take_out(item)
            touched.add(place(item))
    return touched


def salient_terms(row: sparse.csr_matrix, limit: int) -> list[int]:
    """The ``limit`` highest-weighted hashed features of a row (ties by feature number); dense
    columns (past the hashed features) are no terms."""
    indices, data = row.indices, row.data
    if row.shape[1] > N_FEATURES:
        hashed = indices < N_FEATURES
        indices, data = indices[hashed], data[hashed]
    if len(indices) <= limit:
        return sorted(int(i) for i in indices)
    top = np.argpartition(-data, limit - 1)[:limit]
    return sorted(int(i) for i in indices[top])


def index_keys(row: sparse.csr_matrix, limit: int) -> list[int]:
    """What a vector is indexed and looked up under: its ``limit`` salient terms and, when it
    has dense columns, its dense bands (so rewordings that share no word still find each
    other)."""
    return salient_terms(row, limit) + dense_bands(row)


def dense_bands(row: sparse.csr_matrix) -> list[int]:
    """Random-hyperplane hashes of the dense columns, ``DENSE_BANDS`` codes of ``DENSE_BITS``.

    Two vectors at angle t agree on a bit with probability 1 - t/pi, so close directions share
    a band far more often than unrelated ones (an approximate nearest-neighbour index): indexed
    beside the salient terms, they let rewordings that share no word find each other. Codes are
    offset past every hashed feature so they never collide with a term.
    """
    dense = row.indices >= N_FEATURES
    if not dense.any():
        return []
    width = row.shape[1] - N_FEATURES
    vector = np.zeros(width, dtype=np.float64)
    vector[row.indices[dense] - N_FEATURES] = row.data[dense]
    bits = (_hyperplanes(width) @ vector > 0).reshape(DENSE_BANDS, DENSE_BITS)
    codes = bits.astype(np.int64) @ (1 << np.arange(DENSE_BITS, dtype=np.int64))
    return [BAND_OFFSET + band * (1 << DENSE_BITS) + int(c) for band, c in enumerate(codes)]


@functools.cache
def _hyperplanes(width: int) -> npt.NDArray[np.float64]:
    """Fixed random hyperplanes (seeded: stored indexes stay valid across runs)."""
    planes: npt.NDArray[np.float64] = np.random.default_rng(HYPERPLANE_SEED).standard_normal(
        (DENSE_BANDS * DENSE_BITS, width)
    )
    return planes


def unit_vector(row: sparse.csr_matrix) -> sparse.csr_matrix:
    """``row`` scaled to unit length (float32; an all-zero row stays zero)."""
    norm = float(np.sqrt(np.dot(row.data.astype(np.float64), row.data.astype(np.float64))))
    unit = sparse.csr_matrix(row, dtype=np.float32, copy=True)
    if norm:
        unit.data /= np.float32(norm)
    return unit


class Scatter:
    """One item's unit vector spread over a reused dense row, for fast dots with many groups'
    one-row vectors (the item is read once, each group in proportion to its own entries)."""

    def __init__(self) -> None:
        self.dense = np.zeros(N_FEATURES, dtype=np.float64)
        self.indices = np.zeros(0, dtype=np.int32)

    def load(self, row: sparse.csr_matrix) -> None:
        """Spread ``row`` (clearing the previous one)."""
        if row.shape[1] != len(self.dense):
            self.dense = np.zeros(row.shape[1], dtype=np.float64)
        self.dense[self.indices] = 0.0
        self.indices = row.indices
        self.dense[row.indices] = row.data

    def dot(self, profile: sparse.csr_matrix) -> float:
        """Dot product of the loaded row with a one-row profile."""
        return float(np.dot(profile.data, self.dense[profile.indices]))

    def parts(self, profile: sparse.csr_matrix) -> tuple[float | None, float | None]:
        """Cosines of the word part and of the dense part alone (None without dense columns):
        how much each kind of evidence agrees, for explanations."""
        if len(self.dense) <= N_FEATURES:
            return None, None
        dense = profile.indices >= N_FEATURES
        mine = self.dense[profile.indices]
        found: list[float | None] = []
        for part, own in ((~dense, self.dense[:N_FEATURES]), (dense, self.dense[N_FEATURES:])):
            theirs = profile.data[part].astype(np.float64)
            norms = float(np.linalg.norm(theirs) * np.linalg.norm(own))
            found.append(round(float(np.dot(theirs, mine[part])) / norms, 4) if norms else None)
        return found[0], found[1]

    def shared(self, profile: sparse.csr_matrix, limit: int) -> tuple[int, ...]:
        """The ``limit`` features contributing most to the dot product with ``profile``."""
        contributions = profile.data * self.dense[profile.indices]
        contributions[profile.indices >= N_FEATURES] = 0.0  # dense columns are no terms
        order = np.argsort(-contributions, kind="stable")[:limit]
        return tuple(int(profile.indices[i]) for i in order if contributions[i] > 0)
