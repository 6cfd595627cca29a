"""What each detail page shows, as plain data for its template: event, article, entity, search.

Each function takes the snapshot (the typed document and its indexes) and, where it needs
article text the document leaves out, the request's connection, and returns a dict of records,
strings and ``text.Segment`` lists. Nothing here writes HTML: templates do, with autoescape on,
so no string from an article reaches the page unescaped. A function returns None for an id the
store does not hold (the app answers 404).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from dateline.export import records
from dateline.interfaces.web.outlets import place_label
from dateline.interfaces.web.snapshot import Snapshot
from dateline.interfaces.web.text import Line, Mark, Segment, marked_lines, snippet
from dateline.model import Article
from dateline.provenance.align import VERBATIM, align, sentences_of
from dateline.sentences import sentence_spans, split_sentences
from dateline.store.articles import load_articles
from dateline.store.search import query_terms, search

_SPACE = re.compile(r"\s+")
SEARCH_RESULTS = 100


@dataclass(frozen=True)
class Passage:
    """Two aligned sentences of a copy and its original, side by side."""

    here: str
    there: str
    similarity: float | None


@dataclass(frozen=True)
class LinkView:
    """A provenance link as the article page shows it."""

    relation: str
    role: str
    other: records.Article | None
    other_id: str
    score: float
    passages: tuple[Passage, ...]
    figures: tuple[tuple[str, str], ...]


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def event_page(
    snapshot: Snapshot, conn: sqlite3.Connection, event_id: str
) -> dict[str, Any] | None:
    """Title, date with evidence, cited summary sentences, grouped sources, flags, quotes,
    entities, contradictions, and the previous and next events of its story."""
    event = snapshot.document.event(event_id)
    if event is None:
        return None
    members = load_articles(conn, event.article_ids)
    texts = {a.id: _norm(a.text) for a in members}
    sentences = []
    for sentence in split_sentences(event.summary):
        wanted = _norm(sentence)
        sources = tuple(a for a in event.article_ids if wanted and wanted in texts.get(a, ""))
        sentences.append((sentence, sources))
    articles = [a for a in map(snapshot.document.article, event.article_ids) if a is not None]
    in_event = set(event.article_ids)
    story = snapshot.story_of.get(event.id)
    previous = following = None
    if story is not None:
        order = list(story["event_ids"])
        at = order.index(event.id)
        previous = snapshot.document.event(order[at - 1]) if at > 0 else None
        following = snapshot.document.event(order[at + 1]) if at + 1 < len(order) else None
    others = merge_candidates(snapshot, event, story)
    return {
        "event": event,
        "others": others,
        "sentences": sentences,
        "groups": snapshot.source_groups(event.article_ids),
        "flagged": [(a, flag) for a in articles for flag in a.quality_flags],
        "contradictions": [
            c
            for c in snapshot.document.contradictions
            if in_event.intersection((*c.article_ids_a, *c.article_ids_b))
        ],
        "story": story,
        "previous": previous,
        "following": following,
    }


MERGE_CHOICES = 60
"""Events offered for a merge: the story's, then the nearest in date (a store has thousands)."""


def merge_candidates(
    snapshot: Snapshot, event: records.Event, story: dict[str, Any] | None
) -> list[records.Event]:
    """The events a reader may merge into this one: its story's first, then by date nearness."""
    in_story = set(story["event_ids"]) if story else set()
    day = date.fromisoformat(event.date) if event.date else None

    def distance(other: records.Event) -> int:
        if day is None or other.date is None:
            return 10**6
        return abs((date.fromisoformat(other.date) - day).days)

    others = [e for e in snapshot.document.events if e.id != event.id]
    others.sort(key=lambda e: (e.id not in in_story, distance(e), e.id))
    chosen = others[:MERGE_CHOICES]
    chosen.sort(key=lambda e: (e.date is None, e.date or "", e.id))
    return chosen


def article_page(
    snapshot: Snapshot, conn: sqlite3.Connection, article_id: str, show_cuts: bool
) -> dict[str, Any] | None:
    """The cleaned text with times and names marked (cut lines in place on demand), quotes,
    sources, quality flags, and the copies and originals with their aligned passages."""
    record = snapshot.document.article(article_id)
    found = load_articles(conn, [article_id]) if record is not None else []
    if record is None or not found:
        return None
    article = found[0]
    event_id = snapshot.event_of.get(article_id)
    return {
        "article": record,
        "lines": article_lines(snapshot, article, show_cuts),
        "show_cuts": show_cuts,
        "cut_count": len(article.removed),
        "times": article.times,
        "event": snapshot.document.event(event_id) if event_id else None,
        "places": [(place_label(s), s.url) for s in record.sources],
        "links": [_link_view(snapshot, link) for link in record.links],
        "hidden_by": next(
            (
                o
                for o in snapshot.corrections
                if o.active and o.kind == "hide-article" and o.target == article_id
            ),
            None,
        ),
    }


