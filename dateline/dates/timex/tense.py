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
    r"(?P<neutral>\bnext\s+to\b)"  # the preposition, not the future
    rf"|(?P<future>\b(?:{_words(vocab.FUTURE_CUES)})\b)"
    rf"|(?P<past>\b(?:{_words(vocab.PAST_CUES)}|[a-z]{{2,}}ed)\b)"
    r"|(?P<present>\b(?:is|are|am|says|has|have|does|do)\b)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'`])|\n\s*\n")
_KIND = {"future": FUTURE, "past": PAST, "present": PRESENT}
_AUXILIARY_BEFORE = re.compile(
    r"\b(?:be|been|being)\s+(?:\w+ly\s+)?\Z",
    re.IGNORECASE,
)
#: An intention and "to" before a verb ("agreed to buy", "a plan to close"): what follows is
#: still to come, whatever the tense of the intention.
_INFINITIVE = re.compile(
    rf"\b(?i:{'|'.join(vocab.INTENTION_WORDS)})\s+to\s+"
    r"(?!(?:the|a|an|his|her|its|their|this|that|date)\b)[a-z]+\b"
)
_NOT_PAST = frozenset({"need", "speed", "seed", "feed", "indeed", "proceed", "exceed", "succeed"})


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The window around an expression, cut at sentence ends."""
    lo = max(0, start - WINDOW_BEFORE)
    hi = min(len(text), end + WINDOW_AFTER)
    cut = None
    for m in _SENTENCE_END.finditer(text, lo, start):
        cut = m.end()
    if cut is not None:
        lo = cut
    m_end = _SENTENCE_END.search(text, end, hi)
    if m_end is not None:
        hi = m_end.start() + 1
    return lo, hi


def _is_participle(text: str, m: re.Match[str]) -> bool:
    """An "-ed" form after an auxiliary ("will be named", "was hampered"): not a tense cue
    itself, the auxiliary before it is."""
    lo = max(0, m.start() - 30)
    return m.lastgroup == "past" and bool(_AUXILIARY_BEFORE.search(text, lo, m.start()))


def clause_tense(text: str, start: int, end: int) -> str | None:
    """The tense of the clause around ``text[start:end]``, from the nearest cue, or None.

    Cues before the expression (the verb it modifies) come first: the nearest one decides,
    except that a participle defers to its auxiliary, and an infinitive between the cue and
    the expression ("agreed to buy ... in January") makes the clause future. Without a cue
    before it, the nearest cue after it decides.
    """
    lo, hi = _sentence(text, start, end)
    before: re.Match[str] | None = None
    after: re.Match[str] | None = None
    for m in _CUE.finditer(text, lo, hi):
        if start <= m.start() < end:
            continue
        if m.lastgroup == "neutral" or (m.lastgroup == "past" and m.group().lower() in _NOT_PAST):
            continue
        if m.end() <= start:
            if not _is_participle(text, m):
                before = m
        elif after is None:
            after = m
    if before is not None:
        if _INFINITIVE.search(text, before.start(), start):
            return FUTURE
        if before.group().lower() in ("has", "have"):
            return PAST  # the present perfect of news reports past events
        return _KIND[str(before.lastgroup)]
    if _INFINITIVE.search(text, lo, start):
        return FUTURE
    return None if after is None else _KIND[str(after.lastgroup)]
