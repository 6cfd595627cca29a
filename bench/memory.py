"""Peak memory and time of ingest, build and the timeline document as the store grows.

Usage: python bench/memory.py [--copies 1,2,4] [--skip entities,provenance,dense] [--full]
       python bench/memory.py --stores A.db,B.db   (the timeline phase alone, on built stores)

Timeline17's 4,651 articles are written ``K`` times into JSON-lines files, copy ``k`` dated
``3k`` years later and its text ending in its own line, so every copy is a new article and its
events stay apart from the other copies' (issue 14's bench: "Timeline17 repeated with shifted
dates"). For each ``K`` a fresh store is made and each phase runs in its own process, whose peak
resident set size (``VmHWM`` on Linux: ``ru_maxrss`` would report at least this script's own
size, which Linux carries into a child across ``exec``) is the phase's peak memory; the largest
of its worker processes' peaks is shown beside it (a forked worker counts the pages it shares
with the process it forked from, so that is not memory added to the phase's). The table shows
how memory grows with the store, and the MiB per 1,000 articles a phase needs beyond its fixed
cost, from which the size a 100,000-article store would need is extrapolated (linearly: what the
issue's goal, under 2 GiB for 100,000 articles, asks to hold). ``--skip`` defaults to the cheap
path; ``--full`` runs every stage (hours on 2 cores beyond one copy).

The timeline phase writes the JSON document to /dev/null as ``timeline --format json`` does
(``api.write_timeline_json``, streamed; a tree without it renders ``export.to_json`` of the
whole document, as that command did). ``--stores`` runs that phase alone on stores built
before (each a fresh process), e.g. to compare two trees on the same stores with
``PYTHONPATH=TREE``. ``--format markdown`` (``html``, ``timelinejs``) runs the timeline phase
as ``timeline --format FORMAT`` does instead: the document those renderers read
(``api.timeline_outline``; a tree without it renders ``api.timeline``'s whole document), its
text written to /dev/null.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import date
from pathlib import Path

from dateline.eval.bench_data import BENCH_DATA

DEFAULT_TARBALL = BENCH_DATA / "tls" / "timeline17_raw_tran2013.tar.gz"
YEARS_APART = 3
RECORDS_PER_FILE = 500
PHASES = ("ingest", "build", "timeline")

_CHILD = """
import json, resource, sys, time
from dateline import api
from dateline.settings import Settings
phase, db, source, skip = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
fmt = sys.argv[5] if len(sys.argv) > 5 else "json"
conn = api.open_store(db)
start = time.perf_counter()
if phase == "ingest":
    api.ingest(conn, [source], Settings(db_path=db))
elif phase == "build":
    api.build(conn, tuple(s for s in skip.split(",") if s))
else:
    import os
    with open(os.devnull, "w", encoding="utf-8") as out:
        if fmt != "json":
            from dateline.export import RENDERERS
            if hasattr(api, "timeline_outline"):
                out.write(RENDERERS[fmt](api.timeline_outline(conn)))
            else:  # a tree from before the outline document
                out.write(RENDERERS[fmt](api.timeline(conn)))
        elif hasattr(api, "write_timeline_json"):
            api.write_timeline_json(conn, out)
        else:  # a tree from before the streamed document
            from dateline.export import to_json
            out.write(to_json(api.timeline(conn)))
