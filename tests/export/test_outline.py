"""The outline document (export/outline.py) renders to the same Markdown, HTML and TimelineJS
bytes as the whole typed document.

Compared with ``RENDERERS[fmt](api.timeline(...))`` (what ``timeline --format`` printed when it
built the whole document) on the demo store built with every stage, whole, sliced by words and
by days, and summarised; on it with a user's corrections; on an empty store; with batches of
one and two articles, so every article and entry batch boundary is crossed, and the default.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from dateline import api
from dateline.export import RENDERERS
from dateline.export.outline import outline_document
from dateline.export.stream import BATCH, Layout, Part, Parts
from dateline.interfaces import cli
from dateline.interfaces.cli import main
from dateline.timeline.select import TimelineView

FORMATS = ("markdown", "html", "timelinejs")
VIEWS = {
    "whole": TimelineView(),
    "words": TimelineView(query=("flood", "dam")),
    "from": TimelineView(start=date(2025, 3, 1)),
    "days": TimelineView(max_dates=3, sentences_per_date=2),
}


def _rendered(db: Path, fmt: str, view: TimelineView, batch: int | None) -> str:
    conn = api.open_store(str(db))
    try:
        if batch is None:
            return RENDERERS[fmt](api.timeline(conn, view))
        return RENDERERS[fmt](api.timeline_outline(conn, view, batch=batch))
    finally:
        conn.close()


@pytest.mark.parametrize("batch", [1, 2, BATCH])
@pytest.mark.parametrize("name", sorted(VIEWS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_outline_renders_as_the_whole_document(
    demo_store: Path, fmt: str, name: str, batch: int
) -> None:
    whole = _rendered(demo_store, fmt, VIEWS[name], None)
    assert _rendered(demo_store, fmt, VIEWS[name], batch) == whole


def test_the_demo_renderings_show_what_the_outline_must_keep(demo_store: Path) -> None:
    """The comparison above means something: the demo's Markdown has key quotes, sources
    counted as independent, outlets; its HTML links sources to their URLs."""
    markdown = _rendered(demo_store, "markdown", TimelineView(), None)
    assert "\n> \u201c" in markdown and "independent)" in markdown
    assert '<a href="http' in _rendered(demo_store, "html", TimelineView(), None)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_outline_keeps_a_users_corrections(corrected_store: Path, fmt: str) -> None:
    whole = _rendered(corrected_store, fmt, TimelineView(), None)
    assert _rendered(corrected_store, fmt, TimelineView(), 2) == whole


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_store_renders_the_empty_outline(tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "empty.db"
    api.open_store(str(db)).close()
    assert _rendered(db, fmt, TimelineView(), 2) == _rendered(db, fmt, TimelineView(), None)


def test_the_outline_holds_no_per_article_analysis(demo_store: Path) -> None:
    """What the renderers never print is left out: no article entities, quotes, links or
    quality flags, no event names or quotes, no corpus entities; the entries are whole."""
    conn = api.open_store(str(demo_store))
    try:
        whole, outline = api.timeline(conn), api.timeline_outline(conn, batch=2)
    finally:
        conn.close()
    assert [a.id for a in outline.articles] == [a.id for a in whole.articles]
    assert not any(a.entities or a.quotes or a.links or a.quality_flags for a in outline.articles)
    assert not any(e.entities or e.quotes for e in outline.events)
    assert not outline.entities and not outline.contradictions
    assert outline.timeline == whole.timeline and outline.meta == whole.meta
    assert any(a.sources for a in outline.articles)


def test_the_outline_reads_a_batch_of_articles_at_a_time(demo_store: Path) -> None:
    conn = api.open_store(str(demo_store))
    try:
        document = api.timeline(conn)
        who, provenance = api.who_said_what(conn), api.provenance_of(conn)
    finally:
        conn.close()
    ids = [a.id for a in document.articles]
    layout = Layout(document.meta, ids, [], [], {}, who.catalogue)
    asked: list[tuple[Part, int]] = []

    def read(ids: Sequence[str], part: Part) -> Parts:
        asked.append((part, len(ids)))
        return Parts((), {}, who, provenance)

    outline_document(layout, read, batch=2)
    assert {part for part, _ in asked} == {"heads"}
    assert [n for _, n in asked] == [2] * (len(ids) // 2) + [1] * (len(ids) % 2)
    with pytest.raises(ValueError, match="batch"):
        outline_document(layout, read, batch=0)


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_prints_the_whole_documents_rendering(
    demo_store: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["timeline", "--db", str(demo_store), "--format", fmt, "--query", "flood"]
    assert main(args) == cli.EXIT_OK
    whole = _rendered(demo_store, fmt, TimelineView(query=("flood",)), None)
    assert capsys.readouterr().out == whole
