"""Each role the page-structure stage gives a line, on one page dump written for this test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dateline.clean import clean_document
from dateline.clean.lines import CAPTION
from dateline.clean.page import is_page_dump, page_lines
from dateline.clean.structure import BYLINE, HEADLINE, NAVIGATION, PAGE_END, PAGE_FURNITURE
from dateline.dates.published import date_article
from dateline.model import CleanedDocument, RawDocument

BODY = [
    "Engineers at the Karsk reservoir opened two spillway gates on Thursday evening after "
    "three days of heavy rain pushed the water level to within half a metre of the crest, the "
    "regional water authority said in a statement issued shortly before midnight.",
    "Residents of the three villages below the dam were told to move valuables upstairs and to "
    "keep their phones charged, although the authority said it did not expect the river to "
    "leave its banks before the weekend if the forecast held.",
    "The mayor of Tessel, Clara Wendt, said the town had learned from the flood of last spring "
    "and had stacked sandbags along the quay since Monday, but she asked the authority to give "
    "the town more warning than the ninety minutes it had in March.",
    "Water authority spokesman Piet Ramsel said the gates would stay open until the level fell "
    "by a full metre, which could take four days, and that engineers were checking the dam's "
    "walls every six hours while the rain continued across the upper valley.",
    "Farmers downstream said the release would flood low fields that had only just dried out, "
    "and the regional farmers' union asked the government to pay for the lost spring sowing "
    "as it had promised to do after last year's flood but never did.",
]
PAGE = "\n".join(
    [
        "Skip to main content",
        "Valley Courier",
        "Home",
        "News",
        "Sport",
        "Weather",
        "Opinion",
        "Subscribe",
        "Sign in",
        "We use cookies to improve your experience. Accept all",
        "News > Region",
        "Spillway gates opened as Karsk reservoir nears its crest",
        "By Maren Holt - January 10, 2020",
        "",
        "Sandbags stacked along the quay in Tessel during the flood of 2019.",
        "Photograph: Jan Ostby/Valley Pictures",
        "",
        BODY[0],
        "",
        BODY[1],
        "",
        "Related",
        "Tessel quay walls to be raised next year",
        "Why the Brannock embankment was never finished",
        "",
        BODY[2],
        "",
        BODY[3],
        "",
        BODY[4],
        "",
        "Most read",
        "Cyclists return to the valley road",
        "Winter ferry timetable published",
        "Council approves bus station",
        "Maren Holt covers water and the environment for the Courier.",
        "Privacy Policy",
        "Terms of use",
        "© 2020 Valley Courier",
    ]
)
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def cleaned() -> CleanedDocument:
    return clean_document(RawDocument(path="page.txt", text=PAGE, source_format="text"))


def _reason(doc: CleanedDocument, line: str) -> str | None:
    return next((cut.reason for cut in doc.removed if cut.text == line), None)


def test_the_page_is_read_as_a_page_dump() -> None:
    assert is_page_dump(page_lines(PAGE))
    assert not is_page_dump(page_lines("\n\n".join(BODY)))


def test_headline_is_found_below_the_menus(cleaned: CleanedDocument) -> None:
    assert cleaned.title == "Spillway gates opened as Karsk reservoir nears its crest"
    assert _reason(cleaned, cleaned.title) == HEADLINE


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Skip to main content", NAVIGATION),
        ("Home", NAVIGATION),
        ("We use cookies to improve your experience. Accept all", NAVIGATION),
        ("By Maren Holt - January 10, 2020", BYLINE),
        ("Photograph: Jan Ostby/Valley Pictures", CAPTION),
        ("Sandbags stacked along the quay in Tessel during the flood of 2019.", CAPTION),
        ("Tessel quay walls to be raised next year", PAGE_FURNITURE),
        ("Most read", PAGE_END),
        ("© 2020 Valley Courier", PAGE_END),
    ],
)
def test_each_role(cleaned: CleanedDocument, line: str, role: str) -> None:
    assert _reason(cleaned, line) == role


def test_the_whole_body_is_kept_and_little_else(cleaned: CleanedDocument) -> None:
    kept = [line for line in cleaned.text.split("\n") if line.strip()]
    assert [line for line in BODY if line not in kept] == []
    extra = [line for line in kept if line not in BODY]
    assert len(extra) <= 1, extra  # measured: one teaser headline of the Related box is kept


def test_the_date_block_dates_the_page_not_the_caption(cleaned: CleanedDocument) -> None:
    published, _ = date_article(cleaned, now=NOW)
    assert published.value is not None
    assert published.value.isoformat() == "2020-01-10"
    assert published.evidence is not None and "date block" in published.evidence


def test_cut_lines_keep_their_raw_line_numbers(cleaned: CleanedDocument) -> None:
    raw_lines = PAGE.split("\n")
    assert all(raw_lines[cut.line_no].strip() == cut.text for cut in cleaned.removed)
