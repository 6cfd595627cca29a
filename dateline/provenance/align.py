"""Sentence alignment between two articles: the concrete evidence behind a provenance link.

Each sentence of the later article is matched with the most similar sentence of the other, by
the Dice overlap of their content words (function words dropped, lower-cased). Dice on content
words survives what rewriting does to a copied sentence: a synonym swapped here and there
("talks" -> "discussions"), a typo, reordered clauses. Whole-article shingles do not: one swapped
word breaks every n-gram around it. The alignment reports how much of each side the other
covers, how similar the matched sentences are, and whether their order was kept.

The comparison is vectorised: an article is held as ``Sentences``, the word ids of its
sentences as flat numpy arrays. For a pair, a sorted join of the two id arrays lists every
(derived sentence, source sentence) pair sharing a word, and one ``bincount`` of those pairs
gives the shared-word count of every sentence pair, hence every Dice score at once (no matrix
product: BLAS threads cost more than they save on matrices this small). When that matrix would
be far larger than the list of pairs (two page dumps of thousands of sentences each would need
gigabytes), ``best_matches`` counts the listed pairs instead. This replaced a pure-Python double
loop over sentence pairs (``bench/provenance.py`` prints both speeds).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from dateline.provenance.minhash import words
from dateline.sentences import split_sentences
from dateline.vocab.languages import FUNCTION_WORDS

SENTENCE_MATCH = 0.5
"""Dice overlap of content words above which two sentences count as the same passage.
Calibrated on the demo corpus's spun rewrite and translated copy (matched sentences 0.5-0.9)
against sentences of other reports of the same event (mostly below 0.4)."""
VERBATIM = 0.98
"""Dice from which a matched sentence counts as unchanged when its words are not at hand (a
copy's sentences, not a spun one's: one swapped word in a 20-content-word sentence already
gives 0.95). With the words, ``unchanged`` decides."""
TYPO_SLACK = 2
"""Words of a sentence that may differ by one typing slip each while the sentence still counts
as unchanged: reprints carry the typos they make or fix."""
MIN_CONTENT_WORDS = 3
"""Shorter sentences ("He declined.") match too easily to be evidence."""
DENSE_CELLS, DENSE_FACTOR = 1 << 16, 8
"""``best_matches`` fills the whole derived x source matrix up to this many cells, or up to
this many times the sentence pairs sharing a word; beyond, it scores only those pairs (sorting
them costs more per pair than filling a small matrix, but a matrix of two page dumps would not
fit in memory)."""

_STOP = FUNCTION_WORDS["en"]
_IDS: dict[str, int] = {}
"""Process-wide word ids; never persisted, only compared within one process."""
_WORDS: list[str] = []
"""The word of each id."""

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Passage:
    """A sentence of the derived article matched with one of the source article."""

    derived_index: int
    source_index: int
    similarity: float


@dataclass(frozen=True)
class Alignment:
    """How one article (derived) is covered by another (source), sentence by sentence."""

    passages: tuple[Passage, ...]
    derived_coverage: float
    """Share of the derived article's content words in matched sentences."""
    source_coverage: float
    """Share of the source article's content words in sentences matched at least once."""
    mean_similarity: float
    """Mean Dice of the matched sentence pairs, weighted by sentence length."""
    order_kept: float
    """Share of consecutive matched pairs whose source sentences also follow each other."""
    verbatim_coverage: float = 0.0
    """Share of the derived article's content words in sentences matched unchanged."""


@dataclass(frozen=True)
class Sentences:
    """An article's sentences as content-word ids: ``ids[k]`` belongs to sentence ``rows[k]``."""

    ids: IntArray
    rows: IntArray
    sizes: IntArray
    """Content words per sentence (distinct)."""
    tokens: tuple[tuple[str, ...], ...] | None = None
    """Every lower-cased word of each sentence, function words included, when known."""

    @property
    def count(self) -> int:
        """Number of sentences."""
        return len(self.sizes)

    @property
    def total(self) -> int:
        """Content words in all sentences together."""
        return int(self.sizes.sum())

    @cached_property
    def by_id(self) -> tuple[IntArray, IntArray]:
        """(ids, rows) sorted by word id: the side of a join looked up by ``searchsorted``,
        sorted once per article rather than once per pair it is aligned with."""
        order = np.argsort(self.ids, kind="stable")
        return self.ids[order], self.rows[order]


