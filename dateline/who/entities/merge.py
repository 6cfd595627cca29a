"""Corpus-wide entities: every article's mentions merged into canonical entities.

Articles resolve surnames only within themselves; this stage joins the articles. Steps:

1. Group mentions by their folded canonical name (``aliases.fold``); the alias tables already
   made "U.S." and "America" one country inside each article. A group's kind is its most
   common kind (persons win ties: a name spaCy once read as a place is still that person).
2. "Raj Chohan" joins "Raj K. Chohan" when that is the corpus's only longer form of the name.
3. Spelling variants of multi-word person names ("Sergey"/"Sergei Lavrov") join when
   rapidfuzz's ratio reaches ``FUZZY_THRESHOLD`` and the surnames are close too (long
   organisation names at a stricter threshold).
4. A one-word person ("Putin") joins the one multi-word person ending with that word across the
   corpus ("Vladimir Putin"); among several it joins one only when that one dominates.
   One-word organisations likewise ("Chargers" -> "San Diego Chargers").
5. Each entity gets a stable id (hash of kind and name), its aliases (every surface form), its
   mention count, articles, dated role claims, and the lookup (article id, mention canonical)
   -> entity id that the store and timeline filter use.
6. Roles of one person that cannot both hold (``roles.roles_conflict``), claimed within
   ``CONTRADICTION_DAYS`` of each other, become ``Contradiction`` records, each side with the
   articles that claim it.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final

import numpy as np
from rapidfuzz import fuzz, process

from dateline.model import EntityKind, EntityMention
from dateline.vocab.entities import ORGANISATION_WORDS
from dateline.who.entities.aliases import (
    country_name,
    fold,
    organisation_name,
    strip_honorifics,
    surname_keys,
)
from dateline.who.entities.roles import normalise_role, roles_conflict

#: rapidfuzz ratio (0-100) at which two multi-word person names are one person, and the ratio
#: their surnames must reach as well. Conservative: "Sergey Lavrov"/"Sergei Lavrov" scores 92,
#: "Mike Pence"/"Mike Pompeo" 57. Set by hand on fixtures; ECB+ dev (bench/entities.py) has
#: few variants, so it is not fitted there.
FUZZY_THRESHOLD: Final = 90.0
FUZZY_SURNAME_THRESHOLD: Final = 80.0
#: The same for multi-word organisation names, stricter and longer ("Academy of Motion
#: Picture(s) Arts and Sciences"; "Bank of Canada"/"Bank of Ghana" stay apart).
FUZZY_ORGANISATION_THRESHOLD: Final = 94.0
FUZZY_ORGANISATION_MIN_LENGTH: Final = 16
#: A one-word name joins the most mentioned longer name ending with it when that one has this
#: many times the mentions of the other candidates together ("Jackson" -> "Vincent Jackson",
#: not a headline's "WR Jackson"). Set on ECB+ dev.
SURNAME_DOMINANCE: Final = 4
#: Names shorter than this are never merged by spelling (short names differ by one letter).
FUZZY_MIN_LENGTH: Final = 8
#: Two roles claimed further apart than this (by publication date) are a change of job, not a
#: contradiction (Pompeo went from CIA director to Secretary of State in a year).
CONTRADICTION_DAYS: Final = 90
_KIND_PRIORITY: Final[tuple[EntityKind, ...]] = (
    "person",
    "organisation",
    "country",
    "place",
    "group",
    "other",
)


@dataclass(frozen=True)
class RoleClaim:
    """A role one article gives an entity, with the mention that carries it."""

    role: str
    article_id: str
    date: date | None
    evidence: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """One real-world entity across the corpus, under all its names."""

    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...]
    mention_count: int
    article_ids: tuple[str, ...]
    roles: tuple[RoleClaim, ...] = ()


@dataclass(frozen=True)
class Contradiction:
    """Two roles of one person that sources give at the same time and that cannot both hold."""

    entity_id: str
    person: str
    role_a: str
    article_ids_a: tuple[str, ...]
    role_b: str
    article_ids_b: tuple[str, ...]


@dataclass(frozen=True)
class EntityCatalogue:
    """All entities of a corpus, how each article's mentions map to them, and contradictions."""

    entities: tuple[Entity, ...]
    lookup: Mapping[tuple[str, str], str]
    contradictions: tuple[Contradiction, ...] = ()
    by_id: Mapping[str, Entity] = field(default_factory=dict)

    def entity(self, article_id: str, canonical: str) -> Entity | None:
        """The entity an article's mention (by its ``canonical``) belongs to."""
        entity_id = self.lookup.get((article_id, canonical))
        return None if entity_id is None else self.by_id.get(entity_id)


