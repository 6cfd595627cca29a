"""The Python API: what the CLI does, as functions a script can call.

>>> from dateline import api
>>> conn = api.open_store("news.db")
>>> api.ingest(conn, ["news/"]); api.build(conn)
>>> document = api.timeline_document(conn)   # the contract's JSON (docs/FORMAT.md)
>>> typed = api.timeline(conn)                 # the same document, typed (export.records)
>>> api.write_timeline_json(conn, out)         # its JSON text, written in bounded memory
>>> api.write_timeline(conn, out, "markdown")  # any export format, written the same way
>>> outline = api.timeline_outline(conn)       # what Markdown, HTML, TimelineJS print of it
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from dateline.export import RENDERERS
from dateline.export import document as doc
from dateline.export.outline import outline_document
from dateline.export.provenance import Provenance
from dateline.export.records import JsonDict, TimelineDocument
from dateline.export.stream import BATCH, Layout, Part, Parts, Reader, write_json
from dateline.export.who import (
    WhoSaidWhat,
    contradiction_record,
    entity_record,
)
from dateline.grouping.corrections import apply_corrections, undo_correction
from dateline.grouping.dense import model_info
from dateline.grouping.explain import SharedFeature, shared_features
from dateline.grouping.state import built_with_dense, document_frequencies
from dateline.grouping.stories import decode_state, describe_stories
from dateline.model import Article, DateEstimate, Event, TimelineEntry
from dateline.settings import EventWindow, Settings
from dateline.store import connect
from dateline.store.analysis import (
    iter_mentions,
    load_flags,
    load_links,
    load_links_touching,
    load_mentions,
    load_quotes,
    mentions_fingerprint,
)
from dateline.store.articles import (
    article_sources,
    find_article_ids,
    listed_article_ids,
    load_articles,
    sources_by_article,
    sources_of,
)
from dateline.store.db import read_snapshot
from dateline.store.events import event_of_article, find_event_ids, load_events, published_dates
from dateline.store.overrides import (
    Override,
    entity_corrections,
    hidden_articles,
    list_overrides,
    record_override,
)
from dateline.store.stories import load_stories
from dateline.store.times import load_estimates
from dateline.store.vectors import from_bytes
from dateline.timeline import precomputed
from dateline.timeline.select import TimelineView, build_timeline, select, summary_timeline
from dateline.who.entities import (
    EntityCatalogue,
    EntityCorrections,
    find_entity,
    merge_entities,
    merge_mentions,
)

if TYPE_CHECKING:  # the pipeline (and its models) is imported by the calls that run it
    from dateline import pipeline

__all__ = [
    "TimelineView",
    "build",
    "correct",
    "corrections",
    "entities",
    "entity_names",
    "ingest",
    "open_store",
    "provenance_of",
    "show",
    "stories",
    "story_event_ids",
    "timeline",
    "timeline_document",
    "timeline_outline",
    "undo",
    "who_said_what",
    "write_timeline",
    "write_timeline_json",
]


def open_store(path: str) -> sqlite3.Connection:
    """Open or create a store (raises dateline.store.StoreError with the reason)."""
    return connect(path)


def ingest(
    conn: sqlite3.Connection,
    paths: Sequence[str],
    settings: Settings | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> pipeline.IngestReport:
    """Read, clean, date and store the articles in ``paths`` (on the Dask cluster of
    ``settings.scheduler`` when it names one)."""
    from dateline import pipeline  # noqa: PLC0415 - reading a store never loads the pipeline

    return pipeline.ingest(conn, paths, settings or Settings(), stdin=stdin)


def build(
    conn: sqlite3.Connection,
    skip: Sequence[str] = (),
    workers: int | None = None,
    events: EventWindow | None = None,
    scheduler: str | None = None,
) -> pipeline.BuildReport:
    """Analyse what is new since the last build and group it into events and stories.

    ``skip`` may name "entities", "provenance" and/or "dense" to leave those stages for a later
    build (a later build with dense vectors regroups every event). ``events`` widens or narrows
    how far apart in time reports of one event may be (``Settings.events``; None: the default).
    ``scheduler``, a Dask scheduler's address, runs the per-article stages on its workers
    (docs/DEPLOY.md; raises ``dateline.parallel.SchedulerError`` when it cannot be used).
    """
    from dateline import pipeline  # noqa: PLC0415 - reading a store never loads the pipeline

    return pipeline.build(conn, skip, workers, events or EventWindow(), scheduler=scheduler)


def timeline_document(conn: sqlite3.Connection, view: TimelineView | None = None) -> JsonDict:
    """The output document as the contract's JSON (docs/FORMAT.md); see ``timeline``."""
    return timeline(conn, view).to_json()


