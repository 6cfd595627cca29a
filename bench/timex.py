"""Speed and TE-3 figures of dateline's temporal tagger on the TempEval-3 training documents.

Usage: python bench/timex.py [--repeat N] [--data PATH]

Reads every TimeBank and AQUAINT file of ../shared/bench-data/tempeval3/train/TBAQ-cleaned (a
tuning split), times ``dateline.dates.timex.tag`` alone (file reading and scoring excluded; best of
N
runs) with the plain scan (every rule over the whole text) and with the trigger-window scan that
``tag`` uses, prints expressions/s and documents/s of both, then writes the tagged files to a
temporary folder and prints strict/relaxed extent F1, value F1 and type F1 per corpus with the
project's TE-3 scorer (``dateline.eval.timex_score``).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from dateline.dates.timex import tag
from dateline.eval.bench_data import BENCH_DATA
from dateline.eval.timeml import CrossingTimexError, TimexAnnotation, read_timeml
from dateline.eval.timeml_write import render_tagged, write_tagged
from dateline.eval.timex_score import score_folders

DATA = BENCH_DATA / "tempeval3/train/TBAQ-cleaned"
CORPORA = ("TimeBank", "AQUAINT")


def _writable(path: Path, spans: list[TimexAnnotation]) -> list[TimexAnnotation]:
    """Drop the timexes that would cross markup already in a training file (e.g. a SIGNAL)."""
    content = path.read_bytes().decode("utf-8")
    kept = []
    for span in spans:
        try:
            render_tagged(content, [span], path)
        except CrossingTimexError:
            continue
        kept.append(span)
    return kept


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (best is kept)")
    parser.add_argument("--data", type=Path, default=DATA, help="TBAQ-cleaned folder")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"missing {args.data}: benchmark data absent")
        return 1
    paths = {c: sorted((args.data / c).glob("*.tml")) for c in CORPORA}
    docs = {c: [read_timeml(p) for p in ps] for c, ps in paths.items()}
    everything = [d for c in CORPORA for d in docs[c]]
    chars = sum(len(d.text) for d in everything)
    print("| scan | documents | expressions | seconds | documents/s | expressions/s | chars/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, full in (("every rule, whole text (before)", True), ("trigger windows", False)):
        best = float("inf")
        found = 0
        for _ in range(max(1, args.repeat)):
            start = time.perf_counter()
            found = sum(len(tag(d.text, d.dct, full_scan=full)) for d in everything)
            best = min(best, time.perf_counter() - start)
        print(
            f"| {label} | {len(everything)} | {found} | {best:.3f} | {len(everything) / best:.0f} "
            f"| {found / best:.0f} | {chars / best:.0f} |"
        )
    print()
    print("| corpus | strict F1 | relaxed F1 (P/R) | value F1 | type F1 |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for corpus in CORPORA:
            out = Path(tmp) / corpus
            out.mkdir()
            for path, doc in zip(paths[corpus], docs[corpus], strict=True):
                spans = [
                    TimexAnnotation(t.start, t.end, t.type, t.value, t.mod)
                    for t in tag(doc.text, doc.dct)
                ]
                try:
                    write_tagged(path, out / path.name, spans)
                except CrossingTimexError:
                    write_tagged(path, out / path.name, _writable(path, spans))
            s = score_folders(args.data / corpus, out)
            print(
                f"| TBAQ train {corpus} | {100 * s.strict.f1:.2f} | {100 * s.relaxed.f1:.2f} "
                f"({100 * s.relaxed.precision:.1f}/{100 * s.relaxed.recall:.1f}) "
                f"| {100 * s.value.f1:.2f} | {100 * s.type.f1:.2f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
