"""`dateline eval demo`: the bundled demo corpus against its ground truth.

The truth (examples/demo-TRUTH.md, machine-readable in a JSON file that maps each article's
locator to its true event and publication date) comes with the repository; the command ingests
the demo into a temporary store, builds, and scores events (B-cubed, pairwise) and publication
dates (right, unknown, wrong).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from dateline import api
from dateline.eval.clustering import PRF, bcubed, pairwise
from dateline.settings import Settings

NOW = datetime(2025, 6, 1, tzinfo=UTC)
"""A fixed ingest time after the demo story, so results do not depend on today's date."""


def register(evals: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``dateline eval demo``."""
    parser = evals.add_parser("demo", help="the demo corpus against its ground truth")
    parser.add_argument("--corpus", default="examples/demo", help="the demo folder")
    parser.add_argument(
        "--truth", default="tests/golden/demo_truth.json", help="locator -> event and date"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Score the demo and print a table (or JSON)."""
    figures = score_demo(Path(args.corpus), Path(args.truth))
    if args.json:
        print(json.dumps(figures, sort_keys=True), file=out)
    else:
        print(render(figures), file=out)
    return 0


def score_demo(corpus: Path, truth_path: Path) -> dict[str, Any]:
    """Ingest, build and score; the figures as a plain dict."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        conn = api.open_store(str(Path(folder) / "demo.db"))
        try:
            api.ingest(conn, [str(corpus)], Settings(now=NOW))
            api.build(conn)
            document = api.timeline_document(conn)
        finally:
            conn.close()
    return score_document(document, str(corpus), truth)


def score_document(
    document: dict[str, Any], corpus: str, truth: dict[str, dict[str, str]]
) -> dict[str, Any]:
    """Score an output document of the demo (read from ``corpus``) against the truth."""
    event_of = {aid: ev["id"] for ev in document["events"] for aid in ev["article_ids"]}
    predicted: dict[str, str] = {}
    gold: dict[str, str] = {}
    dates: Counter[str] = Counter()
    estimates: Counter[str] = Counter()
    for article in document["articles"]:
        for source in article["sources"]:
            where = locator(source, corpus)
            predicted[where] = event_of[article["id"]]
            gold[where] = truth[where]["event"]
            dates[_date_outcome(article["published"], truth[where]["published"])] += 1
            if article["published"] is None:
                estimates[_estimate_outcome(article.get("estimated_date"), truth[where])] += 1
    return {
        "articles_read": len(predicted),
        "articles_distinct": len(document["articles"]),
        "events_true": len(set(gold.values())),
        "events_found": len(document["events"]),
        "events_bcubed": _prf(bcubed(predicted, gold)),
        "events_pairwise": _prf(pairwise(predicted, gold)),
        "dates": {key: dates[key] for key in ("right", "unknown", "wrong")},
        "estimated_dates": {key: estimates[key] for key in ("contains", "misses", "none")},
    }


def locator(source: dict[str, Any], corpus: str) -> str:
    """How the truth names a source: its path under the corpus, "#record" inside a file.

    Source paths are the input path as given joined with the file's relative path
    (docs/FORMAT.md), so the corpus path as given is their prefix.
    """
    path = source["path"].removeprefix(corpus.rstrip("/") + "/")
    return f"{path}#{source['record']}" if source["record"] is not None else path


def render(figures: dict[str, Any]) -> str:
    """The figures as the table docs/BENCHMARKS.md shows."""
    lines = [
        f"demo: {figures['articles_read']} articles read, {figures['articles_distinct']} "
        f"distinct, {figures['events_true']} true events, {figures['events_found']} found",
        "| check | P | R | F1 |",
        "|---|---:|---:|---:|",
    ]
    for name, key in (("events B-cubed", "events_bcubed"), ("events pairwise", "events_pairwise")):
        score = figures[key]
        lines.append(f"| {name} | {score['p']:.3f} | {score['r']:.3f} | {score['f1']:.3f} |")
    dates = figures["dates"]
    lines.append(
        f"publication dates: right {dates['right']}, unknown {dates['unknown']}, "
        f"wrong {dates['wrong']}"
    )
    estimated = figures["estimated_dates"]
    lines.append(
        f"estimated ranges for undated articles: contain the true date {estimated['contains']}, "
        f"miss it {estimated['misses']}, no estimate {estimated['none']}"
    )
    return "\n".join(lines)


def _date_outcome(published: str | None, true: str) -> str:
    if published is None:
        return "unknown"
    return "right" if published[:10] == true else "wrong"


def _estimate_outcome(estimate: dict[str, str] | None, truth: dict[str, str]) -> str:
    if estimate is None:
        return "none"
    inside = estimate["earliest"] <= truth["published"] <= estimate["latest"]
    return "contains" if inside else "misses"


def _prf(score: PRF) -> dict[str, float]:
    return {"p": score.precision, "r": score.recall, "f1": score.f1}