def timeline(
    conn: sqlite3.Connection,
    view: TimelineView | None = None,
    *,
    with_hidden: bool = False,
    who: WhoSaidWhat | None = None,
    provenance: Provenance | None = None,
) -> TimelineDocument:
    """The output document for the store, or the slice ``view`` asks for, typed.

    Articles a correction hides are in no event already; the document leaves them out too
    unless ``with_hidden`` (the web app lists them, to show the correction and its undo).
    ``who`` and ``provenance``, when given, are the store's (``who_said_what``,
    ``provenance_of``) already read: a reader that keeps them does not read them twice.

    A sliced document lists the events holding a matching article and every article those
    events and the timeline entries cite (an event's other reports too, matching or not); a
    summarised one (``view.max_dates``/``view.sentences_per_date``) has one entry per picked
    day, each sentence with its own sources, taken from the matching articles.

    The whole document is held at once; ``write_timeline_json`` writes its JSON in bounded
    memory, and ``timeline_outline`` is what the Markdown, HTML and TimelineJS renderers read.
    """
    view = view or TimelineView()
    chosen = _choose(conn, view, with_hidden=with_hidden, heads=True)
    articles = chosen.articles
    if view.sliced:
        sources = {article.id: article_sources(conn, article.id) for article in articles}
    else:
        sources = sources_by_article(conn)
    return doc.timeline_document(
        articles,
        sources,
        chosen.events,
        chosen.entries,
        estimates=chosen.estimates,
        embedding_model=model_info() if built_with_dense(conn) else None,
        view=view,
        who=who if who is not None else who_said_what(conn),
        provenance=provenance if provenance is not None else provenance_of(conn),
    )


def write_timeline_json(
    conn: sqlite3.Connection, out: TextIO, view: TimelineView | None = None, *, batch: int = BATCH
) -> None:
    """Write ``timeline(conn, view)``'s JSON (``export.to_json``: the same bytes) to ``out``,
    reading and writing ``batch`` articles at a time (``export.stream``): what a store holds
    per article (entity mentions, quotes, links) is never all in memory at once, only the
    merged entity catalogue, the events and the article ids. Hidden articles are left out."""
    layout = _layout(conn, view or TimelineView())
    write_json(layout, _reader(conn, layout.catalogue), out, batch)


def write_timeline(
    conn: sqlite3.Connection, out: TextIO, fmt: str = "json", view: TimelineView | None = None
) -> None:
    """The timeline as ``fmt`` (an ``export.RENDERERS`` name) written to ``out``, made the
    bounded way: the JSON a batch of articles at a time (``write_timeline_json``), the other
    formats from the document's outline (``timeline_outline``), never the whole document with
    every article's analysis (``timeline --format``, the web app's exports)."""
    if fmt == "json":
        write_timeline_json(conn, out, view)
    else:
        out.write(RENDERERS[fmt](timeline_outline(conn, view)))


def timeline_outline(
    conn: sqlite3.Connection, view: TimelineView | None = None, *, batch: int = BATCH
) -> TimelineDocument:
    """``timeline(conn, view)`` with only what the Markdown, HTML and TimelineJS renderers
    print (``export.outline``): rendered, the same bytes. Its articles and events carry no
    entities, quotes, links or quality flags and it lists no corpus entities, so the store's
    mentions, quotes and links are read ``batch`` articles at a time for the entries' key
    quotes and independent counts, never all held (issue 14 item 4). Hidden articles are
    left out."""
    layout = _layout(conn, view or TimelineView())
    return outline_document(layout, _reader(conn, layout.catalogue), batch)


