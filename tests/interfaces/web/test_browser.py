"""The web app in a real browser: Debian's chromium driven by Playwright, nothing downloaded.

A server is started the way a user starts it (``python -m dateline.interfaces.cli serve``) on
a free port, and chromium clicks through every kind of page of the demo store, uses the filters
and the search box, and loads every page of the XSS corpus store twice: once with the app's
Content-Security-Policy bypassed, so only escaping stands between a payload and the page (any
``alert``, ``confirm`` or ``prompt`` fails the test, as would an event-handler attribute or a
script element that is not the app's), and once with it, where a console report of a blocked
inline script or handler would show a payload reached the DOM.

Skipped, with the reason, where Playwright or chromium is missing (``.ci/run`` installs
chromium with apt-get; ``playwright install`` is never used: it downloads a browser).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from dateline import api
from dateline.store.articles import load_articles
from tests.interfaces.conftest import copy_store
from tests.interfaces.web.helpers import page_urls, serve

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (apt-get install -y chromium)"
)
DOM_CHECK = """() => {
  const handlers = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) handlers.push(el.tagName + ' ' + attr.name);
    }
  }
  const scripts = [...document.scripts].map(s => s.getAttribute('src'));
  return {handlers, scripts, frames: document.querySelectorAll('iframe,object,embed').length};
}"""


@pytest.fixture(scope="module")
def demo_server(web_demo_store: Path) -> Iterator[str]:
    yield from serve(web_demo_store)


@pytest.fixture(scope="module")
def xss_server(xss_store: Path) -> Iterator[str]:
    yield from serve(xss_store)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield launched
        finally:
            launched.close()


class Watch:
    """A page with every dialog, console error and page error it raises recorded."""

    def __init__(self, browser: object, *, bypass_csp: bool = False) -> None:
        self.context = browser.new_context(bypass_csp=bypass_csp)  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def _console(self, message: object) -> None:
        if message.type in ("error", "warning"):  # type: ignore[attr-defined]
            self.errors.append(f"{message.type}: {message.text}")  # type: ignore[attr-defined]

    def close(self) -> None:
        self.context.close()


def test_click_through_every_page(browser: object, demo_server: str) -> None:
    watch = Watch(browser)
    page = watch.page
    try:
        page.goto(demo_server + "/")
        assert page.title().startswith("Timeline")
        dot = page.locator(".axis .dot").first
        assert dot.evaluate("d => d.style.left") != "", "app.js placed the axis"
        page.get_by_role("button", name="zoom in").click()
        assert page.locator(".axis-track").evaluate("t => t.style.width") == "200%"

        page.locator("article.entry h3 a").first.click()
        page.wait_for_url("**/events/**")
        assert page.locator("h1").inner_text()
        assert page.locator("text=Why this day").count() == 1
        page.locator("a[rel=next]").click()
        page.wait_for_url("**/events/**")
        page.locator("a[rel=prev]").click()
        page.wait_for_url("**/events/**")
        summary = page.locator("ul.groups details summary").first
        if summary.count():
            summary.click()

        page.locator("ul.groups a.source").first.click()
        page.wait_for_url("**/articles/**")
        assert page.locator(".text p").count() > 0
        assert page.locator("mark.time[title]").count() > 0
        page.locator(".text a.entity").first.click()
        page.wait_for_url("**/entities/**")
        assert page.locator("h1").inner_text()
        page.locator("ol.mini-timeline a").first.click()
        page.wait_for_url("**/events/**")

        page.get_by_role("link", name="Stories").click()
        page.wait_for_url("**/stories")
        page.locator("section.story h2 a").first.click()
        page.wait_for_url("**/?story=*")
        assert page.locator("p.chips").inner_text().startswith("Showing:")

        page.get_by_role("link", name="Entities").click()
        page.wait_for_url("**/entities")
        page.locator("table.entities a.entity").first.click()
        page.wait_for_url("**/entities/**")

        box = page.locator("header.top input[type=search]")
        box.fill("spillway")
        box.press("Enter")
        page.wait_for_url("**/search?q=spillway")
        assert page.locator("ol.results li").count() >= 2
        page.locator("ol.results h3 a").first.click()
        page.wait_for_url("**/articles/**")
        assert watch.errors == [] and watch.dialogs == []
    finally:
        watch.close()


def _shown(page: object) -> tuple[date, date]:
    """The dates the axis says it shows."""
    found = page.locator(".axis-range").evaluate(  # type: ignore[attr-defined]
        "r => [r.dataset.from, r.dataset.to]"
    )
    return date.fromisoformat(found[0]), date.fromisoformat(found[1])


def _middle(page: object, height: float = 0.5) -> tuple[float, float]:
    """A point in the middle of the axis's track, where it is now (the page may scroll)."""
    box = page.locator(".axis-track").bounding_box()  # type: ignore[attr-defined]
    return box["x"] + box["width"] / 2, box["y"] + box["height"] * height


