"""`dateline eval pages --split tune|report`: reading real news pages saved as plain text.

Every page of the split (``dateline.eval.pages_data``) is rendered to text the ways people save
pages (``dateline.eval.render``: a browser's copy, html2text markdown, inscriptis), and each
text dump is read by these systems side by side:

* raw dump: the dump itself is the body, its first non-empty line the headline; no date.
* dateline: the dump as a plain-text file through the clean stage (``clean_document``) and the
  date stage (``date_article``); body, headline and publication date as dateline keeps them.
* jusText over the text: each non-empty line of the dump as an HTML paragraph, through jusText
  (English stoplist, default settings); the paragraphs not judged boilerplate are the body.
* trafilatura over the text: the same paragraph-wrapped HTML through trafilatura (no comments,
  no tables) for body and headline; the date is htmldate over the same wrapped HTML
  (``find_date``, extensive search, original date). These are the peers reading the same text.
* trafilatura on the HTML: trafilatura on the page's HTML, its body, title and date. A
  different, richer input, printed as a reference row, not as a competitor.
* dateline on the HTML: the page's HTML as dateline ingests an ``.html`` file (``read_html``:
  trafilatura's extraction and metadata), then the clean and date stages; what a user who
  saved the HTML gets. Printed after the reference row, also the same in every table.

Body is scored with the ScrapingHub shingle metric on the ``report`` split (gold article
bodies) and with trafilatura's snippet metric on ``tune``; on ``tune`` the shingle metric is
also given against trafilatura's extraction of the HTML, a silver body (``dateline.eval.
pages_score`` defines all metrics). Headlines and dates are checked against the page's own
metadata (silver). A system failing on a page scores that page as empty output and the failure
is counted; the run goes on. ``tune`` is for tuning; ``report`` is report-only, never tuned on.
"""

from __future__ import annotations

import argparse
import html
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TextIO

from dateline.eval.pages_data import SPLITS, Page, load_pages
from dateline.eval.pages_score import (
    NO_SILVER,
    RIGHT,
    UNKNOWN,
    WRONG,
    ShingleCounts,
    SnippetCounts,
    as_date,
    date_outcome,
    headline_right,
    local_day,
    one_day_off,
    shingle_counts,
    shingle_prf,
    snippet_counts,
)
from dateline.eval.render import RENDERERS, render
from dateline.model import RawDocument

NOW = datetime(2030, 1, 1, tzinfo=UTC)
"""A late, fixed 'now' for the date stage: the pages are older, and results stay reproducible."""

RAW, DATELINE, JUSTEXT, TRAF_TEXT, TRAF_HTML, DATELINE_HTML = (
    "raw dump",
    "dateline",
    "jusText over the text",
    "trafilatura over the text",
    "trafilatura on the HTML (reference)",
    "dateline on the HTML",
)
TEXT_SYSTEMS = (RAW, DATELINE, JUSTEXT, TRAF_TEXT)
"""The systems that read the text dump, in table order; the HTML readers are printed after."""
HTML_SYSTEMS = (TRAF_HTML, DATELINE_HTML)
"""The systems that read the page's HTML (once per page, the same in every rendering's table)."""
PREDICTS = {
    RAW: (True, False),
    DATELINE: (True, True),
    JUSTEXT: (False, False),
    TRAF_TEXT: (True, True),
    TRAF_HTML: (True, True),
    DATELINE_HTML: (True, True),
}
"""Whether each system gives (a headline, a date); a dash in the table where it does not."""
FOOTNOTES = (
    f'The date columns of "{TRAF_TEXT}" are htmldate over the same paragraph-wrapped text '
    "(find_date, extensive_search=True, original_date=True): htmldate reading the text.",
    f'"{TRAF_HTML}" reads the page\'s HTML, not the text dump: a reference, the same in every '
    "renderer's table.",
    "Wrong dates one day from the silver date, counted in 'date wrong' too.",
    "Right dates that are the outlet's local day of a silver date given as a UTC instant (the "
    "page prints its local evening time, its metadata the next day in UTC; the same moment, "
    "in any time zone from UTC-12 to UTC+14), counted in 'date right' too.",
    f"\"{DATELINE_HTML}\" reads the page's HTML as dateline ingests an .html file (trafilatura's "
    "extraction and metadata, then dateline's clean and date stages): the same in every table.",
)