def entity_id(kind: str, name: str) -> str:
    """Stable id of an entity: a hash of its kind and name."""
    return hashlib.blake2b(f"{kind}\0{name}".encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class EntityCorrections:
    """A user's corrections of the automatic merging (``store.overrides``), by name.

    ``joined`` pairs (a name, another name) that are one entity, whatever the rules say;
    ``split`` canonical names (an article's resolved name for a mention) whose mentions form an
    entity of their own, which no rule joins to another (a correction can still join it).
    """

    joined: tuple[tuple[str, str], ...] = ()
    split: tuple[str, ...] = ()


_SPLIT = "split:"
"""The group key prefix of a name a user split out (no rule joins it)."""


class _Groups:
    """Union-find over group keys; ``pinned`` keys are never joined by a rule."""

    def __init__(self, keys: Sequence[str], pinned: frozenset[str] = frozenset()) -> None:
        self.parent = {k: k for k in keys}
        self.pinned = pinned

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str, *, by_hand: bool = False) -> None:
        if not by_hand and (a in self.pinned or b in self.pinned):
            return
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _key(mention: EntityMention) -> str:
    """The group a mention starts in: its folded canonical name, table names apart."""
    name = fold(strip_honorifics(mention.canonical))
    if mention.kind == "country" and country_name(mention.canonical) is not None:
        return "country:" + name
    if mention.kind == "organisation" and organisation_name(mention.canonical) is not None:
        return "organisation:" + name
    return name


def _kind(kinds: Counter[EntityKind]) -> EntityKind:
    """The most common kind, "other" only when nothing else was seen; ties to persons."""
    if any(k != "other" for k in kinds):
        kinds = Counter({k: n for k, n in kinds.items() if k != "other"})
    return max(kinds, key=lambda k: (kinds[k], -_KIND_PRIORITY.index(k)))


def _words(name: str) -> list[str]:
    return name.casefold().replace(".", "").split()


def _join_middle_names(
    groups: _Groups, names: Mapping[str, str], kinds: Mapping[str, EntityKind]
) -> None:
    """ "Raj Chohan" joins "Raj K. Chohan" when that is the only longer form of the name."""
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, name in names.items():
        words = _words(name)
        if kinds[key] == "person" and len(words) > 1:
            by_ends[(words[0], words[-1])].append(key)
    for keys in by_ends.values():
        short = [k for k in keys if len(_words(names[k])) == 2]
        longer = [k for k in keys if len(_words(names[k])) > 2]
        if len(longer) == 1:
            for key in short:
                groups.union(key, longer[0])


def _join_last_words(
    groups: _Groups,
    names: Mapping[str, str],
    kinds: Mapping[str, EntityKind],
    counts: Mapping[str, int],
) -> None:
    """A one-word person or organisation ("Putin", "Chargers") joins the multi-word one ending
    with that word ("Vladimir Putin", "San Diego Chargers") when there is only one, or when one
    has ``SURNAME_DOMINANCE`` times the mentions of all the others together."""
    for kind, single_kinds in (("person", {"person"}), ("organisation", {"organisation", "other"})):
        by_last: dict[str, list[str]] = defaultdict(list)
        for key in names:
            words = _words(names[key])
            if kinds[key] == kind and len(words) > 1 and not key.startswith(kind + ":"):
                for last in surname_keys(names[key]):
                    by_last[last].append(key)
        for key in names:
            words = _words(names[key])
            if kinds[key] not in single_kinds or len(words) != 1 or ":" in key:
                continue
            if kind == "organisation" and words[0] in ORGANISATION_WORDS:
                continue
            roots: Counter[str] = Counter()
            for candidate in by_last.get(words[0], []):
                roots[groups.find(candidate)] += counts[candidate]
            ranked = roots.most_common()
            if not ranked:
                continue
            rest = sum(n for _, n in ranked[1:])
            if len(ranked) == 1 or ranked[0][1] >= SURNAME_DOMINANCE * rest:
                groups.union(key, ranked[0][0])


def _join_spellings(
    groups: _Groups, names: Mapping[str, str], kinds: Mapping[str, EntityKind]
) -> None:
    """Spelling variants: "Sergey"/"Sergei Lavrov"; long organisation names one letter apart."""
    for kind, threshold, min_length in (
        ("person", FUZZY_THRESHOLD, FUZZY_MIN_LENGTH),
        ("organisation", FUZZY_ORGANISATION_THRESHOLD, FUZZY_ORGANISATION_MIN_LENGTH),
    ):
        keys = sorted(
            k
            for k in names
            if kinds[k] == kind and len(_words(names[k])) > 1 and len(k) >= min_length
        )
        by_initial: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            by_initial[key.split()[-1][:1]].append(key)
        for block in by_initial.values():
            for a, b in _similar_pairs(block, threshold):
                last_a, last_b = a.split()[-1], b.split()[-1]
                if kind != "person" or fuzz.ratio(last_a, last_b) >= FUZZY_SURNAME_THRESHOLD:
                    groups.union(a, b)


