"""TempEval-3 Task A timex scores, computed the way the official TE-3 toolkit computes them.

The published figures (and the anchor figures in ../shared/bench-data/tempeval3/README.txt) come
from the official toolkit (github naushadzaman/tempeval3_toolkit, the version used for the task).
Its definitions, as this module re-implements them (no code taken from it):

1. **Tokens.** TEXT's plain text is cut into tokens the way its TreeTagger-style tokenizer does:
   whitespace, leading brackets and quotes, trailing punctuation, final periods (except for a
   list of abbreviations), English clitics ('s, n't ...), and a token with exactly one inner
   hyphen becomes three ("2009-2010" -> 2009 / - / 2010). A timex covers every token it touches;
   a token touched by two timexes of one file belongs to the one that starts last, and a timex
   left with no token of its own vanishes from that file's counts.
2. **Pairing.** Gold and system are walked token by token; a timex that begins on a token where a
   timex of the other file is still open is paired with it, unless that file has already used
   that pairing id or a later one (so pairing is one-to-one and greedy from the left). A timex
   stays open until a token outside any timex that is not an EVENT token - an EVENT right after
   a gold timex keeps it open, a quirk of the toolkit that this module keeps.
3. **Counting.** Only timexes whose element holds text only count (the toolkit's regular
   expression skips a TIMEX3 with a SIGNAL or another tag inside). A pair is a relaxed match; a
   strict match when the two timexes cover the same text; the value (type) is correct when a
   relaxed pair has the same value (type) string.
4. **Figures.** Micro-averaged over the files of a folder: P = matches / system timexes,
   R = matches / gold timexes; value and type P/R use the correct attributes over the same
   denominators, so attribute F1 = accuracy over relaxed matches x relaxed F1, as the toolkit
   prints. With no timex at all on either side every figure is 1, as in the toolkit.

Files are matched by relative path: a system file must carry its gold file's name. A gold file
without a system file counts as a system that found nothing (logged); the official toolkit stops
instead. A system file whose TEXT differs from the gold TEXT (outside tags) is an error.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from dateline.eval.timeml import Span, TimeMLDocument, TimeMLTimex, read_timeml

log = logging.getLogger(__name__)

GOLD_SUFFIX = ".tml"

# Tokenizer vocabulary (the toolkit's TreeTagger-style tokenizer, English mode).
_C1 = "".join(chr(code) for code in (0o202, 0o204, 0o206, 0o207, 0o213, *range(0o221, 0o230)))
_LEADING = set('[{(´`"»«' + _C1 + chr(0o233))
"""Characters cut off the front of a word."""
_TRAILING = set("]}'`\"),;:!?%»«" + _C1 + chr(0o205) + chr(0o211) + chr(0o233))
"""Characters cut off the end of a word."""
_CLITIC = re.compile(r"(?s).('(?:s|re|ve|d|m|em|ll)|n't)$")
_LETTER = "a-zA-ZÀ-ÿ"
_INITIALS = re.compile(rf"(?:[{_LETTER}]\.)+")
_ONE_HYPHEN = re.compile(r"[^-]+-[^-]+")
_SPLIT_AROUND = re.compile(r"\.\.\.")
_SPLIT_AFTER = (
    re.compile(r"[;!?/](?=[^ ])"),
    re.compile(r",(?=[^ 0-9.])"),
    re.compile(rf"[{_LETTER}][{_LETTER}][.:](?=[A-ZÀ-Ý])"),
)
ABBREVIATIONS = frozenset(
    """Adm. Ala. Ariz. Ark. Aug. Ave. Bancorp. Bhd. Brig. Bros. CO. CORP. COS. Ca. Calif.
    Canada-U.S. Canadian-U.S. Capt. Cia. Cie. Co. Col. Colo. Conn. Corp. Cos. D-Mass. Dec. Del.
    Dept. Dr. Drs. Etc. Feb. Fla. Fri. Ga. Gen. Gov. Ill. Inc. Ind. Jan. Jr. Kan. Ky. La. Lt.
    Ltd. Maj. Mass. Md. Messrs. Mich. Minn. Miss. Mo. Mr. Mrs. Ms. Mt. N.C. N.D. N.H. N.J. N.M.
    N.Y. Neb. Nev. No. Nos. Nov. Oct. Okla. Ore. Pa. Ph. Prof. Prop. Pty. Rep. Reps. Rev. S.C.
    S.D. Sen. Sens. Sept. Sgt. Sr. St. Tenn. Tex. U.S.-U.K. U.S.-U.S.S.R. Va. Vt. W.Va. Wash.
    Wis. Wyo. a.k.a. a.m. ca. cf. e.g. etc. i.e. p.m. v. vs.""".split()
)
"""Words the tokenizer keeps whole (its abbreviation list, as far as it decides token bounds)."""


@dataclass
class TimexCounts:
    """Raw counts, summed over files (micro-averaging)."""

    files: int = 0
    missing: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def __iadd__(self, other: TimexCounts) -> TimexCounts:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))
        return self


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 in [0, 1]."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class TimexScores:
    """TE-3 Task A timex figures plus the counts they come from."""

    strict: PRF
    relaxed: PRF
    value: PRF
    type: PRF
    counts: TimexCounts

    def as_dict(self) -> dict[str, Any]:
        """Plain figures for JSON (fractions, not percentages)."""
        return asdict(self)


# --------------------------------------------------------------------------------------------
# Tokens


def tokenize(text: str) -> list[Span]:
    """Token spans of ``text`` as the TE-3 toolkit's tokenizer cuts it."""
    tokens: list[Span] = []
    for word in _words(text):
        for token in _cut_word(text, word):
            tokens.extend(_split_hyphen(text, token))
    return tokens


