"""Corpus-wide merging, contradictions and ``find_entity``, on hand-made mentions (no spaCy)."""

from __future__ import annotations

from datetime import date

import pytest
from rapidfuzz import fuzz

from dateline.model import EntityKind, EntityMention
from dateline.who.entities import entity_id, find_entity, merge, merge_entities
from dateline.who.entities.roles import normalise_role, roles_conflict


def mention(
    text: str, kind: EntityKind = "person", canonical: str | None = None, role: str | None = None
) -> EntityMention:
    return EntityMention(0, len(text), text, kind, canonical or text, role)


CORPUS = {
    "a1": [
        mention("Vladimir Putin"),
        mention("Putin", canonical="Vladimir Putin"),
        mention("Russia", "country"),
    ],
    "a2": [
        mention("Putin"),  # surname only in this article: resolved across the corpus
        mention("Russian Federation", "country", "Russia"),
        mention("Sergey Lavrov", role="Foreign Minister"),
    ],
    "a3": [
        mention("Sergei Lavrov", role="Russia's foreign minister"),
        mention("U.S.", "country", "United States"),
        mention("America", "country", "United States"),
        mention("Mike Pompeo", role="US Prime Minister"),
    ],
    "a4": [
        mention("Mike Pompeo", role="Secretary of State"),
        mention("Pompeo", role="US Secretary of State"),
        mention("Paul Kessler"),
        mention("Anna Kessler"),
        mention("Kessler"),
    ],
}


def test_aliases_become_one_entity_each() -> None:
    catalogue = merge_entities(CORPUS)
    putin = catalogue.entity("a2", "Putin")
    assert putin is not None
    assert putin.name == "Vladimir Putin"
    assert putin.mention_count == 3
    assert putin.article_ids == ("a1", "a2")
    assert catalogue.entity("a1", "Vladimir Putin") == putin
    russia = catalogue.entity("a2", "Russia")
    assert russia is not None and russia.kind == "country"
    assert set(russia.aliases) == {"Russia", "Russian Federation"}
    us = catalogue.entity("a3", "United States")
    assert us is not None and {"U.S.", "America"} <= set(us.aliases)
    assert us.mention_count == 2


def test_spelling_variants_merge_and_different_people_do_not() -> None:
    catalogue = merge_entities(CORPUS)
    lavrov = catalogue.entity("a2", "Sergey Lavrov")
    assert lavrov is not None and lavrov == catalogue.entity("a3", "Sergei Lavrov")
    assert catalogue.entity("a4", "Paul Kessler") != catalogue.entity("a4", "Anna Kessler")
    lone = catalogue.entity("a4", "Kessler")  # two Kesslers: the surname stays apart
    assert lone is not None and lone.name == "Kessler"


def test_ids_are_stable_hashes_of_kind_and_name() -> None:
    first = merge_entities(CORPUS)
    again = merge_entities(dict(reversed(CORPUS.items())))
    assert [e.id for e in first.entities] == [e.id for e in again.entities]
    putin = find_entity(first, "Putin")
    assert putin is not None and putin.id == entity_id("person", "Vladimir Putin")


def test_roles_are_kept_with_dates_and_conflicts_flagged() -> None:
    published = {"a3": date(2018, 5, 1), "a4": date(2018, 5, 2)}
    catalogue = merge_entities(CORPUS, published)
    pompeo = find_entity(catalogue, "Mike Pompeo")
    assert pompeo is not None
    assert {(c.role, c.article_id, c.date) for c in pompeo.roles} == {
        ("US Prime Minister", "a3", date(2018, 5, 1)),
        ("Secretary of State", "a4", date(2018, 5, 2)),
        ("US Secretary of State", "a4", date(2018, 5, 2)),
    }
    assert len(catalogue.contradictions) == 1
    conflict = catalogue.contradictions[0]
    assert conflict.person == "Mike Pompeo"
    sides = {(conflict.role_a, conflict.article_ids_a), (conflict.role_b, conflict.article_ids_b)}
    assert ("US Prime Minister", ("a3",)) in sides
    # Lavrov's "Foreign Minister" and "Russia's foreign minister" agree
    assert all(c.person != "Sergey Lavrov" for c in catalogue.contradictions)


