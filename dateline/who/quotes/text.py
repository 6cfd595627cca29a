"""Sentence ends, abbreviations and verb shapes: the text reading the rules share."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dateline.vocab import quotes as vocab
from dateline.vocab.abbreviations import NON_TERMINAL
from dateline.who.quotes.patterns import MIN_SPEECH_WORDS, PASSIVE, SENTENCE_END

if TYPE_CHECKING:  # the context reads sentences with these rules: a type-only import
    from dateline.who.quotes.context import Context


def is_speech_like(content: str) -> bool:
    return len(content.split()) >= MIN_SPEECH_WORDS or bool(re.search(r"[.!?]", content))


def first_end(text: str, start: int, limit: int) -> int:
    """The first sentence end in text[start:limit], or limit."""
    for match in SENTENCE_END.finditer(text, start, limit):
        if not _abbreviation(text, match.start()):
            return match.start()
    return limit


def last_end(text: str, start: int, limit: int) -> int:
    """Just after the last sentence end in text[start:limit], or start."""
    found = start
    scanned, last = start, ""  # the last non-space character of text[start:scanned]
    for match in SENTENCE_END.finditer(text, start, limit):
        if match.group() == "\n":
            piece = text[scanned : match.start()].rstrip()
            last, scanned = piece[-1:] or last, match.start()
            if last == ":":
                continue  # 'X said:' then the quote on its own line
        if not _abbreviation(text, match.start()):
            found = match.end()
    return found


def is_passive(text: str, cue_start: int) -> bool:
    """True for 'was told', 'is said to' (the subject heard the words, or nobody is named)
    and for a cue word used as a noun ('a note', 'the claims')."""
    return bool(PASSIVE.search(text, max(0, cue_start - 30), cue_start))


def _abbreviation(text: str, at: int) -> bool:
    if text[at] != ".":
        return False
    word = re.search(r"([A-Za-z]+)$", text[max(0, at - 12) : at])
    if word is None:
        return False
    return word.group(1).lower() in NON_TERMINAL or len(word.group(1)) == 1


def last_end_before(text: str, floor: int, start: int) -> int:
    """The position of the sentence end just before ``start`` (the end of the sentence before)."""
    position = start
    while position > floor and text[position - 1] in ' \t\n"“':
        position -= 1
    return max(floor, position - 1)


def quote_sentences(text: str, context: Context) -> list[tuple[int, int]]:
    """Sentence spans whose ends never fall inside a direct quote."""
    found: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        at = match.start()
        if _abbreviation(text, at) or context.in_span(at):
            continue
        end = match.end()
        while end < len(text) and text[end] in "\"”’'":
            end += 1
        if text[start:end].strip():
            found.append((start, end))
        start = end
    if text[start:].strip():
        found.append((start, len(text)))
    return found


def is_finite(word: str) -> bool:
    lower = word.lower()
    return lower in vocab.FINITE_VERBS or (lower.endswith("ed") and len(lower) > 4)
