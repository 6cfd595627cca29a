"""What the page-structure model sees of each line: the line itself, its neighbours, its place.

More whole-line vocabulary does not generalise to sites nobody wrote rules for; what does is
how a line looks next to the lines around it. Article prose is long, ends like a sentence,
is dense in function words and sits in one run near the page's middle; furniture is short,
capitalised, link-heavy and comes in runs of short lines before and after that run. So each
line is described by:

* its own shape: words, characters, sentence end, function-word and capital shares, digits,
  punctuation, link text share, list bullet, heading mark, a date or clock time, a byline or
  credit cue, a furniture word (cookie, subscribe, sign in, ...), repeats on the page;
* its place: relative position, where it stands against the page's main run of prose (before
  it, inside, after it, and how far), the length of the run of short lines it belongs to, and
  the block of lines between blank lines it belongs to (how many lines, how long on average:
  renderers set paragraphs apart and run menu items together);
* its neighbours: the shape of the lines just before and after it.

The features are plain numbers in a fixed order (``FEATURE_NAMES``), so the model that reads
them (``dateline.clean.page``) is a few matrix products, and the training script
(``bench/train_page_model.py``) computes exactly what the stage computes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from dateline.clean.markup import PlainLine
from dateline.vocab.languages import FUNCTION_WORDS
from dateline.vocab.page import CREDIT_CUE, FURNITURE_WORDS, TEASER_CUE

PROSE_MIN_WORDS = 12
"""A line with this many words that ends like a sentence counts as prose for the place features."""
SHORT_MAX_WORDS = 4
CREDIT_MAX_WORDS = 20
"""Credit cues are looked for in lines this short; a longer line is a caption sentence or prose."""
"""Lines this short form the runs of menus, lists and buttons."""

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_DATE = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2}\s*[ap]\.?m\b", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|written by|posted by|words by|von|par)\b|^by:", re.IGNORECASE)
_SENTENCE_ENDS = (".", "!", "?", "…", ":")
_CLOSERS = "\"'”’»)]"
_URLISH = re.compile(r"https?://|www\.|\.com\b|@\w+\.\w", re.IGNORECASE)
_NON_DIGIT = re.compile(r"\d+")
_NON_LETTER = re.compile(r"[^\W\d_]+")
"""What ``sub`` removes to count digits and letters at C speed (the removed length counts)."""
_SEPARATORS = re.compile(r"[|•·»›>/]")
_FURNITURE = re.compile(FURNITURE_WORDS, re.IGNORECASE)
_CREDIT = re.compile(CREDIT_CUE, re.IGNORECASE)
_TEASER = re.compile(TEASER_CUE, re.IGNORECASE)
_ENGLISH = FUNCTION_WORDS["en"]
_OTHER_FUNCTION_WORDS = frozenset().union(
    *(words for code, words in FUNCTION_WORDS.items() if code != "en")
)

OWN_FEATURES = (
    "log_words", "log_chars", "sentence_end", "function_share", "capital_share", "digit_share",
    "symbol_share", "link_share", "bullet", "heading", "image", "date", "clock", "byline",
    "credit", "furniture", "teaser", "url", "separators", "all_caps", "repeats", "short",
    "prose", "blank_before", "blank_after",
)  # fmt: skip
PLACE_FEATURES = (
    "position", "before_prose", "after_prose", "inside_prose", "log_gap_prose",
    "log_short_run", "log_lines", "log_block_lines", "block_mean_log_words",
)  # fmt: skip
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)
NEIGHBOUR_FEATURES = ("log_words", "sentence_end", "function_share", "link_share", "short")
FEATURE_NAMES = (
    *OWN_FEATURES,
    *PLACE_FEATURES,
    *(f"{name}@{offset:+d}" for offset in NEIGHBOUR_OFFSETS for name in NEIGHBOUR_FEATURES),
)
_OWN_INDEX = {name: i for i, name in enumerate(OWN_FEATURES)}
_NEIGHBOUR_COLUMNS = [_OWN_INDEX[name] for name in NEIGHBOUR_FEATURES]

FloatArray = npt.NDArray[np.float64]


def line_features(lines: Sequence[PlainLine], blank: Sequence[tuple[bool, bool]]) -> FloatArray:
    """The feature matrix of a page's non-empty lines, one row per line, FEATURE_NAMES columns.

    Args:
        lines: the page's non-empty lines, markup read off (``dateline.clean.markup``).
        blank: for each line, whether a blank line stands just before and just after it.
    """
    if not lines:
        return np.zeros((0, len(FEATURE_NAMES)))
    repeats = Counter(line.text.lower() for line in lines)
    own = np.array(
        [
            _own(line, repeats[line.text.lower()], gap)
            for line, gap in zip(lines, blank, strict=True)
        ]
    )
    place = _place(own)
    neighbours = [_shifted(own[:, _NEIGHBOUR_COLUMNS], offset) for offset in NEIGHBOUR_OFFSETS]
    return np.hstack([own, place, *neighbours])


def _own(line: PlainLine, repeats: int, blank: tuple[bool, bool]) -> list[float]:
    text = line.text
    words = _WORD.findall(text)
    n_words = len(words)
    n_chars = len(text)
    lowered = [word.lower() for word in words]
    function = sum(map(_ENGLISH.__contains__, lowered))
    other_function = sum(map(_OTHER_FUNCTION_WORDS.__contains__, lowered))
    capitals = sum(1 for word in words if word[0].isupper())
    digits = n_chars - len(_NON_DIGIT.sub("", text))
    letters = n_chars - len(_NON_LETTER.sub("", text))
    symbols = n_chars - letters - digits - text.count(" ")
    ends = text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)
    has_digit = digits > 0  # every date and clock pattern needs a digit: skip them otherwise
    return [
        math.log1p(n_words),
        math.log1p(n_chars),
        float(ends),
        max(function, other_function) / n_words if n_words else 0.0,
        capitals / n_words if n_words else 0.0,
        digits / n_chars if n_chars else 0.0,
        symbols / n_chars if n_chars else 0.0,
        line.link_share,
        float(line.bullet),
        float(line.heading > 0),
        float(line.images > 0),
        float(has_digit and _DATE.search(text) is not None),
        float(has_digit and _CLOCK.search(text) is not None),
        float(_BYLINE.match(text) is not None),
        float(n_words <= CREDIT_MAX_WORDS and _CREDIT.search(text) is not None),
        float(n_words <= 12 and _FURNITURE.search(text) is not None),
        float(n_words <= 8 and _TEASER.search(text) is not None),
        float(_may_be_url(text) and _URLISH.search(text) is not None),
        min(len(_SEPARATORS.findall(text)), 5) / 5,
        float(letters > 3 and text.upper() == text),
        math.log(repeats),
        float(n_words <= SHORT_MAX_WORDS),
        float(n_words >= PROSE_MIN_WORDS and ends),
        float(blank[0]),
        float(blank[1]),
    ]


def _may_be_url(text: str) -> bool:
    """The cheap test before the URL pattern, which needs a slash, an at sign or a dot."""
    return "/" in text or "@" in text or "." in text


def _place(own: FloatArray) -> FloatArray:
    """Where each line stands against the main run of prose and the runs of short lines."""
    n = len(own)
    index = np.arange(n, dtype=np.float64)
    prose = np.flatnonzero(own[:, _OWN_INDEX["prose"]] > 0)
    if prose.size:
        first, last = float(prose[0]), float(prose[-1])
        gaps = np.abs(index[:, None] - prose[None, :].astype(np.float64)).min(axis=1)
    else:
        first, last = float(n), float(n)
        gaps = np.full(n, float(n))
    block = np.cumsum(own[:, _OWN_INDEX["blank_before"]] > 0)
    block_lines = np.bincount(block)
    block_words = np.bincount(block, weights=own[:, _OWN_INDEX["log_words"]]) / np.maximum(
        block_lines, 1
    )
    return np.column_stack(
        [
            index / max(n - 1, 1),
            (index < first).astype(np.float64),
            (index > last).astype(np.float64),
            ((index >= first) & (index <= last)).astype(np.float64),
            np.log1p(gaps),
            np.log1p(_run_lengths(own[:, _OWN_INDEX["short"]] > 0)),
            np.full(n, math.log1p(n)),
            np.log(block_lines[block]),
            block_words[block],
        ]
    )


def _run_lengths(flags: npt.NDArray[np.bool_]) -> FloatArray:
    """For each position, the length of the run of True it belongs to (0 where False)."""
    out = np.zeros(len(flags))
    start = 0
    for i in range(1, len(flags) + 1):
        if i == len(flags) or flags[i] != flags[start]:
            if flags[start]:
                out[start:i] = i - start
            start = i
    return out


def _shifted(columns: FloatArray, offset: int) -> FloatArray:
    """The rows ``offset`` lines away; zeros beyond the page's ends."""
    out = np.zeros_like(columns)
    if offset < 0:
        out[-offset:] = columns[:offset]
    else:
        out[:-offset] = columns[offset:]
    return out
