"""Provenance links between articles: copies, partial copies, rewrites and stitched articles.

Candidates come from MinHash LSH over each article's content-word set (``minhash``), so the cost
grows with the number of articles, not with its square; a candidate whose estimated containment
is too low to hold a copied passage is dropped before alignment, and of the rest each article
keeps the ``MAX_CANDIDATES`` it contains most or is most contained in (a same-topic corpus
otherwise pairs every article with dozens of reports). Each remaining pair is oriented (which
side is derived) and aligned (``align``), on every core. Then every derived article is judged
on all its aligned sources together:

* ``stitched``: two or more sources each contribute near-verbatim passages that no other source
  already explains (at least ``STITCH_PART`` of the text each, ``STITCH_TOTAL`` together) and
  none of them accounts for nearly all of it. Of sources that explain the same passages (a wire
  story and its reprint), the earliest dated one is kept;
* otherwise each source gets the relation its alignment shows, if any:
  ``copy``: both texts cover each other almost entirely, sentence for sentence unchanged and in
  order (a reprint whose cleaned text still differs, e.g. by a changed headline or a credit);
  ``partial-copy``: the derived text is a near-verbatim excerpt of the source;
  ``rewrite``: most of the derived text matches the source sentence by sentence, but loosely
  (synonym swaps, shuffled or inserted sentences, machine translation).

The derived side is the later one by publication date; of a dated and an undated text, the
undated one (copying sites strip datelines); with no difference in dates, the one that says it
is a reprint (``Document.syndicated``), then the side the other covers more (an excerpt is
derived from the whole) or, failing that, the shorter one.

``ProvenanceIndex`` is the incremental form the store uses: ``add`` links new articles against
everything seen before and each other, and re-judges the earlier articles a new one turns out to
be a source of; ``find_links`` is one ``add`` of the whole corpus.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import numpy as np

from dateline.parallel import map_shared
from dateline.provenance.align import (
    Alignment,
    Sentences,
    align,
    coverage,
    sentences_of,
    vocabulary,
)
from dateline.provenance.minhash import PERMUTATIONS, BandIndex, MinHasher, Signature

CANDIDATE_JACCARD = 0.4
"""LSH threshold on content-word sets: spun and translated copies of the demo share 0.5-0.6 of
their content words with the original; other reports of the same event about 0.2-0.4."""
CANDIDATE_CONTAINMENT = 0.3
"""Estimated share of the smaller word set inside the larger below which a candidate pair is not
aligned. Half of a stitched article's words come from each source (about 0.5); same-topic
reports share fewer. Tuned on the dev split of ``bench/provenance.py``."""
MAX_CANDIDATES = 10
"""Candidates aligned per article, those with the highest estimated containment first. A
same-topic corpus pairs each article with dozens of reports sharing its vocabulary (75 on
average among 500 Timeline17 articles); the copies, excerpts and rewrites found there ranked
first to third among them, and stitched sources up to eighth on one side of the pair."""
COPY_COVERAGE, COPY_VERBATIM = 0.9, 0.8
"""Both sides at least 90% covered, and 80% of the derived text in sentences left unchanged
but for typos (``align.unchanged``): a copy may edit a sentence or two, a spun or translated
text changes words all through."""
COPY_ORDER = 0.95
"""A copy keeps the source's sentence order; a text with even two sentences swapped is a
rewrite (one swap in a 30-sentence text leaves 0.93 of consecutive pairs in order)."""
PARTIAL_COVERAGE, PARTIAL_VERBATIM = 0.8, 0.8
"""An excerpt: at least 80% of the derived text matched and unchanged."""
REWRITE_COVERAGE, REWRITE_SIMILARITY = 0.75, 0.7
"""A rewrite keeps most sentences recognisably: the demo's spun and translated copies reach 0.9
coverage at 0.77 similarity, while independent reports of one event built from the same facts
and quotes reach at most 0.95 coverage at 0.6, or 0.69 at 0.8."""
STITCH_PART, STITCH_TOTAL, STITCH_SIMILARITY = 0.2, 0.7, 0.85
"""A stitched article takes at least 20% from each of two or more sources, 70% in all, and
near-verbatim: loosely matching parts are what independent reports of one event share."""
STITCH_REDUNDANT = 0.5
"""A source whose matched passages are more than half explained by an earlier-kept source adds
nothing (it is a reprint of that source, or of the same wire story)."""

COPY, PARTIAL_COPY, REWRITE, STITCHED = "copy", "partial-copy", "rewrite", "stitched"
TRANSLATION = "translation"
"""Reserved for cross-language links; nothing produces it yet."""
DEPENDENT_RELATIONS = frozenset({COPY, PARTIAL_COPY, REWRITE, TRANSLATION})
"""Relations that make two articles one source for counting independent reports. A stitched
article takes passages from several sources without being any one of them."""


@dataclass(frozen=True)
class Document:
    """What provenance needs of an article."""

    id: str
    text: str
    published: date | None = None
    syndicated: bool = False
    """The text says it is a reprint: the clean stage cut a syndication note from it (a line
    such as "This story was published from a wire agency feed")."""


@dataclass(frozen=True)
class Link:
    """``derived`` is a ``relation`` of ``source``; the alignment is the evidence."""

    derived: str
    source: str
    relation: str
    alignment: Alignment

    @property
    def score(self) -> float:
        """One figure for the strength of the link: coverage times similarity."""
        return round(self.alignment.derived_coverage * self.alignment.mean_similarity, 4)


@dataclass(slots=True)
class _Entry:
    signature: Signature
    """32-bit MinHash values (``MinHasher`` keeps 32 bits): half the memory of uint64."""
    words: int
    document: Document | None = None
    sentences: Sentences | None = None


Fetch = Callable[[Sequence[str]], Sequence[Document]]
"""Returns the documents with the given ids (the store's texts), in any order."""


class ProvenanceIndex:
    """Signatures of every article seen, and the links among them, built one batch at a time.

    Args:
        fetch: how to get back the text of an article added in an earlier call (the store reads
            it). Without it, the index keeps every document it is given in memory.
    """

    def __init__(self, fetch: Fetch | None = None) -> None:
        self._fetch = fetch
        self._hasher = MinHasher()
        self._bands = BandIndex(CANDIDATE_JACCARD, PERMUTATIONS)
        self._entries: dict[str, _Entry] = {}
        self._with_text: list[str] = []
        """Entries holding a document and its sentences (read in this ``add``)."""

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, documents: Sequence[Document]) -> list[Link]:
        """Add ``documents`` and return the links that changed.

        The result holds every link of each derived article that is new or whose sources
        changed (an earlier article can turn out to be copied from a new, earlier-dated one).
        A caller keeping links replaces all links of the derived ids in the result and keeps
        the others: an article once linked always stays linked, so no id is left stale. Ids
        already in the index are ignored.

        Over the same documents, the links after any sequence of ``add`` calls equal one
        batch ``find_links``, except where an LSH bucket passes ``BandIndex.max_bucket``
        members (then the batch skips it, while earlier calls saw it smaller) and where an
        article has more than ``MAX_CANDIDATES`` candidates (which ones rank first depends on
        what the index held when it was added).
        """
        fresh: list[str] = []
        for doc in documents:
            if doc.id in self._entries or doc.id in fresh:
                continue
            sentences = sentences_of(doc.text)
            words = vocabulary(sentences)
            signature = self._hasher.signature(words).astype(np.uint32)
            entry = _Entry(signature, len(words), doc, sentences)
            self._entries[doc.id] = entry
            self._with_text.append(doc.id)
            self._bands.insert(doc.id, entry.signature)
            fresh.append(doc.id)
        new = set(fresh)
        pairs: dict[tuple[str, str], None] = {}  # in order, each unordered pair once
        for doc_id in fresh:
            for other in self._candidates(doc_id):
                both_new_and_seen = other in new and other < doc_id
                pairs.setdefault((other, doc_id) if both_new_and_seen else (doc_id, other))
        judged: dict[str, dict[str, Alignment]] = {}
        for derived, source, alignment in self._align_pairs(list(pairs)):
            judged.setdefault(derived, {})[source] = alignment
        earlier = [  # earlier articles with new sources: their other sources again
            (derived, other)
            for derived in judged
            if derived not in new
            for other in self._candidates(derived)
            if other not in new
        ]
        for (derived, _), (d, source, alignment) in zip(
            earlier, self._align_pairs(earlier), strict=True
        ):
            if d == derived:
                judged[derived][source] = alignment
        links: list[Link] = []
        for derived in sorted(judged):
            links.extend(self._judge(derived, judged[derived]))
        if self._fetch is not None:  # the store has the texts; keep only signatures
            for doc_id in self._with_text:
                self._entries[doc_id].document, self._entries[doc_id].sentences = None, None
        self._with_text = []
        return sorted(links, key=lambda link: (link.derived, -link.score, link.source))

    def signatures(self, ids: Iterable[str] | None = None) -> dict[str, bytes]:
        """Each article's MinHash signature and word count, packed for storage (516 bytes):
        of every article, or of those ``ids`` (a batch just added)."""
        wanted = self._entries.keys() if ids is None else ids
        return {
            doc_id: _pack(self._entries[doc_id]) for doc_id in wanted if doc_id in self._entries
        }

    @classmethod
    def from_signatures(
        cls, packed: Mapping[str, bytes] | Iterable[tuple[str, bytes]], fetch: Fetch
    ) -> ProvenanceIndex:
        """An index holding the articles of a ``signatures()`` result (or its items, read one
        at a time from the store), texts read by ``fetch``."""
        index = cls(fetch)
        for doc_id, blob in packed.items() if isinstance(packed, Mapping) else packed:
            entry = _unpack(blob)
            index._entries[doc_id] = entry
            index._bands.insert(doc_id, entry.signature)
        return index

    # -- internals ------------------------------------------------------------------------------

    def _candidates(self, doc_id: str) -> list[str]:
        """Ids sharing a band bucket with ``doc_id`` whose word sets may hold copied passages:
        the ``MAX_CANDIDATES`` with the highest estimated containment, in id order."""
        entry = self._entries[doc_id]
        others = sorted(self._bands.query(entry.signature) - {doc_id})
        if not others:
            return []
        signatures = np.stack([self._entries[other].signature for other in others])
        jaccard = (signatures == entry.signature).mean(axis=1)
        sizes = np.asarray([self._entries[other].words for other in others], dtype=np.float64)
        smaller = np.maximum(np.minimum(sizes, entry.words), 1)
        contained = jaccard * (sizes + entry.words) / ((1 + jaccard) * smaller)
        ranked = sorted(
            (-c, other)
            for other, c in zip(others, contained, strict=True)
            if c >= CANDIDATE_CONTAINMENT
        )
        return sorted(other for _, other in ranked[:MAX_CANDIDATES])

    def _load(self, ids: Iterable[str]) -> None:
        missing = [i for i in ids if self._entries[i].document is None]
        if not missing:
            return
        if self._fetch is None:
            raise KeyError(f"no text for {missing[0]!r} and no fetch to read it")
        for doc in self._fetch(missing):
            entry = self._entries[doc.id]
            entry.document, entry.sentences = doc, sentences_of(doc.text)
            self._with_text.append(doc.id)

    def _align_pairs(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str, Alignment]]:
        """``_aligned_pair`` of every pair, in order, on every core.

        The texts are read here, once; forked workers inherit the index instead of receiving
        it pickled with every pair (``parallel.map_shared``; where processes are spawned, not
        forked, the pairs are aligned here).
        """
        self._load({i for pair in pairs for i in pair})
        return map_shared(_align_pair, self, pairs, None if os.name == "posix" else 1)

    def _aligned_pair(self, i: str, j: str) -> tuple[str, str, Alignment]:
        """(derived, source, alignment of derived to source) for a candidate pair."""
        self._load((i, j))
        first, second = self._entries[i], self._entries[j]
        assert first.document is not None and second.document is not None
        assert first.sentences is not None and second.sentences is not None
        day_i, day_j = first.document.published, second.document.published
        if day_i is not None and day_j is not None and day_i != day_j:
            return self._oriented(i, j) if day_i > day_j else self._oriented(j, i)
        if (day_i is None) != (day_j is None):
            return self._oriented(i, j) if day_i is None else self._oriented(j, i)
        if first.document.syndicated != second.document.syndicated:
            return self._oriented(i, j) if first.document.syndicated else self._oriented(j, i)
        i_by_j, j_by_i = (
            align(first.sentences, second.sentences),
            align(second.sentences, first.sentences),
        )
        if abs(i_by_j.derived_coverage - j_by_i.derived_coverage) > 0.05:  # a clear difference
            return (
                (i, j, i_by_j)
                if i_by_j.derived_coverage > j_by_i.derived_coverage
                else (j, i, j_by_i)
            )
        shorter_first = (first.sentences.total, i) < (second.sentences.total, j)
        return (i, j, i_by_j) if shorter_first else (j, i, j_by_i)

    def _oriented(self, derived: str, source: str) -> tuple[str, str, Alignment]:
        first, second = self._entries[derived].sentences, self._entries[source].sentences
        assert first is not None and second is not None
        return derived, source, align(first, second)

    def _judge(self, derived: str, sources: Mapping[str, Alignment]) -> list[Link]:
        """The links of one derived article, given its alignment with every candidate source."""
        sentences = self._entries[derived].sentences
        assert sentences is not None
        parts = self._stitch_parts(sources)
        if len(parts) >= 2:
            union: set[int] = set()
            for source in parts:
                union.update(p.derived_index for p in sources[source].passages)
            best = max(sources[s].derived_coverage for s in parts)
            if coverage(sentences, union) >= STITCH_TOTAL and best < COPY_COVERAGE:
                return [Link(derived, s, STITCHED, sources[s]) for s in parts]
        links = []
        for source, alignment in sources.items():
            relation = classify(alignment)
            if relation is not None:
                links.append(Link(derived, source, relation, alignment))
        return links

    def _stitch_parts(self, sources: Mapping[str, Alignment]) -> list[str]:
        """Sources contributing near-verbatim passages no earlier-dated source explains."""
        eligible = [
            s
            for s, a in sources.items()
            if a.derived_coverage >= STITCH_PART and a.mean_similarity >= STITCH_SIMILARITY
        ]
        eligible.sort(key=lambda s: (*self._date_key(s), -sources[s].derived_coverage, s))
        kept: list[str] = []
        explained: set[int] = set()
        for source in eligible:
            matched = {p.derived_index for p in sources[source].passages}
            if len(matched & explained) > STITCH_REDUNDANT * len(matched):
                continue
            kept.append(source)
            explained |= matched
        return kept

    def _date_key(self, doc_id: str) -> tuple[int, date]:
        document = self._entries[doc_id].document
        published = document.published if document is not None else None
        return (0, published) if published is not None else (1, date.min)


