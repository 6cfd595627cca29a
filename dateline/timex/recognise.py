"""Finding extents: run every rule's pattern, keep the longest non-overlapping matches.

Each family module contributes a list of rules; a candidate is a (span, rule, match) triple.
Overlaps are settled longest first (ties: earlier rule in ``ALL_RULES``), which is how
"late last year" wins over "last year" and "Friday, Aug. 7" over "Friday". Patterns are
compiled once at import; the scan is one ``finditer`` per rule, so cost grows with text
length times the (small) number of rules, never with vocabulary size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.timex import absolute, durations, fuzzy, relative
from dateline.timex.model import Rule

#: All rules in priority order for equal-length ties.
ALL_RULES: tuple[Rule, ...] = (
    *absolute.RULES,
    *relative.RULES,
    *durations.RULES,
    *fuzzy.RULES,
)


@dataclass(frozen=True)
class Candidate:
    """A rule's match before normalisation."""

    start: int
    end: int
    priority: int
    rule: Rule
    match: re.Match[str]


def _trimmed_end(text: str, start: int, end: int) -> int:
    """Drop trailing whitespace and commas a pattern may have swallowed."""
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return end


def candidates(text: str) -> list[Candidate]:
    """Every match of every rule, with its span."""
    found = []
    for priority, rule in enumerate(ALL_RULES):
        if rule.gate is not None and rule.gate.search(text) is None:
            continue
        for m in rule.pattern.finditer(text):
            end = _trimmed_end(text, m.start(), m.end())
            if end > m.start():
                found.append(Candidate(m.start(), end, priority, rule, m))
    return found


def select(found: list[Candidate]) -> list[Candidate]:
    """The longest non-overlapping candidates, in text order."""
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for cand in sorted(found, key=lambda c: (c.start - c.end, c.priority, c.start)):
        if any(cand.start < e and s < cand.end for s, e in occupied):
            continue
        taken.append(cand)
        occupied.append((cand.start, cand.end))
    return sorted(taken, key=lambda c: c.start)