def article_lines(snapshot: Snapshot, article: Article, show_cuts: bool) -> list[Line]:
    """The article's lines with its time expressions and entity names marked."""
    marks = [
        Mark(t.start, t.end, "time", f"{t.type} {t.value}" + (f" ({t.mod})" if t.mod else ""))
        for t in article.times
    ]
    catalogue = snapshot.who.catalogue
    for mention in snapshot.who.mentions.get(article.id, ()):
        entity = catalogue.entity(article.id, mention.canonical)
        if entity is not None:
            note = f"{entity.name} ({entity.kind})"
            href = f"/entities/{quote(entity.id, safe='')}"
            marks.append(Mark(mention.start, mention.end, "entity", note, href))
    return marked_lines(article.text, marks, article.removed, show_cuts)


def _link_view(snapshot: Snapshot, link: records.LinkRecord) -> LinkView:
    evidence = link.evidence if isinstance(link.evidence, dict) else {}
    here_key, there_key = ("derived", "source") if link.role == "derived" else ("source", "derived")
    passages = tuple(
        Passage(str(p.get(here_key, "")), str(p.get(there_key, "")), _number(p.get("similarity")))
        for p in evidence.get("passages", ())
        if isinstance(p, dict)
    )
    figures = tuple(
        (key.replace("_", " "), str(value))
        for key, value in evidence.items()
        if key != "passages" and isinstance(value, int | float | str)
    )
    return LinkView(
        link.relation,
        link.role,
        snapshot.document.article(link.other_id),
        link.other_id,
        link.score,
        passages,
        figures,
    )


@dataclass(frozen=True)
class Column:
    """One article of a side-by-side view: its record and its whole text, aligned sentences
    marked (each linked to its counterpart in the other column)."""

    article: records.Article
    lines: list[Line]
    marked: int


def beside_page(
    snapshot: Snapshot, conn: sqlite3.Connection, article_id: str, other_id: str
) -> dict[str, Any] | None:
    """Two whole texts side by side, the passages they share highlighted in both.

    The sentences are aligned again here (``provenance.align``, as the build aligns a copy
    with its original): the stored link keeps the first five pairs only, and this page shows
    every one. Which side is the copy follows the stored link when there is one (else this
    article is read as the later one); any two articles of the store can be compared.
    """
    here, there = snapshot.document.article(article_id), snapshot.document.article(other_id)
    if here is None or there is None or article_id == other_id:
        return None
    texts = {a.id: a.text for a in load_articles(conn, [article_id, other_id])}
    if len(texts) != 2:
        return None
    link = next((k for k in here.links if k.other_id == other_id), None)
    derived_first = link is None or link.role == "derived"
    first, second = (article_id, other_id) if derived_first else (other_id, article_id)
    alignment = align(sentences_of(texts[first]), sentences_of(texts[second]))
    pairs = [(p.derived_index, p.source_index, p.similarity) for p in alignment.passages]
    if not derived_first:
        pairs = [(j, i, similarity) for i, j, similarity in pairs]
    left = _aligned_marks(texts[article_id], pairs, "l", "r", 0)
    right = _aligned_marks(texts[other_id], pairs, "r", "l", 1)
    return {
        "article": here,
        "other": there,
        "link": _link_view(snapshot, link) if link is not None else None,
        "columns": [
            Column(here, marked_lines(texts[article_id], left), len(left)),
            Column(there, marked_lines(texts[other_id], right), len(right)),
        ],
        "pairs": len(pairs),
        "coverage": round(alignment.derived_coverage, 3),
    }


def _aligned_marks(
    text: str, pairs: list[tuple[int, int, float]], own: str, other: str, side: int
) -> list[Mark]:
    """A mark per aligned sentence of this side (``side`` 0: the first of each pair), its
    anchor ``own-N``, its link to its first counterpart ``#other-M``."""
    spans = sentence_spans(text)
    partner: dict[int, tuple[int, float]] = {}
    for pair in pairs:
        mine, theirs = (pair[0], pair[1]) if side == 0 else (pair[1], pair[0])
        partner.setdefault(mine, (theirs, pair[2]))
    marks = []
    for index, (theirs, similarity) in sorted(partner.items()):
        if index >= len(spans) or spans[index][0] < 0:
            continue
        start, end = spans[index]
        kind = "aligned-same" if similarity >= VERBATIM else "aligned"
        note = f"similarity {similarity:.2f}: see the other text"
        marks.append(Mark(start, end, kind, note, f"#{other}-{theirs}", f"{own}-{index}"))
    return marks


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