seconds = time.perf_counter() - start
try:  # this process's own high-water mark: ru_maxrss keeps the forking parent's across exec
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(int(ln.split()[1]) for ln in status if ln.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
count = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
print(json.dumps({"seconds": seconds, "peak_mib": peak, "worker_mib": workers, "articles": count}))
if phase == "ingest" and count == 0:
    sys.exit("nothing was ingested")
"""


def t17_articles(tarball: Path, folder: Path) -> list[tuple[str, date]]:
    """(text, publication day) of every Timeline17 input document."""
    with tarfile.open(tarball) as archive:
        archive.extractall(folder, filter="data")
    found = []
    for path in sorted((folder / "Timeline17").glob("*/InputDocs/*/*")):
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        if text:
            found.append((text, date.fromisoformat(path.parent.name)))
    return found


def write_copies(articles: list[tuple[str, date]], copies: int, out: Path) -> None:
    """The articles ``copies`` times as JSON-lines files of ``RECORDS_PER_FILE`` records in
    folder ``out`` (one file would pass the input size limit), each copy shifted by
    ``YEARS_APART``."""
    out.mkdir()
    records = [
        {"text": f"{text}\n\nArchive copy {k}.", "date": _shift(day, k * YEARS_APART).isoformat()}
        for k in range(copies)
        for text, day in articles
    ]
    for number, start in enumerate(range(0, len(records), RECORDS_PER_FILE)):
        lines = (json.dumps(r) + "\n" for r in records[start : start + RECORDS_PER_FILE])
        (out / f"part-{number:04d}.jsonl").write_text("".join(lines), encoding="utf-8")


def _shift(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def run_phase(phase: str, db: Path, source: Path, skip: str, fmt: str = "json") -> dict[str, float]:
    """One phase in a fresh process; its seconds, peak MiB and the store's article count."""
    done = subprocess.run(
        [sys.executable, "-P", "-c", _CHILD, phase, str(db), str(source), skip, fmt],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, default=DEFAULT_TARBALL)
    parser.add_argument("--copies", default="1,2,4")
    parser.add_argument("--skip", default="entities,provenance,dense")
    parser.add_argument("--full", action="store_true", help="every stage (no --skip)")
    parser.add_argument("--stores", help="comma-separated built stores: the timeline phase alone")
    parser.add_argument(
        "--format",
        choices=("json", "markdown", "html", "timelinejs"),
        default="json",
        help="the timeline phase's output format (as `timeline --format`)",
    )
    args = parser.parse_args()
    if args.stores:
        stored = [
            (0, "timeline", run_phase("timeline", Path(db), Path(db), "", args.format))
            for db in args.stores.split(",")
        ]
        _report(stored, f"as built; timeline --format {args.format}")
        return 0
    if not args.tarball.exists():
        print(f"missing {args.tarball}: this bench needs ../shared/bench-data")
        return 2
    skip = "" if args.full else args.skip
    rows: list[tuple[int, str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        articles = t17_articles(args.tarball, Path(tmp))
        for copies in (int(k) for k in args.copies.split(",")):
            source = Path(tmp) / f"t17x{copies}"
            write_copies(articles, copies, source)
            db = Path(tmp) / f"t17x{copies}.db"
            for phase in PHASES:
                began = time.perf_counter()
                result = run_phase(phase, db, source, skip, args.format)
                rows.append((copies, phase, result))
                print(
                    f"  {copies} copies, {phase}: {time.perf_counter() - began:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
    _report(rows, skip or "none")
    return 0


def _report(rows: list[tuple[int, str, dict[str, float]]], skip: str) -> None:
    """The table of phases and, per phase measured at two sizes or more, its growth."""
    print(f"skipped stages: {skip}")
    print("| copies | articles | phase | seconds | articles/s | peak MiB | worker peak MiB |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    for copies, phase, result in rows:
        n = int(result["articles"])
        rate = n / result["seconds"] if result["seconds"] else float("inf")
        print(
            f"| {copies} | {n:,} | {phase} | {result['seconds']:.1f} | {rate:,.0f} "
            f"| {result['peak_mib']:,.0f} | {result.get('worker_mib', 0.0):,.0f} |"
        )
    print()
    for phase in PHASES:
        points = [(r["articles"], r["peak_mib"]) for _, p, r in rows if p == phase]
        if len(points) >= 2:
            (n0, m0), (n1, m1) = points[0], points[-1]
            slope = (m1 - m0) / (n1 - n0) * 1000 if n1 != n0 else 0.0
            at_100k = m0 + slope * (100_000 - n0) / 1000
            print(
                f"{phase}: {slope:.1f} MiB per 1,000 articles; "
                f"100,000 articles would need about {at_100k:,.0f} MiB"
            )


if __name__ == "__main__":
    sys.exit(main())