PAIR_ROWS = 512
"""Rows of the ratio matrix scored at once: a block of 15,000 names costs 60 MB, not 1.8 GB."""


def _similar_pairs(names: Sequence[str], threshold: float) -> Iterator[tuple[str, str]]:
    """Each pair (earlier, later) of names whose ``fuzz.ratio`` is at least ``threshold``,
    scored by rapidfuzz's ``cdist`` in C (the same scores; a Python loop over the pairs took
    2.2 s on Timeline17's names)."""
    for start in range(0, len(names), PAIR_ROWS):
        rows = names[start : start + PAIR_ROWS]
        ratios = process.cdist(
            rows, names, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.float64
        )
        for i, j in zip(*np.nonzero(ratios >= threshold), strict=True):
            if start + int(i) < int(j):
                yield rows[int(i)], names[int(j)]


def _display_name(kind: EntityKind, counts: Counter[str]) -> str:
    """The name an entity is listed under: its table name, else its most used longest name."""
    for name in counts:
        table = country_name(name) if kind == "country" else organisation_name(name)
        if kind in {"country", "organisation"} and table is not None:
            return table
    return max(counts, key=lambda n: (len(n.split()) > 1, counts[n], len(n), n))


def _at_once(claims_a: Sequence[RoleClaim], claims_b: Sequence[RoleClaim]) -> bool:
    """Whether two roles are claimed close enough in time to be a conflict, not a career move
    (an undated claim is taken as close)."""
    return any(
        a.date is None or b.date is None or abs((a.date - b.date).days) <= CONTRADICTION_DAYS
        for a in claims_a
        for b in claims_b
    )


def _contradictions(entity: Entity) -> list[Contradiction]:
    by_role: dict[str, list[RoleClaim]] = defaultdict(list)
    for claim in entity.roles:
        by_role[normalise_role(claim.role)].append(claim)
    roles = sorted(r for r in by_role if r)
    found = []
    for i, a in enumerate(roles):
        for b in roles[i + 1 :]:
            role_a, role_b = by_role[a][0].role, by_role[b][0].role
            if roles_conflict(role_a, role_b) and _at_once(by_role[a], by_role[b]):
                found.append(
                    Contradiction(
                        entity.id,
                        entity.name,
                        role_a,
                        tuple(sorted({c.article_id for c in by_role[a]})),
                        role_b,
                        tuple(sorted({c.article_id for c in by_role[b]})),
                    )
                )
    return found


MentionSource = Callable[[], Iterable[tuple[str, Sequence[EntityMention]]]]
"""Every article's mentions, as (article id, mentions) in a fixed order, read again at each
call: ``merge_mentions`` calls it twice and needs the same mentions in the same order both
times (``store.analysis.iter_mentions`` inside one read snapshot, or a mapping's ``items``)."""


class _Found:
    """What one group's mentions add up to, in the order the corpus gives them: the tallies
    its entity is named and kinded from (first seen first, as ``_display_name`` reads them),
    its surface forms, each (article, canonical) it holds once an article, its role claims."""

    __slots__ = ("articles", "canonicals", "claims", "kinds", "names", "texts")

    def __init__(self) -> None:
        self.names: Counter[str] = Counter()
        self.kinds: Counter[EntityKind] = Counter()
        self.texts: set[str] = set()
        self.articles: list[str] = []
        self.canonicals: list[str] = []
        self.claims: list[RoleClaim] = []


def merge_entities(
    mentions: Mapping[str, Sequence[EntityMention]],
    published: Mapping[str, date | None] | None = None,
    corrections: EntityCorrections | None = None,
) -> EntityCatalogue:
    """Merge every article's mentions into corpus-wide entities.

    Args:
        mentions: article id -> that article's mentions (``extract_mentions``).
        published: article id -> publication date, kept on role claims (optional).
        corrections: a user's joins and splits, applied over the rules (optional).

    Returns:
        The catalogue: entities sorted by mention count then name, the (article id, mention
        canonical) -> entity id lookup, and the role contradictions.
    """
    return merge_mentions(mentions.items, published, corrections)


