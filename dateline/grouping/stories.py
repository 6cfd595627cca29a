"""Stories: thread events into the running stories they belong to, over months.

An event is one happening (a meeting, a vote, a quake); a story is the thread that connects many
of them ("the Gulf oil spill", "the trial of a producer"). Stories are coarser than events and
are told apart by their topic, not by their details: an event joins the story whose centroid
(the summed vectors of its events' articles) is closest to its own, and closeness fades slowly
with time (no discount within a year of the story's span, then over years, not days).

The algorithm is the event stage's (dateline/grouping/events.py) one level up, on the same
time-decayed candidate index (dateline/grouping/index.py), so its cost grows with the number of
events, not their square:

- Candidates from an inverted index. Each story is indexed under its salient terms (the
  highest-weighted features of its centroid) and, with dense columns, its dense bands, in
  coarse date buckets; an event is compared only with the stories that share the most salient
  terms with it in nearby buckets.
- Placement in date order (undated events last, placed by content alone), then a second look:
  each new event is taken out and placed again against the stories as they ended up, then
  stories whose centroids have become close are merged, best pair first, and small stories are
  folded into a close larger one. Within one call the result depends only on the set of
  events, not on their order; across calls (incremental threading) it depends a little on how
  the events were split, which the benchmarks measure.
- Explainable: every event keeps the similarity and the shared terms that decided its story.

The caller says which bars apply (``WITH_DENSE`` when the vectors it threads carry dense
columns, ``SPARSE_ONLY`` when they do not): dense columns mix in closer-lying cosines.

What a caller must persist to extend stories later is ``StoryState``: the story id, its summed
vector and, per event, its ``StoryLink`` (date, size, title, entities, similarity, shared
terms), plus the readable names of the terms it mentions. ``encode_state`` gives these as a
blob and a JSON text, ``decode_state`` reads them back. When an event changes in a later build
(it gained articles, or was merged away), call ``StoryIndex.discard`` with its old stored
vector, then ``add`` it again with the new one.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt
from scipy import sparse

from dateline.grouping.index import (
    Bars,
    CandidateIndex,
    IndexParams,
    Scatter,
    date_order,
    group_id,
    index_keys,
    place_all,
    salient_terms,
    unit_vector,
)
from dateline.grouping.sparse import (
    N_FEATURES,
    article_features,
    dots,
    feature_indices,
    heaviest,
    with_dense,
)
from dateline.store.events import StoredEvent
from dateline.store.vectors import from_bytes, to_bytes

# Calibrated on the news-tls entities corpus (dateline eval events --dataset entities-stories)
# and ECB+ dev topics (--dataset ecbplus-dev-stories), together with STORY_DENSE_WEIGHT; Timeline17
# is report-only. Without dense vectors (the model not installed) the sparse-only values of the
# first calibration apply (``SPARSE_ONLY``). Retune together.
STORY_DENSE_WEIGHT = 0.2
"""Share of the dense (MiniLM) similarity in an event-to-story similarity (``embed.with_dense``).
Entities: B3 F1 0.960 with 0, 0.969 with 0.15-0.2; ECB+ dev topics: 0.929 either way; 0.3 merges
topics on both."""
PROFILE_TERMS = 1500
"""Features of a story's centroid kept for matching (its tail is noise and costs time)."""
REFRESH_SHARE = 0.125
"""A story's profile is recomputed once this share of its events changed (geometric: linear)."""
SMALL_STORY_ARTICLES = 10
"""A story with fewer articles is folded into a close larger one (``Thresholds.attach``)."""


@dataclass(frozen=True)
class Thresholds(Bars):
    """The bars of one kind of vector, with dense columns or sparse alone: cosines of an event
    and a story centroid (``join``, ``undated``), of two stories (``merge``, dated or not)."""

    attach: float
    """Minimum (time-decayed) cosine between a small story and a larger one to fold it in."""


WITH_DENSE = Thresholds(join=0.20, undated=0.20, merge=0.55, merge_undated=0.55, attach=0.10)
"""For vectors with dense columns (``story_vector`` given dense vectors)."""
SPARSE_ONLY = Thresholds(join=0.10, undated=0.10, merge=0.30, merge_undated=0.30, attach=0.05)
"""Entities B3 F1 0.960 and ECB+ dev topics 0.929 with these (sparse vectors only)."""

