"""Corrections that survive rebuilds (dateline/store/overrides.py), from the Python API, the
CLI (``dateline edit``) and the web app (POST forms with a CSRF token).

"Survive" is checked the hard way: after the corrections, a new article is ingested and built,
and then every event is cleared and the whole store grouped again; ``apply_overrides`` (the
one hook the build is to call after grouping) and a description of the events it changed
must bring every correction back.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from dateline import api
from dateline.api import correct, undo
from dateline.export.records import TimelineDocument
from dateline.grouping.corrections import describe_again
from dateline.interfaces import cli
from dateline.interfaces.web import create_app
from dateline.interfaces.web.snapshot import Snapshot
from dateline.settings import Settings
from dateline.store.db import schema_version, transaction
from dateline.store.events import clear_events
from dateline.store.overrides import (
    OverrideError,
    apply_overrides,
    event_anchor,
    list_overrides,
    record_override,
)
from dateline.store.schema import LATEST_VERSION
from dateline.timeline import precomputed
from tests.interfaces.conftest import copy_store, entity_names
from tests.interfaces.web.helpers import check_page

NEWS = (
    "Quillbrook ferry resumes after flood\n\n12 May 2025\n\nThe Quillbrook ferry across the "
    "Mirel River resumed service on Monday after the floodwater fell.\n"
)


@pytest.fixture
def store(demo_store: Path, tmp_path: Path) -> Path:
    return copy_store(demo_store, tmp_path / "news.db")


def _document(db: Path) -> TimelineDocument:
    conn = api.open_store(str(db))
    try:
        return api.timeline(conn)
    finally:
        conn.close()


def _event_with(document: TimelineDocument, article_id: str) -> str | None:
    return next((e.id for e in document.events if article_id in e.article_ids), None)


def _regroup(db: Path, tmp_path: Path, *, hook: bool = True) -> None:
    """A new article built in, then every event cleared and grouped again."""
    (tmp_path / "more").mkdir(exist_ok=True)
    (tmp_path / "more" / "ferry.txt").write_text(NEWS, encoding="utf-8")
    conn = api.open_store(str(db))
    try:
        api.ingest(conn, [str(tmp_path / "more")])
        api.build(conn)
        if hook:
            describe_again(conn, apply_overrides(conn))
        with transaction(conn):
            clear_events(conn)
        api.build(conn)
        if hook:
            describe_again(conn, apply_overrides(conn))
    finally:
        conn.close()


def _corrections(db: Path) -> dict[str, str]:
    """One correction of each kind; the articles they are about."""
    document = _document(db)
    big = sorted(document.events, key=lambda e: -len(e.article_ids))
    first, second = big[0], big[1]
    quoted = next(a for a in document.articles if a.quotes)
    conn = api.open_store(str(db))
    try:
        keep, other = first.article_ids[0], second.article_ids[0]
        correct(conn, "merge-events", keep, {"other": other}, "ana")
        correct(conn, "retitle-event", keep, {"title": "Flood and protest"}, "ana")
        moved = next(a for a in big[2].article_ids if a != event_anchor(conn, big[2].id))
        correct(conn, "move-article", moved, {}, "ana")
        hidden = big[3].article_ids[-1]
        correct(conn, "hide-article", hidden, {}, "ana")
        start = quoted.quotes[0].start
        record_override(
            conn, "fix-speaker", quoted.id, {"start": start, "speaker": "Ines Barrow"}, "ana"
        )
    finally:
        conn.close()
    return {"keep": keep, "other": other, "moved": moved, "hidden": hidden, "quoted": quoted.id}


def _check_corrections(db: Path, ids: dict[str, str]) -> None:
    document = _document(db)
    merged = _event_with(document, ids["keep"])
    assert merged is not None and merged == _event_with(document, ids["other"])
    event = document.event(merged)
    assert event is not None and event.title == "Flood and protest"
    moved = _event_with(document, ids["moved"])
    alone = document.event(moved or "")
    assert alone is not None and alone.article_ids == (ids["moved"],)
    assert _event_with(document, ids["hidden"]) is None
    quoted = document.article(ids["quoted"])
    assert quoted is not None and quoted.quotes[0].speaker == "Ines Barrow"


def test_the_overrides_table_is_a_migration(tmp_path: Path) -> None:
    conn = api.open_store(str(tmp_path / "new.db"))
    try:
        assert schema_version(conn) == LATEST_VERSION >= 8
        assert conn.execute("SELECT COUNT(*) FROM overrides").fetchone()[0] == 0
    finally:
        conn.close()


def test_corrections_apply_at_once_and_survive_builds_and_a_regroup(
    store: Path, tmp_path: Path
) -> None:
    ids = _corrections(store)
    _check_corrections(store, ids)
    conn = api.open_store(str(store))
    try:
        assert apply_overrides(conn) == set(), "applying again changes nothing"
        assert [o.who for o in list_overrides(conn)] == ["ana"] * 5
    finally:
        conn.close()
    _regroup(store, tmp_path)
    _check_corrections(store, ids)
    assert any(a.title and "Quillbrook" in a.title for a in _document(store).articles)


def test_build_alone_keeps_corrections(store: Path, tmp_path: Path) -> None:
    ids = _corrections(store)
    _regroup(store, tmp_path, hook=False)
    _check_corrections(store, ids)


def test_undo(store: Path, tmp_path: Path) -> None:
    document = _document(store)
    event = max(document.events, key=lambda e: len(e.article_ids))
    conn = api.open_store(str(store))
    try:
        anchor = event_anchor(conn, event.id)
        title = correct(conn, "retitle-event", anchor, {"title": "Mine"}, "ana")
        moved = correct(conn, "move-article", event.article_ids[-1], {}, "ana")
        undo(conn, title.id, "ben")
        undo(conn, moved.id, "ben")
        with pytest.raises(OverrideError):
            undo(conn, title.id, "ben")
        states = [(o.undone_by, o.active) for o in list_overrides(conn)]
        assert states == [("ben", False), ("ben", False)]
        api.build(conn)  # places the released article again
        describe_again(conn, apply_overrides(conn))
    finally:
        conn.close()
    after = _document(store)
    assert after.event(event.id) is not None
    assert after.event(event.id).title == event.title  # type: ignore[union-attr]
    assert _event_with(after, event.article_ids[-1]) is not None


def test_bad_corrections_are_refused(store: Path) -> None:
    conn = api.open_store(str(store))
    try:
        some = _document(store).articles[0].id
        for kind, target, value in (
            ("rename-world", some, {}),
            ("hide-article", "nope", {}),
            ("retitle-event", some, {"title": "   "}),
            ("merge-events", some, {"other": some}),
            ("fix-speaker", some, {"start": 999_999, "speaker": "X"}),
        ):
            with pytest.raises(OverrideError):
                record_override(conn, kind, target, value, "ana")
        assert list_overrides(conn) == []
    finally:
        conn.close()


def test_cli_edit(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = _document(store)
    first, second = document.events[0], document.events[1]
    db = ["--db", str(store), "--who", "ana"]
    assert cli.main(["edit", "retitle", first.id, "Dam opens", *db]) == 0
    assert cli.main(["edit", "merge", first.id[:8], second.id, *db]) == 0
    assert cli.main(["edit", "hide", second.article_ids[0], *db]) == 0
    assert cli.main(["edit", "undo", "3", *db]) == 0
    assert cli.main(["edit", "merge", first.id, "ev-none", *db]) == cli.EXIT_USAGE
    assert cli.main(["edit", "retitle", first.id, *db]) == cli.EXIT_USAGE
    assert cli.main(["edit", "undo", "x", *db]) == cli.EXIT_USAGE
    capsys.readouterr()
    assert cli.main(["edit", "list", *db]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 3 and "undone by ana" in listed[2] and "'Dam opens'" in listed[0]
    after = _document(store)
    merged = _event_with(after, first.article_ids[0])
    assert merged == _event_with(after, second.article_ids[-1])


def test_web_edits_need_the_token_and_this_origin(store: Path) -> None:
    with TestClient(create_app(Settings(db_path=str(store))), base_url="http://127.0.0.1") as c:
        event = _document(store).events[0]
        page = c.get(f"/events/{event.id}").text
        token = re.search(r'name="csrf" value="([^"]+)"', page)
        assert token is not None
        url = f"/events/{event.id}/retitle"
        form = {"title": "T", "csrf": token.group(1)}
        assert c.post(url, data={"title": "T"}).status_code == 403
        assert c.post(url, data={**form, "csrf": "guess"}).status_code == 403
        assert c.post(url, data=form, headers={"origin": "http://evil.example"}).status_code == 403
        assert c.post(url, data=form, headers={"sec-fetch-site": "cross-site"}).status_code == 403
        assert c.post(url, json=form).status_code == 400
        assert c.get(url).status_code == 405
        assert list_overrides_of(store) == 0
        payload = '<script>alert("t")</script>'
        done = c.post(url, data={**form, "title": payload}, headers={"origin": "http://127.0.0.1"})
        assert done.status_code == 200 and done.url.path.startswith("/events/")
        check_page(done.text, "after retitle")
        assert "&lt;script&gt;alert(" in done.text
        corrections = c.get("/corrections").text
        check_page(corrections, "/corrections")
        assert corrections.count("<tr>") == 2
        assert c.post("/corrections/1/undo", data={"csrf": token.group(1)}).status_code == 200
        assert "undone by web" in c.get("/corrections").text
        article = event.article_ids[0]
        hidden = c.post(f"/articles/{article}/hide", data={"csrf": token.group(1)})
        assert "Hidden by correction" in hidden.text
    with TestClient(create_app(Settings(db_path=str(store)), read_only=True)) as c:
        assert c.post(url, data=form).status_code == 403
        assert "Correct this event" not in c.get(f"/events/{event.id}").text


def list_overrides_of(db: Path) -> int:
    conn = api.open_store(str(db))
    try:
        return len(list_overrides(conn))
    finally:
        conn.close()


def test_a_hidden_article_leaves_every_export_and_comes_back_on_undo(store: Path) -> None:
    document = _document(store)
    article = document.articles[0].id
    conn = api.open_store(str(store))
    try:
        hide = api.correct(conn, "hide-article", article, {}, "ana")
        exported = api.timeline_document(conn)
        assert article not in {a["id"] for a in exported["articles"]}
        assert all(article not in e["article_ids"] for e in exported["events"])
        assert [o.kind for o in api.corrections(conn, active_only=True)] == ["hide-article"]
        api.undo(conn, hide.id, "ben")
        api.build(conn)  # places the article again
        assert article in {a["id"] for a in api.timeline_document(conn)["articles"]}
        assert api.corrections(conn, active_only=True) == []
    finally:
        conn.close()


def _catalogue(db: Path) -> list[tuple[str, set[str]]]:
    """Each entity's id and the canonical names its mentions resolve to."""
    conn = api.open_store(str(db))
    try:
        return entity_names(conn)
    finally:
        conn.close()


