"""An XSS and Markdown-injection corpus through every export format, and no local path published.

Payloads (script tags, event handlers, ``javascript:`` links, Markdown headings, links, rules,
lists, HTML comments, terminal escapes) sit in titles, text, outlets, URLs and file names, both
in a hand-made document (every payload in every field) and in a store built from a hostile
corpus (through ingest, build and the CLI). Every rendering must show them as text: no script,
no event handler, no link that is not http(s), no heading, list, rule or HTML in the Markdown.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from dateline.export import RENDERERS
from dateline.export.markdown import escape_markdown
from dateline.export.records import TimelineDocument
from dateline.export.safe import display_path, dumps, visible
from dateline.interfaces.cli import main
from tests.interfaces.conftest import DEMO, HOSTILE_URLS, PAYLOADS, ROOT
from tests.interfaces.test_readme_commands import (
    Tags,
    assert_cites_only_listed_articles,
    check_html_page,
)

RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters that must never reach a terminal raw (tab and newline may)."""
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def hostile_document(path_root: str = "/home/reporter/secret-sources") -> dict[str, Any]:
    """Every payload in every field a renderer shows."""
    articles, events, timeline = [], [], []
    for number, payload in enumerate(PAYLOADS):
        article_id = f"{number:016x}"
        articles.append(
            {
                "id": article_id,
                "path": f"{path_root}/{payload}.txt",
                "url": HOSTILE_URLS[number % len(HOSTILE_URLS)],
                "outlet": payload if number % 2 else None,
                "title": payload,
            }
        )
        events.append({"id": f"ev{number:010x}", "title": payload, "article_ids": [article_id]})
        quote = {"text": payload, "speaker": payload, "article_ids": [article_id]}
        timeline.append(
            {
                "date": f"2025-03-{number % 28 + 1:02d}",
                "text": payload,
                "event_id": f"ev{number:010x}",
                "article_ids": [article_id],
                "sentences": [{"text": payload, "article_ids": [article_id]}] if number % 3 else [],
                "independent_sources": 1,
                "quotes": [quote],
            }
        )
    return {"meta": {}, "articles": articles, "events": events, "timeline": timeline}


def check_markdown(text: str) -> None:
    """Parsed as CommonMark (with tables and strikethrough): the only headings are the title
    and the days, and there is no HTML, link, image, list, rule, table or code block."""
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(text)
    forbidden = {"html_block", "hr", "bullet_list_open", "ordered_list_open", "table_open"}
    forbidden |= {"code_block", "fence", "lheading"}
    headings = []
    for number, token in enumerate(tokens):
        assert token.type not in forbidden, f"{token.type}: {token.map} in\n{text}"
        if token.type == "heading_open":
            headings.append((token.tag, tokens[number + 1].content))
        for child in token.children or ():
            assert child.type not in {"html_inline", "link_open", "image", "s_open"}, child
            if child.type == "code_inline":
                assert re.fullmatch(r"[0-9a-f]{8}", child.content), child.content
    assert headings[0] == ("h1", "Timeline")
    assert all(tag == "h2" and DAY.match(content) for tag, content in headings[1:]), headings
    tags = Tags()
    tags.feed(parser.render(text))
    tags.close()
    for tag, attrs in tags.tags:
        assert tag in {"h1", "h2", "p", "strong", "code", "blockquote"}, f"<{tag}> in {text}"
        assert not attrs, f"<{tag} {attrs}>"


def check_rendering(fmt: str, text: str, document: dict[str, Any]) -> None:
    """What a published file of this format must (not) hold."""
    assert not RAW_CONTROLS.search(text), "a raw control character reached the output"
    if fmt == "markdown":
        check_markdown(text)
    elif fmt == "html":
        check_html_page(text)
        assert "<script" not in text.lower() and "<svg" not in text.lower()
    elif fmt == "timelinejs":
        for slide in json.loads(text)["events"]:
            check_html_page(slide["text"]["headline"] + slide["text"]["text"], fragment=True)
            assert "<script" not in slide["text"]["text"].lower()
    else:
        written = json.loads(text)["articles"]
        kept = [
            {key: out[key] for key in given}
            for out, given in zip(written, document["articles"], strict=True)
        ]
        assert kept == document["articles"], "JSON keeps text as is"


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_payload_in_every_field_is_inert(fmt: str) -> None:
    document = hostile_document()
    text = RENDERERS[fmt](TimelineDocument.from_json(document))
    check_rendering(fmt, text, document)
    if fmt != "json":
        assert "onerror" in text and "alert(1)" in text, "the payloads are shown, as text"


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_no_local_path_is_published(fmt: str) -> None:
    text = RENDERERS[fmt](
        TimelineDocument.from_json(hostile_document("/home/reporter/secret-sources"))
    )
    if fmt == "json":
        assert "/home/reporter/secret-sources" in text, "JSON keeps the path as given"
    else:
        assert "secret-sources" not in text and "/home/reporter" not in text


