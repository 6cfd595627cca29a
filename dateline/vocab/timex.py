"""Vocabulary of the temporal tagger (``dateline.dates.timex``), as data.

The rules in ``dateline/dates/timex/`` build their regular expressions from these tables, so adding
a month spelling, a holiday or a fuzzy word is a one-line change here and never a new rule.
Values follow TimeML/TIMEX3 conventions (ISO 8601 with TimeML's extensions: ``TMO`` for
morning, ``SU`` for summer, ``PXY`` for "years", ``PAST_REF`` for "recently").
"""

from __future__ import annotations

from typing import Final

#: Month names and abbreviations (capitalised as written in news text) -> month number.
MONTHS: Final[dict[str, int]] = {
    "January": 1,
    "February": 2,
    "March": 3,
    "April": 4,
    "May": 5,
    "June": 6,
    "July": 7,
    "August": 8,
    "September": 9,
    "October": 10,
    "November": 11,
    "December": 12,
    "Jan.": 1,
    "Jan": 1,
    "Feb.": 2,
    "Feb": 2,
    "Mar.": 3,
    "Apr.": 4,
    "Apr": 4,
    "Jun.": 6,
    "Jul.": 7,
    "Aug.": 8,
    "Aug": 8,
    "Sept.": 9,
    "Sept": 9,
    "Sep.": 9,
    "Oct.": 10,
    "Oct": 10,
    "Nov.": 11,
    "Nov": 11,
    "Dec.": 12,
    "Dec": 12,
}

# Informal text (tweets) writes full names in lower case; "may" and "march" stay out.
MONTHS.update(
    {
        n_.lower(): m
        for n_, m in list(MONTHS.items())
        if "." not in n_ and len(n_) >= 4 and n_ != "March"
    }
)

#: Month names that are also common English words: only taken with a day, a year or a
#: temporal modifier ("in May", "last March"), never alone.
AMBIGUOUS_MONTHS: Final[frozenset[str]] = frozenset({"May", "March", "Jan", "Mar.", "Dec", "Oct"})

#: Weekday names (and news abbreviations) -> ISO weekday (Monday = 1).
WEEKDAYS: Final[dict[str, int]] = {
    "Monday": 1,
    "Tuesday": 2,
    "Wednesday": 3,
    "Thursday": 4,
    "Friday": 5,
    "Saturday": 6,
    "Sunday": 7,
    "Mon.": 1,
    "Tue.": 2,
    "Tues.": 2,
    "Wed.": 3,
    "Thu.": 4,
    "Thurs.": 4,
    "Fri.": 5,
    "Sat.": 6,
    "Sun.": 7,
}

# Informal text writes weekdays in lower case; the abbreviations ("sat", "sun") stay capitalised.
WEEKDAYS.update({name.lower(): n for name, n in list(WEEKDAYS.items()) if name.endswith("day")})

#: Words for a day relative to the reference date -> offset in days (with informal spellings).
DEICTIC_DAYS: Final[dict[str, int]] = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "tdy": 0,
    "tonite": 0,
    "2nite": 0,
    "tmr": 1,
    "tmrw": 1,
    "tomolo": 1,
    "2moro": 1,
    "2morrow": 1,
}

#: Day words that mean the night of that day.
NIGHT_WORDS: Final[frozenset[str]] = frozenset({"tonight", "tonite", "2nite"})

#: Number words -> value (compound numbers such as "twenty four" are summed by the rules).
NUMBER_WORDS: Final[dict[str, int]] = {
    "zero": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "one hundred": 100,
    "a thousand": 1000,
    "thousand": 1000,
    "a dozen": 12,
    "dozen": 12,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "half a": 0,
}

#: Vague quantities: the unit is kept, the number becomes X ("several years" = PXY).
VAGUE_QUANTITIES: Final[tuple[str, ...]] = (
    "several",
    "a few",
    "few",
    "many",
    "some",
    "numerous",
    "countless",
    "a number of",
)

