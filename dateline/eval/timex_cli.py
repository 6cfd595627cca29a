"""`dateline eval timex-score GOLD_DIR SYSTEM_DIR`: TempEval-3 Task A timex figures.

Scores a folder of system TimeML files (each named after its gold file) against the gold folder
with :mod:`dateline.eval.timex_score`, which reproduces the official TE-3 toolkit's figures, so
that dateline's tagger and the anchor systems in ../shared/bench-data/tempeval3/anchor-outputs
are measured with one ruler. The tagger side (``dateline eval timex INPUT_DIR OUTPUT_DIR``)
writes its files with :func:`dateline.eval.timeml_write.tag_folder`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from dateline.dates.timex import tag
from dateline.eval.timeml import Tagger, TimeMLError
from dateline.eval.timeml_write import tag_folder
from dateline.eval.timex_score import TimexScores, score_folders

__all__ = ["Tagger", "register", "render", "run", "tag_folder"]


def register(evals: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``dateline eval timex-score``."""
    parser = evals.add_parser(
        "timex-score", help="TempEval-3 Task A timex scores of a system folder against gold"
    )
    parser.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of gold .tml files")
    parser.add_argument(
        "system_dir", metavar="SYSTEM_DIR", help="folder of system .tml files, named as gold"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)
    tagger = evals.add_parser(
        "timex", help="tag TimeML input files with dateline's tagger, for timex-score"
    )
    tagger.add_argument("input_dir", metavar="INPUT_DIR", help=".TE3input or .tml files")
    tagger.add_argument("output_dir", metavar="OUTPUT_DIR", help="where NAME.tml files go")
    tagger.add_argument("--json", action="store_true", help="print one JSON object")
    tagger.set_defaults(handler=run_tagger)


def run_tagger(args: argparse.Namespace, out: TextIO) -> int:
    """Tag every input file with ``dateline.dates.timex.tag`` and write TE-3 output files."""
    input_dir, output_dir = Path(args.input_dir), Path(args.output_dir)
    if not input_dir.is_dir():
        print(f"error: {input_dir} is not a folder", file=out)
        return 2
    output_dir.mkdir(parents=True, exist_ok=True)
    try:
        files = tag_folder(input_dir, output_dir, tag)
    except TimeMLError as error:
        print(f"error: {error}", file=out)
        return 2
    if args.json:
        print(json.dumps({"files": files, "output_dir": str(output_dir)}), file=out)
    else:
        print(f"tagged {files} files into {output_dir}", file=out)
    return 0


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Score and print the table (or JSON); 2 when a folder or file cannot be read."""
    gold_dir, system_dir = Path(args.gold_dir), Path(args.system_dir)
    for folder in (gold_dir, system_dir):
        if not folder.is_dir():
            print(f"error: {folder} is not a folder", file=out)
            return 2
    try:
        result = score_folders(gold_dir, system_dir)
    except (TimeMLError, ValueError) as error:
        print(f"error: {error}", file=out)
        return 2
    if args.json:
        print(json.dumps(result.as_dict(), sort_keys=True), file=out)
    else:
        print(render(result, gold_dir, system_dir), file=out)
    return 0


def render(result: TimexScores, gold_dir: Path, system_dir: Path) -> str:
    """The figures as a Markdown table, in percent as TE-3 publishes them."""
    counts = result.counts
    lines = [
        f"TempEval-3 Task A timexes: {system_dir} against {gold_dir}",
        f"{counts.files} files ({counts.missing} without a system file), "
        f"{counts.gold} gold timexes, {counts.system} system timexes",
        "| match | P | R | F1 |",
        "|---|---:|---:|---:|",
    ]
    for name, score in (
        ("strict extent", result.strict),
        ("relaxed extent", result.relaxed),
        ("value", result.value),
        ("type", result.type),
    ):
        lines.append(
            f"| {name} | {_pct(score.precision)} | {_pct(score.recall)} | {_pct(score.f1)} |"
        )
    return "\n".join(lines)


def _pct(fraction: float) -> str:
    return f"{100 * fraction:.2f}"
