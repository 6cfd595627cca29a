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
``tests/who/quotes/data/quotes_gold.jsonl``.

Cost is linear in the article's length (``bench/quotes_scaling.py``): quote spans, sentences
and mentions are looked up by bisection, each kind of earlier speaker a pronoun or title can
point at has its own ordered list, and a sentence's reported speech reads a bounded number of
cues, so a quote-dense article of a megabyte takes seconds, not minutes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate

from dateline.model import EntityMention, Quote, QuoteKind
from dateline.vocab import quotes as vocab
from dateline.vocab.abbreviations import NON_TERMINAL

__all__ = ["find_quotes"]

#: Words allowed between a direct quote's closing mark and the cue after it ('"...," the
#: former foreign minister said'), and between the cue before a quote and its opening mark
#: ('said that a cut in the spring was "..."'). Calibrated on the dev passages of
#: tests/who/quotes/data/quotes_gold.jsonl; retune together.
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
#: Speech cues read for reported speech in one sentence. The most in 4,800 real articles
#: (Timeline17, the demo, the gold set) is 7; a "sentence" with more is a list or text without
#: punctuation, and reading every cue of it would cost time quadratic in its length.
MAX_SENTENCE_CUES = 16
#: Earlier mentions of persons holding a title that a title reference ("the foreign minister")
#: is compared with, nearest first. Only text naming hundreds of ministers reaches it.
MAX_TITLE_LOOKBACK = 200

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
_RELATIVE = re.compile(r"\s*(?:who|which|whose|where)\b")
_TOKEN = re.compile(r"\S+")
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


class _Ordered:
    """Mentions in text order, for "the nearest one ending before here" look-ups."""

    def __init__(self, mentions: list[EntityMention]) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]

    def before(self, position: int) -> Iterator[EntityMention]:
        """The mentions ending at or before ``position``, nearest (last in order) first."""
        for index in range(bisect_right(self.starts, position) - 1, -1, -1):
            mention = self.mentions[index]
            if mention.end <= position:  # only a mention around ``position`` fails this
                yield mention


