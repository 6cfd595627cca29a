"""Finding extents: run the rules' patterns, keep the longest non-overlapping matches.

Each family module contributes a list of rules; a candidate is a (span, rule, match) triple.
Overlaps are settled longest first (ties: earlier rule in ``ALL_RULES``), which is how
"late last year" wins over "last year" and "Friday, Aug. 7" over "Friday".

Speed: running ~35 patterns over a whole article costs ~35 full scans, and most of the text
holds no time expression. So the text is tokenised once; each rule declares trigger words that
every one of its matches contains (a month name, a unit, a number...), and its pattern runs only
in windows of ``WINDOW`` characters around those words, merged. A rule whose triggers are absent
costs nothing. ``candidates(text, full_scan=True)`` keeps the plain scan, for comparison.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

from dateline.dates.timex import absolute, durations, fuzzy, relative
from dateline.dates.timex.model import Rule
from dateline.dates.timex.patterns import NUMBER_TOKEN

#: All rules in priority order for equal-length ties.
ALL_RULES: tuple[Rule, ...] = (
    *absolute.RULES,
    *relative.RULES,
    *durations.RULES,
    *fuzzy.RULES,
)

#: Characters scanned on each side of a trigger word. The longest extents seen in the tuning
#: splits ("no more than the past twenty four hours") reach ~35 characters from their trigger;
#: 50 gives the same output as the full scan on all of them (tests/timex/test_recognise.py
#: checks an invented bulletin).
WINDOW = 50

_WORD = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")
_BY_TRIGGER: dict[str, tuple[int, ...]] = {}
_UNGATED: tuple[int, ...] = tuple(i for i, r in enumerate(ALL_RULES) if not r.triggers)


def _index() -> None:
    table: dict[str, list[int]] = defaultdict(list)
    for i, rule in enumerate(ALL_RULES):
        for key in rule.triggers:
            table[key].append(i)
    _BY_TRIGGER.update({k: tuple(v) for k, v in table.items()})


_index()


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


def windows(text: str) -> dict[int, list[tuple[int, int]]]:
    """Per rule index: merged (start, end) windows around its trigger words."""
    size = len(text)
    hits: dict[int, list[tuple[int, int]]] = defaultdict(list)
    table = _BY_TRIGGER
    for m in _WORD.finditer(text.lower()):
        rules = table.get(m.group())
        if rules is not None:
            span = (max(0, m.start() - WINDOW), min(size, m.end() + WINDOW))
            for i in rules:
                hits[i].append(span)
    numbers = table.get(NUMBER_TOKEN, ())
    if numbers:
        spans = [
            (max(0, m.start() - WINDOW), min(size, m.end() + WINDOW))
            for m in _DIGITS.finditer(text)
        ]
        if spans:
            for i in numbers:
                hits[i].extend(spans)
    plan: dict[int, list[tuple[int, int]]] = {}
    for i, found in hits.items():
        found.sort()
        merged = [found[0]]
        for lo, hi in found:
            if merged[-1][1] >= lo:
                if hi > merged[-1][1]:
                    merged[-1] = (merged[-1][0], hi)
            else:
                merged.append((lo, hi))
        plan[i] = merged
    for i in _UNGATED:
        plan[i] = [(0, size)]
    return plan


def _window_end(text: str, end: int) -> int:
    """Move a window's end past the word it cuts, so no token is seen truncated."""
    size = len(text)
    while end < size and not text[end].isspace():
        end += 1
    return end


def candidates(text: str, full_scan: bool = False) -> list[Candidate]:
    """Every match of every rule, with its span."""
    found = []
    plan = {i: [(0, len(text))] for i in range(len(ALL_RULES))} if full_scan else windows(text)
    for priority in sorted(plan):
        rule = ALL_RULES[priority]
        for lo, hi in plan[priority]:
            for m in rule.pattern.finditer(text, lo, _window_end(text, hi)):
                end = _trimmed_end(text, m.start(), m.end())
                if end > m.start():
                    found.append(Candidate(m.start(), end, priority, rule, m))
    return found


def select(found: list[Candidate]) -> list[Candidate]:
    """The longest non-overlapping candidates, in text order."""
    taken: list[Candidate] = []
    starts: list[int] = []  # the taken spans, disjoint, sorted by start
    ends: list[int] = []
    for cand in sorted(found, key=lambda c: (c.start - c.end, c.priority, c.start)):
        # among taken spans starting before this one ends, only the last can overlap it
        i = bisect.bisect_left(starts, cand.end)
        if i and ends[i - 1] > cand.start:
            continue
        taken.append(cand)
        starts.insert(i, cand.start)
        ends.insert(i, cand.end)
    return sorted(taken, key=lambda c: c.start)
