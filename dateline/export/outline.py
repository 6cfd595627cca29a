"""The timeline document as the Markdown, HTML and TimelineJS renderers read it, in bounded memory.

Those three renderers print the timeline: per entry its date, its event's title, its text (or
summary sentences) with the sources each cites and the "Sources (N independent)" label, and its
key quotes with their speakers and first source; per cited article only its id, outlet (else
path) and URL; and the counts of entries, articles and events. They never print an article's
entities, quotes, links or quality flags, an event's main entities, key quotes or independent
count, or the corpus entities and contradictions. With every stage built those are most of the
whole document (``api.timeline``) and of what is read to make it (every mention, quote and link
of the store): about 40 MiB per 1,000 articles, 4 GiB at 100,000 (docs/BENCHMARKS.md, memory).

``outline_document`` is a ``records.TimelineDocument`` (the one contract, not a second type)
that leaves those parts empty: every listed article and event, as ``document.article_record``
and ``event_record`` make them without who-said-what and provenance (``dateline show`` lists an
event's articles so), the ``meta``, and the timeline entries whole, made by the streamed JSON's
``stream.entry_records`` from the same reader, ``batch`` articles at a time. What it holds per
article is the article's head and sources; the per-article analysis is only ever held for one
batch. Rendered, it gives the same bytes as the whole document (tests/export/test_outline.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from dateline.export import records
from dateline.export.document import article_record, event_record
from dateline.export.stream import BATCH, Layout, Reader, entry_records


def outline_document(layout: Layout, read: Reader, batch: int = BATCH) -> records.TimelineDocument:
    """The document ``layout`` describes, with only what the Markdown, HTML and TimelineJS
    renderers read: articles and events without entities, quotes, links, quality flags or
    independent counts, no corpus entities or contradictions; entries whole."""
    if batch < 1:
        raise ValueError(f"batch must be at least 1, got {batch}")
    return records.TimelineDocument(
        meta=layout.meta,
        articles=tuple(_heads(layout, read, batch)),
        events=tuple(event_record(event) for event in layout.events),
        timeline=tuple(entry_records(layout, read, batch)),
    )


def _heads(layout: Layout, read: Reader, batch: int) -> Iterator[records.Article]:
    """The listed articles in document order, read ``batch`` at a time: their own fields and
    sources (the "reprinted" flag comes from those), nothing from the analysis stages."""
    for start in range(0, len(layout.article_ids), batch):
        parts = read(layout.article_ids[start : start + batch], "heads")
        for article in parts.articles:
            sources = parts.sources.get(article.id, ())
            yield article_record(article, sources, layout.estimates.get(article.id))
