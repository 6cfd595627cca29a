"""Corpus evidence: lines a site prints on every page are its template, not an article.

Real collections hold many pages of one site, saved the same way: each repeats the site's menus,
banners, newsletter promotions, footer and, atop the page, the masthead's date, which is the
day the page was fetched, not the day it was published. A line that recurs on many pages of
one site is furniture whatever the page models make of it alone; that is evidence no single
page holds, and it is what a person reading a folder of pages from one site sees at once.

``read_sites`` reads a batch of raw documents (the ingest window) and gives each plain-text page
the set of its lines that are its site's template. A site is found in two steps: the pages
sharing an outlet, a URL's host or, for files with neither, a folder form a group; a folder may
mix sites, so within a group the pages sharing most of their recurring lines are one site (two
sites' menus share a "Home" or a "Sign in", not most of their lines). Three things keep an
article's own text out of the template:

* **Copies count once.** A folder of reprints of one wire story repeats the story's every line;
  pages that share a good part of their long lines are one copy cluster, and a line is counted
  once per cluster. Reprints are exactly what dateline must keep to link them.
* **Most of the site.** A line must be on at least ``TEMPLATE_MIN_PAGES`` clusters and at
  least ``TEMPLATE_SHARE`` of the site's clusters: a site's menu is on all its pages, while a
  "Most read" list is on the pages saved the same day.
* **A headline has an owner.** In a small folder, a "Most read" box may list the headlines of
  most of the other pages saved. Such a line is its own page's headline, and that page's lead
  repeats its words: a template line with at least ``OWNER_MIN_WORDS`` content words of which
  ``OWNER_SHARE`` start words of a page's first ``LEAD_LINES`` long lines is not template on that
  page (a menu item, a masthead's date or a newsletter promotion has no such page).

The page reader (``structure.clean_page``) cuts template lines as furniture, never takes one as
the headline, and leaves those above the headline out of the date block (a masthead's date).

``read_sites`` also names each page's site for the date stage, which settles an ambiguous slash
date ("04/05/2023") in the order the site's other pages print unambiguous ones ("25/04/2023").

The evidence is the window's (``pipeline.INGEST_WINDOW`` inputs, in input order), so the same
folder ingested again is cut the same way; a page ingested alone has no evidence and is read by
the page models only. Clean text (wire copy, JSON fields, HTML through trafilatura) is never cut
by it: only page dumps consult it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit

from dateline.model import RawDocument

TEMPLATE_MIN_PAGES = 3
"""A line on fewer distinct pages than this is never called template: two pages sharing a line
may be two reports of one event quoting the same words."""
TEMPLATE_SHARE = 0.5
"""... and it must be on at least this share of its group's distinct pages."""
LONG_LINE_WORDS = 12
"""Lines of this many words are the ones two copies of an article share (its paragraphs)."""
COPY_MIN_SHARED = 3
COPY_SHARE = 0.3
"""Two pages are copies when they share at least COPY_MIN_SHARED long lines and at least this
share of the shorter page's long lines (a site's one or two long promotion lines are on every
page; an article's paragraphs are many)."""
OWNER_MIN_WORDS = 3
OWNER_SHARE = 0.5
LEAD_LINES = 2
STEM_CHARS = 5
"""Words are compared by their first STEM_CHARS letters ("reopens" and "reopened" agree)."""
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
TEMPLATE_FORMATS = frozenset({"text"})
"""Formats whose text may be a whole page dump (see ``dateline.clean.PAGE_FORMATS``)."""

NO_TEMPLATE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SiteReading:
    """What a page's site's other pages in the batch say about it: the page's lines that are
    the site's template, and a key its site's pages share (None when nothing ties it to one)."""

    template: frozenset[str] = NO_TEMPLATE
    site: str | None = None


NO_SITE = SiteReading()


def read_sites(raws: Sequence[RawDocument | object]) -> list[SiteReading]:
    """For each item of ``raws`` (anything not a plain-text RawDocument gets NO_SITE), its
    template lines (stripped texts) and its site's key."""
    pages = [_page_key_lines(raw) for raw in raws]
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for i, page in enumerate(pages):
        if page is not None:
            groups[page[0]].append(i)
    found: list[SiteReading] = [NO_SITE] * len(raws)
    for key, members in groups.items():
        texts = {i: page[1] for i in members if (page := pages[i]) is not None}
        known = None if key.startswith("folder:") else key
        for i in members:
            found[i] = SiteReading(NO_TEMPLATE, known)
        for site, site_pages, template in _group_sites(texts):
            for i in site_pages:
                lead = _lead_stems(raws[i], template)
                own = frozenset(line for line in texts[i] & template if not _owned(line, lead))
                found[i] = SiteReading(own, known or (f"{key}#{site}" if own else None))
    return found


def template_lines(raws: Sequence[RawDocument | object]) -> list[frozenset[str]]:
    """For each item, the stripped texts of its lines that are its site's template."""
    return [reading.template for reading in read_sites(raws)]


