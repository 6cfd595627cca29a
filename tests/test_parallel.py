"""Per-article work over processes gives what the plain loop gives, in order."""

from __future__ import annotations

from datetime import date

from dateline.dates.mentions import time_mentions
from dateline.parallel import MIN_PARALLEL_ITEMS, map_items


def _tag(item: tuple[str, date]) -> tuple[object, ...]:
    return time_mentions(*item)


def test_two_processes_give_the_same_results_in_order() -> None:
    items = [
        (f"Talks ended on Wednesday after {n} hours; a vote follows on {n % 28 + 1} May.",
         date(2025, 4, 18))
        for n in range(MIN_PARALLEL_ITEMS + 10)
    ]  # fmt: skip
    assert map_items(_tag, items, workers=2) == [_tag(item) for item in items]


def test_small_batches_run_inline() -> None:
    assert map_items(len, ["ab", "c"], workers=4) == [2, 1]
