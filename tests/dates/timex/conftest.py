"""Shared helpers for the temporal tagger tests."""

from __future__ import annotations

import datetime as dt

from dateline.dates.timex import Timex, tag

#: Fixed reference (publication) date for every invented sentence: a Wednesday.
REF = dt.date(2017, 4, 12)


def find(text: str, phrase: str, reference: dt.date | None = REF) -> Timex:
    """The timex whose text is exactly ``phrase`` (fails the test if absent)."""
    found = tag(text, reference)
    for timex in found:
        if timex.text == phrase:
            return timex
    raise AssertionError(f"{phrase!r} not tagged in {text!r}: {found}")


def values(text: str, reference: dt.date | None = REF) -> list[tuple[str, str, str]]:
    """(text, type, value) of every timex found."""
    return [(t.text, t.type, t.value) for t in tag(text, reference)]
