"""The app's downloads (``/export/{fmt}``) are what ``timeline --format`` prints, made the same
bounded way (the streamed JSON, the outline for the other formats), escaping included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from dateline import api
from dateline.export import RENDERERS
from dateline.timeline.select import TimelineView

CASES = {
    "": TimelineView(),
    "?from=2025-03-01&to=2025-03-31": TimelineView(start=date(2025, 3, 1), end=date(2025, 3, 31)),
    "?mode=summary&days=2&k=1": TimelineView(max_dates=2, sentences_per_date=1),
}


def _whole(db: Path, fmt: str, view: TimelineView) -> str:
    conn = api.open_store(str(db))
    try:
        return RENDERERS[fmt](api.timeline(conn, view))
    finally:
        conn.close()


@pytest.mark.parametrize("query", sorted(CASES))
@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_an_export_is_the_whole_documents_rendering(
    demo_client: TestClient, web_demo_store: Path, fmt: str, query: str
) -> None:
    response = demo_client.get(f"/export/{fmt}{query}")
    assert response.status_code == 200
    assert response.text == _whole(web_demo_store, fmt, CASES[query])


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_hostile_articles_export_as_before(
    xss_client: TestClient, xss_store: Path, fmt: str
) -> None:
    assert xss_client.get(f"/export/{fmt}").text == _whole(xss_store, fmt, TimelineView())
