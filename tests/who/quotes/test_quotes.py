"""Rules of the quote finder, one family per test, on passages written for these tests."""

from __future__ import annotations

import re

from dateline.model import EntityKind, EntityMention, Quote
from dateline.who.quotes import find_quotes


def _mentions(text: str, *specs: tuple[str, EntityKind, str, str | None]) -> list[EntityMention]:
    """Every whole-word occurrence of each (surface, kind, canonical, role); longer ones win."""
    found: list[EntityMention] = []
    for surface, kind, canonical, role in sorted(specs, key=lambda spec: -len(spec[0])):
        matches = list(re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text))
        assert matches, surface
        for match in matches:
            if not any(m.start < match.end() and match.start() < m.end for m in found):
                found.append(EntityMention(*match.span(), surface, kind, canonical, role))
    return sorted(found, key=lambda m: m.start)


def _by_text(quotes: list[Quote], words: str) -> Quote:
    matches = [q for q in quotes if words in q.text]
    assert len(matches) == 1, (words, quotes)
    return matches[0]


def test_direct_quote_with_speaker_after_and_inverted() -> None:
    text = '"The road is closed," Jana Holt said. "Use the ferry," said Piotr Vane.'
    mentions = _mentions(
        text,
        ("Jana Holt", "person", "Jana Holt", None),
        ("Piotr Vane", "person", "Piotr Vane", None),
    )
    quotes = find_quotes(text, mentions)
    assert [(q.text, q.kind, q.speaker, q.cue) for q in quotes] == [
        ("The road is closed", "direct", "Jana Holt", "said"),
        ("Use the ferry", "direct", "Piotr Vane", "said"),
    ]
    first = quotes[0]
    assert text[first.start : first.end] == first.text
    assert first.speaker_text == "Jana Holt"


def test_curly_quote_with_speaker_before_and_colon_without_verb() -> None:
    text = (
        "Mayor Lio Brant said: “We will rebuild the market.” "
        "Later Rosa Tenn was blunt: “It was avoidable.”"
    )
    mentions = _mentions(
        text,
        ("Lio Brant", "person", "Lio Brant", "mayor"),
        ("Rosa Tenn", "person", "Rosa Tenn", None),
    )
    quotes = find_quotes(text, mentions)
    assert _by_text(quotes, "rebuild").speaker == "Lio Brant"
    assert _by_text(quotes, "avoidable").speaker == "Rosa Tenn"


def test_quote_reopened_over_paragraphs_is_one_quote() -> None:
    text = (
        'Captain Ode Fenn spoke after the rescue.\n"The sea was rough all night.\n'
        '"We did not give up," he said.'
    )
    quotes = find_quotes(text, _mentions(text, ("Ode Fenn", "person", "Ode Fenn", "captain")))
    assert len(quotes) == 1
    assert quotes[0].text.startswith("The sea") and quotes[0].text.endswith("give up")
    assert quotes[0].speaker == "Ode Fenn"


def test_unattributed_quote_continues_previous_speaker_unless_someone_else_is_named() -> None:
    # the person opening the sentence before a cue-less quote takes over from the last speaker
    text = (
        '"We lost everything," said Mira Sol. "Even the photographs." '
        'Her brother Ansel Sol arrived later. "Nobody came to help us for days."'
    )
    mentions = _mentions(
        text, ("Mira Sol", "person", "Mira Sol", None), ("Ansel Sol", "person", "Ansel Sol", None)
    )
    quotes = find_quotes(text, mentions)
    assert _by_text(quotes, "photographs").speaker == "Mira Sol"
    assert _by_text(quotes, "Nobody came").speaker == "Ansel Sol"


def test_interrupted_quote_keeps_speaker_for_both_parts() -> None:
    text = 'Dana Ruse said the vote was fair. "We won," she added, "and we won clearly."'
    quotes = find_quotes(text, _mentions(text, ("Dana Ruse", "person", "Dana Ruse", None)))
    assert _by_text(quotes, "We won").speaker == "Dana Ruse"
    assert _by_text(quotes, "won clearly").speaker == "Dana Ruse"


def test_reported_speech_shapes() -> None:
    text = (
        "Oren Tal said that the dam would hold. Tal said on Friday the water was falling. "
        "Vera Moss told parliament that 40 homes were empty. "
        "The pumps will run all week, said Moss. Schools will stay shut, two officials said."
    )
    mentions = _mentions(
        text,
        ("Oren Tal", "person", "Oren Tal", None),
        ("Vera Moss", "person", "Vera Moss", None),
        ("Tal", "person", "Oren Tal", None),
        ("Moss", "person", "Vera Moss", None),
    )
    quotes = find_quotes(text, mentions)
    assert all(q.kind == "reported" for q in quotes)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("the dam would hold", "Oren Tal"),
        ("the water was falling", "Oren Tal"),
        ("40 homes were empty", "Vera Moss"),
        ("The pumps will run all week", "Vera Moss"),
        ("Schools will stay shut", None),
    ]


def test_according_to_before_and_after() -> None:
    text = (
        "According to the Orla Trust, who ran the survey, most wells are dry. "
        "The harvest will be late, according to Ivan Rusu."
    )
    mentions = _mentions(
        text,
        ("Orla Trust", "organisation", "Orla Trust", None),
        ("Ivan Rusu", "person", "Ivan Rusu", None),
    )
    quotes = find_quotes(text, mentions)
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [
        ("most wells are dry", "Orla Trust", "According to"),
        ("The harvest will be late", "Ivan Rusu", "according to"),
    ]


