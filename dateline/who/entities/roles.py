"""Roles from titles and appositions, and the normal form that decides when two roles conflict.

News names a person's job in three places: a title written before the name ("Secretary of State
Rex Tillerson", "Russia's Deputy Representative to the UN Vladimir Safronkov"), an apposition
after it ("Lavrov, Russia's foreign minister, said") and, opening a sentence, one before it ("A
spokesman for the league, Ian Carrow, said"). A job followed by its employer ("a spokeswoman
for the Port Aldane police") is the job alone. This is the one reader of roles: the quote
finder resolves "the spokeswoman" with the roles read here. Both are found by rules over
spaCy's tokens, not its parser (the parser would double the stage's cost): a phrase counts as a
role only when every lower-case word in it is a known role word or connector and it holds a role
head ("minister", "secretary", "representative", ...; ``dateline.vocab.entities``).

:func:`normalise_role` drops what names the employer rather than the job (countries, demonyms,
possessives, "the"), maps synonyms, and lower-cases, so "US Secretary of State" and "Secretary
of State" agree while "Prime Minister" and "Secretary of State" do not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import Any, Final

from dateline.vocab.entities import (
    CLAUSE_WORDS,
    COUNTRIES,
    COUNTRY_ALIASES,
    DEMONYMS,
    HONORIFICS,
    ROLE_CONNECTORS,
    ROLE_DETERMINERS,
    ROLE_GENERIC,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    ROLE_PAST,
    ROLE_QUALIFIERS,
    ROLE_SYNONYMS,
)

#: Longest title or apposition read, in tokens.
MAX_ROLE_TOKENS: Final = 10
#: An apposition this short may hold any lower-case word ("the council president") if it
#: ends with a role head and holds no clause word; a longer one only role words.
MAX_APPOSITION_FREE: Final = 5
POSSESSIVES: Final = frozenset({"'s", "’s", "'", "’"})
_APPOSITION_END: Final = frozenset({",", ".", ";", ")", "—", "–", "-", ":"})
_EMPLOYER_PREPOSITIONS: Final = frozenset({"for", "at", "with"})
"""What joins a job to its employer ("spokeswoman for the police", "analyst at the bank")."""
_SENTENCE_ENDS: Final = frozenset({".", "!", "?", ";", ":", '"', "“", "”"})

Token = Any  # a spaCy Token (spaCy ships no type information)


def _role_word(token: Token) -> bool:
    lower = token.text.lower()
    return lower in ROLE_HEADS or lower in ROLE_MODIFIERS


def _allowed(token: Token) -> bool:
    """May this token sit inside a role phrase?"""
    text = token.text
    if text == "-" and token.i > 0 and not token.doc[token.i - 1].whitespace_:
        return not token.whitespace_  # "Secretary-General", tokenised in three
    if text in POSSESSIVES or text.lower() in ROLE_CONNECTORS or _role_word(token):
        return True
    return bool(text[:1].isupper()) and any(c.isalpha() for c in text)


def _has_head(tokens: Sequence[Token]) -> bool:
    return any(t.text.lower() in ROLE_HEADS for t in tokens)


def _span_text(tokens: Sequence[Token]) -> str:
    first, last = tokens[0], tokens[-1]
    return str(first.doc[first.i : last.i + 1].text)


def title_before(
    doc: Any,
    start: int,
    in_entity: Callable[[int], bool],
    stop: Callable[[int], bool],
) -> tuple[int, str] | None:
    """The title written just before token ``start`` as (first token index, text), if any.

    Args:
        doc: the spaCy Doc.
        start: index of the name's first token.
        in_entity: whether a token belongs to a non-person entity (such may open a title:
            "Russia's ...", "San Diego Chargers wide receiver ...").
        stop: whether a token ends the backward scan (another person's name).
    """
    while start > 0 and doc[start - 1].text.lower().rstrip(".") in HONORIFICS:
        start -= 1  # "Director-General Dr. Margaret Chan": the title is before "Dr."
    i = start - 1
    while i >= 0 and start - i <= MAX_ROLE_TOKENS and not stop(i) and _allowed(doc[i]):
        glued = doc[i].whitespace_ == "" and i + 1 < start
        if (
            glued
            and doc[i + 1].text not in POSSESSIVES
            and "-" not in (doc[i].text, doc[i + 1].text)
        ):
            break  # "word-Name" glued tokens are not a title
        i -= 1
    tokens = list(doc[i + 1 : start])
    # trim from the left until a token that can open a role: a role word or an entity
    # ("On Tuesday Secretary of State ..." -> "Secretary of State")
    offset = i + 1
    while tokens and not (_role_word(tokens[0]) or in_entity(offset)):
        tokens.pop(0)
        offset += 1
    if tokens and tokens[-1].text.lower() in ROLE_CONNECTORS | POSSESSIVES:
        return None  # "Minister of Russia": the name is the object, not the holder
    if not tokens or not _has_head(tokens):
        return None
    return offset, _span_text(tokens)


def apposition_after(doc: Any, end: int) -> tuple[int, str] | None:
    """The apposition after a name ending before token ``end`` ("Lavrov, the foreign
    minister,") as (index after its last token, text), if any."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    tokens: list[Token] = []
    j = end + 1
    while j < len(doc) and len(tokens) <= MAX_ROLE_TOKENS and doc[j].text not in _APPOSITION_END:
        tokens.append(doc[j])
        j += 1
    if j >= len(doc) or len(tokens) > MAX_ROLE_TOKENS:
        return None  # an apposition is closed by punctuation
    role = _apposition_role(tokens)
    return None if role is None else (j, role)


def apposition_before(doc: Any, start: int, end: int) -> tuple[int, str] | None:
    """The apposition opening the sentence before a name at tokens ``start``..``end`` and
    closed by a comma after it ("A spokesman for the league, Ian Carrow, said") as (index of
    its first token, text), if any."""
    if start < 2 or doc[start - 1].text != "," or end >= len(doc) or doc[end].text != ",":
        return None
    i = start - 2
    while i >= 0 and start - 1 - i <= MAX_ROLE_TOKENS + 1 and not _opens_sentence(doc, i):
        i -= 1
    if i < 0 or doc[i].text.lower() not in ROLE_DETERMINERS:
        return None  # "A spokesman ...", "The company's chief executive ...": not a clause
    role = _apposition_role(list(doc[i : start - 1]))
    return None if role is None else (i, role)


def _opens_sentence(doc: Any, i: int) -> bool:
    """Whether token ``i`` is the first of its sentence (by the punctuation or line before it)."""
    if i == 0:
        return True
    before = doc[i - 1]
    return before.text in _SENTENCE_ENDS or "\n" in before.text or "\n" in before.whitespace_


def _apposition_role(tokens: list[Token]) -> str | None:
    """The role an apposition's tokens state, or None: the whole phrase when it is a role, else
    the job before its employer ("spokeswoman" in "a spokeswoman for the Port Aldane police")."""
    role = _role_phrase(tokens)
    if role is not None:
        return role
    for k in range(1, len(tokens) - 1):
        if (
            tokens[k].text.lower() in _EMPLOYER_PREPOSITIONS
            and tokens[k - 1].text.lower() in ROLE_HEADS
            and tokens[k + 1].text.lower() in ROLE_DETERMINERS  # "for the police", not a portfolio
        ):
            return _role_phrase(tokens[:k])
    return None


def _role_phrase(tokens: list[Token]) -> str | None:
    """The text of an apposition that is a role ("the foreign minister"), else None."""
    while tokens and tokens[0].text.lower() in ROLE_DETERMINERS:
        tokens = tokens[1:]
    if not tokens or not _has_head(tokens):
        return None
    free = len(tokens) <= MAX_APPOSITION_FREE
    if any(t.text.lower() in CLAUSE_WORDS for t in tokens) or (
        not free and not all(_allowed(t) for t in tokens)
    ):
        return None  # a clause, or a long phrase not made of role words
    if tokens[-1].text.lower() not in ROLE_HEADS:
        return None  # "Lavrov, the minister of Russia" reads fine; "..., Russia's" does not
    return _span_text(tokens)


@cache
def _employer_words() -> frozenset[str]:
    names = set(COUNTRIES) | set(COUNTRY_ALIASES) | set(DEMONYMS)
    for aliases in COUNTRY_ALIASES.values():
        names.update(aliases)
    return frozenset(n.lower() for n in names)


_WORD = re.compile(r"[\w.\-]+(?:['’]s)?|['’]s")


def is_past_role(role: str) -> bool:
    """Whether the role is a former one ("former envoy", "ex-president")."""
    words = role.lower().replace("ex-", "ex ").split()
    return any(w in ROLE_PAST for w in words)


_OTHER_PERSONS_TITLE = re.compile(r"\b(?:for|to)\s+((?:[A-Z][\w-]*\s*)+)$")
"""A role ending "... for Foreign Minister" names, last, the title of the person who follows
("spokeswoman for Foreign Minister Anna Kovac": Kovac is the minister, not the spokeswoman)."""


@cache
def _employer_phrases() -> tuple[re.Pattern[str], ...]:
    """One compiled pattern per employer name of several words, longest first (compiling them
    on every call cost 30 s of a 500-article document)."""
    names = sorted((n for n in _employer_words() if " " in n), key=len, reverse=True)
    return tuple(re.compile(rf"(?<!\w){re.escape(name)}(?:['’]s)?(?!\w)") for name in names)


_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=65536)
def normalise_role(role: str) -> str:
    """The comparable form of a role: employer words dropped, synonyms mapped, lower case.

    Words before the first role word are the employer ("Veldoria's", "Veldorian Republic's"),
    even when the country is not in the tables, so they are dropped too.
    """
    tail = _OTHER_PERSONS_TITLE.search(role)
    if tail and set(tail.group(1).lower().split()) & ROLE_HEADS:
        role = tail.group(1)
    text = role.lower()
    for phrase, replacement in ROLE_SYNONYMS.items():
        if " " in phrase:
            text = text.replace(phrase, replacement)
    employers = _employer_words()
    for pattern in _employer_phrases():
        text = pattern.sub(" ", text)
    words = []
    for word in _WORD.findall(text):
        base = _POSSESSIVE.sub("", word).strip(".")
        if not base or base in employers or word in employers or base in ROLE_QUALIFIERS:
            continue
        words.append(ROLE_SYNONYMS.get(base, base))
    while words and words[0] not in ROLE_HEADS and words[0] not in ROLE_MODIFIERS:
        words.pop(0)
    while words and words[-1] in ROLE_CONNECTORS:
        words.pop()
    while words and words[0] in ROLE_CONNECTORS:
        words.pop(0)
    return " ".join(words)


def roles_conflict(a: str, b: str) -> bool:
    """Whether two roles held at once by one person contradict each other.

    Former roles never conflict, nor does a generic one ("leader"); otherwise two normalised
    roles agree when the words of one are all in the other ("foreign minister" and "minister"),
    and conflict when they do not.
    """
    if is_past_role(a) or is_past_role(b):
        return False
    na, nb = normalise_role(a), normalise_role(b)
    if not na or not nb or na == nb:
        return False
    wa, wb = set(na.split()) - ROLE_GENERIC, set(nb.split()) - ROLE_GENERIC
    if not wa & ROLE_HEADS or not wb & ROLE_HEADS:
        return False  # "leader", "party leader" fit any office
    return not (wa <= wb or wb <= wa)
