"""Calendar dates, years, decades, clock times and holidays."""

from __future__ import annotations

import datetime as dt

from tests.dates.timex.conftest import find, values


def test_full_date_with_weekday() -> None:
    t = find("The board met on Tuesday, March 7, 2017, to vote.", "Tuesday, March 7, 2017")
    assert (t.type, t.value, t.rule) == ("DATE", "2017-03-07", "date-month-day")


def test_tokenised_text_with_a_space_before_the_comma_keeps_its_year() -> None:
    """Timeline17's texts are tokenised ("11 September , 2001"): one date, not a day in the
    reference year and a year apart."""
    assert values("After the 11 September , 2001 attacks, troops left.") == [
        ("the 11 September , 2001", "DATE", "2001-09-11")
    ]
    assert find("On September 11 , 2001 planes hit.", "September 11 , 2001").value == "2001-09-11"
    assert find("In September , 2001 it began.", "September , 2001").value == "2001-09"
    assert find("On Tuesday , 11 September 2001 ...", "Tuesday , 11 September 2001").value == (
        "2001-09-11"
    )


def test_month_day_takes_year_from_tense() -> None:
    assert find("The plant closed on Dec. 20.", "Dec. 20").value == "2016-12-20"
    assert find("The plant will reopen on Jan. 3.", "Jan. 3").value == "2018-01-03"
    assert find("The vote is on April 20.", "April 20").value == "2017-04-20"


def test_no_reference_gives_underspecified_year() -> None:
    assert find("Talks resume on April 4.", "April 4", reference=None).value == "XXXX-04-04"


def test_day_range_splits_in_two() -> None:
    found = values("The summit will run 28-29 June in Oslo.")
    assert found == [("28", "DATE", "2017-06-28"), ("29 June", "DATE", "2017-06-29")]


def test_numeric_and_iso_dates() -> None:
    assert find("Filed 03/02/15 in court.", "03/02/15").value == "2015-03-02"
    assert find("Released on 2016-11-30.", "2016-11-30").value == "2016-11-30"


def test_year_and_fiscal_year_and_position() -> None:
    assert find("Sales fell in 2009, the firm said.", "2009").value == "2009"
    assert find("In fiscal 2015, it lost money.", "fiscal 2015").value == "2015"
    t = find("The road opens by mid-2019.", "mid-2019")
    assert (t.value, t.mod) == ("2019", "MID")


def test_year_not_a_quantity() -> None:
    assert values("The index closed at 1876.5 points.") == []


def test_ambiguous_month_needs_context() -> None:
    assert values("Prices may rise, and troops march on.") == []
    assert find("The law took effect in May.", "May").value == "2016-05"


def test_decades_and_centuries() -> None:
    assert find("Prices soared in the 1970s.", "the 1970s").value == "197"
    t = find("It was built in the late 1880s.", "the late 1880s")
    assert (t.value, t.mod) == ("188", "END")
    assert find("A relic of the 19th century.", "the 19th century").value == "18"
    assert find("Music from the nineties returned.", "the nineties").value == "199"


def test_clock_times() -> None:
    t = find("The shots rang out at 10:35 a.m. Friday, police said.", "10:35 a.m. Friday")
    assert (t.type, t.value) == ("TIME", "2017-04-07T10:35")
    assert find("The store closes at noon today.", "noon today").value == "2017-04-12T12:00"


def test_holidays() -> None:
    assert find("Shops were shut on Christmas Day.", "Christmas Day").value == "2016-12-25"
    ref = dt.date(2017, 11, 1)
    assert find("Families will gather on Thanksgiving.", "Thanksgiving", ref).value == "2017-11-23"


def test_wire_dateline_is_tagged_like_aquaint() -> None:
    # AQUAINT's annotators tag the date of a wire dateline (11 of 14 in TBAQ train)
    assert values("BERLIN, March 3 (Agency) -- The minister resigned.") == [
        ("March 3", "DATE", "2017-03-03")
    ]
