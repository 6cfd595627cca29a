"""Publication dates of page dumps in every language of the tune split, by language.

    .venv/bin/python bench/page_dates_languages.py [--renderer browser] [--limit N]

The page benchmark (``dateline eval pages``) scores the tune split's English pages. Most of
trafilatura's evaluation set is German, with French, Spanish, Italian, Dutch, Polish and other
pages beside it: this prints, for each language (the page's declared ``lang``, else detected),
how often dateline's clean and date stages read the page's silver publication date from its
plain-text dump (right, wrong, unknown), and trafilatura's htmldate over the same text beside
it. Tune split only (never the report split), so its figures may be tuned on.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict

from dateline.eval.pages_cli import dateline_reading, read
from dateline.eval.pages_data import Page, available, load_pages, page_language
from dateline.eval.pages_score import NO_SILVER, date_outcome
from dateline.eval.render import render

OUTCOMES = ("right", "wrong", "unknown")
LANGUAGES = ("de", "en", "es", "fr", "pl", "it", "nl", "pt")
"""Printed apart; the set's few pages in other languages are counted together."""


def tally(pages: list[Page], renderer: str) -> dict[str, dict[str, Counter[str]]]:
    """Per system, per language: how many dates were right, wrong or unknown."""
    counts: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for page in pages:
        if page.published is None:
            continue
        dump = render(page.html, renderer)
        language = page_language(page.html)
        language = language if language in LANGUAGES else "other"
        readings = {
            "dateline": dateline_reading(page, dump),
            "trafilatura over the text": read("trafilatura over the text", page, dump),
        }
        for system, reading in readings.items():
            outcome = date_outcome(reading.published, page.published, page.published_days)
            if outcome != NO_SILVER:
                counts[system][language][outcome] += 1
                counts[system]["all"][outcome] += 1
    return counts


def table(counts: dict[str, dict[str, Counter[str]]]) -> str:
    ours = counts["dateline"]
    languages = sorted(ours, key=lambda lang: (lang in ("other", "all"), lang == "all", lang))
    lines = [
        "| language | pages | system | date right | date wrong | date unknown |",
        "|---|---:|---|---:|---:|---:|",
    ]
    for language in languages:
        for system, per_language in counts.items():
            found = per_language[language]
            total = sum(found.values())
            shares = " | ".join(f"{found[o] / total:.3f}" for o in OUTCOMES)
            lines.append(f"| {language} | {total} | {system} | {shares} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--renderer", default="browser")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if not available():
        print("the page benchmark needs ../shared/bench-data/boilerplate/", file=sys.stderr)
        return 1
    pages = load_pages("tune", args.limit, english_only=False)
    print(table(tally(pages, args.renderer)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
