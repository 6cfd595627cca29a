"""Every page of the web app on the demo store: it renders, says what the issue asks, hides
local paths, and carries the security headers; unknown ids are 404 pages.

The demo store is ingested from the corpus's absolute path (tests/interfaces/conftest.py), so
a page that showed a file path would show a directory of this machine: none may.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from dateline import api
from dateline.export.records import TimelineDocument
from dateline.interfaces.web import create_app
from dateline.interfaces.web import pages as web_pages
from dateline.interfaces.web.pages import MERGE_CHOICES, STORY_EVENTS_SHOWN
from dateline.settings import Settings
from dateline.store.articles import load_articles
from tests.interfaces.conftest import DEMO, copy_store
from tests.interfaces.web.helpers import check_page, page_urls, parse

RENDER_BUDGET_S = 1.0
"""Per page on the demo store, on a loaded 2-core machine (measured: under 0.1 s warm)."""


@pytest.fixture(scope="module")
def document(demo_store: Path) -> TimelineDocument:
    conn = api.open_store(str(demo_store))
    try:
        return api.timeline(conn)
    finally:
        conn.close()


def _text(html: str) -> str:
    return " ".join(" ".join(parse(html).text).split())


def test_every_page_renders_without_local_paths(demo_client: TestClient, demo_store: Path) -> None:
    urls = page_urls(demo_store, words=("spillway", "Kovac"))
    assert len(urls) > 100
    slowest = 0.0
    for url in urls:
        started = time.perf_counter()
        response = demo_client.get(url)
        slowest = max(slowest, time.perf_counter() - started)
        assert response.status_code == 200, url
        check_page(response.text, url)
        assert str(DEMO) not in response.text, url
        assert str(DEMO.parent) not in response.text, url
        assert "/examples/demo/" not in response.text, url
    assert slowest < RENDER_BUDGET_S


def test_security_headers_on_every_kind_of_response(demo_client: TestClient) -> None:
    for url in ("/", "/static/app.css", "/static/app.js", "/nope", "/events/nope", "/export/json"):
        response = demo_client.get(url)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp, url
        assert "unsafe-eval" not in csp and "script-src 'self'" in csp, url
        assert response.headers["x-content-type-options"] == "nosniff", url
        assert response.headers["referrer-policy"] == "same-origin", url
        assert response.headers["x-frame-options"] == "DENY", url


def test_no_inline_script_or_style(demo_client: TestClient) -> None:
    html = demo_client.get("/").text
    page = parse(html)
    scripts = [dict(attrs) for tag, attrs in page.tags if tag == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": None}]
    assert "<style" not in html and " style=" not in html
    assert (
        demo_client.get("/static/app.js")
        .headers["content-type"]
        .startswith(("text/javascript", "application/javascript"))
    )


@pytest.mark.parametrize(
    "url",
    ["/nope", "/events/ev-missing", "/articles/0000", "/entities/none", "/export/pdf", "/static/x"],
)
def test_unknown_pages_are_404_pages(demo_client: TestClient, url: str) -> None:
    response = demo_client.get(url)
    assert response.status_code == 404
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    if not url.startswith("/static"):
        assert "<h1>404" in response.text
        check_page(response.text, url)


def test_timeline_lists_dated_events_with_sources(
    demo_client: TestClient, document: TimelineDocument
) -> None:
    html = demo_client.get("/").text
    for entry in document.timeline:
        assert f'id="e-{entry.date}-{entry.event_id}"' in html
        assert f'href="/events/{entry.event_id}"' in html
    text = _text(html)
    assert f"{len(document.timeline)} dated events" in text
    assert re.search(r"\d+ reports, \d+ independent", text)
    assert 'class="dot s' in html and "data-pos=" in html  # the date axis


def test_timeline_filters_live_in_the_url(
    demo_client: TestClient, document: TimelineDocument
) -> None:
    every = demo_client.get("/").text.count('class="entry"')
    early = demo_client.get("/?from=2025-03-01&to=2025-03-31").text
    assert 0 < early.count('class="entry"') < every
    assert all(d.startswith("2025-03") for d in re.findall(r'<h2 id="d([\d-]+)">', early))
    mt = next(
        a for a in document.articles if any(f.name == "machine-translated" for f in a.quality_flags)
    )
    shown = demo_client.get("/").text
    hidden = demo_client.get("/?hide=machine-translated&hide=spun").text
    assert f"/articles/{mt.id}" in shown and f"/articles/{mt.id}" not in hidden
    outlet = "Valley Courier"
    by_outlet = demo_client.get(f"/?outlet={quote(outlet)}").text
    assert 0 < by_outlet.count('class="entry"') < every
    assert "outlet: Valley Courier" in _text(by_outlet)
    words = demo_client.get("/?q=spillway").text
    assert 0 < words.count('class="entry"') < every
    entity = max(document.entities, key=lambda e: e.mention_count)
    assert demo_client.get(f"/?entity={entity.id}").text.count('class="entry"') > 0
    nothing = demo_client.get("/?q=zzzqqqxxx").text
    assert "No events match." in nothing


def test_bad_filter_values_are_dropped_with_a_message(demo_client: TestClient) -> None:
    response = demo_client.get("/?from=yesterday&days=-3&hide=bogus&story=nope")
    assert response.status_code == 200
    text = _text(response.text)
    assert "'from' is not a date" in text and "'days' must be between" in text
    assert "No events match." in text  # an unknown story holds nothing


def test_story_filter_and_summary_mode(demo_client: TestClient, demo_store: Path) -> None:
    conn = api.open_store(str(demo_store))
    try:
        story = api.stories(conn)[0]
    finally:
        conn.close()
    html = demo_client.get(f"/?story={story['id']}").text
    assert story["title"] in _text(html)
    summary = demo_client.get("/?mode=summary&days=3&k=2").text
    assert summary.count('class="entry"') == 3
    assert summary.count('class="sentence"') <= 6 and 'class="cite"' in summary


def test_event_page(demo_client: TestClient, document: TimelineDocument) -> None:
    event = max(document.events, key=lambda e: len(e.article_ids) - (e.independent_sources or 0))
    assert event.independent_sources is not None
    assert event.independent_sources < len(event.article_ids), "the demo has copies"
    html = demo_client.get(f"/events/{event.id}").text
    text = _text(html)
    assert event.title in text
    if event.date:
        assert event.date in text and "Why this day:" in text
    assert re.search(r"\+ \d+ reprints?", text), "copies collapse under their original"
    assert f"{event.independent_sources} independent" in text
    for quote_ in event.quotes:
        assert quote_.text in text
    assert 'rel="prev"' in html or 'rel="next"' in html
    offered = re.findall(r'<option value="(ev[0-9a-f]+)"', html)
    assert 0 < len(offered) <= MERGE_CHOICES and event.id not in offered
    assert "Summary" in text and 'class="sentence"' in html


def test_event_page_shows_flags_with_evidence(
    demo_client: TestClient, document: TimelineDocument
) -> None:
    flagged = next(a for a in document.articles if any(f.name == "spun" for f in a.quality_flags))
    event = next(e for e in document.events if flagged.id in e.article_ids)
    text = _text(demo_client.get(f"/events/{event.id}").text)
    flag = next(f for f in flagged.quality_flags if f.name == "spun")
    assert "spun" in text and flag.evidence[0] in text


def test_article_page_marks_times_and_names(
    demo_client: TestClient, demo_store: Path, document: TimelineDocument
) -> None:
    conn = api.open_store(str(demo_store))
    try:
        detail = api.show(conn, document.timeline[0].article_ids[0])
    finally:
        conn.close()
    html = demo_client.get(f"/articles/{detail['id']}").text
    page = parse(html)
    marks = [dict(a) for t, a in page.tags if t == "mark" and ("class", "time") in a]
    assert len(marks) >= 1 and all(m.get("title") for m in marks)
    entity_links = [dict(a)["href"] for t, a in page.tags if t == "a" and ("class", "entity") in a]
    assert any(href.startswith("/entities/") for href in entity_links)
    assert detail["times"][0]["value"] in html
    assert f'href="/events/{detail["event"]["id"]}"' in html


def test_article_cut_lines_on_demand(demo_client: TestClient, demo_store: Path) -> None:
    conn = api.open_store(str(demo_store))
    try:
        ids = [a.id for a in api.timeline(conn).articles]
        cut = next(api.show(conn, i) for i in ids if api.show(conn, i)["removed"])
    finally:
        conn.close()
    plain = demo_client.get(f"/articles/{cut['id']}").text
    shown = demo_client.get(f"/articles/{cut['id']}?cuts=1").text
    assert 'class="cut"' not in plain and "Show the" in plain
    assert shown.count('class="cut"') == len(cut["removed"])
    first = cut["removed"][0]
    assert f"cut: {first['reason']}" in _text(shown)


def test_article_page_shows_copies_side_by_side(
    demo_client: TestClient, document: TimelineDocument
) -> None:
    copy = next(a for a in document.articles if any(link.role == "derived" for link in a.links))
    html = demo_client.get(f"/articles/{copy.id}").text
    assert "Copies and originals" in html and 'class="aligned"' in html
    link = next(link for link in copy.links if link.role == "derived")
    assert f"/articles/{link.other_id}" in html


def test_entity_pages(demo_client: TestClient, document: TimelineDocument) -> None:
    listing = demo_client.get("/entities").text
    for entity in document.entities[:10]:
        assert f"/entities/{entity.id}" in listing
    person = next(c for c in document.contradictions)
    html = demo_client.get(f"/entities/{person.entity_id}").text
    text = _text(html)
    assert person.role_a in text and person.role_b in text and "Roles over time" in text
    assert "Events" in text and 'href="/events/' in html
    speaker = next(
        q.speaker_entity_id for a in document.articles for q in a.quotes if q.speaker_entity_id
    )
    said = demo_client.get(f"/entities/{speaker}").text
    assert "said" in _text(said) and 'class="quote"' in said
    kinds = demo_client.get("/entities?kind=person").text
    assert kinds.count("<tr>") < listing.count("<tr>")


def test_stories_page(demo_client: TestClient, demo_store: Path) -> None:
    conn = api.open_store(str(demo_store))
    try:
        stories = api.stories(conn)
    finally:
        conn.close()
    html = demo_client.get("/stories").text
    for story in stories:
        assert f"/?story={story['id']}" in html
        for event_id in story["event_ids"][:STORY_EVENTS_SHOWN]:
            assert f"/events/{event_id}" in html
        if len(story["event_ids"]) > STORY_EVENTS_SHOWN:
            assert f"all {len(story['event_ids'])} events on the timeline" in html


def test_search_page(demo_client: TestClient) -> None:
    html = demo_client.get("/search?q=spillway").text
    hits = html.count('class="snippet"')
    assert hits >= 2
    assert '<mark class="hit">' in html
    assert demo_client.get("/search?q=spillway+zzzqqq").text.count('class="snippet"') == 0
    for hostile in ('"', "NEAR(", "a OR", "*", "-x", "title:dam", "'; DROP TABLE articles;--"):
        assert demo_client.get(f"/search?q={quote(hostile)}").status_code == 200


def test_exports_download_every_format(demo_client: TestClient, document: TimelineDocument) -> None:
    response = demo_client.get("/export/json?from=2025-03-01&to=2025-03-31")
    assert response.headers["content-disposition"].startswith("attachment")
    data = json.loads(response.text)
    assert data["timeline"] and all(e["date"].startswith("2025-03") for e in data["timeline"])
    for fmt in ("markdown", "html", "timelinejs"):
        assert demo_client.get(f"/export/{fmt}").status_code == 200
    summary = json.loads(demo_client.get("/export/json?mode=summary&days=2&k=1").text)
    assert len(summary["timeline"]) == 2


def test_host_header_is_checked(web_demo_store: Path) -> None:
    app = create_app(
        Settings(db_path=str(web_demo_store)), allowed_hosts=["127.0.0.1", "localhost"]
    )
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.get("/").status_code == 200
        assert client.get("/", headers={"host": "attacker.example"}).status_code == 400


def test_read_only_is_shown(web_demo_store: Path) -> None:
    with TestClient(create_app(Settings(db_path=str(web_demo_store)), read_only=True)) as client:
        assert "read-only" in client.get("/").text


def test_pages_follow_a_build_beside_the_server(demo_store: Path, tmp_path: Path) -> None:
    db = copy_store(demo_store, tmp_path / "live.db")
    app = create_app(Settings(db_path=str(db)))
    app.state.web.cache.slow_load_seconds = float("inf")  # a quick snapshot: reloaded at once
    with TestClient(app) as client:
        before = client.get("/search?q=Quillbrook").text.count('class="snippet"')
        assert before == 0
        news = tmp_path / "news.txt"
        news.write_text(
            "Quillbrook ferry resumes after flood\n\n12 May 2025\n\nThe Quillbrook ferry across "
            "the Mirel River resumed service on Monday after the floodwater fell.\n",
            encoding="utf-8",
        )
        conn = api.open_store(str(db))
        try:
            api.ingest(conn, [str(news)])
            api.build(conn)
        finally:
            conn.close()
        assert client.get("/search?q=Quillbrook").text.count('class="snippet"') == 1
        assert "Quillbrook" in client.get("/").text


def test_the_server_loads_the_new_snapshot_without_a_request(
    demo_store: Path, tmp_path: Path
) -> None:
    """The snapshot is loaded at startup, and again soon after another process wrote."""
    db = copy_store(demo_store, tmp_path / "live.db")
    app = create_app(Settings(db_path=str(db)))
    web = app.state.web
    with TestClient(app) as client:
        first = web.cache._snapshot
        assert first is not None  # loaded at startup, before any request
        some = first.document.events[0]
        conn = api.open_store(str(db))
        try:
            api.correct(conn, "retitle-event", some.article_ids[0], {"title": "Renamed"}, "ana")
        finally:
            conn.close()
        for _ in range(100):  # the refresher asks every second; give it ten
            if web.cache._snapshot is not first and web.cache.stale() is None:
                break
            time.sleep(0.1)
        reloaded = web.cache._snapshot
        assert reloaded is not first and reloaded is not None
        assert reloaded.document.event(some.id).title == "Renamed"
        assert "Renamed" in client.get(f"/events/{some.id}").text


def test_side_by_side_shows_both_whole_texts_with_linked_passages(
    demo_client: TestClient, demo_store: Path
) -> None:
    conn = api.open_store(str(demo_store))
    try:
        document = api.timeline(conn)
        article, link = next((a, k) for a in document.articles for k in a.links)
        texts = {a.id: a.text for a in load_articles(conn, [article.id, link.other_id])}
    finally:
        conn.close()
    here = f"/articles/{quote(article.id)}"
    url = f"{here}/beside/{quote(link.other_id)}"
    assert url in demo_client.get(here).text  # the article page links to it
    response = demo_client.get(url)
    assert response.status_code == 200
    page = check_page(response.text, url)
    shown = " ".join(" ".join(page.text).split())
    for text in texts.values():  # both texts, whole
        for line in text.split("\n"):
            assert " ".join(line.split()) in shown
    marks = [
        dict(attrs)
        for tag, attrs in page.tags
        if tag == "a" and "aligned" in (dict(attrs).get("class") or "")
    ]
    ids = {m["id"] for m in marks if m.get("id")}
    left = [m for m in marks if (m.get("id") or "").startswith("l-")]
    right = [m for m in marks if (m.get("id") or "").startswith("r-")]
    assert len(left) >= 3 and len(right) >= 3  # a rewrite shares most of its sentences
    for mark in marks:  # every highlighted passage points at its counterpart on the page
        assert mark["href"].startswith("#") and mark["href"][1:] in ids
        assert mark["href"][1] != (mark.get("id") or "?")[0]  # ... in the other column
    assert demo_client.get(f"{here}/beside/{quote(article.id)}").status_code == 404
    assert demo_client.get(f"{here}/beside/nope").status_code == 404


def test_entities_come_a_page_at_a_time_and_filter_by_name(
    demo_client: TestClient, document: TimelineDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web_pages, "ENTITIES_PER_PAGE", 5)
    by_mentions = sorted(document.entities, key=lambda e: (-e.mention_count, e.name))
    first = demo_client.get("/entities").text
    assert first.count('<a class="entity"') == 5 and 'rel="next"' in first
    assert f"/entities/{by_mentions[0].id}" in first
    second = demo_client.get("/entities?page=2").text
    assert f"/entities/{by_mentions[5].id}" in second and 'rel="prev"' in second
    last = demo_client.get("/entities?page=9999").text  # past the end: the last page
    assert 'rel="next"' not in last and last.count('<a class="entity"') >= 1
    assert demo_client.get("/entities?page=-3").status_code == 200
    wanted = by_mentions[-1]
    found = demo_client.get(f"/entities?name={quote(wanted.name.upper())}").text
    assert f"/entities/{wanted.id}" in found
    nothing = demo_client.get("/entities?name=%3Cscript%3Ezzqx").text
    assert "No entities." in nothing and "<script>zzqx" not in nothing
    check_page(nothing, "/entities?name=<script>")


def test_a_slow_snapshot_is_served_until_the_new_one_is_loaded(
    demo_store: Path, tmp_path: Path
) -> None:
    """After another process's write, a snapshot slow to load keeps serving pages (as it was)
    until the refresher has the new one; the app's own edits show at once."""
    db = copy_store(demo_store, tmp_path / "live.db")
    app = create_app(Settings(db_path=str(db)))
    web = app.state.web
    web.cache.slow_load_seconds = 0.0  # every snapshot counts as slow
    with TestClient(app, base_url="http://127.0.0.1") as client:
        some = web.cache._snapshot.document.events[0]
        conn = api.open_store(str(db))
        try:
            api.correct(conn, "retitle-event", some.article_ids[0], {"title": "Renamed"}, "ana")
        finally:
            conn.close()
        assert "Renamed" not in client.get(f"/events/{some.id}").text  # served as it was
        for _ in range(100):
            if "Renamed" in client.get(f"/events/{some.id}").text:
                break
            time.sleep(0.1)
        assert "Renamed" in client.get(f"/events/{some.id}").text  # the refresher loaded it
        page = client.get(f"/events/{some.id}").text
        token = re.search(r'name="csrf" value="([^"]+)"', page)
        assert token is not None
        done = client.post(
            f"/events/{some.id}/retitle", data={"title": "Mine", "csrf": token.group(1)}
        )
        assert done.status_code == 200 and "Mine" in done.text  # an own edit: at once
