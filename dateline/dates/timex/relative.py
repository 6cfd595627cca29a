"""Rules for expressions relative to the reference date or to the previous date in the text.

Deictic ("yesterday", "last week", "this year", "two days ago", "on Wednesday") resolve against
the reference (publication) date; anaphoric ones ("the following day", "a year earlier",
"that week") against the last date resolved in the text. Granularity follows TimeML: "last
week" is an ISO week (1998-W32), "a year earlier" after a quarter is a quarter.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.dates.timex import tense
from dateline.dates.timex.calendar import Point, season_point, shift, weekday_near
from dateline.dates.timex.context import Context
from dateline.dates.timex.model import Hit, Rule
from dateline.dates.timex.normalise import UNIT_GRANULARITY, duration, mod_of, number, unit_code
from dateline.dates.timex.patterns import (
    ORDINAL,
    PART_OF_DAY,
    POSITION,
    PRE_MOD,
    QUANTITY,
    SEASON,
    UNIT,
    WEEKDAY,
    WEEKDAY_WORDS,
    YEAR,
    B,
    E,
    alternation,
    compile_rule,
    words,
)
from dateline.vocab import timex as vocab

FAMILY = "relative"

_POS = rf"(?:(?P<pos>{POSITION})\s*)?"
_DEICTIC_OFFSET = vocab.DEICTIC_DAYS


def _with_part(day: Point | None, part: str | None, underspecified: str) -> Hit:
    """A DATE for a day, or a TIME when a part of the day is named ("Friday morning")."""
    if part:
        code = vocab.PARTS_OF_DAY[part.lower()]
        prefix = underspecified if day is None else day.value
        return Hit("TIME", f"{prefix}T{code}", anchor=day)
    if day is None:
        return Hit("DATE", underspecified)
    return Hit("DATE", day.value, anchor=day)


#: "the previous Friday", "the following Monday": counted from the last date in the text.
_ANAPHORIC_WEEKDAY = {"the previous": -1, "the preceding": -1, "the following": 1, "that": 0}


def _weekday(m: re.Match[str], ctx: Context) -> list[Hit]:
    weekday = vocab.WEEKDAYS[m["wd"]]
    rel = " ".join((m["rel"] or "").lower().split())
    mod = mod_of(m["pos"])
    if ctx.reference is None:
        hit = _with_part(None, m["part"], f"XXXX-WXX-{weekday}")
        return [Hit(hit.type, hit.value, mod)]
    ref = ctx.reference
    if rel in _ANAPHORIC_WEEKDAY:
        base = ctx.anchor()
        ref = ref if base is None or base.gran != "day" else base.day
        step = _ANAPHORIC_WEEKDAY[rel]
        if step:
            day = weekday_near(ref + dt.timedelta(days=step), weekday, step)
        else:
            day = weekday_near(ref, weekday, 1 if ctx.tense(m) == tense.FUTURE else -1)
    elif rel in ("last", "this past", "past"):
        day = weekday_near(ref - dt.timedelta(days=1), weekday, -1)
    elif rel in ("next", "this coming", "coming"):
        day = weekday_near(ref + dt.timedelta(days=1), weekday, 1)
    elif rel == "this":
        day = ref + dt.timedelta(days=weekday - ref.isoweekday())
    else:
        # "Wednesday's ruling" names an event already reported: the past one
        possessive = ctx.text.startswith("'s", m.end())
        direction = 1 if ctx.tense(m) == tense.FUTURE and not possessive else -1
        day = weekday_near(ref, weekday, direction)
    hit = _with_part(Point("day", day), m["part"], "")
    return [Hit(hit.type, hit.value, mod, anchor=hit.anchor)]


def _deictic(m: re.Match[str], ctx: Context) -> list[Hit]:
    word = m["w"].lower()
    part = m["part"]
    if word in vocab.NIGHT_WORDS:
        part = "night"
    if word in ("last night", "overnight"):
        offset, part = (-1, "night") if word == "last night" else (0, "overnight")
    elif word.startswith("the day before"):
        offset = -2
    elif word.startswith("the day after"):
        offset = 2
    else:
        offset = _DEICTIC_OFFSET[word.split()[0]]
    day = None if ctx.reference is None else Point("day", ctx.reference + dt.timedelta(offset))
    hit = _with_part(day, part, "XXXX-XX-XX")
    return [Hit(hit.type, hit.value, mod_of(m["pos"]), anchor=hit.anchor)]


def _this_part(m: re.Match[str], ctx: Context) -> list[Hit]:
    day = ctx.ref_point("day")
    hit = _with_part(day, m["part"], "XXXX-XX-XX")
    return [Hit(hit.type, hit.value, mod_of(m["pos"]))]


def _unit_gran(word: str) -> tuple[str, str]:
    """(granularity, season code) of a calendar unit word after "last"/"this"/"next"."""
    low = " ".join(word.lower().split())
    if low in vocab.SEASONS:
        return "season", vocab.SEASONS[low]
    if low in ("fiscal year", "year"):
        return "year", ""
    return low, ""


#: Words before a unit and the shift they mean; None means "the anchor itself".
_DEICTIC_REL = {
    "last": -1,
    "past": -1,
    "the past": -1,
    "the last": -1,
    "previous": -1,
    "this": 0,
    "this past": -1,
    "current": 0,
    "the current": 0,
    "next": 1,
    "coming": 1,
    "this coming": 1,
}
_ANAPHORIC_REL = {
    "the following": 1,
    "the next": 1,
    "the previous": -1,
    "the preceding": -1,
    "the prior": -1,
    "the same": 0,
    "that": 0,
}


def _relative_unit(m: re.Match[str], ctx: Context) -> list[Hit]:
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        if rel not in _ANAPHORIC_REL:
            return []  # "next day" without an article is rare and ambiguous
        base = ctx.anchor()
        if base is None:
            return [Hit("DATE", "XXXX-XX-XX")]
        point = shift(Point("day", base.day), _ANAPHORIC_REL[rel], "day")
        return [Hit("DATE", point.value, mod_of(m["pos"]), anchor=point)]
    gran, code = _unit_gran(m["unit"])
    mod = mod_of(m["pos"])
    if rel in _ANAPHORIC_REL:
        base = ctx.anchor()
        amount = _ANAPHORIC_REL[rel]
    else:
        base = ctx.ref_point("day")
        amount = _DEICTIC_REL[rel]
    if base is None:
        return [Hit("DATE", _underspecified(gran, code), mod)]
    if gran == "season":
        point = season_point(base.day.year, code)
        if amount < 0 and point.day > base.day:
            point = shift(point, -1, "year")
        elif amount > 0 and point.day < base.day:
            point = shift(point, 1, "year")
        return [Hit("DATE", point.value, mod, anchor=point)]
    point = shift(Point(gran, base.day), amount, gran)
    if gran == "weekend" and amount == 0 and rel != "this":
        point = shift(point, -1, "week")
    return [Hit("DATE", point.value, mod, anchor=point)]


def _underspecified(gran: str, code: str = "") -> str:
    return {
        "day": "XXXX-XX-XX",
        "week": "XXXX-WXX",
        "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX",
        "quarter": "XXXX-QX",
        "half": "XXXX-HX",
        "season": f"XXXX-{code}",
        "decade": "XXX",
    }.get(gran, "XXXX")


def _ago(m: re.Match[str], ctx: Context) -> list[Hit]:
    amount = number(m["q"])
    unit = unit_code(m["unit"])
    direction = m["dir"].lower().split()[0]
    sign = 1 if direction in ("later", "from", "hence", "after") else -1
    mod = mod_of(m["mod"])
    gran = UNIT_GRANULARITY.get(unit)
    if direction == "later":
        # "three days later": TimeBank tags the span alone, as a duration (and "later" not)
        return [Hit("DURATION", duration(amount, unit), mod, end=m.end("unit"))]
    if amount is None or gran is None:
        return [Hit("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)]
    if unit == "2W":
        amount *= 2
    anchored = direction in ("earlier", "later", "before", "after", "previously")
    base = ctx.anchor() if anchored else ctx.ref_point("day")
    if base is None:
        return [Hit("DATE", _underspecified(gran), mod)]
    keep = base.gran if anchored else gran
    # financial convention: "a year ago" after a quarter means that quarter, a year before
    if gran == "year" and ctx.last is not None and ctx.last.gran in ("quarter", "half"):
        base, keep = ctx.last, ctx.last.gran
    if _finer(gran, keep):
        keep = gran
    point = shift(Point(keep, base.day, base.code), sign * amount, gran)
    # a comparison ("up from $4 a year earlier") is not a new anchor: a second "a year
    # earlier" in the same report means the same year, not one more year back
    anchor = None if anchored and gran == "year" else point
    return [Hit("DATE", point.value, mod, anchor=anchor)]


def _finer(a: str, b: str) -> bool:
    order = ["day", "week", "weekend", "month", "season", "quarter", "half", "year", "decade"]
    return order.index(a) < order.index(b) if a in order and b in order else False


def _year_earlier(m: re.Match[str], ctx: Context) -> list[Hit]:
    quarterly = ctx.last is not None and ctx.last.gran in ("quarter", "half")
    base = ctx.last if quarterly else ctx.ref_point("year")
    if base is None:
        return [Hit("DATE", "XXXX")]
    gran = base.gran
    point = shift(Point(gran, base.day, base.code), -1, "year")
    return [Hit("DATE", point.value)]  # a comparison, not a new anchor (see ``_ago``)


def _quarter(m: re.Match[str], ctx: Context) -> list[Hit]:
    ordinal = vocab.ORDINALS[m["ord"].lower()]
    unit = m["unit"].lower()
    gran, months = ("quarter", 3) if unit == "quarter" else ("half", 6)
    if ordinal > 12 // months:
        return []
    mod = mod_of(m["pos"])
    month = (ordinal - 1) * months + 1
    # "the third-quarter loss": TimeBank leaves the article out of an adjective's extent
    adjective = m["the"] and "-" in m["sep"] and not (m["y0"] or m["yrel"] or m["ago"])
    start = m.end("the") if adjective else None
    year_ = m["y"] or m["y0"]
    if year_ is None and ctx.reference is not None and (m["yrel"] or m["ago"]):
        shift_ = {"this": 0, "last": -1, "next": 1}.get((m["yrel"] or "").lower(), -1)
        year_ = str(ctx.reference.year + shift_)
    if year_:
        point = Point(gran, dt.date(int(year_), month, 1))
        return [Hit("DATE", point.value, mod, start=start, anchor=point)]
    if ctx.reference is None:
        return [Hit("DATE", f"XXXX-{'Q' if gran == 'quarter' else 'H'}{ordinal}", mod)]
    ref = ctx.reference
    year = ref.year
    current = (ref.month - 1) // months + 1
    if ordinal > current and ctx.tense(m) != tense.FUTURE:
        year -= 1
    point = Point(gran, dt.date(year, month, 1))
    return [Hit("DATE", point.value, mod, start=start, anchor=point)]


def _year_period(m: re.Match[str], ctx: Context) -> list[Hit]:
    """ "the 1988 period": the quarter (or half) last named, in that year; else the year."""
    year = int(m["y"])
    last = ctx.last
    if last is not None and last.gran in ("quarter", "half"):
        point = Point(last.gran, dt.date(year, last.day.month, 1))
        return [Hit("DATE", point.value)]
    return [Hit("DATE", str(year))]


def _latest_quarter(m: re.Match[str], ctx: Context) -> list[Hit]:
    ref = ctx.ref_point("quarter")
    if ref is None:
        return [Hit("DATE", "XXXX-QX")]
    point = shift(ref, -1, "quarter")
    return [Hit("DATE", point.value, anchor=point)]


#: "the year ended March 31": a fiscal year named by its end, a one-year span in TimeBank.
_ENDED = re.compile(r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends)\b")


def _this_year(m: re.Match[str], ctx: Context) -> list[Hit]:
    ref = ctx.ref_point("year")
    mod = mod_of(m["pos"])
    if _ENDED.match(ctx.text, m.end()) and not m["latest"]:
        return [Hit("DURATION", "P1Y", mod)]
    if ref is None:
        return [Hit("DATE", "XXXX", mod)]
    point = shift(ref, -1, "year") if m["latest"] else ref
    return [Hit("DATE", point.value, mod, anchor=point)]


#: Season words that are tagged without "the", a year or a modifier ("in winter").
_BARE_SEASONS = frozenset({"summer", "winter", "autumn"})


def _season(m: re.Match[str], ctx: Context) -> list[Hit]:
    if not (m["y"] or m["pos"] or m["the"]) and m["s"].lower() not in _BARE_SEASONS:
        return []  # "fall" and "spring" alone are usually the verb or the water
    code = vocab.SEASONS[m["s"].lower()]
    mod = mod_of(m["pos"])
    if m["y"]:
        point = season_point(int(m["y"]), code)
        return [Hit("DATE", point.value, mod, anchor=point)]
    if ctx.reference is None:
        return [Hit("DATE", f"XXXX-{code}", mod)]
    point = season_point(ctx.reference.year, code)
    direction = ctx.tense(m)
    if direction == tense.PAST and point.day > ctx.reference:
        point = shift(point, -1, "year")
    elif direction == tense.FUTURE and point.day < ctx.reference - dt.timedelta(days=60):
        point = shift(point, 1, "year")
    return [Hit("DATE", point.value, mod, anchor=point)]


def _the_unit(m: re.Match[str], ctx: Context) -> list[Hit]:
    unit = m["unit"].lower()
    mod = mod_of(m["pos"])
    if unit == "weekend":
        base = ctx.ref_point("day")
        if base is None:
            return [Hit("DATE", "XXXX-WXX-WE", mod)]
        point = Point("weekend", base.day)
        if base.day.isoweekday() < 5 and base == ctx.ref_point("day"):
            point = shift(point, -1, "week")
        return [Hit("DATE", point.value, mod)]
    if unit == "quarter" and not m["pos"]:
        return _latest_quarter(m, ctx)
    if unit == "year" and _ENDED.match(ctx.text, m.end()) and not m["pos"]:
        return [Hit("DURATION", "P1Y")]
    ref = ctx.ref_point(unit)
    if ref is None:
        return [Hit("DATE", _underspecified(unit), mod)]
    return [Hit("DATE", ref.value, mod)]


_REL_WORDS = "|".join(
    sorted(
        (re.escape(k).replace("\\ ", r"\s+") for k in [*_DEICTIC_REL, *_ANAPHORIC_REL]), key=len
    )[::-1]
)
_CAL_UNIT = rf"(?:week|weekend|month|year|fiscal\s+year|quarter|decade|{SEASON})"

RULES = [
    Rule(
        "weekday",
        FAMILY,
        compile_rule(
            rf"{B}{_POS}(?:(?P<rel>last|this\s+past|this\s+coming|this|next|coming|past|"
            rf"the\s+previous|the\s+preceding|the\s+following|that)\s+)?(?P<wd>{WEEKDAY})(?:,?\s+(?P<part>{PART_OF_DAY}))?{E}"
        ),
        _weekday,
        triggers=WEEKDAY_WORDS,
    ),
    Rule(
        "deictic-day",
        FAMILY,
        compile_rule(
            rf"{B}{_POS}(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
            rf"{alternation(vocab.DEICTIC_DAYS)}|last\s+night|overnight)"
            rf"(?:\s+(?P<part>{PART_OF_DAY}))?{E}"
        ),
        _deictic,
        triggers=words(vocab.DEICTIC_DAYS, "night overnight"),
    ),
    Rule(
        "part-of-day",
        FAMILY,
        compile_rule(rf"{B}{_POS}(?:this|the)\s+(?P<part>morning|afternoon|evening){E}"),
        _this_part,
        triggers=words("morning afternoon evening"),
    ),
    Rule(
        "relative-unit",
        FAMILY,
        compile_rule(
            rf"{B}{_POS}(?P<rel>{_REL_WORDS})\s+(?P<unit>{_CAL_UNIT}|day|morning|afternoon|"
            rf"evening|night){E}"
        ),
        _relative_unit,
        triggers=words(
            vocab.SEASONS,
            "week weekend month year quarter decade day morning afternoon evening night",
        ),
    ),
    Rule(
        "the-unit",
        FAMILY,
        compile_rule(rf"{B}{_POS}the\s+(?P<unit>week|weekend|month|year|quarter){E}"),
        _the_unit,
        triggers=words("week weekend month year quarter"),
    ),
    Rule(
        "ago",
        FAMILY,
        compile_rule(
            rf"{B}(?:(?P<mod>{PRE_MOD})\s+)?(?P<q>{QUANTITY})\s+(?P<unit>{UNIT})"
            rf"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|previously|back){E}"
        ),
        _ago,
        triggers=words("ago earlier later now hence previously back"),
    ),
    Rule(
        "year-earlier",
        FAMILY,
        compile_rule(
            rf"{B}(?:the\s+(?=year-(?:earlier|ago)\s+(?:fiscal\s+)?(?:quarter|period|nine|half|"
            r"first|month)))?year-(?:earlier|ago)"
            r"(?:\s+(?:fiscal\s+)?(?:quarter|period|nine\s+months|half|first\s+half|month))?"
        ),
        _year_earlier,
        triggers=words("year"),
    ),
    Rule(
        "quarter",
        FAMILY,
        compile_rule(
            rf"{B}(?P<the>the\s+)?{_POS}(?:(?P<y0>{YEAR})\s+|(?P<yrel>this|last|next)\s+year's\s+"
            rf"|(?P<ago>year-(?:ago|earlier))\s+)?(?:fiscal[\s-]+)?(?P<ord>{ORDINAL})(?P<sep>[\s-]+)"
            rf"(?:fiscal[\s-]+)?(?P<unit>quarter|half)(?:\s+of\s+(?:fiscal\s+)?(?P<y>{YEAR}))?{E}"
        ),
        _quarter,
        triggers=words("quarter half"),
    ),
    Rule(
        "year-period",
        FAMILY,
        compile_rule(rf"{B}the\s+(?P<y>{YEAR})\s+(?:period|quarter){E}"),
        _year_period,
        triggers=words("period quarter"),
    ),
    Rule(
        "latest-quarter",
        FAMILY,
        compile_rule(
            rf"{B}the\s+(?:latest|most\s+recent|just-ended|recent)\s+(?:fiscal\s+)?(?:quarter|period)"
            rf"{E}"
        ),
        _latest_quarter,
        triggers=words("quarter period"),
    ),
    Rule(
        "fiscal-year",
        FAMILY,
        compile_rule(
            rf"{B}{_POS}the\s+(?:(?P<latest>latest|last|previous)\s+fiscal|current|full|"
            rf"current\s+fiscal|fiscal)\s+year{E}"
        ),
        _this_year,
        triggers=words("year"),
    ),
    Rule(
        "season",
        FAMILY,
        compile_rule(
            rf"{B}{_POS}(?P<the>the\s+)?(?P<s>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?{E}"
        ),
        _season,
        triggers=words(vocab.SEASONS),
    ),
]