def content_words(sentence: str) -> frozenset[str]:
    """The lower-cased words of a sentence that are not function words."""
    return frozenset(word for word in words(sentence) if word not in _STOP)


def sentence_sets(text: str) -> list[frozenset[str]]:
    """Content-word sets of an article's sentences, in order."""
    return [content_words(sentence) for sentence in split_sentences(text)]


def sentences_of(text: str) -> Sentences:
    """The ``Sentences`` of an article's text, with its words for the verbatim test (each word
    one shared string, ``sys.intern``: a batch holds the texts of thousands of candidates, at
    40 KB each instead of 128 on Timeline17)."""
    split = split_sentences(text)
    encoded = encode([content_words(sentence) for sentence in split])
    tokens = tuple(tuple(map(sys.intern, words(sentence))) for sentence in split)
    return Sentences(encoded.ids, encoded.rows, encoded.sizes, tokens)


def vocabulary(sentences: Sentences) -> frozenset[str]:
    """The distinct content words of an article."""
    return frozenset(_WORDS[i] for i in set(sentences.ids.tolist()))


def unchanged(first: Sequence[str], second: Sequence[str]) -> bool:
    """Whether two sentences' words are the same, but for up to ``TYPO_SLACK`` typing slips
    (one deletion, insertion, substitution or swap of letters in a word)."""
    if len(first) != len(second):
        return False
    differ = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
    return len(differ) <= TYPO_SLACK and all(OSA.distance(a, b) <= 1 for a, b in differ)


def encode(sets: Sequence[frozenset[str]]) -> Sentences:
    """The ``Sentences`` of an article given its sentences' content-word sets."""
    ids: list[int] = []
    rows: list[int] = []
    for row, sentence in enumerate(sets):
        for word in sentence:
            if word not in _IDS:
                _IDS[word] = len(_WORDS)
                _WORDS.append(word)
            ids.append(_IDS[word])
            rows.append(row)
    return Sentences(
        np.asarray(ids, dtype=np.int64),
        np.asarray(rows, dtype=np.int64),
        np.asarray([len(s) for s in sets], dtype=np.int64),
    )


def _shared_cells(derived: Sentences, source: Sentences) -> IntArray:
    """One cell id (``derived row * source.count + source row``) per word the two sentences
    share, repeated once per shared word: the sorted join of the two id arrays."""
    source_ids, source_rows = source.by_id
    starts = np.searchsorted(source_ids, derived.ids, side="left")
    counts = np.searchsorted(source_ids, derived.ids, side="right") - starts
    total = int(counts.sum())
    offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(total)
    cells: IntArray = np.repeat(derived.rows, counts) * source.count + source_rows[offsets]
    return cells


def dice_matrix(derived: Sentences, source: Sentences) -> FloatArray:
    """Dice of content words for every (derived sentence, source sentence) pair; 0 for short
    sentences (fewer than ``MIN_CONTENT_WORDS``)."""
    if derived.count == 0 or source.count == 0:
        return np.zeros((derived.count, source.count))
    return _dense_dice(derived, source, _shared_cells(derived, source))


def _dense_dice(derived: Sentences, source: Sentences, cells: IntArray) -> FloatArray:
    shared = np.bincount(cells, minlength=derived.count * source.count).astype(np.float64)
    shared = shared.reshape(derived.count, source.count)
    sums = derived.sizes[:, None] + source.sizes[None, :]
    dice: FloatArray = np.divide(2 * shared, sums, out=np.zeros_like(shared), where=sums > 0)
    dice[derived.sizes < MIN_CONTENT_WORDS, :] = 0.0
    dice[:, source.sizes < MIN_CONTENT_WORDS] = 0.0
    return dice


