"""Entity stage: NER span P/R/F1 and alias-merging accuracy on ECB+/MEANTIME; speed on T17.

Usage: python bench/entities.py [--test] [--skip-speed] [--articles N]

Quality (``dateline.eval.entities_data``): each gold document's tokens are detokenised into
text and run through ``dateline.who.entities.extract_mentions_batch``. Gold mentions that are names
(``entities_data.is_name``: ECB+ HUM/NON/LOC, MEANTIME PER/ORG/LOC, not pronouns, capitalised
words only, a leading "the" dropped) are the targets.

* recall: gold names with a predicted mention of exactly the same span (strict) or overlapping
  it (lenient);
* precision: over the predicted mentions (all kinds but "other") that overlap some gold entity
  mention of any type, the share that exactly match (strict) or overlap (lenient) a gold name
  or the name closing a longer gold mention ("Queens" in "in Queens").
  The corpora annotate only some entities (ECB+: those taking part in the annotated events), so
  predictions elsewhere are not counted;
* typed (MEANTIME only, whose types are clean): a strict match whose kind agrees (PER->person,
  ORG->organisation, LOC->place or country).
The same figures for spaCy's raw entities (no dateline rules) stand beside them.

Alias merging: over the gold names with a strict match, the entity each is merged into by
``merge_entities`` (all documents of the split as one corpus) against the gold coreference
chain, B-cubed and pairwise P/R/F1, beside two baselines: same surface string, and the
article-level canonical name without corpus-wide merging.

ECB+ dev is the tuning split and is printed by default; ``--test`` adds the report-only ECB+
test and MEANTIME tables (run once, at the end). Speed: articles/s of the stage on ``--articles``
Timeline17 articles (evenly spread over the raw tarball) for several settings, with the share
of each article's distinct entity names that a setting still finds compared with NER over the
whole text. "dateline, NER on the whole text" is the stage before ``recognise`` read only the
stretches where names can be (``dateline.who.entities.ner``); "dateline, NER on every stretch"
the stage before NER read only the lead and the words its names do not explain, matching those
names elsewhere (``dateline.who.entities.gazetteer``, the default: "dateline").
"""

from __future__ import annotations

import argparse
import tarfile
import time
from collections.abc import Callable, Sequence

from dateline.eval.clustering import PRF, bcubed, pairwise
from dateline.eval.ecbplus import TARBALL
from dateline.eval.entities_data import GoldDocument, load_gold
from dateline.model import EntityMention
from dateline.vocab.entities import LABEL_KINDS
from dateline.who.entities import merge_entities, ner
from dateline.who.entities.extract import mentions_from_doc
from dateline.who.entities.gazetteer import LEAD_CHARS, read_where_needed
from dateline.who.entities.ner import BATCH_SIZE, CONTEXT, cut, recognise
from dateline.who.entities.nlp import DEFAULT_EXCLUDE, load_nlp

T17 = TARBALL.parents[1] / "tls/timeline17_raw_tran2013.tar.gz"
TYPED = {"PER": {"person"}, "ORG": {"organisation"}, "LOC": {"place", "country"}}
Span = tuple[int, int]
Read = Callable[[Sequence[str]], list[list[EntityMention]]]


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _raw_mentions(doc: object) -> list[EntityMention]:
    """spaCy's own entities as mentions, without dateline's rules (the baseline)."""
    found = []
    for ent in doc.ents:  # type: ignore[attr-defined]
        kind = LABEL_KINDS.get(ent.label_)
        if kind is not None:
            found.append(
                EntityMention(ent.start_char, ent.end_char, ent.text, kind, ent.text)  # type: ignore[arg-type]
            )
    return found


