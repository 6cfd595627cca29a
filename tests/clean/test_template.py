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
from dateline.clean import clean_document, read_sites, template_lines
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


def _other_site(name: str, menu: list[str]) -> list[RawDocument]:
    return [
        RawDocument(
            path=f"site/{name}-{i}.txt",
            text="\n".join([name, *menu, f"Story {i} of the {name}"]),
            source_format="text",
        )
        for i in range(3)
    ]


def test_a_folder_mixing_sites_is_read_site_by_site(pages: list[RawDocument]) -> None:
    """Ten pages of three sites in one folder: no line is on half of them, but each site's
    template is on all of its own; the sites share "Home" and "Sport", not most lines."""
    record = _other_site("Orvik Record", ["Home", "News", "Sport", "Weather", "Letters"])
    post = _other_site("Northgate Post", ["Home", "World", "Sport", "Markets", "Culture"])
    readings = read_sites([*pages, *record, *post])
    keys = [reading.site for reading in readings]
    assert len(set(keys[:4])) == len(set(keys[4:7])) == len(set(keys[7:])) == 1
    assert len(set(keys)) == 3 and None not in keys
    assert all(MASTHEAD in reading.template for reading in readings[:4])
    assert all({"Weather", "Letters"} <= reading.template for reading in readings[4:7])
    assert all("Markets" in reading.template for reading in readings[7:])


def test_a_site_is_known_by_its_outlet_or_else_by_its_template(pages: list[RawDocument]) -> None:
    files = sorted(SITE.glob("*.txt"))
    alone = [_raw(path, folder=f"f{i}") for i, path in enumerate(files)]
    assert [reading.site for reading in read_sites(alone)] == [None] * 4
    outlet = [_raw(path, folder=f"f{i}", outlet="Gazette") for i, path in enumerate(files)]
    assert {reading.site for reading in read_sites(outlet[:2])} == {"outlet:gazette"}


def test_an_ambiguous_slash_date_is_read_in_the_order_the_sites_other_pages_print(
    tmp_path: Path,
) -> None:
    stamps = {
        "brenna-gazette-crossing.txt": "25/04/2025 09:10",
        "brenna-gazette-mediator.txt": "28/04/2025 17:45",
        "brenna-gazette-relief-centre.txt": "04/05/2025 08:00",  # 4 May or 5 April?
    }
    folder = tmp_path / "saved"
    folder.mkdir()
    for path in SITE.glob("*.txt"):
        headline = HEADLINES[path.name]
        stamp = stamps.get(path.name)
        text = path.read_text()
        if stamp is not None:
            text = text.replace(f"{headline}\n", f"{headline}\n\n{stamp}\n", 1)
        (folder / path.name).write_text(text)
    conn = api.open_store(str(tmp_path / "news.db"))
    api.ingest(conn, [str(folder)], Settings(progress=False, now=SAVED))
    dated = {Path(a.path).name: a.published for a in load_articles(conn)}
    relief = dated["brenna-gazette-relief-centre.txt"]
    assert relief.value == datetime(2025, 5, 4).date()
    assert "as-on-this-site" in (relief.evidence or "")
    assert dated["brenna-gazette-crossing.txt"].value == datetime(2025, 4, 25).date()
