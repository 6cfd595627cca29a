"""A cheap guess at the tense of the clause around an expression.

Resolving "on Wednesday" or "April 4" needs to know whether the clause talks about the past
(the last Wednesday) or the future (the next one). Without a parser, the nearest tense cue
in the same sentence decides: modal "will"/"would"/"going to" for the future; "was", "said"
and regular past forms for the past. No cue: None, and callers take the nearest date.
"""

from __future__ import annotations

import re

from dateline.vocab import timex as vocab

FUTURE = "FUTURE"
PAST = "PAST"
PRESENT = "PRESENT"

#: How far (characters) to look for cues on each side, within the sentence.
WINDOW_BEFORE = 100
WINDOW_AFTER = 60


def _words(phrases: tuple[str, ...]) -> str:
    return "|".join(
        re.escape(p).replace("\\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True)
    )


_CUE = re.compile(
    rf"(?P<future>\b(?:{_words(vocab.FUTURE_CUES)})\b)"
    rf"|(?P<past>\b(?:{_words(vocab.PAST_CUES)}|[a-z]{{2,}}ed)\b)"
    r"|(?P<present>\b(?:is|are|am|says|has|have|does|do)\b)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'`])|\n\s*\n")
_NOT_PAST = frozenset({"need", "speed", "seed", "feed", "indeed", "proceed", "exceed", "succeed"})


def clause_tense(text: str, start: int, end: int) -> str | None:
    """The tense cue nearest to ``text[start:end]`` in its sentence, or None."""
    lo = max(0, start - WINDOW_BEFORE)
    hi = min(len(text), end + WINDOW_AFTER)
    left = text[lo:start]
    cut = None
    for m in _SENTENCE_END.finditer(left):
        cut = m.end()
    if cut is not None:
        lo += cut
    right = text[end:hi]
    m_end = _SENTENCE_END.search(right)
    if m_end is not None:
        hi = end + m_end.start() + 1
    best: tuple[int, str] | None = None
    for m in _CUE.finditer(text, lo, hi):
        if start <= m.start() < end:
            continue
        if m.lastgroup == "past" and m.group().lower() in _NOT_PAST:
            continue
        distance = start - m.end() if m.end() <= start else m.start() - end
        # cues before the expression (the verb it modifies) weigh a little more
        if m.start() >= end:
            distance += 15
        kind = {"future": FUTURE, "past": PAST, "present": PRESENT}[str(m.lastgroup)]
        if best is None or distance < best[0]:
            best = (distance, kind)
    return None if best is None else best[1]
