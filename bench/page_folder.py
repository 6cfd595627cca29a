"""Real pages read as one folder: what the corpus evidence (clean/template.py) does to them.

    .venv/bin/python bench/page_folder.py [--split tune] [--renderer browser,markdown,inscriptis]

A user's folder mixes pages of many sites. This renders every page of the split to text (as
``dateline eval pages`` does), puts each renderer's dumps in one folder, and reads each dump
twice with dateline's clean and date stages: alone (what ``eval pages`` measures) and with the
evidence ingest would give it from the folder's other pages (``pipeline.site_evidence``: its
site's template lines and slash-date order). It prints, per renderer, body (snippet metric on
tune, shingle on report), headlines right and dates right / wrong for both, and how many pages
found a site and what template lines were cut most often.

The benchmark pages come one per site (990 tune pages from 934 outlets), so this measures the
harm the evidence may do in a mixed folder and the few sites that share a template (a network
of newspapers on one CMS, a blog platform's comment form), not a folder of one site's pages,
which no public set here holds. Tune only for tuning; ``--split report`` is report-only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from dateline.clean import clean_document
from dateline.dates.published import date_article
from dateline.eval.pages_cli import NOW, Reading, Tally, _figures, _score
from dateline.eval.pages_data import SPLITS, load_pages
from dateline.eval.pages_score import RIGHT, WRONG
from dateline.eval.render import RENDERERS, render
from dateline.model import RawDocument
from dateline.pipeline import NO_EVIDENCE, SiteEvidence, site_evidence

SYSTEM = "dateline"


def reading(raw: RawDocument, site: SiteEvidence) -> Reading:
    """What dateline's clean and date stages make of one dump, given its site evidence."""
    cleaned = clean_document(raw, site.template)
    published, cleaned = date_article(cleaned, now=NOW, site_order=site.slash_order)
    return Reading(cleaned.text, cleaned.title, published.value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=SPLITS, default="tune")
    parser.add_argument("--renderer", default=",".join(RENDERERS))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    pages = load_pages(args.split, args.limit)
    print(f"{len(pages)} {args.split} pages, each renderer's dumps in one folder")
    print(
        f"{'renderer':<11} {'evidence':<9} {'body F1':>8} {'headline':>9} {'date right':>11} "
        f"{'wrong':>6}  pages with a site / template lines"
    )
    for how in args.renderer.split(","):
        raws = [
            RawDocument(
                path=f"folder/{page.key}.txt", text=render(page.html, how), source_format="text"
            )
            for page in pages
        ]
        evidence = site_evidence(raws)
        cut: Counter[str] = Counter(line for site in evidence for line in site.template)
        for label, sites in (("alone", [NO_EVIDENCE] * len(raws)), ("folder", evidence)):
            tally = Tally()
            for page, raw, site in zip(pages, raws, sites, strict=True):
                _score(tally, page, args.split, "", reading(raw, site), None)
            figures = _figures(tally, SYSTEM, args.split)
            dates = figures["dates"]
            extra = ""
            if label == "folder":
                with_site = sum(1 for site in evidence if site is not NO_EVIDENCE)
                extra = f"  {with_site} / {sum(cut.values())}"
            print(
                f"{how:<11} {label:<9} {figures['body']['f1']:>8.3f} "
                f"{figures['headlines_right']:>9} {dates[RIGHT]:>11} {dates[WRONG]:>6}{extra}"
            )
        print(f"{'':<11} most cut: {', '.join(repr(line[:40]) for line, _ in cut.most_common(8))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
