"""Who said what: direct quotes and reported speech, each with its speaker.

News attributes speech in a small number of shapes, so rules over the article's entity
mentions do well without a parser:

1. Direct quotes are stretches between double quote marks (straight or curly). A quote that
   runs over several paragraphs re-opens each paragraph without closing the previous one; the
   finder keeps it as one quote.
2. A direct quote takes its speaker from a speech cue next to it: after it ('"...," X said',
   '"...," said X'), or before it ('X said: "..."', 'saying it funded "..."'); a quote
   introduced by a colon takes the subject of that clause. A sentence-opening quote with no
   cue continues the previous quote's speaker when nobody else was named in between. A short
   quoted phrase with no cue is a scare quote or a title and is not a quote.
3. Reported speech is a clause after a speech verb ("X said (that) ...", "X said on Monday
   the ...", "X told parliament that ..."), before one ("..., X said", "..., said X") or next
   to "according to X".
4. A speaker reference is an entity mention, a pronoun (he/she -> the nearest earlier person
   of a compatible gender, it -> the nearest earlier organisation or country) or a title ("the
   minister" -> the nearest earlier person whose role holds the word; "the ministry" -> the
   nearest earlier organisation whose name holds it). Anything else leaves the speaker None:
   a wrong name is worse than none.

The vocabulary (cue verbs, titles, honorifics) is data in ``dateline/vocab/quotes.py``.
Accuracy is measured by ``bench/quotes.py`` on a hand-written set in
``tests/quotes/data/quotes_gold.jsonl``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from dateline.model import EntityMention, Quote, QuoteKind
from dateline.vocab import quotes as vocab
from dateline.vocab.abbreviations import NON_TERMINAL

__all__ = ["find_quotes"]

#: Words allowed between a direct quote's closing mark and the cue after it ('"...," the
#: former foreign minister said'), and between the cue before a quote and its opening mark
#: ('said that a cut in the spring was "..."'). Calibrated on the dev passages of
#: tests/quotes/data/quotes_gold.jsonl; retune together.
MAX_WORDS_BEFORE_CUE = 8
MAX_WORDS_CUE_TO_QUOTE = 12
#: A quoted stretch with no cue shorter than this (in words, without sentence punctuation
#: inside) is a scare quote or a title; at least this long and opening a sentence it is speech.
MIN_SPEECH_WORDS = 4
#: A mid-sentence quote with no cue is kept (speaker None) only from this many words.
MIN_UNCUED_WORDS = 10
#: An inverted or trailing attribution ("..., two sources close to the government said")
#: holds at most this many words between the comma and the verb.
MAX_ATTRIBUTION_WORDS = 8
#: A reported clause without "that" needs a finite verb within this many words of its start.
MAX_SUBJECT_WORDS = 10

_SPEAKER_KINDS = frozenset({"person", "organisation", "country", "group"})
_OPEN_MARKS = '"“'
_MARKS = re.compile(r'["“”]')
_CUE = re.compile(
    r"\b(?:(?i:according to)|"
    + "|".join(re.escape(cue) for cue in vocab.MULTIWORD_CUES if cue != "according to")
    + "|"
    + "|".join(sorted(vocab.SPEECH_VERBS, key=len, reverse=True))
    + r")\b"
)
_ADVERBIAL = re.compile(
    r"\s*,?\s*(?:" + "|".join(f"(?:{pattern})" for pattern in vocab.ADVERBIALS) + r")\b",
    re.IGNORECASE,
)
_LISTENER_WORD = re.compile(r"\s*([A-Za-z][\w'-]*)")
_THAT = re.compile(r"\s*,?\s*that\b")
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"”’']|$)|\n")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Ii]t)\b")
_GENDER_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
_HONORIFIC_BEFORE = re.compile(r"\b([A-Z][a-z]{1,7})\.?\s+$")
_SURNAME_WINDOW = 24
"""Characters before a surname in which ``_words_before`` reads the word before it."""
_TITLE_HEADS = "|".join(sorted(vocab.PERSON_TITLES | vocab.ORG_NOUNS, key=len, reverse=True))
_TITLE_NP = re.compile(
    r"\b(?P<det>[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+"
    r"(?P<mods>(?:[a-z][\w'’-]*\s+){0,3}?)"
    r"(?P<head>" + _TITLE_HEADS + r")s?\b(?!['’]s)"
)
_APPOSITION_END = re.compile(
    r",\s*(?:the|a|an|its|his|her|their|who|which|whose)\b[^,]*,\s*$", re.IGNORECASE
)
_WORD = re.compile(r"[\w'’-]+")
_PASSIVE = re.compile(
    r"\b(?:(?:was|were|been|being|is|are|be|am|get|got)\s+(?:\w+ly\s+)?"
    r"|(?i:a|an|the|this|that|these|those|his|her|their|its|our|my|your|such|no)\s+)$"
)
_POSSESSIVE = re.compile(r"['’]s\s+([a-z]+)")
_TITLE_BEFORE = re.compile(r"((?:[A-Za-z][\w-]*\s+){1,3})$")
_APPOSITION_AFTER = re.compile(r",\s*(?:a|an|the|its|his|her|their)\s+([^,.;\"“”]{1,60}),")
_APPOSITION_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+([^,.;\"“”]{1,60}),\s*$"
)


@dataclass(frozen=True)
class _Ref:
    """A way the text points at a speaker: a mention, a pronoun or a title noun phrase."""

    start: int
    end: int
    text: str
    kind: str  # "mention" | "pronoun" | "title"
    mention: EntityMention | None = None
    determiner: str = ""
    words: tuple[str, ...] = ()


@dataclass
class _Context:
    """Everything the rules look up while reading one article."""

    text: str
    mentions: list[EntityMention]
    spans: list[tuple[int, int]]  # direct quotes' content spans
    roles: dict[str, set[str]] = field(default_factory=dict)
    genders: dict[str, str | None] = field(default_factory=dict)
    used_cues: set[int] = field(default_factory=set)  # cue offsets that attribute a quote

    def inside_quote(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside a direct quote."""
        return any(a <= start and end <= b for a, b in self.spans)


