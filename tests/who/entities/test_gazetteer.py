"""NER on the lead, its names matched everywhere: what is read, what is matched, what users see.

Every sentence is invented for these tests.
"""

from __future__ import annotations

import pytest

from dateline.who.entities import extract_mentions_batch, ner
from dateline.who.entities.gazetteer import LEAD_CHARS, _Article, read_where_needed, table_names
from dateline.who.entities.ner import possible_names
from dateline.who.quotes import find_quotes

FILLER = "the rain kept falling on the fields and nobody went out that day. " * 17
"""Lower-case text longer than the lead: nothing in it may be a name."""


def _read() -> list[str]:
    return list(ner._CACHE)


@pytest.fixture(autouse=True)
def _fresh_cache(nlp: object) -> None:
    ner._CACHE.clear()


def test_a_name_of_the_lead_is_matched_below_it_without_ner() -> None:
    assert len(FILLER) > LEAD_CHARS
    text = f"Mayor Ruth Calder opened the Harrow Barrier in Pellam. {FILLER}Calder waved."
    found = extract_mentions_batch([text])[0]
    assert [(m.text, m.kind, m.canonical) for m in found] == [
        ("Ruth Calder", "person", "Ruth Calder"),
        ("Harrow Barrier", "organisation", "Harrow Barrier"),
        ("Pellam", "place", "Pellam"),
        ("Calder", "person", "Ruth Calder"),
    ]
    assert not any("waved" in stretch for stretch in _read())  # matched, not read


def test_a_name_first_met_below_the_lead_is_read_then_matched_further_down() -> None:
    text = (
        f"Mayor Ruth Calder spoke in Pellam. {FILLER}"
        f"Inspector Tom Hollis arrived on the night train. {FILLER}{FILLER}Hollis left early."
    )
    found = extract_mentions_batch([text])[0]
    hollis = [m for m in found if m.canonical == "Tom Hollis"]
    assert [m.text for m in hollis] == ["Tom Hollis", "Hollis"]
    assert hollis[0].role == "Inspector"
    assert any("Tom Hollis" in stretch for stretch in _read())
    assert not any("left early" in stretch for stretch in _read())


def test_a_name_in_capitals_is_the_same_person() -> None:
    lead = "Anchor Dana Whitlow opened the show from Pellam."
    text = f"{lead} {FILLER}\nWHITLOW: We start in the valley tonight."
    found = extract_mentions_batch([text])[0]
    assert [(m.text, m.canonical) for m in found if m.kind == "person"] == [
        ("Dana Whitlow", "Dana Whitlow"),
        ("WHITLOW", "Dana Whitlow"),
    ]


def test_roles_and_quotes_are_read_at_matched_mentions() -> None:
    text = (
        f"Floods reached Pellam as Ruth Calder toured the Harrow Barrier. {FILLER}"
        '"We will rebuild every street," Calder, the mayor, said.'
    )
    found = extract_mentions_batch([text])[0]
    later = [m for m in found if m.text == "Calder"]
    assert [(m.canonical, m.role) for m in later] == [("Ruth Calder", "mayor")]
    quotes = find_quotes(text, found)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will rebuild every street", "Ruth Calder")
    ]


def test_names_of_the_alias_tables_are_matched_not_read() -> None:
    assert table_names()["United Nations"] == "ORG"
    assert table_names()["Russians"] == "NORP"
    assert "the UN" not in table_names()  # matched as written: "the" is no name
    text = f"Mayor Ruth Calder spoke in Pellam. {FILLER}the United Nations sent tents."
    found = extract_mentions_batch([text])[0]
    un = [m for m in found if m.text == "United Nations"]
    assert [(m.kind, m.canonical) for m in un] == [("organisation", "United Nations")]
    assert not any("tents" in stretch for stretch in _read())


def test_a_title_beside_a_matched_name_sends_nothing_to_ner() -> None:
    text = f"Mayor Ruth Calder spoke in Pellam. {FILLER}later Mayor Calder left."
    found = extract_mentions_batch([text])[0]
    assert [(m.text, m.role) for m in found if m.text == "Calder"] == [("Calder", "Mayor")]
    assert not any("left" in stretch for stretch in _read())


def test_the_same_entities_as_every_stretch_on_a_short_text() -> None:
    text = (
        "Sir. Brannigan told reporters in Oslo that Mister Okafor would travel to Lagos. "
        "Later, Mr. Brannigan denied it, and Mr Okafor stayed home."
    )
    assert extract_mentions_batch([text]) == extract_mentions_batch([text], lead_chars=None)


def test_texts_without_names_and_empty_texts_give_nothing() -> None:
    docs = read_where_needed(["", FILLER * 3, "   "])
    assert [list(doc.ents) for doc in docs] == [[], [], []]


def test_words_that_are_never_names_are_not_possible_names(nlp: object) -> None:
    doc = nlp.make_doc("THE REPORT: I met Ruth Calder on Friday -LRB- Pellam -RRB- in the US.")  # type: ignore[attr-defined]
    assert [doc[i].text for i in possible_names(doc)] == [
        "REPORT",
        "Ruth",
        "Calder",
        "Pellam",
        "US",
    ]


def test_the_matcher_is_never_asked_to_read_past_the_text(nlp: object) -> None:
    """pyahocorasick does not check the end it is given: reading past the string crashed a
    build's worker (a segmentation fault) when a window ended near the text's end."""
    asked: list[tuple[int, int]] = []

    class Recording:
        def iter(self, text: str, start: int, stop: int) -> list[tuple[int, tuple[int, str]]]:
            asked.append((start, stop))
            return []

    text = "Mayor Ruth Calder spoke in Pellam."
    article = _Article(nlp.make_doc(text), text)  # type: ignore[attr-defined]
    assert article.find(Recording(), 0, len(text)) == []
    assert article.find(Recording(), 10, 20) == []
    assert asked == [(0, len(text)), (10, len(text))]
