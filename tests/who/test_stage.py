"""The who stage's batches: copies go out together, and the order changes no article's analysis."""

from __future__ import annotations

from dateline.who.stage import _who_said_chunk, copy_order

WIRE = [
    "Ostrand's Foreign Minister Lena Barrow said on Tuesday that the Tessel bridge talks would "
    "resume in March, after two weeks without an agreement on tolls.",
    "Clara Wendt, the mayor of Tessel, told reporters the town council had approved the plan "
    "by a wide margin and expected the first crossings before the summer.",
    "Engineers from Orvik will inspect the bridge piers next week, a spokesman for the "
    "Veldoria transport ministry said in a statement.",
]
OTHERS = [
    f"The Mirelbrug ferry {n} was cancelled for the {n}th time this month after storms closed "
    "the harbour, and the operator said refunds would be paid within ten days."
    for n in range(6)
]


def test_a_reprint_goes_out_beside_its_original() -> None:
    original = "\n".join(WIRE)
    reprint = "Reprinted with permission\n" + "\n".join(WIRE[:2]) + "\nA line of its own here."
    texts = [original, *OTHERS, reprint]
    order = copy_order(texts)
    assert sorted(order) == list(range(len(texts)))
    where = {index: place for place, index in enumerate(order)}
    assert abs(where[0] - where[len(texts) - 1]) == 1, order


def test_texts_without_long_paragraphs_come_first_in_their_order() -> None:
    assert copy_order(["short", *OTHERS[:2], "tiny"])[:2] == [0, 3]


def test_the_analysis_of_each_article_is_the_same_in_any_order() -> None:
    texts = ["\n".join(WIRE), "\n".join(reversed(WIRE)), OTHERS[0]]
    forward = _who_said_chunk(texts)
    backward = _who_said_chunk(list(reversed(texts)))
    assert forward == list(reversed(backward))
    assert any(mentions for mentions, _ in forward), "no names were found: nothing compared"
