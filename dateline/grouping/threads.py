"""Stage 8, threading: the events a build or a correction changed join their stories again.

Stories are extended, never rebuilt: an event that changed (or went away) first leaves its story
with the vector it joined with, then joins again with its new vector, so each story's summed
vector stays the exact sum of its events'. The build threads the events it grouped
(``pipeline.group_articles``); a correction threads the events it merged, emptied, moved or
retitled (``grouping.corrections``), so no story lists an event that no longer exists.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Mapping, Sequence

from scipy import sparse

from dateline.grouping.dense import STAGE as DENSE_STAGE
from dateline.grouping.stories import (
    SPARSE_ONLY,
    WITH_DENSE,
    StoryIndex,
    StoryInput,
    decode_state,
    encode_state,
    feature_labels,
    story_vector,
)
from dateline.model import EntityMention
from dateline.store.analysis import load_mentions
from dateline.store.embeddings import Vector as DenseVector
from dateline.store.embeddings import load_embeddings
from dateline.store.events import StoredEvent
from dateline.store.stories import load_stories
from dateline.store.vectors import from_bytes

STORY_ENTITIES = 5
"""Names an event passes to story threading (its most mentioned people, bodies, countries)."""


def thread_events(
    conn: sqlite3.Connection,
    stored: Sequence[StoredEvent],
    described: Sequence[StoredEvent],
    merged_away: set[str],
    use_dense: bool,
) -> list[tuple[str, bytes, str]]:
    """Stage 8: thread the events this build changed into stories, extending the stored ones.

    A changed or merged-away event first leaves its story with the vector it joined with (its
    centroid before this build, from ``stored``: the events as stored before it, of which only
    those changed or merged away are read); changed events then join again with their new
    vectors.
    """
    index = StoryIndex(decode_state(*row) for row in load_stories(conn))
    before = {item.event.id: item for item in stored}
    leaving = [
        before[event_id]
        for event_id in sorted(merged_away | {item.event.id for item in described})
        if event_id in before and index.story_of(event_id) is not None
    ]
    members = [a for item in [*leaving, *described] for a in item.event.article_ids]
    dense = load_embeddings(conn, members, DENSE_STAGE.version) if use_dense else None
    for item in leaving:
        index.discard(item.event.id, _story_vector(item, dense))
    mentions = load_mentions(conn, [a for item in described for a in item.event.article_ids])
    bars = WITH_DENSE if use_dense else SPARSE_ONLY  # the vectors carry dense columns or not
    index.add([_story_input(item, mentions, dense) for item in described], bars)
    return [(state.id, *encode_state(state)) for state in index.states()]


def _story_vector(item: StoredEvent, dense: Mapping[str, DenseVector] | None) -> sparse.csr_matrix:
    """A stored event's vector for story threading (``stories.story_vector``)."""
    return story_vector(from_bytes(item.centroid), item.event.article_ids, dense)


def _story_input(
    item: StoredEvent,
    mentions: dict[str, tuple[EntityMention, ...]],
    dense: Mapping[str, DenseVector] | None,
) -> StoryInput:
    event = item.event
    names: Counter[str] = Counter(
        m.canonical
        for a in event.article_ids
        for m in mentions.get(a, ())
        if m.kind in ("person", "organisation", "country")
    )
    return StoryInput(
        event.id,
        event.date,
        _story_vector(item, dense),
        size=len(event.article_ids),
        title=event.title,
        entities=tuple(name for name, _ in names.most_common(STORY_ENTITIES)),
        labels=feature_labels(event.title, [event.summary]),
    )