#: Spelled-out decades ("the nineties") -> the decade's first two digits after 19.
DECADE_WORDS: Final[dict[str, int]] = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}

#: Ordinals (words and "1st".."4th") -> value, for quarters, halves and centuries.
ORDINALS: Final[dict[str, int]] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "19th": 19,
    "20th": 20,
    "21st": 21,
}

#: Unit words (singular and plural) -> TIMEX3 duration unit letter. Time units carry a T.
UNITS: Final[dict[str, str]] = {
    "second": "TS",
    "seconds": "TS",
    "minute": "TM",
    "minutes": "TM",
    "hour": "TH",
    "hours": "TH",
    "day": "D",
    "days": "D",
    "week": "W",
    "weeks": "W",
    "fortnight": "2W",
    "month": "M",
    "months": "M",
    "quarter": "Q",
    "quarters": "Q",
    "year": "Y",
    "years": "Y",
    "decade": "DE",
    "decades": "DE",
    "century": "CE",
    "centuries": "CE",
    # abbreviations of informal text ("4 hrs", "50mins")
    "hr": "TH",
    "hrs": "TH",
    "min": "TM",
    "mins": "TM",
    "sec": "TS",
    "secs": "TS",
    "wk": "W",
    "wks": "W",
    "yr": "Y",
    "yrs": "Y",
}

#: Parts of the day -> TIMEX3 time-of-day code.
PARTS_OF_DAY: Final[dict[str, str]] = {
    "morning": "MO",
    "mornings": "MO",
    "afternoon": "AF",
    "afternoons": "AF",
    "mid-afternoon": "AF",
    "evening": "EV",
    "evenings": "EV",
    "night": "NI",
    "nights": "NI",
    "overnight": "NI",
    "midday": "MI",
}

#: Seasons -> TIMEX3 season code.
SEASONS: Final[dict[str, str]] = {
    "spring": "SP",
    "summer": "SU",
    "summers": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
    "winters": "WI",
}

#: Holidays on a fixed day of the year -> (month, day).
FIXED_HOLIDAYS: Final[dict[str, tuple[int, int]]] = {
    "New Year's Day": (1, 1),
    "New Year's Eve": (12, 31),
    "Valentine's Day": (2, 14),
    "St. Patrick's Day": (3, 17),
    "Independence Day": (7, 4),
    "Fourth of July": (7, 4),
    "Bastille Day": (7, 14),
    "Halloween": (10, 31),
    "Veterans Day": (11, 11),
    "Christmas Eve": (12, 24),
    "Christmas Day": (12, 25),
    "Christmas": (12, 25),
    "Xmas": (12, 25),
    "xmas": (12, 25),
    "X'mas": (12, 25),
    "Boxing Day": (12, 26),
}

#: Holidays on the n-th weekday of a month -> (month, ISO weekday, n; -1 = last).
WEEKDAY_HOLIDAYS: Final[dict[str, tuple[int, int, int]]] = {
    "Thanksgiving Day": (11, 4, 4),
    "Thanksgiving": (11, 4, 4),
    "Martin Luther King Day": (1, 1, 3),
    "Presidents' Day": (2, 1, 3),
    "Memorial Day": (5, 1, -1),
    "Labor Day": (9, 1, 1),
    "Columbus Day": (10, 1, 2),
}

#: Holidays counted from Easter Sunday -> offset in days.
EASTER_HOLIDAYS: Final[dict[str, int]] = {
    "Easter Sunday": 0,
    "Easter": 0,
    "Good Friday": -2,
    "Easter Monday": 1,
    "Palm Sunday": -7,
}

#: Fuzzy words -> (TIMEX3 value, type). Extents follow TimeBank: "the past", "the future".
#: "soon" is left out: TBAQ train never tags it (12 occurrences).
FUZZY: Final[dict[str, str]] = {
    "now": "PRESENT_REF",
    "just now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "recently": "PAST_REF",
    "more recently": "PAST_REF",
    "recent": "PAST_REF",
    "the past": "PAST_REF",
    "lately": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
    "future quarters": "FUTURE_REF",
    "past years": "PAST_REF",
    "a later date": "FUTURE_REF",
}

