"""Screenshots of the web app's main pages on the demo corpus, for docs/ (and the README).

Usage: python -m tests.interfaces.web.screenshots [--out docs]

Ingests and builds examples/demo into a temporary store, starts ``dateline serve`` on it the
way a user does (``helpers.serve``), and has the system chromium (through Playwright, nothing
downloaded) photograph the timeline, an event, an article, an entity and a side-by-side view:
``web-timeline.png``, ``web-event.png``, ``web-article.png``, ``web-entity.png``,
``web-beside.png``. The pages are chosen by what they show (the event with the most sources,
an article with a copy, the person quoted most), so a rerun photographs the same pages.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from dateline import api
from tests.interfaces.conftest import DEMO
from tests.interfaces.web.helpers import serve

WIDTH, HEIGHT = 1200, 900


def build_demo(folder: Path) -> Path:
    db = folder / "news.db"
    conn = api.open_store(str(db))
    try:
        api.ingest(conn, [str(DEMO)])
        api.build(conn)
    finally:
        conn.close()
    return db


def pages(db: Path) -> dict[str, str]:
    """Screenshot name -> the page's path."""
    conn = api.open_store(str(db))
    try:
        document = api.timeline(conn)
    finally:
        conn.close()
    event = max(document.events, key=lambda e: (len(e.article_ids), e.id))
    copy = next(a for a in document.articles if a.links)
    said: dict[str, int] = {}
    for article in document.articles:
        for q in article.quotes:
            if q.speaker_entity_id:
                said[q.speaker_entity_id] = said.get(q.speaker_entity_id, 0) + 1
    people = [e for e in document.entities if e.kind == "person"] or list(document.entities)
    entity = max(people, key=lambda e: (said.get(e.id, 0), e.mention_count, e.id))
    return {
        "web-timeline.png": "/",
        "web-event.png": f"/events/{quote(event.id, safe='')}",
        "web-article.png": f"/articles/{quote(copy.id, safe='')}",
        "web-entity.png": f"/entities/{quote(entity.id, safe='')}",
        "web-beside.png": (
            f"/articles/{quote(copy.id, safe='')}/beside/{quote(copy.links[0].other_id, safe='')}"
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs"))
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no chromium on PATH (apt-get install -y chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - a dev dependency

    with tempfile.TemporaryDirectory() as tmp:
        db = build_demo(Path(tmp))
        wanted = pages(db)
        for base in serve(db):
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
                )
                page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
                for name, path in wanted.items():
                    page.goto(base + path, wait_until="load")
                    page.screenshot(path=str(args.out / name))
                    print(f"{args.out / name}: {path}")
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
