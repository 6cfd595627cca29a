"""Key quotes and main entities of a group of reports."""

from __future__ import annotations

from dateline.model import EntityMention, Quote, QuoteKind
from dateline.who.entities import merge_entities
from dateline.who.highlights import key_quotes, main_entities

KOVAC = EntityMention(0, 10, "Anna Kovac", "person", "Anna Kovac", "Foreign Minister")
KOVAC_SHORT = EntityMention(0, 5, "Kovac", "person", "Anna Kovac")
LUNESSE = EntityMention(20, 27, "Lunesse", "place", "Lunesse")


def _quote(text: str, speaker: str | None, kind: QuoteKind = "direct") -> Quote:
    return Quote(0, len(text), text, kind, speaker, speaker, "said")


MENTIONS = {"a": [KOVAC, LUNESSE], "b": [KOVAC_SHORT], "c": [LUNESSE]}
QUOTES = {
    "a": [_quote("We came with proposals, not complaints", "Anna Kovac"), _quote("ok", "X")],
    "b": [
        _quote("We came with proposals - not complaints.", "Anna Kovac"),
        _quote("the talks would resume in May after the holiday", "Anna Kovac", "reported"),
    ],
    "c": [_quote("Nobody here knows what will happen next", None)],
}


def test_the_quote_most_reports_carry_comes_first_with_all_its_sources() -> None:
    catalogue = merge_entities(MENTIONS)
    found = key_quotes(["a", "b", "c"], QUOTES, catalogue)
    assert found[0].article_ids == ("a", "b")  # punctuation differences are the same quote
    assert found[0].speaker == "Anna Kovac" and found[0].speaker_entity_id is not None
    assert [q.kind for q in found] == ["direct", "reported"]  # unattributed and short ones out


def test_main_entities_count_reports_not_mentions() -> None:
    catalogue = merge_entities(MENTIONS)
    found = main_entities(["a", "b", "c"], MENTIONS, catalogue)
    assert [(e.name, e.reports) for e in found] == [("Anna Kovac", 2), ("Lunesse", 2)]
