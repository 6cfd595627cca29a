"""Rules for calendar expressions that name their date: "Aug. 7, 1998", "April 4", "28-29 June",
"1990", "the 1990s", "the 20th century", "10:35 a.m.", "Christmas".

A missing year is taken from the reference date and the clause's tense
(``normalise.year_for``); with no reference date it stays ``XXXX``.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.dates.timex import tense
from dateline.dates.timex.calendar import Point, easter, nth_weekday, safe_date, weekday_near
from dateline.dates.timex.context import Context
from dateline.dates.timex.model import Hit, Rule
from dateline.dates.timex.normalise import day_of, mod_of, month_of, year_for
from dateline.dates.timex.patterns import (
    AMBIGUOUS_MONTH,
    DAY,
    HOLIDAY,
    MONTH,
    MONTH_WORDS,
    NUMBER_TOKEN,
    ORDINAL,
    POSITION,
    SAFE_MONTH,
    WEEKDAY,
    YEAR,
    B,
    E,
    alternation,
    compile_rule,
    words,
)
from dateline.vocab import timex as vocab

FAMILY = "absolute"

#: Two-digit years at or above this are 19xx, below it 20xx ("11/02/89" -> 1989).
TWO_DIGIT_PIVOT = 40


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= TWO_DIGIT_PIVOT else 2000
    return year


def _day_hit(ctx: Context, m: re.Match[str], month: int, day: int, year: int | None) -> Hit:
    """A DATE for (year, month, day), choosing the year when it is missing."""
    if year is None and ctx.reference is not None:
        year = year_for(ctx.reference, month, day, ctx.tense(m))
    if year is None:
        return Hit("DATE", f"XXXX-{month:02d}-{day:02d}")
    date = safe_date(year, month, day)
    if date is None:
        return Hit("DATE", f"{year}-{month:02d}-{day:02d}")
    return Hit("DATE", date.isoformat(), anchor=Point("day", date))


def _iso(m: re.Match[str], ctx: Context) -> list[Hit]:
    return [_day_hit(ctx, m, int(m["m"]), int(m["d"]), int(m["y"]))]


def _numeric(m: re.Match[str], ctx: Context) -> list[Hit]:
    month, day = int(m["m"]), int(m["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return []
    return [_day_hit(ctx, m, month, day, _full_year(m["y"]))]


def _month_day(m: re.Match[str], ctx: Context) -> list[Hit]:
    month = month_of(m["mon"])
    year = int(m["y"]) if m["y"] else None
    first = _day_hit(ctx, m, month, day_of(m["d"]), year)
    first = Hit(first.type, first.value, mod_of(m["pos"]), anchor=first.anchor)
    if not m["d2"]:
        return [first]
    # "June 28-29": two expressions, the second one just the day number
    year_ = first.value[:4]
    value = f"{year_}-{month:02d}-{day_of(m['d2']):02d}"
    return [
        Hit(first.type, first.value, start=m.start(), end=m.end("d")),
        Hit("DATE", value, start=m.start("d2"), end=m.end(), anchor=first.anchor),
    ]


def _day_month(m: re.Match[str], ctx: Context) -> list[Hit]:
    month = month_of(m["mon"])
    year = int(m["y"]) if m["y"] else None
    last = _day_hit(ctx, m, month, day_of(m["d"] if not m["d2"] else m["d2"]), year)
    if not m["d2"]:
        return [last]
    # "28-29 June": the first day alone, then "29 June"
    value = f"{last.value[:4]}-{month:02d}-{day_of(m['d']):02d}"
    return [
        Hit("DATE", value, start=m.start("d"), end=m.end("d")),
        Hit(last.type, last.value, start=m.start("d2"), end=m.end(), anchor=last.anchor),
    ]


def _month_year(m: re.Match[str], ctx: Context) -> list[Hit]:
    month, year = month_of(m["mon"]), int(m["y"])
    point = Point("month", dt.date(year, month, 1))
    return [Hit("DATE", point.value, mod_of(m["pos"]), anchor=point)]


def _month(m: re.Match[str], ctx: Context) -> list[Hit]:
    month = month_of(m["mon"] or m["amb"])
    rel = (m["rel"] or m["rel2"] or "").lower()
    mod = mod_of(m["pos"])
    if ctx.reference is None:
        return [Hit("DATE", f"XXXX-{month:02d}", mod)]
    ref = ctx.reference
    if m["yrel"]:  # "June last year"
        year = ref.year + {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
    elif rel == "last":
        year = ref.year - 1 if month >= ref.month else ref.year
    elif rel == "next":
        year = ref.year + 1 if month <= ref.month else ref.year
    elif rel == "this":
        year = ref.year
    else:
        year = year_for(ref, month, None, ctx.tense(m)) or ref.year
    point = Point("month", dt.date(year, month, 1))
    return [Hit("DATE", point.value, mod, anchor=point)]


def _year(m: re.Match[str], ctx: Context) -> list[Hit]:
    year = int(m["y"])
    point = Point("year", dt.date(year, 1, 1))
    return [Hit("DATE", point.value, mod_of(m["pos"]), anchor=point)]


def _year_range(m: re.Match[str], ctx: Context) -> list[Hit]:
    """ "1917-1918", "1915-17": two years, the second completed from the first."""
    first = int(m["y"])
    tail = m["y2"]
    second = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
    if not first < second <= first + 50:
        return []
    return [
        Hit("DATE", str(first), start=m.start("y"), end=m.end("y")),
        Hit("DATE", str(second), start=m.start("y2"), end=m.end("y2")),
    ]


def _bc_year(m: re.Match[str], ctx: Context) -> list[Hit]:
    return [Hit("DATE", f"BC{int(m['y']):04d}")]


def _spelled_year(m: re.Match[str], ctx: Context) -> list[Hit]:
    century = {"nineteen": 19, "twenty": 20}[m["c"].lower()]
    tens = vocab.NUMBER_WORDS[m["t"].lower()]
    units = vocab.NUMBER_WORDS[m["u"].lower()] if m["u"] else 0
    year = century * 100 + tens + units
    point = Point("year", dt.date(year, 1, 1))
    return [Hit("DATE", point.value, anchor=point)]


def _decade_word(m: re.Match[str], ctx: Context) -> list[Hit]:
    return [Hit("DATE", f"19{vocab.DECADE_WORDS[m['w'].lower()]}", mod_of(m["pos"]))]


def _year_end(m: re.Match[str], ctx: Context) -> list[Hit]:
    mod = "APPROX" if m["pre"] else None
    if ctx.reference is None:
        return [Hit("DATE", "XXXX", mod)]
    year = ctx.reference.year
    if ctx.before(m).rstrip().endswith("since"):
        year -= 1
    return [Hit("DATE", str(year), mod)]


def _decade(m: re.Match[str], ctx: Context) -> list[Hit]:
    digits = re.sub(r"\D", "", m["dec"])
    if len(digits) == 2:
        century = 19 if int(digits) >= TWO_DIGIT_PIVOT else 20
        digits = f"{century}{digits}"
    return [Hit("DATE", digits[:3], mod_of(m["pos"]))]


def _century(m: re.Match[str], ctx: Context) -> list[Hit]:
    ordinal = vocab.ORDINALS[m["ord"].lower()]
    return [Hit("DATE", f"{ordinal - 1:02d}", mod_of(m["pos"]))]


def _day_of_word(word: str | None, ctx: Context, m: re.Match[str]) -> dt.date | None:
    """The date a day word ("Wednesday", "yesterday") points at, or None.

    A weekday is the last one on or before the reference, or the next one in a future clause
    ("the offer expires at 5 p.m. Friday").
    """
    ref = ctx.reference
    if not word:  # "at 10 p.m.": the day last named, else the reference day
        last = ctx.last
        return last.day if last is not None and last.gran == "day" else ref
    if ref is None:
        return None
    low = word.lower()
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if low in offsets:
        return ref + dt.timedelta(days=offsets[low])
    direction = 1 if ctx.tense(m) == tense.FUTURE else -1
    return weekday_near(ref, vocab.WEEKDAYS[word], direction)


def _clock(m: re.Match[str], ctx: Context) -> list[Hit]:
    hour = int(m["h"])
    minute = int(m["min"]) if m["min"] else 0
    ampm = (m["ampm"] or "").lower().replace(".", "").strip()
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return []
    day = _day_of_word(m["wd"], ctx, m)
    if m["mon"]:
        year = ctx.reference.year if ctx.reference else None
        day = safe_date(year, month_of(m["mon"]), day_of(m["d"])) if year else None
    prefix = "XXXX-XX-XX" if day is None else day.isoformat()
    return [Hit("TIME", f"{prefix}T{hour:02d}:{minute:02d}", mod_of(m["pre"]))]


def _noon(m: re.Match[str], ctx: Context) -> list[Hit]:
    word = m["wd"] or m["wd2"]
    day = _day_of_word(word or "today", ctx, m)
    clock = "24:00" if m["w"].lower() == "midnight" else "12:00"
    prefix = "XXXX-XX-XX" if day is None else day.isoformat()
    return [Hit("TIME", f"{prefix}T{clock}")]


def _holiday_date(name: str, year: int) -> dt.date:
    key = " ".join(name.split())
    if key in vocab.FIXED_HOLIDAYS:
        month, day = vocab.FIXED_HOLIDAYS[key]
        return dt.date(year, month, day)
    if key in vocab.WEEKDAY_HOLIDAYS:
        return nth_weekday(year, *vocab.WEEKDAY_HOLIDAYS[key])
    return easter(year) + dt.timedelta(days=vocab.EASTER_HOLIDAYS[key])


def _holiday(m: re.Match[str], ctx: Context) -> list[Hit]:
    if m["y"]:
        year: int | None = int(m["y"])
    elif ctx.reference is not None:
        probe = _holiday_date(m["h"], ctx.reference.year)
        year = year_for(ctx.reference, probe.month, probe.day, ctx.tense(m))
    else:
        year = None
    if year is None:
        key = " ".join(m["h"].split())
        if key in vocab.FIXED_HOLIDAYS:
            month, day = vocab.FIXED_HOLIDAYS[key]
            return [Hit("DATE", f"XXXX-{month:02d}-{day:02d}")]
        return [Hit("DATE", "XXXX-XX-XX")]
    date = _holiday_date(m["h"], year)
    return [Hit("DATE", date.isoformat(), anchor=Point("day", date))]


_POS = rf"(?:(?P<pos>{POSITION})\s*)?"
_AMPM = r"(?P<ampm>[ap]\.\s?m\.|[ap]m\b|[ap]\.m(?=\s*$|\s*\n)|o'clock)"
_TZ = r"(?:\s+(?-i:EST|EDT|GMT|PST|PDT|CST|CDT|UTC|BST|CET))?"
_DAYWORD = rf"(?:{WEEKDAY}|today|tonight|yesterday|tomorrow)"
_IN_MONTH = r"(?:(?<=\bin )|(?<=\bby )|(?<=\bsince )|(?<=\buntil )|(?<=\bfrom )|(?<=\bearly )"
_IN_MONTH += r"|(?<=\blate )|(?<=\bmid-)|(?<=\bbefore )|(?<=\bafter )|(?<=\bthrough )|(?<=\bof )"
_IN_MONTH += r"|(?<=\bduring ))"

RULES = [
    Rule(
        "date-iso",
        FAMILY,
        compile_rule(rf"{B}(?P<y>\d{{4}})-(?P<m>\d\d)-(?P<d>\d\d){E}"),
        _iso,
        triggers=frozenset({NUMBER_TOKEN}),
    ),
    Rule(
        "date-numeric",
        FAMILY,
        compile_rule(rf"{B}(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})/(?P<y>\d{{4}}|\d\d){E}"),
        _numeric,
        triggers=frozenset({NUMBER_TOKEN}),
    ),
    Rule(
        "date-month-day",
        FAMILY,
        compile_rule(
            rf"{B}{_POS}(?:{WEEKDAY}\s?,?\s+)?(?P<mon>{MONTH})\s*(?P<d>{DAY})"
            rf"(?:(?:\s*[-–]\s*|\s+and\s+)(?P<d2>{DAY})(?!\s+[a-z]))?(?:\s?,?\s+(?P<y>{YEAR}))?{E}"
        ),
        _month_day,
        triggers=MONTH_WORDS,
    ),
    Rule(
        "date-day-month",
        FAMILY,
        compile_rule(
            rf"{B}(?:{WEEKDAY}\s?,?\s+)?(?:the\s+)?(?P<d>{DAY})(?:\s*[-–]\s*(?P<d2>{DAY}))?"
            rf"\s+(?:of\s+)?(?P<mon>{MONTH})(?:\s?,?\s+(?P<y>{YEAR}))?{E}"
        ),
        _day_month,
        triggers=MONTH_WORDS,
    ),
    Rule(
        "date-month-year",
        FAMILY,
        compile_rule(rf"{B}{_POS}(?P<mon>{MONTH})\s?,?\s+(?:of\s+)?(?P<y>{YEAR}){E}"),
        _month_year,
        triggers=MONTH_WORDS,
    ),
    Rule(
        "date-month",
        FAMILY,
        compile_rule(
            rf"{B}(?:{_POS}(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?"
            rf"(?P<mon>{SAFE_MONTH})"
            rf"|(?:(?:{POSITION})\s*|(?P<rel2>last|this|next)\s+|{_IN_MONTH})(?P<amb>{AMBIGUOUS_MONTH}))"
            rf"(?:,?\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year)?{E}"
        ),
        _month,
        triggers=MONTH_WORDS,
    ),
    Rule(
        "date-year",
        FAMILY,
        compile_rule(
            rf"{B}(?:(?P<pos>{POSITION}|the\s+end\s+of\s+)\s*)?"
            rf"(?:(?:the\s+)?fiscal(?:\s+year)?\s+)?(?P<y>{YEAR}){E}"
            r"(?!\s*(?:%|percent|-\d|[A-Z]\w+\s+(?:shares|people|units)))"
        ),
        _year,
        triggers=frozenset({NUMBER_TOKEN}),
    ),
    Rule(
        "date-year-range",
        FAMILY,
        compile_rule(rf"{B}(?P<y>{YEAR})\s*[-–]\s*(?P<y2>1[6-9]\d\d|20\d\d|\d\d)(?![\d%])"),
        _year_range,
        triggers=frozenset({NUMBER_TOKEN}),
    ),
    Rule(
        "date-bc",
        FAMILY,
        compile_rule(rf"{B}(?:ca\.\s+)?(?P<y>\d{{1,4}})\s+(?:BC|B\.C\.?|BCE)(?![\w])"),
        _bc_year,
        triggers=words("BC B C BCE"),
    ),
    Rule(
        "date-decade",
        FAMILY,
        compile_rule(rf"{B}(?:the\s+)?{_POS}(?P<dec>\d{{3}}0'?s|'\d0s|\d0's){E}"),
        _decade,
        triggers=frozenset({NUMBER_TOKEN}),
    ),
    Rule(
        "date-spelled-year",
        FAMILY,
        compile_rule(
            rf"{B}(?P<c>nineteen|twenty)[\s-]+(?P<t>ten|twenty|thirty|forty|fifty|sixty|seventy|"
            r"eighty|ninety)(?:[\s-]+(?P<u>one|two|three|four|five|six|seven|eight|nine))?(?![\w-])"
        ),
        _spelled_year,
        triggers=words("nineteen twenty"),
    ),
    Rule(
        "date-decade",
        FAMILY,
        compile_rule(rf"{B}the\s+{_POS}(?P<w>{alternation(vocab.DECADE_WORDS)}){E}"),
        _decade_word,
        triggers=words(vocab.DECADE_WORDS),
    ),
    Rule(
        "date-year-end",
        FAMILY,
        compile_rule(rf"{B}(?:(?P<pre>around|about)\s+)?(?:year[\s-]end|year's\s+end){E}"),
        _year_end,
        triggers=words("end"),
    ),
    Rule(
        "date-century",
        FAMILY,
        compile_rule(rf"{B}(?:the\s+)?{_POS}(?P<ord>{ORDINAL})[\s-]+century{E}"),
        _century,
        triggers=words("century"),
    ),
    Rule(
        "time-clock",
        FAMILY,
        compile_rule(
            rf"{B}(?:(?P<pre>around|about|approximately|roughly|shortly\s+after|just\s+after)\s+)?"
            rf"(?P<h>\d{{1,2}})(?:[:.](?P<min>\d\d))?\+?\s*{_AMPM}{_TZ}"
            rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{_DAYWORD})|(?P<mon>{MONTH})\s*(?P<d>{DAY})))?"
        ),
        _clock,
        triggers=frozenset({NUMBER_TOKEN}),
    ),
    Rule(
        "time-clock",
        FAMILY,
        compile_rule(
            rf"{B}(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?P<ampm>)(?P<wd>)?(?P<mon>)?(?P<d>)?(?P<pre>)?(?![\d:])"
        ),
        _clock,
        triggers=frozenset({NUMBER_TOKEN}),
    ),
    Rule(
        "time-noon",
        FAMILY,
        compile_rule(
            rf"{B}(?:(?P<wd>{_DAYWORD})\s+)?(?P<w>noon|midnight|midday)"
            rf"(?:\s+(?P<wd2>{_DAYWORD}))?{E}"
        ),
        _noon,
        triggers=words("noon midnight midday"),
    ),
    Rule(
        "date-holiday",
        FAMILY,
        compile_rule(rf"{B}(?P<h>{HOLIDAY})(?:\s?,?\s+(?P<y>{YEAR}))?{E}"),
        _holiday,
        triggers=words(
            vocab.FIXED_HOLIDAYS, vocab.WEEKDAY_HOLIDAYS, vocab.EASTER_HOLIDAYS, last=True
        ),
    ),
]
