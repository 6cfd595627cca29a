"""What a group of reports says most: key quotes with speakers, main entities.

An event (or a timeline entry) has several reports; each carries its own quotes and entity
mentions. The key quotes are the attributed ones repeated by the most reports (a quote every
wire copy carries is the one readers saw), direct quotes before reported speech, longer ones
before fragments; the main entities are the ones most of the reports mention.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dateline.model import EntityMention, Quote
from dateline.who.entities import EntityCatalogue

KEY_QUOTES = 3
"""Quotes shown per event or timeline entry."""
MAIN_ENTITIES = 6
"""Entities shown per event."""
MIN_QUOTE_WORDS = 4
"""Shorter quoted fragments ("nothing to hide") are kept per article but are not key quotes."""

_SPACES = re.compile(r"\W+")


@dataclass(frozen=True)
class KeyQuote:
    """A quote, its speaker, and every report that carries it (the first one it was read in)."""

    text: str
    kind: str
    speaker: str
    speaker_entity_id: str | None
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class MainEntity:
    """An entity and how many of the group's reports mention it."""

    entity_id: str
    name: str
    kind: str
    reports: int


def key_quotes(
    article_ids: Sequence[str],
    quotes: Mapping[str, Sequence[Quote]],
    catalogue: EntityCatalogue | None = None,
    limit: int = KEY_QUOTES,
) -> list[KeyQuote]:
    """The attributed quotes most of these reports carry, with their speakers and sources."""
    carriers: dict[str, list[str]] = defaultdict(list)
    first: dict[str, tuple[str, Quote]] = {}
    for article_id in article_ids:
        for quote in quotes.get(article_id, ()):
            if quote.speaker is None:
                continue
            words, key = _quote_key(quote.text)
            if words < MIN_QUOTE_WORDS:
                continue
            if article_id not in carriers[key]:
                carriers[key].append(article_id)
            first.setdefault(key, (article_id, quote))
    ranked = sorted(
        first,
        key=lambda k: (-len(carriers[k]), first[k][1].kind != "direct", -len(k), k),
    )
    result = []
    for key in ranked[:limit]:
        article_id, quote = first[key]
        speaker = quote.speaker or ""
        entity = catalogue.entity(article_id, speaker) if catalogue else None
        result.append(
            KeyQuote(
                quote.text,
                quote.kind,
                entity.name if entity else speaker,
                entity.id if entity else None,
                tuple(carriers[key]),
            )
        )
    return result


@functools.lru_cache(maxsize=1 << 16)
def _quote_key(text: str) -> tuple[int, str]:
    """A quote's word count and the key its copies share (case and spacing folded); cached:
    every event and timeline entry asks again for the same quotes."""
    return len(text.split()), _SPACES.sub(" ", text.lower()).strip()


def main_entities(
    article_ids: Sequence[str],
    mentions: Mapping[str, Sequence[EntityMention]],
    catalogue: EntityCatalogue,
    limit: int = MAIN_ENTITIES,
) -> list[MainEntity]:
    """The entities most of these reports mention, by the number of reports."""
    reports: dict[str, set[str]] = defaultdict(set)
    for article_id in article_ids:
        for mention in mentions.get(article_id, ()):
            entity = catalogue.entity(article_id, mention.canonical)
            if entity is not None:
                reports[entity.id].add(article_id)
    ranked = sorted(reports, key=lambda e: (-len(reports[e]), catalogue.by_id[e].name))
    return [
        MainEntity(e, catalogue.by_id[e].name, catalogue.by_id[e].kind, len(reports[e]))
        for e in ranked[:limit]
    ]