@pytest.mark.parametrize(
    ("view", "fmt"),
    [(view, fmt) for view in ("whole", "summary") for fmt in sorted(RENDERERS)],
)
def test_hostile_corpus_through_the_cli(
    view: str,
    fmt: str,
    hostile_store: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # the store's paths are absolute and not under here
    summary = ["--max-dates", "30", "--sentences-per-date", "3", "--query", "Karsk"]
    options = summary if view == "summary" else []
    out = io.StringIO()
    assert (
        main(["timeline", "--db", str(hostile_store), "--format", fmt, *options], stdout=out) == 0
    )
    text = out.getvalue()
    document = json.loads(_timeline_json(hostile_store, options))
    assert document["timeline"], "the hostile corpus makes a timeline"
    assert_cites_only_listed_articles(document)
    check_rendering(fmt, text, document)
    if fmt != "json":
        assert str(hostile_store.parent) not in text, "no local directory published"
        assert "onerror=alert(1)" in text, "the payloads reach the output, as text"


def _timeline_json(db: Path, extra: list[str]) -> str:
    out = io.StringIO()
    assert main(["timeline", "--db", str(db), "--format", "json", *extra], stdout=out) == 0
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["markdown", "html", "timelinejs"])
def test_demo_exports_name_sources_without_local_directories(
    fmt: str, demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo store was read from an absolute path: sources without an outlet are shown by
    their path relative to the current directory, or by file name outside it."""
    for cwd, shown in ((ROOT, "examples/demo/txt/"), (tmp_path, "cp-2025-")):
        monkeypatch.chdir(cwd)
        out = io.StringIO()
        assert main(["timeline", "--db", str(demo_store), "--format", fmt], stdout=out) == 0
        text = out.getvalue()
        assert str(DEMO) not in text and str(ROOT) not in text
        assert shown in text
    document = json.loads(_timeline_json(demo_store, []))
    assert all(a["path"].startswith(str(DEMO)) for a in document["articles"]), "JSON as given"


def test_display_path() -> None:
    cwd = Path("/work/news")
    assert display_path("/work/news/feeds/a.xml", cwd) == "feeds/a.xml"
    assert display_path("/home/me/secret/a.xml", cwd) == "a.xml"
    assert display_path("feeds/a.xml", cwd) == "feeds/a.xml"
    assert display_path("../elsewhere/a.xml", cwd) == "../elsewhere/a.xml"
    assert display_path("-", cwd) == "-"
    assert display_path("/", cwd) == "/"


def test_markdown_escapes_every_line_start_marker() -> None:
    for text in ("# x", "### x", "######x", "#x", "---", "===", "+ x", "- x", "-x", "1. x"):
        escaped = escape_markdown(text)
        assert escaped.startswith(("\\", "1\\.")), (text, escaped)
    assert escape_markdown("U.S.-backed talks 3-2") == "U.S.-backed talks 3-2"
    assert escape_markdown("2025 was calm") == "2025 was calm"
    assert escape_markdown("a\x1b[2Jb") == "a\\\\x1b\\[2Jb"


def test_visible_and_terminal_safe_json() -> None:
    assert visible("a\x1b[31mb\x9bc\u202ed\ne\tf") == "a\\x1b[31mb\\x9bc\\u202ed\\ne\\tf"
    assert visible("line\n\tindented\x07", keep_lines=True) == "line\n\tindented\\x07"
    assert visible("Zürich — “ok” 東京 👍") == "Zürich — “ok” 東京 👍"
    value = {"t": "a\x1b\x9b\u2028\u202e\\\x85z Zürich"}
    text = dumps(value)
    assert not RAW_CONTROLS.search(text) and "\u2028" not in text
    assert json.loads(text) == value and "Zürich" in text
