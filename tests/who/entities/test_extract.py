"""Per-article mentions: honorifics, roles, alias tables, kind fixes and surname resolution.

Every sentence is invented for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline.model import EntityMention
from dateline.who.entities import extract_mentions_batch, ner
from dateline.who.quotes import find_quotes
from tests.who.entities.conftest import by_text

Extract = Callable[[str], list[EntityMention]]


def test_honorifics_and_their_garbles_are_cut_and_mark_a_person(mentions: Extract) -> None:
    text = (
        "Sir. Brannigan told reporters in Oslo that Mister Okafor would travel to Lagos. "
        "Later, Mr. Brannigan denied it, and Mr Okafor stayed home."
    )
    found = mentions(text)
    assert [m.text for m in found if m.kind == "person"] == [
        "Brannigan",
        "Okafor",
        "Brannigan",
        "Okafor",
    ]
    for m in found:
        assert text[m.start : m.end] == m.text
        assert "Sir" not in m.canonical and "Mr" not in m.canonical


def test_surname_resolves_to_the_full_name_in_the_article(mentions: Extract) -> None:
    found = mentions("Foreign Minister Elena Varga arrived on Friday. Varga said little.")
    assert [m.canonical for m in by_text(found, "Varga")] == ["Elena Varga"]


def test_ambiguous_surname_stays_as_written(mentions: Extract) -> None:
    found = mentions("Paul Kessler and Anna Kessler arrived. Kessler spoke first.")
    assert [m.canonical for m in by_text(found, "Kessler")] == ["Kessler"]


def test_title_before_the_name_is_the_role(mentions: Extract) -> None:
    found = mentions("Foreign Minister Elena Varga met Treasury Secretary Tom Hollis on Friday.")
    assert by_text(found, "Elena Varga")[0].role == "Foreign Minister"
    assert by_text(found, "Tom Hollis")[0].role == "Treasury Secretary"


def test_possessive_title_with_an_organisation(mentions: Extract) -> None:
    found = mentions("Norway's Deputy Representative to the UN Lars Eide spoke for an hour.")
    eide = by_text(found, "Lars Eide")
    assert eide, found
    assert eide[0].kind == "person"
    assert eide[0].role == "Norway's Deputy Representative to the UN"
    assert [m.canonical for m in found if m.kind == "organisation"] == ["United Nations"]


def test_apposition_after_the_name_is_the_role(mentions: Extract) -> None:
    found = mentions("Jonas Abara, the council president, spoke. Abara, who chairs it, left.")
    assert by_text(found, "Jonas Abara")[0].role == "council president"
    later = by_text(found, "Abara")
    assert later[0].role is None  # "who chairs it" is a clause, not a role
    assert later[0].canonical == "Jonas Abara"


def test_a_job_before_its_employer_is_the_role(mentions: Extract) -> None:
    found = mentions("Ilse Varn, a spokeswoman for the Dellmoor fire service, arrived first.")
    assert by_text(found, "Ilse Varn")[0].role == "spokeswoman"
    found = mentions("Kai Brenner, the minister for transport, resigned.")
    assert by_text(found, "Kai Brenner")[0].role is None  # a portfolio, not an employer: unread


def test_an_apposition_opening_the_sentence_is_the_role(mentions: Extract) -> None:
    found = mentions(
        "The match was delayed. A spokesman for the Veloria Football Association, Ian Carrow, "
        "said the final would go ahead. Later that day, Mira Holt, said nothing."
    )
    assert by_text(found, "Ian Carrow")[0].role == "spokesman"
    assert by_text(found, "Mira Holt")[0].role is None  # "Later that day": no determiner, no role


def test_quotes_resolve_titles_with_the_roles_read_here(mentions: Extract) -> None:
    """One reader of roles: the quote finder reads no titles of its own."""
    text = (
        "Ilse Varn, a spokeswoman for the Dellmoor fire service, arrived first. "
        '"Nobody was hurt," the spokeswoman said.'
    )
    [quote] = find_quotes(text, mentions(text))
    assert quote.speaker == "Ilse Varn"


def test_country_and_organisation_aliases(mentions: Extract) -> None:
    found = mentions(
        "The U.N. said America and the United States of America are one. Russian diplomats "
        "and the Russian Federation agreed with the USA."
    )
    kinds = {m.text: (m.kind, m.canonical) for m in found}
    assert kinds["U.N."] == ("organisation", "United Nations")
    assert kinds["America"] == ("country", "United States")
    assert kinds["USA"] == ("country", "United States")
    assert kinds["Russian Federation"] == ("country", "Russia")
    assert kinds["Russian"] == ("country", "Russia")  # a demonym names its country


def test_a_name_with_a_title_is_a_person_whatever_spacy_said(mentions: Extract) -> None:
    found = mentions("Lavrenko, Ruritania's foreign minister, said the talks failed.")
    first = found[0]
    assert (first.text, first.kind) == ("Lavrenko", "person")
    assert first.role == "Ruritania's foreign minister"


def test_batch_gives_the_same_mentions_as_one_by_one(mentions: Extract) -> None:
    texts = [
        "Mister Okafor met Mr Brannigan in Lagos.",
        "",
        "The UN Security Council heard Secretary of State Ruth Calder.",
    ]
    assert extract_mentions_batch(texts, batch_size=2) == [mentions(t) for t in texts]


def test_max_chars_reads_only_the_start(mentions: Extract) -> None:
    text = "Elena Varga spoke in Oslo. " + "Nothing happened there. " * 20 + "Tom Hollis left."
    cut = extract_mentions_batch([text], max_chars=40)[0]
    assert [m.text for m in cut] == ["Elena Varga", "Oslo"]
    assert "Tom Hollis" in [m.text for m in mentions(text)]


def test_hyphenated_title_across_an_honorific(mentions: Extract) -> None:
    found = mentions("Ruritania's Director-General Dr. Mara Holt opened the session.")
    holt = by_text(found, "Mara Holt")
    assert holt, found
    assert holt[0].role == "Ruritania's Director-General"


def test_surname_without_its_arabic_article(mentions: Extract) -> None:
    found = mentions("President Karim al-Haddad spoke on Monday. Haddad later left Cairo.")
    assert [m.canonical for m in by_text(found, "Haddad")] == ["Karim al-Haddad"]


def test_an_acronym_with_an_apposition_is_no_person(mentions: Extract) -> None:
    found = mentions("The firm said that ZQX, the shipping giant, would pay Mr Dale Orr.")
    assert all(m.kind != "person" for m in by_text(found, "ZQX"))
    assert by_text(found, "Dale Orr")[0].kind == "person"


def _tagged(nlp: object, words: list[str], tags: list[str]) -> object:
    """A Doc with the entity tags given (IOB), to test the rules on spaCy's known mistakes."""
    from spacy.tokens import Doc  # noqa: PLC0415

    spaces = [i + 1 < len(words) and words[i + 1] not in {".", ","} for i in range(len(words))]
    return Doc(nlp.vocab, words=words, spaces=spaces, ents=tags)  # type: ignore[attr-defined]


