"""Sentence splitting on news text, abbreviations and PTB-tokenised text."""

from __future__ import annotations

from dateline.sentences import split_sentences


def test_abbreviations_and_initials_do_not_split() -> None:
    text = "Mr. Reyl met U.S. envoys on Jan. 4 in St. Ives. J. Marsh took photos. Then rain fell."
    assert split_sentences(text) == [
        "Mr. Reyl met U.S. envoys on Jan. 4 in St. Ives.",
        "J. Marsh took photos.",
        "Then rain fell.",
    ]


def test_quotes_questions_and_lines() -> None:
    text = '"We will not sign," she said. Why now? Nobody knew!\nA new paragraph starts'
    assert split_sentences(text) == [
        '"We will not sign," she said.',
        "Why now?",
        "Nobody knew!",
        "A new paragraph starts",
    ]


def test_ptb_tokenised_text() -> None:
    assert split_sentences("Talks ended . 3 delegates left early .") == [
        "Talks ended .",
        "3 delegates left early .",
    ]


def test_lowercase_after_full_stop_does_not_split() -> None:
    assert split_sentences("The 2.5 m rise was seen at 3 p.m. local time.") == [
        "The 2.5 m rise was seen at 3 p.m. local time."
    ]
