"""Events: group articles that report the same real-world happening, then date and title them.

Stage 6 of the pipeline. Articles are placed one at a time, dated ones in date order and then
the undated, each into the most similar event or into a new one. Three things keep this right
and cheap:

- Candidates, not a scan. An inverted index maps each salient term (an article's highest
  TF-IDF features: names, numbers, rare words) and date bucket to the events that hold it. An
  article is compared only with the events that share its salient terms in nearby date buckets,
  so the cost per article does not grow with the store (terms held by very many events in one
  bucket say nothing about identity and are not looked up).
- Time. Similarity decays with the distance in days between the article and the event's span:
  two meetings of the same ministers two years apart share every name but not the date. An
  undated article, or an undated event, has no time evidence and is placed by content alone.
- A second look. After the pass, each new article is taken out of its event and placed again
  against the events as they ended up, so an article read before its event's other reports can
  still join them; this makes the result depend little on input order.

Batch and incremental builds are the same algorithm: an incremental build starts from the
stored events (their summed vectors and date spans) and places only the new articles.

An event is dated by the earliest publication date among its articles (a report cannot precede
its event), titled by the member headline closest to the event's centroid, and summarised by the
one or two most central lead sentences.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt
from scipy import sparse

from dateline.dates.events import event_date
from dateline.grouping.sparse import (
    Weights,
    dots,
    from_bytes,
    term_counts,
    to_bytes,
    unit_rows,
    weighted_unit_rows,
)
from dateline.model import Article, Event
from dateline.sentences import split_sentences
from dateline.store.events import StoredEvent

# Calibrated on ECB+ dev (dateline eval events --dataset ecbplus-dev) and checked on the demo
# corpus (dateline eval demo); retune together with the feature weights in
# dateline/grouping/sparse.py.
SAME_EVENT_THRESHOLD = 0.30
"""Minimum (time-decayed) average-link similarity (mean cosine to the members) to join."""
UNDATED_THRESHOLD = 0.18
"""The same bar for an article or event without a date: content alone must be this close."""
GRACE_DAYS = 2
"""Within this many days of an event's span, similarity is not discounted (late reports)."""
DECAY_DAYS = 4.0
"""Beyond the grace, similarity is multiplied by exp(-extra days / DECAY_DAYS)."""
SALIENT_TERMS = 12
"""Index terms per article: its highest-weighted features."""
MAX_POSTINGS = 200
"""A term held by more events than this in one date bucket is too common to find candidates."""
MAX_CANDIDATES = 40
"""Events compared in full per article: those sharing the most salient terms with it."""
BUCKET_DAYS = 7
"""Width of the date buckets of the index."""
REPLACE_PASSES = 1
"""Passes that take each new article out of its event and place it again."""
SUMMARY_SENTENCES = 2
REDUNDANT_SIMILARITY = 0.4
"""A second summary sentence must add news: paraphrases of the first score above this."""
MIN_SUMMARY_WORDS, MAX_SUMMARY_WORDS = 6, 60
MIN_TITLE_WORDS = 3

UNDATED = -1
"""The date bucket of undated events."""


def max_days() -> int:
    """Distance beyond an event's span at which no similarity can reach the threshold."""
    return GRACE_DAYS + math.ceil(DECAY_DAYS * math.log(1.0 / SAME_EVENT_THRESHOLD))


def time_decay(day: date | None, first: date | None, last: date | None) -> float:
    """How much of a similarity survives the distance from ``day`` to the span first..last."""
    if day is None or first is None or last is None:
        return 1.0
    if first <= day <= last:
        return 1.0
    distance = (first - day).days if day < first else (day - last).days
    if distance <= GRACE_DAYS:
        return 1.0
    return math.exp(-(distance - GRACE_DAYS) / DECAY_DAYS)


