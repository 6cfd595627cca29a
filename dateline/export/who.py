"""Who is in the document and who said what: the ``entities`` and ``quotes`` of the contract.

Per article its entities and quotes, per event and timeline entry its main entities and key
quotes (``dateline.who.highlights``), and at the top level the corpus entities (with aliases and
dated roles) and the role contradictions between sources. Entity ids are the catalogue's stable
ids. ``document.timeline_document`` calls these while it builds the document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import Any

from dateline.export import records
from dateline.model import EntityMention, Quote
from dateline.who.entities import Contradiction, Entity, EntityCatalogue
from dateline.who.highlights import KeyQuote, key_quotes, main_entities

ENTRY_QUOTES = 2
"""Key quotes per timeline entry (an event lists more)."""


@dataclass(frozen=True)
class WhoSaidWhat:
    """The stored mentions and quotes of the document's articles and the merged catalogue."""

    mentions: Mapping[str, Sequence[EntityMention]]
    quotes: Mapping[str, Sequence[Quote]]
    catalogue: EntityCatalogue
    inputs: object = None
    """What the mentions and catalogue were made from (``api.who_said_what``), if known."""
    entity_parts: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    """Each article's and each group's entities, worked out once: they depend only on the
    mentions and the catalogue, which a reload keeps when their inputs did not change (and
    then hands this on too), so a web page after a correction does not count them again."""


def article_who(
    article_id: str, who: WhoSaidWhat
) -> tuple[tuple[records.ArticleEntity, ...], tuple[records.QuoteRecord, ...]]:
    """An article's entities (with mention counts) and quotes (with speakers)."""
    own = who.quotes.get(article_id, ())
    return _article_entities(article_id, who), tuple(
        _quote_record(article_id, quote, who) for quote in own
    )


def group_who(
    article_ids: Sequence[str], who: WhoSaidWhat
) -> tuple[tuple[records.GroupEntity, ...], tuple[records.KeyQuote, ...]]:
    """An event's main entities (by reports) and key quotes (by reports carrying them)."""
    key = tuple(article_ids)
    entities = who.entity_parts.get(key)
    if entities is None:
        entities = tuple(
            records.GroupEntity(m.entity_id, m.name, m.kind, m.reports)
            for m in main_entities(article_ids, who.mentions, who.catalogue)
        )
        who.entity_parts[key] = entities
    quotes = tuple(_key_quote_record(q) for q in key_quotes(article_ids, who.quotes, who.catalogue))
    return entities, quotes


def entry_quotes(article_ids: Sequence[str], who: WhoSaidWhat) -> tuple[records.KeyQuote, ...]:
    """A timeline entry's few key quotes."""
    found = key_quotes(article_ids, who.quotes, who.catalogue, ENTRY_QUOTES)
    return tuple(_key_quote_record(q) for q in found)


def catalogue_part(
    articles: Sequence[records.Article], who: WhoSaidWhat
) -> tuple[tuple[records.Entity, ...], tuple[records.Contradiction, ...]]:
    """The corpus entities the document's articles name, and the contradictions about them."""
    cited = {entity.id for article in articles for entity in article.entities}
    return tuple(cited_entities(who.catalogue, cited)), tuple(
        cited_contradictions(who.catalogue, cited)
    )


def cited_entities(catalogue: EntityCatalogue, cited: Set[str]) -> Iterator[records.Entity]:
    """The catalogue's entities (in its order) whose ids are in ``cited``, one at a time."""
    return (entity_record(e) for e in catalogue.entities if e.id in cited)


def cited_contradictions(
    catalogue: EntityCatalogue, cited: Set[str]
) -> Iterator[records.Contradiction]:
    """The catalogue's contradictions about the entities ``cited``, one at a time."""
    return (contradiction_record(c) for c in catalogue.contradictions if c.entity_id in cited)


def entity_record(entity: Entity) -> records.Entity:
    """A corpus entity: its names, how often and where it is mentioned, its dated roles."""
    return records.Entity(
        id=entity.id,
        name=entity.name,
        kind=entity.kind,
        aliases=tuple(entity.aliases),
        mention_count=entity.mention_count,
        article_ids=tuple(entity.article_ids),
        roles=tuple(
            records.Role(
                claim.role,
                claim.article_id,
                claim.date.isoformat() if claim.date else None,
                claim.evidence,
            )
            for claim in entity.roles
        ),
    )


def contradiction_record(contradiction: Contradiction) -> records.Contradiction:
    """Two roles sources give one person that cannot both hold, with who says which."""
    return records.Contradiction(
        entity_id=contradiction.entity_id,
        person=contradiction.person,
        role_a=contradiction.role_a,
        article_ids_a=tuple(contradiction.article_ids_a),
        role_b=contradiction.role_b,
        article_ids_b=tuple(contradiction.article_ids_b),
    )


def _article_entities(article_id: str, who: WhoSaidWhat) -> tuple[records.ArticleEntity, ...]:
    found: tuple[records.ArticleEntity, ...] | None = who.entity_parts.get(article_id)
    if found is None:
        found = who.entity_parts[article_id] = _count_entities(article_id, who)
    return found


def _count_entities(article_id: str, who: WhoSaidWhat) -> tuple[records.ArticleEntity, ...]:
    counts: Counter[str] = Counter()
    for mention in who.mentions.get(article_id, ()):
        entity = who.catalogue.entity(article_id, mention.canonical)
        if entity is not None:
            counts[entity.id] += 1
    return tuple(
        records.ArticleEntity(
            entity_id, who.catalogue.by_id[entity_id].name, who.catalogue.by_id[entity_id].kind, n
        )
        for entity_id, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )


def _quote_record(article_id: str, quote: Quote, who: WhoSaidWhat) -> records.QuoteRecord:
    entity = who.catalogue.entity(article_id, quote.speaker) if quote.speaker else None
    return records.QuoteRecord(
        text=quote.text,
        kind=quote.kind,
        speaker=entity.name if entity else quote.speaker,
        speaker_entity_id=entity.id if entity else None,
        speaker_text=quote.speaker_text,
        cue=quote.cue,
        start=quote.start,
        end=quote.end,
    )


def _key_quote_record(quote: KeyQuote) -> records.KeyQuote:
    return records.KeyQuote(
        quote.text, quote.kind, quote.speaker, quote.speaker_entity_id, tuple(quote.article_ids)
    )
