"""The hand-annotated quote set and its scoring, shared by ``bench/quotes.py`` and the tests.

The set (``tests/who/quotes/data/quotes_gold.jsonl``) is one passage per line, written for this
project (fictional people and places), with these fields:

- ``id``, ``split`` (``dev``: rules are tuned on it; ``test``: reported, never tuned on),
  ``text``;
- ``mentions``: the gold entity mentions as ``{surface, kind, canonical, role}``; every
  whole-word occurrence of ``surface`` is a mention (longer surfaces win overlaps), so the rules
  can be scored without the NER model;
- ``quotes``: ``{text, kind, speaker, cases}``: ``text`` is the exact quoted or reported words
  (its first occurrence in the passage is the gold span), ``kind`` "direct" or "reported",
  ``speaker`` the canonical name or null when no named entity said it, ``cases`` the hard cases
  it exercises ("pronoun", "title", "multi-paragraph", ...);
- ``non_quotes``: quoted words that are not speech (scare quotes, titles of works).

Matching: edge spaces and punctuation are trimmed from both spans; a system quote matches a
gold one when the character overlap over the union (Jaccard) is at least ``MIN_OVERLAP``,
one to one, best overlap first. A speaker is right when both are None, or the names are equal
ignoring case, or (for names from the NER model, "Ilvesk" for "Marta Ilvesk") their last words
are equal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dateline.model import EntityKind, EntityMention, Quote

#: Character Jaccard a system span needs with a gold span to count as the same quote.
MIN_OVERLAP = 0.5

_EDGE = " \t\n.,;:!?\"'“”‘’"


@dataclass(frozen=True)
class GoldQuote:
    """One annotated quote: its span, kind, speaker and the cases it exercises."""

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    cases: tuple[str, ...]


@dataclass(frozen=True)
class Passage:
    """One annotated passage."""

    id: str
    split: str
    text: str
    mentions: tuple[EntityMention, ...]
    quotes: tuple[GoldQuote, ...]
    non_quotes: tuple[tuple[int, int], ...]


def load_passages(path: Path) -> list[Passage]:
    """Read the annotated set; raises ValueError when a span or mention is not in its text."""
    passages = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text: str = row["text"]
        quotes = []
        for quote in row["quotes"]:
            start = text.find(quote["text"])
            if start < 0:
                raise ValueError(f"{row['id']}: quote not in text: {quote['text']!r}")
            quotes.append(
                GoldQuote(
                    start,
                    start + len(quote["text"]),
                    quote["text"],
                    quote["kind"],
                    quote["speaker"],
                    tuple(quote["cases"]),
                )
            )
        non_quotes = []
        for words in row["non_quotes"]:
            start = text.find(words)
            if start < 0:
                raise ValueError(f"{row['id']}: non-quote not in text: {words!r}")
            non_quotes.append((start, start + len(words)))
        passages.append(
            Passage(
                row["id"],
                row["split"],
                text,
                tuple(_mentions(text, row["mentions"])),
                tuple(quotes),
                tuple(non_quotes),
            )
        )
    return passages


def _mentions(text: str, rows: Iterable[dict[str, str | None]]) -> list[EntityMention]:
    taken: list[tuple[int, int]] = []
    mentions = []
    for row in sorted(rows, key=lambda r: -len(str(r["surface"]))):
        surface = str(row["surface"])
        pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append(match.span())
            kind: EntityKind = row["kind"]  # type: ignore[assignment]
            mentions.append(
                EntityMention(
                    match.start(), match.end(), surface, kind, str(row["canonical"]), row["role"]
                )
            )
    if len(mentions) < len({str(r["surface"]) for r in rows}):
        raise ValueError(f"a gold mention is missing from its text: {text[:60]!r}")
    return sorted(mentions, key=lambda m: m.start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def overlap(text: str, first: tuple[int, int], second: tuple[int, int]) -> float:
    """Character Jaccard of two spans of ``text`` after trimming their edges."""
    a, b = _trim(text, *first)
    c, d = _trim(text, *second)
    shared = max(0, min(b, d) - max(a, c))
    union = max(b, d) - min(a, c)
    return shared / union if union > 0 else 0.0


def same_speaker(gold: str | None, system: str | None) -> bool:
    """Both None, equal ignoring case, or the same last word."""
    if gold is None or system is None:
        return gold is system
    if gold.casefold() == system.casefold():
        return True
    return gold.split()[-1].casefold() == system.split()[-1].casefold()


@dataclass
class Scores:
    """Counts over a set of passages, and the derived rates."""

    gold: int = 0
    system: int = 0
    matched: int = 0
    speaker_right: int = 0
    kind_right: int = 0
    cases: dict[str, list[int]] = field(default_factory=dict)  # case -> [right, total]
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        """Right speakers over matched quotes."""
        return self.speaker_right / self.matched if self.matched else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.matched if self.matched else 0.0

    @property
    def end_to_end(self) -> float:
        """Gold quotes found with the right speaker, over all gold quotes."""
        return self.speaker_right / self.gold if self.gold else 0.0

    def case(self, name: str, right: bool) -> None:
        counts = self.cases.setdefault(name, [0, 0])
        counts[0] += int(right)
        counts[1] += 1


def score(
    passages: Sequence[Passage],
    find: Callable[[Passage], Sequence[Quote]],
) -> Scores:
    """Run ``find`` on each passage and score it against the gold quotes."""
    scores = Scores()
    for passage in passages:
        system = list(find(passage))
        scores.gold += len(passage.quotes)
        scores.system += len(system)
        pairs = sorted(
            (
                (overlap(passage.text, (g.start, g.end), (s.start, s.end)), gi, si)
                for gi, g in enumerate(passage.quotes)
                for si, s in enumerate(system)
            ),
            reverse=True,
        )
        gold_to_system: dict[int, int] = {}
        used: set[int] = set()
        for value, gi, si in pairs:
            if value >= MIN_OVERLAP and gi not in gold_to_system and si not in used:
                gold_to_system[gi] = si
                used.add(si)
        for gi, gold in enumerate(passage.quotes):
            si_or_none = gold_to_system.get(gi)
            found = system[si_or_none] if si_or_none is not None else None
            right = found is not None and same_speaker(gold.speaker, found.speaker)
            if found is not None:
                scores.matched += 1
                scores.speaker_right += int(right)
                scores.kind_right += int(found.kind == gold.kind)
            for case in (*gold.cases, gold.kind):
                scores.case(case, right)
            if not right:
                got = "missed" if found is None else f"speaker {found.speaker!r}"
                scores.errors.append(
                    f"{passage.id}: {gold.text[:40]!r} want {gold.speaker!r}, {got}"
                )
        for si, quote in enumerate(system):
            if si not in used:
                scores.errors.append(f"{passage.id}: extra {quote.text[:40]!r} ({quote.speaker!r})")
        for span in passage.non_quotes:
            hit = any(overlap(passage.text, span, (q.start, q.end)) > 0 for q in system)
            scores.case("scare-quote", not hit)
    return scores
