"""Rules for durations ("three years", "two-hour", "the past two months", "nearly an hour")
and sets ("daily", "every week", "each Thursday").

TimeML puts modifiers inside the extent ("more than four hours", mod MORE_THAN) and values
vague quantities with X ("several years" = PXY).
"""

from __future__ import annotations

import re

from dateline.dates.timex.context import Context
from dateline.dates.timex.model import Hit, Rule
from dateline.dates.timex.normalise import HALF_UNIT, duration, mod_of, number, unit_code, with_half
from dateline.dates.timex.patterns import (
    FREQUENCY,
    MONTH,
    PART_OF_DAY,
    PRE_MOD,
    QUANTITY,
    SEASON,
    UNIT,
    UNIT_WORDS,
    WEEKDAY,
    B,
    E,
    compile_rule,
    words,
)
from dateline.vocab import timex as vocab

FAMILY = "duration"

#: Words after "the" that make "the ... N units" a duration ("the past two months").
_SPAN_WORDS = (
    r"(?:past|last|next|first|coming|previous|following|latest|final|remaining|same|prior|"
    r"initial|ensuing)"
)


#: Words just before "a year"/"a week" that make it a rate ("$5 million a year"), not a span.
_RATE_BEFORE = re.compile(
    r"(?:\d|million|billion|percent|%|times|once|twice|cents|dollars|flights|seats|units)\s*$",
    re.IGNORECASE,
)


#: Singular unit words: after a year-like number, or as "second"/"quarter" after a number
#: above one, they are never a span ("the 1988 second quarter"); "a five year low" is.
_SINGULAR_UNITS = frozenset(k for k, v in vocab.UNITS.items() if not k.endswith("s"))


def _not_a_span(m: re.Match[str], ctx: Context, unit: str) -> bool:
    """True for matches that look like durations but are rates, fractions or dates."""
    quantity = (m["q"] or "").lower()
    if quantity in ("a", "an") and m.start("q") == m.start():
        if _RATE_BEFORE.search(ctx.text, max(0, m.start() - 20), m.start()):
            return True
        if unit == "TS":
            return True  # "a second" is nearly always the ordinal
    if unit == "Q" and re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
        return True  # "three-quarters of", "a quarter of": fractions
    # "the past year" is a date in TimeBank: left to the relative rules
    return bool(
        m["span"] and not m["q"] and m["unit"].lower() in ("year", "month", "week", "decade")
    )


def _duration(m: re.Match[str], ctx: Context) -> list[Hit]:
    unit = unit_code(m["unit"])
    quantity = (m["q"] or "").lower()
    if _not_a_span(m, ctx, unit):
        return []
    mod = mod_of(m["mod"]) or ("APPROX" if m["orso"] else None)
    if quantity.startswith("half"):
        return [Hit("DURATION", HALF_UNIT.get(unit, duration(None, unit)), mod)]
    amount = number(m["q"]) if m["q"] else 1
    hyphenated = "-" in (m["sep"] or "")
    half = bool(m["frac"] or m["half"])
    singular = m["unit"].lower() in _SINGULAR_UNITS
    year_like = bool(re.fullmatch(r"1[6-9]\d\d|20\d\d", m["q"] or ""))
    ordinal_like = year_like or unit in ("TS", "Q")
    if singular and not hyphenated and not half and ordinal_like and (amount or 0) > 1:
        return []  # "the 1988 second quarter": a year and an ordinal, not a span
    if m["q2"]:
        mod = mod or "EQUAL_OR_MORE"
    value = with_half(amount, unit) if half and amount is not None else duration(amount, unit)
    # "the eight-year war": TimeBank leaves the article out of an adjective's extent
    start = m.start("q") if m["the"] and hyphenated and not m["span"] and not m["mod"] else None
    return [Hit("DURATION", value, mod, start=start)]


def _vague_span(m: re.Match[str], ctx: Context) -> list[Hit]:
    """ "recent years", "the coming weeks": a span of unknown length (TimeBank: 11 of 16)."""
    return [Hit("DURATION", duration(None, unit_code(m["unit"])))]


def _bare_plural(m: re.Match[str], ctx: Context) -> list[Hit]:
    return [Hit("DURATION", duration(None, unit_code(m["unit"])))]


#: A frequency word before a noun is an adjective ("its quarterly dividend", "daily volume"),
#: which TimeBank does not tag (19 of 22 TBAQ train cases); these words may follow it.
_NOT_A_NOUN = frozenset(
    "and or but to for in at on by from with since until as than the a an basis".split()
)


def _frequency(m: re.Match[str], ctx: Context) -> list[Hit]:
    after = re.match(r"\s+([a-z]+)\b", ctx.text[m.end() : m.end() + 30])
    if after is not None and after.group(1) not in _NOT_A_NOUN:
        return []
    return [Hit("SET", vocab.FREQUENCY_WORDS[m["w"].lower()])]


