"""Markdown export escapes article text: untrusted text cannot inject markup."""

from __future__ import annotations

from dateline.export.markdown import escape_markdown, to_markdown
from dateline.export.records import TimelineDocument


def test_escape_markdown_neutralises_links_html_and_emphasis() -> None:
    hostile = "<script>alert(1)</script> [click](http://evil.example) *bold* ![img](x)"
    escaped = escape_markdown(hostile)
    assert "<script>" not in escaped and "&lt;script&gt;" in escaped
    assert "\\[click\\]" in escaped and "![img]" not in escaped
    assert "\\*bold\\*" in escaped


def test_escape_markdown_keeps_ordinary_punctuation_readable() -> None:
    text = "U.S.-backed talks (in Lunesse) ended 3-2; 40% agreed!"
    assert escape_markdown(text) == text


def test_escape_markdown_neutralises_line_start_markers() -> None:
    assert escape_markdown("# Breaking") == "\\# Breaking"
    assert escape_markdown("- item") == "\\- item"
    assert escape_markdown("12. Point") == "12\\. Point"
    assert escape_markdown("> quoted").startswith("&gt;")
    assert escape_markdown("a | b") == "a \\| b"


def test_timeline_lists_sources_for_each_entry() -> None:
    document = {
        "articles": [
            {"id": "aaaaaaaaaaaa", "outlet": "Harbor Times", "path": "a.txt"},
            {"id": "bbbbbbbbbbbb", "outlet": None, "path": "b.txt"},
        ],
        "events": [{"id": "ev1", "title": "Dam <b>spill</b>", "article_ids": ["aaaaaaaaaaaa"]}],
        "timeline": [
            {
                "date": "2025-03-04",
                "text": "Water rose.",
                "event_id": "ev1",
                "article_ids": ["aaaaaaaaaaaa", "bbbbbbbbbbbb"],
            },
        ],
    }
    rendered = to_markdown(TimelineDocument.from_json(document))
    assert "## 2025-03-04" in rendered
    assert "**Dam &lt;b&gt;spill&lt;/b&gt;**" in rendered
    assert "Sources: Harbor Times `aaaaaaaa`; b.txt `bbbbbbbb`" in rendered


def test_key_quotes_show_speaker_and_source_escaped() -> None:
    document = {
        "articles": [{"id": "aaaaaaaaaaaa", "outlet": "Harbor Times", "path": "a.txt"}],
        "events": [{"id": "ev1", "title": "Dam spill", "article_ids": ["aaaaaaaaaaaa"]}],
        "timeline": [
            {
                "date": "2025-03-04",
                "text": "Water rose.",
                "event_id": "ev1",
                "article_ids": ["aaaaaaaaaaaa"],
                "independent_sources": 1,
                "quotes": [
                    {
                        "text": "We will [not](http://evil.example) leave <now>",
                        "speaker": "Clara *Wendt*",
                        "article_ids": ["aaaaaaaaaaaa"],
                    }
                ],
            },
        ],
    }
    rendered = to_markdown(TimelineDocument.from_json(document))
    [line] = [row for row in rendered.splitlines() if row.startswith("> ")]
    assert "Clara \\*Wendt\\*" in line and "Harbor Times `aaaaaaaa`" in line
    assert "\\[not\\]" in line and "<now>" not in line  # no link, no tag
