"""Quote finding is linear in the text's length, in time and memory (issue 13, item 3).

Quote-dense text used to cost time growing faster than the square of its length (128 KB: 10 s;
1.1 MB: 213 s in a build). Each test times ``find_quotes`` on the same kind of text at two
sizes four times apart: a linear cost grows about four times, a quadratic one sixteen. The
bound allows for a loaded machine; the old code broke it by more than ten times.
"""

from __future__ import annotations

import time
import tracemalloc
from itertools import pairwise

import pytest

from dateline.model import EntityMention
from dateline.who.quotes import find_quotes
from dateline.who.quotes.patterns import MAX_SENTENCE_CUES
from tests.reliability.quote_dense import HOSTILE_SHAPES, hostile, quote_dense

SMALL = 16 * 1024
LARGE = 4 * SMALL
GROWTH_BOUND = 9.0
"""Largest allowed (time at LARGE) / (time at SMALL); 4 is linear, 16 quadratic."""
SLACK_SECONDS = 0.05
"""Added to the small size's time: timer noise on runs of a few milliseconds."""
PEAK_BYTES_PER_CHAR = 100
"""Bound on the memory ``find_quotes`` allocates at its peak, per character of text (about 40
measured on a run-on sentence; the old rules needed 200 at 16 KB, 380 at 32 KB)."""


def _seconds(text: str, mentions: list[EntityMention]) -> float:
    """The best of three runs (the least disturbed by other work on the machine)."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        find_quotes(text, mentions)
        best = min(best, time.perf_counter() - started)
    return best


Sample = tuple[str, list[EntityMention]]


def _growth(small: Sample, large: Sample) -> None:
    small_seconds, large_seconds = _seconds(*small), _seconds(*large)
    assert large_seconds <= GROWTH_BOUND * (small_seconds + SLACK_SECONDS), (
        f"{len(small[0])} chars: {small_seconds:.3f} s; {len(large[0])}: {large_seconds:.3f} s"
    )


def test_quote_dense_text_costs_linear_time() -> None:
    _growth(quote_dense(SMALL), quote_dense(LARGE))


@pytest.mark.parametrize("shape", HOSTILE_SHAPES)
def test_hostile_text_costs_linear_time(shape: str) -> None:
    _growth(hostile(shape, SMALL), hostile(shape, LARGE))


def test_a_run_on_sentence_holds_bounded_memory() -> None:
    """Every cue of an unpunctuated "sentence" gave a clause to its end: memory grew with the
    square of its length (a 32 KB sentence: a 12 MB peak). Now it is a constant
    times the length (word lists, refs, at most ``MAX_SENTENCE_CUES`` clauses)."""
    text, mentions = hostile("run-on", 2 * SMALL)
    tracemalloc.start()
    try:
        quotes = find_quotes(text, mentions)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < PEAK_BYTES_PER_CHAR * len(text), f"peak {peak / 2**20:.1f} MiB"
    assert sum(len(q.text) for q in quotes) <= MAX_SENTENCE_CUES * len(text)


def test_quote_dense_text_finds_every_quote_once() -> None:
    """The linear rules find what the generator wrote: no quote twice, none overlapping."""
    text, mentions = quote_dense(LARGE)
    quotes = find_quotes(text, mentions)
    spans = [(q.start, q.end) for q in quotes]
    assert spans == sorted(set(spans))
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    assert sum(q.kind == "direct" for q in quotes) > 200
    assert sum(q.speaker is not None for q in quotes) > 0.8 * len(quotes)
