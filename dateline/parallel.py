"""Per-article work on every core: one helper for the build's pure per-article stages.

Time expressions (and later entities and quotes) are pure functions of one article's text, so a
build can spread them over processes. Small batches run inline: starting workers costs more
than tagging a few dozen articles, and tests stay single-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_PARALLEL_ITEMS = 64
"""Below this many items the work runs in this process."""


def default_workers() -> int:
    """The cores this process may use (at least 1)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def map_items(
    work: Callable[[Item], Result], items: Sequence[Item], workers: int | None = None
) -> list[Result]:
    """``[work(item) for item in items]``, in order, over ``workers`` processes.

    ``work`` must be a module-level function (it is pickled by name).
    """
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(items) < MIN_PARALLEL_ITEMS:
        return [work(item) for item in items]
    chunk = max(len(items) // (workers * 4), 1)
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(work, items, chunksize=chunk))
