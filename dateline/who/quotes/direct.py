"""Direct quotes: the stretches between quote marks, and the cue and speaker next to each."""

from __future__ import annotations

import re

from dateline.model import Quote
from dateline.vocab import quotes as vocab
from dateline.who.quotes.context import Context
from dateline.who.quotes.patterns import (
    CUE,
    MARKS,
    MAX_SUBJECT_WORDS,
    MAX_WORDS_BEFORE_CUE,
    MAX_WORDS_CUE_TO_QUOTE,
    MIN_UNCUED_WORDS,
    OPEN_MARKS,
    SPEAKER_KINDS,
    WORD,
)
from dateline.who.quotes.speakers import (
    choose_speaker,
    find_refs,
    speaks_for_itself,
    subject_refs,
)
from dateline.who.quotes.text import (
    first_end,
    is_finite,
    is_passive,
    is_speech_like,
    last_end,
    last_end_before,
)


def direct_spans(text: str) -> list[tuple[int, int]]:
    """Content spans between matching double quote marks, joining re-opened paragraphs."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    last_mark = 0
    for match in MARKS.finditer(text):
        at, mark = match.start(), match.group()
        previous_mark, last_mark = last_mark, at
        if open_at is None:
            if mark in OPEN_MARKS:
                open_at = at
            continue
        if text.find("\n", previous_mark, at) >= 0:
            line_start = text.rfind("\n", 0, at) + 1
            if mark in OPEN_MARKS and not text[line_start:at].strip():
                continue  # the next paragraph re-opens the same quote
            open_at = at if mark in OPEN_MARKS else None
            continue
        if mark == "“":
            open_at = at  # an unclosed curly quote: start again here
            continue
        if text[open_at + 1 : at].strip():
            spans.append((open_at + 1, at))
        open_at = None
    return spans


def direct_quotes(context: Context) -> list[Quote]:
    text = context.text
    quotes: list[Quote] = []
    previous: Quote | None = None
    previous_close = 0
    for index, (start, end) in enumerate(context.spans):
        content = text[start:end]
        next_open = context.spans[index + 1][0] - 1 if index + 1 < len(context.spans) else len(text)
        after = (end + 1, first_end(text, end + 1, next_open))
        before = (last_end(text, previous_close, start - 1), start - 1)
        found = _attribute_after(context, content, after) or _attribute_before(context, before)
        speaker: tuple[str | None, str | None] = (None, None)
        cue: str | None = None
        if found is not None:
            speaker, cue = found[0], found[1]
        elif text[before[0] : before[1]].rstrip().endswith(":"):
            speaker = choose_speaker(context, find_refs(context, *before), nearest_last=True)
        elif not text[before[0] : before[1]].strip() and is_speech_like(content):
            speaker = _continued(context, previous, previous_close, start)
        elif len(content.split()) < MIN_UNCUED_WORDS:
            previous_close = end + 1
            continue  # a scare quote, a title or a label
        quote_end = start + len(content.rstrip().rstrip(","))
        quote = Quote(start, quote_end, text[start:quote_end], "direct", *speaker, cue)
        quotes.append(quote)
        previous, previous_close = quote, end + 1
    return quotes


def _attribute_after(
    context: Context, content: str, region: tuple[int, int]
) -> tuple[tuple[str | None, str | None], str] | None:
    """'"...," X said' / '"...," said X': a cue right after the closing mark."""
    start, end = region
    text = context.text
    tail = content.rstrip()
    if not (tail.endswith((",", "!", "?", "—", "–", "-", "…")) or text[start : start + 1] == ","):
        return None
    cues = (c for c in CUE.finditer(text, start, end) if not is_passive(text, c.start()))
    cue = next(cues, None)
    if cue is None or len(WORD.findall(text[start : cue.start()])) > MAX_WORDS_BEFORE_CUE:
        return None
    context.used_cues.add(cue.start())
    return _speaker_at_cue(context, cue, start, end), cue.group()


def _attribute_before(
    context: Context, region: tuple[int, int]
) -> tuple[tuple[str | None, str | None], str] | None:
    """'X said: "..."' / 'saying it funded "..."': the last cue before the opening mark."""
    start, end = region
    cues = [
        c for c in CUE.finditer(context.text, start, end) if not is_passive(context.text, c.start())
    ]
    if not cues:
        return None
    cue = cues[-1]
    if len(WORD.findall(context.text[cue.end() : end])) > MAX_WORDS_CUE_TO_QUOTE:
        return None
    return _speaker_at_cue(context, cue, start, end), cue.group()


def _speaker_at_cue(
    context: Context, cue: re.Match[str], start: int, end: int
) -> tuple[str | None, str | None]:
    """The speaker of a cue: its subject before it, else (inverted) the first name after it."""
    verb = cue.group().lower()
    if verb != "according to":
        subject = choose_speaker(
            context, subject_refs(context, start, cue.start()), nearest_last=True
        )
        if subject[0] is not None or verb in vocab.OBJECT_VERBS:
            return subject
    return choose_speaker(context, find_refs(context, cue.end(), end), nearest_last=False)


def _continued(
    context: Context, previous: Quote | None, previous_close: int, start: int
) -> tuple[str | None, str | None]:
    """A cue-less quote opening a sentence goes on with the previous quote's speaker."""
    if previous is None or previous.speaker is None:
        return _sentence_subject(context, previous_close, start)
    between = any(  # another speaker named since; a possessor ("Tessel's mayor") is none
        m.kind in SPEAKER_KINDS
        and m.canonical != previous.speaker
        and speaks_for_itself(context.text, m)
        for m in context.within(previous_close, start)
    )
    if between or context.text.count("\n", previous_close, start) > 1:
        return _sentence_subject(context, previous_close, start)
    return previous.speaker, previous.speaker_text


def _sentence_subject(context: Context, floor: int, start: int) -> tuple[str | None, str | None]:
    """'The rector, Agnes Holm, was defiant. "..."': the person opening the sentence before.

    Only a person named before any verb of that sentence counts (no finite verb among the
    words before the name), so 'Police arrested Ivan Lutz. "..."' gives None.
    """
    text = context.text
    sentence_start = last_end(text, floor, max(floor, last_end_before(text, floor, start)))
    first = next(
        (
            m
            for m in context.starting(sentence_start, start)
            if m.start < start and m.kind == "person" and not context.inside_quote(m.start, m.end)
        ),
        None,
    )
    if first is None:
        return None, None
    lead = WORD.findall(text[sentence_start : first.start])
    if len(lead) <= MAX_SUBJECT_WORDS and not any(is_finite(word) for word in lead):
        return first.canonical, first.text
    return None, None
