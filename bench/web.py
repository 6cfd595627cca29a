"""Page times of the web app (``dateline serve``) on a store of Timeline17's 4,651 articles.

Usage: python bench/web.py [--db STORE] [--skip entities,provenance,dense] [--repeat 5]

Without ``--db`` it builds a store from ../shared/bench-data/tls/timeline17_raw_tran2013.tar.gz
in a temporary folder, and with a ``--db`` that does not exist yet it builds it there and keeps
it for later runs (ingest, then ``build`` with the stages ``--skip`` names left out: the whole
pipeline over 4,651 long articles takes the better part of an hour on 2 cores; names and quotes
then come from the stages that ran). It then asks every kind of page through Starlette's
TestClient (no network, the same app ``dateline serve`` runs) and prints, per page, the first
load (``cold``; the app is started as ``dateline serve`` starts it, which loads the store's
snapshot before the first request) and the median and slowest of ``--repeat`` warm loads, with
the page's size; and the timeline page right after another connection wrote to the store, as
a build or a correction does (the page loads the new snapshot), and 3 s after (the app's
refresher has loaded it), each ``--repeat`` times.
The issue's goal is under 200 ms a page on 5,000 articles.
"""

from __future__ import annotations

import argparse
import html
import re
import statistics
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from starlette.testclient import TestClient

from dateline import api
from dateline.eval.bench_data import BENCH_DATA
from dateline.interfaces.web.app import create_app
from dateline.settings import Settings

DEFAULT_TARBALL = BENCH_DATA / "tls" / "timeline17_raw_tran2013.tar.gz"
GOAL_MS = 200.0