@dataclass
class EventState:
    """An event while a build extends it: summed article vectors and member similarities."""

    id: str
    counts: sparse.csr_matrix
    similarities: dict[str, float] = field(default_factory=dict)
    first: date | None = None
    last: date | None = None
    days: Counter[date] = field(default_factory=Counter)

    def add(self, article_id: str, day: date | None, counts: sparse.csr_matrix, sim: float) -> None:
        """Take an article in: its vector joins the centroid, its date widens the span."""
        self.counts = sparse.csr_matrix(self.counts + counts)
        self.similarities[article_id] = round(sim, 4)
        if day is not None:
            self.days[day] += 1
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)

    @property
    def size(self) -> int:
        """How many articles the event holds."""
        return len(self.similarities)

    def absorb(self, other: EventState) -> None:
        """Take in every member of another event (a merge)."""
        self.counts = sparse.csr_matrix(self.counts + other.counts)
        self.similarities.update(other.similarities)
        self.days.update(other.days)
        self.first = min(self.days, default=None)
        self.last = max(self.days, default=None)

    def remove(self, article_id: str, day: date | None, counts: sparse.csr_matrix) -> None:
        """Let an article go (to be placed again); the span shrinks to the remaining dates."""
        self.counts = sparse.csr_matrix(self.counts - counts)
        del self.similarities[article_id]
        if day is not None:
            self.days[day] -= 1
            if self.days[day] <= 0:
                del self.days[day]
            self.first = min(self.days, default=None)
            self.last = max(self.days, default=None)


def restore_states(
    stored: Sequence[StoredEvent], dates: dict[str, date | None]
) -> list[EventState]:
    """Event states from the store, with date spans from their members' publication dates."""
    states = []
    for item in stored:
        days = Counter(d for a in item.similarities if (d := dates.get(a)) is not None)
        states.append(
            EventState(
                id=item.event.id,
                counts=from_bytes(item.centroid),
                similarities=dict(item.similarities),
                first=min(days, default=None),
                last=max(days, default=None),
                days=days,
            )
        )
    return states


class EventIndex:
    """Salient term and date bucket -> events, and the events themselves."""

    def __init__(self) -> None:
        self.states: dict[str, EventState] = {}
        self.postings: dict[int, dict[int, set[str]]] = {}

    def put(self, state: EventState, terms: Iterable[int]) -> None:
        """Index ``state`` under ``terms`` in the buckets of its dates (or the undated one)."""
        self.states[state.id] = state
        buckets = {_bucket(day) for day in state.days} or {UNDATED}
        for term in terms:
            by_bucket = self.postings.setdefault(term, {})
            for bucket in buckets:
                by_bucket.setdefault(bucket, set()).add(state.id)

    def drop(self, event_id: str) -> None:
        """Forget an event that lost its members (its postings are skipped when read)."""
        self.states.pop(event_id, None)

    def candidates(
        self, terms: Sequence[int], first: date | None, last: date | None
    ) -> list[EventState]:
        """Events sharing the most salient terms with something spanning first..last."""
        buckets = _nearby_buckets(first, last)
        shared: Counter[str] = Counter()
        for term in terms:
            by_bucket = self.postings.get(term)
            if not by_bucket:
                continue
            if buckets is None:  # undated: every bucket, unless the term is common overall
                if sum(len(holders) for holders in by_bucket.values()) <= MAX_POSTINGS:
                    for every in by_bucket.values():
                        shared.update(every)
                continue
            for bucket in buckets:
                near = by_bucket.get(bucket)
                if near and len(near) <= MAX_POSTINGS:
                    shared.update(near)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        return [self.states[e] for e, _ in ranked if e in self.states][:MAX_CANDIDATES]


def _bucket(day: date) -> int:
    return day.toordinal() // BUCKET_DAYS


def _nearby_buckets(first: date | None, last: date | None) -> list[int] | None:
    """The buckets within reach of a span (None: every bucket, for the undated)."""
    if first is None or last is None:
        return None
    reach = _ceil_div(max_days(), BUCKET_DAYS)
    return [*range(_bucket(first) - reach, _bucket(last) + reach + 1), UNDATED]


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def salient_terms(row: sparse.csr_matrix, limit: int = SALIENT_TERMS) -> list[int]:
    """The ``limit`` highest-weighted features of a weighted row (ties by feature number)."""
    if row.nnz <= limit:
        return sorted(int(i) for i in row.indices)
    top = np.argpartition(-row.data, limit - 1)[:limit]
    return sorted(int(i) for i in row.indices[top])


