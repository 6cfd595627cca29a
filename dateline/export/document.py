"""The output contract (docs/FORMAT.md) built once, typed: articles, events, timeline, names.

Every export format renders this one document (``records.TimelineDocument``), so JSON,
Markdown, HTML and TimelineJS can never disagree. The who-said-what parts (``who.py``) and the
provenance parts (``provenance.py``) are computed first and passed in, so the document is whole
when it is made and nothing changes it after. Later issues add fields; they never rename or
remove one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dateline import __version__
from dateline.dates.mentions import STAGE as TIMES_STAGE
from dateline.export import records
from dateline.export.provenance import Provenance
from dateline.export.records import JsonDict
from dateline.export.who import WhoSaidWhat, article_who, catalogue_part, entry_quotes, group_who
from dateline.grouping.sparse import REPRESENTATION
from dateline.grouping.stories import Story
from dateline.model import Article, DateEstimate, Event, RemovedLine, TimelineEntry, TimeMention
from dateline.store.articles import ArticleSource
from dateline.timeline.select import TimelineView

REPRINTED_FLAG = "reprinted"
"""Set on output when the same cleaned text was read from more than one place."""

__all__ = ["JsonDict", "timeline_document"]


def article_record(
    article: Article,
    sources: Sequence[ArticleSource],
    estimate: DateEstimate | None = None,
    who: WhoSaidWhat | None = None,
    provenance: Provenance | None = None,
) -> records.Article:
    """An article as the contract describes it (without its text), with its names, quotes,
    links and quality flags when ``who`` and ``provenance`` are given."""
    flags = set(article.flags)
    if len(sources) > 1:
        flags.add(REPRINTED_FLAG)
    quality = provenance.quality_flags(article.id) if provenance else ()
    flags.update(flag.name for flag in quality)
    entities, quotes = article_who(article.id, who) if who else ((), ())
    published = article.published
    return records.Article(
        id=article.id,
        path=article.path,
        url=article.url,
        outlet=article.outlet,
        title=article.title,
        published=published.value.isoformat() if published.value else None,
        published_precision=published.precision,
        published_evidence=published.evidence,
        estimated_date=estimate_record(estimate) if estimate else None,
        language=article.language,
        flags=tuple(sorted(flags)),
        removed_lines=len(article.removed),
        sources=tuple(source_record(source) for source in sources),
        entities=entities,
        quotes=quotes,
        links=provenance.links_of(article.id) if provenance else (),
        quality_flags=quality,
    )


def estimate_record(estimate: DateEstimate) -> records.Estimate:
    """A date range for an undated article, always marked as estimated, with its evidence."""
    return records.Estimate(
        estimate.earliest.isoformat(), estimate.latest.isoformat(), estimate.evidence
    )


def source_record(source: ArticleSource) -> records.Source:
    """One place an article was read from."""
    return records.Source(source.path, source.record, source.url, source.outlet)


def event_record(
    event: Event, who: WhoSaidWhat | None = None, provenance: Provenance | None = None
) -> records.Event:
    """An event as the contract describes it."""
    entities, quotes = group_who(event.article_ids, who) if who else ((), ())
    return records.Event(
        id=event.id,
        date=event.date.isoformat() if event.date else None,
        date_precision=event.date_precision,
        date_evidence=event.date_evidence,
        title=event.title,
        summary=event.summary,
        article_ids=tuple(event.article_ids),
        entities=entities,
        quotes=quotes,
        independent_sources=provenance.independent(event.article_ids) if provenance else None,
    )


def entry_record(
    entry: TimelineEntry, who: WhoSaidWhat | None = None, provenance: Provenance | None = None
) -> records.Entry:
    """A timeline line with its sources (and, when summarised, each sentence's sources)."""
    return records.Entry(
        date=entry.date.isoformat(),
        text=entry.text,
        event_id=entry.event_id,
        article_ids=tuple(entry.article_ids),
        sentences=tuple(records.Sentence(s.text, tuple(s.article_ids)) for s in entry.sentences),
        quotes=entry_quotes(entry.article_ids, who) if who else (),
        independent_sources=provenance.independent(entry.article_ids) if provenance else None,
    )


def time_dict(mention: TimeMention) -> JsonDict:
    """A time expression of the article text with its resolved value."""
    return {
        "sentence": mention.sentence,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "type": mention.type,
        "value": mention.value,
        "mod": mention.mod,
    }


def removed_dict(line: RemovedLine) -> JsonDict:
    """A cut line with the reason it was cut."""
    return {"line_no": line.line_no, "text": line.text, "reason": line.reason}


def article_detail(
    article: Article,
    sources: Sequence[ArticleSource],
    event: tuple[str, float] | None,
    estimate: DateEstimate | None = None,
    who: WhoSaidWhat | None = None,
    provenance: Provenance | None = None,
) -> JsonDict:
    """An article for ``dateline show``: the contract fields plus text, cut lines, times, event."""
    detail = article_record(article, sources, estimate, who, provenance).to_json()
    detail["text"] = article.text
    detail["removed"] = [removed_dict(line) for line in article.removed]
    detail["times"] = [time_dict(mention) for mention in article.times]
    detail["event"] = {"id": event[0], "similarity": event[1]} if event else None
    return detail


def view_dict(view: TimelineView) -> JsonDict:
    """Which slice of the store the document covers, so a reader knows what was left out."""
    return {
        "from": view.start.isoformat() if view.start else None,
        "to": view.end.isoformat() if view.end else None,
        "query": list(view.query),
        "entity_names": list(view.entity_names),
        "story_event_ids": list(view.story_event_ids),
        "max_dates": view.max_dates,
        "sentences_per_date": view.sentences_per_date,
    }


def story_dict(story: Story, names: Mapping[int, str]) -> JsonDict:
    """A story: title, span, events in date order, main terms and names, and per event the
    similarity and shared terms that put it there."""
    return {
        "id": story.id,
        "title": story.title,
        "first": story.first.isoformat() if story.first else None,
        "last": story.last.isoformat() if story.last else None,
        "event_ids": list(story.event_ids),
        "main_terms": list(story.main_terms),
        "main_entities": list(story.main_entities),
        "articles": sum(link.size for link in story.links),
        "links": [
            {
                "event_id": link.event_id,
                "similarity": round(link.similarity, 4),
                "word_similarity": link.word_similarity,
                "dense_similarity": link.dense_similarity,
                "shared_terms": [names[t] for t in link.shared_terms if t in names],
            }
            for link in story.links
        ],
    }


def meta_record(
    embedding_model: Mapping[str, str | int] | None, view: TimelineView | None
) -> records.Meta:
    """What made the document (versions, the sentence encoder or None) and the slice it covers."""
    return records.Meta(
        dateline_version=__version__,
        event_representation=REPRESENTATION,
        embedding_model=dict(embedding_model) if embedding_model else None,
        time_tagger=TIMES_STAGE.version,
        view=view_dict(view) if view is not None else None,
    )


def timeline_document(
    articles: Sequence[Article],
    sources: Mapping[str, Sequence[ArticleSource]],
    events: Sequence[Event],
    timeline: Sequence[TimelineEntry],
    *,
    estimates: Mapping[str, DateEstimate] | None = None,
    embedding_model: Mapping[str, str | int] | None = None,
    view: TimelineView | None = None,
    who: WhoSaidWhat | None = None,
    provenance: Provenance | None = None,
) -> records.TimelineDocument:
    """The whole output document; ``embedding_model`` names the sentence encoder whose vectors
    threaded the stories (None: they were threaded on sparse vectors alone)."""
    estimates = estimates or {}
    built = tuple(
        article_record(a, sources.get(a.id, ()), estimates.get(a.id), who, provenance)
        for a in articles
    )
    entities, contradictions = catalogue_part(built, who) if who else ((), ())
    return records.TimelineDocument(
        meta=meta_record(embedding_model, view),
        articles=built,
        events=tuple(event_record(event, who, provenance) for event in events),
        timeline=tuple(entry_record(entry, who, provenance) for entry in timeline),
        entities=entities,
        contradictions=contradictions,
    )
