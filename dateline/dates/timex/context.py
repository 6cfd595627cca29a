"""Per-document state for resolving relative expressions.

Expressions are normalised in document order; each resolved date becomes the anchor for
anaphoric ones that follow ("the following day", "a year earlier"). The reference date
(publication date) anchors deictic ones ("yesterday", "last week"). With no reference date,
deictic expressions stay underspecified (XXXX...).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dateline.dates.timex import tense
from dateline.dates.timex.calendar import Point


@dataclass
class Context:
    """The text being tagged, its reference date and the last resolved point."""

    text: str
    reference: dt.date | None
    last: Point | None = None
    _tense_cache: dict[int, str | None] = field(default_factory=dict)

    def tense(self, m: re.Match[str]) -> str | None:
        """Tense of the clause around a match (cached by start offset)."""
        if m.start() not in self._tense_cache:
            self._tense_cache[m.start()] = tense.clause_tense(self.text, m.start(), m.end())
        return self._tense_cache[m.start()]

    def ref_point(self, gran: str) -> Point | None:
        """The reference date at granularity ``gran``, or None without a reference."""
        return None if self.reference is None else Point(gran, self.reference)

    def anchor(self) -> Point | None:
        """The point anaphoric expressions are relative to: the last date, else the reference."""
        if self.last is not None:
            return self.last
        return self.ref_point("day")

    def before(self, m: re.Match[str], width: int = 12) -> str:
        """The lower-cased text just before a match."""
        return self.text[max(0, m.start() - width) : m.start()].lower()
