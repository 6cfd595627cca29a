"""dateline's English temporal tagger: TIMEX3 extents, types and values in pure Python.

``tag(text, reference)`` finds DATE, TIME, DURATION and SET expressions and normalises them
against the reference (publication) date, in the style of TimeML/TempEval-3. Rules are grouped
by family (``absolute``, ``relative``, ``durations``, ``fuzzy``); extents come from
``recognise``, tense cues from ``tense``, anaphoric anchoring from ``context``; the vocabulary
is data in ``dateline.vocab.timex``.
"""

from __future__ import annotations

import datetime as dt
import logging

from dateline.dates.timex.context import Context
from dateline.dates.timex.model import Timex
from dateline.dates.timex.recognise import candidates, select

__all__ = ["Timex", "tag"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())


def tag(text: str, reference: dt.date | None, *, full_scan: bool = False) -> list[Timex]:
    """Find and normalise the time expressions in ``text``.

    Args:
        text: plain text; offsets in the result index into it.
        reference: the date the text was written (publication date), or None; without it
            relative expressions get underspecified values (``XXXX-04-04``, ``XXXX-WXX``).
        full_scan: run every rule over the whole text instead of the windows around its
            trigger words (same result, slower; for benchmarks and tests).

    Returns:
        Non-overlapping ``Timex`` records sorted by start offset.
    """
    ctx = Context(text, reference)
    result: list[Timex] = []
    for cand in select(candidates(text, full_scan)):
        try:
            hits = cand.rule.normalise(cand.match, ctx)
        except (ArithmeticError, ValueError):
            # calendar arithmetic beyond year 1 or 9999 ("Friday" written in year 1)
            log.debug("timex %r at %d not normalised", cand.match.group(), cand.start)
            continue
        for hit in hits:
            start = cand.start if hit.start is None else hit.start
            end = cand.end if hit.end is None else hit.end
            result.append(
                Timex(start, end, text[start:end], hit.type, hit.value, hit.mod, cand.rule.name)
            )
            if hit.anchor is not None:
                ctx.last = hit.anchor
    return result
