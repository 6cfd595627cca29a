"""The language of an article, from its function words.

Metadata (HTML lang, a JSON field) wins when present; otherwise the language whose commonest
words cover the most tokens, if they cover enough to be sure. Unsure stays None.
"""

from __future__ import annotations

import re

from dateline.vocab.languages import FUNCTION_WORDS

MIN_COVERAGE = 0.12
"""Share of tokens that must be function words of the winner; English news runs 0.3-0.4."""
SAMPLE_CHARS = 3000

_TOKEN = re.compile(r"\w+", re.UNICODE)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    tokens = _TOKEN.findall(text[:SAMPLE_CHARS].lower())
    if len(tokens) < 5:
        return None
    scores = {
        code: sum(1 for token in tokens if token in words) for code, words in FUNCTION_WORDS.items()
    }
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] / len(tokens) >= MIN_COVERAGE else None


def normalise_language(code: str | None) -> str | None:
    """'en-GB', 'EN', 'en_US' -> 'en'; None or empty -> None."""
    if not code:
        return None
    return re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0] or None
