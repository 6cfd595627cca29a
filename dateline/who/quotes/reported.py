"""Reported speech: clauses after, before or around a speech cue, and "according to"."""

from __future__ import annotations

import re

from dateline.model import Quote, QuoteKind
from dateline.vocab import quotes as vocab
from dateline.who.quotes.context import Context
from dateline.who.quotes.patterns import (
    ADVERBIAL,
    CUE,
    LISTENER_WORD,
    MAX_ATTRIBUTION_WORDS,
    MAX_SENTENCE_CUES,
    MAX_SUBJECT_WORDS,
    RELATIVE,
    THAT,
    WORD,
)
from dateline.who.quotes.speakers import choose_speaker, find_refs, resolve_ref, subject_refs
from dateline.who.quotes.text import is_finite, is_passive


def reported_quotes(context: Context) -> list[list[Quote]]:
    """The reported clauses of each sentence (sentences without one left out), in order."""
    groups: list[list[Quote]] = []
    for start, end in context.sentences:
        quotes: list[Quote] = []
        read = 0
        for cue in CUE.finditer(context.text, start, end):
            if (
                context.inside_quote(cue.start(), cue.end())
                or cue.start() in context.used_cues
                or is_passive(context.text, cue.start())
            ):
                continue
            read += 1
            if read > MAX_SENTENCE_CUES:
                break
            quote = _reported_at(context, cue, start, end)
            if quote is not None and quote.end - quote.start > 0:
                quotes.append(quote)
        if quotes:
            groups.append(quotes)
    return groups


def _reported_at(context: Context, cue: re.Match[str], start: int, end: int) -> Quote | None:
    text = context.text
    verb = cue.group().lower()
    if verb == "according to":
        return _according_to(context, cue, start, end)
    if verb in vocab.DIRECT_ONLY_CUES:
        return None
    position = cue.end()
    if verb in vocab.OBJECT_VERBS and not THAT.match(text, position, end):
        position = _skip_listener(text, position, end)
    while adverbial := ADVERBIAL.match(text, position, end):
        position = adverbial.end()
    that = THAT.match(text, position, end)
    if that:
        position = that.end()
    rest = text[position:end].strip()
    before = text[start : cue.start()].rstrip()
    if (not rest.strip(".!?\"”' ") or rest.startswith(",")) and not that:
        return _trailing(context, cue, start, before, rest, end)
    if before.endswith(",") and not that:
        inverted = _inverted(context, cue, start, position, end, before)
        if inverted is not None:
            return inverted
    words = WORD.findall(rest)
    if that is None and (len(words) < 3 or not _opens_clause(words)):
        return None  # an object ("said goodbye"), not a clause; "that" clauses need 2 words
    speaker = choose_speaker(context, subject_refs(context, start, cue.start()), nearest_last=True)
    return _make_reported(context, position, end, speaker, cue.group())


def _skip_listener(text: str, position: int, end: int) -> int:
    """After "told": skip "reporters", "the committee", "local reporters", "Radio Kolvar".

    At most three words, stopping before a word that opens the reported clause (a pronoun
    or determiner after the first word, "that") or at punctuation.
    """
    taken = 0
    while taken < 3 and (word := LISTENER_WORD.match(text, position, end)):
        lower = word.group(1).lower()
        if lower == "that" or (taken and lower in vocab.CLAUSE_OPENERS):
            break
        position = word.end()
        taken += 1
    return position


def _opens_clause(words: list[str]) -> bool:
    """True when words (after a speech verb, no "that") read as a clause, not an object.

    A clause has a finite verb soon after its subject: "said the talks would resume",
    "said inflation was falling"; "observed the former chief justice" has none.
    """
    first = words[0]
    if first.lower() in vocab.CLAUSE_OPENERS or first[0].isupper() or first[0].isdigit():
        window = words[1:MAX_SUBJECT_WORDS]
    elif is_finite(first):
        return False  # no subject: "a note was left" is not speech
    else:
        window = words[1:5]
    return any(is_finite(word) for word in window)


def _trailing(
    context: Context, cue: re.Match[str], start: int, before: str, rest: str, end: int
) -> Quote | None:
    """'<clause>, two sources said.' and '<subject>, he said, <predicate>.'.

    The subject between the last comma and the verb is short; when a clause goes on after
    the attribution (a parenthetical "he said"), the whole sentence is what was said.
    """
    comma = before.rfind(",")
    if comma < 0:
        return None
    subject_start = start + comma + 1
    subject = WORD.findall(context.text[subject_start : cue.start()])
    if not subject or len(subject) > MAX_ATTRIBUTION_WORDS:
        return None
    speaker = choose_speaker(
        context, find_refs(context, subject_start, cue.start()), nearest_last=True
    )
    after = WORD.findall(rest)
    if rest.startswith(",") and len(after) >= 2 and is_finite(after[0]):
        return _make_reported(context, start, end, speaker, cue.group())
    return _make_reported(context, start, start + comma, speaker, cue.group())


def _inverted(
    context: Context, cue: re.Match[str], start: int, position: int, end: int, before: str
) -> Quote | None:
    """'<clause>, said Fortis, who ...': a name (then a comma or the end) after the verb."""
    refs = find_refs(context, position, end)
    if not refs:
        return None
    first = refs[0]
    gap = context.text[position : first.start]
    follow = context.text[first.end : end].lstrip()
    if WORD.findall(gap) and not _title_words_only(gap):
        return None
    if follow and follow[0] not in ",.;!?":
        return None
    speaker = resolve_ref(context, first)
    comma = start + before.rfind(",")
    return _make_reported(context, start, comma, speaker, cue.group())


def _title_words_only(gap: str) -> bool:
    """True for 'city engineer ' or 'Foreign Minister ' before a name."""
    return (
        all(
            word.lower() in vocab.PERSON_TITLES or word[0].isupper() or word.islower()
            for word in WORD.findall(gap)
        )
        and len(WORD.findall(gap)) <= 4
    )


def _according_to(context: Context, cue: re.Match[str], start: int, end: int) -> Quote | None:
    text = context.text
    if not text[start : cue.start()].strip():  # "According to X, <clause>."
        comma = text.find(",", cue.end(), end)
        if comma < 0:
            return None
        speaker = choose_speaker(context, find_refs(context, cue.end(), comma), nearest_last=False)
        clause_start = comma + 1
        while RELATIVE.match(text, clause_start, end):
            next_comma = text.find(",", clause_start, end)
            if next_comma < 0:
                return None
            clause_start = next_comma + 1
        return _make_reported(context, clause_start, end, speaker, cue.group())
    before = text[start : cue.start()].rstrip()
    if not before.endswith(","):
        return None
    speaker = choose_speaker(context, find_refs(context, cue.end(), end), nearest_last=False)
    return _make_reported(context, start, start + len(before) - 1, speaker, cue.group())


def _make_reported(
    context: Context, start: int, end: int, speaker: tuple[str | None, str | None], cue: str
) -> Quote | None:
    text = context.text
    while start < end and text[start] in " \t\n,:":
        start += 1
    while end > start and text[end - 1] in " \t\n.,;:!?\"”’'":
        end -= 1
    if len(WORD.findall(text[start:end])) < 2:
        return None
    kind: QuoteKind = "reported"
    return Quote(start, end, text[start:end], kind, speaker[0], speaker[1], cue)
