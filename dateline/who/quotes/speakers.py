"""Speaker references (mentions, pronouns, titles) and what they resolve to; roles and genders."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate

from dateline.model import EntityMention
from dateline.vocab import quotes as vocab
from dateline.who.quotes.context import Context, Ref, name_words
from dateline.who.quotes.patterns import (
    APPOSITION_END,
    CUE,
    GENDER_PRONOUN,
    HONORIFIC_BEFORE,
    MAX_TITLE_LOOKBACK,
    POSSESSIVE,
    PRONOUN,
    SPEAKER_KINDS,
    SURNAME_WINDOW,
    TITLE_NP,
    TOKEN,
)


def find_refs(context: Context, start: int, end: int) -> list[Ref]:
    """Mentions, pronouns and title noun phrases in text[start:end], in text order."""
    text = context.text
    refs = [
        Ref(m.start, m.end, m.text, "mention", m)
        for m in context.within(start, end)
        if m.kind in SPEAKER_KINDS
        and not context.inside_quote(m.start, m.end)
        and speaks_for_itself(text, m)
    ]
    taken_starts = [r.start for r in refs]  # in order: the mentions are
    reach = list(accumulate((r.end for r in refs), max))  # the furthest end so far

    def free(a: int, b: int) -> bool:
        """No mention ref overlaps [a, b) (of those starting before b, none ends after a)."""
        before = bisect_left(taken_starts, b)
        return (before == 0 or reach[before - 1] <= a) and not context.inside_quote(a, b)

    for match in PRONOUN.finditer(text, start, end):
        if free(match.start(), match.end()):
            refs.append(Ref(match.start(), match.end(), match.group(), "pronoun"))
    for match in TITLE_NP.finditer(text, start, end):
        if free(match.start("head"), match.end("head")):
            words = (*match.group("mods").split(), match.group("head").lower())
            determiner = match.group("det").lower()
            refs.append(
                Ref(match.start(), match.end(), match.group(), "title", None, determiner, words)
            )
    return sorted(refs, key=lambda r: r.start)


def speaks_for_itself(text: str, mention: EntityMention) -> bool:
    """False for a possessor ("Ostrana's opposition"), unless its spokesman speaks for it."""
    owned = POSSESSIVE.match(text, mention.end)
    return owned is None or owned.group(1) in vocab.PROXY_TITLES


def subject_refs(context: Context, start: int, end: int) -> list[Ref]:
    """Refs before a verb, leaving out a trailing apposition (", a spokeswoman for X,")."""
    refs = find_refs(context, start, end)
    apposition = APPOSITION_END.search(context.text, start, end)
    if apposition is not None:
        outside = [r for r in refs if r.end <= apposition.start()]
        if outside:
            return outside
    return refs


def choose_speaker(
    context: Context, refs: list[Ref], *, nearest_last: bool
) -> tuple[str | None, str | None]:
    """The best-ranked resolvable ref: a person, then a title, then an organisation."""
    ranked: list[tuple[int, int, str, str]] = []
    for order, ref in enumerate(refs):
        speaker, _ = resolve_ref(context, ref)
        if speaker is None:
            continue
        rank = _rank(context, ref)
        ranked.append((rank, -order if nearest_last else order, speaker, ref.text))
    if not ranked:
        return None, None
    best = min(ranked)
    return best[2], best[3]


def _rank(context: Context, ref: Ref) -> int:
    if ref.kind == "mention" and ref.mention is not None:
        return 0 if ref.mention.kind == "person" else 2
    if ref.kind == "pronoun":
        return 2 if ref.text.lower() == "it" else 0
    return 1


def resolve_ref(context: Context, ref: Ref) -> tuple[str | None, str | None]:
    """The canonical name a ref points at, and how the text named it."""
    if ref.mention is not None:
        return ref.mention.canonical, ref.mention.text
    if ref.kind == "pronoun":
        return _resolve_pronoun(context, ref), ref.text
    return _resolve_title(context, ref), ref.text


def _nearest(context: Context, kind: str, position: int) -> str | None:
    """The canonical name of the nearest mention of ``kind`` outside quotes ending by
    ``position``."""
    mention = next(context.earlier(kind).before(position), None)
    return None if mention is None else mention.canonical


def _resolve_pronoun(context: Context, ref: Ref) -> str | None:
    word = ref.text.lower()
    return _nearest(context, word if word in {"he", "she"} else "it", ref.start)


def _resolve_title(context: Context, ref: Ref) -> str | None:
    head = ref.words[-1]
    modifiers = ref.words[:-1]
    if head in vocab.PERSON_TITLES and ref.determiner in vocab.DEFINITE_DETERMINERS:
        # The earlier person holding the title whose roles share the most modifiers, the
        # nearest of those: read nearest first, a later one is replaced only by a better one.
        best: tuple[int, str] | None = None
        holders = context.earlier(f"title:{head}").before(ref.start)
        for _, mention in zip(range(MAX_TITLE_LOOKBACK), holders, strict=False):
            roles = context.roles.get(mention.canonical, set())
            score = sum(word in roles for word in modifiers)
            if best is None or score > best[0]:
                best = (score, mention.canonical)
                if score == len(modifiers):
                    break  # nothing can beat it
        if best is not None:
            return best[1]
    for word in (head, *reversed(modifiers)):
        if word in vocab.ORG_NOUNS:
            return _resolve_organisation(context, word, ref.start)
    return None


def _resolve_organisation(context: Context, noun: str, position: int) -> str | None:
    found = _nearest(context, f"org:{noun}", position)
    if found is None and noun in vocab.GENERIC_ORG_NOUNS:
        found = _nearest(context, "generic-org", position)
    if found is None and noun in vocab.COUNTRY_NOUNS:
        found = _nearest(context, "country", position)
    return found


def read_roles(mentions: Sequence[EntityMention]) -> dict[str, set[str]]:
    """Each canonical name's role words, from the roles the entity stage read at its mentions
    (titles and appositions: ``dateline.who.entities.roles``, the one reader of roles)."""
    roles: dict[str, set[str]] = {}
    for mention in mentions:
        words = roles.setdefault(mention.canonical, set())
        if mention.role:
            words.update(name_words(mention.role))
    return roles


def read_genders(context: Context) -> dict[str, str | None]:
    """'m', 'f' or None per person: honorifics and gendered roles first, then pronouns."""
    strong = _strong_genders(context)
    weak = _pronoun_genders(context)
    genders: dict[str, str | None] = {}
    for name in {m.canonical for m in context.mentions if m.kind == "person"}:
        votes = strong.get(name) or weak.get(name) or set()
        genders[name] = next(iter(votes)) if len(votes) == 1 else None
    return genders


def _strong_genders(context: Context) -> dict[str, set[str]]:
    """Genders told by an honorific before any mention, or by a gendered role word."""
    text = context.text
    found: dict[str, set[str]] = {}
    persons = [m for m in context.mentions if m.kind == "person"]
    for mention in persons:
        for word in (*_honorific_words(text, mention), *context.roles.get(mention.canonical, ())):
            gender = _gender_of_word(word)
            if gender:
                found.setdefault(mention.canonical, set()).add(gender)
    names = {m.canonical for m in persons}
    surnames = {name: name.split()[-1] if name.split() else "" for name in names}
    before = _words_before(text, set(surnames.values()))
    for name in names:  # "Ms Lent" the entity stage did not link
        for word in before.get(surnames[name], ()):
            gender = _gender_of_word(word.lower())
            if gender:
                found.setdefault(name, set()).add(gender)
    return found


def _words_before(text: str, surnames: set[str]) -> dict[str, list[str]]:
    """The capitalised short word ("Ms", "Dr.") right before each of ``surnames`` in ``text``
    (a surname after a space, ending at a word boundary), per surname.

    One pass over the text's words serves every surname: a surname holds no space, so where
    it starts after a space it begins a word. A pattern with the honorific first would try
    every capital letter of a long article; a search per surname reads the article once per
    person.
    """
    patterns = {surname: re.compile(re.escape(surname) + r"\b") for surname in surnames if surname}
    words: dict[str, list[str]] = {surname: [] for surname in patterns}
    lengths = sorted({len(surname) for surname in patterns})
    initials = {surname[0] for surname in patterns}
    for token in TOKEN.finditer(text):
        start, word = token.start(), token.group()
        if start == 0 or word[0] not in initials:
            continue
        for length in lengths:
            if length > len(word):
                break
            surname = word[:length]
            if surname in patterns and patterns[surname].match(text, start):
                before = HONORIFIC_BEFORE.search(text, max(0, start - SURNAME_WINDOW), start)
                if before is not None:
                    words[surname].append(before.group(1))
    return words


def _pronoun_genders(context: Context) -> dict[str, set[str]]:
    """Genders told by the first pronoun after a person in the same sentence.

    The pronoun must be outside quotes, before the next person, and not itself the subject of
    a speech verb (that pronoun is what gets resolved).
    """
    text = context.text
    found: dict[str, set[str]] = {}
    persons = [m for m in context.mentions if m.kind == "person"]
    sentences, starts = context.sentences, context.sentence_starts
    for index, mention in enumerate(persons):
        if context.inside_quote(mention.start, mention.end):
            continue
        at = bisect_right(starts, mention.start) - 1  # sentences are disjoint: only this one
        limit = sentences[at][1] if at >= 0 and mention.start < sentences[at][1] else len(text)
        if index + 1 < len(persons):
            limit = min(limit, persons[index + 1].start)
        for match in GENDER_PRONOUN.finditer(text, mention.end, limit):
            if context.inside_quote(match.start(), match.end()) or CUE.match(text, match.end() + 1):
                continue
            word = match.group().lower()
            gender = "m" if word in vocab.MALE_PRONOUNS else "f"
            found.setdefault(mention.canonical, set()).add(gender)
            break
    return found


def _honorific_words(text: str, mention: EntityMention) -> list[str]:
    words = [mention.text.split()[0].rstrip(".").lower()] if mention.text.split() else []
    before = HONORIFIC_BEFORE.search(text, max(0, mention.start - 12), mention.start)
    if before is not None:
        words.append(before.group(1).lower())
    return words


def _gender_of_word(word: str) -> str | None:
    if word in vocab.MALE_HONORIFICS or word in vocab.MALE_ROLE_WORDS:
        return "m"
    if word in vocab.FEMALE_HONORIFICS or word in vocab.FEMALE_ROLE_WORDS:
        return "f"
    return None
