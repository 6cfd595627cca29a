"""Per-article work over processes gives what the plain loop gives, in order."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from dateline import pipeline
from dateline.dates.mentions import time_mentions
from dateline.parallel import (
    MAX_CHUNK,
    MIN_PARALLEL_ITEMS,
    Workers,
    chunk_size,
    map_items,
    map_shared,
)
from dateline.settings import Settings
from dateline.store import connect
from dateline.store.articles import load_articles


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


def _look_up(table: dict[int, str], item: int) -> tuple[str, bool]:
    return table[item], os.getpid() != PARENT


def test_a_shared_value_reaches_forked_workers_and_inline_runs() -> None:
    table = {n: f"word {n}" for n in range(MIN_PARALLEL_ITEMS + 10)}
    found = map_shared(_look_up, table, list(table), workers=2)
    assert [word for word, _ in found] == list(table.values())
    assert any(elsewhere for _, elsewhere in found), "nothing ran in a worker process"
    assert map_shared(_look_up, table, [3], workers=2) == [("word 3", False)]  # small: inline
    with Workers(2) as pool:  # a running pool's processes predate the value: fresh ones read it
        pool.map(abs, list(range(-MIN_PARALLEL_ITEMS, 0)))
        assert [w for w, _ in pool.map_shared(_look_up, {1: "a", 2: "b"} | table, [1, 2])] == [
            "word 1",
            "word 2",
        ]


def _die_on_marker(item: int) -> int:
    if item == 7 and os.getpid() != PARENT:
        os._exit(1)  # a worker killed mid-batch (out of memory, a signal)
    return item * 2


PARENT = os.getpid()


def test_a_pool_serves_many_batches_and_outlives_a_dead_worker() -> None:
    items = list(range(MIN_PARALLEL_ITEMS + 5))
    with Workers(2) as pool:
        assert pool.map(_die_on_marker, items) == [i * 2 for i in items]  # redone here
        assert pool.map(abs, [-i for i in items]) == items


def test_parallel_ingest_stores_what_one_process_stores(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(MIN_PARALLEL_ITEMS + 20):
        body = f"Council vote number {n} passed on Tuesday with {n + 3} votes in favour."
        (folder / f"{n:03}.txt").write_text(f"Vote {n} passes\n\n{body}\n", encoding="utf-8")
    stores = []
    for workers in (1, 2):
        conn = connect(str(tmp_path / f"w{workers}.db"))
        report = pipeline.ingest(conn, [str(folder)], Settings(workers=workers))
        assert report.new_articles == MIN_PARALLEL_ITEMS + 20
        stores.append([(a.id, a.title, a.published, a.path) for a in load_articles(conn)])
    assert stores[0] == stores[1]


def test_chunks_are_small_and_spread_over_workers() -> None:
    assert chunk_size(1000, 2) == MAX_CHUNK  # capped: one long page must not hold up a batch
    assert chunk_size(40, 2) == 5  # about four chunks per worker
    assert chunk_size(3, 8) == 1


def test_a_local_pool_given_to_map_items_lends_its_worker_count() -> None:
    items = list(range(MIN_PARALLEL_ITEMS + 3))
    with Workers(2) as pool:
        assert not pool.remote
        assert map_items(abs, [-i for i in items], pool) == items


def _pid(item: int) -> int:
    return os.getpid()


def test_a_running_pool_takes_small_batches_too() -> None:
    with Workers(2) as pool:
        assert set(pool.map(_pid, [1, 2])) == {PARENT}  # not worth starting processes for
        pool.map(_pid, list(range(MIN_PARALLEL_ITEMS)))
        assert PARENT not in pool.map(_pid, [1, 2, 3])  # but once they run, they take it