def find_quotes(text: str, mentions: Sequence[EntityMention]) -> list[Quote]:
    """The direct quotes and reported speech of one article, in text order.

    Args:
        text: the article's cleaned text (paragraphs are lines).
        mentions: the article's named-entity mentions, with offsets into ``text``.

    Returns:
        One ``Quote`` per quoted stretch (a quote re-opened over several paragraphs is one)
        and per reported clause; ``speaker`` is a mention's canonical name or None.
    """
    spans = _direct_spans(text)
    context = _Context(text, sorted(mentions, key=lambda m: (m.start, -m.end)), spans)
    context.roles = _roles(text, context.mentions)
    context.genders = _genders(context)
    quotes = _direct_quotes(context)
    for quote in _reported(context):
        if not any(q.start < quote.end and quote.start < q.end for q in quotes):
            quotes.append(quote)
    return sorted(quotes, key=lambda q: (q.start, q.end))


# --- direct quotes -------------------------------------------------------------------------


def _direct_spans(text: str) -> list[tuple[int, int]]:
    """Content spans between matching double quote marks, joining re-opened paragraphs."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    last_mark = 0
    for match in _MARKS.finditer(text):
        at, mark = match.start(), match.group()
        previous_mark, last_mark = last_mark, at
        if open_at is None:
            if mark in _OPEN_MARKS:
                open_at = at
            continue
        if "\n" in text[previous_mark:at]:
            line_start = text.rfind("\n", 0, at) + 1
            if mark in _OPEN_MARKS and not text[line_start:at].strip():
                continue  # the next paragraph re-opens the same quote
            open_at = at if mark in _OPEN_MARKS else None
            continue
        if mark == "“":
            open_at = at  # an unclosed curly quote: start again here
            continue
        if text[open_at + 1 : at].strip():
            spans.append((open_at + 1, at))
        open_at = None
    return spans


def _direct_quotes(context: _Context) -> list[Quote]:
    text = context.text
    quotes: list[Quote] = []
    previous: Quote | None = None
    previous_close = 0
    for index, (start, end) in enumerate(context.spans):
        content = text[start:end]
        next_open = context.spans[index + 1][0] - 1 if index + 1 < len(context.spans) else len(text)
        after = (end + 1, _first_end(text, end + 1, next_open))
        before = (_last_end(text, previous_close, start - 1), start - 1)
        found = _attribute_after(context, content, after) or _attribute_before(context, before)
        speaker: tuple[str | None, str | None] = (None, None)
        cue: str | None = None
        if found is not None:
            speaker, cue = found[0], found[1]
        elif text[before[0] : before[1]].rstrip().endswith(":"):
            speaker = _choose(context, _refs(context, *before), nearest_last=True)
        elif not text[before[0] : before[1]].strip() and _speech_like(content):
            speaker = _continued(context, previous, previous_close, start)
        elif len(content.split()) < MIN_UNCUED_WORDS:
            previous_close = end + 1
            continue  # a scare quote, a title or a label
        quote_end = start + len(content.rstrip().rstrip(","))
        quote = Quote(start, quote_end, text[start:quote_end], "direct", *speaker, cue)
        quotes.append(quote)
        previous, previous_close = quote, end + 1
    return quotes


def _speech_like(content: str) -> bool:
    return len(content.split()) >= MIN_SPEECH_WORDS or bool(re.search(r"[.!?]", content))


def _first_end(text: str, start: int, limit: int) -> int:
    """The first sentence end in text[start:limit], or limit."""
    for match in _SENTENCE_END.finditer(text, start, limit):
        if not _abbreviation(text, match.start()):
            return match.start()
    return limit


def _last_end(text: str, start: int, limit: int) -> int:
    """Just after the last sentence end in text[start:limit], or start."""
    found = start
    for match in _SENTENCE_END.finditer(text, start, limit):
        if match.group() == "\n" and text[start : match.start()].rstrip().endswith(":"):
            continue  # 'X said:' then the quote on its own line
        if not _abbreviation(text, match.start()):
            found = match.end()
    return found


def _passive(text: str, cue_start: int) -> bool:
    """True for 'was told', 'is said to' (the subject heard the words, or nobody is named)
    and for a cue word used as a noun ('a note', 'the claims')."""
    return bool(_PASSIVE.search(text, max(0, cue_start - 30), cue_start))


def _abbreviation(text: str, at: int) -> bool:
    if text[at] != ".":
        return False
    word = re.search(r"([A-Za-z]+)$", text[max(0, at - 12) : at])
    if word is None:
        return False
    return word.group(1).lower() in NON_TERMINAL or len(word.group(1)) == 1


def _attribute_after(
    context: _Context, content: str, region: tuple[int, int]
) -> tuple[tuple[str | None, str | None], str] | None:
    """'"...," X said' / '"...," said X': a cue right after the closing mark."""
    start, end = region
    text = context.text
    tail = content.rstrip()
    if not (tail.endswith((",", "!", "?", "—", "–", "-", "…")) or text[start : start + 1] == ","):
        return None
    cues = [c for c in _CUE.finditer(text, start, end) if not _passive(text, c.start())]
    cue = cues[0] if cues else None
    if cue is None or len(_WORD.findall(text[start : cue.start()])) > MAX_WORDS_BEFORE_CUE:
        return None
    context.used_cues.add(cue.start())
    return _speaker_at_cue(context, cue, start, end), cue.group()


def _attribute_before(
    context: _Context, region: tuple[int, int]
) -> tuple[tuple[str | None, str | None], str] | None:
    """'X said: "..."' / 'saying it funded "..."': the last cue before the opening mark."""
    start, end = region
    cues = [
        c for c in _CUE.finditer(context.text, start, end) if not _passive(context.text, c.start())
    ]
    if not cues:
        return None
    cue = cues[-1]
    if len(_WORD.findall(context.text[cue.end() : end])) > MAX_WORDS_CUE_TO_QUOTE:
        return None
    return _speaker_at_cue(context, cue, start, end), cue.group()


def _speaker_at_cue(
    context: _Context, cue: re.Match[str], start: int, end: int
) -> tuple[str | None, str | None]:
    """The speaker of a cue: its subject before it, else (inverted) the first name after it."""
    verb = cue.group().lower()
    if verb != "according to":
        subject = _choose(context, _subject_refs(context, start, cue.start()), nearest_last=True)
        if subject[0] is not None or verb in vocab.OBJECT_VERBS:
            return subject
    return _choose(context, _refs(context, cue.end(), end), nearest_last=False)


def _continued(
    context: _Context, previous: Quote | None, previous_close: int, start: int
) -> tuple[str | None, str | None]:
    """A cue-less quote opening a sentence goes on with the previous quote's speaker."""
    if previous is None or previous.speaker is None:
        return _sentence_subject(context, previous_close, start)
    between = [
        m
        for m in context.mentions
        if previous_close <= m.start
        and m.end <= start
        and m.kind in _SPEAKER_KINDS
        and m.canonical != previous.speaker
    ]
    if between or context.text.count("\n", previous_close, start) > 1:
        return _sentence_subject(context, previous_close, start)
    return previous.speaker, previous.speaker_text


