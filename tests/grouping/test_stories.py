"""Story threading: events of one running story together over months, other stories apart."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import numpy as np
from scipy import sparse

from dateline.grouping.sparse import N_FEATURES, feature_indices, heaviest
from dateline.grouping.stories import (
    SPARSE_ONLY,
    WITH_DENSE,
    StoryIndex,
    StoryInput,
    StoryState,
    decode_state,
    encode_state,
    feature_labels,
    thread_stories,
)

# Two invented running stories, each a handful of events over several months: the shared topic
# words carry the story, the details (places, numbers, names) change from event to event.
DAM = ["karsk", "dam", "mirel", "river", "reservoir", "floodwater", "engineers", "lowmarsh"]
TALKS = ["veldoria", "ostrand", "ministers", "treaty", "border", "mediator", "barrow", "talks"]

EVENTS = {
    "dam-crack": ("2024-02-03", [*DAM, "crack", "inspection"]),
    "dam-evacuation": ("2024-03-20", [*DAM, "evacuation", "1200", "residents"]),
    "dam-inquiry": ("2024-06-11", [*DAM, "inquiry", "report", "negligence"]),
    "dam-repair": ("2024-09-30", [*DAM, "repair", "contract", "concrete"]),
    "talks-open": ("2024-02-10", [*TALKS, "carrow", "opening", "session"]),
    "talks-stall": ("2024-04-02", [*TALKS, "stall", "walkout", "delegation"]),
    "talks-deal": ("2024-07-15", [*TALKS, "deal", "signed", "ceremony"]),
    "talks-vote": ("2024-10-01", [*TALKS, "parliament", "ratify", "vote"]),
}


def _vector(words: list[str], weight: float = 1.0) -> sparse.csr_matrix:
    columns = sorted({_column(w) for w in words})
    data = np.full(len(columns), weight, dtype=np.float32)
    return sparse.csr_matrix((data, columns, [0, len(columns)]), shape=(1, N_FEATURES))


def _event(event_id: str, day: str | None, words: list[str], size: int = 2) -> StoryInput:
    labels = {_column(w): w for w in words}
    return StoryInput(
        event_id,
        date.fromisoformat(day) if day else None,
        _vector(words, float(size)),
        size=size,
        title=f"{event_id} headline",
        entities=("Karsk Dam",) if event_id.startswith("dam") else ("Veldoria",),
        labels=labels,
    )


def _inputs() -> list[StoryInput]:
    return [_event(name, day, words) for name, (day, words) in EVENTS.items()]


def _partition(index: StoryIndex) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for event_id, story_id in index.assignments().items():
        groups.setdefault(story_id, []).append(event_id)
    return sorted(sorted(group) for group in groups.values())


EXPECTED = [sorted(n for n in EVENTS if n.startswith(p)) for p in ("dam", "talks")]


def test_two_stories_over_months_thread_apart() -> None:
    stories, states = thread_stories(_inputs(), SPARSE_ONLY)
    assert sorted(sorted(s.event_ids) for s in stories) == EXPECTED
    dam = next(s for s in stories if "dam-crack" in s.event_ids)
    assert dam.event_ids == ("dam-crack", "dam-evacuation", "dam-inquiry", "dam-repair")
    assert (dam.first, dam.last) == (date(2024, 2, 3), date(2024, 9, 30))
    assert dam.main_entities == ("Karsk Dam",)
    assert set(dam.main_terms) <= {*DAM, "crack", "evacuation", "inquiry", "repair"}
    assert {"dam", "karsk"} & set(dam.main_terms)
    assert dam.title.endswith("headline")
    assert len(states) == 2


def test_each_assignment_keeps_similarity_and_shared_terms() -> None:
    stories, states = thread_stories(_inputs(), SPARSE_ONLY)
    story = next(s for s in stories if "talks-deal" in s.event_ids)
    link = next(k for k in story.links if k.event_id == "talks-deal")
    names = {states[0].names.get(t) or states[1].names.get(t) for t in link.shared_terms}
    assert names and names <= set(TALKS)
    assert 0.2 < link.similarity <= 1.0


def test_undated_event_is_placed_by_content() -> None:
    undated = _event("talks-undated", None, [*TALKS[:6], "rumour", "envoy"])
    index = StoryIndex()
    index.add([*_inputs(), undated], SPARSE_ONLY)
    assert index.story_of("talks-undated") == index.story_of("talks-open")
    assert index.story_of("talks-undated") != index.story_of("dam-crack")


def test_far_apart_in_time_the_same_words_start_a_new_story() -> None:
    later = _event("dam-decade-later", "2034-05-01", [*DAM, "anniversary"])
    index = StoryIndex()
    index.add([*_inputs(), later], SPARSE_ONLY)
    assert index.story_of("dam-decade-later") != index.story_of("dam-crack")


def test_input_order_does_not_matter() -> None:
    reference = StoryIndex()
    reference.add(_inputs(), SPARSE_ONLY)
    shuffled = _inputs()
    random.Random(7).shuffle(shuffled)
    other = StoryIndex()
    other.add(shuffled, SPARSE_ONLY)
    assert _partition(other) == _partition(reference) == EXPECTED
    assert other.assignments() == reference.assignments()


def test_incremental_threading_matches_batch() -> None:
    inputs = sorted(_inputs(), key=lambda e: e.date or date.min)
    batch = StoryIndex()
    batch.add(inputs, SPARSE_ONLY)
    index = StoryIndex()
    index.add(inputs[:4], SPARSE_ONLY)
    restored = StoryIndex(index.states())  # as a later build would, from saved states
    restored.add(inputs[4:], SPARSE_ONLY)
    assert _partition(restored) == _partition(batch)


def test_saved_state_holds_the_summed_vector_and_links() -> None:
    inputs = {event.event_id: event for event in _inputs()}
    _, states = thread_stories(list(inputs.values()), SPARSE_ONLY)
    for state in states:
        assert isinstance(state, StoryState)
        expected = sum((inputs[e].vector for e in state.links), sparse.csr_matrix((1, N_FEATURES)))
        assert abs(state.counts - expected).max() < 1e-5
        assert Counter(state.days).total() == len(state.links)


def test_saved_states_read_back_equal() -> None:
    _, states = thread_stories(_inputs(), SPARSE_ONLY)
    for state in states:
        again = decode_state(state.id, *encode_state(state))
        assert again.links == state.links and again.names == state.names
        assert abs(again.counts - state.counts).max() == 0.0
        assert again.days == state.days


def test_discarding_a_changed_event_then_adding_it_again() -> None:
    inputs = _inputs()
    index = StoryIndex()
    index.add(inputs, SPARSE_ONLY)
    old = inputs[0]
    grown = _event(old.event_id, "2024-02-03", [*DAM, "crack", "inspection", "divers"], size=3)
    index.discard(old.event_id, old.vector)
    index.add([grown], SPARSE_ONLY)
    assert index.story_of("dam-crack") == index.story_of("dam-repair")


def test_feature_labels_name_hashed_features() -> None:
    labels = feature_labels("Karsk Dam cracks", ["Engineers inspected the Karsk Dam on Tuesday."])
    assert labels[_column("dam")] == "dam"
    assert labels[_column("n:karsk")] == "Karsk"
    assert labels[_column("nn:karsk_dam")] == "Karsk Dam"


def _wide(event: StoryInput, direction: np.ndarray, weight: float) -> StoryInput:
    """The event with dense columns appended, as the build makes story vectors."""
    dense = sparse.csr_matrix(direction[None, :].astype(np.float32) * weight)
    return StoryInput(
        event.event_id,
        event.date,
        sparse.hstack([event.vector, dense]).tocsr().astype(np.float32),
        size=event.size,
        title=event.title,
        entities=event.entities,
        labels=event.labels,
    )


def test_dense_columns_join_rewordings_but_are_never_terms() -> None:
    rng = np.random.default_rng(7)
    topic = rng.normal(size=16)
    topic /= np.linalg.norm(topic)
    other = rng.normal(size=16)
    other -= (other @ topic) * topic
    other /= np.linalg.norm(other)
    # Two events of the dam story told in different words: no shared hashed term at all.
    first = _event("dam-a", "2024-02-03", ["karsk", "dam", "crack"])
    reworded = _event("dam-b", "2024-02-20", ["barrage", "fissure", "mirel"])
    talks = _event("talks-a", "2024-02-10", ["veldoria", "treaty", "talks"])
    plain = StoryIndex()
    plain.add([first, reworded, talks], SPARSE_ONLY)
    assert plain.story_of("dam-a") != plain.story_of("dam-b")
    index = StoryIndex()
    wide = [_wide(first, topic, 4.0), _wide(reworded, topic, 4.0), _wide(talks, other, 4.0)]
    index.add(wide, WITH_DENSE)
    assert index.story_of("dam-a") == index.story_of("dam-b") != index.story_of("talks-a")
    (state,) = [s for s in index.states() if "dam-b" in s.links]
    joined = state.links["dam-b"]
    assert joined.dense_similarity is not None and joined.dense_similarity > 0.9
    assert joined.word_similarity is not None and joined.word_similarity < 0.1
    assert decode_state(state.id, *encode_state(state)).links["dam-b"] == joined
    assert plain.states()[0].links[next(iter(plain.states()[0].links))].dense_similarity is None
    for story in index.stories():
        assert all(term < N_FEATURES for link in story.links for term in link.shared_terms)
        assert all(
            term
            in {
                "karsk",
                "dam",
                "crack",
                "barrage",
                "fissure",
                "mirel",
                "veldoria",
                "treaty",
                "talks",
            }
            for term in story.main_terms
        )


def _column(feature: str) -> int:
    return int(feature_indices([feature])[0])


def test_heaviest_is_the_head_of_a_stable_argsort() -> None:
    """Main terms read the heaviest features without sorting a story's whole vector."""
    rng = np.random.default_rng(0)
    for size in (0, 3, 20, 21, 1000, 20000):
        for trial in range(6):
            if trial % 2:  # many ties: position order must break them
                data = rng.integers(0, 5, size).astype(np.float32)
            else:
                data = rng.random(size).astype(np.float32)
            for count in (1, 5, 20):
                expected = np.argsort(-data, kind="stable")[:count]
                assert heaviest(data, count).tolist() == expected.tolist()
