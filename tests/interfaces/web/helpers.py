"""What the web tests share: every page URL of a store, and an HTML checker.

``page_urls`` lists every page the app serves for a store (each event, article, entity, the
timeline in both modes, stories, entities, searches), so a test can fetch them all; the checker
parses a page and fails on anything a payload could have added: a tag the templates never
write, an event-handler attribute, a script other than the app's own, a link that is not this
app's path or a web URL.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

from dateline import api

ROOT = Path(__file__).resolve().parents[3]
ALLOWED_TAGS = frozenset(
    "html head meta title link script body header a nav form input main footer h1 h2 h3 p "
    "section article span ul ol li details summary blockquote mark table thead tbody tr th td "
    "select option label fieldset legend button div strong code".split()
)


def page_urls(db: Path, *, words: tuple[str, ...] = ("dam",)) -> list[str]:
    """Every page of the app for this store."""
    conn = api.open_store(str(db))
    try:
        document = api.timeline(conn)
        stories = api.stories(conn)
    finally:
        conn.close()
    urls = ["/", "/?mode=summary&days=5&k=2", "/stories", "/entities"]
    urls += [f"/search?q={quote(w)}" for w in words]
    urls += [f"/?story={quote(s['id'])}" for s in stories[:3]]
    urls += [f"/events/{quote(e.id)}" for e in document.events]
    for article in document.articles:
        urls += [f"/articles/{quote(article.id)}", f"/articles/{quote(article.id)}?cuts=1"]
        linked = article.links[:1]  # a copy of many: one comparison shows the page
        urls += [f"/articles/{quote(article.id)}/beside/{quote(k.other_id)}" for k in linked]
    every = document.articles  # any two compare: each article once, beside the next
    pairs = zip(every[::2], every[1::2], strict=False)
    urls += [f"/articles/{quote(a.id)}/beside/{quote(b.id)}" for a, b in pairs]
    urls += [f"/entities/{quote(e.id)}" for e in document.entities]
    urls += [f"/?entity={quote(e.id)}" for e in document.entities[:3]]
    return urls


class Page(HTMLParser):
    """A page's start tags with their attributes, and its text (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def check_page(html: str, where: str) -> Page:
    """Only the templates' own tags, no event handler, only the app's script and stylesheet,
    links only to the app's paths, fragments or web URLs."""
    assert html.startswith("<!DOCTYPE html>"), where
    page = parse(html)
    for tag, attrs in page.tags:
        assert tag in ALLOWED_TAGS, f"{where}: unexpected <{tag}>"
        values = dict(attrs)
        for name, value in attrs:
            assert not name.startswith("on"), f"{where}: event handler {name} on <{tag}>"
            assert name not in {"style", "srcdoc", "formaction", "xlink:href"}, (where, name)
            if name in {"href", "src", "action"}:
                _check_link(value or "", where, tag)
        if tag == "script":
            assert values.get("src") == "/static/app.js", f"{where}: script {values}"
        if tag == "link":
            assert (values.get("href") or "").startswith("/static/"), where
        if tag == "meta":
            assert "http-equiv" not in values, where
    return page


def _check_link(value: str, where: str, tag: str) -> None:
    if value.startswith(("http://", "https://")):
        assert tag == "a", f"{where}: external {tag}"
        return
    assert value.startswith(("/", "#")) and not value.startswith("//"), f"{where}: {value!r}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(db: Path) -> Iterator[str]:
    """``dateline serve`` in a child process, as a user starts it; yields its base URL once
    it answers, and stops it after."""
    port = free_port()
    command = [sys.executable, "-m", "dateline.interfaces.cli", "serve", "--db", str(db)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [*command, "--port", str(port)], cwd=ROOT, env=env, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/static/app.css", timeout=2):
                    break
            except OSError:
                if child.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start: {child.stderr}") from None
                time.sleep(0.2)
        yield base
    finally:
        child.terminate()
        child.wait(timeout=10)
        if child.stderr is not None:
            child.stderr.close()
