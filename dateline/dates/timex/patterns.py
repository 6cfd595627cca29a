"""Regular-expression fragments built from the vocabulary in ``dateline.vocab.timex``.

Every rule pattern is compiled case-insensitive; month and weekday names are wrapped in
``(?-i:...)`` so that "may" and "march" as verbs never look like months. Alternations are built
longest first so that "the near future" wins over "future".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dateline.vocab import timex as vocab


def alternation(words: Iterable[str]) -> str:
    """A non-capturing alternation of ``words``, longest first; spaces match any whitespace."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    if not items or any(not w for w in items):
        raise ValueError("alternation needs non-empty words")
    escaped = (re.escape(w).replace("\\ ", r"\s+").replace(" ", r"\s+") for w in items)
    return "(?:" + "|".join(escaped) + ")"


def compile_rule(pattern: str) -> re.Pattern[str]:
    """Compile a rule pattern (case-insensitive, verbose off)."""
    return re.compile(pattern, re.IGNORECASE)


#: Left boundary: not inside a word or a hyphenated compound or a number.
B = r"(?<![\w$.-])"
#: Right boundary: not followed by a word character.
E = r"(?![\w])"

MONTH = r"(?-i:" + alternation(vocab.MONTHS) + r")(?![a-z])"
SAFE_MONTH = r"(?-i:" + alternation(set(vocab.MONTHS) - vocab.AMBIGUOUS_MONTHS) + r")(?![a-z])"
AMBIGUOUS_MONTH = r"(?-i:" + alternation(vocab.AMBIGUOUS_MONTHS) + r")(?![a-z])"
WEEKDAY = r"(?-i:" + alternation(vocab.WEEKDAYS) + r")(?![a-z])"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?!\d|[,.]\d)"
_NUM_WORDS = [w for w in vocab.NUMBER_WORDS if w.split()[0] not in ("a", "an", "half", "couple")]
NUM_WORD = alternation(_NUM_WORDS)
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + NUM_WORD + r"(?:[\s-]+(?:and\s+)?" + NUM_WORD + r")*)"
)
ARTICLE_QTY = r"(?:a\s+couple\s+of|a\s+dozen|a\s+hundred|a\s+thousand|half\s+an?|an?)"
VAGUE = alternation(vocab.VAGUE_QUANTITIES)
QUANTITY = r"(?:" + NUMBER + "|" + ARTICLE_QTY + "|" + VAGUE + ")"
UNIT = alternation(vocab.UNITS) + r"(?![\w])(?![\s-]+old\b)"
PRE_MOD = alternation(vocab.PRE_MODIFIERS)
POSITION = (
    r"(?:mid-|early-|late-|"
    + alternation(k for k in vocab.POSITION_MODIFIERS if k != "mid-")
    + r"\s+)"
)
PART_OF_DAY = alternation(vocab.PARTS_OF_DAY)
SEASON = alternation(vocab.SEASONS)
ORDINAL = alternation(vocab.ORDINALS)
FUZZY = alternation(vocab.FUZZY)
FREQUENCY = alternation(vocab.FREQUENCY_WORDS)
HOLIDAY = (
    r"(?-i:"
    + alternation([*vocab.FIXED_HOLIDAYS, *vocab.WEEKDAY_HOLIDAYS, *vocab.EASTER_HOLIDAYS])
    + r")"
)

#: The scan's tokens: runs of letters, runs of digits (``#`` in trigger sets).
TOKEN = re.compile(r"[^\W\d_]+|\d+")
NUMBER_TOKEN = "#"


def token_key(token: str) -> str:
    """The trigger key of a token: lower case, any number as ``#``."""
    return NUMBER_TOKEN if token[0].isdigit() else token.lower()


def words(*phrases: str | Iterable[str], last: bool = False) -> frozenset[str]:
    """Trigger keys of vocabulary phrases: every token, or with ``last`` the final one only."""
    keys: set[str] = set()
    for item in phrases:
        for phrase in [item] if isinstance(item, str) else item:
            tokens = [token_key(t) for t in TOKEN.findall(phrase)]
            keys.update(tokens[-1:] if last else tokens)
    return frozenset(keys)


MONTH_WORDS = words(vocab.MONTHS)
WEEKDAY_WORDS = words(vocab.WEEKDAYS)
UNIT_WORDS = words(vocab.UNITS)