MERGE_CHOICES = 200
"""Entities of the same kind offered to merge with, most mentioned first (a page stays small)."""


def entity_page(snapshot: Snapshot, entity_id: str) -> dict[str, Any] | None:
    """Every name, roles over time, events, what it said, contradictions."""
    entity = snapshot.entities_by_id.get(entity_id)
    if entity is None:
        return None
    said = [
        (quote, article)
        for article in snapshot.document.articles
        for quote in article.quotes
        if quote.speaker_entity_id == entity_id
    ]
    said.sort(key=lambda pair: (pair[1].published or "9999", pair[1].id, pair[0].start))
    roles = sorted(entity.roles, key=lambda r: (r.date is None, r.date or "", r.role))
    others = [e for e in snapshot.document.entities if e.kind == entity.kind and e.id != entity_id]
    others.sort(key=lambda e: (-e.mention_count, e.name))
    return {
        "entity": entity,
        "others": others[:MERGE_CHOICES],
        "roles": roles,
        "events": snapshot.events_naming(entity_id),
        "said": said,
        "contradictions": [c for c in snapshot.document.contradictions if c.entity_id == entity_id],
    }


ENTITIES_PER_PAGE = 200
"""A corpus of 4,616 articles names 42,000 entities: listing them all made a 5.7 MB page that
took 0.6 s; a page of the most mentioned ones, a name filter and paging serve the reader."""


def entity_list(snapshot: Snapshot, kind: str, name: str = "", page: int = 1) -> dict[str, Any]:
    """One page of entities by mentions, optionally of one kind and with ``name`` in their
    name or an alias (case-insensitive)."""
    kinds = sorted({e.kind for e in snapshot.document.entities})
    wanted = name.casefold().strip()
    shown = [
        e
        for e in snapshot.document.entities
        if (not kind or e.kind == kind)
        and (not wanted or any(wanted in alias.casefold() for alias in (e.name, *e.aliases)))
    ]
    shown.sort(key=lambda e: (-e.mention_count, e.name))
    pages = max(1, -(-len(shown) // ENTITIES_PER_PAGE))
    page = min(max(page, 1), pages)
    first = (page - 1) * ENTITIES_PER_PAGE
    return {
        "entities": shown[first : first + ENTITIES_PER_PAGE],
        "kinds": kinds,
        "kind": kind,
        "name": name,
        "page": page,
        "pages": pages,
        "total": len(shown),
        "first": first + 1,
    }


def stories_page(snapshot: Snapshot) -> dict[str, Any]:
    """Every story with its events in order."""
    stories = [
        (story, [e for e in map(snapshot.document.event, story["event_ids"]) if e is not None])
        for story in snapshot.stories
    ]
    return {"stories": stories, "shown": STORY_EVENTS_SHOWN}


STORY_EVENTS_SHOWN = 12
"""Events listed under each story on the stories page (the story's timeline has them all)."""


@dataclass(frozen=True)
class SearchResult:
    """A search hit: the article and a snippet with the words found marked."""

    article: records.Article
    snippet: tuple[Segment, ...]
    event: records.Event | None


def search_page(snapshot: Snapshot, conn: sqlite3.Connection, query: str) -> dict[str, Any]:
    """Articles holding every word, best first, each with a snippet and its event."""
    terms = query_terms(query)
    hits = search(conn, query, SEARCH_RESULTS) if terms else []
    wanted = [
        h.article_id
        for h in hits
        if snapshot.document.article(h.article_id) is not None
        and h.article_id not in snapshot.hidden
    ]
    texts = {a.id: a.text for a in load_articles(conn, wanted)} if wanted else {}
    results = []
    for article_id in wanted:
        record = snapshot.document.article(article_id)
        assert record is not None
        event_id = snapshot.event_of.get(article_id)
        results.append(
            SearchResult(
                record,
                snippet(texts.get(article_id, ""), terms),
                snapshot.document.event(event_id) if event_id else None,
            )
        )
    return {"query": query, "terms": terms, "results": results}


def titles(snapshot: Snapshot, article_ids: Sequence[str]) -> list[records.Article]:
    """The listed articles among these ids, in order."""
    return [a for a in map(snapshot.document.article, article_ids) if a is not None]
