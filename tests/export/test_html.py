"""HTML and TimelineJS exports: untrusted article text is escaped, links only to web URLs."""

from __future__ import annotations

import json
from typing import Any

from dateline.export.html import safe_url, to_html
from dateline.export.records import TimelineDocument
from dateline.export.timelinejs import to_timelinejs

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _document() -> dict[str, Any]:
    return {
        "articles": [
            {
                "id": "aaaaaaaaaaaaaaaa",
                "outlet": f"Harbor {HOSTILE}",
                "path": "a.txt",
                "url": "https://harbor.example/story?a=1&b=2",
            },
            {
                "id": "bbbbbbbbbbbbbbbb",
                "outlet": None,
                "path": "b.txt",
                "url": "javascript:alert(1)",
            },
        ],
        "events": [
            {"id": "ev1", "title": f"Dam {HOSTILE}", "article_ids": ["aaaaaaaaaaaaaaaa"]},
        ],
        "timeline": [
            {
                "date": "2025-03-04",
                "text": f'Water rose" onmouseover="alert(1) {HOSTILE}',
                "event_id": "ev1",
                "article_ids": ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"],
                "quotes": [
                    {
                        "text": f"We stay {HOSTILE}",
                        "speaker": f"Clara {HOSTILE}",
                        "article_ids": ["aaaaaaaaaaaaaaaa"],
                    }
                ],
            }
        ],
    }


def test_html_page_escapes_every_article_string() -> None:
    page = to_html(TimelineDocument.from_json(_document()))
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert 'onmouseover="' not in page
    assert "javascript:" not in page


def test_key_quotes_are_shown_with_speaker_and_escaped() -> None:
    page = to_html(TimelineDocument.from_json(_document()))
    assert page.count("<blockquote>") == 1
    assert "We stay &lt;script&gt;" in page and "Clara &lt;script&gt;" in page


def test_html_page_links_only_web_urls() -> None:
    page = to_html(TimelineDocument.from_json(_document()))
    assert 'href="https://harbor.example/story?a=1&amp;b=2"' in page
    assert 'href="javascript' not in page
    assert "b.txt <code>bbbbbbbb</code>" in page


def test_html_page_is_self_contained() -> None:
    page = to_html(TimelineDocument.from_json(_document()))
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<link" not in page
    assert '<h2 id="d2025-03-04">2025-03-04</h2>' in page


def test_safe_url() -> None:
    assert safe_url("http://a.example/x") == "http://a.example/x"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,hi") is None
    assert safe_url("https://") is None
    assert safe_url(None) is None


def test_timelinejs_slides_have_dates_escaped_text_and_sources() -> None:
    timeline = json.loads(to_timelinejs(TimelineDocument.from_json(_document())))
    [slide] = timeline["events"]
    assert slide["start_date"] == {"year": 2025, "month": 3, "day": 4}
    assert slide["unique_id"] == "2025-03-04-ev1"  # unique even when an event has two days
    assert "<script>" not in slide["text"]["headline"]
    assert "&lt;script&gt;" in slide["text"]["text"]
    assert 'href="javascript' not in slide["text"]["text"]
    assert "https://harbor.example/story?a=1&amp;b=2" in slide["text"]["text"]