def build_store(tarball: Path, folder: Path, skip: tuple[str, ...], db: Path | None) -> Path:
    """Ingest and build Timeline17 into ``db`` (default ``folder/t17.db``); prints how long
    each took."""
    with tarfile.open(tarball) as archive:
        archive.extractall(folder, filter="data")
    inputs = sorted(str(p) for p in (folder / "Timeline17").glob("*/InputDocs"))
    db = db or folder / "t17.db"
    conn = api.open_store(str(db))
    start = time.perf_counter()
    report = api.ingest(conn, inputs, Settings(db_path=str(db)))
    print(f"ingest: {report.new_articles} articles in {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    api.build(conn, skip)
    print(f"build (skip {','.join(skip) or 'nothing'}): {time.perf_counter() - start:.0f} s")
    conn.close()
    return db


def page_urls(db: Path) -> list[tuple[str, str]]:
    """(label, URL) of every kind of page, on real ids from the store."""
    conn = api.open_store(str(db))
    try:
        document = api.timeline(conn)
        biggest = max(document.events, key=lambda e: len(e.article_ids))
        entities = api.entities(conn).get("entities", [])
        story = api.stories(conn)[:1]
    finally:
        conn.close()
    article = biggest.article_ids[0]
    beside = quote(biggest.article_ids[1] if len(biggest.article_ids) > 1 else article, safe="")
    urls = [
        ("timeline", "/"),
        ("timeline, a word query", "/?q=protest"),
        ("timeline, a date range", "/?from=2011-01-01&to=2011-03-31"),
        ("timeline, summary", "/?mode=summary"),
        ("event (the largest)", f"/events/{quote(biggest.id, safe='')}"),
        ("article", f"/articles/{quote(article, safe='')}"),
        ("article beside another", f"/articles/{quote(article, safe='')}/beside/{beside}"),
        ("entities", "/entities"),
        ("stories", "/stories"),
        ("search", "/search?q=minister"),
        ("corrections", "/corrections"),
    ]
    if entities:
        urls.append(("entity (the first)", f"/entities/{quote(str(entities[0]['id']), safe='')}"))
    if story:
        urls.append(("timeline, one story", f"/?story={quote(str(story[0]['id']), safe='')}"))
    return urls


def time_pages(db: Path, repeat: int) -> list[tuple[str, float, float, float, int]]:
    """(label, cold ms, warm median ms, warm max ms, bytes) per page, the app started as
    ``dateline serve`` starts it (its startup loads the snapshot before the first request);
    then the timeline once more after another connection wrote to the store (a build or a
    correction: the first page after it loads the new snapshot)."""
    rows = []
    start = time.perf_counter()
    with TestClient(create_app(Settings(db_path=str(db)))) as client:
        print(f"app startup (snapshot and templates): {time.perf_counter() - start:.2f} s")
        for label, url in page_urls(db):
            start = time.perf_counter()
            response = client.get(url)
            cold = (time.perf_counter() - start) * 1000
            if response.status_code != 200:
                print(f"{label}: HTTP {response.status_code} for {url}", file=sys.stderr)
                continue
            warm = []
            for _ in range(repeat):
                start = time.perf_counter()
                client.get(url)
                warm.append((time.perf_counter() - start) * 1000)
            rows.append((label, cold, statistics.median(warm), max(warm), len(response.content)))
        for label, pause in (
            ("timeline, at once after the store changed", 0.0),
            ("timeline, 3 s after the store changed", 3.0),
        ):
            loads = []
            for _ in range(repeat):
                touch(db)
                time.sleep(pause)
                start = time.perf_counter()
                response = client.get("/")
                loads.append((time.perf_counter() - start) * 1000)
            size = len(response.content)
            rows.append((label, loads[0], statistics.median(loads), max(loads), size))
        rows.append(time_own_edit(client, db, repeat))
    return rows


Row = tuple[str, float, float, float, int]
"""(label, cold ms, warm median ms, warm max ms, bytes)."""


def time_own_edit(client: TestClient, db: Path, repeat: int) -> Row:
    """An edit made in the app (an event retitled to its own title) and the page after it,
    which shows the edit: the app loads the new snapshot before it answers. Each correction is
    undone through the API afterwards, outside the timing."""
    event = dict(page_urls(db))["event (the largest)"]
    token = re.search(r'name="csrf" value="([^"]+)"', client.get(event).text)
    title = re.search(r'name="title" value="([^"]*)"', client.get(event).text)
    if token is None or title is None:
        return ("an edit in the app and its page", 0.0, 0.0, 0.0, 0)
    loads = []
    for _ in range(repeat):
        start = time.perf_counter()
        form = {"csrf": token.group(1), "title": html.unescape(title.group(1))}
        response = client.post(f"{event}/retitle", data=form)
        loads.append((time.perf_counter() - start) * 1000)
        conn = api.open_store(str(db))
        try:
            api.undo(conn, api.corrections(conn)[-1].id, "bench")
        finally:
            conn.close()
        time.sleep(3.0)
    label = "an edit in the app and its page"
    return (label, loads[0], statistics.median(loads), max(loads), len(response.content))


def touch(db: Path) -> None:
    """A write that leaves the store as it was but tells readers it changed (as a build does;
    an update to the same values would not: SQLite then writes nothing)."""
    conn = api.open_store(str(db))
    try:
        conn.execute("INSERT OR REPLACE INTO build_state VALUES ('bench:touch', x'00')")
        conn.execute("DELETE FROM build_state WHERE key = 'bench:touch'")
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db",
        type=Path,
        help="a store (built from Timeline17 there when missing; default: a temporary one)",
    )
    parser.add_argument("--tarball", type=Path, default=DEFAULT_TARBALL)
    parser.add_argument("--skip", default="entities,provenance,dense")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    skip = tuple(name for name in args.skip.split(",") if name)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None or not db.exists():
            if not args.tarball.exists():
                print(f"missing {args.tarball}: this bench needs ../shared/bench-data")
                return 2
            db = build_store(args.tarball, Path(tmp), skip, db)
        rows = time_pages(db, args.repeat)
    print(f"\n| page | cold ms | warm median ms | warm max ms | KB | under {GOAL_MS:.0f} ms |")
    print("|---|---:|---:|---:|---:|---|")
    for label, cold, median, slowest, size in rows:
        ok = "yes" if slowest < GOAL_MS else "no"
        print(f"| {label} | {cold:.0f} | {median:.0f} | {slowest:.0f} | {size / 1024:.0f} | {ok} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