def merge_mentions(
    read: MentionSource,
    published: Mapping[str, date | None] | None = None,
    corrections: EntityCorrections | None = None,
) -> EntityCatalogue:
    """``merge_entities`` over mentions read twice instead of held (``MentionSource``).

    A store's mentions are most of what a merge would hold: 350,000 mention objects at 4,616
    Timeline17 articles, and an (article, mention) pair for each again while they were
    grouped (issue 14 item 4). The joins work on names, so the first reading keeps per group
    key only its tallies (names, kinds), the rules join the keys, and the second reading adds
    each mention to its joined group's tallies as it comes; what is held per mention is only
    what the catalogue keeps anyway (an (article, canonical) once per article, role claims).
    Each group's tallies fill in the order its mentions come, so the entities, their names,
    the lookup and the contradictions are those of grouping every mention at once.
    """
    published = published or {}
    corrections = corrections or EntityCorrections()
    split = frozenset(corrections.split)

    keys: dict[tuple[str, str], str] = {}
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[EntityKind]] = defaultdict(Counter)
    by_name: dict[str, str] = {}
    for _, article_mentions in read():
        for m in article_mentions:
            # a key depends only on the name and its kind: worked out once per pair (a corpus
            # of 4,616 articles holds 350,000 mentions of far fewer names)
            key = keys.get((m.canonical, m.kind))
            if key is None:
                key = _SPLIT + m.canonical if m.canonical in split else _key(m)
                keys[(m.canonical, m.kind)] = key
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
    root_of = {pair: groups.find(key) for pair, key in keys.items()}
    del keys, names, kinds, by_name, key_kind, key_name, key_count, groups
    return _entities_of(_tally(read, root_of, published))


def _tally(
    read: MentionSource,
    root_of: Mapping[tuple[str, str], str],
    published: Mapping[str, date | None],
) -> dict[str, _Found]:
    """The second reading: each mention added to its joined group (groups first seen first)."""
    found: dict[str, _Found] = {}
    for article_id, article_mentions in read():
        day = published.get(article_id)
        listed: dict[str, str] = {}  # canonical -> the group this article last listed it in
        for m in article_mentions:
            root = root_of.get((m.canonical, m.kind))
            if root is None:
                raise ValueError(
                    f"article {article_id!r}: mention {m.canonical!r} ({m.kind}) was not in the"
                    " first reading (the mentions must be read the same both times)"
                )
            group = found.get(root)
            if group is None:
                group = found[root] = _Found()
            group.names[m.canonical] += 1
            group.kinds[m.kind] += 1
            group.texts.add(m.text)
            if listed.get(m.canonical) != root:
                # a repeat of the pair would only set the same lookup entry again
                listed[m.canonical] = root
                group.articles.append(article_id)
                group.canonicals.append(m.canonical)
            if m.role:
                group.claims.append(RoleClaim(m.role, article_id, day, m.text, m.start, m.end))
    return found


def _entities_of(found: dict[str, _Found]) -> EntityCatalogue:
    """The entities of the tallied groups, in the order their first mentions came."""
    entities = []
    lookup: dict[tuple[str, str], str] = {}
    for group in found.values():
        kind = _kind(group.kinds)
        name = _display_name(kind, group.names)
        ident = entity_id(kind, name)
        entities.append(
            Entity(
                ident,
                name,
                kind,
                tuple(sorted(group.texts.union(group.names))),
                group.names.total(),
                tuple(sorted(set(group.articles))),
                tuple(group.claims),
            )
        )
        for article_id, canonical in zip(group.articles, group.canonicals, strict=True):
            lookup[(article_id, canonical)] = ident
        group.articles, group.canonicals, group.claims = [], [], []
    found.clear()
    entities.sort(key=lambda e: (-e.mention_count, e.name, e.id))
    contradictions = tuple(c for e in entities if e.kind == "person" for c in _contradictions(e))
    return EntityCatalogue(tuple(entities), lookup, contradictions, {e.id: e for e in entities})


def find_entity(catalogue: EntityCatalogue, name: str) -> Entity | None:
    """The entity a user means by ``name``: any alias, case-insensitive, honorifics ignored.

    Tries, in order: the entity's name or an alias; the name through the country and
    organisation tables ("America" -> United States); a surname that only one person carries.
    The entity with the most mentions wins when several match.
    """
    query = fold(strip_honorifics(name.strip()))
    if not query:
        return None
    table_name = country_name(name.strip()) or organisation_name(name.strip())
    query_names = {query} if table_name is None else {query, fold(table_name)}
    exact = [
        e
        for e in catalogue.entities
        if fold(e.name) in query_names or any(fold(a) in query_names for a in e.aliases)
    ]
    if exact:
        return exact[0]
    surname = [
        e
        for e in catalogue.entities
        if e.kind == "person" and any(fold(a).split()[-1] == query for a in (e.name, *e.aliases))
    ]
    return surname[0] if len(surname) == 1 else None
