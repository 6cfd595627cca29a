"""Stories: thread events into the running stories they belong to, over months.

An event is one happening (a meeting, a vote, a quake); a story is the thread that connects many
of them ("the Gulf oil spill", "the trial of a producer"). Stories are coarser than events and
are told apart by their topic, not by their details: an event joins the story whose centroid
(the summed vectors of its events' articles) is closest to its own, and closeness fades slowly
with time (no discount within a year of the story's span, then over years, not days).

The algorithm mirrors the event stage (dateline/grouping/events.py) one level up, so its cost grows
with
the number of events, not their square:

- Candidates from an inverted index. Each story is indexed under its salient terms (the
  highest-weighted features of its centroid) in coarse date buckets; an event is compared only
  with the stories that share the most salient terms with it in nearby buckets.
- Placement in date order (undated events last, placed by content alone), then a second look:
  each new event is taken out and placed again against the stories as they ended up, then
  stories whose centroids have become close are merged, best pair first. Within one call the
  result depends only on the set of events, not on their order; across calls (incremental
  threading) it depends a little on how the events were split, which the benchmarks measure.
- Explainable: every event keeps the similarity and the shared terms that decided its story.

What a caller must persist to extend stories later is ``StoryState``: the story id, its summed
vector and, per event, its ``StoryLink`` (date, size, title, entities, similarity, shared
terms), plus the readable names of the terms it mentions. ``encode_state`` gives these as a
blob and a JSON text, ``decode_state`` reads them back. When an event changes in a later build
(it gained articles, or was merged away), call ``StoryIndex.discard`` with its old stored
vector, then ``add`` it again with the new one.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.utils import murmurhash3_32

from dateline.grouping.sparse import (
    N_FEATURES,
    article_features,
    dots,
    from_bytes,
    to_bytes,
    with_dense,
)
from dateline.store.events import StoredEvent

# Calibrated on the news-tls entities corpus (dateline eval events --dataset entities-stories)
# and ECB+ dev topics (--dataset ecbplus-dev-stories), together with STORY_DENSE_WEIGHT; Timeline17
# is report-only. Without dense vectors (the model not installed) the sparse-only values of the
# first calibration apply (``SPARSE_ONLY``). Retune together.
STORY_DENSE_WEIGHT = 0.2
"""Share of the dense (MiniLM) similarity in an event-to-story similarity (``embed.with_dense``).
Entities: B3 F1 0.960 with 0, 0.969 with 0.15-0.2; ECB+ dev topics: 0.929 either way; 0.3 merges
topics on both."""
GRACE_DAYS = 365
"""Within this many days of a story's span, similarity is not discounted."""
DECAY_DAYS = 730.0
"""Beyond the grace, similarity is multiplied by exp(-extra days / DECAY_DAYS)."""
SALIENT_TERMS = 24
"""Index terms per event and per story: the highest-weighted features of its vector."""
MAX_POSTINGS = 500
"""A term held by more stories than this in one bucket is too common to find candidates."""
MAX_CANDIDATES = 30
"""Stories compared in full per event."""
BUCKET_DAYS = 90
"""Width of the date buckets of the index."""
PROFILE_TERMS = 1500
"""Features of a story's centroid kept for matching (its tail is noise and costs time)."""
REFRESH_SHARE = 0.125
"""A story's profile is recomputed once this share of its events changed (geometric: linear)."""
SMALL_STORY_ARTICLES = 10
"""A story with fewer articles is folded into a close larger one (``Thresholds.attach``)."""


@dataclass(frozen=True)
class Thresholds:
    """The bars of one kind of vector: with dense columns, or sparse alone."""

    join: float
    """Minimum (time-decayed) cosine between an event and a story centroid for it to join."""
    undated: float
    """The same bar when the event or the story has no date: content alone must be this close."""
    merge: float
    """Minimum (time-decayed) cosine between two story centroids for them to merge."""
    attach: float
    """Minimum (time-decayed) cosine between a small story and a larger one to fold it in."""


WITH_DENSE = Thresholds(join=0.20, undated=0.20, merge=0.55, attach=0.10)
SPARSE_ONLY = Thresholds(join=0.10, undated=0.10, merge=0.30, attach=0.05)
"""Entities B3 F1 0.960 and ECB+ dev topics 0.929 with these (sparse vectors only)."""


