"""Words that make up printed dates: month and weekday names, time zones, dateline labels.

English only for now: the benchmark corpora and the first users' feeds are English, and every
other language needs its own word order rules as well as its own words. The date readers
(``dateline.dates.published`` and later the temporal tagger) build their patterns from these tables
and
match them case-insensitively, so each spelling appears here once, in its usual case.
Abbreviations are listed with and without their full stop because both are printed.
"""

from __future__ import annotations

import re

MONTHS: dict[int, tuple[str, ...]] = {
    1: ("January", "Jan", "Jan."),
    2: ("February", "Feb", "Feb."),
    3: ("March", "Mar", "Mar."),
    4: ("April", "Apr", "Apr."),
    5: ("May",),
    6: ("June", "Jun", "Jun."),
    7: ("July", "Jul", "Jul."),
    8: ("August", "Aug", "Aug."),
    9: ("September", "Sept", "Sept.", "Sep", "Sep."),
    10: ("October", "Oct", "Oct."),
    11: ("November", "Nov", "Nov."),
    12: ("December", "Dec", "Dec."),
}
"""Month number to every spelling of its name (AP style writes "Sept." as well as "Sep.")."""

WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: ("Monday", "Mon", "Mon."),
    1: ("Tuesday", "Tue", "Tue.", "Tues", "Tues."),
    2: ("Wednesday", "Wed", "Wed."),
    3: ("Thursday", "Thu", "Thu.", "Thur", "Thur.", "Thurs", "Thurs."),
    4: ("Friday", "Fri", "Fri."),
    5: ("Saturday", "Sat", "Sat."),
    6: ("Sunday", "Sun", "Sun."),
}
"""Weekday number as ``date.weekday()`` counts (Monday is 0) to every spelling of its name."""

TIMEZONES: tuple[str, ...] = (
    # Universal and western Europe
    "GMT", "UTC", "UT", "BST", "IST", "WET", "WEST",
    # Central and eastern Europe, Russia
    "CET", "CEST", "MET", "MEST", "EET", "EEST", "MSK",
    # North America (with the season-free forms US outlets print: "4 p.m. ET")
    "EST", "EDT", "ET", "CST", "CDT", "CT", "MST", "MDT", "MT", "PST", "PDT", "PT",
    "AKST", "AKDT", "HST", "AST", "ADT", "NST", "NDT",
    # Asia and Oceania
    "JST", "KST", "HKT", "SGT", "PHT", "WIB", "PKT", "AEST", "AEDT", "ACST", "ACDT", "AWST",
    "NZST", "NZDT",
    # Africa
    "SAST", "CAT", "EAT", "WAT",
)  # fmt: skip
"""Time-zone abbreviations printed after a time. Several are ambiguous (IST is India, Ireland
or Israel; AST Atlantic or Arabia); dateline only needs to recognise them, never to convert."""

TIMEZONE_PHRASES: tuple[str, ...] = ("UK time", "local time")
"""Zones written as words after a time, as the BBC prints "18:00 UK time"."""

DATELINE_LABELS: tuple[str, ...] = (
    "Published",
    "First published",
    "Posted",
    "Updated",
    "Last updated",
    "Page last updated",
    "Last modified",
    "Modified",
    "Date",
    "Dated",
    "Aired",
    "Broadcast",
)
"""Words that introduce an article's own date at its top ("Published: 12.04.2025")."""

FUTURE_CUES = re.compile(
    r"\b(?:will|shall|is to|are to|is due|are due|is set to|are set to|scheduled|planned|"
    r"expected to|upcoming|next|due to)\b",
    re.IGNORECASE,
)
"""A sentence with one of these looks ahead: a date it names says nothing about when it was
written ("the vote will be held on 8 June")."""