STORY_INDEX = IndexParams(
    grace_days=365,  # no discount within a year of a story's span
    decay_days=730.0,  # then over years, not days
    lowest_bar=min(WITH_DENSE.join, SPARSE_ONLY.join),
    bucket_days=90,
    salient_terms=24,  # per event and per story
    max_postings=500,
    max_candidates=30,  # stories compared in full per event
)
"""Time decay and candidate search of the story stage: one reach for both sets of bars."""

SHARED_TERMS = 6
"""Terms kept to explain an assignment: those contributing most to the similarity."""
MAIN_TERMS = 8
MAIN_ENTITIES = 5


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
    def size(self) -> int:
        """How many events the story holds."""
        return len(self.links)

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
    return unit_vector(row)


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


class StoryIndex:
    """Stories and the candidate index (salient term x date bucket -> stories) that finds them.

    Build one empty or from saved ``StoryState`` records, ``add`` events (as often as new ones
    arrive), read ``stories()`` for readers and ``states()`` to save.
    """

    def __init__(self, states: Iterable[StoryState] = ()) -> None:
        self._index: CandidateIndex[StoryState] = CandidateIndex(
            STORY_INDEX, lambda state: index_keys(state.profile, STORY_INDEX.salient_terms)
        )
        self._states = self._index.groups
        self._home: dict[str, str] = {}
        self._scatter = Scatter()
        for state in states:
            self._index.put(state)
            for event_id in state.links:
                self._home[event_id] = state.id

    def story_of(self, event_id: str) -> str | None:
        """The id of the story that holds an event."""
        return self._home.get(event_id)

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
            self._index.drop(story_id)
        return story_id

    def add(self, events: Sequence[StoryInput], bars: Thresholds) -> set[str]:
        """Thread new events into the stories; returns the ids of the stories that changed.

        ``bars``: ``WITH_DENSE`` when the event vectors carry dense columns (``story_vector``
        given dense vectors), ``SPARSE_ONLY`` when they do not. An event already held is first
        taken out (its stored vector must equal the one given now; for a changed event call
        ``discard`` with the old vector first).
        """
        for event in events:
            if event.event_id in self._home:
                self.discard(event.event_id, event.vector)
        ordered = sorted(events, key=lambda e: date_order(e.date, e.event_id))
        units = {e.event_id: unit_vector(e.vector) for e in ordered}
        terms = {e.event_id: index_keys(e.vector, STORY_INDEX.salient_terms) for e in ordered}

        def place(event: StoryInput) -> str:
            return self._place(event, units[event.event_id], terms[event.event_id], bars)

        def take_out(event: StoryInput) -> None:
            self.discard(event.event_id, event.vector)

        touched = place_all(ordered, place, take_out, passes=1)
        seeds = sorted(touched & self._states.keys())
        touched |= self._index.merge(seeds, bars, _pair_scores, self._absorb)
        touched |= self._attach_small(self._small_near(touched & self._states.keys()), bars)
        return touched

    def _place(
        self, event: StoryInput, unit: sparse.csr_matrix, terms: Sequence[int], bars: Thresholds
    ) -> str:
        def similarities(candidates: list[StoryState]) -> npt.NDArray[np.float64]:
            self._scatter.load(unit)
            return np.array([self._scatter.dot(s.profile) for s in candidates])

        best, similarity = self._index.best(terms, event.date, similarities, bars)
        if best is None:
            best = StoryState(
                id=self._free_id(event.event_id),
                counts=sparse.csr_matrix(event.vector.shape, dtype=np.float32),
            )
            similarity, shared = 1.0, tuple(salient_terms(event.vector, SHARED_TERMS))
            parts: tuple[float | None, float | None] = (None, None)
        else:
            shared = self._scatter.shared(best.profile, SHARED_TERMS)
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
        salient = salient_terms(event.vector, STORY_INDEX.salient_terms)
        best.names.update({t: n for t in salient if (n := event.labels.get(t)) is not None})
        self._home[event.event_id] = best.id
        # indexed under the event's terms in the event's bucket (undated: the story's buckets)
        self._index.put(best, terms, None if event.date is None else [event.date])
        return best.id

    def _free_id(self, event_id: str) -> str:
        """The id for a story opened by ``event_id`` (suffixed if a story already has it)."""
        story_id, n = group_id("st", event_id), 0
        while story_id in self._states:
            n += 1
            story_id = group_id("st", f"{event_id}/{n}")
        return story_id

    def _absorb(self, keep: StoryState, gone: StoryState) -> None:
        """Move every event of ``gone`` into ``keep`` (a merge; the caller drops ``gone``)."""
        keep.absorb(gone)
        for event_id in gone.links:
            self._home[event_id] = keep.id

    def _small_near(self, touched: set[str]) -> list[str]:
        """The changed stories and the small stories near them (an older small story may now
        have a larger neighbour that it had not when it was threaded)."""
        near = set(touched)
        for story_id in touched:
            found = self._index.neighbours(self._states[story_id])
            near |= {s.id for s in found if _articles(s) < SMALL_STORY_ARTICLES}
        return sorted(near)

    def _attach_small(self, seeds: Sequence[str], bars: Thresholds) -> set[str]:
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
            found = self._index.neighbours(state)
            larger = [o for o in found if o.id != state.id and _articles(o) > _articles(state)]
            scores = _pair_scores(state, larger)
            scored = [(score, o.id, o) for score, o in zip(scores, larger, strict=True)]
            best = max(scored, key=lambda item: (item[0], item[1]), default=None)
            if best is None or best[0] < bars.attach:
                continue
            keep = best[2]
            self._absorb(keep, state)
            self._index.drop(state.id)
            self._index.put(keep)
            changed |= {keep.id, state.id}
        return changed

    def states(self) -> list[StoryState]:
        """Every story's state, to save (ordered by id)."""
        return [self._states[k] for k in sorted(self._states) if self._states[k].total.nnz >= 0]

    def stories(self) -> list[Story]:
        """Every story for readers, largest first."""
        return describe_stories(self._states.values())

    def assignments(self) -> dict[str, str]:
        """Event id -> story id."""
        return dict(self._home)


