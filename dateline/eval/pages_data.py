"""The page benchmark's data: real news pages with their gold body, headline and date.

Two splits, read straight from the archives in ``../shared/bench-data/boilerplate/``:

* ``tune``: the English pages of trafilatura's evaluation set (language from the page's own
  ``lang`` or locale, else from its function words). Its gold is a few snippets per page that
  must and must not appear in the main text.
* ``report``: the 181 pages of the ScrapingHub article-extraction benchmark, whose gold is the
  whole article body. Report-only: run once when a change is finished, never tuned on.

Headlines and publication dates have no gold in either set, so both come from the page's own
metadata (silver): the headline from ``og:title``, ``twitter:title``, the first ``<h1>`` and
``<title>``; the date from JSON-LD ``datePublished``, publication meta tags, ``itemprop=
"datePublished"`` and ``<time>`` elements. Pages without them are counted apart.

A silver date given as an instant in UTC ("2023-01-17T00:30:41Z") names a moment, not the day
the outlet printed: the same page says "PUBLISHED: January 16, 2023 at 4:30 p.m." in its own
time zone, which is the date its readers saw and the one dateline keeps. So such a page also
carries the days that instant falls on in the world's time zones (UTC-12 to UTC+14,
``published_days``), and the benchmark counts a reading on one of them as the local day.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from dateline.dates.published import parse_date_string
from dateline.eval.bench_data import BENCH_DATA
from dateline.ingest.language import detect_language, normalise_language

BOILERPLATE = BENCH_DATA / "boilerplate"
TUNE_ARCHIVE = BOILERPLATE / "trafilatura_evalset.tar.gz"
REPORT_ARCHIVE = BOILERPLATE / "scrapinghub_article_extraction_benchmark.tar.gz"
SPLITS = ("tune", "report")
_NOW = datetime(2030, 1, 1, tzinfo=UTC)
"""Silver dates are read with a late 'now': the pages are older, so none is refused as future."""

_DATE_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "date",
    "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date",
    "parsely-pub-date", "article.published", "published_time", "cxenseparse:recs:publishtime",
)  # fmt: skip
_TITLE_META = ("og:title", "twitter:title")
_UTC_INSTANT = re.compile(
    r"\s*(?P<day>\d{4}-\d\d-\d\d)[T ](?P<h>\d\d):(?P<m>\d\d)(?::\d\d(?:[.,]\d+)?)?"
    r"(?:Z|[+-]00:?00)\s*"
)
ZONE_HOURS = (-12, 14)
"""The world's time zones, as hours from UTC: a UTC instant falls on these days somewhere."""


@dataclass(frozen=True)
class Page:
    """One benchmark page with its gold (body or snippets) and silver (headline, date)."""

    key: str
    url: str
    html: str
    body: str | None
    must_have: tuple[str, ...]
    must_not_have: tuple[str, ...]
    titles: tuple[str, ...]
    published: date | None
    published_days: frozenset[date] = frozenset()
    """Where the silver date is a UTC instant, the days it falls on in the world's time zones
    (see the module docstring); else empty."""


def available() -> bool:
    """Whether the benchmark archives are beside the repository."""
    return TUNE_ARCHIVE.is_file() and REPORT_ARCHIVE.is_file()


