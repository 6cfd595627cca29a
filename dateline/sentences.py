"""Sentence splitting for news text, without models or downloaded data.

News text is mostly well punctuated, but full of abbreviations ("Mr.", "U.S.", "Jan."),
initials ("J. Marsh") and, in research corpora, PTB-tokenised text ("said . The"). A line break
always ends a sentence: paragraphs are lines after ingest and clean.
"""

from __future__ import annotations

import re

from dateline.vocab.abbreviations import NON_TERMINAL

_BOUNDARY = re.compile(r"""([.!?]+)(["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9])""")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\s?$")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` in order, stripped, without empty ones."""
    sentences: list[str] = []
    for line in text.split("\n"):
        sentences.extend(_split_line(line))
    return sentences


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of ``split_sentences(text)`` in ``text``, in the same order.

    Later stages store offsets into the article text (time expressions, quotes), so they need
    to know which sentence an offset falls in without splitting differently.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    for sentence in split_sentences(text):
        start = text.find(sentence, position)
        spans.append((start, start + len(sentence)))
        position = start + len(sentence)
    return spans


def _split_line(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        before = line[start : match.start()]
        if match.group(1) == "." and _is_abbreviation(before):
            continue
        pieces.append(line[start : match.end(2)].strip())
        start = match.end()
    pieces.append(line[start:].strip())
    return [piece for piece in pieces if piece]


def _is_abbreviation(before: str) -> bool:
    """True when the full stop after ``before`` closes an abbreviation or an initial."""
    found = _LAST_WORD.search(before)
    if not found:
        return False
    word = found.group(1)
    if before.endswith(" "):  # PTB-tokenised "said ." is a real sentence end
        return False
    bare = word.rstrip(".").lower()
    if len(bare) == 1:  # an initial: "J. Marsh", or the last letter of "U.S"
        return True
    if "." in word:  # "U.S", "a.m" before the final stop
        return True
    return bare in NON_TERMINAL
