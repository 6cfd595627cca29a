"""The tagger's records: a found time expression, and a rule that finds them.

``Timex`` is the public result. ``Hit`` is what a rule's normaliser returns for one matched
span; ``Rule`` pairs a compiled pattern with that normaliser so each family module is a list of
readable (name, pattern, function) rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.dates.timex.calendar import Point

if TYPE_CHECKING:
    from dateline.dates.timex.context import Context


@dataclass(frozen=True)
class Timex:
    """One time expression with its TIMEX3 type, value and mod.

    ``start``/``end`` are character offsets into the text given to ``tag`` (``end`` exclusive),
    ``rule`` names the rule family that matched, as evidence for users.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    rule: str = ""


@dataclass(frozen=True)
class Hit:
    """A normalised expression.

    ``start``/``end`` are set only when a rule splits its match; ``anchor`` is the resolved
    point that later anaphoric expressions ("the next day") are relative to.
    """

    type: str
    value: str
    mod: str | None = None
    start: int | None = None
    end: int | None = None
    anchor: Point | None = None


Normaliser = Callable[[re.Match[str], "Context"], list[Hit]]


@dataclass(frozen=True)
class Rule:
    """A named pattern and the function that turns its matches into values."""

    name: str
    family: str
    pattern: re.Pattern[str]
    normalise: Normaliser
    triggers: frozenset[str] = frozenset()
    """Lower-case words (``#`` for any number) of which every match contains at least one.

    The scan runs the pattern only in windows around these words (``recognise``); an empty
    set means the whole text is scanned."""
