"""Rules for fuzzy references: "now", "currently" (PRESENT_REF), "recently", "the past"
(PAST_REF), "the future", "soon" (FUTURE_REF). Values need no reference date.
"""

from __future__ import annotations

import re

from dateline.dates.timex.context import Context
from dateline.dates.timex.model import Hit, Rule
from dateline.dates.timex.patterns import FUZZY, B, E, compile_rule, words
from dateline.vocab import timex as vocab

FAMILY = "fuzzy"


def _fuzzy(m: re.Match[str], ctx: Context) -> list[Hit]:
    return [Hit("DATE", vocab.FUZZY[" ".join(m["w"].lower().split())])]


RULES = [
    Rule(
        "fuzzy",
        FAMILY,
        compile_rule(rf"{B}(?P<w>{FUZZY}){E}(?!-)"),
        _fuzzy,
        triggers=words(vocab.FUZZY, last=True),
    )
]