def _ner_scores(
    docs: Sequence[GoldDocument], predicted: Sequence[list[EntityMention]], typed: bool
) -> dict[str, PRF]:
    names = exact = overlap = typed_hits = 0
    considered = p_exact = p_overlap = p_typed = 0
    for doc, mentions in zip(docs, predicted, strict=True):
        gold_names = [g for g in doc.mentions if g.is_name]
        spans = {(m.start, m.end): m for m in mentions if m.kind != "other"}
        names += len(gold_names)
        for g in gold_names:
            exact += (g.start, g.end) in spans
            overlap += any(_overlaps((g.start, g.end), s) for s in spans)
            m = spans.get((g.start, g.end))
            typed_hits += m is not None and m.kind in TYPED.get(g.type, set())
        name_spans = {(g.start, g.end): g for g in gold_names}
        parts = {g.name_part for g in doc.mentions if g.name_part is not None}
        for span, m in spans.items():
            if not any(_overlaps(span, (g.start, g.end)) for g in doc.mentions):
                continue
            considered += 1
            p_exact += span in name_spans or span in parts
            p_overlap += any(_overlaps(span, s) for s in (*name_spans, *parts))
            named = name_spans.get(span)
            p_typed += named is not None and m.kind in TYPED.get(named.type, set())
    scores = {
        "strict": PRF(p_exact / max(considered, 1), exact / max(names, 1)),
        "lenient": PRF(p_overlap / max(considered, 1), overlap / max(names, 1)),
    }
    if typed:
        scores["typed"] = PRF(p_typed / max(considered, 1), typed_hits / max(names, 1))
    scores["_counts"] = PRF(float(names), float(considered))
    return scores


def _merge_scores(
    docs: Sequence[GoldDocument], predicted: Sequence[list[EntityMention]]
) -> tuple[int, dict[str, tuple[PRF, PRF]]]:
    catalogue = merge_entities({d.doc_id: p for d, p in zip(docs, predicted, strict=True)})
    gold: dict[tuple[str, int, int], str] = {}
    by_method: dict[str, dict[tuple[str, int, int], str]] = {
        "surface string": {},
        "article canonical": {},
        "merge_entities": {},
    }
    for doc, mentions in zip(docs, predicted, strict=True):
        spans = {(m.start, m.end): m for m in mentions}
        for g in doc.mentions:
            m = spans.get((g.start, g.end))
            if not g.is_name or m is None:
                continue
            item = (doc.doc_id, g.start, g.end)
            gold[item] = g.chain
            by_method["surface string"][item] = m.text.casefold()
            by_method["article canonical"][item] = m.canonical.casefold()
            by_method["merge_entities"][item] = catalogue.lookup[(doc.doc_id, m.canonical)]
    return len(gold), {k: (bcubed(v, gold), pairwise(v, gold)) for k, v in by_method.items()}


def _row(label: str, prf: PRF) -> str:
    return f"| {label} | {prf.precision:.3f} | {prf.recall:.3f} | {prf.f1:.3f} |"


def quality(corpus: str, split: str) -> None:
    """Print the NER and merging tables of one corpus split."""
    docs = load_gold(corpus, split)
    nlp = load_nlp()
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=BATCH_SIZE))
    whole = [mentions_from_doc(p) for p in parsed]
    raw = [_raw_mentions(p) for p in parsed]
    stretched = [mentions_from_doc(p) for p in recognise([d.text for d in docs])]
    ours = [mentions_from_doc(p) for p in read_where_needed([d.text for d in docs])]
    typed = corpus == "meantime"
    print(f"\n### {corpus} {split} ({len(docs)} documents)")
    systems = (
        ("spaCy raw", raw),
        ("dateline, NER on the whole text", whole),
        ("dateline, NER on every stretch", stretched),
        ("dateline", ours),
    )
    for label, predicted in systems:
        scores = _ner_scores(docs, predicted, typed)
        counts = scores.pop("_counts")
        if label == "spaCy raw":
            print(
                f"gold name mentions: {int(counts.precision)}; "
                "NER spans (precision over predictions overlapping a gold entity mention)"
            )
            print("| system / match | P | R | F1 |\n|---|---|---|---|")
        for match, prf in scores.items():
            print(_row(f"{label} / {match}", prf))
    for label, predicted in (("NER on every stretch", stretched), ("dateline", ours)):
        aligned, merged = _merge_scores(docs, predicted)
        print(f"\nalias merging, {label}, over {aligned} gold names with a strict match")
        print("| clustering | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 |")
        print("|---|---|---|---|---|---|---|")
        for method, (b3, pw) in merged.items():
            print(
                f"| {method} | {b3.precision:.3f} | {b3.recall:.3f} | {b3.f1:.3f} | "
                f"{pw.precision:.3f} | {pw.recall:.3f} | {pw.f1:.3f} |"
            )