def load_pages(split: str, limit: int | None = None, *, english_only: bool = True) -> list[Page]:
    """The pages of one split (see the module docstring), in a stable order; the first
    ``limit`` of them when given. ``english_only=False`` keeps the tune split's pages in every
    language (the report split is English throughout)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    pages = _tune_pages(english_only) if split == "tune" else _report_pages()
    return list(islice(pages, limit))  # stops reading (and parsing) at the limit


def _report_pages() -> Iterator[Page]:
    with tarfile.open(REPORT_ARCHIVE) as archive:
        members = {Path(m.name).name: m for m in archive.getmembers() if m.isfile()}
        truth = json.loads(_read(archive, members["ground-truth.json"]))
        for key in sorted(truth):
            raw = gzip.decompress(_read(archive, members[f"{key}.html.gz"]))
            html = _decode(raw)
            yield _page(key, truth[key].get("url") or "", html, truth[key]["articleBody"], (), ())


def _tune_pages(english_only: bool) -> Iterator[Page]:
    # unpacked in memory first (~150 MB): the pages are read in URL order, not archive order,
    # and every backward seek in a gzip stream decompresses it again from the start
    unpacked = io.BytesIO(gzip.decompress(TUNE_ARCHIVE.read_bytes()))
    with tarfile.open(fileobj=unpacked) as archive:
        members = {m.name: m for m in archive.getmembers() if m.isfile()}
        index_name = next(name for name in members if name.endswith("tests/evaldata.json"))
        folder = index_name.rsplit("/", 1)[0]
        entries = json.loads(_read(archive, members[index_name]))
        for url in sorted(entries):
            entry = entries[url]
            member = members.get(f"{folder}/eval/{entry['file']}") or members.get(
                f"{folder}/cache/{entry['file']}"
            )
            if member is None:
                continue
            raw = _read(archive, member)
            html = _decode(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
            if not english_only or _is_english(html):
                with_, without = tuple(entry.get("with", ())), tuple(entry.get("without", ()))
                yield _page(entry["file"], url, html, None, with_, without)


def _read(archive: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    handle = archive.extractfile(member)
    if handle is None:
        raise FileNotFoundError(member.name)
    return handle.read()


def _decode(raw: bytes) -> str:
    head = raw[:4000].decode("ascii", "replace")
    declared = re.search(r"charset=[\"']?([\w-]+)", head, re.IGNORECASE)
    for encoding in (declared.group(1) if declared else "utf-8", "utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", "replace")


def _page(
    key: str,
    url: str,
    html: str,
    body: str | None,
    must_have: tuple[str, ...],
    must_not_have: tuple[str, ...],
) -> Page:
    tree = _tree(html)
    titles = _titles(tree) if tree is not None else ()
    published, days = _published(tree) if tree is not None else (None, frozenset[date]())
    return Page(key, url, html, body, must_have, must_not_have, titles, published, days)


def _tree(html: str) -> Any:
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _is_english(html: str) -> bool:
    return page_language(html) == "en"


def page_language(html: str) -> str:
    """The page's language: its declared ``lang`` or locale, else detected from its paragraphs
    ("und" when neither says)."""
    tree = _tree(html)
    if tree is None:
        return "und"
    declared = tree.get("lang") or _meta(tree, "og:locale") or ""
    if declared:
        return normalise_language(declared) or "und"
    text = " ".join(tree.xpath("//p//text()"))
    return detect_language(text) or "und"


def _meta(tree: Any, name: str) -> str | None:
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        if key.strip().lower() == name and element.get("content"):
            return str(element.get("content")).strip()
    return None


def _titles(tree: Any) -> tuple[str, ...]:
    found = [_meta(tree, name) for name in _TITLE_META]
    h1 = tree.find(".//h1")
    if h1 is not None:
        found.append(" ".join(h1.text_content().split()))
    title = tree.find(".//title")
    if title is not None and title.text:
        found.append(" ".join(title.text.split()))
    unique: list[str] = []
    for value in found:
        if value and value not in unique:
            unique.append(value)
    return tuple(unique)


def _published(tree: Any) -> tuple[date | None, frozenset[date]]:
    """The first publication date the page's metadata gives, at day precision, and the days
    it falls on in the world's time zones when it is a UTC instant."""
    for candidate in _date_candidates(tree):
        reading = parse_date_string(candidate[:40], now=_NOW)
        if reading is None and "T" in candidate:
            reading = parse_date_string(candidate.split("T")[0], now=_NOW)
        if reading is not None and reading.precision == "day":
            return reading.value, utc_days(candidate)
    return None, frozenset()


def utc_days(stamp: str) -> frozenset[date]:
    """The days a UTC instant ("2023-01-17T00:30:41Z") falls on from UTC-12 to UTC+14; empty
    for a stamp in a local offset or without a time (its day is already the outlet's)."""
    match = _UTC_INSTANT.fullmatch(stamp)
    if match is None:
        return frozenset()
    try:
        instant = datetime.fromisoformat(f"{match['day']}T{match['h']}:{match['m']}")
    except ValueError:
        return frozenset()
    low, high = ZONE_HOURS
    return frozenset((instant + timedelta(hours=hours)).date() for hours in (low, 0, high))


def _date_candidates(tree: Any) -> Iterator[str]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        yield from _json_ld_dates(script.text or "")
    for name in _DATE_META:
        value = _meta(tree, name)
        if value:
            yield value
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        yield element.get("content") or element.get("datetime") or element.text_content()
    for element in tree.iter("time"):
        value = element.get("datetime")
        if value:
            yield value


def _json_ld_dates(source: str) -> Iterator[str]:
    try:
        data = json.loads(source)
    except (ValueError, RecursionError):
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str):
                yield value
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(reversed(item))
