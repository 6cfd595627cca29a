"""Scale-out on Dask: a build whose per-article stages run on a cluster stores what a local one
stores, and a scheduler that cannot be used is a one-line usage error.

The cluster is a ``distributed.LocalCluster`` of two worker processes on this machine: the
workers are separate interpreters that import dateline and load spaCy and MiniLM from the
installed wheels, as the workers of a real cluster do (docs/DEPLOY.md).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import socket
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from dateline import api, parallel
from dateline.interfaces.cli import EXIT_USAGE, main
from dateline.settings import Settings, load_settings

distributed = pytest.importorskip(
    "distributed", reason="dask/distributed not installed (make install installs them)"
)

ROOT = Path(__file__).resolve().parents[1]
DEMO = "examples/demo"
NOW = datetime(2025, 6, 1, tzinfo=UTC)
IGNORED_TABLES = {"schema_migrations", "overrides", "sqlite_sequence"}
"""Not written by a build (the migrations' own bookkeeping, a user's corrections)."""


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """Two worker processes, one thread each, as a cluster of two one-core machines would be."""
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def _built(db: Path, scheduler: str | None) -> tuple[dict[str, list[Any]], str]:
    """The demo ingested and built (on the cluster when ``scheduler``); every table the build
    writes, without the columns that hold the time of writing, and the timeline JSON."""
    cwd = Path.cwd()
    os.chdir(ROOT)  # stored paths relative, as in the golden test
    try:
        conn = api.open_store(str(db))
        report = api.ingest(conn, [DEMO], Settings(now=NOW, scheduler=scheduler))
        assert report.skipped == 0, report.issues
        api.build(conn, scheduler=scheduler)
        document = json.dumps(api.timeline_document(conn), sort_keys=True)
        return _tables(conn), document
    finally:
        os.chdir(cwd)


def _tables(conn: sqlite3.Connection) -> dict[str, list[Any]]:
    names = [
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if row[0] not in IGNORED_TABLES
    ]
    tables: dict[str, list[Any]] = {}
    for name in names:
        columns = [
            row[1]
            for row in conn.execute(f"PRAGMA table_info({name})")
            if not (row[1] == "at" or row[1].endswith("_at"))
        ]
        select = ", ".join(columns)
        rows = conn.execute(f"SELECT {select} FROM {name}").fetchall()
        tables[name] = sorted((tuple(row) for row in rows), key=repr)
    return tables


def test_a_cluster_build_stores_what_a_local_build_stores(
    scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local_tables, local_document = _built(tmp_path / "local.db", None)
    shared_maps: list[int] = []  # batches of provenance flags sent with the run's lexicon
    sent = parallel._Cluster.map_shared

    def spy(cluster: Any, work: Any, shared: Any, items: Any) -> Any:
        shared_maps.append(len(items))
        return sent(cluster, work, shared, items)

    monkeypatch.setattr(parallel._Cluster, "map_shared", spy)
    cluster_tables, cluster_document = _built(tmp_path / "cluster.db", scheduler)
    assert shared_maps and sum(shared_maps) == len(local_tables["articles"]), shared_maps
    for table in (
        "article_times",
        "entity_mentions",
        "quotes",
        "article_embeddings",
        "article_flags",
    ):
        assert local_tables[table], f"the demo gives some {table}: nothing was compared"
    for table, rows in local_tables.items():
        assert cluster_tables[table] == rows, f"{table} differs between local and cluster"
    assert cluster_document == local_document
    with distributed.Client(scheduler) as client:  # the work really went to the workers
        loaded = client.run(_stage_modules)
    assert {"spacy", "dateline.dates.mentions", "dateline.grouping.dense"} <= set().union(
        *loaded.values()
    ), loaded


def _stage_modules() -> set[str]:
    """What a worker has imported of the per-article stages (run on each worker)."""
    import sys  # noqa: PLC0415 - runs on a worker

    wanted = ("spacy", "dateline.dates.mentions", "dateline.grouping.dense")
    return {name for name in wanted if name in sys.modules}


def _shared_word(table: dict[int, str], item: int) -> tuple[str, str]:
    import os  # noqa: PLC0415 - runs on a worker
    import time  # noqa: PLC0415

    time.sleep(0.005)  # long enough that Dask hands tasks to both workers, even under load
    return table[item], os.environ.get("DASK_WORKER_NAME", "") or str(os.getpid())


def test_a_shared_value_reaches_every_cluster_task(scheduler: str) -> None:
    """The provenance flags' lexicon goes to each worker once; every task reads its copy."""
    table = {n: f"word {n}" for n in range(200)}  # 25 tasks of 8
    with parallel.Workers(scheduler=scheduler) as pool:
        found = pool.map_shared(_shared_word, table, list(table))
        assert [word for word, _ in found] == list(table.values())
        assert len({where for _, where in found}) == 2, "the tasks did not spread over 2 workers"
        assert pool.map_shared(_shared_word, table, []) == []


def test_the_cli_builds_on_a_cluster(scheduler: str, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        body = f"The council voted on Tuesday, 3 June 2025, to close bridge {n}, the mayor said."
        (folder / f"{n}.txt").write_text(f"Bridge {n} closes\n\n{body}\n", encoding="utf-8")
    code = main(["run", str(folder), "--db", db, "--scheduler", scheduler, "--format", "json"])
    assert code == 0
    assert len(api.timeline_document(api.open_store(db))["articles"]) == 3


def test_workers_with_other_dependency_versions_are_refused(
    scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Here every dependency seems to be at 0.0; the workers see the installed versions."""
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.0")
    with pytest.raises(parallel.SchedulerError, match="runs other dateline code"):
        parallel.Workers(scheduler=scheduler).__enter__()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("command", ["build", "ingest"])
def test_an_unreachable_scheduler_is_a_usage_error(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(parallel, "CONNECT_SECONDS", 0.5)
    address = f"tcp://127.0.0.1:{_free_port()}"
    inputs = [str(tmp_path)] if command == "ingest" else []
    code = main([command, *inputs, "--db", str(tmp_path / "s.db"), "--scheduler", address])
    assert code == EXIT_USAGE
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and address in lines[0] and "Traceback" not in lines[0], lines


def test_a_malformed_address_is_refused_before_connecting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["build", "--db", str(tmp_path / "s.db"), "--scheduler", "http://example"])
    assert code == EXIT_USAGE
    assert "'http://example' is not HOST:PORT" in capsys.readouterr().err


def test_the_config_file_names_the_scheduler(tmp_path: Path) -> None:
    config = tmp_path / "dateline.toml"
    config.write_text('scheduler = "tcp://10.0.0.5:8786"\n', encoding="utf-8")
    assert load_settings(config).scheduler == "tcp://10.0.0.5:8786"
    assert load_settings(config, scheduler="tcp://other:1").scheduler == "tcp://other:1"
