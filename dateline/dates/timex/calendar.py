"""Calendar points at a granularity, their TIMEX3 values and their arithmetic.

A relative expression is resolved by moving a point ("last week" = this week minus one week)
while keeping a granularity (a day, an ISO week, a quarter...). TimeML values depend on that
granularity ("a year earlier" after "the third quarter" is 1988-Q3, not 1988), so a point
carries it explicitly instead of being a bare ``datetime.date``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

#: Granularities from finest to coarsest.
GRANULARITIES = ("day", "week", "weekend", "month", "season", "quarter", "half", "year", "decade")

#: Season code -> month at which the season is taken to start (northern hemisphere).
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True)
class Point:
    """A calendar point: ``day`` is any day inside the point; ``code`` a season code."""

    gran: str
    day: dt.date
    code: str = ""

    @property
    def value(self) -> str:
        """The TIMEX3 value of the point."""
        d = self.day
        year, week, _ = d.isocalendar()
        formats = {
            "day": d.isoformat(),
            "week": f"{year}-W{week:02d}",
            "weekend": f"{year}-W{week:02d}-WE",
            "month": f"{d.year}-{d.month:02d}",
            "quarter": f"{d.year}-Q{(d.month - 1) // 3 + 1}",
            "half": f"{d.year}-H{1 if d.month <= 6 else 2}",
            "season": f"{d.year}-{self.code}",
            "decade": f"{d.year // 10}",
        }
        return formats.get(self.gran, f"{d.year}")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the end of shorter months."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def shift(point: Point, amount: int, unit: str) -> Point:
    """``point`` moved by ``amount`` units (a granularity name), keeping its granularity."""
    day = point.day
    if unit == "day":
        day += dt.timedelta(days=amount)
    elif unit in ("week", "weekend"):
        day += dt.timedelta(weeks=amount)
    elif unit == "month":
        day = add_months(day, amount)
    elif unit == "quarter":
        day = add_months(day, 3 * amount)
    elif unit in ("half",):
        day = add_months(day, 6 * amount)
    elif unit in ("year", "season"):
        day = add_months(day, 12 * amount)
    elif unit == "decade":
        day = add_months(day, 120 * amount)
    return replace(point, day=day)


def at(day: dt.date, gran: str, code: str = "") -> Point:
    """The point of granularity ``gran`` containing ``day``."""
    return Point(gran, day, code)


def season_point(year: int, code: str) -> Point:
    """The season ``code`` of ``year``."""
    return Point("season", dt.date(year, SEASON_START[code], 15), code)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ISO ``weekday`` of a month (``n = -1``: the last one)."""
    if n > 0:
        first = dt.date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (n - 1))
    last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def weekday_near(reference: dt.date, weekday: int, direction: int) -> dt.date:
    """The ISO ``weekday`` on or before (``direction < 0``) or on or after ``reference``."""
    if direction < 0:
        return reference - dt.timedelta(days=(reference.isoweekday() - weekday) % 7)
    return reference + dt.timedelta(days=(weekday - reference.isoweekday()) % 7)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """``datetime.date`` or None when the parts do not form a date."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
