"""HTML export: one self-contained page (inline CSS, no scripts, no remote assets).

Article text is untrusted. Every string that comes from an article (titles, summaries, outlet
names, paths, URLs) passes through ``html.escape`` with quotes escaped, so it can neither open a
tag nor leave an attribute. Links are made only from ``http``/``https`` URLs, and carry
``rel="nofollow noopener noreferrer"``; anything else (``javascript:``, ``data:``) is shown as text.
The page loads nothing from anywhere: a reader can open it offline and it cannot phone home.
Control characters are shown as escapes (``\\x1b``), and a source without an outlet is named by
a path that shows no local directory (``display_path``).
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from dateline.export.records import Article, TimelineDocument
from dateline.export.safe import display_path, visible

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
.entry{margin:1rem 0}.title{font-weight:600}.sources{font-size:.85rem;color:#555}
.sources code{font-size:.8rem}.meta{color:#555;font-size:.9rem}
"""
_SAFE_SCHEMES = frozenset({"http", "https"})


def to_html(document: TimelineDocument) -> str:
    """The timeline as a standalone HTML page: a section per date, sources under each entry."""
    body = [
        "<h1>Timeline</h1>",
        f'<p class="meta">{len(document.timeline)} dated entries from {len(document.articles)} '
        f"articles in {len(document.events)} events.</p>",
    ]
    current = None
    for entry in document.timeline:
        if entry.date != current:
            if current is not None:
                body.append("</section>")
            current = entry.date
            body.append(f'<section><h2 id="d{escape_html(current)}">{escape_html(current)}</h2>')
        event = document.event(entry.event_id)
        body += [
            f'<div class="entry" id="{escape_html(entry.date + "-" + entry.event_id)}">',
            f'<div class="title">{escape_html(event.title if event else "")}</div>',
        ]
        for text, cited in entry.cited_parts():
            sources = "; ".join(cited_link(document, a) for a in cited)
            body += [
                f"<p>{escape_html(text)}</p>",
                f'<div class="sources">{entry.sources_label(cited)}: {sources}</div>',
            ]
        for quote in entry.quotes:
            first = quote.article_ids[0] if quote.article_ids else None
            link = cited_link(document, first) if first else ""
            body.append(
                f"<blockquote>\u201c{escape_html(quote.text)}\u201d "
                f"\u2014 {escape_html(quote.speaker or '')} ({link})</blockquote>"
            )
        body.append("</div>")
    if current is not None:
        body.append("</section>")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            "<title>Timeline</title>",
            f"<style>{_STYLE}</style>",
            "</head><body>",
            *body,
            "</body></html>",
            "",
        ]
    )


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain web link (http or https with a host), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return url.strip()


def cited_link(document: TimelineDocument, article_id: str, *, with_id: bool = True) -> str:
    """``source_link`` for a cited article; one the document does not list (a hand-made
    document) by its id alone."""
    article = document.article(article_id)
    if article is None:
        return f"<code>{escape_html(article_id[:8])}</code>"
    return source_link(article, with_id=with_id)


def source_link(article: Article, *, with_id: bool = True) -> str:
    """An article's outlet (or displayable path) as escaped HTML, linked to its URL when that is
    safe."""
    label = escape_html(article.outlet or display_path(article.path or "") or "?")
    if with_id:
        label += f" <code>{escape_html(article.id[:8])}</code>"
    url = safe_url(article.url)
    if url is None:
        return label
    return f'<a href="{escape_html(url)}" rel="nofollow noopener noreferrer">{label}</a>'


def escape_html(text: object) -> str:
    """Text safe inside an element or a quoted attribute, control characters made visible."""
    return html.escape(visible(str(text)), quote=True)
