"""Metrics of the page benchmark (``dateline eval pages``): body, headline and date.

Body, two published metrics, written here from their definitions:

* **Shingle metric** of the ScrapingHub article-extraction benchmark (its ``evaluate.py``):
  tokens are the regex ``\\w+`` matches, case kept (the script's IGNORECASE flag changes
  nothing for ``\\w``); a text's shingles are its word 4-grams counted as a multiset, and a text
  of one to three tokens is a single shorter shingle. Per document, tp/fp/fn are the shared,
  extra and missing shingle counts, divided by their sum so long texts weigh no more.
  Precision is averaged over the documents with a non-empty prediction, recall over those with
  a non-empty gold: an empty prediction is left out of precision and scores recall 0, a
  prediction for an empty gold scores precision 0, and both empty leaves the document out.
  F1 is the harmonic mean of the two averages (here 0, not an error, when nothing is averaged).
* **Snippet metric** of trafilatura's evaluation set: every "with" snippet found in the output
  (both whitespace-normalised, plain substring, case kept) is a true positive, one not found a
  false negative; every "without" snippet found is a false positive, one not found a true
  negative. Precision, recall and F1 are computed over all snippets of all pages together.

Headline: right when its word tokens (``\\w+``, lowercased) have a token F1 of at least
``TITLE_F1`` with one of the page's silver titles (og:title, h1, <title>).

Date: "right" on the same day as the silver date, or on the day a UTC silver instant falls on
in some time zone (the outlet's local day, counted apart as well: see ``pages_data``), "wrong"
on another day, "unknown" when none was predicted; a page without a silver date is "no silver"
and counted apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from dateline.eval.clustering import PRF

SHINGLE_N = 4
TITLE_F1 = 0.8
"""Token F1 from which a predicted headline matches a silver title."""

RIGHT, WRONG, UNKNOWN, NO_SILVER = "right", "wrong", "unknown", "no silver"
_TITLE_PARTS = re.compile(r"\s+(?:[|–—·:]|-|::)\s+")
"""Separators between a headline and the site's name in a page title."""
DATE_OUTCOMES = (RIGHT, WRONG, UNKNOWN, NO_SILVER)

_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


# --- ScrapingHub shingle metric ------------------------------------------------------------


@dataclass(frozen=True)
class ShingleCounts:
    """One document's shared (tp), extra (fp) and missing (fn) shingles, normalised to sum 1
    (all 0 when neither text has a shingle)."""

    tp: float
    fp: float
    fn: float


def shingles(text: str | None, n: int = SHINGLE_N) -> Counter[tuple[str, ...]]:
    """The text's word n-grams with their counts; one shorter shingle when it has fewer than
    ``n`` tokens, none when it has no token."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def shingle_counts(gold: str | None, predicted: str | None, n: int = SHINGLE_N) -> ShingleCounts:
    """tp/fp/fn of the predicted body's shingles against the gold body's, normalised."""
    true, pred = shingles(gold, n), shingles(predicted, n)
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    return ShingleCounts(tp / total, fp / total, fn / total) if total else ShingleCounts(0, 0, 0)


def shingle_prf(documents: Iterable[ShingleCounts]) -> PRF:
    """Precision and recall averaged over documents as the official script does (see the
    module docstring); ``.f1`` is their harmonic mean."""
    precisions: list[float] = []
    recalls: list[float] = []
    for doc in documents:
        if doc.tp + doc.fp > 0:
            precisions.append(doc.tp / (doc.tp + doc.fp))
        if doc.tp + doc.fn > 0:
            recalls.append(doc.tp / (doc.tp + doc.fn))
    return PRF(_mean(precisions), _mean(recalls))


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


# --- trafilatura snippet metric ------------------------------------------------------------


@dataclass
class SnippetCounts:
    """Snippet outcomes summed over pages."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, other: SnippetCounts) -> None:
        """Add another page's (or system's) counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn

    @property
    def precision(self) -> float:
        """Found "with" snippets over all found snippets (0 when none was found)."""
        found = self.tp + self.fp
        return self.tp / found if found else 0.0

    @property
    def recall(self) -> float:
        """Found "with" snippets over all "with" snippets (0 when there are none)."""
        wanted = self.tp + self.fn
        return self.tp / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        """2tp / (2tp + fp + fn), the harmonic mean of precision and recall."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0

    @property
    def accuracy(self) -> float:
        """Snippets judged right ("with" found, "without" not found) over all snippets."""
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0


def normalise_space(text: str) -> str:
    """Runs of white space as one space, stripped."""
    return _SPACE.sub(" ", text).strip()


def snippet_counts(
    predicted: str | None, must_have: Sequence[str], must_not_have: Sequence[str]
) -> SnippetCounts:
    """One page's snippet outcomes; no output (None) finds nothing."""
    output = normalise_space(predicted) if predicted is not None else None
    found_with = sum(1 for s in must_have if output is not None and normalise_space(s) in output)
    found_without = sum(
        1 for s in must_not_have if output is not None and normalise_space(s) in output
    )
    return SnippetCounts(
        tp=found_with,
        fp=found_without,
        fn=len(must_have) - found_with,
        tn=len(must_not_have) - found_without,
    )


# --- headline and date ---------------------------------------------------------------------


def title_tokens(text: str) -> list[str]:
    """A headline's word tokens, lowercased."""
    return [token.lower() for token in _TOKEN.findall(text)]


def headline_right(predicted: str | None, titles: Sequence[str]) -> bool:
    """Whether the predicted headline matches one of the silver titles or its longest part
    (the headline of "Headline | Site" or "Site - Headline", never the site's name), at token
    F1 >= ``TITLE_F1``; no headline, or one without a word, is never right."""
    words = Counter(title_tokens(predicted or ""))
    if not words:
        return False
    parts = [_headline_part(title) for title in titles]
    for title in (*titles, *(part for part in parts if part not in titles)):
        gold = Counter(title_tokens(title))
        shared = sum((words & gold).values())
        if shared and 2 * shared / (words.total() + gold.total()) >= TITLE_F1:
            return True
    return False


def as_date(value: date | str | None) -> date | None:
    """A predicted date as a calendar day: a datetime's day, or an ISO string's first ten
    characters; None for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _headline_part(title: str) -> str:
    """The longest part of a page title split at its separators: the headline, not the site."""
    return max(_TITLE_PARTS.split(title), key=lambda part: len(title_tokens(part)))


def one_day_off(predicted: date | str | None, silver: date | None) -> bool:
    """Whether a reading is exactly one day from the silver date (a time-zone shift, mostly)."""
    day = as_date(predicted)
    return day is not None and silver is not None and abs((day - silver).days) == 1


def date_outcome(
    predicted: date | str | None, silver: date | None, local_days: frozenset[date] = frozenset()
) -> str:
    """ "right", "wrong", "unknown" (nothing predicted) or "no silver" (nothing to check). A
    reading on one of ``local_days`` (the days a UTC silver instant falls on in the world's
    time zones) is right: it is the outlet's local day of the same moment."""
    if silver is None:
        return NO_SILVER
    day = as_date(predicted)
    if day is None:
        return UNKNOWN
    return RIGHT if day == silver or day in local_days else WRONG


def local_day(
    predicted: date | str | None, silver: date | None, local_days: frozenset[date]
) -> bool:
    """Whether a right reading is right only as the local day of a UTC silver instant."""
    day = as_date(predicted)
    return day is not None and day != silver and day in local_days