def _align_pair(index: ProvenanceIndex, pair: tuple[str, str]) -> tuple[str, str, Alignment]:
    return index._aligned_pair(*pair)


def find_links(documents: Sequence[Document]) -> list[Link]:
    """Every provenance link among ``documents``, strongest evidence first per derived article."""
    return ProvenanceIndex().add(documents)


def classify(alignment: Alignment) -> str | None:
    """The relation an alignment shows on its own, or None when it shows no copying."""
    covered, similar = alignment.derived_coverage, alignment.mean_similarity
    in_order = alignment.order_kept >= COPY_ORDER
    verbatim = alignment.verbatim_coverage
    if (
        in_order
        and verbatim >= COPY_VERBATIM
        and covered >= COPY_COVERAGE
        and alignment.source_coverage >= COPY_COVERAGE
    ):
        return COPY
    if (
        in_order
        and verbatim >= PARTIAL_VERBATIM
        and covered >= PARTIAL_COVERAGE
        and alignment.source_coverage < COPY_COVERAGE
    ):
        return PARTIAL_COPY
    if covered >= REWRITE_COVERAGE and similar >= REWRITE_SIMILARITY:
        return REWRITE
    return None


class Related(Protocol):
    """What ``independent_groups`` reads of a link (a ``Link`` or a stored one)."""

    @property
    def derived(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def relation(self) -> str: ...


def independent_groups(article_ids: Iterable[str], links: Iterable[Related]) -> list[set[str]]:
    """The articles grouped by dependence: copies, partial copies, rewrites and translations of
    one another (transitively) form one group; every other article is a group of its own.

    An event's independent-source count is the number of groups among its articles. Links to
    articles outside ``article_ids`` are ignored (a reprint and its original both reporting the
    event make one group; a reprint whose original is not in the event is its own source).
    Groups come sorted by their smallest id.
    """
    parent = {article: article for article in article_ids}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for link in links:
        if (
            link.relation in DEPENDENT_RELATIONS
            and link.derived in parent
            and link.source in parent
        ):
            first, second = root(link.derived), root(link.source)
            if first != second:
                parent[max(first, second)] = min(first, second)
    groups: dict[str, set[str]] = {}
    for article in parent:
        groups.setdefault(root(article), set()).add(article)
    return sorted(groups.values(), key=min)


def _pack(entry: _Entry) -> bytes:
    return np.asarray([entry.words, *entry.signature], dtype="<u4").tobytes()


def _unpack(blob: bytes) -> _Entry:
    values = np.frombuffer(blob, dtype="<u4")
    return _Entry(signature=values[1:].astype(np.uint32), words=int(values[0]))
