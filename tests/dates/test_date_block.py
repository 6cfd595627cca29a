"""The date block of a page dump: the forms and traps of the header lines around a headline."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.dates.date_block import (
    DAY_FIRST,
    MONTH_FIRST,
    from_header,
    order_of,
    site_slash_orders,
    slash_counts,
)

LATEST = date(2026, 1, 1)


def _day(header: tuple[str, ...], page: str = "") -> date | None:
    found = from_header(header, LATEST, page)
    return found.value if found is not None else None


@pytest.mark.parametrize(
    ("page", "order"),
    [
        ("17/03/2024 at 08:12 ... 21/03/2024 at 19:40", DAY_FIRST),
        ("03/17/2024 ... 03/21/2024", MONTH_FIRST),
        ("17/03/2024 ... 03/21/2024", None),  # the page disagrees with itself
        ("17/03/2024", None),  # one date is too little evidence
        ("04/03/2024 ... 05/06/2024", None),  # only ambiguous dates
        ("version 1.17/03/2024", None),  # not a free-standing date
    ],
)
def test_the_order_of_a_pages_slash_dates(page: str, order: str | None) -> None:
    assert order_of(*slash_counts(page)) == order


def test_an_ambiguous_slash_date_is_read_in_the_pages_own_order() -> None:
    header = ("04/03/2024 by Edda Lumsden · 3 Comments",)
    assert _day(header) is None  # alone it stays unread: a guess would move it by a month
    assert _day(header, "Marit 17/03/2024 08:12\nJonas 21/03/2024 19:40") == date(2024, 3, 4)
    assert _day(header, "Marit 03/17/2024 08:12\nJonas 03/21/2024 19:40") == date(2024, 4, 3)
    assert _day(header, "Marit 17/03/2024 08:12\nJonas 03/21/2024 19:40") is None


def test_an_ambiguous_slash_date_is_read_in_its_sites_order() -> None:
    """The page prints no unambiguous slash date; its site's other pages do."""
    header = ("04/03/2024 by Edda Lumsden · 3 Comments",)
    found = from_header(header, LATEST, "no other date", DAY_FIRST)
    assert found is not None and found.value == date(2024, 3, 4)
    assert "as-on-this-site" in found.evidence
    found = from_header(header, LATEST, "no other date", MONTH_FIRST)
    assert found is not None and found.value == date(2024, 4, 3)
    # the page's own unambiguous date against the site's order: unread
    assert from_header(header, LATEST, "comment 03/21/2024", DAY_FIRST) is None
    # the page's own order, when it has one, is read before the site's
    own = from_header(header, LATEST, "17/03/2024 ... 21/03/2024", MONTH_FIRST)
    assert own is not None and own.value == date(2024, 3, 4)


def test_a_sites_order_comes_from_its_pages_together() -> None:
    texts = [
        "posted 17/03/2024",
        "posted 21/03/2024",
        "posted 04/03/2024",
        "03/17/2024 x 03/18/2024",
    ]
    sites = ["a", "a", "a", None]
    assert site_slash_orders(texts, sites) == [DAY_FIRST, DAY_FIRST, DAY_FIRST, None]
    assert site_slash_orders(texts, ["a", "a", "a", "a"]) == [None] * 4  # a site disagreeing
    assert site_slash_orders(texts[:1] * 3, ["a", "b", "c"]) == [None] * 3  # one page a site


def test_a_weekday_still_checks_a_settled_slash_date() -> None:
    page = "17/03/2024 ... 21/03/2024"
    assert _day(("Monday 04/03/2024",), page) == date(2024, 3, 4)
    assert _day(("Tuesday 04/03/2024",), page) is None


def test_a_date_after_a_byline_is_read_in_a_long_line() -> None:
    line = (
        "Family of a rising junior tennis star seeks funds to treat a rare illness that has "
        "kept him off court by J.O. Haselhoef Apr. 26, 2022Apr. 26, 2022"
    )
    assert _day((line,)) == date(2022, 4, 26)
    prose = (
        "The club said the junior tennis star who won the regional title had been kept off "
        "the court for months and would return to training on Apr. 26, 2022 at the latest"
    )
    assert _day((prose,)) is None  # far into a long line, no byline, no stamp


def test_a_range_of_days_is_an_event_not_the_page_date() -> None:
    assert _day(("Festival of Lanterns: 9-23 Feb 2024 | Old Ropeworks",)) is None
    assert _day(("9 – 23 February 2024",)) is None
    assert _day(("Published 23 Feb 2024",)) == date(2024, 2, 23)