@dataclass
class _Context:
    """Everything the rules look up while reading one article."""

    text: str
    mentions: list[EntityMention]  # sorted by (start, -end)
    spans: list[tuple[int, int]]  # direct quotes' content spans, in order, disjoint
    roles: dict[str, set[str]] = field(default_factory=dict)
    genders: dict[str, str | None] = field(default_factory=dict)
    used_cues: set[int] = field(default_factory=set)  # cue offsets that attribute a quote
    _span_starts: list[int] = field(default_factory=list, init=False, repr=False)
    _mention_starts: list[int] = field(default_factory=list, init=False, repr=False)
    _kinds: dict[str, _Ordered] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._span_starts = [a for a, _ in self.spans]
        self._mention_starts = [m.start for m in self.mentions]

    def inside_quote(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside a direct quote."""
        index = bisect_right(self._span_starts, start) - 1  # spans are disjoint: only this one
        return index >= 0 and end <= self.spans[index][1]

    def in_span(self, at: int) -> bool:
        """True when offset ``at`` falls inside a direct quote's span."""
        index = bisect_right(self._span_starts, at) - 1
        return index >= 0 and at < self.spans[index][1]

    def starting(self, start: int, end: int) -> Iterator[EntityMention]:
        """The mentions starting in [start, end], in order."""
        index = bisect_left(self._mention_starts, start)
        while index < len(self.mentions) and self.mentions[index].start <= end:
            yield self.mentions[index]
            index += 1

    def within(self, start: int, end: int) -> Iterator[EntityMention]:
        """The mentions lying in [start, end), in order."""
        return (m for m in self.starting(start, end) if m.end <= end)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The article's sentences (``_sentences``), in order."""
        return _sentences(self.text, self)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [a for a, _ in self.sentences]

    @cached_property
    def outside(self) -> list[EntityMention]:
        """The mentions outside direct quotes: what a pronoun or title can point back at."""
        return [m for m in self.mentions if not self.inside_quote(m.start, m.end)]

    def earlier(self, kind: str) -> _Ordered:
        """One kind of mention outside quotes (built once; genders are known by then)."""
        found = self._kinds.get(kind)
        if found is None:
            found = self._kinds[kind] = _Ordered([m for m in self.outside if _is(self, m, kind)])
        return found


def _is(context: _Context, mention: EntityMention, kind: str) -> bool:
    """Whether ``mention`` is of ``kind``: "it", "he", "she", "title:<head>", "org:<word>",
    "generic-org" or "country"."""
    if kind == "it":
        return mention.kind in {"organisation", "country"}
    if kind in {"he", "she"}:
        gender = "m" if kind == "he" else "f"
        return mention.kind == "person" and context.genders.get(mention.canonical) in {None, gender}
    if kind.startswith("title:"):
        return mention.kind == "person" and kind[6:] in context.roles.get(mention.canonical, ())
    if kind.startswith("org:"):
        return mention.kind == "organisation" and kind[4:] in _name_words(mention.canonical)
    if kind == "generic-org":
        return mention.kind == "organisation" and not (
            _name_words(mention.canonical) & vocab.PUBLIC_BODY_WORDS
        )
    return mention.kind == kind


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
    direct_starts = [q.start for q in quotes]
    for group in _reported(context):
        # A reported clause lies inside its sentence, so it can only overlap a direct quote
        # or another clause of the same sentence. Direct quotes are disjoint and in order: the
        # last one starting before the clause ends is the only one that can overlap it.
        kept: list[Quote] = []
        for quote in group:
            index = bisect_left(direct_starts, quote.end) - 1
            if index >= 0 and quote.start < quotes[index].end:
                continue
            if not any(q.start < quote.end and quote.start < q.end for q in kept):
                kept.append(quote)
        quotes.extend(kept)
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
        if text.find("\n", previous_mark, at) >= 0:
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
    scanned, last = start, ""  # the last non-space character of text[start:scanned]
    for match in _SENTENCE_END.finditer(text, start, limit):
        if match.group() == "\n":
            piece = text[scanned : match.start()].rstrip()
            last, scanned = piece[-1:] or last, match.start()
            if last == ":":
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
    cues = (c for c in _CUE.finditer(text, start, end) if not _passive(text, c.start()))
    cue = next(cues, None)
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
    between = any(
        m.kind in _SPEAKER_KINDS and m.canonical != previous.speaker
        for m in context.within(previous_close, start)
    )
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
    first = next(
        (
            m
            for m in context.starting(sentence_start, start)
            if m.start < start and m.kind == "person" and not context.inside_quote(m.start, m.end)
        ),
        None,
    )
    if first is None:
        return None, None
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


def _sentences(text: str, context: _Context) -> list[tuple[int, int]]:
    """Sentence spans whose ends never fall inside a direct quote."""
    found: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        at = match.start()
        if _abbreviation(text, at) or context.in_span(at):
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


def _reported(context: _Context) -> list[list[Quote]]:
    """The reported clauses of each sentence (sentences without one left out), in order."""
    groups: list[list[Quote]] = []
    for start, end in context.sentences:
        quotes: list[Quote] = []
        read = 0
        for cue in _CUE.finditer(context.text, start, end):
            if (
                context.inside_quote(cue.start(), cue.end())
                or cue.start() in context.used_cues
                or _passive(context.text, cue.start())
            ):
                continue
            read += 1
            if read > MAX_SENTENCE_CUES:
                break
            quote = _reported_at(context, cue, start, end)
            if quote is not None and quote.end - quote.start > 0:
                quotes.append(quote)
        if quotes:
            groups.append(quotes)
    return groups


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
        while _RELATIVE.match(text, clause_start, end):
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
        for m in context.within(start, end)
        if m.kind in _SPEAKER_KINDS
        and not context.inside_quote(m.start, m.end)
        and _speaks_for_itself(text, m)
    ]
    taken_starts = [r.start for r in refs]  # in order: the mentions are
    reach = list(accumulate((r.end for r in refs), max))  # the furthest end so far

    def free(a: int, b: int) -> bool:
        """No mention ref overlaps [a, b) (of those starting before b, none ends after a)."""
        before = bisect_left(taken_starts, b)
        return (before == 0 or reach[before - 1] <= a) and not context.inside_quote(a, b)

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
    if ref.kind == "pronoun":
        return _resolve_pronoun(context, ref), ref.text
    return _resolve_title(context, ref), ref.text


def _nearest(context: _Context, kind: str, position: int) -> str | None:
    """The canonical name of the nearest mention of ``kind`` outside quotes ending by
    ``position``."""
    mention = next(context.earlier(kind).before(position), None)
    return None if mention is None else mention.canonical


def _resolve_pronoun(context: _Context, ref: _Ref) -> str | None:
    word = ref.text.lower()
    return _nearest(context, word if word in {"he", "she"} else "it", ref.start)


def _resolve_title(context: _Context, ref: _Ref) -> str | None:
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


def _resolve_organisation(context: _Context, noun: str, position: int) -> str | None:
    found = _nearest(context, f"org:{noun}", position)
    if found is None and noun in vocab.GENERIC_ORG_NOUNS:
        found = _nearest(context, "generic-org", position)
    if found is None and noun in vocab.COUNTRY_NOUNS:
        found = _nearest(context, "country", position)
    return found


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
    for token in _TOKEN.finditer(text):
        start, word = token.start(), token.group()
        if start == 0 or word[0] not in initials:
            continue
        for length in lengths:
            if length > len(word):
                break
            surname = word[:length]
            if surname in patterns and patterns[surname].match(text, start):
                before = _HONORIFIC_BEFORE.search(text, max(0, start - _SURNAME_WINDOW), start)
                if before is not None:
                    words[surname].append(before.group(1))
    return words


def _pronoun_genders(context: _Context) -> dict[str, set[str]]:
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
