"""Who is in the document and who said what: the ``entities`` and ``quotes`` keys of the contract.

Added to a document built by ``document.timeline_document``: per article its entities and
quotes, per event and timeline entry its main entities and key quotes (``dateline.highlights``),
and at the top level the corpus entities (with aliases and dated roles) and the role
contradictions between sources. Entity ids are the catalogue's stable ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dateline.entities import Contradiction, Entity, EntityCatalogue
from dateline.export.document import JsonDict
from dateline.highlights import KeyQuote, key_quotes, main_entities
from dateline.model import EntityMention, Quote

ENTRY_QUOTES = 2
"""Key quotes per timeline entry (an event lists more)."""


@dataclass(frozen=True)
class WhoSaidWhat:
    """The stored mentions and quotes of the document's articles and the merged catalogue."""

    mentions: Mapping[str, Sequence[EntityMention]]
    quotes: Mapping[str, Sequence[Quote]]
    catalogue: EntityCatalogue


def add_who_said(document: JsonDict, who: WhoSaidWhat) -> None:
    """Add the entity and quote keys to every article, event and entry, and the catalogue."""
    cited: set[str] = set()
    for article in document["articles"]:
        article.update(article_who(article["id"], who))
        cited.update(e["id"] for e in article["entities"])
    for event in document["events"]:
        event.update(group_who(event["article_ids"], who))
    for entry in document["timeline"]:
        found = key_quotes(entry["article_ids"], who.quotes, who.catalogue, ENTRY_QUOTES)
        entry["quotes"] = [_key_quote_dict(q) for q in found]
    entities = [e for e in who.catalogue.entities if e.id in cited]
    document["entities"] = [entity_dict(e) for e in entities]
    document["contradictions"] = [
        contradiction_dict(c) for c in who.catalogue.contradictions if c.entity_id in cited
    ]


def article_who(article_id: str, who: WhoSaidWhat) -> JsonDict:
    """An article's ``entities`` (with mention counts) and ``quotes`` (with speakers)."""
    own = who.quotes.get(article_id, ())
    return {
        "entities": _article_entities(article_id, who),
        "quotes": [_quote_dict(article_id, quote, who) for quote in own],
    }


def group_who(article_ids: Sequence[str], who: WhoSaidWhat) -> JsonDict:
    """An event's main ``entities`` (by reports) and key ``quotes`` (by reports carrying them)."""
    return {
        "entities": [
            {"id": m.entity_id, "name": m.name, "kind": m.kind, "reports": m.reports}
            for m in main_entities(article_ids, who.mentions, who.catalogue)
        ],
        "quotes": [_key_quote_dict(q) for q in key_quotes(article_ids, who.quotes, who.catalogue)],
    }


def entity_dict(entity: Entity) -> JsonDict:
    """A corpus entity: its names, how often and where it is mentioned, its dated roles."""
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "aliases": list(entity.aliases),
        "mention_count": entity.mention_count,
        "article_ids": list(entity.article_ids),
        "roles": [
            {
                "role": claim.role,
                "article_id": claim.article_id,
                "date": claim.date.isoformat() if claim.date else None,
                "evidence": claim.evidence,
            }
            for claim in entity.roles
        ],
    }


def contradiction_dict(contradiction: Contradiction) -> JsonDict:
    """Two roles sources give one person that cannot both hold, with who says which."""
    return {
        "entity_id": contradiction.entity_id,
        "person": contradiction.person,
        "role_a": contradiction.role_a,
        "article_ids_a": list(contradiction.article_ids_a),
        "role_b": contradiction.role_b,
        "article_ids_b": list(contradiction.article_ids_b),
    }


def _article_entities(article_id: str, who: WhoSaidWhat) -> list[JsonDict]:
    counts: Counter[str] = Counter()
    for mention in who.mentions.get(article_id, ()):
        entity = who.catalogue.entity(article_id, mention.canonical)
        if entity is not None:
            counts[entity.id] += 1
    return [
        {
            "id": entity_id,
            "name": who.catalogue.by_id[entity_id].name,
            "kind": who.catalogue.by_id[entity_id].kind,
            "mentions": n,
        }
        for entity_id, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _quote_dict(article_id: str, quote: Quote, who: WhoSaidWhat) -> JsonDict:
    entity = who.catalogue.entity(article_id, quote.speaker) if quote.speaker else None
    return {
        "text": quote.text,
        "kind": quote.kind,
        "speaker": entity.name if entity else quote.speaker,
        "speaker_entity_id": entity.id if entity else None,
        "speaker_text": quote.speaker_text,
        "cue": quote.cue,
        "start": quote.start,
        "end": quote.end,
    }


def _key_quote_dict(quote: KeyQuote) -> JsonDict:
    return {
        "text": quote.text,
        "kind": quote.kind,
        "speaker": quote.speaker,
        "speaker_entity_id": quote.speaker_entity_id,
        "article_ids": list(quote.article_ids),
    }
