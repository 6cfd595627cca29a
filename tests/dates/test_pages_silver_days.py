"""The page benchmark's silver date given as a UTC instant: the outlet's local day counts.

A page prints "PUBLISHED: January 16, 2023 at 4:30 p.m." in its own time zone while its
metadata gives the same moment as "2023-01-17T00:30:41Z"; dateline keeps the printed day.
"""

from __future__ import annotations

from datetime import date

from dateline.eval.pages_data import utc_days
from dateline.eval.pages_score import RIGHT, UNKNOWN, WRONG, date_outcome, local_day


def test_a_utc_instant_falls_on_the_days_of_the_world_time_zones() -> None:
    assert utc_days("2023-01-17T00:30:41Z") == {date(2023, 1, 16), date(2023, 1, 17)}
    assert utc_days("2022-04-22T04:11:44+00:00") == {date(2022, 4, 21), date(2022, 4, 22)}
    # 11:30 UTC is still the day before at UTC-12 and already the day after at UTC+14
    assert utc_days("2020-02-25T11:30:00Z") == {
        date(2020, 2, 24),
        date(2020, 2, 25),
        date(2020, 2, 26),
    }


def test_a_local_stamp_or_a_bare_date_is_already_the_outlets_day() -> None:
    assert utc_days("2020-02-24T21:25:54-05:00") == frozenset()
    assert utc_days("2023-01-16") == frozenset()
    assert utc_days("2023-01-16 16:30:41") == frozenset()


def test_the_local_day_of_a_utc_silver_is_right_and_counted_apart() -> None:
    silver = date(2023, 1, 17)
    days = utc_days("2023-01-17T00:30:41Z")
    assert date_outcome(date(2023, 1, 16), silver, days) == RIGHT
    assert local_day(date(2023, 1, 16), silver, days)
    assert not local_day(date(2023, 1, 17), silver, days)
    assert date_outcome(date(2023, 1, 15), silver, days) == WRONG
    assert date_outcome(date(2023, 1, 16), silver) == WRONG  # no UTC instant: strict
    assert date_outcome(None, silver, days) == UNKNOWN