def test_entities_merged_and_split_by_hand_stay_so(store: Path) -> None:
    before = _catalogue(store)
    joined = next(names for _, names in before if len(names) >= 2)
    alone = sorted(names for _, names in before if len(names) == 1)
    first, second = sorted(alone[0])[0], sorted(alone[1])[0]
    split_out = sorted(joined)[0]
    conn = api.open_store(str(store))
    try:
        merge = api.correct(conn, "merge-entities", first, {"other": second}, "ana")
        api.correct(conn, "split-entity", split_out, {}, "ana")
        with pytest.raises(OverrideError):
            api.correct(conn, "split-entity", "Nobody Of That Name", {}, "ana")
        api.build(conn)
    finally:
        conn.close()
    after = _catalogue(store)
    assert any({first, second} <= names for _, names in after)
    assert any(names == {split_out} for _, names in after)
    conn = api.open_store(str(store))
    try:
        api.undo(conn, merge.id, "ben")
    finally:
        conn.close()
    assert not any({first, second} <= names for _, names in _catalogue(store))


def test_cli_edits_entities(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = sorted(next(iter(n)) for _, n in _catalogue(store) if len(n) == 1)[:2]
    args = ["edit", "merge-entities", names[0], names[1], "--db", str(store), "--who", "ana"]
    assert cli.main(args) == 0
    assert "merged into" in capsys.readouterr().err
    assert any(set(names) <= n for _, n in _catalogue(store))


def test_web_merges_and_splits_entities(store: Path) -> None:
    with TestClient(create_app(Settings(db_path=str(store))), base_url="http://127.0.0.1") as c:
        entity = next(e for e in _document(store).entities if e.mention_count >= 2)
        page = c.get(f"/entities/{entity.id}")
        check_page(page.text, "entity page with its corrections")
        assert "Correct this entity" in page.text
        token = re.search(r'name="csrf" value="([^"]+)"', page.text)
        other = re.search(r'<select name="other" required>\s*<option value="([^"]+)"', page.text)
        assert token is not None and other is not None
        form = {"csrf": token.group(1), "name": entity.name}
        merged = c.post(f"/entities/{entity.id}/merge", data={**form, "other": other.group(1)})
        assert merged.status_code == 200 and merged.url.path == "/entities"
        split = c.post(f"/entities/{entity.id}/split", data={**form, "alias": entity.name})
        assert split.status_code == 200
        bad = c.post(f"/entities/{entity.id}/split", data={**form, "alias": "No Such Name"})
        assert bad.status_code != 200
        assert "made an entity of its own" in c.get("/corrections").text
    # the split pins the name apart from every rule; the merge, made by hand too, still joins it
    assert any({entity.name, other.group(1)} <= names for _, names in _catalogue(store))


def _summary_current(db: Path) -> bool:
    conn = api.open_store(str(db))
    try:
        return precomputed.is_current(conn)
    finally:
        conn.close()


def test_a_cli_edit_leaves_the_kept_summary_current(store: Path) -> None:
    assert _summary_current(store)  # the build kept it
    event = _document(store).events[0]
    db = ["--db", str(store), "--who", "ana"]
    assert cli.main(["edit", "hide", event.article_ids[0], *db]) == 0
    assert _summary_current(store)
    assert cli.main(["edit", "undo", "1", *db]) == 0
    assert _summary_current(store)


def test_a_web_edit_refreshes_the_kept_summary_off_the_request(store: Path) -> None:
    assert _summary_current(store)
    with TestClient(create_app(Settings(db_path=str(store))), base_url="http://127.0.0.1") as c:
        event = _document(store).events[0]
        token = re.search(r'name="csrf" value="([^"]+)"', c.get(f"/events/{event.id}").text)
        assert token is not None
        hide = f"/articles/{event.article_ids[0]}/hide"
        assert c.post(hide, data={"csrf": token.group(1)}).status_code == 200
        deadline = time.monotonic() + 30
        while not _summary_current(store) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _summary_current(store)


def test_a_reloaded_snapshot_keeps_its_entities_unless_their_inputs_changed(store: Path) -> None:
    alone = sorted(sorted(names)[0] for _, names in _catalogue(store) if len(names) == 1)
    conn = api.open_store(str(store))
    try:
        first = Snapshot.load(conn)
        event = first.document.events[0]
        correct(conn, "retitle-event", event.article_ids[0], {"title": "Dam opens"}, "a")
        second = Snapshot.load(conn, first)
        assert second.who.catalogue is first.who.catalogue  # a retitle changes no entity
        assert second.who.entity_parts is first.who.entity_parts
        correct(conn, "move-article", event.article_ids[-1], {}, "a")  # groups change
        second = Snapshot.load(conn, second)
        assert second.who.catalogue is first.who.catalogue
        assert second.document == api.timeline(conn, with_hidden=True)  # as from scratch
        assert second.document.event(event.id) is not None
        assert second.document.event(event.id).title == "Dam opens"  # the rest is read again
        correct(conn, "merge-entities", alone[0], {"other": alone[1]}, "a")
        third = Snapshot.load(conn, second)
        assert third.who.catalogue is not second.who.catalogue
        assert len(third.who.catalogue.entities) == len(second.who.catalogue.entities) - 1
        assert third.who.catalogue == api.who_said_what(conn).catalogue  # as from scratch
    finally:
        conn.close()