def best_matches(derived: Sentences, source: Sentences) -> tuple[IntArray, IntArray, FloatArray]:
    """Each derived sentence's best source sentence by Dice, for the derived sentences that
    reach ``SENTENCE_MATCH``: (derived rows, source rows, scores), derived rows ascending.

    The row maxima of ``dice_matrix`` (ties go to the earlier source sentence). When the
    matrix would be much larger than the list of sentence pairs sharing a word (page dumps of
    thousands of sentences), only those pairs are scored.
    """
    empty = np.zeros(0, dtype=np.int64)
    if derived.count == 0 or source.count == 0:
        return empty, empty, np.zeros(0)
    cells = _shared_cells(derived, source)
    if derived.count * source.count <= max(DENSE_FACTOR * cells.size, DENSE_CELLS):
        dice = _dense_dice(derived, source, cells)
        columns = dice.argmax(axis=1)
        scores = dice[np.arange(derived.count), columns]
        rows = np.flatnonzero(scores >= SENTENCE_MATCH)
        return rows, columns[rows], scores[rows]
    cells, shared = np.unique(cells, return_counts=True)
    rows, columns = np.divmod(cells, source.count)
    dice = 2 * shared / (derived.sizes[rows] + source.sizes[columns])
    dice[source.sizes[columns] < MIN_CONTENT_WORDS] = 0.0
    dice[derived.sizes[rows] < MIN_CONTENT_WORDS] = 0.0
    order = np.lexsort((columns, -dice, rows))  # per row: best score, then earliest column
    rows, columns, dice = rows[order], columns[order], dice[order]
    first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    rows, columns, dice = rows[first], columns[first], dice[first]
    matched = dice >= SENTENCE_MATCH
    return rows[matched], columns[matched], dice[matched]


def align(
    derived: Sentences | Sequence[frozenset[str]], source: Sentences | Sequence[frozenset[str]]
) -> Alignment:
    """Align the sentences of ``derived`` to their best matches in ``source``."""
    first = derived if isinstance(derived, Sentences) else encode(derived)
    second = source if isinstance(source, Sentences) else encode(source)
    rows, columns, scores = best_matches(first, second)
    passages = [
        Passage(int(i), int(j), round(float(score), 4))
        for i, j, score in zip(rows.tolist(), columns.tolist(), scores.tolist(), strict=True)
    ]
    sizes, total = first.sizes, first.total
    return Alignment(
        passages=tuple(passages),
        derived_coverage=_share(sizes, {p.derived_index for p in passages}, total),
        source_coverage=_share(second.sizes, {p.source_index for p in passages}, second.total),
        mean_similarity=_mean_similarity(passages, sizes),
        order_kept=_order_kept(passages),
        verbatim_coverage=_share(sizes, _verbatim(passages, first, second), total),
    )


def _verbatim(passages: Sequence[Passage], derived: Sentences, source: Sentences) -> set[int]:
    """Derived sentences matched unchanged: same words (but for typos) when the words are
    known, else a Dice of at least ``VERBATIM``."""
    if derived.tokens is None or source.tokens is None:
        return {p.derived_index for p in passages if p.similarity >= VERBATIM}
    first, second = derived.tokens, source.tokens
    return {
        p.derived_index
        for p in passages
        if unchanged(first[p.derived_index], second[p.source_index])
    }


def coverage(sentences: Sequence[frozenset[str]] | Sentences, matched: set[int]) -> float:
    """Share of the content words of ``sentences`` that lie in the ``matched`` ones."""
    if isinstance(sentences, Sentences):
        return _share(sentences.sizes, matched, sentences.total)
    sizes = np.asarray([len(s) for s in sentences], dtype=np.int64)
    return _share(sizes, matched, int(sizes.sum()))


def _share(sizes: IntArray, matched: set[int], total: int) -> float:
    if not total or not matched:
        return 0.0
    return float(sizes[sorted(matched)].sum()) / total


def _mean_similarity(passages: Sequence[Passage], sizes: IntArray) -> float:
    weights = [int(sizes[p.derived_index]) for p in passages]
    if not weights:
        return 0.0
    return sum(p.similarity * w for p, w in zip(passages, weights, strict=True)) / sum(weights)


def _order_kept(passages: Sequence[Passage]) -> float:
    if len(passages) < 2:
        return 1.0
    kept = sum(b.source_index > a.source_index for a, b in pairwise(passages))
    return kept / (len(passages) - 1)