def _group_sites(
    texts: dict[int, frozenset[str]],
) -> Iterator[tuple[int, list[int], frozenset[str]]]:
    """(site id, its pages, its template) for each site among a group's pages: the pages of
    one outlet or host, or of one folder, which may mix sites. Candidates are the lines on
    TEMPLATE_MIN_PAGES copy clusters; pages sharing most of their candidates are one site (two
    sites' menus share a "Home" or a "Sign in", not most of their lines); a site's template is
    the candidates on TEMPLATE_SHARE of its copy clusters."""
    if len(texts) < TEMPLATE_MIN_PAGES:
        return
    pages_with: Counter[str] = Counter()
    for lines in texts.values():
        pages_with.update(lines)
    recurring = {line for line, count in pages_with.items() if count >= TEMPLATE_MIN_PAGES}
    if not recurring:
        return  # most windows: no line on enough pages, so no clusters to find
    shared_long = {line for line, count in pages_with.items() if count >= 2 and _is_long(line)}
    cluster_of = _copy_clusters(texts, shared_long)
    seen: defaultdict[str, set[int]] = defaultdict(set)
    for i, lines in texts.items():
        for line in lines & recurring:
            seen[line].add(cluster_of[i])
    candidates = frozenset(line for line, where in seen.items() if len(where) >= TEMPLATE_MIN_PAGES)
    on_page = {i: found for i, lines in texts.items() if (found := lines & candidates)}
    sites: defaultdict[int, list[int]] = defaultdict(list)
    for i, site in _similar_sets(on_page).items():
        sites[site].append(i)
    for site, members in sites.items():
        clusters = {cluster_of[i] for i in members}
        needed = max(TEMPLATE_MIN_PAGES, math.ceil(TEMPLATE_SHARE * len(clusters)))
        if len(clusters) < needed:
            continue
        where: defaultdict[str, set[int]] = defaultdict(set)
        for i in members:
            for line in on_page[i]:
                where[line].add(cluster_of[i])
        template = frozenset(line for line, found in where.items() if len(found) >= needed)
        if template:
            yield site, members, template


def _similar_sets(sets: dict[int, frozenset[str]]) -> dict[int, int]:
    """Union-find over pages whose sets share at least TEMPLATE_SHARE of the larger one;
    pages with the same set are joined first, so a site's many alike pages cost one test."""
    first_with: dict[frozenset[str], int] = {}
    clusters = _Clusters(sets)
    for i, lines in sets.items():
        clusters.join(i, first_with.setdefault(lines, i))
    distinct = list(first_with.items())
    for a_index, (a_lines, a) in enumerate(distinct):
        for b_lines, b in distinct[a_index + 1 :]:
            shared = len(a_lines & b_lines)
            if shared >= TEMPLATE_SHARE * max(len(a_lines), len(b_lines)):
                clusters.join(a, b)
    return clusters.roots()


class _Clusters:
    """Union-find over page numbers: which pages were joined, directly or through others."""

    def __init__(self, pages: Iterable[int]) -> None:
        self.parent = {i: i for i in pages}

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        self.parent[self.root(a)] = self.root(b)

    def roots(self) -> dict[int, int]:
        return {i: self.root(i) for i in self.parent}


def group_key(raw: RawDocument) -> str:
    """The site a page belongs to: its outlet, its URL's host, or its folder."""
    if raw.outlet:
        return f"outlet:{raw.outlet.strip().lower()}"
    if raw.url:
        host = urlsplit(raw.url).hostname
        if host:
            return f"host:{host.removeprefix('www.')}"
    return f"folder:{PurePath(raw.path).parent}"


def _page_key_lines(raw: object) -> tuple[str, frozenset[str]] | None:
    if not isinstance(raw, RawDocument) or raw.source_format not in TEMPLATE_FORMATS:
        return None
    lines = frozenset(map(str.strip, raw.text.split("\n")))
    return group_key(raw), lines - {""}


def _copy_clusters(texts: dict[int, frozenset[str]], shared_long: set[str]) -> dict[int, int]:
    """Each page's copy cluster (union-find over pages sharing their long lines); only the long
    lines on two pages or more (``shared_long``) can join pages."""
    pages_with: defaultdict[str, list[int]] = defaultdict(list)
    for i, lines in texts.items():
        for line in lines & shared_long:
            pages_with[line].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for pages in pages_with.values():
        for a_index, a in enumerate(pages):
            for b in pages[a_index + 1 :]:
                shared[(a, b)] += 1
    clusters = _Clusters(texts)
    pairs = [(a, b, count) for (a, b), count in shared.items() if count >= COPY_MIN_SHARED]
    involved = {page for a, b, _ in pairs for page in (a, b)}
    long_lines = frozenset(filter(_is_long, frozenset().union(*(texts[page] for page in involved))))
    long_count = {page: len(texts[page] & long_lines) for page in involved}
    for a, b, count in pairs:
        if count >= COPY_SHARE * min(long_count[a], long_count[b]):
            clusters.join(a, b)
    return clusters.roots()


def _lead_stems(raw: object, template: frozenset[str]) -> set[str]:
    """The word stems of a page's lead: its first LEAD_LINES long lines off the template."""
    assert isinstance(raw, RawDocument)
    lead: list[str] = []
    for part in raw.text.split("\n"):
        line = part.strip()
        if _is_long(line) and line not in template:
            lead.append(line)
            if len(lead) == LEAD_LINES:
                break
    return _stems(" ".join(lead))


def _owned(line: str, lead: set[str]) -> bool:
    """Whether ``line`` is this page's own headline: its lead repeats most of its words."""
    stems = _stems(line)
    if len(stems) < OWNER_MIN_WORDS:
        return False
    return len(stems & lead) >= OWNER_SHARE * len(stems)


def _stems(text: str) -> set[str]:
    return {word[:STEM_CHARS] for word in _CONTENT_WORD.findall(text.lower())}


def _is_long(line: str) -> bool:
    # counting spaces first: most lines are short, and split() is the cost
    return line.count(" ") >= LONG_LINE_WORDS - 1 and len(line.split()) >= LONG_LINE_WORDS