def _layout(conn: sqlite3.Connection, view: TimelineView) -> Layout:
    """What a bounded document is laid out from: its article ids, events, entries, the date
    estimates and the merged entity catalogue (read from the store twice, never held)."""
    chosen = _choose(conn, view, with_hidden=False, heads=False)
    return Layout(
        meta=doc.meta_record(model_info() if built_with_dense(conn) else None, view),
        article_ids=chosen.article_ids,
        events=chosen.events,
        entries=chosen.entries,
        estimates=chosen.estimates,
        catalogue=_catalogue(conn),
    )


def _reader(conn: sqlite3.Connection, catalogue: EntityCatalogue) -> Reader:
    """``stream.Reader`` from the store: each part's rows for these articles only."""

    def read(ids: Sequence[str], part: Part) -> Parts:
        if part == "heads":
            nobody = WhoSaidWhat({}, {}, catalogue)
            heads = load_articles(conn, ids, bodies=False)
            return Parts(heads, sources_of(conn, ids), nobody, Provenance((), {}))
        mentions = {} if part == "timeline" else load_mentions(conn, ids)
        who = WhoSaidWhat(mentions, load_quotes(conn, ids), catalogue)
        links = load_links_touching(conn, ids)
        if part != "articles":
            return Parts((), {}, who, Provenance(links, {}))
        articles = load_articles(conn, ids, bodies=False)
        return Parts(articles, sources_of(conn, ids), who, Provenance(links, load_flags(conn, ids)))

    return read


@dataclass(frozen=True)
class _Chosen:
    """What a document lists: its articles (read when ``heads``, else only their ids), events
    and entries, and the store's date estimates."""

    articles: list[Article]
    article_ids: list[str]
    events: list[Event]
    entries: list[TimelineEntry]
    estimates: dict[str, DateEstimate]


def _choose(
    conn: sqlite3.Connection, view: TimelineView, *, with_hidden: bool, heads: bool
) -> _Chosen:
    """The articles, events and entries of the document ``view`` asks for. Without ``heads``
    an unsliced document's articles are not read at all (only their ids); a sliced or
    summarised one reads them to select, then keeps only the ids."""
    hidden = set() if with_hidden else hidden_articles(conn)
    kept = precomputed.stored(conn, view)  # the build's summary of the whole store, if current
    # only slicing and summaries read the words
    bodies = view.sliced or (view.summarised and kept is None)
    events = [stored.event for stored in load_events(conn, vectors=False)]
    estimates = load_estimates(conn)
    if not bodies and not heads:
        ids = [i for i in listed_article_ids(conn) if i not in hidden]
        entries = kept if kept is not None else build_timeline(events)
        return _Chosen([], ids, events, entries, estimates)
    stored = load_articles(conn, bodies=bodies)
    every_article = [article for article in stored if article.id not in hidden]
    articles = every_article
    if view.sliced:
        articles, events = select(every_article, events, view)
    if kept is not None:
        entries = kept
    elif view.summarised:
        entries = summary_timeline(articles, events, view, estimates)
    else:
        entries = build_timeline(events)
    if view.sliced:  # list every article the document cites, not only the matching ones
        cited = {a for event in events for a in event.article_ids}
        cited |= {a for entry in entries for a in entry.article_ids}
        articles = [a for a in every_article if a.id in cited]
    ids = [a.id for a in articles]
    return _Chosen(articles if heads else [], ids, events, entries, estimates)


def provenance_of(conn: sqlite3.Connection) -> Provenance:
    """The stored provenance links and quality flags, indexed for the document."""
    return Provenance(load_links(conn), load_flags(conn))


