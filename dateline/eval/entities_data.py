"""Gold entity mentions of ECB+ and MEANTIME (Cattan et al. 2021's processed release).

Both corpora come tokenised, one token per line (doc id, sentence, document-wide token number,
token), with gold entity mentions as JSON (token numbers, type, coreference chain). To run
dateline's entity stage on them, each document's tokens are joined back into text with light
detokenisation ("Russia 's" -> "Russia's", no space before punctuation), sentences one per line,
and every token keeps its character offsets so gold mentions become character spans.

``is_name`` decides which gold mentions are names, the only mentions an NER stage should find:
the corpora also annotate nominal ("the company") and pronoun mentions. Splits: ECB+ dev is for
tuning, ECB+ test is report-only; MEANTIME is one file ("all") and is report-only here
(../shared/bench-data/README.md).
"""

from __future__ import annotations

import json
import tarfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Final

from dateline.eval.ecbplus import TARBALL
from dateline.vocab.entities import HONORIFICS

#: (corpus, split) -> (token file, entity mention file) inside the tarball.
FILES: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("ecbplus", "dev"): (
        "ecbplus_processed_cattan/dev_text.txt",
        "ecbplus_processed_cattan/dev_entity_gold_mentions.json",
    ),
    ("ecbplus", "test"): (
        "ecbplus_processed_cattan/test_text.txt",
        "ecbplus_processed_cattan/test_entity_gold_mentions.json",
    ),
    ("meantime", "all"): (
        "meantime_processed_cattan/all_text.txt",
        "meantime_processed_cattan/all_entity_gold_mentions.json",
    ),
}
#: Gold types of named-entity-like mentions: ECB+ human participants (persons and
#: organisations), non-human participants and locations; MEANTIME persons, organisations and
#: locations. Times, products and financial terms are left out.
NAME_TYPES: Final[dict[str, frozenset[str]]] = {
    "ecbplus": frozenset({"HUM", "NON", "LOC"}),
    "meantime": frozenset({"PER", "ORG", "LOC"}),
}
_NO_SPACE_BEFORE: Final = frozenset(
    {",", ".", ":", ";", "!", "?", ")", "]", "%", "'s", "’s", "n't", "'", "''", "'re", "'ve"}
)
_NO_SPACE_AFTER: Final = frozenset({"(", "[", "$", "``"})
#: Lower-case words allowed inside a name ("Bank of America", "Procter & Gamble").
_NAME_CONNECTORS: Final = frozenset({"of", "and", "&", "de", "the", "for", "'s", "-", "on", "du"})


@dataclass(frozen=True)
class GoldMention:
    """A gold entity mention as a character span of its document's text."""

    doc_id: str
    start: int
    end: int
    text: str
    type: str
    chain: str
    is_name: bool
    name_part: tuple[int, int] | None = None


@dataclass(frozen=True)
class GoldDocument:
    """A document's detokenised text and its gold entity mentions."""

    doc_id: str
    text: str
    mentions: tuple[GoldMention, ...]


def common_words(texts: Iterable[str]) -> frozenset[str]:
    """Words written lower-case more often than capitalised inside sentences ("police").

    A headline's "Police" or a sentence-initial "Woman" is capitalised but not a name; a word
    counts as common when, away from the start of a line or sentence, it is lower-case more
    often than not.
    """
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for text in texts:
        for line in text.splitlines():
            words = line.split()
            for previous, word in pairwise(words):
                if previous.endswith((".", "!", "?", ":", "``", '"')):
                    continue
                (upper if word[:1].isupper() else lower)[word.lower()] += 1
    return frozenset(w for w, n in lower.items() if n > upper[w])


def is_name(
    tokens: list[str],
    mention_type: str,
    corpus: str,
    pronoun: bool,
    common: frozenset[str] = frozenset(),
) -> bool:
    """Whether a gold mention is a name: a kept type, no pronoun, capitalised words only.

    A leading "the" is allowed ("the United Nations"); inside, a few lower-case connectors;
    at least one word must not be ``common`` (so "Police" at a headline's start is no name).
    """
    if pronoun or mention_type not in NAME_TYPES[corpus]:
        return False
    words = tokens[1:] if tokens and tokens[0].lower() == "the" and len(tokens) > 1 else tokens
    if not words or not words[0][:1].isupper():
        return False
    if all(w.lower() in common or w.lower() in _NAME_CONNECTORS for w in words):
        return False
    return all(_name_word(w) for w in words)