def linkage(
    vector: sparse.csr_matrix, size: int, candidates: Sequence[EventState]
) -> npt.NDArray[np.float64]:
    """Average-link similarity: the mean cosine between the members of each pair of groups.

    A group's vector is the sum of its members' unit vectors, so the mean of all pairwise
    cosines between groups A and B is sum(A) . sum(B) / (|A| |B|), computed without the members.
    """
    rows = sparse.vstack([state.counts for state in candidates])
    sizes = np.array([state.size for state in candidates], dtype=np.float64)
    result: npt.NDArray[np.float64] = dots(rows, vector) / (sizes * size)
    return result


def assign_articles(
    articles: Sequence[Article], vectors: sparse.csr_matrix, states: list[EventState]
) -> set[str]:
    """Place each article (row i of ``vectors``) in an event of ``states``, which changes.

    ``vectors`` holds unit-length IDF-weighted article vectors (``article_vectors``). Returns
    the ids of the events that changed; events emptied or merged away leave ``states``.
    """
    index = EventIndex()
    for state in states:
        index.put(state, salient_terms(state.counts))
    terms = [salient_terms(vectors[i]) for i in range(len(articles))]
    order = sorted(range(len(articles)), key=lambda i: _date_order(articles[i]))
    home: dict[int, EventState] = {}
    touched: set[str] = set()
    for i in order:
        home[i] = _place(index, articles[i], vectors[i], terms[i])
        touched.add(home[i].id)
    for _ in range(REPLACE_PASSES):
        for i in order:
            old = home[i]
            old.remove(articles[i].id, articles[i].published.value, vectors[i])
            if not old.similarities:
                index.drop(old.id)
            home[i] = _place(index, articles[i], vectors[i], terms[i])
            touched.add(home[i].id)
    touched |= _merge_events(index, sorted(touched & index.states.keys()))
    states[:] = [s for s in index.states.values() if s.similarities]
    return touched


def _place(
    index: EventIndex, article: Article, vector: sparse.csr_matrix, terms: Sequence[int]
) -> EventState:
    """Put one article in its best event, or open a new one; returns the event."""
    day = article.published.value
    best, similarity = _best_event(index, vector, terms, day)
    if best is None:
        best = index.states.get(event_id_for(article.id)) or EventState(
            id=event_id_for(article.id),
            counts=sparse.csr_matrix(vector.shape, dtype=np.float32),
        )
        similarity = 1.0
    best.add(article.id, day, vector, similarity)
    index.put(best, terms)
    return best


def _best_event(
    index: EventIndex, vector: sparse.csr_matrix, terms: Sequence[int], day: date | None
) -> tuple[EventState | None, float]:
    candidates = [s for s in index.candidates(terms, day, day) if s.size]
    if not candidates:
        return None, 0.0
    scores = linkage(vector, 1, candidates) * np.array(
        [time_decay(day, s.first, s.last) for s in candidates]
    )
    best = int(np.argmax(scores))
    state = candidates[best]
    bar = _bar(day, state.first)
    return (state, float(scores[best])) if scores[best] >= bar else (None, 0.0)


def _bar(day: date | None, other: date | None) -> float:
    return UNDATED_THRESHOLD if day is None or other is None else SAME_EVENT_THRESHOLD


def _span_decay(a: EventState, b: EventState) -> float:
    """Time decay between two events: the distance between their spans."""
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return 1.0
    if a.last < b.first:
        return time_decay(a.last, b.first, b.last)
    if b.last < a.first:
        return time_decay(b.last, a.first, a.last)
    return 1.0


def _merge_events(index: EventIndex, seeds: Sequence[str]) -> set[str]:
    """Merge pairs of events whose average-link similarity reaches the bar, best pair first.

    Starting from the events a build changed, each looks up its candidates in the index; the
    best pair above the bar is merged, the merged event looks again, until no pair qualifies.
    Together with the placement pass this is average-link clustering, computed on candidates.
    """
    heap: list[tuple[float, str, str]] = []
    for event_id in seeds:
        _push_pairs(index, index.states[event_id], heap)
    changed: set[str] = set()
    while heap:
        negative, a_id, b_id = heapq.heappop(heap)
        a, b = index.states.get(a_id), index.states.get(b_id)
        if a is None or b is None or not a.size or not b.size:
            continue
        current = _pair_score(a, b)
        if abs(current + negative) > 1e-9:  # stale entry: one side changed since
            if current >= _bar(a.first, b.first):
                heapq.heappush(heap, (-current, a_id, b_id))
            continue
        keep, gone = (a, b) if (-a.size, a.id) <= (-b.size, b.id) else (b, a)
        keep.absorb(gone)
        index.drop(gone.id)
        index.put(keep, salient_terms(keep.counts))
        changed |= {keep.id, gone.id}
        _push_pairs(index, keep, heap)
    return changed


