"""Style flags on invented articles: each fires on its evidence, and only on it."""

from __future__ import annotations

import re
from datetime import date

from dateline.clean import CAPTION, READER_COMMENT
from dateline.provenance.flags import _MT, build_lexicon, detect_flags
from dateline.provenance.relations import Document, find_links
from dateline.vocab.style import MT_MARKERS
from tests.provenance.test_relations import OTHER, WIRE

PLAIN = " ".join(WIRE)
SPUN_STYLE = (
    "The Russian Federation stated on Monday that discussions with the neighbouring nations "
    "had commenced. Individuals living near the barrage were informed to leave. The "
    "administration stated that numerous residences were at risk. Law enforcement officers "
    "stated the region was calm."
)
TRANSLATED = (
    "The Mister Minister of Exteriors, Sir. Halden, has declared that the talks went in the "
    "water the last month. He searched a way for to continue in the days which come."
)


def _names(text: str, **kwargs: object) -> set[str]:
    return {flag.name for flag in detect_flags(text, **kwargs)}  # type: ignore[arg-type]


def test_plain_news_text_carries_no_flag() -> None:
    assert _names(PLAIN) == set()


def test_spinner_wording_alone_flags_spun_with_the_variants_as_evidence() -> None:
    (flag,) = [f for f in detect_flags(SPUN_STYLE) if f.name == "spun"]
    assert "'Russian Federation' for 'Russia' x1" in flag.evidence
    assert flag.score == 1.0


def test_swaps_against_the_original_flag_spun_even_without_spinner_vocabulary() -> None:
    swapped = PLAIN.replace("lower", "reduce").replace("record", "unprecedented")
    swapped = swapped.replace("livestock", "cattle").replace("decision", "choice")
    assert _names(swapped) == set()  # none of these swaps is in the detector's vocabulary
    flags = detect_flags(swapped, original=PLAIN)
    (spun,) = [f for f in flags if f.name == "spun"]
    assert "'livestock' -> 'cattle' against the original" in spun.evidence


def test_spinner_wording_the_original_already_has_is_no_evidence() -> None:
    assert "spun" not in _names(SPUN_STYLE, original=SPUN_STYLE)


def test_translation_markers_flag_machine_translated() -> None:
    (flag,) = [f for f in detect_flags(TRANSLATED) if f.name == "machine-translated"]
    assert flag.score == 1.0
    assert any(item.startswith("'Sir. Halden'") for item in flag.evidence)


def test_reader_comments_come_from_the_clean_stage_reasons() -> None:
    assert _names(PLAIN, removed_reasons=[CAPTION]) == set()
    flags = detect_flags(PLAIN, removed_reasons=[READER_COMMENT, READER_COMMENT, CAPTION])
    assert [(f.name, f.evidence) for f in flags] == [
        ("has-reader-comments", ("2 lines cut as reader comments by the clean stage",))
    ]


def test_typos_found_by_the_corpus_lexicon_and_confirmed_by_the_original() -> None:
    typed = PLAIN.replace("downstream", "downstraem").replace("livestock", "livestcok")
    corpus = [PLAIN, PLAIN + " Downstream farms.", "livestock and downstream towns.", typed]
    (flag,) = [f for f in detect_flags(typed, lexicon=build_lexicon(corpus)) if f.name == "typos"]
    assert "'downstraem' (not in the corpus; 'downstream'?)" in flag.evidence
    confirmed = [f for f in detect_flags(typed, original=PLAIN) if f.name == "typos"]
    assert "'livestcok' (the original has 'livestock')" in confirmed[0].evidence


def test_a_rare_real_word_near_a_common_one_is_not_a_typo() -> None:
    text = "The digger reached the bank. " + PLAIN
    lexicon = build_lexicon([PLAIN, "bigger " * 5, "a bigger flood", "bigger fields", text])
    assert "typos" not in _names(text, lexicon=lexicon)


def test_stitched_flag_lists_each_source() -> None:
    documents = [
        Document("wire", PLAIN, date(2025, 3, 6)),
        Document("other", " ".join(OTHER), date(2025, 3, 6)),
        Document("stitched", " ".join(WIRE[:3] + OTHER[:3]), date(2025, 3, 8)),
    ]
    links = [link for link in find_links(documents) if link.derived == "stitched"]
    (flag,) = [f for f in detect_flags(documents[2].text, links=links) if f.name == "stitched"]
    assert len(flag.evidence) == 2
    assert any(item.endswith("from wire") for item in flag.evidence)


MARKER_TEXTS = [
    "Sir. Putin met the US Prime Minister Mike Pompeo in the frame of the talks.",
    "ASir. Putin, xMister Lavrov, _Madam Merkel and 12 millions of people; a12 millions of them.",
    "In the last month prices rose; over the last week they fell; the last year was calm.",
    "Bathe last year. during the last month. For the last week, the last month went by.",
    "He has declared, she has affirmed it; nobody had place in the days which come.",
    "é has declared it; 3has declared; the President Obama has met Madam.",
    "",
]


def test_markers_match_what_their_patterns_match() -> None:
    """The markers' fast search (the leading word boundary checked after a literal scan)
    finds the same first match as the patterns as written, word boundaries included."""
    for text in MARKER_TEXTS:
        for (marker, _), pattern in zip(_MT, MT_MARKERS, strict=True):
            expected = re.search(pattern, text)
            found = marker.search(text)
            assert (found and found.span()) == (expected and expected.span()), (pattern, text)
    last = next(marker for marker, why in _MT if "last month" in why)
    assert (
        last.search("Prices rose in the last month, over the last week, for the last year.") is None
    )
    assert last.search("Talks ended the last week of May.") is not None