def _t17_articles(count: int) -> list[str]:
    texts = []
    with tarfile.open(T17, "r:gz") as archive:
        for member in archive:
            if member.isfile() and "/InputDocs/" in member.name:
                handle = archive.extractfile(member)
                text = handle.read().decode("utf-8", "replace") if handle else ""
                if text.strip():
                    texts.append(text)
    step = max(1, len(texts) // count)
    return texts[::step][:count]


def _names(mentions: list[EntityMention]) -> set[str]:
    return {m.canonical for m in mentions}


def speed(count: int, rounds: int) -> None:
    """Print articles/s of the entity stage under several settings.

    The machine is shared, so the settings take turns on slices of the articles (``rounds``
    slices) and each one's time is summed: a load change hits every setting alike.
    """
    texts = _t17_articles(count)
    words = sum(len(t.split()) for t in texts)
    print(f"\n### speed: {len(texts)} Timeline17 articles ({words / len(texts):.0f} words each)")

    def pipe(exclude: tuple[str, ...], batch: int, max_chars: int | None) -> Read:
        return lambda chunk: [
            mentions_from_doc(d)
            for d in load_nlp(exclude).pipe((cut(t, max_chars) for t in chunk), batch_size=batch)
        ]

    def stretches(context: int | None, max_chars: int | None = None) -> Read:
        return lambda chunk: [
            mentions_from_doc(d) for d in recognise(chunk, context=context, max_chars=max_chars)
        ]

    def matched(lead: int) -> Read:
        return lambda chunk: [
            mentions_from_doc(d) for d in read_where_needed(chunk, lead_chars=lead)
        ]

    settings: list[tuple[str, Read]] = [
        ("NER only, batch 32, whole text (the reference)", pipe(DEFAULT_EXCLUDE, 32, None)),
        (f"lead {LEAD_CHARS} chars, names matched (default)", matched(LEAD_CHARS)),
        ("lead 2000 chars, names matched", matched(2000)),
        (f"stretches around names, {CONTEXT} tokens (every stretch)", stretches(CONTEXT)),
        ("stretches around names, 3 tokens", stretches(3)),
        ("stretches around names, 5 tokens", stretches(5)),
        (f"stretches, {CONTEXT} tokens, first 4000 chars", stretches(CONTEXT, 4000)),
        ("NER only, batch 32, first 4000 chars", pipe(DEFAULT_EXCLUDE, 32, 4000)),
    ]
    seconds = [0.0] * len(settings)
    found: list[list[list[EntityMention]]] = [[] for _ in settings]
    size = -(-len(texts) // max(1, rounds))
    for begin in range(0, len(texts), size):
        chunk = texts[begin : begin + size]
        for i, (_, read) in enumerate(settings):
            ner._CACHE.clear()  # each setting reads every stretch itself
            began = time.perf_counter()
            found[i].extend(read(chunk))
            seconds[i] += time.perf_counter() - began
    reference = [_names(f) for f in found[0]]
    total = max(1, sum(len(r) for r in reference))
    print("| setting | articles/s | x reference | entity names kept |\n|---|---|---|---|")
    for (label, *_), spent, run in zip(settings, seconds, found, strict=True):
        kept = sum(len(_names(f) & r) for f, r in zip(run, reference, strict=True)) / total
        rate = len(texts) / spent
        print(f"| {label} | {rate:.1f} | {seconds[0] / spent:.2f} | {kept:.3f} |")
    nlp = load_nlp()
    docs = list(nlp.pipe(texts[:size], batch_size=BATCH_SIZE))
    began = time.perf_counter()
    for d in docs:
        mentions_from_doc(d)
    rules = time.perf_counter() - began
    print(f"dateline rules alone (after NER): {len(docs) / rules:.0f} articles/s")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", action="store_true", help="also print the report-only splits")
    parser.add_argument("--skip-speed", action="store_true", help="no Timeline17 timing")
    parser.add_argument("--skip-quality", action="store_true", help="timing only")
    parser.add_argument("--articles", type=int, default=300, help="Timeline17 articles timed")
    parser.add_argument("--rounds", type=int, default=6, help="slices the settings take turns on")
    args = parser.parse_args(argv)
    if not TARBALL.exists():
        print(f"missing {TARBALL}: benchmark data absent")
        return 1
    if not args.skip_quality:
        print("## entities: tuning split")
        quality("ecbplus", "dev")
        if args.test:
            print("\n## entities: report-only splits")
            quality("ecbplus", "test")
            quality("meantime", "all")
    if not args.skip_speed and T17.exists():
        speed(args.articles, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