#: Modifiers before an expression -> TIMEX3 mod. The modifier is part of the extent.
#: Prepositions that TimeBank leaves outside the extent ("over three years", "within a week",
#: "about five hours": 40 of 45 TBAQ train cases) are deliberately absent.
PRE_MODIFIERS: Final[dict[str, str]] = {
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "nearly": "APPROX",
    "almost": "LESS_THAN",
    "close to": "APPROX",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "more than": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "no less than": "EQUAL_OR_MORE",
}

#: Position words before a date ("early 1990", "mid-November", "the end of the year") -> mod.
POSITION_MODIFIERS: Final[dict[str, str]] = {
    "early": "START",
    "earlier": "START",
    "the beginning of": "START",
    "the start of": "START",
    "the middle of": "MID",
    "mid": "MID",
    "mid-": "MID",
    "late": "END",
    "later": "END",
    "the end of": "END",
    "the close of": "END",
}

#: Adverbs of frequency -> SET value.
FREQUENCY_WORDS: Final[dict[str, str]] = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "annually": "P1Y",
    "everyday": "P1D",
    "yearly": "P1Y",
}

#: Phrases that put a clause in the future, for resolving "on Monday", "in May" (``tense``).
#: Checked before the past forms, so "planned to" and "set to" read as future.
FUTURE_CUES: Final[tuple[str, ...]] = (
    "will",
    "won't",
    "wo",
    "'ll",
    "shall",
    "would",
    "going to",
    "plan to",
    "plans to",
    "planned to",
    "planning to",
    "expect to",
    "expects to",
    "expected to",
    "hope to",
    "hopes to",
    "aims to",
    "intends to",
    "supposed to",
    "set to",
    "is due",
    "are due",
    "is to",
    "are to",
    "scheduled",
    "expected",
    "slated",
    "next",
    "upcoming",
    "tomorrow",
    "as soon as",
    "as early as",
    "postponed",
    "deadline",
    "resume",
    "starting",
    "begins",
    "opens",
    "meets",
    "faces",
)

#: Words of intention before "to" + verb: the event they introduce is still to come
#: ("agreed to buy the plant in January").
INTENTION_WORDS: Final[tuple[str, ...]] = (
    "agree",
    "agreed",
    "agreement",
    "decided",
    "decision",
    "plan",
    "plans",
    "planned",
    "promised",
    "pledged",
    "vowed",
    "offered",
    "proposed",
    "proposal",
    "intends",
    "intend",
    "hopes",
    "hoped",
    "expects",
    "expected",
    "wants",
    "threatened",
    "voted",
)

#: Past-tense cues besides regular "-ed" forms: auxiliaries, reporting verbs and the
#: irregular verbs of news text.
PAST_CUES: Final[tuple[str, ...]] = (
    "was",
    "were",
    "had",
    "did",
    "ago",
    "last",
    "yesterday",
    "earlier",
    "since",
    "said",
    "told",
    "came",
    "went",
    "took",
    "made",
    "began",
    "gave",
    "met",
    "left",
    "saw",
    "won",
    "lost",
    "fell",
    "rose",
    "hit",
    "got",
    "held",
    "sent",
    "spoke",
    "ran",
    "brought",
    "bought",
    "sold",
    "paid",
    "found",
    "struck",
    "shot",
    "killed",
    "fought",
    "led",
    "thought",
    "knew",
    "wrote",
    "became",
    "broke",
    "chose",
    "drew",
    "drove",
    "flew",
    "grew",
    "heard",
    "kept",
    "meant",
    "put",
    "read",
    "set",
    "stood",
    "taught",
    "threw",
    "understood",
    "wore",
    "dealt",
    "fled",
    "felt",
    "sought",
    "swore",
    "quit",
    "cut",
    "hurt",
    "spent",
    "built",
    "arose",
    "forgot",
)
