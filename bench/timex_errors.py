"""Error listing of dateline's temporal tagger on the TUNING splits, for rule work.

Usage: python bench/timex_errors.py [--split NAME ...] [--kind value|missed|false|extent|type]
       [--limit N] [--group]

Splits: tb, aq (TempEval-3 train TimeBank/AQUAINT), wikiwars (timeml-train), tweets (train).
Never run it on a test split: it exists to look at mistakes, which is tuning.

Gold and system expressions are paired by character overlap (not the TE-3 token pairing; close
enough to see families of mistakes). ``--group`` counts mistakes by a crude signature (the
lower-cased words with digits replaced), largest families first.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from dateline.dates.timex import tag
from dateline.eval.bench_data import BENCH_DATA
from dateline.eval.timeml import read_timeml

DATA = BENCH_DATA
SPLITS = {
    "tb": DATA / "tempeval3/train/TBAQ-cleaned/TimeBank",
    "aq": DATA / "tempeval3/train/TBAQ-cleaned/AQUAINT",
    "wikiwars": DATA / "wikiwars/timeml-train",
    "tweets": DATA / "tweets-zhong2017/train",
}


def _signature(text: str) -> str:
    return re.sub(r"\d", "9", " ".join(text.lower().split()))


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"{left}[[{text[start:end]}]]{right}"


def _paired(path: Path, kind: str) -> list[tuple[str, str]]:
    """(signature, line) of each mistake of ``kind`` in one gold file."""
    doc = read_timeml(path)
    system = tag(doc.text, doc.dct)
    head = f"{path.name} dct={doc.dct}"
    rows = []
    if kind == "false":
        for s in system:
            if not any(g.start < s.end and s.start < g.end for g in doc.timexes):
                ctx = _context(doc.text, s.start, s.end)
                rows.append((_signature(s.text), f"{head} {s.value} ({s.rule}) {ctx}"))
        return rows
    for g in doc.timexes:
        if g.nested_markup:
            continue
        hits = [s for s in system if s.start < g.end and g.start < s.end]
        ctx = _context(doc.text, g.start, g.end)
        if not hits:
            if kind == "missed":
                rows.append((_signature(g.text), f"{head} {g.type} {g.value}  {ctx}"))
            continue
        s = hits[0]
        wrong = {
            "value": (s.value != g.value, f"gold={g.value} sys={s.value}"),
            "type": (s.type != g.type, f"gold={g.type} sys={s.type}"),
            "extent": ((s.start, s.end) != (g.start, g.end), f"sys=[{s.text}]"),
        }.get(kind, (False, ""))
        if wrong[0]:
            rows.append((_signature(g.text), f"{head} {wrong[1]} ({s.rule}) {ctx}"))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the mistakes of the chosen kind on the chosen tuning splits."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", nargs="+", default=["tb", "aq"], choices=sorted(SPLITS))
    parser.add_argument(
        "--kind", default="value", choices=["value", "missed", "false", "extent", "type"]
    )
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--group", action="store_true")
    args = parser.parse_args(argv)
    rows = [
        row
        for split in args.split
        for path in sorted(SPLITS[split].glob("*.tml"))
        for row in _paired(path, args.kind)
    ]
    if args.group:
        for sig, n in Counter(sig for sig, _ in rows).most_common(args.limit):
            print(f"{n:4d}  {sig}")
    else:
        for _, line in rows[: args.limit]:
            print(line)
    print(f"# {len(rows)} {args.kind} mistakes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