def thresholds_for(vector: sparse.csr_matrix) -> Thresholds:
    """The bars for vectors of this width: dense columns mix in closer-lying dense cosines."""
    return WITH_DENSE if vector.shape[1] > N_FEATURES else SPARSE_ONLY


SHARED_TERMS = 6
"""Terms kept to explain an assignment: those contributing most to the similarity."""
MAIN_TERMS = 8
MAIN_ENTITIES = 5
DENSE_BANDS = 8
"""Dense-vector hashes an event and a story are indexed under (see ``dense_bands``)."""
DENSE_BITS = 6
"""Bits per band: close directions (cosine 0.7) share some band 8 times in 10, unrelated ones
(cosine 0.1) about 1 time in 6."""
BAND_OFFSET = 1 << 40
HYPERPLANE_SEED = 20261123

UNDATED = -1


@dataclass(frozen=True)
class StoryInput:
    """One event as story threading sees it.

    ``vector`` is the event's summed article vectors (``EventState.counts``: IDF-weighted unit
    rows over the hashed features of dateline/grouping/sparse.py), one row. ``labels`` names some
    of its
    hashed features for explanations (``feature_labels``); ``entities`` are its main names.
    """

    event_id: str
    date: date | None
    vector: sparse.csr_matrix
    size: int = 1
    title: str = ""
    entities: tuple[str, ...] = ()
    labels: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StoryLink:
    """Why an event is in its story: the similarity and the shared terms that decided it."""

    event_id: str
    date: date | None
    size: int
    similarity: float
    shared_terms: tuple[int, ...]
    title: str = ""
    entities: tuple[str, ...] = ()
    word_similarity: float | None = None
    """The cosine of the word (hashed) parts alone, when the vectors carry dense columns."""
    dense_similarity: float | None = None
    """The cosine of the dense (sentence-vector) parts alone, likewise."""


@dataclass
class StoryState:
    """A story while threading extends it; what must be saved to extend it later.

    ``counts`` is the exact sum of its events' vectors. Matching uses ``profile``: the unit
    vector of the centroid's ``PROFILE_TERMS`` heaviest features, refreshed when the story has
    changed by a fraction ``REFRESH_SHARE`` since the last refresh. So an event added to a large
    story costs in proportion to the event, not the story (the sum is taken lazily).
    """

    id: str
    counts: sparse.csr_matrix
    links: dict[str, StoryLink] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    days: Counter[date] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        if not self.days:
            self.days = Counter(link.date for link in self.links.values() if link.date)
        self._pending: list[sparse.csr_matrix] = []
        self._changes = 0
        self._profile = _profile(self.counts)

    @property
    def first(self) -> date | None:
        """The earliest event date (None: no dated event)."""
        return min(self.days, default=None)

    @property
    def last(self) -> date | None:
        """The latest event date."""
        return max(self.days, default=None)

    @property
    def total(self) -> sparse.csr_matrix:
        """The exact summed vector (folds in the pending changes)."""
        if self._pending:
            self.counts = _sum_rows([self.counts, *self._pending])
            self._pending = []
        return self.counts

    @property
    def profile(self) -> sparse.csr_matrix:
        """The unit vector that events and other stories are compared with."""
        if self._changes and self._changes >= REFRESH_SHARE * max(len(self.links), 1):
            self._profile = _profile(self.total)
            self._changes = 0
        return self._profile

    def add(self, link: StoryLink, vector: sparse.csr_matrix) -> None:
        """Take an event in."""
        self._pending.append(vector)
        self._changes += 1
        self.links[link.event_id] = link
        if link.date is not None:
            self.days[link.date] += 1

    def remove(self, event_id: str, vector: sparse.csr_matrix) -> None:
        """Let an event go; ``vector`` must be the one it was added with."""
        link = self.links.pop(event_id)
        self._pending.append(-vector)
        self._changes += 1
        if link.date is not None:
            self.days[link.date] -= 1
            if self.days[link.date] <= 0:
                del self.days[link.date]

    def absorb(self, other: StoryState) -> None:
        """Take in every event of another story (a merge)."""
        self._pending.append(other.total)
        self._changes += len(other.links)
        self.links.update(other.links)
        self.names.update(other.names)
        self.days.update(other.days)