def _articles(state: StoryState) -> int:
    return sum(link.size for link in state.links.values())


def _pair_scores(state: StoryState, others: list[StoryState]) -> list[float]:
    """Time-decayed cosines of a story's profile with other stories' (merging, attaching)."""
    return [
        float(dots(state.profile, other.profile)[0]) * STORY_INDEX.span_decay(state, other)
        for other in others
    ]


def distinct_terms(names: Iterable[str], limit: int) -> tuple[str, ...]:
    """The first ``limit`` names, skipping any that repeats an earlier one but for case."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.lower(), name)
        if len(seen) == limit:
            break
    return tuple(seen.values())


def describe_stories(states: Iterable[StoryState]) -> list[Story]:
    """Stories for readers, largest first (readers need no candidate index: ``api.stories``)."""
    found = [describe_story(state) for state in states]
    return sorted(found, key=lambda s: (-sum(k.size for k in s.links), s.id))


def describe_story(state: StoryState) -> Story:
    """Title, ordered events, main terms and names of a story.

    The title is the title of its largest event (ties: the closest to the story when it
    joined); main terms are the readable names of the centroid's heaviest features.
    """
    links = sorted(state.links.values(), key=lambda k: date_order(k.date, k.event_id))
    titled = [k for k in links if k.title]
    lead = max(titled, key=lambda k: (k.size, k.similarity, k.event_id), default=None)
    total = state.total
    heavy = heaviest(total.data, MAIN_TERMS * 4)
    terms = [state.names.get(int(total.indices[i])) for i in heavy]
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
    events: Sequence[StoryInput], bars: Thresholds, existing: Iterable[StoryState] = ()
) -> tuple[list[Story], list[StoryState]]:
    """Thread ``events`` into stories (extending ``existing``) under ``bars`` (``WITH_DENSE``
    or ``SPARSE_ONLY``, by the kind of vector); the stories and states to save."""
    index = StoryIndex(existing)
    index.add(events, bars)
    return index.stories(), index.states()


def feature_labels(title: str | None, texts: Iterable[str]) -> dict[int, str]:
    """Readable names of the hashed features of some texts (for explanations and main terms).

    Names the features the way dateline/grouping/sparse.py hashes them: ``n:`` names and ``nn:``
    name pairs become the name, ``#`` numbers the number; a plain word stays a word. The first
    feature read keeps a hashed column that several share.
    """
    features = list(dict.fromkeys(f for text in texts for f in article_features(title, text)))
    labels: dict[int, str] = {}
    if not features:
        return labels
    for column, feature in zip(feature_indices(features).tolist(), features, strict=True):
        labels.setdefault(column, _readable(feature))
    return labels


def _readable(feature: str) -> str:
    if feature.startswith("nn:"):
        return feature[3:].replace("_", " ").title()
    if feature.startswith("n:"):
        return feature[2:].title()
    return feature.lstrip("#")
