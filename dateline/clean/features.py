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
import string
from collections import Counter
from collections.abc import Sequence
from functools import cache

import numpy as np
import numpy.typing as npt

from dateline.clean.markup import PlainLine
from dateline.vocab.languages import FUNCTION_WORDS
from dateline.vocab.page import CREDIT_LINE, CREDIT_WORDS, FURNITURE_WORDS, TEASER_CUE

PROSE_MIN_WORDS = 12
"""A line with this many words that ends like a sentence counts as prose for the place features."""
SHORT_MAX_WORDS = 4
CREDIT_MAX_WORDS = 20
"""Credit cues are looked for in lines this short; a longer line is a caption sentence or prose."""
"""Lines this short form the runs of menus, lists and buttons."""

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ASCII_WORD = re.compile(r"[A-Za-z][\w'-]*")
"""``_WORD`` on an ASCII line: a letter, then word characters, apostrophes and hyphens."""
_DATE = (
    r"\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d"
)
_CLOCK = r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2}\s*[ap]\.?m\b"
_BYLINE = r"^(?:by|written by|posted by|words by|von|par)\b|^by:"
_URLISH = r"https?://|www\.|\.com\b|@\w+\.\w"
_SENTENCE_ENDS = (".", "!", "?", "…", ":")
_CLOSERS = "\"'”’»)]"
_NON_DIGIT = re.compile(r"\d+")
_NON_LETTER = re.compile(r"[^\W\d_]+")
"""What ``sub`` removes to count digits and letters at C speed (the removed length counts)."""
_ASCII_DIGITS = string.digits.encode()
_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII = bytes(range(128))
"""What ``bytes.translate`` deletes from a line's UTF-8 to count its ASCII digits and letters
faster, and to keep its other characters (no byte of theirs is an ASCII one) for ``sub``."""
_SEPARATORS = re.compile(r"[|•·»›>/]")


class _Cues:
    """The case-insensitive patterns a line is searched for, compiled one of two ways.

    The general form reads any line as it is. The lower-case form reads a line's lower case
    case-sensitively, which finds the same matches two to three times faster (the regex
    engine's quick first-character tests work only case-sensitively) on any line without one
    of ``_FOLDS_TO_ASCII``: an ASCII letter matches a lower-case pattern letter ignoring case
    exactly when its lower case does, no other character matches an ASCII letter so, and
    lower-casing keeps every character's place and its class (word character, digit, space),
    so every word boundary. So no pattern here may hold an upper-case letter outside an escape.
    """

    def __init__(self, lower_case: bool) -> None:
        def compile_cue(pattern: str) -> re.Pattern[str]:
            if re.search(r"(?<!\\)[A-Z]", pattern):
                raise ValueError(f"a cue pattern must be lower case: {pattern}")
            return re.compile(pattern) if lower_case else re.compile(pattern, re.IGNORECASE)

        self.date = compile_cue(_DATE)
        self.clock = compile_cue(_CLOCK)
        self.byline = compile_cue(_BYLINE)
        self.credit_words = compile_cue(CREDIT_WORDS)
        self.credit_line = compile_cue(CREDIT_LINE)
        self.furniture = compile_cue(FURNITURE_WORDS)
        self.teaser = compile_cue(TEASER_CUE)
        self.url = compile_cue(_URLISH)


_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
"""The characters that match an ASCII letter ignoring case but are not one in lower case, or
not one character (dotted and dotless i, long s, the Kelvin sign): checked over every code
point."""
_CUES = _Cues(lower_case=False)
_LOWER_CUES = _Cues(lower_case=True)
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
    texts, headings, bullets, link_shares, images = zip(*lines, strict=True)
    distinct: dict[str, int] = {}  # menus and footers repeat lines: read each text once
    rows = [distinct.setdefault(text, len(distinct)) for text in texts]
    lowered = [text.lower() for text in texts]
    repeats = Counter(lowered)
    own = np.empty((len(lines), len(OWN_FEATURES)))
    own[:, _SHAPE_COLUMNS] = np.array([_shape(text) for text in distinct])[rows]
    own[:, _OWN_INDEX["link_share"]] = link_shares
    own[:, _OWN_INDEX["bullet"]] = bullets
    own[:, _OWN_INDEX["heading"]] = np.array(headings) > 0
    own[:, _OWN_INDEX["image"]] = np.array(images) > 0
    own[:, _OWN_INDEX["repeats"]] = [_log(repeats[text]) for text in lowered]
    own[:, [_OWN_INDEX["blank_before"], _OWN_INDEX["blank_after"]]] = blank
    place = _place(own)
    neighbours = [_shifted(own[:, _NEIGHBOUR_COLUMNS], offset) for offset in NEIGHBOUR_OFFSETS]
    return np.hstack([own, place, *neighbours])


