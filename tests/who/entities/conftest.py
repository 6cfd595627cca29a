"""Shared fixtures for the entity tests: the spaCy model, loaded once per session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline.model import EntityMention
from dateline.who.entities import extract_mentions
from dateline.who.entities.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp() -> object:
    """The verified spaCy pipeline (the module cache keeps it for the other tests too)."""
    return load_nlp()


@pytest.fixture
def mentions(nlp: object) -> Callable[[str], list[EntityMention]]:
    """``extract_mentions`` with the model already loaded."""
    return extract_mentions


def by_text(found: list[EntityMention], text: str) -> list[EntityMention]:
    """The mentions whose surface text is ``text``."""
    return [m for m in found if m.text == text]