def _words(text: str) -> list[Span]:
    """Whitespace-separated words after the tokenizer's forced splits."""
    found: set[int] = set()
    for match in _SPLIT_AROUND.finditer(text):
        found.update((match.start(), match.end()))
    for pattern in _SPLIT_AFTER:
        found.update(match.end() for match in pattern.finditer(text))
    cuts = sorted(found)
    words: list[Span] = []
    for match in re.finditer(r"\S+", text):
        start = match.start()
        first = bisect.bisect_right(cuts, start)
        last = bisect.bisect_left(cuts, match.end())
        for cut in cuts[first:last]:
            words.append(Span(start, cut))
            start = cut
        words.append(Span(start, match.end()))
    return words


def _cut_word(text: str, word: Span) -> list[Span]:
    """Peel brackets, punctuation, final periods and clitics off one word."""
    start, end = word.start, word.end
    prefix: list[Span] = []
    suffix: list[Span] = []
    while text[start:end] not in ABBREVIATIONS:
        if end - start >= 2 and text[start] in _LEADING:
            prefix.append(Span(start, start + 1))
            start += 1
        elif end - start >= 2 and text[end - 1] in _TRAILING:
            suffix.insert(0, Span(end - 1, end))
            end -= 1
        elif end - start >= 2 and text[end - 1] == "." and text[end - 2] in _TRAILING:
            suffix.insert(0, Span(end - 1, end))
            end -= 1
            if end - start >= 2:
                suffix.insert(0, Span(end - 1, end))
                end -= 1
        else:
            break
    core = text[start:end]
    if core not in ABBREVIATIONS and not _INITIALS.fullmatch(core):
        if len(core) >= 2 and core.endswith(".") and core != "...":
            suffix.insert(0, Span(end - 1, end))
            end -= 1
        if text[start:end] not in ABBREVIATIONS:
            while (clitic := _CLITIC.search(text[start:end])) is not None:
                cut = start + clitic.start(1)
                suffix.insert(0, Span(cut, end))
                end = cut
    return [*prefix, Span(start, end), *suffix]


def _split_hyphen(text: str, token: Span) -> list[Span]:
    if not _ONE_HYPHEN.fullmatch(text[token.start : token.end]):
        return [token]
    hyphen = text.index("-", token.start, token.end)
    return [Span(token.start, hyphen), Span(hyphen, hyphen + 1), Span(hyphen + 1, token.end)]


# --------------------------------------------------------------------------------------------
# Pairing and counting


_OUTSIDE = -1
_EVENT = -2


def _labels(tokens: Sequence[Span], document: TimeMLDocument) -> tuple[list[int], list[bool]]:
    """Per token: index of its timex (or outside/event) and whether it begins that timex."""
    owner = [_OUTSIDE] * len(tokens)
    begins = [False] * len(tokens)
    starts = [token.start for token in tokens]
    for event in document.events:
        for index in _covered(tokens, starts, event.start, event.end):
            owner[index] = _EVENT
    for number, timex in enumerate(document.timexes):
        covered = _covered(tokens, starts, timex.start, timex.end)
        for position, index in enumerate(covered):
            if position == 0 or not begins[index]:
                owner[index] = number
                begins[index] = position == 0
    return owner, begins


def _covered(tokens: Sequence[Span], starts: list[int], start: int, end: int) -> range:
    """Indexes of the tokens that share a character with ``start``-``end``."""
    first = bisect.bisect_right(starts, start) - 1
    if first < 0 or tokens[first].end <= start:
        first += 1
    last = bisect.bisect_left(starts, end)
    return range(first, last)


