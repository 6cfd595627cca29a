"""Provenance relations on invented articles: copy, excerpt, rewrite, stitch, and independence."""

from __future__ import annotations

from datetime import date

from dateline.provenance.align import align, sentence_sets
from dateline.provenance.relations import (
    COPY,
    PARTIAL_COPY,
    REWRITE,
    STITCHED,
    Document,
    find_links,
)

WIRE = [
    "Engineers opened the northern sluice of the Harrow Barrier late on Thursday evening.",
    "The regional water board said the release would lower the lake by forty centimetres.",
    "Farmers downstream in Pellam were told to move livestock away from the riverbank fields.",
    "Board chairman Tomas Verhey said the decision followed three weeks of record rainfall.",
    "A second release is planned for Saturday if the rain continues over the weekend.",
    "The barrier was completed in 1998 and has been opened fully only twice since then.",
]
SPUN = [
    "Technicians opened the northern sluice of the Harrow Barrier late on Thursday night.",
    "The board chairman Tomas Verhey stated the choice followed three weeks of record rainfall.",
    "The regional water authority stated the release would reduce the lake by forty centimetres.",
    "Meanwhile the city marathon will start an hour earlier this year, organisers announced.",
    "Farmers downstream in Pellam were told to shift livestock away from the riverbank fields.",
    "A second release is planned for Saturday if the rain persists over the weekend.",
    "The barrier was completed in 1998 and has been opened completely only twice since then.",
]
OTHER = [
    "Lawmakers in Corvin approved a new budget for rail maintenance after a long debate.",
    "The plan adds two hundred million crowns for bridges and signalling over five years.",
    "Opposition members said the money would arrive too late for the worst lines in the east.",
    "Transport minister Ilse Marko promised that the first contracts would be signed in May.",
]
REPORT = [
    "The Harrow Barrier's northern sluice was opened on Thursday, the water board confirmed.",
    "Residents of Pellam described water rising in the fields within an hour of the release.",
    "One farmer, Anja Berg, said she had moved forty cows to higher ground before midnight.",
    "Officials have not said how long the sluice will stay open, or what Saturday may bring.",
]


def _doc(doc_id: str, sentences: list[str], day: date | None = None) -> Document:
    return Document(doc_id, " ".join(sentences), day)


def _relations(documents: list[Document]) -> set[tuple[str, str, str]]:
    return {(link.derived, link.source, link.relation) for link in find_links(documents)}


def test_spun_rewrite_links_to_the_dated_original() -> None:
    found = _relations([_doc("wire", WIRE, date(2025, 3, 6)), _doc("spun", SPUN)])
    assert found == {("spun", "wire", REWRITE)}


def test_near_verbatim_copy_with_a_changed_line_is_a_copy() -> None:
    reprint = [*WIRE[:-1], "The barrier was finished in 1998 and opened fully twice since then."]
    found = _relations(
        [_doc("wire", WIRE, date(2025, 3, 6)), _doc("reprint", reprint, date(2025, 3, 7))]
    )
    assert found == {("reprint", "wire", COPY)}


def test_truncated_copy_is_a_partial_copy_of_the_whole() -> None:
    found = _relations([_doc("wire", WIRE), _doc("excerpt", WIRE[:4])])
    assert found == {("excerpt", "wire", PARTIAL_COPY)}


def test_stitched_article_links_to_each_source() -> None:
    stitched = WIRE[:3] + OTHER[:3]
    found = _relations(
        [
            _doc("wire", WIRE, date(2025, 3, 6)),
            _doc("other", OTHER, date(2025, 3, 6)),
            _doc("stitched", stitched, date(2025, 3, 8)),
        ]
    )
    assert found == {("stitched", "wire", STITCHED), ("stitched", "other", STITCHED)}


def test_independent_report_of_the_same_event_is_not_linked() -> None:
    found = _relations([_doc("wire", WIRE, date(2025, 3, 6)), _doc("report", REPORT)])
    assert found == set()


def test_alignment_is_evidence_with_passages_and_order() -> None:
    alignment = align(sentence_sets(" ".join(SPUN)), sentence_sets(" ".join(WIRE)))
    assert alignment.derived_coverage > 0.75
    assert 3 not in {p.derived_index for p in alignment.passages}  # the inserted sentence
    assert alignment.order_kept < 1.0  # sentences were shuffled
