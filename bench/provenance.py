"""Perturbation benchmark for provenance links and style flags.

Usage: python bench/provenance.py [--split dev|test] [--originals N] [--seed S] [--json]

The corpus (``bench/provenance_gen.py``, whose docstring says how its tables differ from the
detector's): N real articles as originals, two untouched same-topic articles per topic (hard
negatives: same story, different text), and one derived article per original, in turn a
reprint with boilerplate (``copy``), a spun rewrite, a shuffled rewrite with two sentences from
an article outside the corpus, an excerpt (``partial-copy``), a stitch of two originals and a
machine-translation-style rewrite. A quarter of all articles get 2-4 typos and a quarter a
reader-comment section. Every article then goes through dateline's clean stage, as in the
pipeline; links and flags are computed on the cleaned texts, the reasons of the cut lines and
a lexicon of the corpus (``build_lexicon``).

Pre-existing copies. Real corpora hold copies of their own (Timeline17 has the same wire story
in several folders). Pairs of originals whose 5-word-shingle containment reaches 0.5 are
counted as true pre-existing pairs; any link between two articles of such a group, and any
link from a derived article to a pre-existing copy of its true source, is left out of the
scores (of every system) and counted on its own line.

Scores: P/R/F1 per relation (a found link counts when derived, source and relation are right)
and for "any link" (unordered pairs), side by side with trafilatura's SimHash near-duplicate
check and a plain datasketch MinHash LSH over 5-word shingles; then P/R/F1 per flag. Speed:
articles/s of ``find_links`` end to end, in the same run with the vectorised sentence Dice
(``align.best_matches``) and with the former pure-Python double loop swapped in (the links must
come out the same).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from itertools import combinations
from typing import TypeVar

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH
from provenance_gen import Corpus, make_corpus
from trafilatura.deduplication import Simhash

import dateline.provenance.align as align_module
from dateline.clean import clean_document
from dateline.eval.bench_data import DATASET_FORMAT
from dateline.model import RawDocument
from dateline.provenance.align import MIN_CONTENT_WORDS, FloatArray, IntArray, Sentences
from dateline.provenance.flags import FLAGS, build_lexicon, detect_flags
from dateline.provenance.minhash import shingles, words
from dateline.provenance.relations import Document, Link, find_links

RELATIONS = ("copy", "partial-copy", "rewrite", "stitched")
SIMHASH_THRESHOLD = 0.9
"""trafilatura's own default for near-duplicates (Simhash.similarity)."""
MINHASH_THRESHOLD = 0.5
"""A common Jaccard threshold for near-duplicate detection over 5-word shingles."""
PRE_EXISTING_CONTAINMENT = 0.5

PRF = tuple[float, float, float]
T = TypeVar("T")


def score(found: set[T], true: set[T]) -> PRF:
    """Precision, recall, F1 of found items against true items."""
    hits = len(found & true)
    p = hits / len(found) if found else 0.0
    r = hits / len(true) if true else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pre_existing(corpus: Corpus) -> dict[str, set[str]]:
    """For each original, the originals it shares most of its 5-word shingles with."""
    sets = {name: shingles(words(corpus.texts[name]), 5) for name in corpus.originals}
    groups: dict[str, set[str]] = {name: {name} for name in sets}
    for a, b in combinations(sets, 2):
        shared = len(sets[a] & sets[b])
        if shared and shared / min(len(sets[a]), len(sets[b])) >= PRE_EXISTING_CONTAINMENT:
            groups[a].add(b)
            groups[b].add(a)
    return groups


def ignored(pair: tuple[str, str], corpus: Corpus, groups: dict[str, set[str]]) -> bool:
    """A pair the benchmark does not score: linked through a pre-existing copy."""
    a, b = pair
    if a in groups and b in groups[a] and a != b:
        return True
    true_sources = {s for d, s, _ in corpus.links if d in pair}
    return any(other in groups.get(s, set()) - {s} for s in true_sources for other in pair)


def simhash_pairs(documents: Sequence[Document]) -> set[frozenset[str]]:
    """Pairs whose trafilatura SimHash similarity reaches its near-duplicate threshold."""
    hashes = [Simhash(doc.text) for doc in documents]
    return {
        frozenset((documents[i].id, documents[j].id))
        for i, j in combinations(range(len(documents)), 2)
        if hashes[i].similarity(hashes[j]) >= SIMHASH_THRESHOLD
    }


def minhash_pairs(documents: Sequence[Document]) -> set[frozenset[str]]:
    """Pairs a plain datasketch MinHash LSH finds over 5-word shingles."""
    lsh = MinHashLSH(threshold=MINHASH_THRESHOLD, num_perm=128)
    signatures = {}
    for doc in documents:
        signature = MinHash(num_perm=128, seed=1)
        for shingle in shingles(words(doc.text), 5):
            signature.update(shingle.encode("utf-8"))
        signatures[doc.id] = signature
        lsh.insert(doc.id, signature)
    return {
        frozenset((doc.id, other))
        for doc in documents
        for other in lsh.query(signatures[doc.id])
        if other != doc.id
    }


def loop_dice(derived: Sentences, source: Sentences) -> npt.NDArray[np.float64]:
    """``align.dice_matrix`` as the former pure-Python double loop computed it, for timing."""
    first, second = _sets(derived), _sets(source)
    dice = np.zeros((len(first), len(second)))
    for i, words_i in enumerate(first):
        if len(words_i) < MIN_CONTENT_WORDS:
            continue
        for j, words_j in enumerate(second):
            if len(words_j) >= MIN_CONTENT_WORDS:
                dice[i, j] = 2 * len(words_i & words_j) / (len(words_i) + len(words_j))
    return dice