def pair_timexes(
    gold: TimeMLDocument, system: TimeMLDocument, tokens: Sequence[Span] | None = None
) -> list[tuple[int, int]]:
    """Pairs (gold index, system index) of timexes, as the toolkit's normaliser pairs them.

    Indexes point into ``document.timexes``; a timex without a token of its own is never paired.
    """
    if tokens is None:
        tokens = tokenize(gold.text)
    sides = (_labels(tokens, gold), _labels(tokens, system))
    open_id = [0, 0]
    last_used = [0, 0]
    next_id = 1
    ids: tuple[dict[int, int], dict[int, int]] = ({}, {})
    for index in range(len(tokens)):
        for side, (owner, begins) in enumerate(sides):
            if owner[index] == _OUTSIDE or begins[index]:
                open_id[side] = 0
        for side, (owner, begins) in enumerate(sides):
            if not begins[index]:
                continue
            other = 1 - side
            chosen = next_id
            if open_id[other] and last_used[side] < open_id[other]:
                chosen = open_id[other]
            open_id[side] = last_used[side] = chosen
            if chosen == next_id:
                next_id += 1
            ids[side][owner[index]] = chosen
    system_by_id = {number: timex for timex, number in ids[1].items()}
    return [
        (timex, system_by_id[number]) for timex, number in ids[0].items() if number in system_by_id
    ]


def surviving(document: TimeMLDocument, tokens: Sequence[Span] | None = None) -> set[int]:
    """Indexes of the timexes that own at least one token (the others vanish in the toolkit)."""
    if tokens is None:
        tokens = tokenize(document.text)
    owner, begins = _labels(tokens, document)
    return {owner[i] for i in range(len(owner)) if begins[i]}


def count_document(gold: TimeMLDocument, system: TimeMLDocument) -> TimexCounts:
    """Counts for one gold file and its system file.

    Raises:
        ValueError: the two files do not have the same TEXT.
    """
    if gold.text != system.text:
        raise ValueError(
            f"{system.path}: TEXT differs from the gold file {gold.path} "
            f"(at character {_first_difference(gold.text, system.text)})"
        )
    tokens = tokenize(gold.text)
    gold_counted = _counted(gold, tokens)
    system_counted = _counted(system, tokens)
    counts = TimexCounts(files=1, gold=len(gold_counted), system=len(system_counted))
    for gold_index, system_index in pair_timexes(gold, system, tokens):
        if gold_index not in gold_counted or system_index not in system_counted:
            continue
        truth, guess = gold.timexes[gold_index], system.timexes[system_index]
        if not truth.text.strip() or not guess.text.strip():
            continue
        counts.relaxed += 1
        counts.strict += truth.text == guess.text
        counts.value += truth.value == guess.value
        counts.type += truth.type == guess.type
    return counts


def _counted(document: TimeMLDocument, tokens: Sequence[Span] | None = None) -> set[int]:
    return {index for index in surviving(document, tokens) if _scored(document.timexes[index])}


def _scored(timex: TimeMLTimex) -> bool:
    return not timex.nested_markup


def _first_difference(first: str, second: str) -> int:
    for index, (a, b) in enumerate(zip(first, second, strict=False)):
        if a != b:
            return index
    return min(len(first), len(second))


# --------------------------------------------------------------------------------------------
# Folders and figures


def count_folders(gold_dir: Path | str, system_dir: Path | str) -> TimexCounts:
    """Summed counts over every ``.tml`` file under ``gold_dir`` and its namesake in system."""
    gold_dir, system_dir = Path(gold_dir), Path(system_dir)
    total = TimexCounts()
    gold_files = sorted(gold_dir.rglob(f"*{GOLD_SUFFIX}"))
    if not gold_files:
        raise ValueError(f"{gold_dir}: no {GOLD_SUFFIX} files")
    for gold_path in gold_files:
        gold = read_timeml(gold_path)
        system_path = system_dir / gold_path.relative_to(gold_dir)
        if not system_path.is_file():
            log.warning("%s: no system file; counted as finding nothing", system_path)
            missing = TimexCounts(files=1, missing=1, gold=len(_counted(gold)))
            total += missing
            continue
        total += count_document(gold, read_timeml(system_path))
    return total


def scores(counts: TimexCounts) -> TimexScores:
    """P/R/F1 figures from summed counts."""
    if counts.gold == 0 and counts.system == 0:
        perfect = PRF(1.0, 1.0, 1.0)
        return TimexScores(perfect, perfect, perfect, perfect, counts)

    def prf(correct: int) -> PRF:
        precision = correct / counts.system if counts.system else 0.0
        recall = correct / counts.gold if counts.gold else 0.0
        total = precision + recall
        return PRF(precision, recall, 2 * precision * recall / total if total else 0.0)

    return TimexScores(
        strict=prf(counts.strict),
        relaxed=prf(counts.relaxed),
        value=prf(counts.value),
        type=prf(counts.type),
        counts=counts,
    )


def score_folders(gold_dir: Path | str, system_dir: Path | str) -> TimexScores:
    """TE-3 Task A timex figures of a system folder against a gold folder."""
    return scores(count_folders(gold_dir, system_dir))