_LINE_COLUMNS = (
    "link_share",
    "bullet",
    "heading",
    "image",
    "repeats",
    "blank_before",
    "blank_after",
)
_SHAPE_COLUMNS = [i for i, name in enumerate(OWN_FEATURES) if name not in _LINE_COLUMNS]
"""The OWN_FEATURES columns ``_shape`` gives, in order; ``line_features`` fills in the others."""


@cache
def _log(repeats: int) -> float:
    return math.log(repeats)


def _shape(text: str) -> tuple[float, ...]:
    """The OWN_FEATURES read from a line's text alone: all but the markup (link_share, bullet,
    heading, image), the repeat count and the blank lines around it, which ``line_features``
    adds. The cues are searched for in the line's lower case (see ``_Cues``); ASCII words,
    digits and letters are found by ASCII-only means that find the same."""
    n_chars = len(text)
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate is no digit nor letter either
    digits = len(data) - len(data.translate(None, _ASCII_DIGITS))
    letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    if text.isascii():
        words = _ASCII_WORD.findall(text)
        cues, probe = _LOWER_CUES, text.lower()
    else:
        rest = data.translate(None, _ASCII).decode("utf-8", "surrogatepass")  # fewer to count
        digits += len(rest) - len(_NON_DIGIT.sub("", rest))
        letters += len(rest) - len(_NON_LETTER.sub("", rest))
        words = _WORD.findall(text)
        if any(char in rest for char in _FOLDS_TO_ASCII):
            cues, probe = _CUES, text
        else:
            cues, probe = _LOWER_CUES, text.lower()
    n_words = len(words)
    lowered = list(map(str.lower, words))
    function = sum(map(_ENGLISH.__contains__, lowered))
    other_function = sum(map(_OTHER_FUNCTION_WORDS.__contains__, lowered))
    capitals = sum([word[0].isupper() for word in words])
    symbols = n_chars - letters - digits - text.count(" ")
    ends = text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)
    has_digit = digits > 0  # every date and clock pattern needs a digit: skip them otherwise
    return (  # flags as bools: numpy makes them 1.0 and 0.0, as float() did, but faster
        math.log1p(n_words),
        math.log1p(n_chars),
        ends,
        max(function, other_function) / n_words if n_words else 0.0,
        capitals / n_words if n_words else 0.0,
        digits / n_chars if n_chars else 0.0,
        symbols / n_chars if n_chars else 0.0,
        has_digit and cues.date.search(probe) is not None,
        has_digit and cues.clock.search(probe) is not None,
        cues.byline.match(probe) is not None,
        n_words <= CREDIT_MAX_WORDS and _is_credit(cues, probe),
        n_words <= 12 and cues.furniture.search(probe) is not None,
        n_words <= 8 and cues.teaser.search(probe) is not None,
        _may_be_url(text) and cues.url.search(probe) is not None,
        min(len(_SEPARATORS.findall(text)), 5) / 5,
        letters > 3 and text.upper() == text,
        n_words <= SHORT_MAX_WORDS,
        n_words >= PROSE_MIN_WORDS and ends,
    )


def has_credit_cue(text: str) -> bool:
    """Whether CREDIT_CUE is in ``text`` (searched for ignoring case), found as ``_shape`` finds
    it."""
    if text.isascii() or not any(char in text for char in _FOLDS_TO_ASCII):
        return _is_credit(_LOWER_CUES, text.lower())
    return _is_credit(_CUES, text)


def _is_credit(cues: _Cues, probe: str) -> bool:
    """CREDIT_CUE in two parts: its cue words, and its "Jane Roe / Agency" line only on a line
    with a slash (the part that scans slowly)."""
    return cues.credit_words.search(probe) is not None or (
        "/" in probe and cues.credit_line.search(probe) is not None
    )


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
    n = len(flags)
    if n == 0:
        return np.zeros(0)
    edges = np.flatnonzero(flags[1:] != flags[:-1]) + 1
    lengths = np.diff(np.concatenate(([0], edges, [n])))
    return np.where(flags, np.repeat(lengths, lengths), 0).astype(np.float64)


def _shifted(columns: FloatArray, offset: int) -> FloatArray:
    """The rows ``offset`` lines away; zeros beyond the page's ends."""
    out = np.zeros_like(columns)
    if offset < 0:
        out[-offset:] = columns[:offset]
    else:
        out[:-offset] = columns[offset:]
    return out
