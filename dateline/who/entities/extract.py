"""Named-entity mentions of one article: spaCy's NER with the rules news needs on top.

Steps, per article (``mentions_from_doc``):

1. spaCy's entities with a kept label (``LABEL_KINDS``), a leading "the" dropped.
2. Honorifics, including machine-translation garbles ("Sir. Putin", "Mister Lavrov"), are cut
   off the name and make it a person; an honorific before capitalised words spaCy missed adds
   a person.
3. Alias tables fix the kind and the name of countries and organisations whatever spaCy said
   (the UN tagged as a facility, "Russian Federation" -> Russia); a demonym naming a country's
   people ("Russian officials") is a mention of that country.
4. Titles before a name and appositions after it become the mention's ``role``
   (``dateline.who.entities.roles``); a name carrying a title, or spelled like a person named
   elsewhere in the article ("Pompeo" tagged as a place once), is a person.
5. Surname-only mentions resolve to the article's full name ("Putin" -> "Vladimir Putin") in
   ``canonical`` when exactly one full name ends with that surname.

Which text NER reads is decided before these rules run: by default the lead's stretches and
those holding a word the lead's names do not explain, the lead's names being matched everywhere
else (``dateline.who.entities.gazetteer``); ``lead_chars=None`` reads every stretch around a
possible name (``dateline.who.entities.ner``), ``context=None`` the whole text. The rules see
one Doc with its entities either way, so roles, tables and surnames apply to every mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, cast

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.strings import hash_string  # type: ignore[attr-defined]  # a Cython function

from dateline.model import EntityKind, EntityMention
from dateline.vocab.entities import (
    DEMONYMS,
    HONORIFICS,
    LABEL_KINDS,
    ORGANISATION_WORDS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
)
from dateline.who.entities.aliases import (
    country_name,
    organisation_name,
    strip_honorifics,
    surname_keys,
)
from dateline.who.entities.gazetteer import LEAD_CHARS, read_where_needed
from dateline.who.entities.ner import (
    BATCH_SIZE,
    CONTEXT,
    MAX_CHARS,
    Doc,
    recognise,
    tokens_in,
    word_hashes,
)
from dateline.who.entities.roles import apposition_after, apposition_before, title_before

ROLE_WORDS: Final = ROLE_HEADS | ROLE_MODIFIERS
#: Shortest surname searched for where spaCy did not tag it.
MIN_SURNAME: Final = 3
#: Longest run of capitalised words after an honorific taken as a name spaCy missed.
MAX_NAME_TOKENS: Final = 4
_NO_NAME_START: Final = frozenset(
    ["the"] + [q + end for q in "'’" for end in ("s", "t", "m", "re", "ve", "ll", "d")]
) | frozenset({"n't", "n’t"})
"""First tokens no name opens with: "the" (dropped), a contraction ("n’t" in "didn’t", tagged
as a place when NER reads a few words around it)."""
_HONORIFIC_FORMS: Final = frozenset(h + dots for h in HONORIFICS for dots in ("", ".", ".."))
"""Lower-case spellings ``_honorific`` accepts, to find them without a Token per token."""


@dataclass
class _Span:
    """A candidate mention over tokens [start, end) while the rules work on it."""

    start: int
    end: int
    kind: EntityKind
    canonical: str | None = None  # fixed by an alias table
    honorific: bool = False
    role: str | None = None
    role_start: int | None = None
    role_end: int | None = None


def _honorific(token: Any) -> bool:
    return bool(token.text.lower().rstrip(".") in HONORIFICS)


def _preceded_by_honorific(doc: Doc, start: int) -> bool:
    i = start - 1
    if i >= 0 and doc[i].text == ".":
        i -= 1  # "Sir . Putin" as tokenised
    return i >= 0 and _honorific(doc[i])


def _acronym(doc: Doc, span: _Span) -> bool:
    """A one-word name in capitals ("BP", "NATO"): an organisation, never a person."""
    text = str(doc[span.start : span.end].text)
    return span.end - span.start == 1 and text.isupper() and len(text) <= 6


def _capitalised(token: Any) -> bool:
    return bool(token.text[:1].isupper() and token.is_alpha)


def _initial_spans(doc: Doc) -> list[_Span]:
    spans = []
    for ent in doc.ents:
        kind = LABEL_KINDS.get(ent.label_)
        if kind is None:
            continue
        start, end = ent.start, ent.end
        for i in range(start, end - 1):
            if "\n" in doc[i].whitespace_ or "\n" in doc[i].text:
                start = i + 1  # a name never crosses a line ("html\nEllen DeGeneres")
        if start >= end:
            continue
        honorific = False
        while end - start > 1 and (_honorific(doc[start]) or doc[start].lower_ in {".", "the"}):
            honorific = honorific or _honorific(doc[start])
            start += 1
        if doc[start].text.lower() in _NO_NAME_START or doc[start].is_punct:
            continue
        honorific = honorific or _preceded_by_honorific(doc, start)
        if ent.label_ == "PERSON":
            # "Comedian Ellen DeGeneres": the title is the role, not the name
            while end - start > 1 and doc[start].text.lower() in ROLE_WORDS:
                start += 1
        span = _Span(start, end, cast(EntityKind, kind), honorific=honorific)
        if honorific and kind != "person" and ent.label_ != "NORP":
            span.kind = "person"
        spans.append(span)
    return spans


def _missed_names(doc: Doc, spans: list[_Span]) -> list[_Span]:
    """Persons spaCy missed after an honorific ("Mister Lavrov" with nothing tagged)."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    found = []
    for i in tokens_in(doc, LOWER, word_hashes(_HONORIFIC_FORMS)):
        token = doc[i]
        if not _honorific(token) or token.text[:1].islower():
            continue
        j = i + 1
        if j < len(doc) and doc[j].text == "." and token.whitespace_ == "":
            j += 1
        end = j
        while end < len(doc) and end - j < MAX_NAME_TOKENS and _capitalised(doc[end]):
            if end in covered or _honorific(doc[end]):
                break
            end += 1
        if end > j and not any(k in covered for k in range(j, end)):
            found.append(_Span(j, end, "person", honorific=True))
            covered.update(range(j, end))
    return found


