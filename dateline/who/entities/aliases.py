"""Name normalisation and the alias tables as lookups: one place decides what counts as one name.

Both the per-article rules and the corpus-wide merge call these, so "the U.S." read in an
article and "America" typed by a user reach the same country, and "Sir. Putin" and "Mr Putin"
the same person.
"""

from __future__ import annotations

from functools import cache

from dateline.vocab.entities import (
    COUNTRIES,
    COUNTRY_ALIASES,
    HONORIFICS,
    ORGANISATION_ALIASES,
    SURNAME_PARTICLES,
)


def fold(name: str) -> str:
    """The lookup key of a name: case-folded, spaces collapsed, a leading "the" dropped."""
    words = name.replace("’", "'").casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def strip_honorifics(name: str) -> str:
    """``name`` without leading honorifics ("Sir. Putin" -> "Putin", "Mr Lavrov" -> "Lavrov")."""
    words = name.split()
    while len(words) > 1 and (words[0].lower().rstrip(".") in HONORIFICS or words[0] == "."):
        words = words[1:]
    return " ".join(words)


def surname_keys(name: str) -> set[str]:
    """The lower-case forms a surname-only mention of ``name`` may take: its last word, and
    that word without an Arabic article ("Bashar al-Assad" -> "al-assad", "assad")."""
    words = name.casefold().replace("’", "'").split()
    if not words:
        return set()
    last = words[-1].rstrip(".")
    keys = {last}
    for particle in SURNAME_PARTICLES:
        if last.startswith(particle) and len(last) > len(particle) + 2:
            keys.add(last[len(particle) :])
    return keys


def _table(
    canonical_aliases: dict[str, tuple[str, ...]], plain: tuple[str, ...] = ()
) -> dict[str, str]:
    table = {fold(name): name for name in plain}
    for canonical, aliases in canonical_aliases.items():
        table[fold(canonical)] = canonical
        for alias in aliases:
            table[fold(alias)] = canonical
    return table


@cache
def _countries() -> dict[str, str]:
    return _table(COUNTRY_ALIASES, COUNTRIES)


@cache
def _organisations() -> dict[str, str]:
    return _table(ORGANISATION_ALIASES)


def country_name(name: str) -> str | None:
    """The canonical country a name denotes ("U.S." -> "United States"), or None.

    Short all-capital aliases ("US", "UK") match only as written, so "us" is not a country.
    """
    key = fold(name)
    found = _countries().get(key)
    if found is not None and len(key) <= 3 and name.strip() != name.strip().upper():
        return None
    return found


def organisation_name(name: str) -> str | None:
    """The canonical organisation a name denotes ("U.N." -> "United Nations"), or None."""
    key = fold(name)
    found = _organisations().get(key)
    if found is not None and len(key) <= 4 and name.strip() != name.strip().upper():
        return None  # "who" is not the World Health Organization
    return found
