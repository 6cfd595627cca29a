"""Score the demo corpus against its ground truth: events (B-cubed, pairwise) and pub dates.

Usage: python bench/demo.py   (from the repository root)

The truth is examples/demo-TRUTH.md, in machine-readable form in tests/golden/demo_truth.json:
each article's locator (path under examples/demo, "#record" for feeds and crawls) with its true
event and publication date. tests/test_demo.py gates the same figures with floors.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from dateline import api
from dateline.eval.clustering import bcubed, pairwise
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEMO = "examples/demo"
NOW = datetime(2025, 6, 1, tzinfo=UTC)


def main() -> None:
    truth = json.loads((ROOT / "tests/golden/demo_truth.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        conn = api.open_store(str(Path(folder) / "demo.db"))
        api.ingest(conn, [str(ROOT / DEMO)], Settings(now=NOW))
        api.build(conn)
        document = api.timeline_document(conn)
        conn.close()
    event_of = {aid: ev["id"] for ev in document["events"] for aid in ev["article_ids"]}
    predicted, gold, dates = {}, {}, Counter()
    for article in document["articles"]:
        for source in article["sources"]:
            path = Path(source["path"]).relative_to(ROOT / DEMO).as_posix()
            locator = f"{path}#{source['record']}" if source["record"] is not None else path
            predicted[locator] = event_of[article["id"]]
            gold[locator] = truth[locator]["event"]
            published = article["published"]
            right = published is not None and published[:10] == truth[locator]["published"]
            dates["unknown" if published is None else "right" if right else "wrong"] += 1
    b3, pairs = bcubed(predicted, gold), pairwise(predicted, gold)
    print(
        f"demo: {len(predicted)} articles read, {len(document['articles'])} distinct, "
        f"{len(set(gold.values()))} true events, {len(document['events'])} found"
    )
    print("| check | P | R | F1 |\n|---|---:|---:|---:|")
    for name, score in (("events B-cubed", b3), ("events pairwise", pairs)):
        print(f"| {name} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} |")
    print(
        f"publication dates: right {dates['right']}, unknown {dates['unknown']}, "
        f"wrong {dates['wrong']}"
    )


if __name__ == "__main__":
    main()
