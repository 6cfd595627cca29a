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

The package: ``direct.py`` (quote marks, cues next to them), ``reported.py`` (clauses around
speech cues), ``speakers.py`` (references and what they resolve to; roles and genders),
``context.py`` (the per-article look-ups), ``text.py`` (sentence ends, verb shapes) and
``patterns.py`` (the calibrated limits and regular expressions).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from dateline.model import EntityMention, Quote
from dateline.who.quotes.context import Context
from dateline.who.quotes.direct import direct_quotes, direct_spans
from dateline.who.quotes.reported import reported_quotes
from dateline.who.quotes.speakers import read_genders, read_roles

__all__ = ["find_quotes"]


def find_quotes(text: str, mentions: Sequence[EntityMention]) -> list[Quote]:
    """The direct quotes and reported speech of one article, in text order.

    Args:
        text: the article's cleaned text (paragraphs are lines).
        mentions: the article's named-entity mentions, with offsets into ``text``.

    Returns:
        One ``Quote`` per quoted stretch (a quote re-opened over several paragraphs is one)
        and per reported clause; ``speaker`` is a mention's canonical name or None.
    """
    spans = direct_spans(text)
    context = Context(text, sorted(mentions, key=lambda m: (m.start, -m.end)), spans)
    context.roles = read_roles(context.mentions)
    context.genders = read_genders(context)
    quotes = direct_quotes(context)
    direct_starts = [q.start for q in quotes]
    for group in reported_quotes(context):
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
