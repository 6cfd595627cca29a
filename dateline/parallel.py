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

The same work can go to a Dask distributed cluster instead (``Workers(scheduler=ADDRESS)``,
``dateline build --scheduler``): every stage that maps items through ``Workers``,
``map_items`` or ``map_shared`` (items with one large value they all read, sent to each worker
once) then runs on the cluster's workers without code of its own, and the store and the
global stages stay in this process. Dask is imported only then, so the CLI starts without it.
Chunks go out with ``client.map`` and come back in order; each worker loads the models (spaCy,
MiniLM) once from its own installed wheels. Before any work goes out, every worker must run the
same dateline code and dependency versions as this process (``code_fingerprint``), so a
cluster build stores what a local one would.
"""

from __future__ import annotations

import ctypes
import importlib
import logging
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")
Shared = TypeVar("Shared")

MIN_PARALLEL_ITEMS = 64
"""Below this many items the work runs in this process."""
MAX_CHUNK = 8
"""Items handed to a worker at once. Chunks amortise pickling; small ones keep every core busy
when item costs vary (a 300-line page dump beside 20-line wire stories): with 1,000 articles
on 2 cores the old chunk of 125 left one core idle for the last chunk's length."""
PARENT_POLL_SECONDS = 0.5
"""How often a worker without ``PR_SET_PDEATHSIG`` (not Linux) checks that its parent lives."""
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
CONNECT_SECONDS = 10.0
"""How long to try to reach a Dask scheduler, and then to wait for its first worker."""
SCHEDULER_ADDRESS = re.compile(
    r"(?:(?:tcp|tls|ws|wss|ucx)://)?(?:\[[0-9A-Fa-f:.]+\]|[^\s/:\[\]]+):\d{1,5}"
)
"""What ``dask scheduler`` prints as its address (``tcp://10.0.0.5:8786``; the scheme may be
left out). Checked before connecting: distributed answers some malformed addresses (no port,
an ``http://`` URL) by waiting out its timeout, or by starting a cluster of its own."""


class SchedulerError(RuntimeError):
    """The Dask scheduler cannot be used: dask is not installed, the address is malformed or
    unreachable, no worker joins, or a worker runs other code (the message says which)."""


