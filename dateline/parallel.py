"""Per-article work on every core: one helper for the build's pure per-article stages.

Time expressions (and later entities and quotes) are pure functions of one article's text, so a
build can spread them over processes. Small batches run inline: starting workers costs more
than tagging a few dozen articles, and tests stay single-process.

Workers die with the process that started them. A worker blocked on the pool's queue never
notices its parent is gone, so after a ``kill -9`` of a build it would live on, holding the
store and the build's stderr open (``dateline build 2>&1 | tee log`` would never return). On
Linux each worker asks the kernel for SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``);
elsewhere a thread in each worker checks the parent every ``PARENT_POLL_SECONDS``.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_PARALLEL_ITEMS = 64
"""Below this many items the work runs in this process."""
PARENT_POLL_SECONDS = 0.5
"""How often a worker without ``PR_SET_PDEATHSIG`` (not Linux) checks that its parent lives."""
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


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
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        return list(pool.map(work, items, chunksize=chunk))


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
