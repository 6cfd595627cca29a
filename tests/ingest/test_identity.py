"""Dedup: the article id is stable and ignores what cleaning cannot (case, spacing, punctuation)."""

from __future__ import annotations

from dateline.ingest.identity import ID_HEX_CHARS, article_id, content_key

TEXT = "Ostrand opened the Karsk Dam spillway at 03:40 on Monday, officials said."


def test_same_text_gets_the_same_id_across_calls() -> None:
    assert article_id(TEXT) == article_id(str(TEXT))
    assert len(article_id(TEXT)) == ID_HEX_CHARS


def test_id_is_pinned() -> None:
    """The id is stored and cited by users: a change of hash would orphan every store."""
    assert article_id("The river rose.") == article_id("the river rose")
    assert article_id("The river rose.") == "14d3251be29742bf"


def test_whitespace_case_and_punctuation_do_not_change_the_id() -> None:
    variant = "  OSTRAND opened the Karsk Dam spillway at 03 40 on Monday officials said \n"
    assert content_key(variant) == content_key(TEXT)
    assert article_id(variant) == article_id(TEXT)


def test_a_changed_word_changes_the_id() -> None:
    assert article_id(TEXT.replace("Monday", "Tuesday")) != article_id(TEXT)
