"""Events: group articles that report the same real-world happening, then date and title them.

Stage 6 of the pipeline. Articles are placed one at a time, dated ones in date order and then
the undated, each into the most similar event or into a new one, with the time-decayed candidate
index of dateline/grouping/index.py (shared with stories, one level up). Three things keep this
right and cheap:

- Candidates, not a scan. An inverted index maps each salient term (an article's highest
  TF-IDF features: names, numbers, rare words) and date bucket to the events that hold it. An
  article is compared only with the events that share its salient terms in nearby date buckets,
  so the cost per article does not grow with the store.
- Time. Similarity decays with the distance in days between the article and the event's span
  (``EVENT_INDEX``; a user may change its window, ``Settings.events``): two meetings of the
  same ministers two years apart share every name but not the date. An undated article, or an
  undated event, has no time evidence and is placed by content alone, against a bar of its own
  (``UNDATED_THRESHOLD``).
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

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial

import numpy as np
import numpy.typing as npt
from scipy import sparse

from dateline.dates.events import event_date
from dateline.grouping.index import (
    Bars,
    CandidateIndex,
    IndexParams,
    date_order,
    group_id,
    place_all,
    salient_terms,
)
from dateline.grouping.sparse import (
    Weights,
    dots,
    term_counts,
    unit_rows,
    weighted_unit_rows,
)
from dateline.model import Article, Event
from dateline.sentences import split_sentences
from dateline.settings import EventWindow
from dateline.store.events import StoredEvent
from dateline.store.vectors import from_bytes, to_bytes

# Calibrated on ECB+ dev (dateline eval events --dataset ecbplus-dev) and checked on the demo
# corpus (dateline eval demo); retune together with the feature weights in
# dateline/grouping/sparse.py.
SAME_EVENT_THRESHOLD = 0.30
"""Minimum (time-decayed) average-link similarity (mean cosine to the members) to join."""
UNDATED_THRESHOLD = 0.18
"""The same bar for an article or event without a date: content alone must be this close."""
REPLACE_PASSES = 1
"""Passes that take each new article out of its event and place it again."""
SUMMARY_SENTENCES = 2
REDUNDANT_SIMILARITY = 0.4
"""A second summary sentence must add news: paraphrases of the first score above this."""
MIN_SUMMARY_WORDS, MAX_SUMMARY_WORDS = 6, 60
MIN_TITLE_WORDS = 3

DEFAULT_WINDOW = EventWindow()
"""Two days' grace (late reports), then a four-day decay: see ``EventWindow``."""
EVENT_INDEX = IndexParams(
    grace_days=DEFAULT_WINDOW.grace_days,
    decay_days=DEFAULT_WINDOW.decay_days,
    lowest_bar=SAME_EVENT_THRESHOLD,
    bucket_days=7,
    salient_terms=12,  # per article: its highest-weighted features
    max_postings=200,
    max_candidates=40,  # events compared in full per article
)
"""Time decay and candidate search of the event stage."""


def event_index(window: EventWindow) -> IndexParams:
    """``EVENT_INDEX`` with the user's time window (the rest stays as tuned)."""
    return replace(EVENT_INDEX, grace_days=window.grace_days, decay_days=window.decay_days)


EVENT_BARS = Bars(
    join=SAME_EVENT_THRESHOLD,
    undated=UNDATED_THRESHOLD,
    merge=SAME_EVENT_THRESHOLD,
    merge_undated=UNDATED_THRESHOLD,
)
"""Joining an event and merging two events take the same bars (average link either way)."""


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
    stored: Iterable[StoredEvent], dates: dict[str, date | None]
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


def _keys(state: EventState) -> list[int]:
    """What an event is indexed under: the salient terms of its summed vector."""
    return salient_terms(state.counts, EVENT_INDEX.salient_terms)


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
    articles: Sequence[Article],
    vectors: sparse.csr_matrix,
    states: list[EventState],
    window: EventWindow = DEFAULT_WINDOW,
) -> set[str]:
    """Place each article (row i of ``vectors``) in an event of ``states``, which changes.

    ``vectors`` holds unit-length IDF-weighted article vectors (``article_vectors``); ``window``
    says how far apart in time reports of one event may be. Returns the ids of the events that
    changed; events emptied or merged away leave ``states``.
    """
    index = CandidateIndex(event_index(window), _keys)
    for state in states:
        index.put(state)
    terms = [salient_terms(vectors[i], EVENT_INDEX.salient_terms) for i in range(len(articles))]
    order = sorted(
        range(len(articles)), key=lambda i: date_order(articles[i].published.value, articles[i].id)
    )
    home: dict[int, EventState] = {}

    def place(i: int) -> str:
        home[i] = _place(index, articles[i], vectors[i], terms[i])
        return home[i].id

    def take_out(i: int) -> None:
        old = home[i]
        old.remove(articles[i].id, articles[i].published.value, vectors[i])
        if not old.similarities:
            index.drop(old.id)

    touched = place_all(order, place, take_out, REPLACE_PASSES)
    seeds = sorted(touched & index.groups.keys())
    touched |= index.merge(
        seeds, EVENT_BARS, partial(_pair_scores, index.params), EventState.absorb
    )
    states[:] = [s for s in index.groups.values() if s.similarities]
    return touched


def _place(
    index: CandidateIndex[EventState],
    article: Article,
    vector: sparse.csr_matrix,
    terms: Sequence[int],
) -> EventState:
    """Put one article in its best event, or open a new one; returns the event."""
    day = article.published.value
    best, similarity = index.best(
        terms, day, lambda candidates: linkage(vector, 1, candidates), EVENT_BARS
    )
    if best is None:
        best = index.groups.get(group_id("ev", article.id)) or EventState(
            id=group_id("ev", article.id),
            counts=sparse.csr_matrix(vector.shape, dtype=np.float32),
        )
        similarity = 1.0
    best.add(article.id, day, vector, similarity)
    index.put(best, terms)
    return best


def _pair_scores(params: IndexParams, state: EventState, others: list[EventState]) -> list[float]:
    """Time-decayed average-link similarities of an event with other events (for merging)."""
    scores = linkage(state.counts, state.size, others)
    return [
        float(similarity) * params.span_decay(state, other)
        for other, similarity in zip(others, scores, strict=True)
    ]


def describe_event(
    state: EventState,
    members: Sequence[Article],
    idf: Weights,
    rewrites: frozenset[str] = frozenset(),
) -> StoredEvent:
    """Date, title and summary for an event from its member articles. ``rewrites``: members
    flagged as spun or machine-translated copies; the title is taken from the others when
    any of them has one (a reader expects "Putin", not a translation's "Sir. Putin")."""
    day, precision, evidence = event_date(members)
    centroid = unit_rows(state.counts)
    originals = [article for article in members if article.id not in rewrites]
    title, summary = _title_and_summary(members, centroid, idf, originals)
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
    members: Sequence[Article],
    centroid: sparse.csr_matrix,
    idf: Weights,
    originals: Sequence[Article] = (),
) -> tuple[str, str]:
    """Headline and summary sentences scored against the event (word features only); the
    headline from ``originals`` when one of them has a title."""
    sentences = _lead_sentences(members)
    titles = _titles(originals) or _titles(members)
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


def _titles(articles: Sequence[Article]) -> list[str]:
    return [a.title for a in articles if a.title and len(a.title.split()) >= MIN_TITLE_WORDS]


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
