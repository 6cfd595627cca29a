"""Shared pieces of normalisation: numbers, units, modifiers, and year choice.

Rule families (``absolute``, ``relative``, ``durations``, ``fuzzy``) call these so that each
rule's own function stays a few lines long.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.dates.timex import tense
from dateline.dates.timex.calendar import Point, safe_date
from dateline.vocab import timex as vocab

#: Unit letter (from ``vocab.UNITS``) -> granularity used to shift points.
UNIT_GRANULARITY = {
    "D": "day",
    "W": "week",
    "2W": "week",
    "M": "month",
    "Q": "quarter",
    "Y": "year",
    "DE": "decade",
    "CE": "decade",
}

#: Value of half a unit, for "half an hour", "half a year".
HALF_UNIT = {"TH": "PT30M", "TM": "PT30S", "D": "PT12H", "Y": "P6M", "M": "P2W", "W": "P3D"}

_VAGUE = frozenset(vocab.VAGUE_QUANTITIES)

#: A date without a year is taken nearest the reference unless the tense contradicts it by more
#: than this many days ("was closed on Dec. 20" written in March: last December). Tuned on TBAQ
#: train, where news refers to near dates and the cheap tense cue errs on "expected"/"scheduled".
TENSE_OVERRIDE_DAYS = 90


def number(text: str | None) -> int | None:
    """The integer a quantity denotes ("two", "twenty four", "1,000", "a"); None if vague."""
    if text is None:
        return 1
    words = " ".join(text.lower().replace("-", " ").split())
    digits = words.replace(",", "")
    if words in _VAGUE or re.fullmatch(r"\d+\.\d+", digits):
        return None
    if digits.isdigit():
        return int(digits)
    if words in vocab.NUMBER_WORDS:
        return vocab.NUMBER_WORDS[words]
    total = 0
    for word in words.split():
        value = vocab.NUMBER_WORDS.get(word, -1) if word != "and" else 0
        if value < 0:
            return None
        total = total * value if value in (100, 1000) and total else total + value
    return total


def unit_code(unit: str) -> str:
    """The TIMEX3 unit code of a unit word ("hours" -> "TH")."""
    return vocab.UNITS[" ".join(unit.lower().split())]


def duration(amount: int | None, unit: str) -> str:
    """A TIMEX3 duration value: ``duration(2, "TH") == "PT2H"``; None amount gives X."""
    if unit == "2W":
        amount, unit = (None if amount is None else 2 * amount), "W"
    if unit in ("DE", "CE"):
        factor = 10 if unit == "DE" else 100
        amount, unit = (None if amount is None else factor * amount), "Y"
    text = "X" if amount is None else str(amount)
    if unit.startswith("T"):
        return f"PT{text}{unit[1:]}"
    return f"P{text}{unit}"


#: "2 1/2 years": the half is written in the next smaller unit (P2Y6M, PT5H30M).
_HALF_IN = {"Y": "6M", "M": "15D", "D": "T12H", "TH": "30M", "TM": "30S"}


def with_half(amount: int, unit: str) -> str:
    """A duration of ``amount`` and a half units: ``with_half(2, "Y") == "P2Y6M"``."""
    if unit in _HALF_IN:
        return duration(amount, unit) + _HALF_IN[unit]
    if unit in ("DE", "CE"):
        years = 10 if unit == "DE" else 100
        return f"P{years * amount + years // 2}Y"
    return duration(amount, unit).replace(str(amount), f"{amount}.5", 1)


def mod_of(*words: str | None) -> str | None:
    """The TIMEX3 mod of the first modifier word given (pre-modifier or position)."""
    for word in words:
        if not word:
            continue
        key = " ".join(word.lower().split())
        if key in vocab.PRE_MODIFIERS:
            return vocab.PRE_MODIFIERS[key]
        if key in vocab.POSITION_MODIFIERS:
            return vocab.POSITION_MODIFIERS[key]
    return None


def year_for(
    reference: dt.date, month: int, day: int | None, tense_guess: str | None
) -> int | None:
    """The year that puts (month, day) nearest the reference, consistent with the tense.

    The nearest date wins unless a past clause puts it more than ``TENSE_OVERRIDE_DAYS`` after
    the reference (then a year earlier) or a future clause as far before it (a year later).
    """
    day_ = day or 15
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        date = safe_date(year, month, day_)
        if date is not None:
            candidates.append(date)
    if not candidates:
        return None
    nearest = min(candidates, key=lambda d: abs((d - reference).days))
    # a bare month ("in May") is after the reference month only in future clauses
    slack = TENSE_OVERRIDE_DAYS if day is not None else 16
    if tense_guess == tense.PAST and (nearest - reference).days > slack:
        earlier = [d for d in candidates if d < nearest]
        return max(earlier).year if earlier else nearest.year
    if tense_guess == tense.FUTURE and (reference - nearest).days > slack:
        later = [d for d in candidates if d > nearest]
        return min(later).year if later else nearest.year
    return nearest.year


def month_of(name: str) -> int:
    """Month number of a month name or abbreviation as written."""
    return vocab.MONTHS[" ".join(name.split())]


def day_of(text: str) -> int:
    """Day of month from "7", "07", "7th"."""
    return int(re.sub(r"\D", "", text))


def point_value(point: Point | None, fallback: str) -> str:
    """The point's value, or ``fallback`` (an underspecified value) without a point."""
    return fallback if point is None else point.value
