"""How quote finding scales with the length of a quote-dense article (issue 13, item 3).

Usage: python bench/quotes_scaling.py [--sizes 32,128,512] [--mentions synthetic|ner|both]

Generates one seeded, quote-dense article per size (in KB, ``tests/reliability/quote_dense.py``):
news paragraphs in which nearly every sentence quotes someone, with re-opened multi-paragraph
quotes, pronoun and title speakers, reported speech and scare quotes, over a cast that grows
with the text. Each size
runs in a fresh process, which prints the seconds taken by ``dateline.who.quotes.find_quotes``
(and, with ``--mentions ner``, by ``dateline.who.entities.extract_mentions`` first) and the peak
resident memory of that process. ``synthetic`` mentions are the generator's own (exact
offsets; the quote rules alone), ``ner`` the build's path (spaCy NER, then quotes).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dateline.who.quotes import find_quotes  # noqa: E402
from tests.reliability.quote_dense import quote_dense  # noqa: E402


def _one(size_kb: int, mentions_from: str) -> dict[str, float | int]:
    """Time one size in this process; returns the row as a dict."""
    text, mentions = quote_dense(size_kb * 1024)
    ner_seconds = 0.0
    if mentions_from == "ner":
        from dateline.who.entities import extract_mentions  # noqa: PLC0415 - spaCy only here

        started = time.perf_counter()
        mentions = extract_mentions(text)
        ner_seconds = time.perf_counter() - started
    started = time.perf_counter()
    quotes = find_quotes(text, mentions)
    seconds = time.perf_counter() - started
    return {
        "kb": size_kb,
        "chars": len(text),
        "mentions": len(mentions),
        "quotes": len(quotes),
        "ner_s": ner_seconds,
        "quotes_s": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the table: one fresh process per size."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="32,128,512", help="sizes in KB, comma-separated")
    parser.add_argument("--mentions", choices=("synthetic", "ner", "both"), default="synthetic")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(_one(args.one, args.mentions)))
        return 0
    print("| mentions | size | chars | mentions | quotes | NER s | quotes s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    kinds = ("synthetic", "ner") if args.mentions == "both" else (args.mentions,)
    for kind in kinds:
        for size in (int(s) for s in args.sizes.split(",")):
            command = [sys.executable, __file__, "--one", str(size), "--mentions", kind]
            row = json.loads(subprocess.run(command, check=True, capture_output=True).stdout)
            print(
                f"| {kind} | {size} KB | {row['chars']} | {row['mentions']} | {row['quotes']} | "
                f"{row['ner_s']:.2f} | {row['quotes_s']:.2f} | {row['peak_mb']:.0f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
