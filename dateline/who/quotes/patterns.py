"""The quote finder's calibrated limits and its patterns over text.

The words the patterns are made of are data in ``dateline.vocab.quotes``."""

from __future__ import annotations

import re

from dateline.vocab import quotes as vocab

#: Words allowed between a direct quote's closing mark and the cue after it ('"...," the
#: former foreign minister said'), and between the cue before a quote and its opening mark
#: ('said that a cut in the spring was "..."'). Calibrated on the dev passages of
#: tests/who/quotes/data/quotes_gold.jsonl; retune together.
MAX_WORDS_BEFORE_CUE = 8


MAX_WORDS_CUE_TO_QUOTE = 12


#: A quoted stretch with no cue shorter than this (in words, without sentence punctuation
#: inside) is a scare quote or a title; at least this long and opening a sentence it is speech.
MIN_SPEECH_WORDS = 4


#: A mid-sentence quote with no cue is kept (speaker None) only from this many words.
MIN_UNCUED_WORDS = 10


#: An inverted or trailing attribution ("..., two sources close to the government said")
#: holds at most this many words between the comma and the verb.
MAX_ATTRIBUTION_WORDS = 8


#: A reported clause without "that" needs a finite verb within this many words of its start.
MAX_SUBJECT_WORDS = 10


#: Speech cues read for reported speech in one sentence. The most in 4,800 real articles
#: (Timeline17, the demo, the gold set) is 7; a "sentence" with more is a list or text without
#: punctuation, and reading every cue of it would cost time quadratic in its length.
MAX_SENTENCE_CUES = 16


#: Earlier mentions of persons holding a title that a title reference ("the foreign minister")
#: is compared with, nearest first. Only text naming hundreds of ministers reaches it.
MAX_TITLE_LOOKBACK = 200


SPEAKER_KINDS = frozenset({"person", "organisation", "country", "group"})


OPEN_MARKS = '"“'


MARKS = re.compile(r'["“”]')


CUE = re.compile(
    r"\b(?:(?i:according to)|"
    + "|".join(re.escape(cue) for cue in vocab.MULTIWORD_CUES if cue != "according to")
    + "|"
    + "|".join(sorted(vocab.SPEECH_VERBS, key=len, reverse=True))
    + r")\b"
)


ADVERBIAL = re.compile(
    r"\s*,?\s*(?:" + "|".join(f"(?:{pattern})" for pattern in vocab.ADVERBIALS) + r")\b",
    re.IGNORECASE,
)


LISTENER_WORD = re.compile(r"\s*([A-Za-z][\w'-]*)")


THAT = re.compile(r"\s*,?\s*that\b")


SENTENCE_END = re.compile(r"[.!?](?=[\s\"”’']|$)|\n")


RELATIVE = re.compile(r"\s*(?:who|which|whose|where)\b")


TOKEN = re.compile(r"\S+")


PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Ii]t)\b")


GENDER_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)


HONORIFIC_BEFORE = re.compile(r"\b([A-Z][a-z]{1,7})\.?\s+$")


SURNAME_WINDOW = 24
"""Characters before a surname in which ``_words_before`` reads the word before it."""


_TITLE_HEADS = "|".join(sorted(vocab.PERSON_TITLES | vocab.ORG_NOUNS, key=len, reverse=True))


TITLE_NP = re.compile(
    r"\b(?P<det>[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+"
    r"(?P<mods>(?:[a-z][\w'’-]*\s+){0,3}?)"
    r"(?P<head>" + _TITLE_HEADS + r")s?\b(?!['’]s)"
)


APPOSITION_END = re.compile(
    r",\s*(?:the|a|an|its|his|her|their|who|which|whose)\b[^,]*,\s*$", re.IGNORECASE
)


WORD = re.compile(r"[\w'’-]+")


PASSIVE = re.compile(
    r"\b(?:(?:was|were|been|being|is|are|be|am|get|got)\s+(?:\w+ly\s+)?"
    r"|(?i:a|an|the|this|that|these|those|his|her|their|its|our|my|your|such|no)\s+)$"
)


POSSESSIVE = re.compile(r"['’]s\s+([a-z]+)")
