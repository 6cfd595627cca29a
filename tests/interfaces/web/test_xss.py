"""The XSS corpus (tests/interfaces/web/xss_corpus.py) through ingest, build and every page.

Every page of the store is fetched and parsed: no tag the templates do not write, no event
handler, no script but the app's own, no link that is not the app's path or a web URL. And the
payloads are really on the pages, as text: each one is found in some page's decoded text, so
the checks above cannot pass because the payloads never arrived.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from starlette.testclient import TestClient

from dateline.export.safe import visible
from tests.interfaces.web.helpers import check_page, page_urls, parse
from tests.interfaces.web.xss_corpus import FILE_PAYLOADS, PAYLOADS, URLS


def test_the_corpus_has_enough_payloads() -> None:
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_every_page_shows_payloads_only_as_text(xss_client: TestClient, xss_store: Path) -> None:
    urls = page_urls(xss_store, words=("alert", "script", "onerror"))
    urls += [f"/search?q={quote(p)}" for p in PAYLOADS[:12]]
    urls += [f"/?q={quote(p)}" for p in PAYLOADS[:6]]
    urls += [f"/?outlet={quote(p + ' Times')}" for p in PAYLOADS[:6]]
    urls += [f"/?story={quote(p)}&entity={quote(p)}&from={quote(p)}" for p in PAYLOADS[:6]]
    urls += [f"/events/{quote(p, safe='')}" for p in PAYLOADS[:6]]
    texts = []
    for url in urls:
        response = xss_client.get(url)
        assert response.status_code in (200, 404), url
        page = check_page(response.text, url)
        texts.append(" ".join(page.text))
    seen = "\n".join(texts)
    missing = [p for p in PAYLOADS if visible(p) not in seen]
    assert not missing, f"payloads not shown as text: {missing}"
    for name in FILE_PAYLOADS:  # file names are shown as outlets, as text
        assert name in seen


def test_hostile_urls_never_become_links(xss_client: TestClient, xss_store: Path) -> None:
    hrefs = []
    for url in page_urls(xss_store):
        page = parse(xss_client.get(url).text)
        hrefs += [dict(attrs).get("href") or "" for tag, attrs in page.tags if tag == "a"]
    external = {h for h in hrefs if not h.startswith(("/", "#"))}
    web_urls = {u for u in URLS if u.startswith("https://")}
    assert external == web_urls, "only the corpus's web URLs, each whole in its attribute"
    assert not any(h.lower().lstrip().startswith(("javascript", "data", "vbscript")) for h in hrefs)
    assert URLS[0] == "javascript:alert(101)"


def test_exports_keep_payloads_inside_json_strings(xss_client: TestClient) -> None:
    response = xss_client.get("/export/json")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-disposition"].startswith("attachment")
    titles = [a["title"] for a in json.loads(response.text)["articles"]]
    assert any("</script>" in (t or "") for t in titles)