def test_a_zone_offset_glued_to_the_day_is_split_only_after_a_zone() -> None:
    assert _day(("07:16 GMT +304 February 2017",)) == date(2017, 2, 4)
    assert _day(("Exhibition 9-23 Feb 2017",)) is None  # not "9-2 3 Feb"


def test_the_far_header_counts_only_when_the_near_one_has_no_date() -> None:
    near = ("Ferry crews walk out", "By Mira Castell - March 12, 2024")
    far = ("", "Posted on March 20, 2024 by a reader")
    assert _day((*near, *far)) == date(2024, 3, 12)  # a labelled date further out waits
    assert _day((near[0], *far)) == date(2024, 3, 20)


def test_a_list_of_dated_posts_beside_the_headline_is_not_a_date_block() -> None:
    header = (
        "How to grow a lemon tree from seed",
        "Recent Posts",
        "October 30, 2020 Kate May ZZ Plant Care: A Complete Guide",
        "October 28, 2020 Kate May Polka Dot Plant Care: How To Grow",
    )
    assert _day(header) is None
    one = ("How to grow a lemon tree from seed", "October 30, 2020 Kate May")
    assert _day(one) == date(2020, 10, 30)
    with_caption = (*one, "Seedlings on a windowsill in Tessel on October 2, 2020")
    assert _day(with_caption) == date(2020, 10, 30)  # a date inside a line opens no list


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Veröffentlicht am 04. Februar 2022, 15:29 Uhr", date(2022, 2, 4)),
        ("Hafenbote 1. November 20231. November 2023 Altstadt, Polizei", date(2023, 11, 1)),
        ("Mittwoch, 1. November 2023", date(2023, 11, 1)),
        ("Publié le 3 mars 2022 à 08:15", date(2022, 3, 3)),
        ("Publicado el 4 de mayo de 2021", date(2021, 5, 4)),
        ("Pubblicato il 12 dicembre 2020", date(2020, 12, 12)),
        ("Gepubliceerd op 6 maart 2023 om 12:30", date(2023, 3, 6)),
        ("Opublikowano 28 kwietnia 2021, 06:29", date(2021, 4, 28)),
        ("Redaktion | 19.11.202119.11.2021 | Gesellschaft", date(2021, 11, 19)),
    ],
)
def test_a_date_block_in_the_outlets_own_language(line: str, day: date) -> None:
    assert _day(("Fähre fährt wieder", line)) == day


def test_a_printed_weekday_in_another_language_still_checks_the_date() -> None:
    assert _day(("Dienstag, 7. November 2023",)) == date(2023, 11, 7)
    assert _day(("Montag, 7. November 2023",)) is None  # 7 November 2023 was a Tuesday


def test_german_stand_and_aktualisiert_are_updates_never_taken() -> None:
    assert _day(("Stand: 07.11.2023, 07:30 Uhr",)) is None
    assert _day(("-Aktualisiert am 28.01.2020-15:49",)) is None
    assert _day(("Mis à jour le 3 mars 2022",)) is None
    assert _day(("Standort: Hafen", "Erschienen am 2. März 2022")) == date(2022, 3, 2)


def test_a_range_of_days_in_words_is_an_event_not_the_page_date() -> None:
    assert _day(("Ausstellung vom 9. bis 23. Februar 2017",)) is None
    assert _day(("Festival du 9 au 23 février 2017",)) is None
    assert _day(("Open from 9 to 23 February 2017",)) is None


def test_a_date_in_running_prose_near_a_long_lines_start_is_an_events() -> None:
    prose = (
        "Der Generalsekretär ist seit 1. Januar 2020 im Amt und leitete zuvor das Büro der "
        "Stiftung in der Hafenstadt, wo er mehrere Jahre lang für die Bildungsarbeit zuständig war"
    )
    assert _day((prose,)) is None
    byline = (
        "By Ela Marsh on 31. October, 2023 | 18 Comments. This post may contain links to shops "
        "that pay the site a small share of what readers spend there"
    )
    assert _day((byline,)) == date(2023, 10, 31)


def test_an_embedded_posts_stamp_is_not_the_page_date() -> None:
    assert _day(("— Ada Ruiz (@adaruiz) November 3, 2023",)) is None
    assert _day(("A post shared by Ada Ruiz (@adaruiz) on Apr 21, 2019 at 4:47pm PDT",)) is None
    assert _day(("By Jon Vale@jonvale Jul 3, 2019, 4:22am EDT",)) == date(2019, 7, 3)
