"""Names where they matter, found everywhere: NER on an article's lead, its names matched across
the whole text, NER again only where a word stays unexplained.

Why: NER was most of the build's CPU (issue 14: entities and quotes 60% of a whole build on
Timeline17), even reading only the stretches around capitalised words (``ner.recognise``). A
news article names its people, places and organisations in its title and lead and then repeats
them: "Barack Obama" in the lead is "Obama" twenty times below. Reading every repetition with
the statistical model is wasted work; a multi-pattern matcher (Aho-Corasick, in C) finds them
all in one pass over the text.

Steps, per article (``read_where_needed``; articles of a batch go through each step together):

1. NER reads the stretches around the possible names (``ner.possible_names``) of the lead, the
   first ``LEAD_CHARS`` characters (the title and first paragraphs).
2. The article's gazetteer: each name NER found (a kept label, ``LABEL_KINDS``; a capital
   letter or digit first) with its most frequent label, the last word of each person's full
   name as that person ("Obama"), and each of these in capitals ("BLITZER:" in a transcript);
   beside it, the alias tables' names as written (``table_names``: "United Nations", "U.S.",
   "Russians").
3. The next window of text (``WINDOW_CHARS``, growing with the text read): its gazetteer names
   are found by Aho-Corasick at token boundaries, and NER reads the stretches around the
   possible names no match covers, but for a title, honorific or month with no other
   unexplained word beside it (``_hint``). Its new names join the gazetteer; repeat.
4. The Doc's entities are NER's, then the matches (longest first) in text NER did not read:
   where NER read, its decision stands. The rules of ``extract.mentions_from_doc``
   (honorifics, tables, roles read at each mention, surnames) then run unchanged over every
   mention, matched or read, and quotes take their speakers from them.

A name first met below the lead is still read by the model; only what the article has already
named is matched. An exact copy of an article is the same article (its id is its text's hash)
and is read once; a near-copy's shared paragraphs are read once per process when they give the
same stretches (``ner.read``'s cache).

Measured (docs/BENCHMARKS.md, throughput and entities): NER reads about two thirds of the
characters it read around every possible name; ECB+ dev strict F1 0.735 -> 0.732, alias
merging B3 0.963 -> 0.963, quote speaker accuracy (dev) 0.952 -> 0.952; 98% of the distinct
names of reading every stretch kept on Timeline17. Matching in text NER had read too gained
0.005 strict F1 on ECB+ dev but tagged "n't" and agency bylines in the demo, so it is not done.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any, Final

import ahocorasick  # type: ignore[import-not-found]  # a C extension without type stubs
import numpy as np
from spacy.attrs import IDX, LENGTH, LOWER
from spacy.strings import hash_string  # type: ignore[attr-defined]  # a Cython function
from spacy.util import filter_spans

from dateline.vocab.entities import (
    COUNTRIES,
    COUNTRY_ALIASES,
    DEMONYMS,
    HONORIFICS,
    LABEL_KINDS,
    ORGANISATION_ALIASES,
    ROLE_HEADS,
)
from dateline.vocab.timex import MONTHS
from dateline.who.entities.ner import (
    MAX_CHARS,
    TOKENS_AROUND,
    Doc,
    Piece,
    cut,
    entities_of,
    pieces,
    possible_names,
    read,
    stretches,
)
from dateline.who.entities.nlp import load_nlp

#: Characters of an article whose possible names NER reads first (the title and lead).
LEAD_CHARS: Final = 1_000
#: Shortest name matched (a one-letter "entity" is noise).
MIN_NAME: Final = 2
#: Shortest last word of a person's name matched alone as that person.
MIN_SURNAME: Final = 3
#: Characters of the first window after the lead: NER reads a window's unexplained words, then
#: the names it found there are matched in the windows after it.
WINDOW_CHARS: Final = 1_000
#: A later window is at least the text before it over this, so that a long text takes a number
#: of windows (NER calls, gazetteer rebuilds) logarithmic in its length.
WINDOW_GROWTH: Final = 4
#: Longest name matched, in characters (a match may run past its window's end).
MAX_REACH: Final = 200

Match = tuple[int, int, str]
"""A gazetteer name found in a text: start and end character, NER label."""


@cache
def table_names() -> dict[str, str]:
    """The names of the alias tables as written (countries, their demonyms, organisations)
    -> the NER label whose mention the rules turn into that country or organisation."""
    names: dict[str, str] = {}
    for canonical, aliases in ORGANISATION_ALIASES.items():
        names.update(dict.fromkeys((canonical, *aliases), "ORG"))
    names.update(dict.fromkeys(DEMONYMS, "NORP"))
    for canonical, aliases in COUNTRY_ALIASES.items():
        names.update(dict.fromkeys((canonical, *aliases), "GPE"))
    names.update(dict.fromkeys(COUNTRIES, "GPE"))
    return {name: label for name, label in names.items() if name[:1].isupper()}


def _automaton(names: dict[str, str]) -> Any:
    automaton = ahocorasick.Automaton()
    for name, label in names.items():
        automaton.add_word(name, (len(name), label))
    automaton.make_automaton()
    return automaton


@cache
def _table_automaton() -> Any:
    return _automaton(table_names())


def _longest(found: Sequence[Match]) -> list[Match]:
    """``found`` without overlaps, the longer (then the earlier, then the first listed) kept."""
    kept: list[Match] = []
    taken: set[int] = set()
    for start, end, label in sorted(found, key=lambda m: (m[0] - m[1], m[0])):
        if not taken.intersection(range(start, end)):
            kept.append((start, end, label))
            taken.update(range(start, end))
    return sorted(kept)


def _nameable(name: str) -> bool:
    """Whether NER's entity text may be matched elsewhere: a capital letter or a digit first
    ("n't" tagged as a place is not), at least ``MIN_NAME`` characters, on one line."""
    return len(name) >= MIN_NAME and (name[0].isupper() or name[0].isdigit()) and "\n" not in name


class _Article:
    """One article while its names are read window by window."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc, self.text = doc, text
        self.words = possible_names(doc)
        starts = doc.to_array(IDX).astype(np.int64)
        self.token_starts = starts
        self.word_starts = starts[self.words]
        self.starts = set(starts.tolist())
        self.ends = set((starts + doc.to_array(LENGTH).astype(np.int64)).tolist())
        self.lower = doc.to_array(LOWER)
        self.names: dict[str, Counter[str]] = {}
        self.nearby = np.zeros(len(doc), dtype=bool)  # where a possible name is
        self.nearby[self.words] = True
        self.entities: list[Any] = []
        self.explained = np.zeros(len(doc), dtype=bool)
        self.read = np.zeros(len(doc), dtype=bool)  # tokens NER has read
        self.done = 0  # characters decided
        self.automaton: Any = None
        self._explain(self.find(_table_automaton(), 0, len(text)))

    def find(self, automaton: Any, begin: int, end: int) -> list[Match]:
        """Matches of ``automaton`` starting in text[begin:end] on token boundaries."""
        found = []
        stop = min(len(self.text), end + MAX_REACH)  # pyahocorasick reads past a string's end
        for last, (length, label) in automaton.iter(self.text, begin, stop):
            start = last + 1 - length
            if begin <= start < end and start in self.starts and last + 1 in self.ends:
                found.append((start, last + 1, label))
        return found

    def _explain(self, matches: Sequence[Match]) -> None:
        for start, end, _ in matches:
            first = int(np.searchsorted(self.token_starts, start))
            after = int(np.searchsorted(self.token_starts, end))
            self.explained[first:after] = True

    def window(self, size: int, context: int, first: bool) -> list[Piece]:
        """The stretches NER reads in the next ``size`` characters: around every possible
        name on the ``first`` window (the lead), else around those not yet explained."""
        begin, end = self.done, self.done + size
        if not first and self.automaton is not None:
            self._explain(self.find(self.automaton, begin, end))
        low, high = np.searchsorted(self.word_starts, [begin, end])
        words = self.words[low:high]
        if not first:
            words = [i for i in words if not self.explained[i] and not self._hint_alone(i)]
        self.done = end
        ranges = stretches(self.doc, words, context)
        for a, b in ranges:
            self.read[a:b] = True
        return pieces(self.doc, self.text, ranges)

    def _hint_alone(self, i: int) -> bool:
        """Whether word ``i`` is a hint (``_hint``) with no other possible name within two
        tokens: "Mr" before a name already matched, "August" in a date."""
        near = slice(max(0, i - 2), i + 3)
        return _hint(int(self.lower[i])) and (self.nearby[near] & ~self.explained[near]).sum() <= 1

    def learn(self, entities: Sequence[Any]) -> None:
        """Add what NER found in the last window: its entities, and its names to match."""
        self.entities.extend(entities)
        before = len(self.names)
        for ent in entities:
            name = self.text[ent.start_char : ent.end_char]
            if ent.label_ in LABEL_KINDS and _nameable(name):
                self.names.setdefault(name, Counter())[ent.label_] += 1
        if len(self.names) != before:
            self.automaton = _automaton(self.gazetteer())

    def gazetteer(self) -> dict[str, str]:
        """Each name NER found -> its most frequent label, and each person's last word; each
        also in capitals ("BLITZER:" in a transcript, "OBAMA SAYS" in a headline)."""
        names = {name: counts.most_common(1)[0][0] for name, counts in self.names.items()}
        for name, label in list(names.items()):
            words = name.split()
            last = words[-1] if len(words) > 1 else ""
            if label == "PERSON" and last.isalpha() and len(last) >= MIN_SURNAME and last.istitle():
                names.setdefault(last, "PERSON")
        for name, label in list(names.items()):
            if len(name) >= MIN_SURNAME:
                names.setdefault(name.upper(), label)
        return names

    def spans(self) -> list[Any]:
        """NER's entities, then the matches of the article's names or the tables' in text NER
        did not read: where NER read, its decision stands, a name it left untagged there
        included (matching there too gained 0.005 strict F1 on ECB+ dev but tagged "n't"
        and "(CP)" bylines in the demo)."""
        found = self.find(self.automaton, 0, len(self.text)) if self.automaton else []
        matches = _longest(found + self.find(_table_automaton(), 0, len(self.text)))
        spans = self.entities + [
            span
            for s, e, lab in matches
            if (span := self.doc.char_span(s, e, label=lab)) is not None
            and not self.read[span.start : span.end].any()
        ]
        return filter_spans([span for span in spans if span is not None])


