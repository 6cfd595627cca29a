"""Publication dates: date strings, datelines, the order of evidence and what is cut."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dateline.clean import clean_document
from dateline.dates.published import (
    CRAWL_DATE_SOURCE,
    DateReading,
    date_article,
    find_dateline,
    parse_date_string,
)
from dateline.ingest.warc import WARC_DATE_SOURCE
from dateline.model import CleanedDocument, PublishedDate, RawDocument, RemovedLine

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def _doc(
    text: str,
    *,
    path: str = "corpus/article.txt",
    hint: str | None = None,
    source: str | None = None,
    removed: tuple[RemovedLine, ...] = (),
) -> CleanedDocument:
    raw = RawDocument(
        path=path, text=text, source_format="text", date_hint=hint, date_hint_source=source
    )
    return CleanedDocument(raw=raw, text=text, removed=removed)


# --- parse_date_string -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("2019-05-15", date(2019, 5, 15), "iso-8601"),
        ("2019-05-15T08:00Z", date(2019, 5, 15), "iso-8601"),
        ("2019-05-15 08:00:00+02:00", date(2019, 5, 15), "iso-8601"),
        ("2021-11-30T23:45:10.250-05:00", date(2021, 11, 30), "iso-8601"),
        ("18 September 2017", date(2017, 9, 18), "day-month-year"),
        ("3rd of March 2016", date(2016, 3, 3), "day-month-year"),
        ("September 18, 2017", date(2017, 9, 18), "month-day-year"),
        ("Sept. 18 2017", date(2017, 9, 18), "month-day-year"),
        ("Nov. 4 , 2011", date(2011, 11, 4), "month-day-year"),  # PTB: space before the comma
        ("Tue 8 Apr 2025 14:05 BST", date(2025, 4, 8), "day-month-year"),
        ("07:16 GMT +3 04 February 2017", date(2017, 2, 4), "time-zone-day-month-year"),
        ("21:40 local time, Friday, 6 June 2014", date(2014, 6, 6), "time-zone-day-month-year"),
        ("09:05 13 March 2020", date(2020, 3, 13), "time-day-month-year"),
        ("Mon, 14 Apr 2025 09:30:00 +0000", date(2025, 4, 14), "day-month-year"),
        ("Wed Oct 12 17:02:44 +0000 2022", date(2022, 10, 12), "weekday-month-day-time-year"),
        ("Wednesday , March 4 , 2015 ; 6:10 PM", date(2015, 3, 4), "month-day-year"),
        ("June 2, 2013 at 4:45 p.m. ET", date(2013, 6, 2), "month-day-year"),
        ("12.04.2025", date(2025, 4, 12), "dotted-day-month-year"),
        ("2010/05/02", date(2010, 5, 2), "year-month-day"),
        ("27/03/2019", date(2019, 3, 27), "slashed-day-month-year"),
        ("03/27/2019", date(2019, 3, 27), "slashed-month-day-year"),
        ("06/06/2019", date(2019, 6, 6), "slashed-day-equals-month"),
        ("20170204", date(2017, 2, 4), "compact-yyyymmdd"),
    ],
)
def test_day_precision_formats(text: str, expected: date, rule: str) -> None:
    assert parse_date_string(text, now=NOW) == DateReading(expected, "day", rule)


def test_month_and_year_precision() -> None:
    assert parse_date_string("April 2025", now=NOW) == DateReading(
        date(2025, 4, 1), "month", "month-year"
    )
    assert parse_date_string("2019-07", now=NOW) == DateReading(
        date(2019, 7, 1), "month", "iso-8601-month"
    )
    assert parse_date_string("2017", now=NOW) == DateReading(date(2017, 1, 1), "year", "year")


def test_case_and_surrounding_space_do_not_matter() -> None:
    reading = parse_date_string("  18 SEPTEMBER 2017 \n", now=NOW)
    assert reading is not None
    assert reading.value == date(2017, 9, 18)


@pytest.mark.parametrize(
    "text",
    [
        "12/04/2025",  # day-first and month-first both possible: ambiguous
        "03/04/2019",  # 3 April or 4 March, both in the past
        "05-07-2018",  # the same with dashes
    ],
)
def test_ambiguous_numeric_dates_are_not_guessed(text: str) -> None:
    assert parse_date_string(text, now=NOW) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "yesterday",
        "the year 2017 was hot",  # not a date as a whole
        "31 February 2017",  # no such day
        "2017-13-01",  # no such month
        "13.25.2025",  # no order of the dotted numbers makes a date
        "18 Sept 17",  # two-digit years are never read
        "1899",  # before 1900
        "April 9",  # no year
        "7" * 200,
    ],
)
def test_nonsense_gives_none(text: str) -> None:
    assert parse_date_string(text, now=NOW) is None


def test_a_weekday_that_contradicts_the_date_drops_the_reading() -> None:
    assert parse_date_string("Thursday 12 June 2014", now=NOW) is not None  # it was a Thursday
    assert parse_date_string("Friday 12 June 2014", now=NOW) is None


@pytest.mark.parametrize("text", ["2025-06-02", "2 June 2025", "July 2025", "2026", "20250602"])
def test_dates_after_now_are_rejected(text: str) -> None:
    assert parse_date_string(text, now=NOW) is None


def test_now_itself_is_accepted() -> None:
    reading = parse_date_string("1 June 2025 11:59", now=NOW)
    assert reading is not None
    assert reading.value == NOW.date()


# --- find_dateline ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "matched"),
    [
        ("Published: 12.04.2025", "12.04.2025"),
        ("Updated 18 March 2025", "18 March 2025"),
        ("By Jane Doe | 18 March 2025", "18 March 2025"),
        ("18 March 2025 | By Jane Doe, Wire Desk", "18 March 2025"),
        ("Tue 8 Apr 2025 14:05 BST", "Tue 8 Apr 2025 14:05 BST"),
        ("Published on March 2025", "March 2025"),  # a label makes a month a dateline
    ],
)
def test_standalone_dateline_lines(line: str, matched: str) -> None:
    found = find_dateline(f"Harbour plan approved\n\n{line}\nThe council voted late.", now=NOW)
    assert found is not None
    assert found.matched == matched
    assert found.line_index == 2
    assert found.standalone


@pytest.mark.parametrize("line", ["2019", "March 2025", "20170204"])
def test_bare_year_or_month_line_is_a_heading_not_a_dateline(line: str) -> None:
    assert find_dateline(f"{line}\nThe council voted late on Tuesday.", now=NOW) is None


def test_inline_lead_dateline() -> None:
    text = "LONDON, 4 February 2017 (Reuters) - Ferry operators cancelled crossings."
    found = find_dateline(text, now=NOW)
    assert found is not None
    assert found.reading == DateReading(date(2017, 2, 4), "day", "day-month-year")
    assert found.matched == "4 February 2017"
    assert not found.standalone


def test_lead_dateline_with_ptb_brackets() -> None:
    text = "PORT ELLIS , Maine , March 9 , 2012 -LRB- AP -RRB- -- Lobster prices fell ."
    found = find_dateline(text, now=NOW)
    assert found is not None
    assert found.reading.value == date(2012, 3, 9)


def test_lead_dateline_without_year_gives_nothing() -> None:
    assert find_dateline("KARSKVILLE, April 9 (CP) - The mill closed.", now=NOW) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mill closes after fire Owners blame wiring Friday 3 May 2013 18.20 BST The mill",
            date(2013, 5, 3),
        ),
        ("OSLO | Mon Feb 6 , 2012 4:51 pm EST OSLO -LRB- Reuters -RRB- - Talks", date(2012, 2, 6)),
        ("Kim Lee | 11:02 UK time , Monday , 7 May 2012 The vote count went on", date(2012, 5, 7)),
        ("Bridge reopens 15 May 2014 Last updated at 06:12 GMT The bridge", date(2014, 5, 15)),
        ("Monday , May 11 , 2015 ; Page A04 The bridge reopened", date(2015, 5, 11)),
        ("March 3 , 2014 | By Ann Roe , Staff The bridge reopened", date(2014, 3, 3)),
    ],
)
def test_printed_time_stamps_inside_the_first_line(text: str, expected: date) -> None:
    found = find_dateline(text, now=NOW)
    assert found is not None
    assert found.reading.value == expected
    assert not found.standalone


@pytest.mark.parametrize(
    "text",
    [
        "A ferry docks in Portsmouth , England , Tuesday , March 4 , 2014 . The strike spread.",
        "Footage posted on June 1 , 2013 showed the crowd. Police said nothing.",
    ],
)
def test_event_dates_in_captions_and_prose_are_not_datelines(text: str) -> None:
    assert find_dateline(text, now=NOW) is None


def test_only_the_top_of_the_article_is_read() -> None:
    late_line = "\n".join(["Line one.", "Line two.", "Line three.", "Published: 12.04.2025"])
    assert find_dateline(late_line, now=NOW) is None
    long_first = "x " * 200 + "\nPublished: 12.04.2025\nBody."
    assert find_dateline(long_first, now=NOW) is None
    blank_lines_skipped = "\n\nLine one.\n\n\nPublished: 12.04.2025\nBody."
    found = find_dateline(blank_lines_skipped, now=NOW)
    assert found is not None
    assert found.line_index == 5


def test_future_dateline_is_ignored() -> None:
    assert find_dateline("Published: 12.04.2031\nThe council met.", now=NOW) is None


# --- date_article: evidence and its order --------------------------------------------------


def test_metadata_hint_wins_with_its_source_as_evidence() -> None:
    doc = _doc(
        "Published: 12.04.2025\nThe council met.",
        path="InputDocs/2010-05-02/1.txt",
        hint="14 April 2025 09:30",
        source="json field 'date'",
    )
    published, _ = date_article(doc, now=NOW)
    assert published == PublishedDate(
        date(2025, 4, 14), "day", "json field 'date': '14 April 2025 09:30' (rule: day-month-year)"
    )


def test_unreadable_hint_falls_through_to_the_dateline() -> None:
    doc = _doc(
        "LONDON, 4 February 2017 (Reuters) - Ferries stopped.",
        path="InputDocs/2010-05-02/1.txt",
        hint="sometime last week",
        source="html metadata (htmldate)",
    )
    published, _ = date_article(doc, now=NOW)
    assert published.value == date(2017, 2, 4)
    assert published.evidence == "dateline: '4 February 2017' (rule: day-month-year)"


def test_dateline_evidence_names_the_printed_string_and_rule() -> None:
    doc = _doc(
        "07:16 GMT +3 04 February 2017\nThe ferry sailed.", path="InputDocs/2010-05-02/1.txt"
    )
    published, _ = date_article(doc, now=NOW)
    assert published == PublishedDate(
        date(2017, 2, 4),
        "day",
        "dateline: '07:16 GMT +3 04 February 2017' (rule: time-zone-day-month-year)",
    )


@pytest.mark.parametrize(
    ("path", "expected", "evidence"),
    [
        ("Timeline/InputDocs/2010-05-02/1538.htm.txt", date(2010, 5, 2), "path: '2010-05-02'"),
        ("archive/2011/07/19/harbour.html", date(2011, 7, 19), "path: '2011/07/19'"),
        ("dumps/feed_20120304_article.txt", date(2012, 3, 4), "path: '20120304'"),
        (r"C:\news\2013-08-09\a.txt", date(2013, 8, 9), "path: '2013-08-09'"),
        # the part closest to the file wins
        ("batch-2019-01-01/2014-06-30/a.txt", date(2014, 6, 30), "path: '2014-06-30'"),
    ],
)
def test_path_dates(path: str, expected: date, evidence: str) -> None:
    published, _ = date_article(_doc("No date here.", path=path), now=NOW)
    assert published == PublishedDate(expected, "day", evidence)


@pytest.mark.parametrize(
    "path", ["runs/2031-01-01/a.txt", "ids/20101399.txt", "x/2010-13-02/a.txt", "v/1234567890/a"]
)
def test_impossible_or_future_path_dates_are_ignored(path: str) -> None:
    published, _ = date_article(_doc("No date here.", path=path), now=NOW)
    assert published == PublishedDate()


def test_crawl_date_is_last_and_says_so() -> None:
    doc = _doc("No date here.", hint="2024-11-05T10:00:00Z", source=CRAWL_DATE_SOURCE)
    published, _ = date_article(doc, now=NOW)
    assert published.value == date(2024, 11, 5)
    assert published.precision == "day"
    assert published.evidence is not None
    assert published.evidence.startswith("warc-date: '2024-11-05T10:00:00Z' (crawl date")


def test_path_beats_crawl_date_and_crawl_date_bounds_it() -> None:
    crawled = "2024-11-05T10:00:00Z"
    before = _doc("No date.", path="a/2023-02-01/x.txt", hint=crawled, source=CRAWL_DATE_SOURCE)
    published, _ = date_article(before, now=NOW)
    assert published.evidence == "path: '2023-02-01'"
    after = _doc("No date.", path="a/2024-12-01/x.txt", hint=crawled, source=CRAWL_DATE_SOURCE)
    after_crawl, _ = date_article(after, now=NOW)
    assert after_crawl.evidence is not None
    assert after_crawl.evidence.startswith("warc-date")


def test_crawl_source_matches_the_warc_reader() -> None:
    assert CRAWL_DATE_SOURCE == WARC_DATE_SOURCE


def test_future_hint_is_rejected_not_clipped() -> None:
    doc = _doc("No date here.", hint="2030-01-01", source="feed entry 'published'")
    assert date_article(doc, now=NOW)[0] == PublishedDate()


def test_undated_article_stays_unknown() -> None:
    doc = _doc("The council met on Tuesday.\nIt voted against the plan.", path="in/a.txt")
    published, out = date_article(doc, now=NOW)
    assert published == PublishedDate()
    assert published.value is None
    assert out == doc


# --- date_article: what happens to the text -------------------------------------------------


def test_standalone_dateline_is_moved_to_removed() -> None:
    earlier = RemovedLine(0, "Share this story", "boilerplate")
    text = "Harbour plan approved\nUpdated 18 March 2025\nThe council voted late.\nIt was close."
    doc = _doc(text, hint="2025-03-18", source="html metadata (htmldate)", removed=(earlier,))
    published, out = date_article(doc, now=NOW)
    assert published.evidence == "html metadata (htmldate): '2025-03-18' (rule: iso-8601)"
    assert out.text == "Harbour plan approved\nThe council voted late.\nIt was close."
    assert out.removed == (earlier, RemovedLine(1, "Updated 18 March 2025", "dateline"))
    assert out.raw is doc.raw


def test_inline_dateline_stays_in_the_text() -> None:
    text = "LONDON, 4 February 2017 (Reuters) - Ferries stopped.\nPorts closed."
    published, out = date_article(_doc(text), now=NOW)
    assert published.value == date(2017, 2, 4)
    assert out.text == text
    assert out.removed == ()


def test_a_date_only_article_keeps_its_line() -> None:
    doc = _doc("Published: 12.04.2025\n")
    published, out = date_article(doc, now=NOW)
    assert published.value == date(2025, 4, 12)
    assert out.text == doc.text


def test_dots_are_day_first_unless_only_month_first_fits() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    day_first = parse_date_string("04.05.2025", now=now)
    month_first = parse_date_string("01.21.2020 07:00 AM", now=now)
    assert day_first is not None and day_first.value == date(2025, 5, 4)
    assert month_first is not None and month_first.value == date(2020, 1, 21)
    assert month_first.rule == "dotted-month-day-year"


# --- the date block of a page dump (CleanedDocument.header) ------------------------------------


def _dated_by_header(*header: str) -> PublishedDate:
    raw = RawDocument(path="page.txt", text="Body text.", source_format="text")
    cleaned = CleanedDocument(raw=raw, text="Body text.", header=header)
    published, _ = date_article(cleaned, now=NOW)
    return published


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By John Walk - January 10, 2020", date(2020, 1, 10)),
        ("Written by Hollis Varga on July 27, 2017", date(2017, 7, 27)),
        ("Published: November 2, 2023 6.55pm SAST", date(2023, 11, 2)),
        ("12:39, 2 NOV 2023", date(2023, 11, 2)),
        ("01.21.2020 07:00 AM", date(2020, 1, 21)),
        ("Mar 28, 2016·3 min read", date(2016, 3, 28)),
        ("Friday, December 23, 2016", date(2016, 12, 23)),
        ("07:16 GMT +304 February 2017", date(2017, 2, 4)),
        ("Shana Nys DambrotNovember 6, 2023", date(2023, 11, 6)),
        (
            "By Ela on 31. October, 2023 | 18 Comments. This post may contain links we earn from.",
            date(2023, 10, 31),
        ),
    ],
)
def test_date_block_forms(line: str, expected: date) -> None:
    published = _dated_by_header("A headline", line)
    assert published.value == expected
    assert published.evidence is not None and "date block" in published.evidence


def test_published_wins_over_updated_in_either_order() -> None:
    updated_first = (
        "Updated: November 3, 2023 9.10am SAST | Published: November 2, 2023 6.55pm SAST"
    )
    assert _dated_by_header(updated_first).value == date(2023, 11, 2)
    assert _dated_by_header("Updated 4 June 2019", "Published 3 June 2019").value == date(
        2019, 6, 3
    )


def test_an_updated_date_alone_is_not_the_publication() -> None:
    assert _dated_by_header("A headline", "Updated March 28, 2022").value is None


def test_a_date_deep_in_a_long_header_line_is_prose_not_a_date_block() -> None:
    caption = (
        "Councillors and residents listened to the engineers at the public meeting that was "
        "held in the town hall of Tessel on July 29, 2015, before the dam was rebuilt."
    )
    assert _dated_by_header("A headline", caption).value is None


def test_a_bare_label_on_the_line_above_labels_the_date() -> None:
    cleaned = _page_with_label_above()
    published, _ = date_article(cleaned, now=NOW)
    assert published.value == date(2018, 4, 6)
    assert published.evidence is not None and published.evidence.startswith("published")


def _page_with_label_above() -> CleanedDocument:
    """A page dump whose date sits on the line below its "Published:" label."""
    body = (
        "The old bridge over the Lenne will close for repairs from Monday, the roads office "
        "said, sending traffic through the ring road for at least eight months while divers "
        "check the piers that the spring floods undermined last year."
    )
    page = "\n".join(
        [
            "Home",
            "News",
            "Sport",
            "Travel",
            "Weather",
            "Bridge over the Lenne to close for eight months",
            "Published:",
            "2018-04-06 09:30",
            "",
            body,
            "",
            body.replace("old", ""),
        ]
    )
    return clean_document(RawDocument(path="p.txt", text=page, source_format="text"))
