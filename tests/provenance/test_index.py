"""ProvenanceIndex: adding in batches gives the links of one batch, signatures survive a round
trip through bytes, and independent_groups counts sources."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest

import dateline.provenance.align as align_module
import dateline.provenance.relations as relations_module
from dateline.provenance.align import Alignment, align, sentence_sets
from dateline.provenance.relations import (
    COPY,
    REWRITE,
    STITCHED,
    Document,
    Link,
    ProvenanceIndex,
    find_links,
    independent_groups,
)
from tests.provenance.test_relations import OTHER, REPORT, SPUN, WIRE

REPRINT = ["Shared from our partner agency with permission.", *WIRE]


def _corpus() -> list[Document]:
    return [
        Document("wire", " ".join(WIRE), date(2025, 3, 6)),
        Document("other", " ".join(OTHER), date(2025, 3, 6)),
        Document("report", " ".join(REPORT), date(2025, 3, 7)),
        Document("reprint", " ".join(REPRINT), date(2025, 3, 7)),
        Document("spun", " ".join(SPUN)),
        Document("stitched", " ".join(WIRE[:3] + OTHER[:3]), date(2025, 3, 8)),
    ]


def _triples(links: Sequence[Link]) -> set[tuple[str, str, str]]:
    return {(link.derived, link.source, link.relation) for link in links}


def _replay(
    index: ProvenanceIndex, batches: Sequence[Sequence[Document]]
) -> set[tuple[str, str, str]]:
    """Apply each add's result as a store would: replace the links of every derived id in it."""
    kept: dict[str, set[tuple[str, str, str]]] = {}
    for batch in batches:
        result = index.add(batch)
        for derived in {link.derived for link in result}:
            kept[derived] = {t for t in _triples(result) if t[0] == derived}
    return set().union(*kept.values()) if kept else set()


def test_batch_links_are_the_expected_relations() -> None:
    assert _triples(find_links(_corpus())) == {
        ("reprint", "wire", COPY),
        ("spun", "wire", REWRITE),
        ("spun", "reprint", REWRITE),  # the reprint has the same text: a source as good
        ("stitched", "wire", STITCHED),
        ("stitched", "other", STITCHED),
    }


@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [4, 0, 5, 2, 1, 3]])
def test_one_at_a_time_in_any_order_equals_the_batch(order: list[int]) -> None:
    corpus = _corpus()
    replayed = _replay(ProvenanceIndex(), [[corpus[i]] for i in order])
    assert replayed == _triples(find_links(corpus))


def test_an_earlier_source_added_later_relinks_the_old_article() -> None:
    corpus = {doc.id: doc for doc in _corpus()}
    index = ProvenanceIndex()
    assert index.add([corpus["stitched"], corpus["other"]]) == []  # one source: no stitch yet
    second = _triples(index.add([corpus["wire"]]))
    assert second == {("stitched", "wire", STITCHED), ("stitched", "other", STITCHED)}


def test_signatures_round_trip_through_bytes_and_fetch() -> None:
    corpus = _corpus()
    first = ProvenanceIndex()
    first.add(corpus[:3])
    packed = first.signatures()
    assert all(isinstance(blob, bytes) and len(blob) == 516 for blob in packed.values())
    texts = {doc.id: doc for doc in corpus}
    asked: list[str] = []

    def fetch(ids: Sequence[str]) -> list[Document]:
        asked.extend(ids)
        return [texts[i] for i in ids]

    restored = ProvenanceIndex.from_signatures(packed, fetch)
    assert len(restored) == 3
    replayed = _replay(restored, [corpus[3:]])
    assert replayed == _triples(find_links(corpus))
    assert "wire" in asked and set(asked) <= set(packed)  # only earlier articles are read


def test_an_index_without_fetch_cannot_restore_texts() -> None:
    index = ProvenanceIndex.from_signatures(ProvenanceIndex().signatures(), lambda ids: [])
    assert len(index) == 0


def _link(derived: str, source: str, relation: str) -> Link:
    return Link(derived, source, relation, Alignment((), 1.0, 1.0, 1.0, 1.0))


def test_independent_groups_join_copies_and_rewrites_but_not_stitches() -> None:
    links = [
        _link("reprint", "wire", COPY),
        _link("spun", "reprint", REWRITE),
        _link("stitched", "wire", STITCHED),
        _link("outside", "wire", COPY),  # not among the event's articles
    ]
    groups = independent_groups(["wire", "reprint", "spun", "stitched", "report"], links)
    assert groups == [{"report"}, {"reprint", "spun", "wire"}, {"stitched"}]


def test_vectorised_alignment_matches_a_pairwise_loop() -> None:
    derived, source = sentence_sets(" ".join(SPUN)), sentence_sets(" ".join(WIRE))
    alignment = align(derived, source)
    for passage in alignment.passages:
        a, b = derived[passage.derived_index], source[passage.source_index]
        dice = 2 * len(a & b) / (len(a) + len(b))
        assert passage.similarity == pytest.approx(dice, abs=1e-4)
        best = max(2 * len(a & s) / (len(a) + len(s)) for s in source if len(s) >= 3)
        assert dice == pytest.approx(best)


def test_sparse_best_matches_equal_the_row_maxima_of_the_dense_matrix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    derived = align_module.sentences_of(" ".join(SPUN + OTHER))
    source = align_module.sentences_of(" ".join(WIRE + REPORT))
    dense = align_module.best_matches(derived, source)
    monkeypatch.setattr(align_module, "DENSE_CELLS", 0)
    monkeypatch.setattr(align_module, "DENSE_FACTOR", 0)
    sparse = align_module.best_matches(derived, source)
    matrix = align_module.dice_matrix(derived, source)
    assert len(dense[0]) >= 5  # the spun sentences match the wire's
    for found in (dense, sparse):
        rows, columns, scores = found
        assert rows.tolist() == sorted(rows.tolist())
        assert columns.tolist() == matrix.argmax(axis=1)[rows].tolist()
        assert scores.tolist() == matrix.max(axis=1)[rows].tolist()


def test_each_article_is_aligned_with_its_most_contained_candidates_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(relations_module, "MAX_CANDIDATES", 2)
    day = date(2025, 3, 6)
    excerpts = [  # the wire story cut ever shorter: ever less of the wire's words in them
        Document(f"cut{k}", " ".join(WIRE[: len(WIRE) - k] + REPORT[:k]), day) for k in range(4)
    ]
    index = ProvenanceIndex()
    index.add([Document("wire", " ".join(WIRE), day), *excerpts])
    assert index._candidates("wire") == ["cut0", "cut1"]
