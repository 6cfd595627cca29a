"""Language: function-word coverage picks the language; too little evidence stays None."""

from __future__ import annotations

import pytest

from dateline.ingest.language import detect_language, normalise_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The minister said that the dam would be opened in the morning and that it was safe.",
            "en",
        ),
        ("Le ministre a dit que le barrage sera ouvert dans la matinée et que tout va bien.", "fr"),
        ("Der Minister sagte, dass der Damm am Morgen geöffnet wird und es sicher ist.", "de"),
        ("El ministro dijo que la presa se abrirá por la mañana y que es segura para todos.", "es"),
    ],
)
def test_detects_language_from_function_words(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_too_short_or_unknown_text_stays_none() -> None:
    assert detect_language("Karsk Dam") is None
    assert detect_language("1234 5678 9012 3456 7890 2345 6789") is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en-GB", "en"), ("EN", "en"), ("pt_BR", "pt"), ("", None), (None, None)],
)
def test_normalise_language(code: str | None, expected: str | None) -> None:
    assert normalise_language(code) == expected