def _pair_score(a: EventState, b: EventState) -> float:
    return float(linkage(a.counts, a.size, [b])[0]) * _span_decay(a, b)


def _push_pairs(index: EventIndex, state: EventState, heap: list[tuple[float, str, str]]) -> None:
    found = index.candidates(salient_terms(state.counts), state.first, state.last)
    others = [other for other in found if other.id != state.id and other.size]
    if not others:
        return
    scores = linkage(state.counts, state.size, others)
    for other, similarity in zip(others, scores, strict=True):
        score = float(similarity) * _span_decay(state, other)
        if score >= _bar(state.first, other.first):
            pair = (state.id, other.id) if state.id < other.id else (other.id, state.id)
            heapq.heappush(heap, (-score, *pair))


def _date_order(article: Article) -> tuple[bool, date, str]:
    day = article.published.value
    return (day is None, day or date.min, article.id)


def event_id_for(seed_article_id: str) -> str:
    """A stable event id, derived from the article that opened the event."""
    return "ev" + hashlib.blake2b(seed_article_id.encode(), digest_size=5).hexdigest()


def describe_event(state: EventState, members: Sequence[Article], idf: Weights) -> StoredEvent:
    """Date, title and summary for an event from its member articles."""
    day, precision, evidence = event_date(members)
    centroid = unit_rows(state.counts)
    title, summary = _title_and_summary(members, centroid, idf)
    event = Event(
        id=state.id,
        date=day,
        date_precision=precision,
        date_evidence=evidence,
        title=title,
        summary=summary,
        article_ids=tuple(article.id for article in members),
    )
    return StoredEvent(event, to_bytes(state.counts), dict(state.similarities))


def _title_and_summary(
    members: Sequence[Article], centroid: sparse.csr_matrix, idf: Weights
) -> tuple[str, str]:
    """Headline and summary sentences scored against the event (word features only)."""
    sentences = _lead_sentences(members)
    titles = [a.title for a in members if a.title and len(a.title.split()) >= MIN_TITLE_WORDS]
    texts = titles + sentences
    if not texts:
        return members[0].text[:120], members[0].text[:300]
    vectors = weighted_unit_rows(term_counts(texts), idf)
    scores = dots(vectors, centroid)
    title = (
        texts[int(np.argmax(scores[: len(titles)]))] if titles else texts[int(np.argmax(scores))]
    )
    summary = _pick_summary(sentences, vectors[len(titles) :], scores[len(titles) :])
    return title, summary or title


def _lead_sentences(members: Sequence[Article]) -> list[str]:
    """Summary candidates: the first sentences of each member, of a readable length."""
    seen: set[str] = set()
    picked = []
    for article in members:
        for sentence in split_sentences(article.text)[:4]:
            words = len(sentence.split())
            if MIN_SUMMARY_WORDS <= words <= MAX_SUMMARY_WORDS and sentence not in seen:
                seen.add(sentence)
                picked.append(sentence)
    return picked


def _pick_summary(
    sentences: list[str], vectors: sparse.csr_matrix, scores: npt.NDArray[np.float64]
) -> str:
    """The most central sentences, skipping any too close to one already chosen."""
    chosen: list[int] = []
    for index in np.argsort(-scores, kind="stable"):
        if len(chosen) == SUMMARY_SENTENCES:
            break
        overlap = dots(vectors[chosen], vectors[index]) if chosen else np.zeros(0)
        if all(value < REDUNDANT_SIMILARITY for value in overlap):
            chosen.append(int(index))
    return " ".join(sentences[i] for i in chosen)