def _split_prefixed(doc: Doc, spans: list[_Span]) -> list[_Span]:
    """Split "UN Lars Eide" (one entity to spaCy, after "Deputy Representative to the") into the
    organisation or country it opens with and the person it ends with."""
    result = []
    for span in spans:
        head = None
        if span.kind != "person" and 3 <= span.end - span.start <= 5:
            before = doc[max(0, span.start - 4) : span.start]
            titled = any(t.text.lower() in ROLE_HEADS for t in before)
            last = doc[span.end - 1].text.lower()
            if titled and last not in ORGANISATION_WORDS and _name(doc, span) not in DEMONYMS:
                for cut in (1, 2):
                    prefix = str(doc[span.start : span.start + cut].text)
                    rest = doc[span.start + cut : span.end]
                    known = organisation_name(prefix) or country_name(prefix)
                    if known and 2 <= len(rest) <= 3 and all(_capitalised(t) for t in rest):
                        head = cut
                        break
        if head is None:
            result.append(span)
            continue
        result.append(_Span(span.start, span.start + head, span.kind))
        result.append(_Span(span.start + head, span.end, "person"))
    return result


def _title_only(doc: Doc, span: _Span) -> bool:
    """A span of role words only ("Surgeon General", "U.S. Secretary"): a title, not a name."""
    words = [t.text.lower() for t in doc[span.start : span.end] if t.text != "."]
    has_head = any(w in ROLE_HEADS for w in words)
    return has_head and all(w in ROLE_WORDS or country_name(w.upper()) for w in words)


