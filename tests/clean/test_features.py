"""The page features' fast paths find what the general patterns find."""

from __future__ import annotations

import re
import sys

import numpy as np
import pytest

from dateline.clean import features
from dateline.clean.features import line_features
from dateline.clean.markup import PlainLine
from dateline.vocab import page
from dateline.vocab.page import CREDIT_CUE

CREDIT = re.compile(CREDIT_CUE, re.IGNORECASE)
CUE_NAMES = ("date", "clock", "byline", "credit_words", "credit_line", "furniture", "teaser", "url")
LINES = (
    "Photograph: Jane Roe/Agency",
    "PHOTO: GETTY IMAGES",
    "By Jo Roe, Nov 9, 2023 10:30 AM",
    "SUBSCRIBE to our NEWSLETTER · Sign In · Log-in",
    "Read More: https://WWW.Example.COM/story",
    "Contact us at News@Example.Org",
    "Ünïcödé “quotes” — and the E-Mail ©2023",
    "İstanbul ſubscribe Kelvin ıdea",
    "x-menu 2menu menu2 _menu advertisements",
    "Related: Stories you might like",
    "",
)


@pytest.mark.parametrize("text", LINES)
def test_lower_case_cues_match_the_general_ones(text: str) -> None:
    folds = any(char in text for char in features._FOLDS_TO_ASCII)
    for name in CUE_NAMES:
        general = getattr(features._CUES, name).search(text) is not None
        lower = getattr(features._LOWER_CUES, name).search(text.lower()) is not None
        assert folds or lower == general, (name, text)
    assert features.has_credit_cue(text) == (CREDIT.search(text) is not None)


def test_only_the_listed_characters_fold_to_ascii_letters() -> None:
    """Over every code point: lower-casing keeps one character and its class, and only
    _FOLDS_TO_ASCII match an ASCII letter ignoring case without being one in lower case."""
    letter = re.compile(r"[a-z]", re.IGNORECASE)
    classes = [re.compile(pattern) for pattern in (r"\w", r"\d", r"\s")]
    found = set()
    for point in range(128, sys.maxunicode + 1):
        char = chr(point)
        if 0xD800 <= point <= 0xDFFF:
            continue
        lower = char.lower()
        if len(lower) != 1 or lower.isascii() or letter.match(char):
            found.add(char)
        elif char != lower:
            kinds = [(c.match(char) is None, c.match(lower) is None) for c in classes]
            assert all(here == there for here, there in kinds), hex(point)
    assert found == set(features._FOLDS_TO_ASCII)


def test_counts_on_ascii_and_other_lines() -> None:
    texts = ("Ab 12 cd", "Äb 12 cd", "Ab 12 cd", "Ab ١٢ c²\ud800")
    lines = [PlainLine(text, 0, False, 0.0, 0) for text in texts]
    rows = line_features(lines, [(False, False)] * len(texts))
    assert np.array_equal(rows[0, :25], rows[2, :25])
    assert rows[0, 5] == rows[1, 5] == 2 / 8  # digit share
    assert rows[0, 6] == rows[1, 6] == 0.0  # symbol share
    assert rows[3, 5] == 2 / 9  # Arabic-Indic digits are digits, a superscript two is not ...
    assert rows[3, 6] == 1 / 9  # ... but a letter (to ``[^\W\d_]``); a lone surrogate a symbol


def test_cue_words_grouped_by_first_letter_match_as_the_plain_alternation() -> None:
    pairs = [
        (page.FURNITURE_WORDS, rf"\b(?:{'|'.join(page.FURNITURE)})\b|©"),
        (page.CREDIT_WORDS, rf"©|\(c\)|\b(?:{'|'.join(page.CREDIT)})\b"),
    ]
    samples = [*LINES, "e-mail us", "email", "log in", "login", "logout", "advertisement"]
    samples += ["photographs by", "photos:", "ap photo", "apphoto", "most viewed", "mostly"]
    for flags in (0, re.IGNORECASE):
        for grouped, plain in pairs:
            one, other = re.compile(grouped, flags), re.compile(plain, flags)
            for text in samples:
                found = [m.span() for m in one.finditer(text.lower())]
                assert found == [m.span() for m in other.finditer(text.lower())], text
    with pytest.raises(ValueError):
        page.by_first_letter(("(?:a|b)",))