def test_known_spacy_mistakes_are_fixed(nlp: object) -> None:
    from dateline.who.entities.extract import mentions_from_doc  # noqa: PLC0415

    words = "Mike Pompeo met the UN . Later Pompeo left .".split()
    tags = ["B-PERSON", "I-PERSON", "O", "O", "B-FAC", "O", "O", "B-GPE", "O", "O"]
    found = mentions_from_doc(_tagged(nlp, words, tags))
    assert [(m.text, m.kind, m.canonical) for m in found] == [
        ("Mike Pompeo", "person", "Mike Pompeo"),
        ("UN", "organisation", "United Nations"),  # tagged as a facility
        ("Pompeo", "person", "Mike Pompeo"),  # tagged as a place
    ]


def test_ner_reads_only_the_stretches_around_possible_names(nlp: object) -> None:
    plain = "the rain kept falling on the fields and nobody went out that day. " * 3
    text = (
        f"Police said it was quiet. {plain}Inspector Marta Oyelaran of the Harrow police "
        f"spoke in Pellam. {plain}police patrols went on."
    )
    ner._CACHE.clear()
    found = extract_mentions_batch([text], lead_chars=None)[0]
    assert found == extract_mentions_batch([text], context=None)[0]
    read = list(ner._CACHE)
    assert len(read) == 1  # "Police" opens a sentence and "police" is written lower case too
    assert "Marta Oyelaran" in read[0] and "Pellam" in read[0]
    assert "nobody" not in read[0] and len(read[0]) < len(text) // 3


def test_a_passage_repeated_in_another_article_is_read_once(nlp: object) -> None:
    paragraph = (
        "the board met again on thursday morning. Mayor Ruth Calder opened the Harrow Barrier "
        "in Pellam. the water fell by evening and the roads were dry again."
    )
    ner._CACHE.clear()
    first, second = extract_mentions_batch(
        [paragraph, f"Floods hit Pellam.\n{paragraph}"], lead_chars=None
    )
    assert [m.text for m in first] == ["Ruth Calder", "Harrow Barrier", "Pellam"]
    assert [m.text for m in second] == ["Pellam", *(m.text for m in first)]
    assert len(ner._CACHE) == 2  # the article's one stretch, the reprint's headline


def test_the_stretch_cache_forgets_the_oldest_when_full(
    nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ner, "CACHE_SIZE", 1)
    ner._CACHE.clear()
    texts = ["Mayor Ruth Calder spoke.", "Tom Hollis left Oslo."]
    found = extract_mentions_batch(texts, lead_chars=None)
    assert [[m.text for m in f] for f in found] == [["Ruth Calder"], ["Tom Hollis", "Oslo"]]
    assert list(ner._CACHE) == ["Tom Hollis left Oslo."]


def test_a_contraction_tagged_as_a_name_is_dropped(nlp: object) -> None:
    from dateline.who.entities.extract import mentions_from_doc  # noqa: PLC0415

    words = "Tom Hollis did n’t stay in Pellam .".split()
    tags = ["B-PERSON", "I-PERSON", "O", "B-GPE", "O", "O", "B-GPE", "O"]
    found = mentions_from_doc(_tagged(nlp, words, tags))
    assert [(m.text, m.kind) for m in found] == [("Tom Hollis", "person"), ("Pellam", "place")]
