"""Deictic and anaphoric expressions resolved against the reference or the previous date."""

from __future__ import annotations

from tests.dates.timex.conftest import find, values


def test_weekday_past_and_future() -> None:
    assert find("The mayor resigned on Monday.", "Monday").value == "2017-04-10"
    assert find("The council will meet on Monday.", "Monday").value == "2017-04-17"
    assert find("Officials said Wednesday that talks failed.", "Wednesday").value == "2017-04-12"


def test_weekday_with_part_of_day_is_a_time() -> None:
    t = find("The storm hit late Saturday night, residents said.", "late Saturday night")
    assert (t.type, t.value, t.mod) == ("TIME", "2017-04-08TNI", "END")


def test_deictic_days() -> None:
    assert find("Shares fell yesterday.", "yesterday").value == "2017-04-11"
    assert find("The verdict is due tomorrow.", "tomorrow").value == "2017-04-13"
    assert find("He spoke this morning.", "this morning").value == "2017-04-12TMO"


def test_last_week_is_an_iso_week() -> None:
    assert find("Prices rose last week.", "last week").value == "2017-W14"
    assert find("Prices rose last month.", "last month").value == "2017-03"
    assert find("It may recover next year.", "next year").value == "2018"


def test_position_modifiers() -> None:
    t = find("Growth slowed earlier this year.", "earlier this year")
    assert (t.value, t.mod) == ("2017", "START")
    t = find("The plan emerged late last year.", "late last year")
    assert (t.value, t.mod) == ("2016", "END")


def test_ago_and_earlier() -> None:
    assert find("The fire began two days ago.", "two days ago").value == "2017-04-10"
    found = values("The dam broke on March 3. A week earlier, engineers had warned.")
    assert found[-1] == ("A week earlier", "DATE", "2017-02-24")


def test_following_day_anchors_on_previous_date() -> None:
    found = values("The polls opened on Jan. 9. The following day, results came in.")
    assert found[-1] == ("The following day", "DATE", "2017-01-10")


def test_quarters_and_year_earlier() -> None:
    found = values("Profit rose in the first quarter from a year earlier.")
    assert found == [
        ("the first quarter", "DATE", "2017-Q1"),
        ("a year earlier", "DATE", "2016-Q1"),
    ]
    assert find("Third-quarter sales slipped.", "Third-quarter").value == "2016-Q3"


def test_seasons() -> None:
    assert find("The bridge opened last summer.", "last summer").value == "2016-SU"
    assert find("Work resumes in the spring of 2018.", "the spring of 2018").value == "2018-SP"


def test_no_reference_is_underspecified() -> None:
    assert find("Rents rose last week.", "last week", reference=None).value == "XXXX-WXX"
    assert find("He left on Friday.", "Friday", reference=None).value == "XXXX-WXX-5"
