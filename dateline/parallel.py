"""Per-article work on every core: one helper for every pure per-article stage.

Preparing an article at ingest (clean, dates), its time expressions, entities and quotes are
pure functions of one article, so ingest and build spread them over processes. ``Workers`` keeps
one pool for a whole run (ingest maps window after window of articles through it); work goes out
in small chunks (``MAX_CHUNK``), so one long page does not hold up a batch while the other cores
idle. Small batches run inline: starting workers costs more than tagging a few dozen articles,
and tests stay single-process.

Workers die with the process that started them. A worker blocked on the pool's queue never
notices its parent is gone, so after a ``kill -9`` of a build it would live on, holding the
store and the build's stderr open (``dateline build 2>&1 | tee log`` would never return). On
Linux each worker asks the kernel for SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``);
elsewhere a thread in each worker checks the parent every ``PARENT_POLL_SECONDS``.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import TypeVar

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_PARALLEL_ITEMS = 64
"""Below this many items the work runs in this process."""
MAX_CHUNK = 8
"""Items handed to a worker at once. Chunks amortise pickling; small ones keep every core busy
when item costs vary (a 300-line page dump beside 20-line wire stories): with 1,000 articles
on 2 cores the old chunk of 125 left one core idle for the last chunk's length."""
PARENT_POLL_SECONDS = 0.5
"""How often a worker without ``PR_SET_PDEATHSIG`` (not Linux) checks that its parent lives."""
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def default_workers() -> int:
    """The cores this process may use (at least 1)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


class Workers:
    """A pool of ``workers`` processes for one run, started at the first batch big enough.

    Use as a context manager; ``map`` may be called many times (ingest maps each window of
    articles through the same pool, instead of starting processes per window).
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=error is not None)
            self._pool = None

    def map(self, work: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
        """``[work(item) for item in items]``, in order; ``work`` must be a module-level
        function (it is pickled by name)."""
        if self.workers <= 1 or len(items) < MIN_PARALLEL_ITEMS:
            return [work(item) for item in items]
        if self._pool is None:
            context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=die_with_parent,
                initargs=(os.getpid(),),
            )
        chunk = min(max(len(items) // (self.workers * 4), 1), MAX_CHUNK)
        try:
            return list(self._pool.map(work, items, chunksize=chunk))
        except BrokenProcessPool:  # a worker was killed (out of memory, a signal): go on here
            log.warning("a worker process died; this batch of %d runs in one process", len(items))
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
            return [work(item) for item in items]


def map_items(
    work: Callable[[Item], Result], items: Sequence[Item], workers: int | None = None
) -> list[Result]:
    """``[work(item) for item in items]``, in order, over ``workers`` processes (one pool for
    this call; see ``Workers`` to keep one for many).

    ``work`` must be a module-level function (it is pickled by name).
    """
    with Workers(workers) as pool:
        return pool.map(work, items)


def die_with_parent(parent: int) -> None:
    """Make this process end when process ``parent`` (the one that started it) ends.

    The pool's worker initializer; the pool starts its workers from the thread that maps, so
    the kernel's "parent death" (which is that thread's) comes no earlier than the pool's end.
    """
    if not _kill_on_parent_death():
        watch = threading.Thread(target=_watch_parent, args=(parent,), daemon=True)
        watch.start()
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)


def _kill_on_parent_death() -> bool:
    """Ask Linux for SIGKILL when the parent dies; False where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """Poll for the parent's death (its orphan is adopted: the parent id changes), then exit."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)
