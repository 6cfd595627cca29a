"""Events: group articles that report the same real-world happening, then date and title them.

Stage 7 of the pipeline (first version). One pass over the articles in date order: each article
joins the most similar event whose dates lie within a window of its own publication date, if
the similarity reaches a threshold, or opens a new event. Batch and incremental builds are the
same algorithm: an incremental build starts from the stored events and places only the new
articles. Undated articles are placed by content alone, against a higher bar.

An event is dated by the earliest publication date among its articles (a report cannot precede
its event), titled by the member headline closest to the event's centroid, and summarised by the
one or two most central lead sentences.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
from scipy import sparse

from dateline.embed import Weights, from_bytes, term_counts, to_bytes, weighted_unit_rows
from dateline.model import Article, Event, Precision
from dateline.sentences import split_sentences
from dateline.store.events import StoredEvent

# Calibrated by hand on the demo corpus (examples/demo); retune together.
SAME_EVENT_THRESHOLD = 0.30
"""Minimum cosine (IDF-weighted lead terms) for an article to join an event."""
UNDATED_THRESHOLD = 0.28
UNDATED_MARGIN = 0.08
"""Undated articles have no time evidence: the best event must also beat the runner-up by this."""
WINDOW_DAYS = 3
"""An article may join an event whose dates span reaches within this many days of its date."""
SUMMARY_SENTENCES = 2
REDUNDANT_SIMILARITY = 0.4
"""A second summary sentence must add news: paraphrases of the first score above this."""
MIN_SUMMARY_WORDS, MAX_SUMMARY_WORDS = 6, 60
MIN_TITLE_WORDS = 3


@dataclass
class EventState:
    """An event while a build extends it: summed term counts and member similarities."""

    id: str
    counts: sparse.csr_matrix
    similarities: dict[str, float] = field(default_factory=dict)
    first: date | None = None
    last: date | None = None

    def accepts_date(self, day: date | None) -> bool:
        """Whether an article of this date may join (undated on either side: content decides)."""
        if day is None or self.first is None or self.last is None:
            return True
        window = timedelta(days=WINDOW_DAYS)
        return self.first - window <= day <= self.last + window

    def add(self, article: Article, counts: sparse.csr_matrix, similarity: float) -> None:
        """Take an article in: its counts join the centroid, its date widens the span."""
        self.counts = sparse.csr_matrix(self.counts + counts)
        self.similarities[article.id] = round(similarity, 4)
        day = article.published.value
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)


def restore_states(
    stored: Sequence[StoredEvent], dates: dict[str, date | None]
) -> list[EventState]:
    """Event states from the store, with date spans from their members' publication dates."""
    states = []
    for item in stored:
        member_dates = [d for a in item.similarities if (d := dates.get(a)) is not None]
        states.append(
            EventState(
                id=item.event.id,
                counts=from_bytes(item.centroid),
                similarities=dict(item.similarities),
                first=min(member_dates, default=None),
                last=max(member_dates, default=None),
            )
        )
    return states


def assign_articles(
    articles: Sequence[Article],
    counts: sparse.csr_matrix,
    idf: Weights,
    states: list[EventState],
) -> set[str]:
    """Place each article (row i of ``counts``) in an event of ``states``, which grows.

    Returns the ids of the events that changed.
    """
    order = sorted(range(len(articles)), key=lambda i: _date_order(articles[i]))
    vectors = weighted_unit_rows(counts, idf)
    cache: dict[str, sparse.csr_matrix] = {}
    touched: set[str] = set()
    for index in order:
        article = articles[index]
        state, similarity = _best_event(article, vectors[index], states, idf, cache)
        if state is None:
            state = EventState(
                id=event_id_for(article.id),
                counts=sparse.csr_matrix(counts[index].shape, dtype=np.float32),
            )
            states.append(state)
            similarity = 1.0
        state.add(article, counts[index], similarity)
        cache.pop(state.id, None)
        touched.add(state.id)
    return touched


def _best_event(
    article: Article,
    vector: sparse.csr_matrix,
    states: Sequence[EventState],
    idf: Weights,
    cache: dict[str, sparse.csr_matrix],
) -> tuple[EventState | None, float]:
    candidates = [state for state in states if state.accepts_date(article.published.value)]
    if not candidates:
        return None, 0.0
    rows = []
    for state in candidates:
        if state.id not in cache:
            cache[state.id] = weighted_unit_rows(state.counts, idf)
        rows.append(cache[state.id])
    similarities = (sparse.vstack(rows) @ vector.T).toarray().ravel()
    ranked = np.argsort(-similarities, kind="stable")
    best = float(similarities[ranked[0]])
    if article.published.value is not None:
        accepted = best >= SAME_EVENT_THRESHOLD
    else:
        runner_up = float(similarities[ranked[1]]) if len(ranked) > 1 else 0.0
        accepted = best >= UNDATED_THRESHOLD and best - runner_up >= UNDATED_MARGIN
    return (candidates[int(ranked[0])], best) if accepted else (None, 0.0)


def _date_order(article: Article) -> tuple[bool, date, str]:
    day = article.published.value
    return (day is None, day or date.min, article.id)


def event_id_for(seed_article_id: str) -> str:
    """A stable event id, derived from the article that opened the event."""
    return "ev" + hashlib.blake2b(seed_article_id.encode(), digest_size=5).hexdigest()


def describe_event(state: EventState, members: Sequence[Article], idf: Weights) -> StoredEvent:
    """Date, title and summary for an event from its member articles."""
    day, precision, evidence = event_date(members)
    centroid = weighted_unit_rows(state.counts, idf)
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


def event_date(members: Sequence[Article]) -> tuple[date | None, Precision | None, str | None]:
    """The earliest most precise publication date among the members, with evidence."""
    rank = {"day": 0, "month": 1, "year": 2}
    dated = [a for a in members if a.published.value is not None]
    if not dated:
        return None, None, None
    first = min(
        dated, key=lambda a: (rank.get(a.published.precision or "year", 3), a.published.value)
    )
    evidence = (
        f"earliest publication date of {len(dated)} dated report(s) of {len(members)}: "
        f"{first.path} ({first.published.evidence})"
    )
    return first.published.value, first.published.precision, evidence


def _title_and_summary(
    members: Sequence[Article], centroid: sparse.csr_matrix, idf: Weights
) -> tuple[str, str]:
    sentences = _lead_sentences(members)
    titles = [a.title for a in members if a.title and len(a.title.split()) >= MIN_TITLE_WORDS]
    texts = titles + sentences
    if not texts:
        return members[0].text[:120], members[0].text[:300]
    vectors = weighted_unit_rows(term_counts(texts), idf)
    scores = (vectors @ centroid.T).toarray().ravel()
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
        overlap = [float((vectors[index] @ vectors[c].T).toarray()[0, 0]) for c in chosen]
        if all(value < REDUNDANT_SIMILARITY for value in overlap):
            chosen.append(int(index))
    return " ".join(sentences[i] for i in chosen)