def loop_best(derived: Sentences, source: Sentences) -> tuple[IntArray, IntArray, FloatArray]:
    """``align.best_matches`` over the former loop's matrix: each row's best column."""
    dice = loop_dice(derived, source)
    if not dice.size:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    columns = dice.argmax(axis=1)
    scores = dice[np.arange(derived.count), columns]
    rows = np.flatnonzero(scores >= align_module.SENTENCE_MATCH)
    return rows, columns[rows], scores[rows]


def _sets(sentences: Sentences) -> list[frozenset[int]]:
    rows: list[set[int]] = [set() for _ in range(sentences.count)]
    for word, row in zip(sentences.ids.tolist(), sentences.rows.tolist(), strict=True):
        rows[row].add(word)
    return [frozenset(row) for row in rows]


def timed_links(documents: Sequence[Document], *, loop: bool) -> tuple[list[Link], float]:
    """``find_links`` and its seconds, with the vectorised Dice or the former loop."""
    vectorised = align_module.best_matches
    align_module.best_matches = loop_best if loop else vectorised
    try:
        start = time.perf_counter()
        links = find_links(documents)
        return links, time.perf_counter() - start
    finally:
        align_module.best_matches = vectorised


def flag_rows(
    corpus: Corpus, documents: Sequence[Document], removed: dict[str, list[str]], links: list[Link]
) -> dict[str, PRF]:
    """P/R/F1 per flag over every article of the corpus."""
    texts = {doc.id: doc.text for doc in documents}
    lexicon = build_lexicon(texts.values())
    by_derived: dict[str, list[Link]] = {}
    for link in links:
        by_derived.setdefault(link.derived, []).append(link)
    found: dict[str, set[str]] = {name: set() for name in FLAGS}
    for doc in documents:
        mine = by_derived.get(doc.id, [])
        single = [link for link in mine if link.relation != "stitched"]
        original = texts[single[0].source] if single else None
        for flag in detect_flags(doc.text, removed[doc.id], original, links=mine, lexicon=lexicon):
            found[flag.name].add(doc.id)
    return {
        name: score(found[name], {d for d, flags in corpus.flags.items() if name in flags})
        for name in FLAGS
    }


def _keys(links: Sequence[Link]) -> set[tuple[str, str, str]]:
    return {(link.derived, link.source, link.relation) for link in links}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--originals", type=int, default=250)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    corpus = make_corpus(args.split, args.originals, args.seed)
    documents, removed = [], {}
    for name, text in corpus.texts.items():
        cleaned = clean_document(RawDocument(path=name, text=text, source_format=DATASET_FORMAT))
        documents.append(Document(name, cleaned.text, corpus.dates[name]))
        removed[name] = [line.reason for line in cleaned.removed]

    links, seconds = timed_links(documents, loop=False)
    loop_links, loop_seconds = timed_links(documents, loop=True)
    assert _keys(loop_links) == _keys(links), "the loop and the vectorised Dice disagree"
    groups = pre_existing(corpus)
    skipped = {(link.derived, link.source) for link in links}
    skipped = {pair for pair in skipped if ignored(pair, corpus, groups)}
    rows: dict[str, PRF] = {}
    for relation in RELATIONS:
        found = {(link.derived, link.source) for link in links if link.relation == relation}
        rows[f"dateline {relation}"] = score(
            found - skipped, {(d, s) for d, s, r in corpus.links if r == relation}
        )
    true_any = {frozenset((d, s)) for d, s, _ in corpus.links}
    unscored = {frozenset(pair) for pair in skipped}

    def scored(pairs: set[frozenset[str]]) -> set[frozenset[str]]:
        return {p for p in pairs if p not in unscored and not ignored(tuple(p), corpus, groups)}  # type: ignore[arg-type]

    rows["dateline any link"] = score(
        scored({frozenset((link.derived, link.source)) for link in links}), true_any
    )
    rows["trafilatura SimHash any link"] = score(scored(simhash_pairs(documents)), true_any)
    rows["datasketch MinHash any link"] = score(scored(minhash_pairs(documents)), true_any)
    for name, prf in flag_rows(corpus, documents, removed, links).items():
        rows[f"flag {name}"] = prf
    pre_pairs = sum(len(g) - 1 for g in groups.values()) // 2
    figures = {name: dict(zip(("p", "r", "f1"), prf, strict=True)) for name, prf in rows.items()}
    if args.json:
        print(json.dumps({"rows": figures, "documents": len(documents)}, sort_keys=True))
        return
    print(
        f"split {args.split}, seed {args.seed}: {len(documents)} articles ({args.originals} "
        f"originals, as many derived, {len(corpus.originals) - args.originals} same-topic "
        f"negatives); {pre_pairs} pre-existing copy pairs among the originals, "
        f"{len(skipped)} links through them not scored"
    )
    print(
        f"find_links: {len(documents) / seconds:,.0f} articles/s with the vectorised Dice "
        f"({seconds:.1f} s), {len(documents) / loop_seconds:,.0f} articles/s with the former "
        f"Python loop ({loop_seconds:.1f} s), same links"
    )
    print("| system / relation or flag | P | R | F1 |\n|---|---:|---:|---:|")
    for name, (p, r, f1) in rows.items():
        print(f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} |")


if __name__ == "__main__":
    main()