def _short_name_mentions(doc: Doc, spans: list[_Span]) -> list[_Span]:
    """Capitalised words spaCy left untagged (or tagged "other") that are the last word of a
    person ("Putin") or an organisation ("Chargers") named in full in the article."""
    short: dict[str, EntityKind] = {}
    for span in spans:
        if span.kind in {"person", "organisation"} and span.end - span.start > 1:
            last = doc[span.end - 1]
            if not last.is_alpha or len(last.text) < MIN_SURNAME or not last.text[:1].isupper():
                continue
            generic = last.text.lower() in ORGANISATION_WORDS or country_name(last.text)
            if span.kind == "organisation" and (generic or span.canonical is not None):
                continue
            short.setdefault(last.text, span.kind)
    for span in spans:
        text = str(doc[span.start : span.end].text)
        if span.kind == "other" and span.end - span.start == 1 and text in short:
            span.kind = short[text]
    covered = {i for s in spans for i in range(s.start, s.end)}
    found = []
    short_hashes = np.array([hash_string(name) for name in short], dtype=np.uint64)
    for i in tokens_in(doc, ORTH, short_hashes):
        if i not in covered:
            neighbours = (i > 0 and _capitalised(doc[i - 1]) and i - 1 not in covered) or (
                i + 1 < len(doc) and _capitalised(doc[i + 1])
            )
            if not neighbours:
                found.append(_Span(i, i + 1, short[doc[i].text]))
    return found


def _name(doc: Doc, span: _Span) -> str:
    text = str(doc[span.start : span.end].text)
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return " ".join(text.split())


def _apply_tables(doc: Doc, spans: list[_Span], labels: dict[int, str]) -> None:
    for span in spans:
        text = _name(doc, span)
        if span.honorific:
            continue
        if (org := organisation_name(text)) is not None:
            span.kind, span.canonical = "organisation", org
        elif (country := country_name(text)) is not None:
            span.kind, span.canonical = "country", country
        elif labels.get(span.start) == "NORP" and text in DEMONYMS:
            span.kind, span.canonical = "country", DEMONYMS[text]


def _apply_roles(doc: Doc, spans: list[_Span]) -> list[_Span]:
    person_tokens = {i for s in spans if s.kind == "person" for i in range(s.start, s.end)}
    entity_tokens = {i for s in spans if s.kind != "person" for i in range(s.start, s.end)}
    for span in spans:
        if span.canonical is not None and span.kind != "person":
            continue  # a country or organisation from the tables never holds a role
        title = title_before(
            doc, span.start, entity_tokens.__contains__, person_tokens.__contains__
        )
        if title is not None:
            span.role_start, span.role = title
            span.role_end = span.start
        elif (after := apposition_after(doc, span.end)) is not None:
            span.role_end, span.role = after
            span.role_start = span.end + 1
        elif (opening := apposition_before(doc, span.start, span.end)) is not None:
            span.role_start, span.role = opening
            span.role_end = span.start - 1
        if span.role is not None and not _acronym(doc, span):
            span.kind = "person"
        elif span.kind != "person":
            span.role = span.role_start = span.role_end = None
    # a one-word entity inside a title is part of the title ("Secretary of State")
    kept = []
    for span in spans:
        word = span.end - span.start == 1 and doc[span.start].text.lower() in ROLE_MODIFIERS
        if word and any(
            o.role is not None
            and o.role_start is not None
            and o.role_end is not None
            and o.role_start <= span.start
            and span.end <= o.role_end
            for o in spans
        ):
            continue
        kept.append(span)
    return kept


def _person_names(doc: Doc, spans: Iterable[_Span]) -> set[str]:
    names = set()
    for span in spans:
        if span.kind == "person":
            name = strip_honorifics(_name(doc, span))
            names.add(name.lower())
            names.add(name.split()[-1].lower() if name else "")
    names.discard("")
    return names


def _fix_persons(doc: Doc, spans: list[_Span]) -> None:
    """A name tagged as a place or an organisation that is a person elsewhere is a person."""
    persons = _person_names(doc, spans)
    for span in spans:
        known = span.canonical is not None
        if (
            span.kind in {"place", "organisation"}
            and not known
            and _name(doc, span).lower() in persons
        ):
            span.kind = "person"


