"""What the rules look up while reading one article: mentions in order, quote spans,
roles and genders."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from dateline.model import EntityMention
from dateline.vocab import quotes as vocab
from dateline.who.quotes.patterns import WORD
from dateline.who.quotes.text import quote_sentences


@dataclass(frozen=True)
class Ref:
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
class Context:
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
        """The article's sentences (``quote_sentences``), in order."""
        return quote_sentences(self.text, self)

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


def _is(context: Context, mention: EntityMention, kind: str) -> bool:
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
        return mention.kind == "organisation" and kind[4:] in name_words(mention.canonical)
    if kind == "generic-org":
        return mention.kind == "organisation" and not (
            name_words(mention.canonical) & vocab.PUBLIC_BODY_WORDS
        )
    return mention.kind == kind


def name_words(name: str) -> set[str]:
    return {word.lower() for word in WORD.findall(name)}
