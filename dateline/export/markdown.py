"""Markdown export: a readable timeline where every line names its sources.

Article text is untrusted: every string from an article is escaped so it cannot inject links,
images, HTML or formatting into the rendered page.
"""

from __future__ import annotations

import html
import re

from dateline.export.document import JsonDict

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape_markdown(text: str) -> str:
    """Text safe to place in Markdown: HTML escaped, Markdown punctuation backslashed."""
    flat = " ".join(text.split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def to_markdown(document: JsonDict) -> str:
    """The timeline as Markdown: a heading per date, each entry with its source list."""
    articles = {article["id"]: article for article in document["articles"]}
    events = {event["id"]: event for event in document["events"]}
    lines = [
        "# Timeline",
        "",
        f"{len(document['timeline'])} dated entries from {len(articles)} articles "
        f"in {len(events)} events.",
    ]
    current = None
    for entry in document["timeline"]:
        if entry["date"] != current:
            current = entry["date"]
            lines += ["", f"## {current}"]
        event = events[entry["event_id"]]
        lines += ["", f"**{escape_markdown(event['title'])}**", "", escape_markdown(entry["text"])]
        lines += ["", "Sources: " + "; ".join(_source(articles[a]) for a in entry["article_ids"])]
    return "\n".join(lines) + "\n"


def _source(article: JsonDict) -> str:
    name = article["outlet"] or article["path"]
    return f"{escape_markdown(name)} `{article['id'][:8]}`"
