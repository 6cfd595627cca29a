"""Corpus evidence: a site's template lines across its pages, on page dumps written for this test.

``site/`` holds four pages saved from one fictional site: the same menus, a masthead printing
the day they were saved (2 June 2025), a newsletter promotion after each article and a "Most
read" box listing the other pages' headlines. One page prints its own date ("Published 24 April
2025").
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dateline import api
from dateline.clean import clean_document, template_lines
from dateline.dates.published import date_article
from dateline.model import RawDocument
from dateline.settings import Settings
from dateline.store.articles import load_articles

SITE = Path(__file__).parent / "site"
SAVED = datetime(2025, 6, 2, 12, tzinfo=UTC)
MASTHEAD = "Monday, 2 June 2025"
PROMOTION = "Get the Gazette's morning briefing"
HEADLINES = {
    "brenna-gazette-crossing.txt": "Ostrand reopens Karsk crossing to freight traffic",
    "brenna-gazette-farmers.txt": "Tessel farmers count the cost of a second flood",
    "brenna-gazette-mediator.txt": "Mediator Barrow to stay on for accord's first year",
    "brenna-gazette-relief-centre.txt": "Brenna opens flood relief centre in the old grain hall",
}


def _raw(path: Path, folder: str = "site", **fields: str) -> RawDocument:
    return RawDocument(
        path=f"{folder}/{path.name}", text=path.read_text(), source_format="text", **fields
    )


@pytest.fixture
def pages() -> list[RawDocument]:
    return [_raw(path) for path in sorted(SITE.glob("*.txt"))]


def test_the_lines_a_site_prints_on_every_page_are_its_template(pages: list[RawDocument]) -> None:
    template = template_lines(pages)
    for found in template:
        assert {"Skip to main content", "Subscribe", "Privacy policy", MASTHEAD} <= found
        assert any(line.startswith(PROMOTION) for line in found)
        assert not any(line.startswith(("The ", "Farmers ", "Ines ", "By ")) for line in found)


def test_a_headline_in_the_other_pages_most_read_box_stays_its_own_pages_headline(
    pages: list[RawDocument],
) -> None:
    """Three headlines are on three of the four pages (their own and two "Most read" boxes)."""
    for raw, template in zip(pages, template_lines(pages), strict=True):
        headline = HEADLINES[Path(raw.path).name]
        assert headline not in template
        assert clean_document(raw, template).title == headline
    elsewhere = template_lines(pages)[3]
    assert HEADLINES["brenna-gazette-farmers.txt"] in elsewhere


def test_the_masthead_date_is_not_the_publication_date(pages: list[RawDocument]) -> None:
    """Alone, a page takes the masthead's date (the day it was saved); with its site's other
    pages it is left undated, unless it prints its own date."""
    for raw, template in zip(pages, template_lines(pages), strict=True):
        alone, _ = date_article(clean_document(raw), now=SAVED)
        together, _ = date_article(clean_document(raw, template), now=SAVED)
        if raw.path.endswith("farmers.txt"):
            assert alone.value == together.value == datetime(2025, 4, 24).date()
        else:
            assert alone.value == SAVED.date()  # what the evidence is for
            assert together.value is None


def test_template_lines_are_cut_with_a_reason(pages: list[RawDocument]) -> None:
    raw, template = pages[0], template_lines(pages)[0]
    assert PROMOTION in clean_document(raw).text  # the page models alone keep it
    cleaned = clean_document(raw, template)
    assert PROMOTION not in cleaned.text
    cut = next(line for line in cleaned.removed if line.text.startswith(PROMOTION))
    assert cut.reason == "page-end"
    assert "The road crossing at Karsk reopened" in cleaned.text


def test_copies_of_one_story_count_once(pages: list[RawDocument]) -> None:
    """A folder of reprints repeats the story's every line: none of it is template."""
    story = pages[1].text
    reprints = [
        RawDocument(
            path=f"copies/{i}.txt", text=f"Site {i}\nHome\nNews\n\n{story}", source_format="text"
        )
        for i in range(5)
    ]
    assert template_lines(reprints) == [frozenset()] * 5
    cleaned = clean_document(reprints[0], template_lines(reprints)[0])
    assert "Farmers around Tessel say" in cleaned.text


def test_groups_are_sites_not_batches(pages: list[RawDocument]) -> None:
    """Pages of other outlets, hosts or folders are not evidence; two pages are too few."""
    files = sorted(SITE.glob("*.txt"))
    spread = [_raw(path, folder=f"f{i}") for i, path in enumerate(files)]
    assert template_lines(spread) == [frozenset()] * 4
    by_url = [
        _raw(path, folder=f"f{i}", url=f"https://www.gazette.example/a/{i}")
        for i, path in enumerate(files)
    ]
    assert all(MASTHEAD in found for found in template_lines(by_url))
    assert template_lines(pages[:2]) == [frozenset()] * 2


def test_clean_text_and_other_inputs_are_never_evidence(pages: list[RawDocument]) -> None:
    as_json = [RawDocument(path=raw.path, text=raw.text, source_format="jsonl") for raw in pages]
    assert template_lines([*as_json, "not a document"]) == [frozenset()] * 5


def test_ingest_reads_a_folder_of_one_sites_pages_together(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    shutil.copytree(SITE, folder)
    conn = api.open_store(str(tmp_path / "news.db"))
    api.ingest(conn, [str(folder)], Settings(progress=False, now=SAVED))
    articles = load_articles(conn)
    assert sorted(article.title or "" for article in articles) == sorted(HEADLINES.values())
    dated = {Path(article.path).name: article.published.value for article in articles}
    assert dated == {
        name: datetime(2025, 4, 24).date() if name.endswith("farmers.txt") else None
        for name in HEADLINES
    }
    assert not any(PROMOTION in article.text for article in articles)
