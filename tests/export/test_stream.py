"""The streamed JSON document (export/stream.py) is byte for byte the typed document's JSON.

Compared with ``export.to_json(api.timeline(...))`` (what ``timeline --format json`` wrote when
it held the whole document) on the demo store, built with every stage, and on it with a user's
corrections; with batches of one and two articles, so that every article, event and entry
batch boundary is crossed, and the default.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from dateline import api
from dateline.export import to_json
from dateline.export.safe import dumps, json_text
from dateline.export.stream import BATCH, Layout, Part, Parts, json_pieces
from dateline.interfaces import cli
from dateline.interfaces.cli import main
from dateline.store.events import load_events
from dateline.timeline.select import TimelineView

VIEWS = {
    "whole": TimelineView(),
    "words": TimelineView(query=("flood", "dam")),
    "days": TimelineView(max_dates=3, sentences_per_date=2),
}


def _streamed(db: Path, view: TimelineView, batch: int) -> str:
    conn = api.open_store(str(db))
    try:
        out = io.StringIO()
        api.write_timeline_json(conn, out, view, batch=batch)
        return out.getvalue()
    finally:
        conn.close()


def _whole(db: Path, view: TimelineView) -> str:
    conn = api.open_store(str(db))
    try:
        return to_json(api.timeline(conn, view))
    finally:
        conn.close()


@pytest.mark.parametrize("batch", [1, 2, BATCH])
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_streamed_json_is_the_documents_json_on_the_demo_store(
    demo_store: Path, name: str, batch: int
) -> None:
    whole = _whole(demo_store, VIEWS[name])
    assert _streamed(demo_store, VIEWS[name], batch) == whole


def test_the_demo_document_has_every_part_the_stream_writes(demo_store: Path) -> None:
    """The comparison above means something: entities, quotes, links, quality flags, estimates,
    events with main entities and key quotes, contradictions are all in the demo document."""
    document = json.loads(_whole(demo_store, TimelineView()))
    articles = document["articles"]
    for key in ("entities", "quotes", "links", "quality_flags", "sources"):
        assert any(article[key] for article in articles), key
    assert any(article["estimated_date"] for article in articles)
    assert any(event["entities"] and event["quotes"] for event in document["events"])
    assert any(entry["quotes"] for entry in document["timeline"])
    assert document["entities"] and document["contradictions"]


@pytest.mark.parametrize("batch", [2, BATCH])
def test_streamed_json_keeps_a_users_corrections(corrected_store: Path, batch: int) -> None:
    whole = _whole(corrected_store, TimelineView())
    assert _streamed(corrected_store, TimelineView(), batch) == whole
    hidden = api.open_store(str(corrected_store))
    try:
        made = api.corrections(hidden, active_only=True)
        gone = {o.target for o in made if o.kind == "hide-article"}
    finally:
        hidden.close()
    assert gone and not gone & {a["id"] for a in json.loads(whole)["articles"]}


def test_an_empty_store_streams_the_empty_document(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    api.open_store(str(db)).close()
    whole = _whole(db, TimelineView())
    assert '"articles": []' in whole
    assert _streamed(db, TimelineView(), 2) == whole


def test_json_text_indents_a_record_as_it_reads_inside_the_document() -> None:
    record = {"a": [], "b": {}, "c": [1, {"d": "x\u202ey\n\x9b"}], "e": None, "f": 0.5}
    whole = dumps({"items": [record, record], "empty": []})
    pieces = (
        '{\n  "items": [\n    '
        + json_text(record, 2)
        + ",\n    "
        + json_text(record, 2)
        + '\n  ],\n  "empty": []\n}\n'
    )
    assert pieces == whole
    assert "\u202e" not in whole and "\\u202e" in whole


def test_articles_events_and_entries_are_read_a_batch_at_a_time(demo_store: Path) -> None:
    """The reader is asked for at most ``batch`` articles at a time (an event citing more is
    read alone), so only a batch of per-article parts is ever held."""
    conn = api.open_store(str(demo_store))
    try:
        document = api.timeline(conn)
        asked: list[tuple[Part, int]] = []
        whole, provenance = api.who_said_what(conn), api.provenance_of(conn)
        ids = [a.id for a in document.articles]
        layout = Layout(document.meta, ids, [], [], {}, whole.catalogue)

        def read(ids: Sequence[str], part: Part) -> Parts:
            asked.append((part, len(ids)))
            return Parts((), {}, whole, provenance)

        text = "".join(json_pieces(layout, read, batch=2))
    finally:
        conn.close()
    articles = [n for part, n in asked if part == "articles"]
    assert articles == [2] * (len(layout.article_ids) // 2) + [1] * (len(layout.article_ids) % 2)
    assert json.loads(text)["articles"] == []  # this reader gave no article rows


def test_event_batches_cite_about_a_batch_of_articles(demo_store: Path) -> None:
    conn = api.open_store(str(demo_store))
    try:
        document = api.timeline(conn)
        events = [stored.event for stored in load_events(conn, vectors=False)]
        who, provenance = api.who_said_what(conn), api.provenance_of(conn)
        layout = Layout(document.meta, [], events, [], {}, who.catalogue)
        asked: list[int] = []

        def read(ids: Sequence[str], part: Part) -> Parts:
            asked.append(len(ids))
            return Parts((), {}, who, provenance)

        list(json_pieces(layout, read, batch=3))
    finally:
        conn.close()
    largest = max(len(event.article_ids) for event in events)
    assert largest > 3  # an event larger than a batch is read alone
    alone = {len(event.article_ids) for event in events if len(event.article_ids) > 3}
    assert all(n <= 3 or n in alone for n in asked)
    assert sum(asked) == sum(len(event.article_ids) for event in events)


def test_cli_json_to_stdout_and_to_a_file_is_the_document(
    demo_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = _whole(demo_store, TimelineView())
    assert main(["timeline", "--db", str(demo_store), "--format", "json"]) == cli.EXIT_OK
    assert capsys.readouterr().out == whole
    target = tmp_path / "out.json"
    args = ["timeline", "--db", str(demo_store), "--format", "json", "--out", str(target)]
    assert main(args) == cli.EXIT_OK
    assert target.read_text(encoding="utf-8") == whole


def test_cli_json_to_an_unwritable_file_is_a_usage_error(
    demo_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["timeline", "--db", str(demo_store), "--format", "json", "--out", str(tmp_path)]
    assert main(args) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("dateline: error: cannot write") and "Traceback" not in err


class _ClosesAfterOneWrite(io.StringIO):
    """A reader that goes away after the first piece (``timeline --format json | head -1``)."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        if self.writes > 1:
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text)


def test_a_reader_going_away_mid_document_stops_quietly(
    demo_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stdout = _ClosesAfterOneWrite()
    args = ["timeline", "--db", str(demo_store), "--format", "json"]
    assert main(args, stdout=stdout) == cli.EXIT_OUTPUT_CLOSED
    assert stdout.getvalue().startswith('{\n  "meta": ')
    assert capsys.readouterr().err == ""
