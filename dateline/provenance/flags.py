"""Quality flags on an article, each with evidence a user can check in the text.

``detect_flags`` looks at one article's text and, when it has them, at what the earlier stages
and the provenance links know: the reasons of the lines the clean stage cut, the text of the
article it was derived from, the links that name it as derived, and a lexicon of the corpus.
Every flag works on the text alone and grows stronger with the rest:

* ``spun``: a density of wording that article spinners put in place of the plain word
  ("stated", "the Russian Federation", ``vocab.style.SPIN_VARIANTS``). With the original,
  only wording the original lacks counts, and aligned sentence pairs that differ by
  one-for-one swaps of content words ("talks" -> "discussions") are listed and counted.
  Sentences sharing no content word with the rest of the article are listed as evidence of
  inserted off-topic text, but do not count: quotes and asides do the same too often.
* ``machine-translated``: garbled titles and honorifics, literal idioms and function-word
  errors (``vocab.style.MT_MARKERS``). With the original, only markers the original lacks
  count, and aligned pairs whose differences are mostly function words add evidence.
* ``stitched``: the provenance links show passages from two or more sources.
* ``has-reader-comments``: the clean stage cut lines as reader comments.
* ``typos``: lower-case words found nowhere else in the corpus one edit away from a word the
  corpus uses often (the lexicon is the corpus's own document frequencies: no word list is
  shipped or downloaded). With the original, a word one slip away from the word in the same
  place of the aligned original sentence is a typo without any lexicon, unless the corpus
  uses it more than the original's word (then the original has the typo; on a tie the
  derived text, the degraded copy, is taken to hold it).

Scores are in [0, 1]; a flag is returned when its score reaches ``FLAG_SCORE``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from string import ascii_lowercase

from dateline.clean import READER_COMMENT
from dateline.model import StyleFlag
from dateline.provenance.align import align, content_words, sentence_sets
from dateline.provenance.relations import STITCHED, Link
from dateline.sentences import split_sentences
from dateline.vocab.languages import FUNCTION_WORDS
from dateline.vocab.style import MT_MARKERS, OFF_TOPIC_MIN_WORDS, SPIN_VARIANTS

SPUN, MACHINE_TRANSLATED, STITCHED_FLAG = "spun", "machine-translated", "stitched"
HAS_READER_COMMENTS, TYPOS = "has-reader-comments", "typos"
FLAGS = (SPUN, MACHINE_TRANSLATED, STITCHED_FLAG, HAS_READER_COMMENTS, TYPOS)
REWRITE_FLAGS = (SPUN, MACHINE_TRANSLATED)
"""A copy's rewording of its original: its words ("Sir. Putin", "Russian Federation") are not
the ones an event should be titled with."""

FLAG_SCORE = 0.5
"""Flags scoring below this are not returned."""
SPIN_RATE = 0.2
"""Spin variants per sentence at which the style evidence alone reaches ``FLAG_SCORE``.
Ordinary news uses "stated" or "nations" now and then: tuned on the dev split (at 0.2, 6 of
484 untouched dev articles are flagged and 31 of 42 spun ones without their original)."""
SPIN_SWAPS = 3
"""Distinct one-for-one content-word swaps against the original that reach ``FLAG_SCORE``;
sentences the original lacks, next to at least one swap, count as one more."""
MT_MARKER_WEIGHT = 0.5
"""Score of each distinct machine-translation marker (two make a certain flag)."""
MT_FUNCTION_SHARE = 0.3
"""Share of aligned sentence pairs with an edit of function words only (articles, prepositions,
auxiliaries) at which the original-based evidence of translation reaches ``FLAG_SCORE``; below
half of it, it is not counted."""
TYPO_WEIGHT, CONFIRMED_TYPO_WEIGHT = 0.25, 0.5
"""Score per typo found by the lexicon alone, and per typo the original confirms."""
LEXICON_MIN = 3
"""Documents a word must occur in to be the known word a typo misspells."""
TYPO_MIN_LENGTH = 6
"""Shorter words are too often other real words one edit away ("fell", "tell")."""
SWAP_MIN_LENGTH = 3
_SUFFIXES = ("ing", "ies", "ied", "es", "ed", "en", "er", "ly", "s", "d", "e", "n")
_VOWELS = "aeiou"

_STOP = FUNCTION_WORDS["en"]
_DETERMINERS = frozenset({"one", "a", "an", "the"})
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")


class _Marker:
    """A marker pattern that searches as fast as its first literal allows.

    Python's ``re`` finds a pattern that opens with a literal by a fast scan for that literal,
    but one that opens with ``\\b`` is tried at every position: the 20 markers cost 1.5 CPU s
    on 300 Timeline17 articles (a fifth of the provenance stage). So the leading ``\\b`` is
    checked here instead, on each match's first character (``\\w`` is ``isalnum`` or "_");
    the matches are those of the pattern as written.
    """

    def __init__(self, pattern: str) -> None:
        self.word_start = pattern.startswith(r"\b")
        self.pattern = re.compile(pattern[2:] if self.word_start else pattern)

    def search(self, text: str) -> re.Match[str] | None:
        """The first match of the pattern as written, as ``re.search`` gives it."""
        start = 0
        while (match := self.pattern.search(text, start)) is not None:
            at = match.start()
            if not self.word_start or _word_char(text[at]) != (at > 0 and _word_char(text[at - 1])):
                return match
            start = at + 1
        return None


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


_MT = [(_Marker(pattern), why) for pattern, why in MT_MARKERS.items()]
_SPIN = [
    (re.compile(r"\b" + re.escape(variant) + r"\b"), variant, plain)
    for variant, plain in SPIN_VARIANTS.items()
]


def build_lexicon(texts: Iterable[str]) -> Counter[str]:
    """Document frequency of every lower-case word over ``texts``: the typo detector's idea of
    which words exist (the store's document frequencies serve as well)."""
    lexicon: Counter[str] = Counter()
    for text in texts:
        lexicon.update(set(_TOKEN.findall(text)))
    return lexicon


def detect_flags(
    text: str,
    removed_reasons: Sequence[str] = (),
    original: str | None = None,
    *,
    links: Sequence[Link] = (),
    lexicon: Mapping[str, int] | None = None,
) -> list[StyleFlag]:
    """The quality flags of one article, strongest first.

    Args:
        text: the article's cleaned text.
        removed_reasons: the reasons of the lines the clean stage cut (``RemovedLine.reason``).
        original: the text of the article it was derived from (its strongest provenance link's
            source), when the corpus has it.
        links: the provenance links naming this article as derived.
        lexicon: document frequency of words over the corpus (``build_lexicon``); without it,
            the article's own words (and the original's) are the lexicon.

    Returns:
        The flags scoring at least ``FLAG_SCORE``, each with its evidence.
    """
    pairs = _aligned_pairs(text, original) if original else []
    flags = [
        _spun(text, original, pairs),
        _machine_translated(text, original, pairs),
        _stitched(links),
        _reader_comments(removed_reasons),
        _typos(text, original, pairs, lexicon),
    ]
    found = [flag for flag in flags if flag is not None and flag.score >= FLAG_SCORE]
    return sorted(found, key=lambda flag: (-flag.score, flag.name))


# -- evidence from the original ------------------------------------------------------------------


def _aligned_pairs(text: str, original: str) -> list[tuple[list[str], list[str]]]:
    """Token lists of each sentence of ``text`` and the original sentence it was aligned to;
    a sentence the original lacks (of ``OFF_TOPIC_MIN_WORDS`` content words or more) comes
    with an empty list."""
    derived, source = split_sentences(text), split_sentences(original)
    alignment = align(sentence_sets(text), sentence_sets(original))
    matched = {p.derived_index: p.source_index for p in alignment.passages}
    pairs = []
    for i, sentence in enumerate(derived):
        if i in matched:
            pairs.append((_TOKEN.findall(sentence), _TOKEN.findall(source[matched[i]])))
        elif len(content_words(sentence)) >= OFF_TOPIC_MIN_WORDS:
            pairs.append((_TOKEN.findall(sentence), []))
    return pairs


def _edits(pair: tuple[list[str], list[str]]) -> list[tuple[str, list[str], list[str]]]:
    """The differing spans of an aligned pair: (operation, derived tokens, original tokens)."""
    derived, source = pair
    matcher = difflib.SequenceMatcher(a=source, b=derived, autojunk=False)
    return [
        (op, derived[j1:j2], source[i1:i2])
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]


def _is_function(tokens: Sequence[str]) -> bool:
    return all(token.lower() in _STOP or token.lower() in _DETERMINERS for token in tokens)


# -- the flags ---------------------------------------------------------------------------------


def _spun(
    text: str, original: str | None, pairs: Sequence[tuple[list[str], list[str]]]
) -> StyleFlag | None:
    sentences = split_sentences(text)
    evidence: list[str] = []
    hits = 0
    for pattern, variant, plain in _SPIN:
        if variant not in text:  # a substring test first: most texts hold few variants
            continue
        count = len(pattern.findall(text))
        if original is not None and variant in original:  # the original's own wording
            count -= len(pattern.findall(original))
        if count > 0:
            hits += count
            evidence.append(f"'{variant}' for '{plain}' x{count}")
    score = FLAG_SCORE * hits / (SPIN_RATE * max(len(sentences), 1))
    swaps: set[tuple[str, str]] = set()
    inserted = [" ".join(new) for new, old in pairs if not old]
    for pair in pairs:
        if not pair[1]:
            continue
        for op, new, old in _edits(pair):
            if op == "replace" and len(new) == len(old) == 1 and _swap(new[0], old[0]):
                swaps.add((old[0], new[0]))
    evidence.extend(f"'{old}' -> '{new}' against the original" for old, new in sorted(swaps))
    points = len(swaps) + (1 if swaps and inserted else 0)
    if swaps and inserted:
        evidence.extend(f"sentence the original lacks: {sentence}" for sentence in inserted)
    score = max(score, FLAG_SCORE * points / SPIN_SWAPS)
    if score >= FLAG_SCORE:
        evidence.extend(f"off-topic sentence: {sentence}" for sentence in _off_topic(sentences))
    score = min(1.0, score)
    return StyleFlag(SPUN, round(score, 3), tuple(evidence)) if score else None


def _off_topic(sentences: Sequence[str]) -> list[str]:
    """Sentences sharing no content word with the rest of their article."""
    sets = [content_words(sentence) for sentence in sentences]
    out = []
    for i, words in enumerate(sets):
        if sum(w.isalpha() for w in words) < OFF_TOPIC_MIN_WORDS or len(sets) < 4:
            continue
        rest = frozenset().union(*(s for j, s in enumerate(sets) if j != i))
        if not words & rest:
            out.append(sentences[i])
    return out


def _machine_translated(
    text: str, original: str | None, pairs: Sequence[tuple[list[str], list[str]]]
) -> StyleFlag | None:
    evidence = []
    for pattern, why in _MT:
        match = pattern.search(text)
        if match is None or (original is not None and pattern.search(original)):
            continue
        evidence.append(f"'{match.group(0)}': {why}")
    score = MT_MARKER_WEIGHT * len(evidence)
    aligned = [p for p in pairs if p[1]]
    if aligned:
        garbled = [p for p in aligned if any(_is_function(new + old) for _, new, old in _edits(p))]
        share = len(garbled) / len(aligned)
        if share >= MT_FUNCTION_SHARE / 2:
            score += 0.5 * share / MT_FUNCTION_SHARE
            evidence.append(
                f"{len(garbled)} of {len(aligned)} aligned sentences differ from the original "
                "in articles, prepositions or auxiliaries"
            )
    score = min(1.0, score)
    return StyleFlag(MACHINE_TRANSLATED, round(score, 3), tuple(evidence)) if score else None


def _stitched(links: Sequence[Link]) -> StyleFlag | None:
    parts = [link for link in links if link.relation == STITCHED]
    if len(parts) < 2:
        return None
    covered: set[int] = set()
    for link in parts:
        covered.update(p.derived_index for p in link.alignment.passages)
    evidence = tuple(
        f"{len(link.alignment.passages)} sentences ({link.alignment.derived_coverage:.0%}) "
        f"from {link.source}"
        for link in parts
    )
    return StyleFlag(STITCHED_FLAG, 1.0, evidence)


def _reader_comments(removed_reasons: Sequence[str]) -> StyleFlag | None:
    count = sum(reason == READER_COMMENT for reason in removed_reasons)
    if not count:
        return None
    return StyleFlag(
        HAS_READER_COMMENTS, 1.0, (f"{count} lines cut as reader comments by the clean stage",)
    )


def _typos(
    text: str,
    original: str | None,
    pairs: Sequence[tuple[list[str], list[str]]],
    lexicon: Mapping[str, int] | None,
) -> StyleFlag | None:
    if lexicon is None:
        lexicon = build_lexicon(split_sentences(text) + split_sentences(original or ""))
    own = Counter(_TOKEN.findall(text))
    evidence: list[str] = []
    score = 0.0
    confirmed: set[str] = set()
    for pair in pairs:
        for op, new, old in _edits(pair):
            if op == "replace" and len(new) == len(old) == 1:
                word, right = new[0], old[0]
                if (
                    _plain(word)
                    and right in _slips(word)
                    and _stem(word) != _stem(right)
                    and lexicon.get(word, 0) <= lexicon.get(right, 0)
                ):
                    confirmed.add(word)
                    evidence.append(f"'{word}' (the original has '{right}')")
    score += CONFIRMED_TYPO_WEIGHT * len(confirmed)
    for word in sorted(own):
        if word in confirmed or not _plain(word) or lexicon.get(word, 0) > 1:
            continue
        known = [
            w for w in _slips(word) if lexicon.get(w, 0) >= LEXICON_MIN and _stem(w) != _stem(word)
        ]
        if known:
            best = max(known, key=lambda w: (lexicon.get(w, 0), w))
            evidence.append(f"'{word}' (not in the corpus; '{best}'?)")
            score += TYPO_WEIGHT
    score = min(1.0, score)
    return StyleFlag(TYPOS, round(score, 3), tuple(evidence)) if score else None


def _plain(word: str) -> bool:
    return len(word) >= TYPO_MIN_LENGTH and word.isalpha() and word.islower()


def _swap(new: str, old: str) -> bool:
    """A spinner's swap: two different lower-case content words, not a typo or an inflection
    of one another (capitalised swaps are names and titles, a translator's business)."""
    return (
        min(len(new), len(old)) >= SWAP_MIN_LENGTH
        and new.islower()
        and old.islower()
        and new not in _STOP
        and old not in _STOP
        and old not in _edits1(new)
        and _stem(new) != _stem(old)
    )


def _stem(word: str) -> str:
    """A crude stem, only to tell an inflection ("rules", "damaged") from another word."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _slips(word: str) -> set[str]:
    """The words ``word`` may be a typing slip of: two neighbouring letters swapped, or one
    letter dropped, doubled or mistyped, but not the first letter: first-letter changes
    ("digger" for "bigger") make real words far more often than typos do."""
    splits = [(word[:i], word[i:]) for i in range(1, len(word) + 1)]
    restored = {a + c + b for a, b in splits for c in ascii_lowercase}
    undoubled = {word[:i] + word[i + 1 :] for i in range(1, len(word)) if word[i] == word[i - 1]}
    unswapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    replaced = {a + c + b[1:] for a, b in splits if b for c in ascii_lowercase}
    return (restored | undoubled | unswapped | replaced) - {word}


def _edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in ascii_lowercase}
    inserts = {a + c + b for a, b in splits for c in ascii_lowercase}
    return (deletes | transposes | replaces | inserts) - {word}
