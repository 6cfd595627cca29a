"""`dateline eval tls --dataset t17|entities`: timeline summarisation against the gold timelines.

Follows the news-tls protocol (``dateline.eval.tls_data``) and scores with tilse's AR-1/AR-2 and
Date-F1 (``dateline.eval.tls_metrics``). Each topic's articles are split and dated once (only
those inside some gold timeline's span), then each gold timeline is a task over the articles in
its span; the dating time is shared out over the topic's timelines in the seconds column.
Prints one row per timeline and the dataset average (mean precision and recall, F from those,
as news-tls does) beside the published anchors. ``entities`` is the tuning split; ``t17`` is
report-only.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any, TextIO

from dateline.eval.clustering import PRF
from dateline.eval.tls_data import DATA, load_dataset, tasks
from dateline.eval.tls_metrics import average, score_timeline
from dateline.timeline.summarise import (
    DatedSentence,
    date_sentences,
    explicit_dater,
    summarise_sentences,
    timex_dater,
)

ANCHORS = {
    "DATEWISE (news-tls, T17)": (0.120, 0.035, 0.544),
    "CLUST (news-tls, T17)": (0.082, 0.020, 0.407),
    "goal (T17)": (0.140, 0.045, 0.620),
}
"""Published AR-1 F / AR-2 F / Date-F1 (Gholipour Ghalandari and Ifrim 2020, Table 4)."""


def register(evals: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``dateline eval tls``."""
    parser = evals.add_parser("tls", help="timeline summarisation (T17, news-tls entities)")
    parser.add_argument("--dataset", choices=("t17", "entities"), default="entities")
    parser.add_argument("--data", default=str(DATA), help="the bench-data/tls folder")
    parser.add_argument("--topic", action="append", help="only these topics (repeatable)")
    parser.add_argument(
        "--dater", choices=("timex", "explicit"), default="timex", help="sentence dating"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Evaluate and print a table (or JSON)."""
    figures = evaluate(args.dataset, Path(args.data), args.topic, args.dater)
    if args.json:
        print(json.dumps(figures, sort_keys=True), file=out)
    else:
        print(render(figures), file=out)
    return 0


def _prf(prf: PRF) -> dict[str, float]:
    return {"p": prf.precision, "r": prf.recall, "f": prf.f1}


def evaluate(
    dataset: str, data: Path = DATA, topics: list[str] | None = None, dater: str = "timex"
) -> dict[str, Any]:
    """Run every task of a dataset; per-timeline rows and the averages as a plain dict."""
    collections, extension = load_dataset(dataset, data)
    dating = timex_dater if dater == "timex" else explicit_dater
    rows: list[dict[str, Any]] = []
    scores = []
    for collection in collections:
        if topics and collection.topic not in topics:
            continue
        began = time.perf_counter()
        topic_tasks = tasks(collection, extension)
        # date each article once per topic, and only those some task reads
        needed = [
            a
            for a in collection.articles
            if any(t.start <= a.published <= t.end for t in topic_tasks)
        ]
        dated = date_sentences(needed, dating)
        prep_each = (time.perf_counter() - began) / max(1, len(topic_tasks))
        for task in topic_tasks:
            began = time.perf_counter()
            inside = [s for s in dated if task.start <= s.published <= task.end]
            predicted = _predict(
                inside, task.max_dates, task.sentences_per_date, task.keywords, task
            )
            result = score_timeline(predicted, task.gold)
            seconds = time.perf_counter() - began + prep_each
            scores.append(result)
            rows.append(
                {
                    "timeline": task.name,
                    "articles": len(task.articles),
                    "L": task.max_dates,
                    "k": task.sentences_per_date,
                    "ar1": _prf(result.ar1),
                    "ar2": _prf(result.ar2),
                    "date": _prf(result.dates),
                    "seconds": seconds,
                }
            )
    return {
        "dataset": dataset,
        "timelines": rows,
        "average": {
            "ar1": _prf(average([s.ar1 for s in scores])),
            "ar2": _prf(average([s.ar2 for s in scores])),
            "date": _prf(average([s.dates for s in scores])),
            "seconds_per_timeline": sum(r["seconds"] for r in rows) / max(1, len(rows)),
        },
        "anchors": {
            name: dict(zip(("ar1", "ar2", "date"), v, strict=True)) for name, v in ANCHORS.items()
        },
    }


def _predict(
    sentences: list[DatedSentence], max_dates: int, k: int, keywords: tuple[str, ...], task: Any
) -> dict[Any, list[str]]:
    timeline = summarise_sentences(sentences, max_dates, k, keywords, task.start, task.end)
    return {day.day: [s.text for s in day.sentences] for day in timeline}


def render(figures: dict[str, Any]) -> str:
    """The per-timeline table, the average and the anchors."""
    lines = [
        f"TLS {figures['dataset']}: AR-1 F, AR-2 F (tilse align+ m:1, ROUGE-1.5.5 -m -s), Date-F1",
        f"{'timeline':<44} {'docs':>5} {'L':>3} {'k':>2} "
        f"{'AR1-F':>6} {'AR2-F':>6} {'Date-F1':>7} {'s':>6}",
    ]
    for row in figures["timelines"]:
        lines.append(
            f"{row['timeline'][:44]:<44} {row['articles']:>5} {row['L']:>3} {row['k']:>2} "
            f"{row['ar1']['f']:>6.3f} {row['ar2']['f']:>6.3f} {row['date']['f']:>7.3f} "
            f"{row['seconds']:>6.1f}"
        )
    avg = figures["average"]
    lines.append(
        f"{'average (' + str(len(figures['timelines'])) + ' timelines)':<56} "
        f"{avg['ar1']['f']:>6.3f} {avg['ar2']['f']:>6.3f} {avg['date']['f']:>7.3f} "
        f"{avg['seconds_per_timeline']:>6.1f}"
    )
    for name, anchor in figures["anchors"].items():
        lines.append(
            f"{name:<56} {anchor['ar1']:>6.3f} {anchor['ar2']:>6.3f} {anchor['date']:>7.3f}"
        )
    return "\n".join(lines)