def correct(
    conn: sqlite3.Connection, kind: str, target: str, value: dict[str, Any], who: str
) -> Override:
    """Record a correction that every later build keeps, and make it show now.

    ``kind`` is one of ``store.overrides.KINDS`` ("retitle-event", "merge-events",
    "move-article", "hide-article", "fix-speaker", "merge-entities", "split-entity");
    ``target`` the article (or, for an event, ``store.overrides.event_anchor``; for an entity,
    a canonical name its mentions resolve to) it is about; ``who`` is recorded with it.

    Raises:
        OverrideError: an unknown kind, a target the store does not hold, a bad value.
    """
    made = record_override(conn, kind, target, value, who)
    apply_corrections(conn)
    return made


def undo(conn: sqlite3.Connection, override_id: int, who: str) -> Override:
    """Undo a correction (the next views and builds go without it).

    Raises:
        OverrideError: no active correction has this number.
    """
    undo_correction(conn, override_id, who)
    return next(o for o in list_overrides(conn) if o.id == override_id)


def refresh_summary(conn: sqlite3.Connection) -> bool:
    """Summarise the whole store again if a correction (or anything else since the last build)
    changed what the kept summary was made from; True if it ran. ``build`` does this itself;
    the CLI's edits call it at once and the web app's in the background, so the first summary
    view after a correction is served from the store, not computed while the reader waits."""
    return precomputed.refresh(conn)


def corrections(conn: sqlite3.Connection, *, active_only: bool = False) -> list[Override]:
    """Every correction made (who, when, what; undone ones too unless ``active_only``)."""
    return list_overrides(conn, active_only=active_only)


def who_said_what(
    conn: sqlite3.Connection, earlier: WhoSaidWhat | None = None, *, reusable: bool = False
) -> WhoSaidWhat:
    """Every stored entity mention and quote, and the entities they merge into. ``earlier``:
    a result from before, whose mentions and entities are kept when what they were made from
    (``WhoSaidWhat.inputs``: the stored mentions and dates, the entity corrections) is the
    same; merging 340,000 mentions takes seconds and most corrections change none of them.
    Quotes are always read again. ``reusable``: record those inputs (a scan of the mentions)
    so that a later call can be handed this result; one-off readers skip it."""
    corrections = _entity_corrections(conn)
    inputs = None
    if earlier is not None or reusable:
        inputs = (mentions_fingerprint(conn), corrections.joined, corrections.split)
    if earlier is not None and earlier.inputs == inputs:
        return WhoSaidWhat(
            earlier.mentions, load_quotes(conn), earlier.catalogue, inputs, earlier.entity_parts
        )
    mentions = load_mentions(conn)
    catalogue = merge_entities(mentions, published_dates(conn), corrections)
    return WhoSaidWhat(mentions, load_quotes(conn), catalogue, inputs)


def _catalogue(conn: sqlite3.Connection) -> EntityCatalogue:
    """Every stored mention merged into the corpus entities with the user's corrections: the
    catalogue ``who_said_what`` merges, for readers that need no mentions. The mentions are
    read from the store twice, a batch of articles at a time, inside one read snapshot
    (``merge_mentions``), never all held: they are most of what a merge of a large store
    would hold (issue 14 item 4)."""
    with read_snapshot(conn):
        corrections = _entity_corrections(conn)
        return merge_mentions(lambda: iter_mentions(conn), published_dates(conn), corrections)


def _entity_corrections(conn: sqlite3.Connection) -> EntityCorrections:
    """The user's active joins and splits of entities, as the merge reads them."""
    joined, split = entity_corrections(conn)
    return EntityCorrections(tuple(joined), tuple(split))


def entities(conn: sqlite3.Connection) -> JsonDict:
    """The corpus entities (most mentioned first) and the role contradictions between sources."""
    catalogue = _catalogue(conn)
    return {
        "entities": [entity_record(e).to_json() for e in catalogue.entities],
        "contradictions": [contradiction_record(c).to_json() for c in catalogue.contradictions],
    }


def stories(conn: sqlite3.Connection) -> list[JsonDict]:
    """Every story, largest first: title, span, events in order, main terms and names."""
    states = [decode_state(*row) for row in load_stories(conn)]
    names = {term: name for state in states for term, name in state.names.items()}
    return [doc.story_dict(story, names) for story in describe_stories(states)]


