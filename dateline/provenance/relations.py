"""Provenance links between articles: copies, partial copies, rewrites and stitched articles.

Candidates come from MinHash LSH over each article's content-word set (``minhash``), so the cost
grows with the number of articles, not with its square. Each candidate pair is aligned both ways
(``align``) and classified:

* ``copy``: the two texts cover each other almost entirely with near-identical sentences
  (a reprint whose cleaned text still differs, e.g. by a changed headline line or a credit);
* ``partial-copy``: the derived text is a near-verbatim excerpt of the source (truncated, or
  a few paragraphs taken);
* ``rewrite``: most of the derived text matches the source sentence by sentence, but loosely:
  synonym swaps, shuffled or inserted sentences, machine translation;
* ``stitched``: the derived text is made of passages from two or more sources, none of which
  accounts for most of it.

The derived side is the later one by publication date; with no dates, the side the other covers
more (an excerpt is derived from the whole) or, failing that, the shorter one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dateline.provenance.align import Alignment, align, coverage, sentence_sets
from dateline.provenance.minhash import MinHasher, candidate_pairs

CANDIDATE_JACCARD = 0.4
"""LSH threshold on content-word sets: spun and translated copies of the demo share 0.5-0.6 of
their content words with the original; other reports of the same event about 0.2-0.4."""
COPY_COVERAGE, COPY_SIMILARITY = 0.9, 0.95
"""Both sides at least 90% covered, matched sentences near-identical."""
COPY_ORDER = 0.9
"""A copy keeps the source's sentence order; a shuffled text is a rewrite."""
PARTIAL_COVERAGE = 0.8
"""An excerpt: at least 80% of the derived text matched near-verbatim."""
REWRITE_COVERAGE, REWRITE_SIMILARITY = 0.75, 0.7
"""A rewrite keeps most sentences recognisably: the demo's spun and translated copies reach 0.9
coverage at 0.77 similarity, while independent reports of one event built from the same facts
and quotes reach at most 0.95 coverage at 0.6, or 0.69 at 0.8."""
STITCH_PART, STITCH_TOTAL, STITCH_SIMILARITY = 0.25, 0.7, 0.85
"""A stitched article takes at least 25% from each of two or more sources, 70% in all, and
near-verbatim: loosely matching parts are what independent reports of one event share."""

COPY, PARTIAL_COPY, REWRITE, STITCHED = "copy", "partial-copy", "rewrite", "stitched"


@dataclass(frozen=True)
class Document:
    """What provenance needs of an article."""

    id: str
    text: str
    published: date | None = None


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


def find_links(documents: Sequence[Document]) -> list[Link]:
    """Every provenance link among ``documents``, strongest evidence first per derived article."""
    sets = [sentence_sets(doc.text) for doc in documents]
    hasher = MinHasher()
    signatures = [hasher.signature(frozenset().union(*s)) for s in sets]
    links: list[Link] = []
    partial_sources: dict[int, list[tuple[int, Alignment]]] = defaultdict(list)
    for i, j in sorted(candidate_pairs(signatures, CANDIDATE_JACCARD)):
        derived, source, alignment = _aligned_pair(documents, sets, i, j)
        relation = classify(alignment)
        if relation is not None:
            links.append(Link(documents[derived].id, documents[source].id, relation, alignment))
        elif (
            alignment.derived_coverage >= STITCH_PART
            and alignment.mean_similarity >= STITCH_SIMILARITY
        ):
            partial_sources[derived].append((source, alignment))
    linked = {link.derived for link in links}
    for derived, parts in partial_sources.items():
        if documents[derived].id not in linked:
            links.extend(_stitched(documents, sets[derived], derived, parts))
    return sorted(links, key=lambda link: (link.derived, -link.score, link.source))


def classify(alignment: Alignment) -> str | None:
    """The relation an alignment shows, or None when it shows no copying."""
    covered, similar = alignment.derived_coverage, alignment.mean_similarity
    verbatim = similar >= COPY_SIMILARITY and alignment.order_kept >= COPY_ORDER
    if verbatim and covered >= COPY_COVERAGE and alignment.source_coverage >= COPY_COVERAGE:
        return COPY
    if verbatim and covered >= PARTIAL_COVERAGE:
        return PARTIAL_COPY
    if covered >= REWRITE_COVERAGE and similar >= REWRITE_SIMILARITY:
        return REWRITE
    return None


def _aligned_pair(
    documents: Sequence[Document], sets: Sequence[Sequence[frozenset[str]]], i: int, j: int
) -> tuple[int, int, Alignment]:
    """(derived, source, alignment of derived to source) for a candidate pair.

    The derived side is the later by date, else the undated one, else the one the other covers
    more, else the shorter. Copying sites strip datelines, so of a dated and an undated text
    the dated one is the likelier original. Each direction is aligned at most once.
    """
    first, second = documents[i].published, documents[j].published
    if first is not None and second is not None and first != second:
        return _oriented(sets, i, j) if first > second else _oriented(sets, j, i)
    if (first is None) != (second is None):
        return _oriented(sets, i, j) if first is None else _oriented(sets, j, i)
    i_by_j, j_by_i = align(sets[i], sets[j]), align(sets[j], sets[i])
    if abs(i_by_j.derived_coverage - j_by_i.derived_coverage) > 0.05:  # a clear difference
        return (
            (i, j, i_by_j) if i_by_j.derived_coverage > j_by_i.derived_coverage else (j, i, j_by_i)
        )
    size_i, size_j = sum(map(len, sets[i])), sum(map(len, sets[j]))
    shorter_first = (size_i, documents[i].id) < (size_j, documents[j].id)
    return (i, j, i_by_j) if shorter_first else (j, i, j_by_i)


def _oriented(
    sets: Sequence[Sequence[frozenset[str]]], derived: int, source: int
) -> tuple[int, int, Alignment]:
    return derived, source, align(sets[derived], sets[source])


def _stitched(
    documents: Sequence[Document],
    derived_sets: Sequence[frozenset[str]],
    derived: int,
    parts: Sequence[tuple[int, Alignment]],
) -> list[Link]:
    """Links to each source of a stitched article, when two or more together make most of it."""
    covered: set[int] = set()
    for _, alignment in parts:
        covered.update(p.derived_index for p in alignment.passages)
    if len(parts) < 2 or coverage(derived_sets, covered) < STITCH_TOTAL:
        return []
    return [
        Link(documents[derived].id, documents[source].id, STITCHED, alignment)
        for source, alignment in parts
    ]