def test_pronouns_follow_gender_clues_and_it_finds_an_organisation() -> None:
    text = (
        'Ms Kora Dunn sat next to Mr Eli Marsh. Marsh folded his arms. "It is too late," she said. '
        "Tarn Mining issued a statement. In it, it said the mine was safe."
    )
    mentions = _mentions(
        text,
        ("Kora Dunn", "person", "Kora Dunn", None),
        ("Eli Marsh", "person", "Eli Marsh", None),
        ("Tarn Mining", "organisation", "Tarn Mining", None),
        ("Marsh", "person", "Eli Marsh", None),
    )
    quotes = find_quotes(text, mentions)
    too_late = _by_text(quotes, "too late")
    assert (too_late.speaker, too_late.speaker_text) == ("Kora Dunn", "she")
    assert _by_text(quotes, "mine was safe").speaker == "Tarn Mining"


def test_pronoun_without_any_person_has_no_speaker() -> None:
    text = '"The gates open at nine," he said.'
    assert find_quotes(text, [])[0].speaker is None


def test_titles_point_back_to_roles_and_organisation_names() -> None:
    text = (
        "Energy Minister Saul Brek met Nadia Ferr, his deputy, at the Ministry of Energy. "
        'Dornfeld Airways and the Port Ministry disagreed. "Prices will fall," the minister said. '
        '"Talks are over," the ministry said. The company said flights would resume.'
    )
    mentions = _mentions(
        text,
        ("Saul Brek", "person", "Saul Brek", "energy minister"),
        ("Nadia Ferr", "person", "Nadia Ferr", "deputy"),
        ("Ministry of Energy", "organisation", "Ministry of Energy", None),
        ("Dornfeld Airways", "organisation", "Dornfeld Airways", None),
        ("Port Ministry", "organisation", "Port Ministry", None),
    )
    quotes = find_quotes(text, mentions)
    assert _by_text(quotes, "Prices").speaker == "Saul Brek"
    assert _by_text(quotes, "Talks are over").speaker == "Port Ministry"
    assert _by_text(quotes, "flights would resume").speaker == "Dornfeld Airways"


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    text = (
        'The so-called "green corridor" opened on Monday. Critics call it a "toll road". '
        'The play "Night Harbour" sold out.'
    )
    assert find_quotes(text, []) == []


def test_partial_quote_after_a_cue_is_attributed() -> None:
    text = 'Judge Amos Kell said the delay was "deeply regrettable".'
    quotes = find_quotes(text, _mentions(text, ("Amos Kell", "person", "Amos Kell", "judge")))
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [
        ("deeply regrettable", "direct", "Amos Kell")
    ]


def test_listener_after_told_is_not_the_speaker() -> None:
    text = '"We have the votes," Gil Arno told Radio Senn.'
    mentions = _mentions(
        text,
        ("Gil Arno", "person", "Gil Arno", None),
        ("Radio Senn", "organisation", "Radio Senn", None),
    )
    assert find_quotes(text, mentions)[0].speaker == "Gil Arno"


def test_anonymous_speakers_are_none_and_speech_without_cue_is_kept() -> None:
    text = (
        '"I heard three shots," one neighbour said. A note was left on the door. '
        '"Do not look for us, we have gone north and will not return this year."'
    )
    quotes = find_quotes(text, [])
    assert [q.speaker for q in quotes] == [None, None]
    assert len(quotes) == 2


def test_degenerate_inputs() -> None:
    assert find_quotes("", []) == []
    assert find_quotes('An unclosed "quote runs on and on', []) == []
    assert find_quotes('Stray ” marks and ""', []) == []


def test_passive_cues_nouns_and_listeners() -> None:
    text = (
        "Ada Fenn was told that her stall would close. A note was left on the door. "
        "The claims were false. Fenn told local reporters the council had lied."
    )
    mentions = _mentions(
        text, ("Ada Fenn", "person", "Ada Fenn", None), ("Fenn", "person", "Ada Fenn", None)
    )
    quotes = find_quotes(text, mentions)
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [
        ("the council had lied", "Ada Fenn", "told")
    ]


def test_speaker_named_at_the_start_of_the_sentence_before() -> None:
    text = (
        "The head of the dock workers, Lars Brun, was defiant.\n"
        '"We will strike until the last ship rots in the harbour."\n'
        'Police arrested Ole Hage on Monday. "Nobody is above the law in this city."'
    )
    mentions = _mentions(
        text, ("Lars Brun", "person", "Lars Brun", None), ("Ole Hage", "person", "Ole Hage", None)
    )
    quotes = find_quotes(text, mentions)
    assert _by_text(quotes, "We will strike").speaker == "Lars Brun"
    assert _by_text(quotes, "Nobody is above").speaker is None


def test_possessor_is_not_the_speaker_unless_through_a_spokesman() -> None:
    text = (
        "Torvia's opposition said the count was rigged. "
        "Mira Lund's spokesman said the senator would not resign."
    )
    mentions = _mentions(
        text,
        ("Torvia", "country", "Torvia", None),
        ("Mira Lund", "person", "Mira Lund", None),
    )
    quotes = find_quotes(text, mentions)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("the count was rigged", None),
        ("the senator would not resign", "Mira Lund"),
    ]


def test_cue_on_the_line_before_the_quote() -> None:
    text = 'In a letter, Bishop Anton Rell wrote:\n"The doors of this church stay open to all."'
    quotes = find_quotes(text, _mentions(text, ("Anton Rell", "person", "Anton Rell", "bishop")))
    assert [(q.speaker, q.cue) for q in quotes] == [("Anton Rell", "wrote")]


def test_parenthetical_attribution_reports_the_whole_sentence() -> None:
    text = "The new bridge, she said, will open in May. Ines Roth is the city engineer."
    quotes = find_quotes(text, [])
    assert [(q.text, q.cue) for q in quotes] == [
        ("The new bridge, she said, will open in May", "said")
    ]
