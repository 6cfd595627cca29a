"""TE-3 Task A table of dateline's temporal tagger on every time-expression split, one table.

Usage: python bench/timex_report.py [--with-test] [--data PATH]

Tags each split's documents with ``dateline.dates.timex.tag`` through the same path as
``dateline eval timex`` (``dateline.eval.timeml_write.tag_folder``), scores them with the project's
TE-3 scorer (``dateline eval timex-score``), and prints strict and relaxed extent F1, value F1
and type F1 per split. HeidelTime's outputs in tempeval3/anchor-outputs are scored beside ours
where they exist (TBAQ train, te3-platinum).

Without ``--with-test`` only the tuning splits run (TBAQ train TimeBank and AQUAINT, WikiWars
timeml-train, Tweets train). ``--with-test`` adds the report-only splits (te3-platinum, Tweets
test, WikiWars timeml-test): run it once, when tuning is over (bench-data README).

Value F1 on WikiWars and Tweets is printed but is not TIMEX3-comparable: WikiWars values are
TIMEX2 VALs and every WikiWars gold type is DATE; about 15% of Tweets gold values are not
standard TIMEX3 (their READMEs). Extent F1 is the figure to compare there.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from dateline.dates.timex import tag
from dateline.eval.bench_data import BENCH_DATA
from dateline.eval.timeml_write import tag_folder
from dateline.eval.timex_score import TimexScores, score_folders

DATA = BENCH_DATA

#: (label, input folder, gold folder, HeidelTime output folder or None, report-only).
SPLITS = (
    (
        "TBAQ train TimeBank",
        "tempeval3/train/TBAQ-cleaned/TimeBank",
        "tempeval3/train/TBAQ-cleaned/TimeBank",
        "tempeval3/anchor-outputs/heideltime-2.2.1-treetagger-TBAQ-TimeBank",
        False,
    ),
    (
        "TBAQ train AQUAINT",
        "tempeval3/train/TBAQ-cleaned/AQUAINT",
        "tempeval3/train/TBAQ-cleaned/AQUAINT",
        "tempeval3/anchor-outputs/heideltime-2.2.1-treetagger-TBAQ-AQUAINT",
        False,
    ),
    ("WikiWars timeml-train", "wikiwars/timeml-train", "wikiwars/timeml-train", None, False),
    ("Tweets train", "tweets-zhong2017/train", "tweets-zhong2017/train", None, False),
    (
        "te3-platinum (test)",
        "tempeval3/test/te3-platinum-input",
        "tempeval3/test/te3-platinum",
        "tempeval3/anchor-outputs/heideltime-2.2.1-treetagger-platinum",
        True,
    ),
    ("Tweets test", "tweets-zhong2017/test", "tweets-zhong2017/test", None, True),
    ("WikiWars timeml-test", "wikiwars/timeml-test", "wikiwars/timeml-test", None, True),
)


def _row(system: str, split: str, s: TimexScores) -> str:
    return (
        f"| {split} | {system} | {100 * s.strict.f1:.2f} | {100 * s.relaxed.f1:.2f} "
        f"({100 * s.relaxed.precision:.1f}/{100 * s.relaxed.recall:.1f}) "
        f"| {100 * s.value.f1:.2f} | {100 * s.type.f1:.2f} |"
    )


def main(argv: list[str] | None = None) -> int:
    """Tag, score and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-test", action="store_true", help="add the report-only splits")
    parser.add_argument("--data", type=Path, default=DATA, help="bench-data folder")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"missing {args.data}: benchmark data absent")
        return 1
    print("| split | system | strict F1 | relaxed F1 (P/R) | value F1 | type F1 |")
    print("|---|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for number, (label, inputs, gold, anchor, report_only) in enumerate(SPLITS):
            if report_only and not args.with_test:
                continue
            out = Path(tmp) / str(number)
            tag_folder(args.data / inputs, out, tag)
            print(_row("dateline", label, score_folders(args.data / gold, out)), flush=True)
            if anchor is not None:
                heideltime = score_folders(args.data / gold, args.data / anchor)
                print(_row("HeidelTime 2.2.1", label, heideltime), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