def default_workers() -> int:
    """The cores this process may use (at least 1)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


class Workers:
    """A pool of ``workers`` processes for one run, started at the first batch big enough.

    Use as a context manager; ``map`` may be called many times (ingest maps each window of
    articles through the same pool, instead of starting processes per window). With a
    ``scheduler`` address the work goes to that Dask cluster instead (``workers`` is then
    unused: the cluster's workers decide); entering connects and checks the workers, so a bad
    address fails before any work or store change.
    """

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        self.workers = default_workers() if workers is None else workers
        self.scheduler = scheduler
        self._pool: ProcessPoolExecutor | None = None
        self._cluster: _Cluster | None = None

    @property
    def remote(self) -> bool:
        """Whether the work runs on a Dask cluster (models then load there, not here)."""
        return self.scheduler is not None

    def __enter__(self) -> Workers:
        if self.scheduler is not None:
            self._connect(self.scheduler)
        return self

    def _connect(self, scheduler: str) -> _Cluster:
        if self._cluster is None:
            self._cluster = _Cluster(scheduler)
        return self._cluster

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=error is not None)
            self._pool = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def map(
        self,
        work: Callable[[Item], Result],
        items: Sequence[Item],
        *,
        min_items: int = MIN_PARALLEL_ITEMS,
    ) -> list[Result]:
        """``[work(item) for item in items]``, in order; ``work`` must be a module-level
        function (it is pickled by name). Fewer than ``min_items`` items run here (a caller
        whose items are each heavy, batches of sentences for MiniLM, asks for less), unless the
        processes are already running: then starting them costs nothing, and ingest's last,
        short window of page dumps (40 of them take 0.3 s on one core) is spread too."""
        return self.map_ahead(work, items, min_items=min_items)()

    def map_ahead(
        self,
        work: Callable[[Item], Result],
        items: Sequence[Item],
        *,
        min_items: int = MIN_PARALLEL_ITEMS,
    ) -> Callable[[], list[Result]]:
        """``map`` started now and gathered later: the function returned gives the results
        (waiting for them). Items for the processes are on their way to them when this returns,
        so the caller can go on meanwhile (ingest reads and stores while the workers prepare a
        window); items that run here, or on a cluster, run when the results are asked for."""
        if self.scheduler is not None:
            cluster = self._connect(self.scheduler)
            return lambda: cluster.map(work, items)
        started = self._pool is not None
        if self.workers <= 1 or len(items) < 2 or (not started and len(items) < min_items):
            return lambda: [work(item) for item in items]
        if self._pool is None:
            context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=die_with_parent,
                initargs=(os.getpid(),),
            )
        try:
            results = self._pool.map(work, items, chunksize=chunk_size(len(items), self.workers))
        except BrokenProcessPool:  # it died since the last batch
            self._lose_pool(len(items))
            return lambda: [work(item) for item in items]

        def gather() -> list[Result]:
            try:
                return list(results)
            except BrokenProcessPool:  # a worker was killed (out of memory, a signal): go on here
                self._lose_pool(len(items))
                return [work(item) for item in items]

        return gather

    def map_shared(
        self, work: Callable[[Shared, Item], Result], shared: Shared, items: Sequence[Item]
    ) -> list[Result]:
        """``map_shared`` on this pool's cluster or processes (see there)."""
        if self.scheduler is not None:
            return self._connect(self.scheduler).map_shared(work, shared, items)
        return map_shared(work, shared, items, self.workers)

    def _lose_pool(self, items: int) -> None:
        log.warning("a worker process died; this batch of %d runs in one process", items)
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def chunk_size(items: int, workers: int) -> int:
    """Items per task: about four tasks per worker, at most ``MAX_CHUNK`` (see there)."""
    return min(max(items // (workers * 4), 1), MAX_CHUNK)


def map_items(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int | Workers | None = None,
    *,
    min_items: int = MIN_PARALLEL_ITEMS,
) -> list[Result]:
    """``[work(item) for item in items]``, in order, over ``workers`` processes (one pool for
    this call; see ``Workers`` to keep one for many), or on the cluster of a remote ``Workers``.

    Local processes are started per call on purpose: a stage loads its model first and the
    workers forked after it share the model's memory. A cluster's connection is the caller's
    ``Workers``, kept for the whole build. ``work`` must be a module-level function (it is
    pickled by name).
    """
    if isinstance(workers, Workers):
        if workers.remote:
            return workers.map(work, items)
        workers = workers.workers
    with Workers(workers) as pool:
        return pool.map(work, items, min_items=min_items)


def map_shared(
    work: Callable[[Shared, Item], Result],
    shared: Shared,
    items: Sequence[Item],
    workers: int | Workers | None = None,
) -> list[Result]:
    """``[work(shared, item) for item in items]``, in order, like ``map_items``, with one
    large value every item reads (the provenance flags' corpus lexicon) sent to each worker
    once instead of pickled with every chunk.

    Local processes are forked after the value is set (they inherit it; so a fresh pool, even
    when ``workers`` holds one already running); a cluster receives it once per worker
    (``scatter``, broadcast) and each task is handed the worker's copy.
    """
    if isinstance(workers, Workers):
        if workers.remote:
            return workers.map_shared(work, shared, items)
        workers = workers.workers
    global _SHARED  # noqa: PLW0603 - read by forked workers without pickling it per item
    _SHARED = shared
    try:
        with Workers(workers) as pool:
            return pool.map(partial(_with_shared, work), items)
    finally:
        _SHARED = None


_SHARED: Any = None
"""``map_shared``'s value while it runs, for the local processes it forks."""


def _with_shared(work: Callable[[Any, Item], Result], item: Item) -> Result:
    return work(_SHARED, item)


class _Cluster:
    """A connection to a Dask scheduler: the one place dask is imported and typed ``Any``."""

    def __init__(self, address: str) -> None:
        if not SCHEDULER_ADDRESS.fullmatch(address):
            raise SchedulerError(
                f"scheduler address {address!r} is not HOST:PORT or tcp://HOST:PORT "
                "(what 'dask scheduler' prints)"
            )
        try:
            distributed: Any = importlib.import_module("distributed")
        except ImportError as exc:
            raise SchedulerError(
                f"cannot use the scheduler at {address}: dask and distributed are not installed "
                "(pip install -c constraints.txt -e .)"
            ) from exc
        self.address = address
        try:
            self._client: Any = distributed.Client(
                address, timeout=CONNECT_SECONDS, set_as_default=False
            )
        except (OSError, ValueError) as exc:  # refused, unknown host, timed out
            raise SchedulerError(f"cannot reach the Dask scheduler at {address} ({exc})") from exc
        try:
            self._check_workers()
        except BaseException:
            self.close()
            raise

    def _check_workers(self) -> None:
        """Wait for a worker; refuse workers whose code or dependencies differ from ours."""
        try:
            self._client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as exc:
            raise SchedulerError(
                f"no Dask worker joined the scheduler at {self.address} within "
                f"{CONNECT_SECONDS:.0f} s (start one with 'dask worker {self.address}')"
            ) from exc
        ours = code_fingerprint()
        theirs: dict[str, str] = self._client.run(code_fingerprint)
        other = sorted(worker for worker, print_ in theirs.items() if print_ != ours)
        if other:
            raise SchedulerError(
                f"Dask worker {other[0]} (of {len(theirs)} at {self.address}) runs other dateline "
                "code or dependency versions than this machine; install the same commit with "
                "pip install -c constraints.txt -e . on every machine"
            )
        count = f"{len(theirs)} worker{'s' if len(theirs) > 1 else ''}"
        log.info("per-article stages go to the Dask cluster at %s (%s)", self.address, count)

    def map(self, work: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
        """One task per chunk (``chunk_size`` over the cluster's threads), gathered in order.

        Every batch goes out, however small: the workers are already running, and a build's
        results must not depend on where its batches ran.
        """
        if not items:
            return []
        futures = self._client.map(partial(_run_chunk, work), self._chunks(items), pure=False)
        done: list[list[Result]] = self._client.gather(futures)
        return [result for chunk in done for result in chunk]

    def map_shared(
        self, work: Callable[[Shared, Item], Result], shared: Shared, items: Sequence[Item]
    ) -> list[Result]:
        """``map`` with ``shared`` sent once to every worker (``scatter``, broadcast); each task
        receives its worker's copy (Dask resolves the future it is given)."""
        if not items:
            return []
        value = self._client.scatter(shared, broadcast=True, hash=False)
        try:
            futures = self._client.map(
                partial(_run_shared_chunk, work), self._chunks(items), shared=value, pure=False
            )
            done: list[list[Result]] = self._client.gather(futures)
        finally:
            self._client.cancel(value)
        return [result for chunk in done for result in chunk]

    def _chunks(self, items: Sequence[Item]) -> list[list[Item]]:
        threads = sum(self._client.nthreads().values()) or 1
        size = chunk_size(len(items), threads)
        return [list(items[start : start + size]) for start in range(0, len(items), size)]

    def close(self) -> None:
        self._client.close()


def _run_chunk(work: Callable[[Item], Result], chunk: list[Item]) -> list[Result]:
    """One cluster task: a chunk of items through ``work`` on a worker."""
    return [work(item) for item in chunk]


def _run_shared_chunk(
    work: Callable[[Shared, Item], Result], chunk: list[Item], shared: Shared
) -> list[Result]:
    """One cluster task of ``map_shared``: ``shared`` is the worker's copy of the value."""
    return [work(shared, item) for item in chunk]


def code_fingerprint() -> str:
    """A hash of dateline's source files and the installed versions of its dependencies.

    Two machines with the same fingerprint compute the same per-article results; a worker
    installed from another commit (or with another spaCy) would store its results under this
    build's stage versions, so a cluster with one is refused.
    """
    import hashlib  # noqa: PLC0415 - these (and zipfile, email) only for a cluster
    import importlib.metadata  # noqa: PLC0415

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    try:
        required = importlib.metadata.requires("dateline") or []
    except importlib.metadata.PackageNotFoundError:  # running from a checkout, not installed
        required = []
    for requirement in sorted(r for r in required if "extra ==" not in r):
        name = re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]
        try:
            digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    return digest.hexdigest()


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
