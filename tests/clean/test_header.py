"""The header a page dump hands to the date stage, and a headline line run into its byline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.clean import clean_document
from dateline.clean.markup import unescaped
from dateline.clean.title import without_byline_tail
from dateline.dates.date_block import from_header
from dateline.model import RawDocument

MENU = ["Skip to main content", "Valley Times", "News", "Food", "Music", "Film", "Arts", "Search"]
BODY = [
    "The Copper Kettle has taken over the ground floor of the old Brenner mill, a building "
    "that stood empty for most of the last decade, and its arrival has changed the street.",
    "The kitchen cooks almost everything over a wood fire in an open hearth that diners can "
    "watch from the bar, and the menu changes every week but always includes river trout.",
    "Prices are fair for the quality, and the wine list leans toward small producers from "
    "the valley, most of them available by the glass on both of the nights we visited.",
]
SHARE = ["Facebook", "Twitter", "Email", "Print", "Adjust text size", "Click to enlarge"]
HEADLINE = "Copper Kettle brings riverside dining back to the old mill district"


def _header(above: list[str]) -> tuple[str, ...]:
    text = "\n".join([*MENU, *above, *SHARE, HEADLINE, *BODY, "Most read", "© 2023 Valley Times"])
    return clean_document(RawDocument(path="p.txt", text=text, source_format="text")).header


def test_a_signed_date_beyond_the_near_header_joins_it_last() -> None:
    header = _header(["By Jane Aldous on Thu, Nov 9, 2023 at 4:00 am"])
    assert header[0] == HEADLINE
    assert header[-2:] == ("", "By Jane Aldous on Thu, Nov 9, 2023 at 4:00 am")


def test_a_bare_date_beyond_the_near_header_stays_out() -> None:
    header = _header(["Thu, Nov 9, 2023"])  # a sidebar's or a comment's stamp as often
    assert "Thu, Nov 9, 2023" not in header


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        (
            "Lantern makers light up the old ropeworks by Teodor Vasko Mar. 5, 2024Mar. 5, 2024",
            "Lantern makers light up the old ropeworks",
        ),
        ("Ferry crews walk out by Jo Roe 12/03/2024", "Ferry crews walk out"),
        ("Three homes hit by Storm Ada 2024", "Three homes hit by Storm Ada 2024"),  # a year
        ("Seized by Rebels on 4 May 2020 in Kivu", "Seized by Rebels on 4 May 2020 in Kivu"),
        ("Stand by Me at 30", "Stand by Me at 30"),
    ],
)
def test_a_byline_and_date_run_into_the_headline_are_cut_off(line: str, headline: str) -> None:
    assert without_byline_tail(line) == headline


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("__June 14, 2023 __News", "June 14, 2023 News"),  # an icon's empty <i></i>
        ("By Ela on 31\\. October, 2023 | 4 Comments", "By Ela on 31. October, 2023 | 4 Comments"),
        ("__", ""),
        ("snake__case stays", "snake__case stays"),
        ("Plain prose is left alone.", "Plain prose is left alone."),
    ],
)
def test_the_date_block_reads_a_markdown_line_without_its_escapes(line: str, words: str) -> None:
    assert unescaped(line) == words


def test_a_date_glued_to_an_icon_is_read() -> None:
    page = Path(__file__).parent / "pages" / "23-markdown-icon-glued-date.txt"
    text = page.read_text(encoding="utf-8").strip("\n")
    header = clean_document(RawDocument(path=page.name, text=text, source_format="text")).header
    assert "June 14, 2023 News" in header
    assert "" not in header
    found = from_header(header, date(2026, 1, 1))
    assert found is not None
    assert found.value == date(2023, 6, 14)