def _every(m: re.Match[str], ctx: Context) -> list[Hit]:
    if m["unit"]:
        other = (m["q"] or "").lower() == "other"
        amount = 2 if other else number(m["q"]) if m["q"] else 1
        return [Hit("SET", duration(amount, unit_code(m["unit"])))]
    if m["wd"]:
        value = f"XXXX-WXX-{vocab.WEEKDAYS[m['wd']]}"
        if m["part"]:
            value += "T" + vocab.PARTS_OF_DAY[m["part"].lower()]
        return [Hit("SET", value)]
    if m["mon"]:
        return [Hit("SET", f"XXXX-{vocab.MONTHS[m['mon']]:02d}")]
    if m["s"]:
        return [Hit("SET", f"XXXX-{vocab.SEASONS[m['s'].lower()]}")]
    return [Hit("SET", "XXXX-XX-XXT" + vocab.PARTS_OF_DAY[m["part2"].lower()])]


def _plural_weekday(m: re.Match[str], ctx: Context) -> list[Hit]:
    value = f"XXXX-WXX-{vocab.WEEKDAYS[m['wd']]}"
    if m["part"]:
        value += "T" + vocab.PARTS_OF_DAY[m["part"].lower()]
    return [Hit("SET", value)]


RULES = [
    Rule(
        "duration",
        FAMILY,
        compile_rule(
            rf"{B}(?:(?P<mod>{PRE_MOD})\s+(?!the\b))?"
            rf"(?:(?P<the>the)\s+(?:(?P<span>{_SPAN_WORDS})\s+)?|(?P<span2>{_SPAN_WORDS})\s+)?"
            rf"(?P<q>{QUANTITY})(?P<frac>\s+1/2|\s+and\s+a\s+half|-and-a-half)?"
            rf"(?:\s+(?:to|or|and)\s+(?P<q2>{QUANTITY})|\s*[-–]\s*(?P<q3>\d+))?"
            rf"(?:\s+(?:more|additional|full|straight|consecutive|long|whole|trading|business))?"
            rf"(?P<sep>[\s-]+|(?<=\d))(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?"
            rf"(?P<orso>\s+or\s+so)?{E}"
        ),
        _duration,
        triggers=UNIT_WORDS,
    ),
    Rule(
        "duration-span",
        FAMILY,
        compile_rule(
            rf"{B}(?P<the>the)\s+(?P<mod>)?(?P<span>{_SPAN_WORDS})\s+(?P<q>)?(?P<q2>)?"
            rf"(?P<frac>)?(?P<sep>)?(?P<half>)?"
            rf"(?P<unit>year|month|week|decade|day|hour|century){E}(?P<orso>\s+or\s+so)?"
        ),
        _duration,
        triggers=words("year month week decade day hour century"),
    ),
    Rule(
        "duration-vague",
        FAMILY,
        compile_rule(
            rf"{B}(?:the\s+)?(?:recent|coming)\s+"
            rf"(?P<unit>years|months|weeks|days|quarters|decades){E}"
        ),
        _vague_span,
        triggers=words("recent coming"),
    ),
    Rule(
        "duration-plural",
        FAMILY,
        compile_rule(
            r"(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\btook\s)|(?<=\btake\s)|(?<=\blast\s))"
            rf"(?P<unit>years|months|weeks|days|hours|minutes|decades|centuries){E}"
        ),
        _bare_plural,
        triggers=words("years months weeks days hours minutes decades centuries"),
    ),
    Rule(
        "set-frequency",
        FAMILY,
        compile_rule(rf"{B}(?P<w>{FREQUENCY}){E}"),
        _frequency,
        triggers=words(vocab.FREQUENCY_WORDS),
    ),
    Rule(
        "set-every",
        FAMILY,
        compile_rule(
            rf"{B}(?:every|each|per)\s+(?:(?:(?P<q>other|\d+|two|three|four|five|six)\s+)?"
            rf"(?P<unit>{UNIT})|(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART_OF_DAY}))?"
            rf"|(?P<mon>{MONTH})|(?P<s>{SEASON})|(?P<part2>{PART_OF_DAY})){E}"
        ),
        _every,
        triggers=words("every each per"),
    ),
    Rule(
        "set-weekdays",
        FAMILY,
        compile_rule(
            rf"{B}(?P<wd>(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))s"
            rf"(?:\s+(?P<part>{PART_OF_DAY}))?{E}"
        ),
        _plural_weekday,
        triggers=words("mondays tuesdays wednesdays thursdays fridays saturdays sundays"),
    ),
]