def test_role_normalisation() -> None:
    assert normalise_role("US Secretary of State") == normalise_role("Secretary of State")
    assert normalise_role("Russia's Deputy Representative to the UN") == normalise_role(
        "deputy envoy to the United Nations"
    )
    assert roles_conflict("US Prime Minister", "Secretary of State")
    assert not roles_conflict("Foreign Minister", "minister")
    assert not roles_conflict("former Prime Minister", "Secretary of State")
    assert roles_conflict("Defence Minister", "Foreign Minister")


def test_find_entity_by_any_alias() -> None:
    catalogue = merge_entities(CORPUS)
    putin = catalogue.entity("a1", "Vladimir Putin")
    assert find_entity(catalogue, "vladimir putin") == putin
    assert find_entity(catalogue, "Sir. Putin") == putin
    assert find_entity(catalogue, "Mr Putin") == putin
    us = catalogue.entity("a3", "United States")
    assert find_entity(catalogue, "USA") == us  # through the country table
    assert find_entity(catalogue, "the united states") == us
    assert find_entity(catalogue, "Russian Federation") == catalogue.entity("a1", "Russia")
    assert find_entity(catalogue, "Lavrov") == catalogue.entity("a2", "Sergey Lavrov")
    assert find_entity(catalogue, "Nobody Atall") is None
    assert find_entity(catalogue, "  ") is None


def test_middle_names_short_forms_and_dominant_surnames() -> None:
    catalogue = merge_entities(
        {
            "b1": [mention("Ravi K. Menon"), mention("Coastal City Rovers", "organisation")],
            "b2": [mention("Ravi Menon"), mention("Rovers", "organisation")],
            "b3": [mention("Dana Voss")] * 5 + [mention("Headline Voss")],
            "b4": [mention("Voss")],
        }
    )
    assert catalogue.entity("b2", "Ravi Menon") == catalogue.entity("b1", "Ravi K. Menon")
    assert catalogue.entity("b2", "Rovers") == catalogue.entity("b1", "Coastal City Rovers")
    voss = catalogue.entity("b4", "Voss")
    assert voss is not None and voss.name == "Dana Voss"  # 5 mentions against 1
    assert catalogue.entity("b3", "Headline Voss") != voss


def test_career_moves_and_generic_roles_are_no_contradiction() -> None:
    corpus = {
        "c1": [mention("Ines Varga", role="Interior Minister")],
        "c2": [mention("Ines Varga", role="Prime Minister")],
        "c3": [mention("Ines Varga", role="party leader")],
    }
    apart = {"c1": date(2015, 1, 5), "c2": date(2019, 3, 1), "c3": date(2019, 3, 2)}
    assert merge_entities(corpus, apart).contradictions == ()
    close = {"c1": date(2019, 2, 20), "c2": date(2019, 3, 1), "c3": date(2019, 3, 2)}
    conflicts = merge_entities(corpus, close).contradictions
    assert [{c.role_a, c.role_b} for c in conflicts] == [{"Interior Minister", "Prime Minister"}]


def test_employers_outside_the_tables_and_other_persons_titles_do_not_contradict() -> None:
    """A fictional country's possessive or demonym is the employer, not part of the role; in
    "spokeswoman for Foreign Minister Anna Kovac" the named person is the minister."""
    minister = normalise_role("Foreign Minister")
    assert normalise_role("Veldoria's Foreign Minister") == minister
    assert normalise_role("Veldorian Republic's Foreign Minister") == minister
    assert normalise_role("spokeswoman for Foreign Minister") == minister
    assert not roles_conflict("Veldorian Foreign Minister", "spokeswoman for Foreign Minister")
    assert roles_conflict("Veldorian Foreign Minister", "Veldorian Prime Minister")


def test_similar_pairs_are_every_pair_at_or_over_the_threshold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    firsts, lasts = ("sergei", "sergey", "serge", "anna"), ("lavrov", "lavrow", "lavrova", "karsk")
    names = sorted(f"{first} {last}" for first in firsts for last in lasts)
    brute = {(a, b) for i, a in enumerate(names) for b in names[i + 1 :] if fuzz.ratio(a, b) >= 90}
    monkeypatch.setattr(merge, "PAIR_ROWS", 3)  # several row chunks, as a long block has
    assert set(merge._similar_pairs(names, 90)) == brute
    assert brute  # the fixture holds near spellings
