"""TimelineJS export: the JSON that Knight Lab's TimelineJS 3 reads, which newsrooms publish with.

TimelineJS renders the ``headline`` and ``text`` fields as HTML, so every article-derived string
is HTML-escaped here, exactly as the HTML export does; the sources become a list of links (web
URLs only) under each slide's text. Dates become ``{year, month, day}`` objects, and each event's
id is the slide's ``unique_id`` so a published timeline can link back to ``dateline show``.
"""

from __future__ import annotations

from datetime import date

from dateline.export.html import cited_link, escape_html
from dateline.export.records import Entry, JsonDict, TimelineDocument
from dateline.export.safe import dumps

_TITLE_TEXT = "{entries} dated entries from {articles} articles."


def to_timelinejs(document: TimelineDocument) -> str:
    """The timeline as TimelineJS 3 JSON text (title slide plus one slide per entry)."""
    slides = [_slide(entry, document) for entry in document.timeline]
    timeline = {
        "title": {
            "text": {
                "headline": "Timeline",
                "text": _TITLE_TEXT.format(entries=len(slides), articles=len(document.articles)),
            }
        },
        "events": slides,
    }
    return dumps(timeline)


def _slide(entry: Entry, document: TimelineDocument) -> JsonDict:
    day = date.fromisoformat(entry.date)
    event = document.event(entry.event_id)
    parts = []
    for text, cited in entry.cited_parts():
        sources = "".join(f"<li>{cited_link(document, a, with_id=False)}</li>" for a in cited)
        label = entry.sources_label(cited)
        parts.append(f"<p>{escape_html(text)}</p><p>{label}:</p><ul>{sources}</ul>")
    return {
        "unique_id": f"{entry.date}-{entry.event_id}",
        "start_date": {"year": day.year, "month": day.month, "day": day.day},
        "text": {"headline": escape_html(event.title if event else ""), "text": "".join(parts)},
    }
