"""spaCy's NER over the stretches of an article where a name can be, each stretch read once.

NER is most of the entity stage's cost, so spaCy reads only the stretches of an article where
a name can be (``recognise``): every word with a capital letter (``possible_names``), but for
capitalised function words ("The", "He") and sentence openers the article also writes in lower
case ("Police said"), with ``CONTEXT`` tokens either side. spaCy's NER sees about four tokens
either side of the token it decides, so the stretches give nearly the entities the whole text
gives (99% of them on Timeline17, the same F1 on ECB+ dev) at about half the cost; identical
stretches (a wire story's paragraphs in its reprints) are read once per process
(``CACHE_SIZE``). Long articles may also be cut to their first ``max_chars`` characters
(``bench/entities.py`` prints both trade-offs).

``dateline.who.entities.gazetteer`` reads fewer stretches still (those of the lead and those
holding a word no name found there explains) with the same pieces: ``possible_names`` picks the
words, ``stretches`` widens a chosen few into token ranges, ``read`` runs NER over them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from typing import Any, Final

import numpy as np
from spacy.attrs import IS_LOWER, IS_SPACE, IS_TITLE, LOWER, ORTH
from spacy.strings import hash_string  # type: ignore[attr-defined]  # a Cython function
from spacy.util import filter_spans

from dateline.vocab.entities import NOT_NAMES
from dateline.vocab.languages import FUNCTION_WORDS
from dateline.who.entities.nlp import load_nlp

#: Articles per spaCy batch (``nlp.pipe``); measured in bench/entities.py.
BATCH_SIZE: Final = 32
#: Stretches of text per spaCy batch in ``recognise``.
STRETCH_BATCH: Final = 256
#: Tokens read on each side of a word that may be part of a name (``recognise``); None reads
#: the whole text. Four is what en_core_web_sm's NER sees (its token encoder: four layers of
#: windows of one token each side). ECB+ dev strict F1: 0.735 whole text; 0.736 / 0.735 /
#: 0.733 with 3 / 4 / 5 tokens.
TOKENS_AROUND: Final = 4
CONTEXT: Final[int | None] = TOKENS_AROUND
#: Stretches whose entities one process remembers; the oldest are forgotten first.
CACHE_SIZE: Final = 100_000
#: NER reads at most this many characters of an article (None: all). The full text by default,
#: so every mention has its offsets; bench/entities.py measures what a cut saves.
MAX_CHARS: Final[int | None] = None

Doc = Any  # a spaCy Doc (spaCy ships no type information)
Found = tuple[tuple[int, int, str], ...]
"""Entities of a stretch: (start, end, label), character offsets into the stretch."""
Piece = tuple[int, int, str]
"""A stretch of a Doc: first token, token after the last, its text."""
_CACHE: OrderedDict[str, Found] = OrderedDict()
_STOP: Final = FUNCTION_WORDS["en"]
_OPENERS: Final = frozenset({".", "!", "?", ":", "``", '"', "“", "--", "—"})
"""Tokens after which a capitalised word opens a sentence or a quote."""


def cut(text: str, max_chars: int | None) -> str:
    """``text`` cut at the last space before ``max_chars`` (unchanged when shorter)."""
    if max_chars is None or len(text) <= max_chars:
        return text
    space = text.rfind(" ", 0, max_chars)
    return text[: space if space > 0 else max_chars]


@cache
def _hashes(words: frozenset[str]) -> Any:
    """spaCy's string hashes of ``words``, as a numpy array (``possible_names``)."""
    return np.array(sorted(hash_string(w) for w in words), dtype=np.uint64)


def tokens_in(doc: Doc, attribute: int, hashes: Any) -> list[int]:
    """Indices of the tokens of ``doc`` whose ``attribute`` (``ORTH``, ``LOWER``) is one of
    ``hashes`` (spaCy string hashes): a scan in numpy instead of a Token object per token."""
    if not len(doc):
        return []
    return [int(i) for i in np.flatnonzero(np.isin(doc.to_array(attribute), hashes))]


def word_hashes(words: frozenset[str]) -> Any:
    """spaCy's string hashes of ``words`` (remembered), for ``tokens_in``."""
    return _hashes(words)