def _sentence_subject(context: _Context, floor: int, start: int) -> tuple[str | None, str | None]:
    """'The rector, Agnes Holm, was defiant. "..."': the person opening the sentence before.

    Only a person named before any verb of that sentence counts (no finite verb among the
    words before the name), so 'Police arrested Ivan Lutz. "..."' gives None.
    """
    text = context.text
    sentence_start = _last_end(text, floor, max(floor, _last_end_before(text, floor, start)))
    persons = [
        m
        for m in context.mentions
        if sentence_start <= m.start < start
        and m.kind == "person"
        and not context.inside_quote(m.start, m.end)
    ]
    if not persons:
        return None, None
    first = persons[0]
    lead = _WORD.findall(text[sentence_start : first.start])
    if len(lead) <= MAX_SUBJECT_WORDS and not any(_finite(word) for word in lead):
        return first.canonical, first.text
    return None, None


def _last_end_before(text: str, floor: int, start: int) -> int:
    """The position of the sentence end just before ``start`` (the end of the sentence before)."""
    position = start
    while position > floor and text[position - 1] in ' \t\n"“':
        position -= 1
    return max(floor, position - 1)


# --- reported speech -----------------------------------------------------------------------


def _sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans whose ends never fall inside a direct quote."""
    found: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        at = match.start()
        if _abbreviation(text, at) or any(a <= at < b for a, b in spans):
            continue
        end = match.end()
        while end < len(text) and text[end] in "\"”’'":
            end += 1
        if text[start:end].strip():
            found.append((start, end))
        start = end
    if text[start:].strip():
        found.append((start, len(text)))
    return found


def _reported(context: _Context) -> list[Quote]:
    quotes: list[Quote] = []
    for start, end in _sentences(context.text, context.spans):
        for cue in _CUE.finditer(context.text, start, end):
            if (
                context.inside_quote(cue.start(), cue.end())
                or cue.start() in context.used_cues
                or _passive(context.text, cue.start())
            ):
                continue
            quote = _reported_at(context, cue, start, end)
            if quote is not None and quote.end - quote.start > 0:
                quotes.append(quote)
    return quotes


def _reported_at(context: _Context, cue: re.Match[str], start: int, end: int) -> Quote | None:
    text = context.text
    verb = cue.group().lower()
    if verb == "according to":
        return _according_to(context, cue, start, end)
    if verb in vocab.DIRECT_ONLY_CUES:
        return None
    position = cue.end()
    if verb in vocab.OBJECT_VERBS and not _THAT.match(text, position, end):
        position = _skip_listener(text, position, end)
    while adverbial := _ADVERBIAL.match(text, position, end):
        position = adverbial.end()
    that = _THAT.match(text, position, end)
    if that:
        position = that.end()
    rest = text[position:end].strip()
    before = text[start : cue.start()].rstrip()
    if (not rest.strip(".!?\"”' ") or rest.startswith(",")) and not that:
        return _trailing(context, cue, start, before, rest, end)
    if before.endswith(",") and not that:
        inverted = _inverted(context, cue, start, position, end, before)
        if inverted is not None:
            return inverted
    words = _WORD.findall(rest)
    if that is None and (len(words) < 3 or not _opens_clause(words)):
        return None  # an object ("said goodbye"), not a clause; "that" clauses need 2 words
    speaker = _choose(context, _subject_refs(context, start, cue.start()), nearest_last=True)
    return _make_reported(context, position, end, speaker, cue.group())


def _skip_listener(text: str, position: int, end: int) -> int:
    """After "told": skip "reporters", "the committee", "local reporters", "Radio Kolvar".

    At most three words, stopping before a word that opens the reported clause (a pronoun
    or determiner after the first word, "that") or at punctuation.
    """
    taken = 0
    while taken < 3 and (word := _LISTENER_WORD.match(text, position, end)):
        lower = word.group(1).lower()
        if lower == "that" or (taken and lower in vocab.CLAUSE_OPENERS):
            break
        position = word.end()
        taken += 1
    return position


def _opens_clause(words: list[str]) -> bool:
    """True when words (after a speech verb, no "that") read as a clause, not an object.

    A clause has a finite verb soon after its subject: "said the talks would resume",
    "said inflation was falling"; "observed the former chief justice" has none.
    """
    first = words[0]
    if first.lower() in vocab.CLAUSE_OPENERS or first[0].isupper() or first[0].isdigit():
        window = words[1:MAX_SUBJECT_WORDS]
    elif _finite(first):
        return False  # no subject: "a note was left" is not speech
    else:
        window = words[1:5]
    return any(_finite(word) for word in window)


def _finite(word: str) -> bool:
    lower = word.lower()
    return lower in vocab.FINITE_VERBS or (lower.endswith("ed") and len(lower) > 4)


def _trailing(
    context: _Context, cue: re.Match[str], start: int, before: str, rest: str, end: int
) -> Quote | None:
    """'<clause>, two sources said.' and '<subject>, he said, <predicate>.'.

    The subject between the last comma and the verb is short; when a clause goes on after
    the attribution (a parenthetical "he said"), the whole sentence is what was said.
    """
    comma = before.rfind(",")
    if comma < 0:
        return None
    subject_start = start + comma + 1
    subject = _WORD.findall(context.text[subject_start : cue.start()])
    if not subject or len(subject) > MAX_ATTRIBUTION_WORDS:
        return None
    speaker = _choose(context, _refs(context, subject_start, cue.start()), nearest_last=True)
    after = _WORD.findall(rest)
    if rest.startswith(",") and len(after) >= 2 and _finite(after[0]):
        return _make_reported(context, start, end, speaker, cue.group())
    return _make_reported(context, start, start + comma, speaker, cue.group())


def _inverted(
    context: _Context, cue: re.Match[str], start: int, position: int, end: int, before: str
) -> Quote | None:
    """'<clause>, said Fortis, who ...': a name (then a comma or the end) after the verb."""
    refs = _refs(context, position, end)
    if not refs:
        return None
    first = refs[0]
    gap = context.text[position : first.start]
    follow = context.text[first.end : end].lstrip()
    if _WORD.findall(gap) and not _title_words_only(gap):
        return None
    if follow and follow[0] not in ",.;!?":
        return None
    speaker = _resolve(context, first)
    comma = start + before.rfind(",")
    return _make_reported(context, start, comma, speaker, cue.group())


def _title_words_only(gap: str) -> bool:
    """True for 'city engineer ' or 'Foreign Minister ' before a name."""
    return (
        all(
            word.lower() in vocab.PERSON_TITLES or word[0].isupper() or word.islower()
            for word in _WORD.findall(gap)
        )
        and len(_WORD.findall(gap)) <= 4
    )


def _according_to(context: _Context, cue: re.Match[str], start: int, end: int) -> Quote | None:
    text = context.text
    if not text[start : cue.start()].strip():  # "According to X, <clause>."
        comma = text.find(",", cue.end(), end)
        if comma < 0:
            return None
        speaker = _choose(context, _refs(context, cue.end(), comma), nearest_last=False)
        clause_start = comma + 1
        while re.match(r"\s*(?:who|which|whose|where)\b", text[clause_start:end]):
            next_comma = text.find(",", clause_start, end)
            if next_comma < 0:
                return None
            clause_start = next_comma + 1
        return _make_reported(context, clause_start, end, speaker, cue.group())
    before = text[start : cue.start()].rstrip()
    if not before.endswith(","):
        return None
    speaker = _choose(context, _refs(context, cue.end(), end), nearest_last=False)
    return _make_reported(context, start, start + len(before) - 1, speaker, cue.group())


def _make_reported(
    context: _Context, start: int, end: int, speaker: tuple[str | None, str | None], cue: str
) -> Quote | None:
    text = context.text
    while start < end and text[start] in " \t\n,:":
        start += 1
    while end > start and text[end - 1] in " \t\n.,;:!?\"”’'":
        end -= 1
    if len(_WORD.findall(text[start:end])) < 2:
        return None
    kind: QuoteKind = "reported"
    return Quote(start, end, text[start:end], kind, speaker[0], speaker[1], cue)


# --- speaker references --------------------------------------------------------------------


def _refs(context: _Context, start: int, end: int) -> list[_Ref]:
    """Mentions, pronouns and title noun phrases in text[start:end], in text order."""
    text = context.text
    refs = [
        _Ref(m.start, m.end, m.text, "mention", m)
        for m in context.mentions
        if start <= m.start
        and m.end <= end
        and m.kind in _SPEAKER_KINDS
        and not context.inside_quote(m.start, m.end)
        and _speaks_for_itself(text, m)
    ]
    taken = [(r.start, r.end) for r in refs]

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken) and not context.inside_quote(a, b)

    for match in _PRONOUN.finditer(text, start, end):
        if free(match.start(), match.end()):
            refs.append(_Ref(match.start(), match.end(), match.group(), "pronoun"))
    for match in _TITLE_NP.finditer(text, start, end):
        if free(match.start("head"), match.end("head")):
            words = (*match.group("mods").split(), match.group("head").lower())
            determiner = match.group("det").lower()
            refs.append(
                _Ref(match.start(), match.end(), match.group(), "title", None, determiner, words)
            )
    return sorted(refs, key=lambda r: r.start)


def _speaks_for_itself(text: str, mention: EntityMention) -> bool:
    """False for a possessor ("Ostrana's opposition"), unless its spokesman speaks for it."""
    owned = _POSSESSIVE.match(text, mention.end)
    return owned is None or owned.group(1) in vocab.PROXY_TITLES


def _subject_refs(context: _Context, start: int, end: int) -> list[_Ref]:
    """Refs before a verb, leaving out a trailing apposition (", a spokeswoman for X,")."""
    refs = _refs(context, start, end)
    apposition = _APPOSITION_END.search(context.text, start, end)
    if apposition is not None:
        outside = [r for r in refs if r.end <= apposition.start()]
        if outside:
            return outside
    return refs


def _choose(
    context: _Context, refs: list[_Ref], *, nearest_last: bool
) -> tuple[str | None, str | None]:
    """The best-ranked resolvable ref: a person, then a title, then an organisation."""
    ranked: list[tuple[int, int, str, str]] = []
    for order, ref in enumerate(refs):
        speaker, _ = _resolve(context, ref)
        if speaker is None:
            continue
        rank = _rank(context, ref)
        ranked.append((rank, -order if nearest_last else order, speaker, ref.text))
    if not ranked:
        return None, None
    best = min(ranked)
    return best[2], best[3]


def _rank(context: _Context, ref: _Ref) -> int:
    if ref.kind == "mention" and ref.mention is not None:
        return 0 if ref.mention.kind == "person" else 2
    if ref.kind == "pronoun":
        return 2 if ref.text.lower() == "it" else 0
    return 1


def _resolve(context: _Context, ref: _Ref) -> tuple[str | None, str | None]:
    """The canonical name a ref points at, and how the text named it."""
    if ref.mention is not None:
        return ref.mention.canonical, ref.mention.text
    earlier = [
        m
        for m in context.mentions
        if m.end <= ref.start and not context.inside_quote(m.start, m.end)
    ]
    if ref.kind == "pronoun":
        return _resolve_pronoun(context, ref, earlier), ref.text
    return _resolve_title(context, ref, earlier), ref.text


def _resolve_pronoun(context: _Context, ref: _Ref, earlier: list[EntityMention]) -> str | None:
    word = ref.text.lower()
    if word == "it":
        for mention in reversed(earlier):
            if mention.kind in {"organisation", "country"}:
                return mention.canonical
        return None
    gender = "m" if word == "he" else "f"
    for mention in reversed(earlier):
        if mention.kind == "person" and context.genders.get(mention.canonical) in {None, gender}:
            return mention.canonical
    return None


def _resolve_title(context: _Context, ref: _Ref, earlier: list[EntityMention]) -> str | None:
    head = ref.words[-1]
    modifiers = ref.words[:-1]
    if head in vocab.PERSON_TITLES and ref.determiner in vocab.DEFINITE_DETERMINERS:
        best: tuple[int, int, str] | None = None
        for order, mention in enumerate(earlier):
            roles = context.roles.get(mention.canonical, set())
            if mention.kind != "person" or head not in roles:
                continue
            score = (sum(word in roles for word in modifiers), order, mention.canonical)
            best = score if best is None or score > best else best
        if best is not None:
            return best[2]
    for word in (head, *reversed(modifiers)):
        if word in vocab.ORG_NOUNS:
            return _resolve_organisation(word, earlier)
    return None


def _resolve_organisation(noun: str, earlier: list[EntityMention]) -> str | None:
    for mention in reversed(earlier):
        if mention.kind == "organisation" and noun in _name_words(mention.canonical):
            return mention.canonical
    if noun in vocab.GENERIC_ORG_NOUNS:
        for mention in reversed(earlier):
            if mention.kind == "organisation" and not (
                _name_words(mention.canonical) & vocab.PUBLIC_BODY_WORDS
            ):
                return mention.canonical
    if noun in vocab.COUNTRY_NOUNS:
        for mention in reversed(earlier):
            if mention.kind == "country":
                return mention.canonical
    return None


def _name_words(name: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(name)}


# --- roles and genders ---------------------------------------------------------------------


def _roles(text: str, mentions: Sequence[EntityMention]) -> dict[str, set[str]]:
    """Each canonical name's role words: the mentions' roles, and titles next to persons.

    The text's own titles ("Defence Minister Olga Reinholt", "Elsa Morrow, a spokeswoman
    for ...", "the company's chief executive, Rachel Brandt") are read as well, so a title
    reference still resolves when the entity stage attached no role to the mention.
    """
    roles: dict[str, set[str]] = {}
    for mention in mentions:
        words = roles.setdefault(mention.canonical, set())
        if mention.role:
            words.update(_name_words(mention.role))
        if mention.kind != "person":
            continue
        before = _TITLE_BEFORE.search(text, max(0, mention.start - 40), mention.start)
        if before is not None:  # "Energy Minister X", "party chairman X": a title right before
            title = [w.lower() for w in before.group(1).split()]
            if title[-1] in vocab.PERSON_TITLES:
                words.update(title[-3:])
        apposition = _APPOSITION_AFTER.match(text, mention.end) or _APPOSITION_BEFORE.search(
            text, max(0, mention.start - 80), mention.start
        )
        if apposition is not None:
            words.update(_name_words(apposition.group(1)))
    return roles


def _genders(context: _Context) -> dict[str, str | None]:
    """'m', 'f' or None per person: honorifics and gendered roles first, then pronouns."""
    strong = _strong_genders(context)
    weak = _pronoun_genders(context)
    genders: dict[str, str | None] = {}
    for name in {m.canonical for m in context.mentions if m.kind == "person"}:
        votes = strong.get(name) or weak.get(name) or set()
        genders[name] = next(iter(votes)) if len(votes) == 1 else None
    return genders


def _strong_genders(context: _Context) -> dict[str, set[str]]:
    """Genders told by an honorific before any mention, or by a gendered role word."""
    text = context.text
    found: dict[str, set[str]] = {}
    persons = [m for m in context.mentions if m.kind == "person"]
    for mention in persons:
        for word in (*_honorific_words(text, mention), *context.roles.get(mention.canonical, ())):
            gender = _gender_of_word(word)
            if gender:
                found.setdefault(mention.canonical, set()).add(gender)
    for name in {m.canonical for m in persons}:  # "Ms Lent" the entity stage did not link
        surname = name.split()[-1] if name.split() else ""
        for word in _words_before(text, surname):
            gender = _gender_of_word(word.lower())
            if gender:
                found.setdefault(name, set()).add(gender)
    return found


def _words_before(text: str, surname: str) -> list[str]:
    """The capitalised short word ("Ms", "Dr.") right before each ``surname`` in ``text``.

    The surname is found first (a literal: fast), then the word before it is read: one
    pattern with the word first would try every capital letter of a long article.
    """
    words: list[str] = []
    if not surname:
        return words
    for match in re.finditer(re.escape(surname) + r"\b", text):
        start = match.start()
        if start == 0 or not text[start - 1].isspace():
            continue
        before = _HONORIFIC_BEFORE.search(text, max(0, start - _SURNAME_WINDOW), start)
        if before is not None:
            words.append(before.group(1))
    return words


def _pronoun_genders(context: _Context) -> dict[str, set[str]]:
    """Genders told by the first pronoun after a person in the same sentence.

    The pronoun must be outside quotes, before the next person, and not itself the subject of
    a speech verb (that pronoun is what gets resolved).
    """
    text = context.text
    found: dict[str, set[str]] = {}
    persons = [m for m in context.mentions if m.kind == "person"]
    sentences = _sentences(text, context.spans)
    for index, mention in enumerate(persons):
        if context.inside_quote(mention.start, mention.end):
            continue
        limit = next((b for a, b in sentences if a <= mention.start < b), len(text))
        if index + 1 < len(persons):
            limit = min(limit, persons[index + 1].start)
        for match in _GENDER_PRONOUN.finditer(text, mention.end, limit):
            if context.inside_quote(match.start(), match.end()) or _CUE.match(
                text, match.end() + 1
            ):
                continue
            word = match.group().lower()
            gender = "m" if word in vocab.MALE_PRONOUNS else "f"
            found.setdefault(mention.canonical, set()).add(gender)
            break
    return found


def _honorific_words(text: str, mention: EntityMention) -> list[str]:
    words = [mention.text.split()[0].rstrip(".").lower()] if mention.text.split() else []
    before = _HONORIFIC_BEFORE.search(text, max(0, mention.start - 12), mention.start)
    if before is not None:
        words.append(before.group(1).lower())
    return words


def _gender_of_word(word: str) -> str | None:
    if word in vocab.MALE_HONORIFICS or word in vocab.MALE_ROLE_WORDS:
        return "m"
    if word in vocab.FEMALE_HONORIFICS or word in vocab.FEMALE_ROLE_WORDS:
        return "f"
    return None
