"""Abbreviations that end in a full stop without ending a sentence (lower-case, no dot)."""

from __future__ import annotations

TITLES = frozenset(
    "mr mrs ms dr prof sir gen col lt sgt capt cmdr adm gov sen rep rev pres amb hon".split()
    + "st mt fr".split()
)
MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
OTHERS = frozenset(
    "no nos vs etc inc ltd co corp jr sr dept est approx fig al op univ ave blvd rd".split()
)
NON_TERMINAL = TITLES | MONTHS | OTHERS
"""Words that, followed by a full stop, almost never end a sentence."""