@dataclass(frozen=True)
class Story:
    """A story for readers: a title, its events in date order, its main terms and names."""

    id: str
    title: str
    event_ids: tuple[str, ...]
    main_terms: tuple[str, ...]
    main_entities: tuple[str, ...]
    first: date | None
    last: date | None
    links: tuple[StoryLink, ...]


def _sum_rows(rows: Sequence[sparse.csr_matrix]) -> sparse.csr_matrix:
    """The sum of one-row matrices, in time linear in their entries (no dense row)."""
    data = np.concatenate([row.data for row in rows]).astype(np.float32)
    indices = np.concatenate([row.indices for row in rows]).astype(np.int32)
    summed = sparse.csr_matrix((data, indices, [0, len(data)]), shape=rows[0].shape)
    summed.sum_duplicates()
    summed.data[np.abs(summed.data) < 1e-6] = 0.0
    summed.eliminate_zeros()
    return summed


def _profile(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """Unit vector of the ``PROFILE_TERMS`` heaviest hashed features of a summed vector, with
    all of its dense columns (their signs matter, so none is dropped)."""
    row = sparse.csr_matrix(counts, dtype=np.float32)
    hashed = row.indices < N_FEATURES
    if int(hashed.sum()) > PROFILE_TERMS:
        weights = np.where(hashed, row.data, -np.inf)
        keep = np.sort(np.argpartition(-weights, PROFILE_TERMS - 1)[:PROFILE_TERMS])
        keep = np.union1d(keep, np.flatnonzero(~hashed))
        row = sparse.csr_matrix(
            (row.data[keep], row.indices[keep], [0, len(keep)]), shape=row.shape
        )
    return _unit(row)


def _norm(row: sparse.csr_matrix) -> float:
    return float(np.sqrt(np.dot(row.data.astype(np.float64), row.data.astype(np.float64))))


def time_decay(day: date | None, first: date | None, last: date | None) -> float:
    """How much of a similarity survives the distance from ``day`` to a story's span."""
    if day is None or first is None or last is None or first <= day <= last:
        return 1.0
    distance = (first - day).days if day < first else (day - last).days
    if distance <= GRACE_DAYS:
        return 1.0
    return math.exp(-(distance - GRACE_DAYS) / DECAY_DAYS)


def _span_decay(a: StoryState, b: StoryState) -> float:
    a_first, a_last, b_first, b_last = a.first, a.last, b.first, b.last
    if a_first is None or a_last is None or b_first is None or b_last is None:
        return 1.0
    if a_last < b_first:
        return time_decay(a_last, b_first, b_last)
    if b_last < a_first:
        return time_decay(b_last, a_first, a_last)
    return 1.0


def max_days() -> int:
    """Distance beyond a story's span at which no similarity can reach the join bar."""
    lowest = min(WITH_DENSE.join, SPARSE_ONLY.join)
    return GRACE_DAYS + math.ceil(DECAY_DAYS * math.log(1.0 / lowest))


def salient_terms(row: sparse.csr_matrix, limit: int = SALIENT_TERMS) -> list[int]:
    """The ``limit`` highest-weighted hashed features of a row (ties by feature number); dense
    columns are no terms."""
    hashed = row.indices < N_FEATURES
    indices, data = row.indices[hashed], row.data[hashed]
    if len(indices) <= limit:
        return sorted(int(i) for i in indices)
    top = np.argpartition(-data, limit - 1)[:limit]
    return sorted(int(i) for i in indices[top])


def index_terms(row: sparse.csr_matrix) -> list[int]:
    """What a vector is indexed and looked up under: its salient terms and, when it has dense
    columns, its dense bands (so rewordings that share no word still find each other)."""
    return salient_terms(row) + dense_bands(row)


def dense_bands(row: sparse.csr_matrix) -> list[int]:
    """Random-hyperplane hashes of the dense columns, ``DENSE_BANDS`` codes of ``DENSE_BITS``.

    Two vectors at angle t agree on a bit with probability 1 - t/pi, so close directions share
    a band far more often than unrelated ones (an approximate nearest-neighbour index). Codes
    are offset past every hashed feature so they never collide with a term.
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


def story_vector(
    centroid: sparse.csr_matrix,
    article_ids: Iterable[str],
    dense: Mapping[str, npt.NDArray[np.float32]] | None,
) -> sparse.csr_matrix:
    """An event's vector for threading: its summed sparse centroid, with its members' summed
    dense vectors appended (``STORY_DENSE_WEIGHT``) when ``dense`` maps ids to them (None: the
    build runs without dense vectors, and the centroid alone is used)."""
    if dense is None:
        return centroid
    rows = [dense[a] for a in article_ids if a in dense]
    return with_dense(centroid, np.sum(rows, axis=0) if rows else None, STORY_DENSE_WEIGHT)


def story_id_for(seed_event_id: str) -> str:
    """A stable story id, derived from the event that opened the story."""
    return "st" + hashlib.blake2b(seed_event_id.encode(), digest_size=5).hexdigest()


def _bucket(day: date) -> int:
    return day.toordinal() // BUCKET_DAYS


class StoryIndex:
    """Stories and the inverted index (salient term x date bucket -> stories) that finds them.

    Build one empty or from saved ``StoryState`` records, ``add`` events (as often as new ones
    arrive), read ``stories()`` for readers and ``states()`` to save.
    """

    def __init__(self, states: Iterable[StoryState] = ()) -> None:
        self._states: dict[str, StoryState] = {}
        self._postings: dict[int, dict[int, set[str]]] = {}
        self._home: dict[str, str] = {}
        self._scatter = _Scatter()
        for state in states:
            self._put(state)
            for event_id in state.links:
                self._home[event_id] = state.id

    def _put(
        self, state: StoryState, terms: Iterable[int] | None = None, day: date | None = None
    ) -> None:
        """Index a story under its salient terms in the buckets of all its dates, or under
        ``terms`` (an event's) in the bucket of ``day`` (that event's date)."""
        self._states[state.id] = state
        if terms is None:
            terms = index_terms(state.profile)
            buckets = {_bucket(d) for d in state.days} or {UNDATED}
        else:
            buckets = {_bucket(day) if day is not None else UNDATED}
            if day is None and state.days:
                buckets = {_bucket(d) for d in state.days}
        for term in terms:
            by_bucket = self._postings.setdefault(term, {})
            for bucket in buckets:
                by_bucket.setdefault(bucket, set()).add(state.id)

    def story_of(self, event_id: str) -> str | None:
        """The id of the story that holds an event."""
        return self._home.get(event_id)

    def _candidates(
        self, terms: Sequence[int], first: date | None, last: date | None
    ) -> list[StoryState]:
        reach = -(-max_days() // BUCKET_DAYS)
        dated = first is not None and last is not None
        low = _bucket(first) - reach if first is not None else 0
        high = _bucket(last) + reach if last is not None else 0
        shared: Counter[str] = Counter()
        for term in terms:
            by_bucket = self._postings.get(term)
            if not by_bucket:
                continue
            if not dated:  # undated: every bucket, unless the term is common overall
                if sum(len(held) for held in by_bucket.values()) <= MAX_POSTINGS:
                    for held in by_bucket.values():
                        shared.update(held)
                continue
            for bucket, near in by_bucket.items():
                if (low <= bucket <= high or bucket == UNDATED) and len(near) <= MAX_POSTINGS:
                    shared.update(near)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        found = (self._states.get(s) for s, _ in ranked)
        return [state for state in found if state is not None and state.links][:MAX_CANDIDATES]

    def discard(self, event_id: str, vector: sparse.csr_matrix) -> str | None:
        """Take an event out of its story (it changed or was merged away); returns the story.

        ``vector`` must be the vector the event was added with (its stored centroid).
        """
        story_id = self._home.pop(event_id, None)
        if story_id is None:
            return None
        state = self._states[story_id]
        state.remove(event_id, vector)
        if not state.links:
            del self._states[story_id]
        return story_id

    def add(self, events: Sequence[StoryInput]) -> set[str]:
        """Thread new events into the stories; returns the ids of the stories that changed.

        An event already held is first taken out (its stored vector must equal the one given
        now; for a changed event call ``discard`` with the old vector first).
        """
        for event in events:
            if event.event_id in self._home:
                self.discard(event.event_id, event.vector)
        ordered = sorted(events, key=_date_order)
        units = {e.event_id: _unit(e.vector) for e in ordered}
        terms = {e.event_id: index_terms(e.vector) for e in ordered}
        touched: set[str] = set()
        for event in ordered:
            touched.add(self._place(event, units[event.event_id], terms[event.event_id]))
        for event in ordered:  # a second look, against the stories as they ended up
            self.discard(event.event_id, event.vector)
            touched.add(self._place(event, units[event.event_id], terms[event.event_id]))
        touched |= self._merge(sorted(touched & self._states.keys()))
        touched |= self._attach_small(self._small_near(touched & self._states.keys()))
        return touched

    def _place(self, event: StoryInput, unit: sparse.csr_matrix, terms: Sequence[int]) -> str:
        best, similarity = self._best_story(event, unit, terms)
        if best is None:
            best = StoryState(
                id=self._free_id(event.event_id),
                counts=sparse.csr_matrix(event.vector.shape, dtype=np.float32),
            )
            similarity, shared = 1.0, tuple(salient_terms(event.vector, SHARED_TERMS))
            parts: tuple[float | None, float | None] = (None, None)
        else:
            shared = self._scatter.shared(best.profile)
            parts = self._scatter.parts(best.profile)
        link = StoryLink(
            event.event_id,
            event.date,
            event.size,
            round(similarity, 4),
            shared,
            event.title,
            event.entities,
            *parts,
        )
        best.add(link, event.vector)
        best.names.update({t: n for t in shared if (n := event.labels.get(t)) is not None})
        best.names.update(
            {t: n for t in salient_terms(event.vector) if (n := event.labels.get(t)) is not None}
        )
        self._home[event.event_id] = best.id
        self._put(best, terms, event.date)
        return best.id

    def _free_id(self, event_id: str) -> str:
        """The id for a story opened by ``event_id`` (suffixed if a story already has it)."""
        story_id, n = story_id_for(event_id), 0
        while story_id in self._states:
            n += 1
            story_id = story_id_for(f"{event_id}/{n}")
        return story_id

    def _best_story(
        self, event: StoryInput, unit: sparse.csr_matrix, terms: Sequence[int]
    ) -> tuple[StoryState | None, float]:
        candidates = self._candidates(terms, event.date, event.date)
        if not candidates:
            return None, 0.0
        self._scatter.load(unit)
        scores = np.array(
            [
                self._scatter.dot(s.profile) * time_decay(event.date, s.first, s.last)
                for s in candidates
            ]
        )
        best = int(np.argmax(scores))
        state = candidates[best]
        bars = thresholds_for(event.vector)
        bar = bars.undated if event.date is None or state.first is None else bars.join
        return (state, float(scores[best])) if scores[best] >= bar else (None, 0.0)

    def _merge(self, seeds: Sequence[str]) -> set[str]:
        """Merge stories whose centroids are close, best pair first, until none qualifies."""
        heap: list[tuple[float, str, str]] = []
        for story_id in seeds:
            self._push_pairs(self._states[story_id], heap)
        changed: set[str] = set()
        while heap:
            negative, a_id, b_id = heapq.heappop(heap)
            a, b = self._states.get(a_id), self._states.get(b_id)
            if a is None or b is None:
                continue
            current = _story_cosine(a, b)
            if abs(current + negative) > 1e-9:  # stale: one side changed since
                if current >= thresholds_for(a.counts).merge:
                    heapq.heappush(heap, (-current, a_id, b_id))
                continue
            keep, gone = (a, b) if (-len(a.links), a.id) <= (-len(b.links), b.id) else (b, a)
            keep.absorb(gone)
            del self._states[gone.id]
            for event_id in gone.links:
                self._home[event_id] = keep.id
            self._put(keep)
            changed |= {keep.id, gone.id}
            self._push_pairs(keep, heap)
        return changed

    def _small_near(self, touched: set[str]) -> list[str]:
        """The changed stories and the small stories near them (an older small story may now
        have a larger neighbour that it had not when it was threaded)."""
        near = set(touched)
        for story_id in touched:
            state = self._states[story_id]
            found = self._candidates(index_terms(state.profile), state.first, state.last)
            near |= {s.id for s in found if _articles(s) < SMALL_STORY_ARTICLES}
        return sorted(near)

    def _attach_small(self, seeds: Sequence[str]) -> set[str]:
        """Fold each small story into the closest larger one, if it is close enough.

        A story of one or two short events is more often a side-thread of a running story than
        a story of its own; the bar is lower than for a merge, but the larger story must lead.
        """
        small = [
            self._states[s] for s in seeds if _articles(self._states[s]) < SMALL_STORY_ARTICLES
        ]
        small.sort(key=lambda state: (_articles(state), state.id))
        changed: set[str] = set()
        for state in small:
            if state.id not in self._states:
                continue
            found = self._candidates(index_terms(state.profile), state.first, state.last)
            larger = [o for o in found if o.id != state.id and _articles(o) > _articles(state)]
            scored = [(_story_cosine(state, other), other.id, other) for other in larger]
            best = max(scored, key=lambda item: (item[0], item[1]), default=None)
            if best is None or best[0] < thresholds_for(state.counts).attach:
                continue
            keep = best[2]
            keep.absorb(state)
            del self._states[state.id]
            for event_id in state.links:
                self._home[event_id] = keep.id
            self._put(keep)
            changed |= {keep.id, state.id}
        return changed

    def _push_pairs(self, state: StoryState, heap: list[tuple[float, str, str]]) -> None:
        found = self._candidates(index_terms(state.profile), state.first, state.last)
        for other in found:
            if other.id == state.id:
                continue
            score = _story_cosine(state, other)
            if score >= thresholds_for(state.counts).merge:
                pair = (state.id, other.id) if state.id < other.id else (other.id, state.id)
                heapq.heappush(heap, (-score, *pair))

    def states(self) -> list[StoryState]:
        """Every story's state, to save (ordered by id)."""
        return [self._states[k] for k in sorted(self._states) if self._states[k].total.nnz >= 0]

    def stories(self) -> list[Story]:
        """Every story for readers, largest first."""
        found = [describe_story(state) for state in self._states.values()]
        return sorted(found, key=lambda s: (-sum(k.size for k in s.links), s.id))

    def assignments(self) -> dict[str, str]:
        """Event id -> story id."""
        return dict(self._home)


def _articles(state: StoryState) -> int:
    return sum(link.size for link in state.links.values())


def _date_order(event: StoryInput) -> tuple[bool, date, str]:
    return (event.date is None, event.date or date.min, event.event_id)


def _unit(row: sparse.csr_matrix) -> sparse.csr_matrix:
    norm = _norm(row)
    unit = sparse.csr_matrix(row, dtype=np.float32, copy=True)
    if norm:
        unit.data /= np.float32(norm)
    return unit


class _Scatter:
    """One event's unit vector spread over a reused dense row, for fast dots with profiles."""

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

    def shared(self, profile: sparse.csr_matrix) -> tuple[int, ...]:
        """The features contributing most to the dot product with ``profile``."""
        contributions = profile.data * self.dense[profile.indices]
        contributions[profile.indices >= N_FEATURES] = 0.0  # dense columns are no terms
        order = np.argsort(-contributions, kind="stable")[:SHARED_TERMS]
        return tuple(int(profile.indices[i]) for i in order if contributions[i] > 0)


def _story_cosine(a: StoryState, b: StoryState) -> float:
    return float(dots(a.profile, b.profile)[0]) * _span_decay(a, b)


def distinct_terms(names: Iterable[str], limit: int) -> tuple[str, ...]:
    """The first ``limit`` names, skipping any that repeats an earlier one but for case."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.lower(), name)
        if len(seen) == limit:
            break
    return tuple(seen.values())


def describe_story(state: StoryState) -> Story:
    """Title, ordered events, main terms and names of a story.

    The title is the title of its largest event (ties: the closest to the story when it
    joined); main terms are the readable names of the centroid's heaviest features.
    """
    links = sorted(
        state.links.values(), key=lambda k: (k.date is None, k.date or date.min, k.event_id)
    )
    titled = [k for k in links if k.title]
    lead = max(titled, key=lambda k: (k.size, k.similarity, k.event_id), default=None)
    total = state.total
    heavy = np.argsort(-total.data, kind="stable")
    terms = [state.names.get(int(total.indices[i])) for i in heavy[: MAIN_TERMS * 4]]
    main_terms = distinct_terms((t for t in terms if t), MAIN_TERMS)
    entities: Counter[str] = Counter()
    for link in links:
        for name in link.entities:
            entities[name] += link.size
    ranked = sorted(entities.items(), key=lambda item: (-item[1], item[0]))
    return Story(
        id=state.id,
        title=lead.title if lead else (links[0].event_id if links else state.id),
        event_ids=tuple(k.event_id for k in links),
        main_terms=main_terms,
        main_entities=tuple(name for name, _ in ranked[:MAIN_ENTITIES]),
        first=state.first,
        last=state.last,
        links=tuple(links),
    )


def inputs_from_stored(stored: Iterable[StoredEvent]) -> list[StoryInput]:
    """Story inputs from stored events: their summed vectors, dates, sizes and titles."""
    return [
        StoryInput(
            item.event.id,
            item.event.date,
            from_bytes(item.centroid),
            size=len(item.event.article_ids),
            title=item.event.title,
        )
        for item in stored
    ]


def encode_state(state: StoryState) -> tuple[bytes, str]:
    """What to save of a story: its summed vector (bytes) and its links and names (JSON)."""
    links = [
        {
            "event_id": k.event_id,
            "date": k.date.isoformat() if k.date else None,
            "size": k.size,
            "similarity": k.similarity,
            "shared_terms": list(k.shared_terms),
            "title": k.title,
            "entities": list(k.entities),
            "word_similarity": k.word_similarity,
            "dense_similarity": k.dense_similarity,
        }
        for k in state.links.values()
    ]
    names = {str(term): name for term, name in sorted(state.names.items())}
    return to_bytes(state.total), json.dumps({"links": links, "names": names}, sort_keys=True)


def decode_state(story_id: str, counts: bytes, details: str) -> StoryState:
    """A story saved by ``encode_state``, ready to be extended."""
    data = json.loads(details)
    links = {
        item["event_id"]: StoryLink(
            event_id=item["event_id"],
            date=date.fromisoformat(item["date"]) if item["date"] else None,
            size=int(item["size"]),
            similarity=float(item["similarity"]),
            shared_terms=tuple(int(t) for t in item["shared_terms"]),
            title=item["title"],
            entities=tuple(item["entities"]),
            word_similarity=item.get("word_similarity"),
            dense_similarity=item.get("dense_similarity"),
        )
        for item in data["links"]
    }
    names = {int(term): name for term, name in data["names"].items()}
    return StoryState(story_id, from_bytes(counts), links, names)


def thread_stories(
    events: Sequence[StoryInput], existing: Iterable[StoryState] = ()
) -> tuple[list[Story], list[StoryState]]:
    """Thread ``events`` into stories (extending ``existing``); the stories and states to save."""
    index = StoryIndex(existing)
    index.add(events)
    return index.stories(), index.states()


def feature_labels(title: str | None, texts: Iterable[str]) -> dict[int, str]:
    """Readable names of the hashed features of some texts (for explanations and main terms).

    Names the features the way dateline/grouping/sparse.py hashes them: ``n:`` names and ``nn:``
    name
    pairs become the name, ``#`` numbers the number; a plain word stays a word.
    """
    labels: dict[int, str] = {}
    for text in texts:
        for feature in article_features(title, text):
            labels.setdefault(feature_index(feature), _readable(feature))
    return labels


def feature_index(feature: str) -> int:
    """The hashed column of a feature, as sklearn's FeatureHasher computes it."""
    value = int(murmurhash3_32(feature, seed=0))
    if value == -(2**31):
        return (2**31 - 1 - (N_FEATURES - 1)) % N_FEATURES
    return abs(value) % N_FEATURES


def _readable(feature: str) -> str:
    if feature.startswith("nn:"):
        return feature[3:].replace("_", " ").title()
    if feature.startswith("n:"):
        return feature[2:].title()
    return feature.lstrip("#")