def test_the_axis_zooms_and_pans_with_the_wheel_and_drags(
    browser: object, demo_server: str
) -> None:
    watch = Watch(browser)
    page = watch.page
    try:
        page.goto(demo_server + "/")
        start, end = _shown(page)
        page.mouse.move(*_middle(page))
        page.mouse.wheel(0, 300)  # a plain wheel at zoom 1 leaves the axis (the page scrolls)
        page.wait_for_timeout(100)
        assert _shown(page) == (start, end)

        page.mouse.move(*_middle(page))
        page.keyboard.down("Control")
        page.mouse.wheel(0, -600)  # ctrl + wheel up: zoom in at the pointer
        page.keyboard.up("Control")
        page.wait_for_timeout(100)
        zoomed = _shown(page)
        assert (zoomed[1] - zoomed[0]) * 2 < end - start, (zoomed, start, end)
        assert start < zoomed[0] and zoomed[1] < end  # around the pointer, not an end

        x, y = _middle(page, 0.9)
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x - 150, y, steps=6)  # drag left: later dates come into view
        page.mouse.up()
        dragged = _shown(page)
        assert dragged[0] > zoomed[0] and dragged[1] > zoomed[1]
        assert "/events/" not in page.url and "#" not in page.url  # no dot followed

        page.mouse.move(x, y)
        page.mouse.wheel(0, 200)  # zoomed in, a plain wheel pans
        page.wait_for_timeout(100)
        assert _shown(page)[0] > dragged[0]
        panned = _shown(page)

        x, y = _middle(page, 0.9)
        page.keyboard.down("Shift")  # shift + drag over a span zooms to it
        page.mouse.move(x - 60, y)
        page.mouse.down()
        page.mouse.move(x + 60, y, steps=6)
        page.mouse.up()
        page.keyboard.up("Shift")
        spanned = _shown(page)
        assert spanned[1] - spanned[0] < panned[1] - panned[0]

        page.get_by_role("button", name="fit").click()
        assert _shown(page) == (start, end)
        assert watch.errors == [] and watch.dialogs == []
    finally:
        watch.close()


def _article_with_cuts(db: Path) -> str:
    conn = api.open_store(str(db))
    try:
        return next(a.id for a in load_articles(conn) if a.removed)
    finally:
        conn.close()


def test_cut_lines_and_filters(browser: object, demo_server: str, web_demo_store: Path) -> None:
    watch = Watch(browser)
    page = watch.page
    try:
        page.goto(demo_server + f"/articles/{_article_with_cuts(web_demo_store)}")
        assert page.locator(".text p.cut").count() == 0
        page.locator("a", has_text="in place").click()
        page.wait_for_url("**?cuts=1")
        assert page.locator(".text p.cut .reason").count() > 0

        page.goto(demo_server + "/")
        every = page.locator("article.entry").count()
        page.locator("select[name=outlet]").select_option("Valley Courier")  # app.js submits
        page.wait_for_url("**outlet=Valley+Courier**")
        assert 0 < page.locator("article.entry").count() < every
        page.goto(demo_server + "/")
        page.locator("input[name=hide][value=machine-translated]").check()
        page.locator("input[name=from]").fill("2025-04-01")
        page.get_by_role("button", name="Apply").click()
        page.wait_for_url("**hide=machine-translated**")
        assert all(h >= "2025-04-01" for h in page.locator("section.day h2").all_inner_texts())
        page.locator("input[name=mode]").check()
        page.get_by_role("button", name="Apply").click()
        page.wait_for_url("**mode=summary**")
        assert page.locator("p.sentence").count() > 0
        assert watch.errors == [] and watch.dialogs == []
    finally:
        watch.close()


def test_no_xss_payload_executes(browser: object, xss_server: str, xss_store: Path) -> None:
    """Escaping alone (CSP bypassed): no dialog, handler, foreign script or frame; then with
    the CSP on, no blocked inline script either."""
    urls = [u for u in page_urls(xss_store, words=("alert", "script")) if "cuts=1" not in u]
    assert len(urls) > 60
    bare = Watch(browser, bypass_csp=True)
    problems = []
    try:
        for url in urls:
            bare.page.goto(xss_server + url, wait_until="load")
            bare.page.mouse.move(200, 300)  # hover and focus handlers, were there any
            bare.page.keyboard.press("Tab")
            found = bare.page.evaluate(DOM_CHECK)
            if found["handlers"] or found["scripts"] != ["/static/app.js"] or found["frames"]:
                problems.append((url, found))
        bare.page.wait_for_timeout(300)
        assert bare.dialogs == [], f"payloads ran: {bare.dialogs}"
        assert problems == []
        assert not [e for e in bare.errors if "pageerror" in e], bare.errors
    finally:
        bare.close()
    guarded = Watch(browser)
    try:
        for url in urls[:40]:
            guarded.page.goto(xss_server + url, wait_until="load")
        assert guarded.dialogs == []
        assert not [e for e in guarded.errors if "Content Security Policy" in e], guarded.errors
    finally:
        guarded.close()


def test_correct_and_undo_in_the_browser(
    browser: object, demo_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Retitle an event and hide an article by clicking, see both, undo both."""
    db = copy_store(demo_store, tmp_path_factory.mktemp("browser-edits") / "news.db")
    for base in serve(db):
        watch = Watch(browser)
        page = watch.page
        try:
            page.goto(base + "/")
            page.locator("article.entry h3 a").first.click()
            page.wait_for_url("**/events/**")
            page.locator("details.correct summary").click()
            page.locator("input[name=title]").fill("Spillway <b>opens</b>")
            page.get_by_role("button", name="Retitle").click()
            page.wait_for_url("**/events/**")
            assert page.locator("h1").inner_text() == "Spillway <b>opens</b>"
            page.locator("ul.groups a.source").first.click()
            page.wait_for_url("**/articles/**")
            page.get_by_role("button", name="Hide this article").click()
            assert page.locator("text=Hidden by correction").count() == 1
            page.get_by_role("link", name="Corrections").first.click()
            page.wait_for_url("**/corrections")
            assert page.locator("table.corrections tbody tr").count() == 2
            page.get_by_role("button", name="Undo").first.click()
            page.get_by_role("button", name="Undo").first.click()
            page.wait_for_url("**/corrections")
            assert page.locator("text=undone by web").count() == 2
            page.goto(base + "/")
            assert "Spillway <b>opens</b>" not in page.content()
            assert watch.errors == [] and watch.dialogs == []
        finally:
            watch.close()
