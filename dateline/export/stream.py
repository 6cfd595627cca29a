"""The timeline document written as JSON a batch of articles at a time, in bounded memory.

``json.to_json`` renders a whole ``records.TimelineDocument``. With every stage built that
document holds each article's entities, quotes and links as records, then as dicts, then as one
string (110 MB of JSON at 9,231 Timeline17 articles), and the reader behind it holds every
entity mention, quote and link of the store: about 41 MiB per 1,000 articles, over 4 GiB at
100,000 (docs/BENCHMARKS.md, memory). ``write_json`` writes the same bytes from the same record
builders (``document.article_record``, ``event_record``, ``entry_record``), but reads the
per-article parts (article rows, sources, mentions, quotes, links, flags) ``batch`` articles at
a time through a ``Reader`` and writes each record as soon as it is made: ``meta``, the
articles, then the events and timeline entries (in batches of about as many articles), then the
entities the articles cited and the contradictions about them. What stays whole is what the
document is laid out from: the article ids, the events and entries (ids, titles, summaries),
and the merged entity catalogue (``who.entities.merge_mentions``, which reads every mention
twice from the store but holds only the catalogue and each group's tallies).

``safe.json_text`` writes each record indented as it reads inside the document, so the output
is byte for byte ``safe.dumps(document.to_json())`` (tests/export/test_stream.py). The typed
document stays the contract for readers that hold it (the web app's pages; the Markdown, HTML
and TimelineJS renderers read the outline of it, ``outline.outline_document``); this is only the
JSON of it, written another way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TextIO, TypeVar

from dateline.export import records
from dateline.export.document import article_record, entry_record, event_record
from dateline.export.provenance import Provenance
from dateline.export.safe import json_text
from dateline.export.who import WhoSaidWhat, cited_contradictions, cited_entities
from dateline.model import Article, DateEstimate, Event, TimelineEntry
from dateline.store.articles import ArticleSource
from dateline.who.entities import EntityCatalogue

BATCH = 1000
"""Articles read and written at a time (and the articles an event or entry batch covers)."""

T = TypeVar("T")


@dataclass(frozen=True)
class Parts:
    """What the records of a batch of articles are made from. ``who`` holds only these
    articles' mentions and quotes (with the whole store's catalogue), ``provenance`` every link
    with one of them on either side and their quality flags. What a part does not use may be
    left empty: ``articles`` (in document order), ``sources`` and the flags for events and
    entries, the mentions for entries (their key quotes name speakers through the catalogue)."""

    articles: Sequence[Article]
    sources: Mapping[str, Sequence[ArticleSource]]
    who: WhoSaidWhat
    provenance: Provenance


Part = Literal["articles", "heads", "events", "timeline"]
Reader = Callable[[Sequence[str], Part], Parts]
"""``read(article_ids, part)``: what the document's ``part`` needs of these articles, from the
store (``api.write_timeline_json``) or, in tests, from anything else. ``heads`` asks for the
articles and their sources alone (``outline.outline_document``: who and provenance may be
empty)."""


@dataclass(frozen=True)
class Layout:
    """Everything of a document but its per-article parts: the ``meta``, which articles it
    lists (in order), its events and timeline entries, the undated articles' estimates, and
    the catalogue the entity ids come from."""

    meta: records.Meta
    article_ids: Sequence[str]
    events: Sequence[Event]
    entries: Sequence[TimelineEntry]
    estimates: Mapping[str, DateEstimate]
    catalogue: EntityCatalogue


def write_json(layout: Layout, read: Reader, out: TextIO, batch: int = BATCH) -> None:
    """The document as ``json.to_json`` writes it, written to ``out`` piece by piece."""
    for piece in json_pieces(layout, read, batch):
        out.write(piece)


def json_pieces(layout: Layout, read: Reader, batch: int = BATCH) -> Iterator[str]:
    """The document's JSON text in pieces (one record each) that join to ``to_json``'s."""
    if batch < 1:
        raise ValueError(f"batch must be at least 1, got {batch}")
    cited: set[str] = set()  # entity ids the articles name: the catalogue part lists only those
    yield '{\n  "meta": ' + json_text(layout.meta.to_json(), 1)
    yield from _member("articles", _articles(layout, read, batch, cited))
    yield from _member("events", _events(layout, read, batch))
    yield from _member("timeline", _entries(layout, read, batch))
    # the articles are all written by now, so ``cited`` is whole
    yield from _member("entities", (e.to_json() for e in cited_entities(layout.catalogue, cited)))
    contradictions = cited_contradictions(layout.catalogue, cited)
    yield from _member("contradictions", (c.to_json() for c in contradictions))
    yield "\n}\n"


def _member(key: str, items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """``"key": [...]`` of the top-level object, one item a piece (``[]`` when empty, as
    ``json.dumps`` writes it)."""
    yield f",\n  {json.dumps(key)}: "
    opening = "[\n    "
    for item in items:
        yield opening + json_text(item, 2)
        opening = ",\n    "
    yield "[]" if opening == "[\n    " else "\n  ]"


def _articles(
    layout: Layout, read: Reader, batch: int, cited: set[str]
) -> Iterator[dict[str, Any]]:
    for start in range(0, len(layout.article_ids), batch):
        parts = read(layout.article_ids[start : start + batch], "articles")
        for article in parts.articles:
            record = article_record(
                article,
                parts.sources.get(article.id, ()),
                layout.estimates.get(article.id),
                parts.who,
                parts.provenance,
            )
            cited.update(entity.id for entity in record.entities)
            yield record.to_json()


def _events(layout: Layout, read: Reader, batch: int) -> Iterator[dict[str, Any]]:
    for group in _batches(layout.events, lambda event: event.article_ids, batch):
        parts = read(_ids(event.article_ids for event in group), "events")
        for event in group:
            yield event_record(event, parts.who, parts.provenance).to_json()


def _entries(layout: Layout, read: Reader, batch: int) -> Iterator[dict[str, Any]]:
    return (entry.to_json() for entry in entry_records(layout, read, batch))


def entry_records(layout: Layout, read: Reader, batch: int = BATCH) -> Iterator[records.Entry]:
    """The timeline entries as ``entry_record`` makes them (key quotes, independent counts),
    their quotes and links read for about ``batch`` cited articles at a time."""
    for group in _batches(layout.entries, lambda entry: entry.article_ids, batch):
        parts = read(_ids(entry.article_ids for entry in group), "timeline")
        for entry in group:
            yield entry_record(entry, parts.who, parts.provenance)


def _batches(
    items: Sequence[T], article_ids: Callable[[T], Sequence[str]], batch: int
) -> Iterator[Sequence[T]]:
    """Consecutive runs of ``items`` citing about ``batch`` articles in all (at least one item
    a run: an event larger than a batch is read whole)."""
    start, cited = 0, 0
    for end, item in enumerate(items):
        size = len(article_ids(item))
        if end > start and cited + size > batch:
            yield items[start:end]
            start, cited = end, 0
        cited += size
    if start < len(items):
        yield items[start:]


def _ids(groups: Iterable[Sequence[str]]) -> list[str]:
    return list(dict.fromkeys(a for group in groups for a in group))
