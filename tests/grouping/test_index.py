"""The time-decayed candidate index shared by events and stories, on small hand-made groups."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
import pytest
from scipy import sparse

from dateline.grouping.index import (
    BAND_OFFSET,
    UNDATED,
    Bars,
    CandidateIndex,
    IndexParams,
    Scatter,
    date_order,
    dense_bands,
    group_id,
    index_keys,
    place_all,
    salient_terms,
    unit_vector,
)
from dateline.grouping.sparse import N_FEATURES

PARAMS = IndexParams(
    grace_days=2,
    decay_days=4.0,
    lowest_bar=0.3,
    bucket_days=7,
    salient_terms=3,
    max_postings=3,
    max_candidates=3,
)
BARS = Bars(join=0.5, undated=0.4, merge=0.5, merge_undated=0.45)
START = date(2025, 3, 2)  # ordinal 739312: the first day of a 7-day bucket


@dataclass
class Box:
    """A group for the tests: a dense vector, some days, some terms."""

    id: str
    vector: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(3))
    days: Counter[date] = field(default_factory=Counter)
    terms: list[int] = field(default_factory=list)
    members: int = 1

    @property
    def first(self) -> date | None:
        return min(self.days, default=None)

    @property
    def last(self) -> date | None:
        return max(self.days, default=None)

    @property
    def size(self) -> int:
        return self.members


def _box(
    box_id: str, *days: date, terms: tuple[int, ...] = (1,), vector: tuple[float, ...] = ()
) -> Box:
    return Box(
        box_id,
        np.array(vector or (0.0, 0.0, 0.0), dtype=np.float64),
        Counter(days),
        list(terms),
    )


def _index(*boxes: Box, params: IndexParams = PARAMS) -> CandidateIndex[Box]:
    index: CandidateIndex[Box] = CandidateIndex(params, lambda box: box.terms)
    for box in boxes:
        index.put(box)
    return index


def _ids(boxes: list[Box]) -> list[str]:
    return [box.id for box in boxes]


# --- time decay ------------------------------------------------------------------------------


def test_time_decay_values() -> None:
    first, last = START, START + timedelta(days=2)
    assert PARAMS.time_decay(START + timedelta(days=1), first, last) == 1.0  # inside the span
    assert PARAMS.time_decay(None, first, last) == 1.0  # undated: content alone
    assert PARAMS.time_decay(START, None, None) == 1.0  # undated group
    assert PARAMS.time_decay(last + timedelta(days=2), first, last) == 1.0  # within the grace
    assert PARAMS.time_decay(last + timedelta(days=6), first, last) == math.exp(-1.0)
    assert PARAMS.time_decay(first - timedelta(days=10), first, last) == math.exp(-2.0)


def test_span_decay_is_the_gap_between_spans() -> None:
    early = _box("a", START, START + timedelta(days=1))
    late = _box("b", START + timedelta(days=9), START + timedelta(days=20))
    overlapping = _box("c", START + timedelta(days=1), START + timedelta(days=30))
    gap = PARAMS.time_decay(START + timedelta(days=1), late.first, late.last)
    assert PARAMS.span_decay(early, late) == PARAMS.span_decay(late, early) == gap
    assert gap == math.exp(-(8 - 2) / 4.0)
    assert PARAMS.span_decay(early, overlapping) == 1.0
    assert PARAMS.span_decay(early, _box("u")) == 1.0  # undated


def test_max_days_is_where_no_similarity_reaches_the_lowest_bar() -> None:
    assert PARAMS.max_days() == 2 + math.ceil(4.0 * math.log(1 / 0.3)) == 7
    assert PARAMS.time_decay(START + timedelta(days=6), START, START) > 0.3
    assert PARAMS.time_decay(START + timedelta(days=7), START, START) < 0.3


def test_bars_for_dated_and_undated() -> None:
    assert BARS.to_join(START, START) == 0.5
    assert BARS.to_join(None, START) == BARS.to_join(START, None) == 0.4
    assert BARS.to_merge(START, START) == 0.5
    assert BARS.to_merge(None, START) == 0.45


# --- candidates --------------------------------------------------------------------------------


def test_candidates_by_term_and_nearby_bucket() -> None:
    week = _box("week", START, terms=(1, 2))
    next_week = _box("next", START + timedelta(days=9), terms=(1,))
    far = _box("far", START + timedelta(days=60), terms=(1, 2))
    other_terms = _box("other", START, terms=(5,))
    index = _index(week, next_week, far, other_terms)
    found = index.candidates([1, 2], START, START)
    assert _ids(found) == ["week", "next"]  # most shared terms first; far is out of reach
    assert _ids(index.candidates([5], START, START)) == ["other"]
    assert index.candidates([9], START, START) == []


def test_a_term_in_many_buckets_finds_the_nearby_ones() -> None:
    # more buckets than the query reaches: the index looks up the query's buckets instead of
    # reading all of the term's; the answer is the same
    weekly = [_box(f"w{n}", START + timedelta(days=7 * n), terms=(1,)) for n in range(8)]
    index = _index(*weekly, _box("undated", terms=(1,)))
    assert len(index.postings[1]) == 9
    found = index.candidates([1], START + timedelta(days=21), START + timedelta(days=21))
    assert _ids(found) == ["undated", "w2", "w3"]  # capped at 3 of undated, w2, w3, w4
    wide = IndexParams(2, 4.0, 0.3, 7, 3, max_postings=3, max_candidates=10)
    index = _index(*weekly, _box("undated", terms=(1,)), params=wide)
    found = index.candidates([1], START + timedelta(days=21), START + timedelta(days=21))
    assert _ids(found) == ["undated", "w2", "w3", "w4"]
    found = index.candidates([1], START, START + timedelta(days=70))  # a long span: every bucket
    assert _ids(found) == ["undated", *(f"w{n}" for n in range(8))]


def test_undated_groups_are_candidates_everywhere_and_undated_items_see_every_bucket() -> None:
    undated = _box("undated", terms=(1,))
    far = _box("far", START + timedelta(days=400), terms=(1,))
    index = _index(undated, far)
    assert index.postings[1][UNDATED] == {"undated"}
    assert _ids(index.candidates([1], START, START)) == ["undated"]
    assert _ids(index.candidates([1], None, None)) == ["far", "undated"]  # ties by id


def test_common_terms_find_nothing() -> None:
    crowd = [_box(f"c{n}", START, terms=(1, 2)) for n in range(4)]  # 4 > max_postings
    rare = _box("rare", START, terms=(2,))
    index = _index(*crowd, rare)
    assert index.candidates([1], START, START) == []
    assert index.candidates([1], None, None) == []  # undated: too common over all buckets
    lone = _box("lone", START + timedelta(days=60), terms=(3,))
    index.put(lone)
    assert _ids(index.candidates([3], lone.first, lone.last)) == ["lone"]


def test_candidates_are_capped_ranked_and_live() -> None:
    params = IndexParams(2, 4.0, 0.3, 7, 3, max_postings=10, max_candidates=2)
    boxes = [
        _box("b", START, terms=(1, 2)),
        _box("a", START, terms=(1, 2)),
        _box("c", START, terms=(1, 2, 3)),
        _box("d", START, terms=(1,)),
    ]
    index = _index(*boxes, params=params)
    assert _ids(index.candidates([1, 2, 3], START, START)) == ["c", "a"]
    index.drop("c")
    boxes[1].members = 0  # an emptied group is never a candidate
    assert _ids(index.candidates([1, 2, 3], START, START)) == ["b", "d"]


def test_put_in_given_days_only() -> None:
    box = _box("s", START, START + timedelta(days=200), terms=(1,))
    index = _index()
    index.put(box, [4], [START])
    assert set(index.postings[4]) == {PARAMS.bucket(START)}
    index.put(box)  # its own terms, in the buckets of all its days
    assert set(index.postings[1]) == {PARAMS.bucket(d) for d in box.days}
    assert _ids(index.neighbours(box)) == ["s"]


def test_best_applies_time_decay_and_the_bar() -> None:
    near = _box("near", START, terms=(1,))
    late = _box("late", START + timedelta(days=8), terms=(1,))
    index = _index(near, late)
    flat = {"near": 0.6, "late": 0.7}

    def similarities(boxes: list[Box]) -> npt.NDArray[np.float64]:
        return np.array([flat[box.id] for box in boxes])

    best, score = index.best([1], START, similarities, BARS)
    assert best is near and score == 0.6  # late decays to 0.7 * exp(-6/4)
    flat["near"] = 0.45
    assert index.best([1], START, similarities, BARS) == (None, 0.0)  # below the join bar
    assert index.best([1], None, similarities, BARS)[0] is late  # undated: no decay, bar 0.4


# --- placement and merging ---------------------------------------------------------------------


def test_date_order_puts_the_undated_last() -> None:
    keys = [date_order(None, "a"), date_order(START, "z"), date_order(START, "b")]
    assert sorted(keys) == [date_order(START, "b"), date_order(START, "z"), (True, date.min, "a")]


def test_place_all_places_then_takes_out_and_places_again() -> None:
    calls: list[str] = []

    def place(item: str) -> str:
        calls.append(f"place {item}")
        return "g" + item

    def take_out(item: str) -> None:
        calls.append(f"out {item}")

    assert place_all(["1", "2"], place, take_out, passes=1) == {"g1", "g2"}
    assert calls == ["place 1", "place 2", "out 1", "place 1", "out 2", "place 2"]
    calls.clear()
    place_all(["1"], place, take_out, passes=0)
    assert calls == ["place 1"]


def _cosines(box: Box, others: list[Box]) -> list[float]:
    return [
        float(box.vector @ other.vector)
        / float(np.linalg.norm(box.vector) * np.linalg.norm(other.vector))
        * PARAMS.span_decay(box, other)
        for other in others
    ]


def _merge(index: CandidateIndex[Box], bars: Bars = BARS) -> tuple[set[str], list[tuple[str, str]]]:
    merged: list[tuple[str, str]] = []

    def absorb(keep: Box, gone: Box) -> None:
        merged.append((keep.id, gone.id))
        keep.vector = keep.vector + gone.vector
        keep.members += gone.members
        keep.days.update(gone.days)

    return index.merge(sorted(index.groups), bars, _cosines, absorb), merged


def test_merge_takes_the_best_pair_first() -> None:
    a = _box("a", START, vector=(1.0, 0.0, 0.0))
    b = _box("b", START, vector=(0.6, 0.8, 0.0))
    c = _box("c", START, vector=(0.28, 0.96, 0.0))
    index = _index(a, b, c)
    # a-b 0.6 and b-c 0.936 reach the bar; b-c first, then a is too far from b+c (0.447)
    changed, merged = _merge(index)
    assert merged == [("b", "c")]
    assert changed == {"b", "c"}
    assert sorted(index.groups) == ["a", "b"] and b.members == 2


def test_merge_keeps_the_larger_group_and_looks_again() -> None:
    a = _box("a", START, vector=(1.0, 0.0, 0.0))
    b = _box("b", START, vector=(0.9, 0.1, 0.0))
    c = _box("c", START, vector=(1.0, 0.05, 0.0))
    b.members = 3
    index = _index(a, b, c)
    changed, merged = _merge(index)
    # a-c is the best pair: c joins a (same size: the smaller id stays); then a+c and b merge
    # into b, the larger
    assert merged == [("a", "c"), ("b", "a")]
    assert changed == {"a", "b", "c"} and list(index.groups) == ["b"]
    assert b.members == 5 and index.neighbours(b) == [b]


def test_merge_respects_time_and_the_undated_bar() -> None:
    a = _box("a", START, vector=(1.0, 0.0, 0.0))
    later = _box("b", START + timedelta(days=6), vector=(0.8, 0.6, 0.0))  # 0.8 * exp(-1)
    assert _merge(_index(a, later)) == (set(), [])

    def pair() -> tuple[Box, Box]:  # cosine 0.6, one side undated
        return _box("a", START, vector=(1.0, 0.0, 0.0)), _box("u", vector=(0.6, 0.8, 0.0))

    assert _merge(_index(*pair()), Bars(0.5, 0.4, 0.5, 0.45))[1] == [("a", "u")]
    assert _merge(_index(*pair()), Bars(0.5, 0.4, 0.5, 0.7))[1] == []


# --- keys and vectors --------------------------------------------------------------------------


def _row(columns: list[int], weights: list[float], width: int = N_FEATURES) -> sparse.csr_matrix:
    data = np.array(weights, dtype=np.float32)
    return sparse.csr_matrix((data, columns, [0, len(columns)]), shape=(1, width))


def test_salient_terms_are_the_heaviest_hashed_features() -> None:
    row = _row([3, 10, 20, 30], [0.1, 0.9, 0.5, 0.7])
    assert salient_terms(row, 2) == [10, 30]
    assert salient_terms(row, 9) == [3, 10, 20, 30]
    wide = _row([3, 10, N_FEATURES + 1], [0.1, 0.9, 5.0], width=N_FEATURES + 4)
    assert salient_terms(wide, 1) == [10]  # dense columns are no terms
    assert salient_terms(wide, 5) == [3, 10]


def test_dense_bands_index_close_directions_together() -> None:
    assert dense_bands(_row([1], [1.0])) == []
    rng = np.random.default_rng(3)
    direction = rng.normal(size=16)
    close = direction + 0.05 * rng.normal(size=16)
    width = N_FEATURES + 16
    first = _row([1, *range(N_FEATURES, width)], [1.0, *direction], width)
    second = _row([2, *range(N_FEATURES, width)], [1.0, *close], width)
    bands = dense_bands(first)
    assert len(bands) == 8 and all(code >= BAND_OFFSET for code in bands)
    assert bands == dense_bands(first)  # seeded hyperplanes: stable
    assert set(bands) & set(dense_bands(second))
    assert index_keys(first, 3) == [1, *bands]


def test_group_id_is_stable_and_prefixed() -> None:
    assert group_id("ev", "article-1") == group_id("ev", "article-1")
    assert group_id("ev", "article-1").startswith("ev") and len(group_id("st", "x")) == 12
    assert group_id("ev", "article-1") != group_id("ev", "article-2")


def test_scatter_dots_and_shared_terms() -> None:
    unit = unit_vector(_row([1, 2], [3.0, 4.0]))
    assert unit.data.tolist() == pytest.approx([0.6, 0.8])
    scatter = Scatter()
    scatter.load(unit)
    profile = _row([2, 5], [1.0, 1.0])
    assert scatter.dot(profile) == pytest.approx(0.8)
    assert scatter.shared(profile, 3) == (2,)
    assert scatter.parts(profile) == (None, None)  # no dense columns
    scatter.load(_row([5], [1.0]))  # the previous row is cleared
    assert scatter.dot(profile) == 1.0