def _name_word(word: str) -> bool:
    """Capitalised, a number, a possessive or a connector: a word a name may hold."""
    if word in {"'", "’", "’s", "."} or word[:1].isupper() or word[:1].isdigit():
        return True
    return word.lower() in _NAME_CONNECTORS


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text of a sentence's tokens and each token's (start, end) in it."""
    parts: list[str] = []
    offsets = []
    position = 0
    for i, token in enumerate(tokens):
        glue = i == 0 or token in _NO_SPACE_BEFORE or tokens[i - 1] in _NO_SPACE_AFTER
        if not glue:
            parts.append(" ")
            position += 1
        offsets.append((position, position + len(token)))
        parts.append(token)
        position += len(token)
    return "".join(parts), offsets


def _read(archive: tarfile.TarFile, member: str) -> str:
    handle = archive.extractfile(member)
    if handle is None:
        raise FileNotFoundError(f"{member} not in {archive.name!r}")
    return handle.read().decode("utf-8")


def _locate(
    sentence: tuple[list[str], list[tuple[int, int]], int], words: list[str], first_id: int
) -> tuple[int, int] | None:
    """Character span of a mention's words in its sentence.

    Token numbers in the mention files count from the document's start over every sentence of
    the original, while the token file holds only annotated sentences; so the words are looked
    for in their sentence, the occurrence nearest the position the number suggests winning.
    """
    tokens, offsets, first = sentence
    n = len(words)
    hits = [i for i in range(len(tokens) - n + 1) if tokens[i : i + n] == words]
    if not hits:
        return None
    guess = first_id - first
    best = min(hits, key=lambda i: abs(i - guess))
    return offsets[best][0], offsets[best + n - 1][1]


def _after_honorifics(text: str, start: int, end: int) -> int:
    """Start of a gold name after its honorifics ("Dr. Sanjay Gupta" -> "Sanjay Gupta"):
    dateline keeps honorifics out of names."""
    while True:
        word = text[start:end].split(" ", 1)
        if len(word) < 2 or word[0].lower().rstrip(".") not in HONORIFICS:
            return start
        start += len(word[0]) + 1


def _name_part(text: str, start: int, end: int, common: frozenset[str]) -> tuple[int, int] | None:
    """The name closing a longer gold mention ("in Queens" -> "Queens"), if any."""
    words = text[start:end].split(" ")
    run = 0
    while run < len(words) and words[-1 - run][:1].isupper():
        run += 1
    if run == 0 or run == len(words):
        return None
    tail = words[-run:]
    if all(w.lower() in common for w in tail):
        return None
    return end - len(" ".join(tail)), end


def load_gold(corpus: str, split: str, tarball: Path = TARBALL) -> list[GoldDocument]:
    """Documents of a corpus split with their gold entity mentions, in file order.

    Args:
        corpus: "ecbplus" or "meantime".
        split: "dev" or "test" for ECB+, "all" for MEANTIME.
        tarball: the processed release.
    """
    if (corpus, split) not in FILES:
        raise ValueError(f"unknown corpus split {corpus}/{split} (choose from {sorted(FILES)})")
    token_member, mention_member = FILES[(corpus, split)]
    with tarfile.open(tarball, "r:gz") as archive:
        token_lines = _read(archive, token_member).splitlines()
        gold = json.loads(_read(archive, mention_member))
    sentences: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for line in token_lines:
        fields = line.split("\t")
        if len(fields) >= 4 and fields[0]:
            sentences[fields[0]][int(fields[1])].append(fields[3])
    texts: dict[str, str] = {}
    # doc -> sentence -> (tokens, their document offsets, first document-wide token number)
    layout: dict[str, dict[int, tuple[list[str], list[tuple[int, int]], int]]] = {}
    for doc_id, by_number in sentences.items():
        lines, offset, first, doc_layout = [], 0, 0, {}
        for number in sorted(by_number):
            words = by_number[number]
            text, offsets = detokenise(words)
            doc_layout[number] = (words, [(offset + a, offset + b) for a, b in offsets], first)
            lines.append(text)
            offset += len(text) + 1
            first += len(words)
        texts[doc_id] = "\n".join(lines)
        layout[doc_id] = doc_layout
    common = common_words(texts.values())
    mentions: dict[str, list[GoldMention]] = defaultdict(list)
    for record in gold:
        doc_id = record["doc_id"]
        sentence = layout.get(doc_id, {}).get(int(record["sent_id"]))
        words = record["tokens_str"].split()
        if sentence is None or not words:
            continue
        located = _locate(sentence, words, min(record["tokens_ids"]))
        if located is None:
            continue
        start, end = located
        if words[0].lower() == "the" and len(words) > 1:
            start = texts[doc_id].index(words[1], start)  # names are compared without "the"
        for suffix in ("'s", "’s", "'", "’"):  # names are compared without a possessive
            if texts[doc_id][start:end].endswith(suffix) and end - len(suffix) > start:
                end -= len(suffix)
                break
        name = is_name(words, record["mention_type"], corpus, bool(record["is_pronoun"]), common)
        if name:
            start = _after_honorifics(texts[doc_id], start, end)
        part = None if name else _name_part(texts[doc_id], start, end, common)
        mentions[doc_id].append(
            GoldMention(
                doc_id,
                start,
                end,
                texts[doc_id][start:end],
                record["mention_type"],
                record["coref_chain"],
                name,
                part,
            )
        )
    return [GoldDocument(d, texts[d], tuple(mentions.get(d, ()))) for d in texts]
