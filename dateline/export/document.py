"""The output contract (docs/FORMAT.md) as plain dicts: articles, events, timeline.

Every export format renders this one document, so JSON, Markdown and later formats can never
disagree. Later issues add keys; they never rename or remove one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dateline import __version__
from dateline.embed import REPRESENTATION
from dateline.model import Article, DateEstimate, Event, RemovedLine, TimelineEntry, TimeMention
from dateline.store.articles import ArticleSource
from dateline.stories import Story
from dateline.timeline import TimelineView
from dateline.times import TAGGER_VERSION

REPRINTED_FLAG = "reprinted"
"""Set on output when the same cleaned text was read from more than one place."""

JsonDict = dict[str, Any]


def article_dict(
    article: Article, sources: Sequence[ArticleSource], estimate: DateEstimate | None = None
) -> JsonDict:
    """An article as the contract describes it (without its text)."""
    flags = set(article.flags)
    if len(sources) > 1:
        flags.add(REPRINTED_FLAG)
    published = article.published
    return {
        "id": article.id,
        "path": article.path,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": published.value.isoformat() if published.value else None,
        "published_precision": published.precision,
        "published_evidence": published.evidence,
        "estimated_date": estimate_dict(estimate) if estimate else None,
        "language": article.language,
        "flags": sorted(flags),
        "removed_lines": len(article.removed),
        "sources": [source_dict(source) for source in sources],
    }


def estimate_dict(estimate: DateEstimate) -> JsonDict:
    """A date range for an undated article, always marked as estimated, with its evidence."""
    return {
        "earliest": estimate.earliest.isoformat(),
        "latest": estimate.latest.isoformat(),
        "evidence": estimate.evidence,
    }


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


def source_dict(source: ArticleSource) -> JsonDict:
    """One place an article was read from."""
    return {
        "path": source.path,
        "record": source.record,
        "url": source.url,
        "outlet": source.outlet,
    }


def article_detail(
    article: Article,
    sources: Sequence[ArticleSource],
    event: tuple[str, float] | None,
    estimate: DateEstimate | None = None,
) -> JsonDict:
    """An article for ``dateline show``: the contract fields plus text, cut lines, times, event."""
    detail = article_dict(article, sources, estimate)
    detail["text"] = article.text
    detail["removed"] = [removed_dict(line) for line in article.removed]
    detail["times"] = [time_dict(mention) for mention in article.times]
    detail["event"] = {"id": event[0], "similarity": event[1]} if event else None
    return detail


def removed_dict(line: RemovedLine) -> JsonDict:
    """A cut line with the reason it was cut."""
    return {"line_no": line.line_no, "text": line.text, "reason": line.reason}


def event_dict(event: Event) -> JsonDict:
    """An event as the contract describes it."""
    return {
        "id": event.id,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "date_evidence": event.date_evidence,
        "title": event.title,
        "summary": event.summary,
        "article_ids": list(event.article_ids),
    }


def timeline_entry_dict(entry: TimelineEntry) -> JsonDict:
    """A timeline line with its sources (and, when summarised, each sentence's sources)."""
    return {
        "date": entry.date.isoformat(),
        "text": entry.text,
        "event_id": entry.event_id,
        "article_ids": list(entry.article_ids),
        "sentences": [
            {"text": s.text, "article_ids": list(s.article_ids)} for s in entry.sentences
        ],
    }


def cited_parts(entry: JsonDict) -> list[tuple[str, list[str]]]:
    """What an export shows for a timeline entry: each summary sentence with its own sources,
    or (event timeline) the whole entry with all of them."""
    if entry.get("sentences"):
        return [(s["text"], s["article_ids"]) for s in entry["sentences"]]
    return [(entry["text"], entry["article_ids"])]


def sources_label(entry: JsonDict, cited: list[str]) -> str:
    """ "Sources", with the independent count when copies or rewrites make it smaller."""
    independent = entry.get("independent_sources")
    if independent is not None and cited == entry["article_ids"] and independent < len(cited):
        return f"Sources ({independent} independent)"
    return "Sources"


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


def timeline_document(
    articles: Sequence[Article],
    sources: dict[str, list[ArticleSource]],
    events: Sequence[Event],
    timeline: Sequence[TimelineEntry],
    estimates: Mapping[str, DateEstimate] | None = None,
    embedding_model: Mapping[str, str | int] | None = None,
) -> JsonDict:
    """The whole output document; ``embedding_model`` names the sentence encoder whose vectors
    threaded the stories (None: they were threaded on sparse vectors alone)."""
    estimates = estimates or {}
    return {
        "meta": {
            "dateline_version": __version__,
            "event_representation": REPRESENTATION,
            "embedding_model": dict(embedding_model) if embedding_model else None,
            "time_tagger": TAGGER_VERSION,
        },
        "articles": [article_dict(a, sources.get(a.id, []), estimates.get(a.id)) for a in articles],
        "events": [event_dict(event) for event in events],
        "timeline": [timeline_entry_dict(entry) for entry in timeline],
    }