@dataclass(frozen=True)
class Reading:
    """What one system made of one page: its body, headline and publication date."""

    body: str
    headline: str | None = None
    published: date | None = None


@dataclass
class Tally:
    """One system's outcomes over the pages of one rendering."""

    shingles: list[ShingleCounts] = field(default_factory=list)
    silver_shingles: list[ShingleCounts] = field(default_factory=list)
    snippets: SnippetCounts = field(default_factory=SnippetCounts)
    headlines_right: int = 0
    dates: Counter[str] = field(default_factory=Counter)
    failures: int = 0
    first_failure: str | None = None
    seconds: float = 0.0


def register(evals: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``dateline eval pages``."""
    parser = evals.add_parser(
        "pages", help="body, headline and date of real news pages saved as plain text"
    )
    parser.add_argument(
        "--split", choices=SPLITS, default="tune", help="tune (default); report is report-only"
    )
    parser.add_argument(
        "--renderer",
        type=_renderers,
        default=RENDERERS,
        help=f"comma-separated text renderings (default: {','.join(RENDERERS)})",
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def _renderers(value: str) -> tuple[str, ...]:
    chosen = tuple(name.strip() for name in value.split(",") if name.strip())
    unknown = [name for name in chosen if name not in RENDERERS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown renderer {', '.join(unknown) or value!r}; choose from {', '.join(RENDERERS)}"
        )
    return chosen


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Score every system on the split and print the tables (or JSON)."""
    figures = evaluate(args.split, args.renderer, args.limit)
    print(json.dumps(figures, sort_keys=True) if args.json else render_figures(figures), file=out)
    return 0


# --- the systems ---------------------------------------------------------------------------


def raw_dump(dump: str) -> Reading:
    """The dump as it is; its first non-empty line as the headline."""
    first = next((line.strip() for line in dump.splitlines() if line.strip()), None)
    return Reading(dump, first)


def dateline_reading(page: Page, dump: str) -> Reading:
    """The dump read as a plain-text file by dateline's clean and date stages."""
    from dateline.clean import clean_document  # noqa: PLC0415 - the stage under test
    from dateline.dates.published import date_article  # noqa: PLC0415

    raw = RawDocument(path=f"{page.key}.txt", text=dump, source_format="text")
    cleaned = clean_document(raw)
    published, cleaned = date_article(cleaned, now=NOW)
    headline = getattr(cleaned, "title", None) or raw.title
    return Reading(cleaned.text, headline, published.value)


def dateline_html_reading(page: Page, html_text: str) -> Reading:
    """The page's HTML as dateline ingests an HTML file, then its clean and date stages."""
    from dateline.clean import clean_document  # noqa: PLC0415 - the stages under test
    from dateline.dates.published import date_article  # noqa: PLC0415
    from dateline.ingest.html import read_html  # noqa: PLC0415

    raw = read_html(f"{page.key}.html", html_text)
    published, cleaned = date_article(clean_document(raw), now=NOW)
    return Reading(cleaned.text, cleaned.title or raw.title, published.value)


def wrap_paragraphs(dump: str) -> str:
    """The dump as an HTML page with each non-empty line, escaped, in its own ``<p>``."""
    paragraphs = "".join(
        f"<p>{html.escape(line.strip())}</p>\n" for line in dump.splitlines() if line.strip()
    )
    return f"<html><body>\n{paragraphs}</body></html>"


def justext_reading(wrapped: str) -> Reading:
    """jusText (English stoplist) over the wrapped dump; its non-boilerplate paragraphs."""
    import justext  # noqa: PLC0415 - a bench-only dependency

    paragraphs = justext.justext(wrapped, justext.get_stoplist("English"))
    return Reading("\n".join(p.text for p in paragraphs if not p.is_boilerplate))


def trafilatura_reading(document: str, *, date_from_htmldate: bool) -> Reading:
    """trafilatura's body (``extract``, no comments, no tables) and title (``extract_metadata``)
    for an HTML document; its date is trafilatura's own, or htmldate's ``find_date`` over the
    same HTML when asked."""
    import trafilatura  # noqa: PLC0415 - only the benchmark's peers need it here

    body = trafilatura.extract(document, include_comments=False, include_tables=False)
    metadata = trafilatura.extract_metadata(document)
    title, published = metadata.title or None, metadata.date or None
    if date_from_htmldate:
        import htmldate  # noqa: PLC0415

        published = htmldate.find_date(document, extensive_search=True, original_date=True)
    return Reading(body or "", title, as_date(published))


# --- scoring -------------------------------------------------------------------------------


def evaluate(split: str, renderers: tuple[str, ...], limit: int | None = None) -> dict[str, Any]:
    """Every system over every page and rendering of the split, as a plain dict."""
    pages = load_pages(split, limit)
    tallies = {how: {name: Tally() for name in (*TEXT_SYSTEMS, *HTML_SYSTEMS)} for how in renderers}
    render_failures = Counter[str]()
    silver_bodies = 0
    for page in pages:
        html_reading, html_error = _attempt(TRAF_HTML, page, page.html)
        began = time.perf_counter()
        ours, ours_error = _attempt(DATELINE_HTML, page, page.html)
        ours_seconds = time.perf_counter() - began
        silver_body = html_reading.body
        silver_bodies += bool(silver_body.strip())
        for how in renderers:
            try:
                dump = render(page.html, how)
            except Exception:  # a renderer crash is counted, not fatal
                render_failures[how] += 1
                dump = ""
            tally = tallies[how]
            _score(tally[TRAF_HTML], page, split, silver_body, html_reading, html_error)
            _score(tally[DATELINE_HTML], page, split, silver_body, ours, ours_error)
            tally[DATELINE_HTML].seconds += ours_seconds
            for name in TEXT_SYSTEMS:
                began = time.perf_counter()
                reading, error = _attempt(name, page, dump)
                tally[name].seconds += time.perf_counter() - began
                _score(tally[name], page, split, silver_body, reading, error)
    return {
        "split": split,
        "pages": len(pages),
        "silver_headlines": sum(1 for p in pages if p.titles),
        "silver_dates": sum(1 for p in pages if p.published is not None),
        "silver_bodies": silver_bodies if split == "tune" else None,
        "snippets": {
            "with": sum(len(p.must_have) for p in pages),
            "without": sum(len(p.must_not_have) for p in pages),
        },
        "body_metric": "snippet" if split == "tune" else "shingle",
        "renderers": {
            how: {
                "render_failures": render_failures[how],
                "systems": {name: _figures(t, name, split) for name, t in tallies[how].items()},
            }
            for how in renderers
        },
        "dateline_pages_per_second": _pages_per_second(tallies, len(pages)),
    }


def read(name: str, page: Page, text: str) -> Reading:
    """What the system called ``name`` makes of the page, given its text dump (for TRAF_HTML,
    the page's HTML)."""
    if name == RAW:
        return raw_dump(text)
    if name == DATELINE:
        return dateline_reading(page, text)
    if name == JUSTEXT:
        return justext_reading(wrap_paragraphs(text))
    if name == TRAF_TEXT:
        return trafilatura_reading(wrap_paragraphs(text), date_from_htmldate=True)
    if name == TRAF_HTML:
        return trafilatura_reading(text, date_from_htmldate=False)
    if name == DATELINE_HTML:
        return dateline_html_reading(page, text)
    raise ValueError(f"unknown system {name!r}")


def _attempt(name: str, page: Page, text: str) -> tuple[Reading, str | None]:
    """The system's reading, or an empty one and the error when it fails."""
    try:
        return read(name, page, text), None
    except Exception as exc:  # one page's failure must not stop the run
        return Reading(""), f"{type(exc).__name__}: {exc}"[:300]


def _score(
    tally: Tally, page: Page, split: str, silver_body: str, reading: Reading, error: str | None
) -> None:
    if error is not None:
        tally.failures += 1
        tally.first_failure = tally.first_failure or f"{page.key}: {error}"
    if split == "tune":
        tally.snippets.add(snippet_counts(reading.body, page.must_have, page.must_not_have))
        if silver_body.strip():
            tally.silver_shingles.append(shingle_counts(silver_body, reading.body))
    else:
        tally.shingles.append(shingle_counts(page.body, reading.body))
    if page.titles and headline_right(reading.headline, page.titles):
        tally.headlines_right += 1
    outcome = date_outcome(reading.published, page.published, page.published_days)
    tally.dates[outcome if outcome != NO_SILVER else _dated_apart(reading)] += 1
    if outcome == WRONG and one_day_off(reading.published, page.published):
        tally.dates[ONE_DAY_OFF] += 1
    if outcome == RIGHT and local_day(reading.published, page.published, page.published_days):
        tally.dates[LOCAL_DAY] += 1


def _dated_apart(reading: Reading) -> str:
    """Pages without a silver date, split by whether the system dated them anyway."""
    return "no silver, dated" if reading.published is not None else "no silver, undated"


def _figures(tally: Tally, name: str, split: str) -> dict[str, Any]:
    gives_headline, gives_date = PREDICTS[name]
    if split == "tune":
        body: dict[str, Any] = {
            "p": tally.snippets.precision,
            "r": tally.snippets.recall,
            "f1": tally.snippets.f1,
            "accuracy": tally.snippets.accuracy,
            "counts": vars(tally.snippets).copy(),
        }
        silver = shingle_prf(tally.silver_shingles)
        silver_body: dict[str, Any] | None = {
            "p": silver.precision,
            "r": silver.recall,
            "f1": silver.f1,
            "pages": len(tally.silver_shingles),
        }
    else:
        gold = shingle_prf(tally.shingles)
        body = {"p": gold.precision, "r": gold.recall, "f1": gold.f1}
        silver_body = None
    return {
        "body": body,
        "silver_body": silver_body,
        "headlines_right": tally.headlines_right if gives_headline else None,
        "dates": {
            k: tally.dates[k] for k in (RIGHT, LOCAL_DAY, WRONG, ONE_DAY_OFF, UNKNOWN, *_APART)
        }
        if gives_date
        else None,
        "failures": tally.failures,
        "first_failure": tally.first_failure,
        "seconds": tally.seconds,
    }


_APART = ("no silver, dated", "no silver, undated")
ONE_DAY_OFF = "wrong, one day off"
"""Wrong readings a day from the silver date (a silver date given without a UTC time, or a
reading from another line)."""
LOCAL_DAY = "right, local day"
"""Right readings on the day a UTC silver instant falls on in another time zone: a page that
prints its local evening time ("January 16, 2023 at 4:30 p.m.") while its metadata gives the
moment in UTC ("2023-01-17T00:30:41Z"). dateline keeps the date as the page printed it."""


def _pages_per_second(tallies: dict[str, dict[str, Tally]], pages: int) -> dict[str, float]:
    """dateline's clean + date over the dumps: pages per second, per rendering and overall."""
    speeds = {how: pages / t[DATELINE].seconds if t[DATELINE].seconds else 0.0
              for how, t in tallies.items()}  # fmt: skip
    total = sum(t[DATELINE].seconds for t in tallies.values())
    speeds["all"] = pages * len(tallies) / total if total else 0.0
    return speeds


# --- output --------------------------------------------------------------------------------


def render_figures(figures: dict[str, Any]) -> str:
    """The figures as one Markdown table per rendering, with the metrics named above them."""
    pages, dated = figures["pages"], figures["silver_dates"]
    speed = figures["dateline_pages_per_second"]
    lines = [
        f"Page benchmark, {figures['split']} split: {pages} pages; silver headline on "
        f"{figures['silver_headlines']}, silver date on {dated} (headline shares are of the "
        f"pages with a silver headline, date shares of the {dated} with a silver date; the "
        f"{pages - dated} without one are counted apart in --json).",
        f"dateline clean + date over the dumps: {speed['all']:.1f} pages/s ("
        + ", ".join(f"{how} {value:.1f}" for how, value in speed.items() if how != "all")
        + ").",
    ]
    if figures["split"] == "report":
        lines.append("report split: report-only, never tuned on.")
    for how, block in figures["renderers"].items():
        lines += ["", f"### {how}", _metric_line(figures), *_table(figures, block)]
        if figures["split"] == "tune":
            lines += ["", _silver_line(figures), *_silver_table(block)]
        lines += _failure_lines(block)
    lines += ["", *(f"[{i}] {note}" for i, note in enumerate(FOOTNOTES, 1))]
    return "\n".join(lines)


def _metric_line(figures: dict[str, Any]) -> str:
    if figures["split"] == "tune":
        snippets = figures["snippets"]
        return (
            "Body: trafilatura evaluation-set snippet metric (whitespace-normalised substring; "
            f"P, R, F1 over all {snippets['with']} 'with' and {snippets['without']} 'without' "
            "snippets)."
        )
    return (
        "Body: ScrapingHub article-extraction shingle metric (word 4-grams; P and R averaged "
        "over pages, F1 their harmonic mean) against the gold article bodies."
    )


def _silver_line(figures: dict[str, Any]) -> str:
    return (
        "SILVER body: ScrapingHub shingle metric against trafilatura's extraction of the page's "
        f"HTML (not gold; the {figures['silver_bodies']} pages where it extracted something)."
    )


def _table(figures: dict[str, Any], block: dict[str, Any]) -> list[str]:
    titled, dated = figures["silver_headlines"], figures["silver_dates"]
    lines = [
        "| system | body P | body R | body F1 | headline right | date right "
        "| of which local day [4] | date wrong | of which one day off [3] | date unknown |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in block["systems"].items():
        body, dates = row["body"], row["dates"]
        headline = _share(row["headlines_right"], titled)
        kinds = (RIGHT, LOCAL_DAY, WRONG, ONE_DAY_OFF, UNKNOWN)
        when = [_share(dates[k], dated) if dates else "–" for k in kinds]
        mark = {TRAF_TEXT: " [1]", TRAF_HTML: " [2]", DATELINE_HTML: " [5]"}.get(name, "")
        lines.append(
            f"| {name}{mark} | {body['p']:.3f} | {body['r']:.3f} | {body['f1']:.3f} "
            f"| {headline} | {' | '.join(when)} |"
        )
    return lines


def _silver_table(block: dict[str, Any]) -> list[str]:
    lines = ["| system | body P | body R | body F1 |", "|---|---:|---:|---:|"]
    for name, row in block["systems"].items():
        if name == TRAF_HTML:
            continue  # the silver itself
        silver = row["silver_body"]
        lines.append(f"| {name} | {silver['p']:.3f} | {silver['r']:.3f} | {silver['f1']:.3f} |")
    return lines


def _share(count: int | None, total: int) -> str:
    if count is None:
        return "–"
    return f"{count / total:.3f}" if total else "n/a"


def _failure_lines(block: dict[str, Any]) -> list[str]:
    lines = []
    if block["render_failures"]:
        lines.append(f"rendering failed on {block['render_failures']} pages (read as empty)")
    for name, row in block["systems"].items():
        if row["failures"]:
            lines.append(
                f"{name} failed on {row['failures']} pages (scored as empty output); first: "
                f"{row['first_failure']}"
            )
    return lines