@cache
def _hint_hashes() -> frozenset[int]:
    words = {w for h in HONORIFICS for w in (h, f"{h}.")} | ROLE_HEADS
    words |= {month.lower() for month in MONTHS}
    return frozenset(hash_string(w) for w in words)


def _hint(lower: int) -> bool:
    """Whether a word (its lower-case hash) is an honorific, a role head or a month: words
    that are read around a name, rarely a name themselves, so below the lead they alone do
    not send a stretch to NER (the name beside them does)."""
    return lower in _hint_hashes()


def read_where_needed(
    texts: Sequence[str],
    *,
    context: int = TOKENS_AROUND,
    max_chars: int | None = MAX_CHARS,
    lead_chars: int = LEAD_CHARS,
    window_chars: int = WINDOW_CHARS,
) -> list[Doc]:
    """spaCy Docs of ``texts`` (cut to ``max_chars``) with their entities set: NER over the
    lead's stretches and, window by window below it, the stretches of words no name found
    so far explains; every name found matched everywhere (see the module's docstring).

    Raises:
        ModelIntegrityError: the spaCy model is missing or differs from the pinned weights.
    """
    nlp = load_nlp()
    limit = min(max_chars or nlp.max_length, nlp.max_length)  # spaCy refuses longer texts
    cuts = [cut(t, limit) for t in texts]
    articles = [_Article(nlp.make_doc(t), t) for t in cuts]
    first = True
    while pending := [a for a in articles if a.done < len(a.text)]:
        grown = [max(window_chars, a.done // WINDOW_GROWTH) for a in pending]
        sizes = [lead_chars] * len(pending) if first else grown
        windows = [a.window(size, context, first) for a, size in zip(pending, sizes, strict=True)]
        found = read(nlp, [text for each in windows for _, _, text in each])
        for article, each in zip(pending, windows, strict=True):
            article.learn(entities_of(article.doc, each, found))
        first = False
    for article in articles:
        article.doc.ents = article.spans()
    return [article.doc for article in articles]