def _resolve_surnames(names: Sequence[str]) -> dict[str, str]:
    """Each person name -> the article's full name it abbreviates (itself when none or many)."""
    full = [n for n in dict.fromkeys(names) if len(n.split()) > 1]
    by_key: dict[str, list[str]] = {}
    for name in full:
        for key in surname_keys(name):
            by_key.setdefault(key, []).append(name)
    resolved = {}
    for name in names:
        if len(name.split()) > 1:
            resolved[name] = name
            continue
        matches = by_key.get(name.lower(), [])
        firsts = {m.split()[0].lower() for m in matches}
        resolved[name] = matches[0] if matches and len(firsts) == 1 else name
    return resolved


def _overlapping(spans: list[_Span]) -> list[_Span]:
    """Spans in order with overlaps dropped (the earlier, then longer, span wins)."""
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def mentions_from_doc(doc: Doc) -> list[EntityMention]:
    """The entity mentions of one spaCy Doc (offsets into ``doc.text``)."""
    labels = {ent.start: ent.label_ for ent in doc.ents}
    spans = _initial_spans(doc)
    spans = _overlapping(spans + _missed_names(doc, spans))
    spans = _split_prefixed(doc, spans)
    spans = [s for s in spans if s.kind == "person" or not _title_only(doc, s)]
    spans = _overlapping(spans + _short_name_mentions(doc, spans))
    _apply_tables(doc, spans, labels)
    spans = _apply_roles(doc, spans)
    _fix_persons(doc, spans)
    person_names = [strip_honorifics(_name(doc, s)) for s in spans if s.kind == "person"]
    resolved = _resolve_surnames([n for n in person_names if n])
    mentions = []
    for span in spans:
        name = _name(doc, span)
        if span.kind == "person":
            name = strip_honorifics(name)
            if not name:
                continue
        first, last = doc[span.start], doc[span.end - 1]
        start, end = first.idx, last.idx + len(last.text)
        text = str(doc[span.start : span.end].text)
        for suffix in ("'s", "’s"):
            if text.endswith(suffix):
                end -= len(suffix)
                text = text[: -len(suffix)]
        if span.canonical is not None:
            canonical = span.canonical
        elif span.kind == "person":
            canonical = resolved.get(name, name)
        else:
            canonical = name
        mentions.append(EntityMention(start, end, text, span.kind, canonical, span.role))
    return mentions


def extract_mentions_batch(
    texts: Sequence[str],
    *,
    batch_size: int = BATCH_SIZE,
    max_chars: int | None = MAX_CHARS,
    context: int | None = CONTEXT,
    lead_chars: int | None = LEAD_CHARS,
) -> list[list[EntityMention]]:
    """Entity mentions of many articles at once, one list per text.

    Args:
        texts: cleaned article texts.
        batch_size: articles per spaCy batch when the whole text is read (``context`` None).
        max_chars: read at most this many characters of each text (None: all of it).
        context: tokens of context read around each possible name (None: read the whole text).
        lead_chars: NER reads the possible names of this many leading characters and, below
            them, only words the lead's names do not explain (``gazetteer``); None: NER reads
            around every possible name (``ner.recognise``).

    Returns:
        The same mentions ``extract_mentions`` gives for each text, in order.

    Raises:
        ModelIntegrityError: the spaCy model is missing or differs from the pinned weights.
    """
    if context is not None and lead_chars is not None:
        docs = read_where_needed(texts, context=context, max_chars=max_chars, lead_chars=lead_chars)
    else:
        docs = recognise(texts, context=context, max_chars=max_chars, batch_size=batch_size)
    return [mentions_from_doc(doc) for doc in docs]


def extract_mentions(text: str, *, max_chars: int | None = MAX_CHARS) -> list[EntityMention]:
    """Entity mentions of one article's cleaned text, in text order.

    Raises:
        ModelIntegrityError: the spaCy model is missing or differs from the pinned weights.
    """
    return extract_mentions_batch([text], max_chars=max_chars)[0]
