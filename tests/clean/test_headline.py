"""The headline of a page dump: the line the page's models choose, and what can never be it.

The page written for these tests (``pages/19-browser-copy-breadcrumb-file-caption.txt``,
fictional) sets three traps around its headline: a breadcrumb trail whose last part reads like a
headline, a standfirst just below it, and a photo caption marked "(FILE)" that the first
headline model scores above the headline.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dateline.clean import clean_document
from dateline.clean.lines import CAPTION
from dateline.clean.page import _may_be_headline, headline_context
from dateline.clean.structure import HEADLINE, NAVIGATION
from dateline.model import CleanedDocument, RawDocument

PAGE = Path(__file__).parent / "pages" / "19-browser-copy-breadcrumb-file-caption.txt"
HEADLINE_TEXT = "Ferry crews walk out at Orvane harbour as pay talks collapse"


@pytest.fixture(scope="module")
def cleaned() -> CleanedDocument:
    text = PAGE.read_text(encoding="utf-8").strip("\n")
    return clean_document(RawDocument(path=PAGE.name, text=text, source_format="text"))


def _reason(doc: CleanedDocument, start: str) -> str | None:
    return next((r.reason for r in doc.removed if r.text.startswith(start)), None)


def test_the_headline_is_below_the_breadcrumb_and_above_the_standfirst(
    cleaned: CleanedDocument,
) -> None:
    assert cleaned.title == HEADLINE_TEXT
    assert _reason(cleaned, HEADLINE_TEXT) == HEADLINE
    assert _reason(cleaned, "Home > News") == NAVIGATION


def test_a_caption_marked_file_is_cut_as_a_caption(cleaned: CleanedDocument) -> None:
    assert _reason(cleaned, "The Orvane island ferry Sorrel Star") == CAPTION


@pytest.mark.parametrize(
    ("line", "may"),
    [
        (HEADLINE_TEXT, True),
        ("World > Europe > Mirel River dispute", False),  # a breadcrumb trail
        ("Home » News » Ferry crews walk out at Orvane harbour", False),
        ("Home>Articles>Ferry crews walk out", False),  # glued by a browser's copy
        ("Subscribe to our Ferry Times newsletter", False),  # a banner asking the reader
        ("We rely on your support to keep local news free", False),
        ("Markets > Oil", True),  # one separator: may still be a headline's kicker
        ("Pay rise >5% for crews > 3 years", True),  # comparisons, not a trail
        ("The ferry Sorrel Star moored at the harbour wall. (FILE)", False),
        ("Crews walk out (Photo: Jan Ostby)", False),
        ("12 March 2024", False),
        ("ferry crews walk out", False),
        ("iOS 19 will fix the ferry timetable app", True),  # a brand written in lower case
        ("eBay sellers walk out", True),
    ],
)
def test_what_may_be_a_headline(line: str, may: bool) -> None:
    assert _may_be_headline(line) is may


def test_headline_context_sees_the_candidates_around_each() -> None:
    context = headline_context(np.array([0.1, 0.8, 0.3]))
    # first score, above, below, gap to best, is best, best above, best below
    expected = [
        [0.1, 0.0, 0.8, 0.7, 0.0, 0.0, 0.8],
        [0.8, 0.1, 0.3, 0.0, 1.0, 0.1, 0.3],
        [0.3, 0.8, 0.0, 0.5, 0.0, 0.8, 0.0],
    ]
    assert context == pytest.approx(np.array(expected))
    assert headline_context(np.zeros(0)).shape == (0, 7)


@pytest.mark.parametrize(
    "first", ["Dienstag, 7. November 2023", "4. Februar 2022, 15:29 Uhr", "4 de mayo de 2021"]
)
def test_a_date_on_the_first_line_in_another_language_is_not_the_title(first: str) -> None:
    text = f"{first}\n\nDie Fähre zwischen den Inseln fährt nach dem Sturm wieder nach Plan.\n"
    cleaned = clean_document(RawDocument(path="ferry.txt", text=text, source_format="text"))
    assert cleaned.title is None
    assert cleaned.text.startswith(first)  # left for the date stage to read as a dateline


def test_a_place_and_a_year_on_the_first_line_is_still_a_title() -> None:
    text = "Le Havre 2024\n\nThe port city hosts the regatta again this summer, organisers said.\n"
    cleaned = clean_document(RawDocument(path="regatta.txt", text=text, source_format="text"))
    assert cleaned.title == "Le Havre 2024"