def story_event_ids(conn: sqlite3.Connection, wanted: str) -> tuple[str, ...]:
    """The events of the story with this id (or unique id prefix), in date order.

    Raises:
        LookupError: no story has this id, or the prefix is ambiguous.
    """
    found = [s for s in stories(conn) if s["id"].startswith(wanted)]
    exact = [s for s in found if s["id"] == wanted]
    found = exact or found
    if not found:
        raise LookupError(f"no story with id {wanted!r}")
    if len(found) > 1:
        raise LookupError(f"story id prefix {wanted!r} is ambiguous ({len(found)} matches)")
    return tuple(found[0]["event_ids"])


def entity_names(conn: sqlite3.Connection, name: str) -> tuple[str, ...]:
    """Every name the entity called ``name`` goes by, for ``TimelineView.entity_names``.

    The name is looked up among the merged entities under any alias ("America", "Mr Putin");
    an unknown name is searched for as written.
    """
    found = find_entity(_catalogue(conn), name)
    if found is None:
        return (name,)
    return tuple(dict.fromkeys((name, found.name, *found.aliases)))


def show(conn: sqlite3.Connection, wanted: str) -> JsonDict:
    """One article or event by id (or unambiguous id prefix), with its details.

    Raises:
        LookupError: no article or event has this id, or the prefix is ambiguous.
    """
    matches = [("article", i) for i in find_article_ids(conn, wanted)]
    matches += [("event", i) for i in find_event_ids(conn, wanted)]
    exact = [m for m in matches if m[1] == wanted]
    if exact:
        matches = exact
    if not matches:
        raise LookupError(f"no article or event with id {wanted!r}")
    if len(matches) > 1:
        raise LookupError(f"id prefix {wanted!r} is ambiguous ({len(matches)} matches)")
    kind, found = matches[0]
    return _show_article(conn, found) if kind == "article" else _show_event(conn, found)


def _show_article(conn: sqlite3.Connection, article_id: str) -> JsonDict:
    article = load_articles(conn, [article_id])[0]
    placed = event_of_article(conn, article_id)
    detail = doc.article_detail(
        article,
        article_sources(conn, article_id),
        placed,
        load_estimates(conn).get(article_id),
        who=who_said_what(conn),
        provenance=Provenance(load_links(conn, article_id), load_flags(conn, [article_id])),
    )
    if placed is not None:
        detail["event"]["shared"] = [
            {"kind": f.kind, "text": f.text, "contribution": f.contribution}
            for f in _why_placed(conn, article, placed[0])
        ]
    return {"kind": "article", **detail}


def _story_of(conn: sqlite3.Connection, event_id: str) -> JsonDict | None:
    """The story holding an event, with the similarity and shared terms that put it there."""
    for story in stories(conn):
        for link in story["links"]:
            if link["event_id"] == event_id:
                return {"id": story["id"], "title": story["title"], **link}
    return None


def _why_placed(conn: sqlite3.Connection, article: Article, event_id: str) -> list[SharedFeature]:
    """The names, numbers and words the article shares with its event, strongest first."""
    stored = next(item for item in load_events(conn) if item.event.id == event_id)
    idf = document_frequencies(conn).idf()
    return shared_features(article, from_bytes(stored.centroid), idf)


def _show_event(conn: sqlite3.Connection, event_id: str) -> JsonDict:
    stored = next(item for item in load_events(conn) if item.event.id == event_id)
    members = load_articles(conn, stored.event.article_ids)
    detail = doc.event_record(
        stored.event, who_said_what(conn), Provenance(load_links(conn), {})
    ).to_json()
    detail["story"] = _story_of(conn, event_id)
    detail["articles"] = [
        {
            **doc.article_record(article, article_sources(conn, article.id)).to_json(),
            "similarity": stored.similarities.get(article.id),
        }
        for article in members
    ]
    return {"kind": "event", **detail}
