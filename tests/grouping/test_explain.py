"""Explanations of event placement: the shared features, in words, strongest first."""

from __future__ import annotations

import numpy as np

from dateline.grouping.explain import shared_features
from dateline.grouping.sparse import DocumentFrequencies, article_counts
from dateline.model import Article
from tests.factories import make_article


def _article(ident: str, text: str) -> Article:
    return make_article(ident, text)


def test_shared_names_and_numbers_explain_the_placement() -> None:
    first = _article(
        "a",
        "Foreign Minister Anna Kovac walked out of the Lunesse talks after 90 minutes, "
        "rejecting a 240 million euro claim.",
    )
    second = _article(
        "b",
        "Anna Kovac left the Lunesse session early; the 240 million euro claim was the reason.",
    )
    other = _article("c", "Heavy rain closed the airport in Brenna for a day.")
    counts = article_counts([first, second, other])
    frequencies = DocumentFrequencies.empty()
    frequencies.add(counts)
    event = counts[0] + counts[1]
    found = shared_features(second, event, frequencies.idf())
    texts = [f.text for f in found]
    assert "Anna Kovac" in texts and "240" in texts
    assert all(f.contribution > 0 for f in found)
    assert [f.contribution for f in found] == sorted((f.contribution for f in found), reverse=True)
    assert not {"Brenna", "airport"} & set(texts)  # nothing the event does not hold


def test_an_article_sharing_nothing_gets_no_explanation() -> None:
    lone = _article("c", "Heavy rain closed the airport in Brenna for a day.")
    other = _article("d", "Ministers signed the accord.")
    counts = article_counts([lone, other])
    idf = np.ones(counts.shape[1])
    assert shared_features(lone, counts[1], idf) == []