def possible_names(doc: Doc) -> list[int]:
    """Indices of the tokens of ``doc`` that may be part of a name, in order: a capital letter
    somewhere ("Obama", "iPhone", "NATO"), and not a capitalised function word ("The", "He"),
    one of ``NOT_NAMES`` in any case ("I", "Friday", "THE", "-LRB-"), or a word capitalised
    only because it opens a sentence or a line while the article also writes it in lower case
    ("Police said").

    Computed over spaCy's token arrays (string hashes), not Token objects: making a Python
    object per token cost as much as the rest of the entity stage's rules.
    """
    if not len(doc):
        return []
    orth, lower, space, title, is_lower = doc.to_array(
        [ORTH, LOWER, IS_SPACE, IS_TITLE, IS_LOWER]
    ).T.astype(np.uint64)
    opens = np.ones(len(doc), dtype=bool)  # the first token opens the text
    opens[1:] = space[:-1].astype(bool) | np.isin(orth[:-1], _hashes(_OPENERS))
    lowered = np.unique(orth[is_lower.astype(bool)])
    candidate = ~space.astype(bool) & (orth != lower) & ~np.isin(lower, _hashes(NOT_NAMES))
    titled = title.astype(bool)
    plain_title = np.isin(lower, _hashes(_STOP)) | (opens & np.isin(lower, lowered))
    return [int(i) for i in np.flatnonzero(candidate & ~(titled & plain_title))]


def stretches(doc: Doc, words: Sequence[int], context: int) -> list[tuple[int, int]]:
    """Token ranges [start, end) to read: ``context`` tokens around each of ``words`` (in
    order), merged, widened to whitespace so that a stretch tokenises as in the whole text."""
    ranges: list[tuple[int, int]] = []
    for i in words:
        start, end = max(0, i - context), min(len(doc), i + context + 1)
        while start > 0 and not doc[start - 1].whitespace_:
            start -= 1
        while end < len(doc) and not doc[end - 1].whitespace_:
            end += 1
        if ranges and start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(end, ranges[-1][1]))
        else:
            ranges.append((start, end))
    return ranges


def pieces(doc: Doc, text: str, ranges: Sequence[tuple[int, int]]) -> list[Piece]:
    """(start, end, text) of each token range of ``doc``, cut from ``text`` (``doc.text``
    rebuilds the whole string at every call)."""
    return [(a, b, text[doc[a].idx : doc[b - 1].idx + len(doc[b - 1])]) for a, b in ranges]


def _remember(text: str, found: Found) -> None:
    if len(_CACHE) >= CACHE_SIZE:
        _CACHE.popitem(last=False)  # the oldest goes
    _CACHE[text] = found


def read(nlp: Any, texts: Sequence[str]) -> dict[str, Found]:
    """The entities of each stretch of ``texts``: remembered ones from ``_CACHE``, the others
    read by NER (each stretch a document of its own) and remembered."""
    found = {text: _CACHE[text] for text in texts if text in _CACHE}
    unread = [text for text in dict.fromkeys(texts) if text not in found]
    if not unread:
        return found
    for text, doc in zip(unread, nlp.pipe(unread, batch_size=STRETCH_BATCH), strict=True):
        found[text] = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
        _remember(text, found[text])
    return found


def entities_of(doc: Doc, read_pieces: Sequence[Piece], found: dict[str, Found]) -> list[Any]:
    """The spaCy spans of ``doc`` that NER found in its ``read_pieces``."""
    spans = [
        doc.char_span(doc[a].idx + start, doc[a].idx + end, label=label, alignment_mode="expand")
        for a, _, text in read_pieces
        for start, end, label in found[text]
    ]
    return [span for span in spans if span is not None]


def recognise(
    texts: Sequence[str],
    *,
    context: int | None = CONTEXT,
    max_chars: int | None = MAX_CHARS,
    batch_size: int = BATCH_SIZE,
) -> list[Doc]:
    """spaCy Docs of ``texts`` (cut to ``max_chars``) with NER's entities set, NER having read
    only the stretches where names can be (``context`` tokens around each possible name; None:
    the whole text, ``batch_size`` articles per ``nlp.pipe`` batch).

    Raises:
        ModelIntegrityError: the spaCy model is missing or differs from the pinned weights.
    """
    nlp = load_nlp()
    limit = min(max_chars or nlp.max_length, nlp.max_length)  # spaCy refuses longer texts
    if context is None:
        return list(nlp.pipe((cut(t, limit) for t in texts), batch_size=batch_size))
    cuts = [cut(t, limit) for t in texts]
    docs = [nlp.make_doc(t) for t in cuts]
    read_pieces = [
        pieces(doc, text, stretches(doc, possible_names(doc), context))
        for doc, text in zip(docs, cuts, strict=True)
    ]
    found = read(nlp, [text for each in read_pieces for _, _, text in each])
    for doc, each in zip(docs, read_pieces, strict=True):
        doc.ents = filter_spans(entities_of(doc, each, found))
    return docs
