"""``merge_mentions`` (mentions read twice, tallied per group) against the per-mention merge it
replaced, kept here as the oracle: the same entities, lookup (in the same order), by-id map and
contradictions on varied random corpora; and the store's twice-read path against the held one.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest

from dateline import api
from dateline.model import EntityKind, EntityMention
from dateline.store.analysis import load_mentions
from dateline.store.events import published_dates
from dateline.store.overrides import entity_corrections
from dateline.who.entities import (
    Entity,
    EntityCatalogue,
    EntityCorrections,
    RoleClaim,
    entity_id,
    merge_entities,
    merge_mentions,
)
from dateline.who.entities.merge import (
    _SPLIT,
    _contradictions,
    _display_name,
    _Groups,
    _join_last_words,
    _join_middle_names,
    _join_spellings,
    _key,
    _kind,
)


def per_mention_merge(
    mentions: Mapping[str, Sequence[EntityMention]],
    published: Mapping[str, date | None] | None = None,
    corrections: EntityCorrections | None = None,
) -> EntityCatalogue:
    """``merge_entities`` as it was before ``merge_mentions``: every mention held, then every
    (article, mention) pair again in its group (commit 62705db)."""
    published = published or {}
    corrections = corrections or EntityCorrections()
    split = frozenset(corrections.split)

    def key_of(m: EntityMention) -> str:
        return _SPLIT + m.canonical if m.canonical in split else _key(m)

    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[EntityKind]] = defaultdict(Counter)
    by_name: dict[str, str] = {}
    for article_mentions in mentions.values():
        for m in article_mentions:
            key = key_of(m)
            names[key][m.canonical] += 1
            kinds[key][m.kind] += 1
            by_name.setdefault(m.canonical, key)
    key_kind = {k: _kind(c) for k, c in kinds.items()}
    key_name = {k: _display_name(key_kind[k], c) for k, c in names.items()}
    groups = _Groups(sorted(names), frozenset(k for k in names if k.startswith(_SPLIT)))
    _join_middle_names(groups, key_name, key_kind)
    _join_spellings(groups, key_name, key_kind)
    key_count = {k: sum(c.values()) for k, c in names.items()}
    _join_last_words(groups, key_name, key_kind, key_count)
    by_name.update({name: key for key, name in key_name.items()})
    for name, other in corrections.joined:
        if name in by_name and other in by_name:
            groups.union(by_name[name], by_name[other], by_hand=True)

    members: dict[str, list[tuple[str, EntityMention]]] = defaultdict(list)
    for article_id, article_mentions in mentions.items():
        for m in article_mentions:
            members[groups.find(key_of(m))].append((article_id, m))
    entities = []
    lookup: dict[tuple[str, str], str] = {}
    for group in members.values():
        kind = _kind(Counter(m.kind for _, m in group))
        name = _display_name(kind, Counter(m.canonical for _, m in group))
        ident = entity_id(kind, name)
        aliases = sorted({m.text for _, m in group} | {m.canonical for _, m in group})
        claims = tuple(
            RoleClaim(m.role, a, published.get(a), m.text, m.start, m.end)
            for a, m in group
            if m.role
        )
        entities.append(
            Entity(
                ident,
                name,
                kind,
                tuple(aliases),
                len(group),
                tuple(sorted({a for a, _ in group})),
                claims,
            )
        )
        for article_id, m in group:
            lookup[(article_id, m.canonical)] = ident
    entities.sort(key=lambda e: (-e.mention_count, e.name, e.id))
    contradictions = tuple(c for e in entities if e.kind == "person" for c in _contradictions(e))
    return EntityCatalogue(tuple(entities), lookup, contradictions, {e.id: e for e in entities})


# (canonical, its usual kind, surface forms): persons with middle names, spelling variants and
# surnames alone, table countries and organisations, one-word teams, and names whose kind
# spaCy gets wrong now and then (several kinds of one canonical, even in one article)
NAMES: tuple[tuple[str, EntityKind, tuple[str, ...]], ...] = (
    ("Vladimir Putin", "person", ("Vladimir Putin", "Putin", "Mr Putin")),
    ("Putin", "person", ("Putin",)),
    ("Vladimir V. Putin", "person", ("Vladimir V. Putin",)),
    ("Sergey Lavrov", "person", ("Sergey Lavrov", "Lavrov")),
    ("Sergei Lavrov", "person", ("Sergei Lavrov",)),
    ("Lavrov", "person", ("Lavrov",)),
    ("Mike Pompeo", "person", ("Mike Pompeo", "Pompeo")),
    ("Pompeo", "person", ("Pompeo",)),
    ("Mike Pence", "person", ("Mike Pence", "Pence")),
    ("Raj Chohan", "person", ("Raj Chohan",)),
    ("Raj K. Chohan", "person", ("Raj K. Chohan",)),
    ("Paul Kessler", "person", ("Paul Kessler",)),
    ("Anna Kessler", "person", ("Anna Kessler",)),
    ("Kessler", "person", ("Kessler",)),
    ("Vincent Jackson", "person", ("Vincent Jackson",)),
    ("WR Jackson", "person", ("WR Jackson",)),
    ("Jackson", "person", ("Jackson",)),
    ("Jordan", "country", ("Jordan",)),
    ("Michael Jordan", "person", ("Michael Jordan",)),
    ("Georgia", "country", ("Georgia",)),
    ("Washington", "place", ("Washington", "DC")),
    ("United States", "country", ("U.S.", "America", "United States", "US")),
    ("Russia", "country", ("Russia", "Russian Federation")),
    ("San Diego Chargers", "organisation", ("San Diego Chargers",)),
    ("Chargers", "organisation", ("Chargers",)),
    ("Bank of Canada", "organisation", ("Bank of Canada",)),
    ("Bank of Ghana", "organisation", ("Bank of Ghana",)),
    ("Academy of Motion Picture Arts and Sciences", "organisation", ("the Academy",)),
    ("Academy of Motion Pictures Arts and Sciences", "organisation", ("Academy",)),
    ("NATO", "organisation", ("NATO", "the alliance")),
    ("North Atlantic Treaty Organization", "organisation", ("North Atlantic Treaty",)),
    ("Apple", "organisation", ("Apple",)),
    ("Hezbollah", "group", ("Hezbollah",)),
    ("Kurds", "group", ("Kurds",)),
)
KINDS: tuple[EntityKind, ...] = ("person", "organisation", "country", "place", "group", "other")
ROLES = (
    "Foreign Minister",
    "foreign minister",
    "Russia's foreign minister",
    "Secretary of State",
    "US Secretary of State",
    "Prime Minister",
    "US Prime Minister",
    "President",
    "CIA director",
    "spokesman",
)


def random_corpus(
    seed: int,
) -> tuple[dict[str, list[EntityMention]], dict[str, date | None], EntityCorrections]:
    """A corpus of 1-40 articles (ids not in sorted order), their dates (some unknown, some
    not given at all) and a few corrections, some of them naming no mention."""
    rng = random.Random(seed)
    corpus: dict[str, list[EntityMention]] = {}
    published: dict[str, date | None] = {}
    for n in rng.sample(range(1000), rng.randint(1, 40)):
        article_id = f"a{n:03d}"
        found, start = [], 0
        for _ in range(rng.choice((0, 1, 3, 8, 15))):
            canonical, kind, texts = rng.choice(NAMES)
            if rng.random() < 0.15:
                kind = rng.choice(KINDS)
            role = rng.choice(ROLES) if kind == "person" and rng.random() < 0.3 else None
            start += rng.randint(1, 40)
            text = rng.choice(texts)
            found.append(EntityMention(start, start + len(text), text, kind, canonical, role))
        corpus[article_id] = found
        day = rng.random()
        if day < 0.8:
            published[article_id] = date(2019, 1, 1) + timedelta(days=rng.randint(0, 400))
        elif day < 0.9:
            published[article_id] = None
    canonicals = [name for name, _, _ in NAMES] + ["Nobody"]
    joined = tuple(
        (rng.choice(canonicals), rng.choice(canonicals)) for _ in range(rng.choice((0, 0, 1, 3)))
    )
    split = tuple(rng.sample(canonicals, rng.choice((0, 0, 1, 2))))
    return corpus, published, EntityCorrections(joined, split)


def assert_same(got: EntityCatalogue, want: EntityCatalogue) -> None:
    assert got.entities == want.entities
    assert list(got.lookup.items()) == list(want.lookup.items())
    assert list(got.by_id.items()) == list(want.by_id.items())
    assert got.contradictions == want.contradictions


@pytest.mark.parametrize("seed", range(60))
def test_tallies_merge_as_every_mention_did(seed: int) -> None:
    corpus, published, corrections = random_corpus(seed)
    want = per_mention_merge(corpus, published, corrections)
    assert_same(merge_entities(corpus, published, corrections), want)
    assert_same(merge_mentions(lambda: iter(corpus.items()), published, corrections), want)


def test_the_fixtures_are_varied() -> None:
    """The random corpora hold what the equivalence must cover: joined and split entities,
    a name under several kinds in one article, contradictions, an (article, name) listed
    under two entities."""
    catalogues = []
    for seed in range(60):
        corpus, published, corrections = random_corpus(seed)
        catalogues.append((corpus, merge_entities(corpus, published, corrections)))
    assert any(c.contradictions for _, c in catalogues)
    assert any(len({e.kind for e in c.entities}) >= 4 for _, c in catalogues)
    assert any(any(len(e.aliases) >= 5 for e in c.entities) for _, c in catalogues)
    several = 0
    for corpus, catalogue in catalogues:
        for found in corpus.values():
            ids: dict[str, set[str]] = defaultdict(set)
            for m in found:
                ids[m.canonical].add(m.kind)
            several += sum(1 for kinds in ids.values() if len(kinds) > 1)
        assert len(catalogue.lookup) <= sum(len(m) for m in corpus.values())
    assert several > 10


def test_a_second_reading_that_differs_is_refused() -> None:
    readings = iter(
        (
            [("a1", [EntityMention(0, 5, "Putin", "person", "Putin")])],
            [("a1", [EntityMention(0, 6, "Lavrov", "person", "Lavrov")])],
        )
    )
    with pytest.raises(ValueError, match="read the same both times"):
        merge_mentions(lambda: next(readings))


def test_the_store_read_twice_merges_as_the_held_mentions(demo_store: Path) -> None:
    conn = api.open_store(str(demo_store))
    try:
        joined, split = entity_corrections(conn)
        corrections = EntityCorrections(tuple(joined), tuple(split))
        want = per_mention_merge(load_mentions(conn), published_dates(conn), corrections)
        assert_same(api._catalogue(conn), want)
        assert not conn.in_transaction
    finally:
        conn.close()
