"""A seeded, quote-dense article with its entity mentions, for the scaling test and
``bench/quotes_scaling.py`` (issue 13, item 3).

News paragraphs in which nearly every sentence quotes someone: re-opened multi-paragraph
quotes, pronoun and title speakers, reported speech and scare quotes, over a cast that grows
with the text. The mentions are written with the text, at exact offsets, so the quote rules are
measured alone (no NER). All names are fictional.
"""

from __future__ import annotations

import random

from dateline.model import EntityKind, EntityMention

_FIRST = (
    "Marta Anna Olga Helen Agnes Elsa Rachel Ines Daniel Ivan Pavel Tomas Karl Lukas Erik "
    "Milan Petra Zofia Nadia Oskar Viktor Lena Sara Mikael"
).split()
_LAST = (
    "Ilvesk Varga Okoro Holm Morrow Brandt Reinholt Lutz Fortis Kovac Tamm Berg Lind Novak "
    "Sorensen Halvorsen Dimitrov Marek Ostrov Keller Vance Moreau Petrak Zeller"
).split()
_SUFFIXES = ("", "sen", "ova", "ic", "berg", "ström", "ard", "elli", "ak", "ez")
_ROLES = (
    "foreign minister",
    "energy minister",
    "spokeswoman",
    "spokesman",
    "mayor",
    "chief executive",
    "police chief",
    "senator",
)
_ORGS = ("Northgate Water Authority", "Veloria Grain Board", "Karsk Power Company", "Tessel Bank")
_COUNTRIES = ("Veloria", "Ostrana", "Reyl", "Mirelbrug")
_SAYINGS = (
    "We are not here to waste anyone's time",
    "Every day without an agreement costs lives",
    "The numbers simply do not add up and everyone in this room knows it",
    "We will keep the spillway open until the engineers tell us it is safe",
    "Nobody has asked us what we think",
    "This is the best deal we could have hoped for",
    "The talks will resume on Friday if the other side turns up",
    "I have never seen anything like it in thirty years",
)
_CLAUSES = (
    "the talks would resume after the holiday",
    "a draft would be ready by Friday",
    "the dam had been inspected twice in March",
    "prices were falling faster than expected",
    "the government had lost control of the border",
)


class _Writer:
    """Text with the mentions written into it, at exact offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.mentions: list[EntityMention] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def name(self, surface: str, kind: EntityKind, canonical: str, role: str | None = None) -> None:
        self.mentions.append(
            EntityMention(self.length, self.length + len(surface), surface, kind, canonical, role)
        )
        self.add(surface)

    def text(self) -> str:
        return "".join(self.parts)


def quote_dense(size: int, seed: int = 13) -> tuple[str, list[EntityMention]]:
    """A seeded quote-dense article of about ``size`` characters and its entity mentions."""
    rng = random.Random(seed)
    out = _Writer()
    cast: list[tuple[str, str]] = []  # (full name, role)
    while out.length < size:
        if not cast or rng.random() < 0.15:
            full = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}{rng.choice(_SUFFIXES)}"
            cast.append((full, rng.choice(_ROLES)))
        full, role = rng.choice(cast[-6:])
        surname = full.split()[-1]
        org, country = rng.choice(_ORGS), rng.choice(_COUNTRIES)
        saying, clause = rng.choice(_SAYINGS), rng.choice(_CLAUSES)
        shape = rng.randrange(9)
        if shape == 0:
            out.add(f'"{saying}," ')
            out.name(full, "person", full)
            out.add(" said. ")
        elif shape == 1:
            out.add(f'"{saying}," said {role.title()} ')
            out.name(full, "person", full, role)
            out.add(". ")
        elif shape == 2:
            out.name(full, "person", full)
            out.add(f", a {role} for the ")
            out.name(org, "organisation", org)
            out.add(f', said: "{saying}." ')
        elif shape == 3:
            out.add(f'"{saying}," {rng.choice(("he", "she"))} added. "{saying}." ')
        elif shape == 4:
            out.add(f'The {role} said that {clause}. "{saying}," the {role} said. ')
        elif shape == 5:
            out.add("According to ")
            out.name(org, "organisation", org)
            out.add(f', {clause}. It said the so-called "{rng.choice(_LAST)} plan" was dead. ')
        elif shape == 6:
            out.add(f'"{saying}.\n"{saying}," ')
            out.name(surname, "person", full)
            out.add(" told reporters in ")
            out.name(country, "country", country)
            out.add(". ")
        elif shape == 7:
            out.name(surname, "person", full)
            out.add(f' said {clause}, calling it "{saying.lower()}". ')
        else:
            out.add(f"{clause.capitalize()}, ")
            out.name(surname, "person", full)
            out.add(" said. ")
        if rng.random() < 0.3:
            out.add("\n")
    return out.text(), out.mentions


def _joined(pieces: list[str | tuple[str, EntityKind]]) -> tuple[str, list[EntityMention]]:
    """Text from plain pieces and (name, kind) pieces, the names as mentions."""
    out = _Writer()
    for piece in pieces:
        if isinstance(piece, tuple):
            out.name(piece[0], piece[1], piece[0])
        else:
            out.add(piece)
    return out.text(), out.mentions


def hostile(shape: str, size: int) -> tuple[str, list[EntityMention]]:
    """About ``size`` characters of text shaped to make quote finding slow, and its mentions.

    ``run-on``: one "sentence" without punctuation, a speech cue every few words (each cue's
    clause runs to the sentence's end). ``paragraphs``: a quote, thousands of paragraphs, then
    'He said:' and a quote on its own line. ``ministers``: hundreds of people holding a title,
    each followed by "the minister said". ``honorifics``: hundreds of distinct surnames, each
    after "Ms". ``relative``: "According to X, who, who, ..." clauses.
    """
    pieces: list[str | tuple[str, EntityKind]] = []
    number = 0
    length = 0
    while length < size:
        if shape == "run-on":
            unit: list[str | tuple[str, EntityKind]] = [
                ("Anna Berg", "person"),
                " said the talks would go on and ",
                ("Tessel Bank", "organisation"),
                " told reporters that prices rose and ",
            ]
        elif shape == "paragraphs":
            unit = ['"We start," she said.\n'] if number == 0 else ["The hall was quiet\n"]
        elif shape == "ministers":
            unit = [
                (f"Olga Vek{number}", "person"),
                ", the foreign minister, spoke. ",
                '"We go on," the energy minister said. ',
            ]
        elif shape == "honorifics":
            unit = [
                (f"Anna Be{number}rg", "person"),
                f" met Ms Be{number}rg. ",
                '"We will go on with this," she said. ',
            ]
        elif shape == "relative":
            unit = ["According to ", ("Tessel Bank", "organisation"), ", who" * 3, " and "]
        else:
            raise ValueError(shape)
        pieces.extend(unit)
        length += sum(len(p if isinstance(p, str) else p[0]) for p in unit)
        number += 1
    if shape == "paragraphs":
        pieces.append('He said:\n"It is over now."\n')
    return _joined(pieces)


HOSTILE_SHAPES = ("run-on", "paragraphs", "ministers", "honorifics", "relative")
