"""A quote that goes on in the next sentence keeps its speaker (passages written for this test)."""

from __future__ import annotations

from dateline.model import EntityKind, EntityMention
from dateline.who.quotes import find_quotes


def _mention(text: str, name: str, kind: EntityKind, canonical: str | None = None) -> EntityMention:
    start = text.index(name)
    return EntityMention(start, start + len(name), name, kind, canonical or name)


def test_a_possessor_before_the_speakers_title_does_not_take_the_next_quote() -> None:
    """'"A," said Tessel's mayor, Clara Wendt. "B."': B is the mayor's, not Tessel's."""
    text = (
        '"We woke people up at five," said Tessel\'s mayor, Clara Wendt. '
        '"Many of them had lived through the floods of 2010."'
    )
    mentions = [  # a small NER model types an unknown town a person, as it did in the demo
        _mention(text, "Tessel", "person"),
        _mention(text, "Clara Wendt", "person"),
    ]
    quotes = find_quotes(text, mentions)
    assert [quote.speaker for quote in quotes] == ["Clara Wendt", "Clara Wendt"]


def test_another_speaker_named_between_takes_the_next_quote() -> None:
    text = (
        '"We woke people up at five," said the mayor, Clara Wendt. Police chief Ivo Marek '
        'disagreed. "Nobody was woken before six."'
    )
    mentions = [
        _mention(text, "Clara Wendt", "person"),
        _mention(text, "Ivo Marek", "person"),
    ]
    quotes = find_quotes(text, mentions)
    assert [quote.speaker for quote in quotes] == ["Clara Wendt", "Ivo Marek"]
