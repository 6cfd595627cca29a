"""Perturbation benchmark for provenance: copies, rewrites and stitches made from Timeline17.

Usage: python bench/provenance.py [--originals N] [--seed S] [--json]

Takes N Timeline17 articles (../shared/bench-data/tls/timeline17_raw_tran2013.tar.gz, spread
over the topic folders) as originals and derives from each one perturbed article, in turn:

* ``copy``: a reprint with new boilerplate lines around it and one sentence slightly reworded;
* ``rewrite`` (spun): synonym swaps from the table below (written for this benchmark; the
  detector has no synonym table), two sentences swapped, one off-topic sentence inserted;
* ``rewrite`` (shuffled): sentences shuffled and two sentences from another topic inserted;
* ``partial-copy``: the first 40-60% of the sentences;
* ``stitched``: the first half of one original and the second half of another.

Originals carry their Timeline17 folder date; each derived article is dated 1-3 days later, or
(one in four) not at all.

Every original stays in the corpus, and so do the other articles of its topic (hard negatives:
same story, different text). The script runs dateline's provenance links, trafilatura's SimHash
near-duplicate check and a plain datasketch MinHash (5-word shingles) over the same corpus, and
prints P/R/F1 per relation (dateline) and for "any link" (all three; the baselines give no
relation). A found pair counts when its two articles are a true pair; dateline's also needs the
right relation and the right direction (derived, source) for the per-relation rows.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tarfile
import time
from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

from datasketch import MinHash, MinHashLSH
from trafilatura.deduplication import Simhash

from dateline.provenance.minhash import shingles, words
from dateline.provenance.relations import Document, find_links
from dateline.sentences import split_sentences

TARBALL = (
    Path(__file__).resolve().parents[2] / "shared/bench-data/tls/timeline17_raw_tran2013.tar.gz"
)
SYNONYMS = {
    "said": "stated", "says": "states", "told": "informed", "government": "administration",
    "people": "individuals", "killed": "slain", "country": "nation", "president": "head of state",
    "police": "law enforcement", "city": "metropolis", "help": "assistance", "big": "large",
    "began": "commenced", "started": "commenced", "show": "demonstrate", "officials": "authorities",
    "minister": "secretary", "talks": "discussions", "agreement": "arrangement", "area": "region",
    "week": "seven days", "attack": "assault", "forces": "troops", "home": "residence",
    "children": "kids", "help.": "aid.", "about": "approximately", "many": "numerous",
    "after": "following", "before": "prior to", "also": "additionally", "because": "since",
}  # fmt: skip
"""Spin vocabulary of this benchmark only (the kind of swaps article spinners make)."""
BOILERPLATE = [
    "Share this article on Facebook and Twitter",
    "Originally published by our partner agency",
    "Subscribe to our newsletter for the latest updates",
    "Copyright 2011 all rights reserved",
]
OFF_TOPIC = [
    "Meanwhile, the local football club confirmed its new stadium will open next spring.",
    "In other news, the annual flower show drew a record crowd on Sunday afternoon.",
    "Separately, a popular cooking programme announced it would return for a fifth season.",
]
UNDATED_SHARE = 0.25
"""Share of derived articles given no date, as copying sites often strip datelines."""
RELATIONS = ("copy", "partial-copy", "rewrite", "stitched")
SIMHASH_THRESHOLD = 0.9
"""trafilatura's own default for near-duplicates (Simhash.similarity)."""
MINHASH_THRESHOLD = 0.5
"""A common Jaccard threshold for near-duplicate detection over 5-word shingles."""


def load_originals(count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(id, topic, text) of ``count`` T17 articles with 8-40 sentences, spread over topics."""
    by_topic: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with tarfile.open(TARBALL) as tar:
        for member in tar:
            if not member.isfile() or "/InputDocs/" not in member.name:
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            text = handle.read().decode("utf-8", errors="replace")
            if 8 <= len(split_sentences(text)) <= 40:
                by_topic[member.name.split("/")[1]].append((member.name, text))
    topics = sorted(by_topic)
    chosen: list[tuple[str, str, str]] = []
    for topic in topics:
        rng.shuffle(by_topic[topic])
    while len(chosen) < count:
        for topic in topics:
            if by_topic[topic] and len(chosen) < count:
                name, text = by_topic[topic].pop()
                chosen.append((name, topic, text))
    # hard negatives: two more articles of each topic, never perturbed
    negatives = [(n, t, x) for t in topics for n, x in by_topic[t][:2]]
    return chosen + [("neg:" + n, t, x) for n, t, x in negatives]


def spin(sentences: list[str], rng: random.Random) -> list[str]:
    """Synonym swaps, two sentences swapped, one off-topic sentence inserted."""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, SYNONYMS)) + r")\b")
    out = [pattern.sub(lambda m: SYNONYMS[m.group(1)], s) for s in sentences]
    i, j = rng.sample(range(len(out)), 2)
    out[i], out[j] = out[j], out[i]
    out.insert(rng.randrange(len(out)), rng.choice(OFF_TOPIC))
    return out


def derive(
    originals: list[tuple[str, str, str]], count: int, rng: random.Random
) -> tuple[list[Document], set[tuple[str, str, str]]]:
    """The corpus (originals, negatives, derived articles) and the true (derived, source, rel)."""
    documents = [Document(name, text, _folder_date(name)) for name, _, text in originals]
    truth: set[tuple[str, str, str]] = set()
    for index in range(count):
        name, topic, text = originals[index]
        sentences = split_sentences(text)
        kind = ("copy", "spun", "shuffled", "partial-copy", "stitched")[index % 5]
        derived_id = f"derived:{kind}:{index}"
        if kind == "copy":
            body = [rng.choice(BOILERPLATE), *sentences, *rng.sample(BOILERPLATE, 2)]
            relation = "copy"
        elif kind == "spun":
            body, relation = spin(sentences, rng), "rewrite"
        elif kind == "shuffled":
            other = split_sentences(originals[(index + 7) % count][2])
            body = sentences[:]
            rng.shuffle(body)
            for extra in rng.sample(other, 2):
                body.insert(rng.randrange(len(body)), extra)
            relation = "rewrite"
        elif kind == "partial-copy":
            body = sentences[: max(3, int(len(sentences) * rng.uniform(0.4, 0.6)))]
            relation = "partial-copy"
        else:
            partner_name, _, partner_text = originals[(index + 1) % count]
            partner = split_sentences(partner_text)
            body = sentences[: len(sentences) // 2] + partner[len(partner) // 2 :]
            truth.add((derived_id, partner_name, "stitched"))
            relation = "stitched"
        truth.add((derived_id, name, relation))
        documents.append(Document(derived_id, "\n".join(body), _later(name, rng)))
        del topic
    return documents, truth


def _folder_date(name: str) -> date | None:
    """The publication date T17 gives an article: its InputDocs/<date>/ folder."""
    match = re.search(r"/InputDocs/(\d{4}-\d{2}-\d{2})/", name)
    return date.fromisoformat(match.group(1)) if match else None


def _later(source_name: str, rng: random.Random) -> date | None:
    """A copy's date: 1-3 days after its source, or none at all (copiers strip datelines)."""
    source_date = _folder_date(source_name)
    if source_date is None or rng.random() < UNDATED_SHARE:
        return None
    return source_date + timedelta(days=rng.randint(1, 3))


def score(found: set[tuple[str, str]], true: set[tuple[str, str]]) -> tuple[float, float, float]:
    """Precision, recall, F1 of found pairs against true pairs."""
    hits = len(found & true)
    p = hits / len(found) if found else 0.0
    r = hits / len(true) if true else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def simhash_pairs(documents: list[Document]) -> set[frozenset[str]]:
    """Pairs whose trafilatura SimHash similarity reaches its near-duplicate threshold."""
    hashes = [Simhash(doc.text) for doc in documents]
    return {
        frozenset((documents[i].id, documents[j].id))
        for i, j in combinations(range(len(documents)), 2)
        if hashes[i].similarity(hashes[j]) >= SIMHASH_THRESHOLD
    }


def minhash_pairs(documents: list[Document]) -> set[frozenset[str]]:
    """Pairs a plain datasketch MinHash LSH finds over 5-word shingles."""
    lsh = MinHashLSH(threshold=MINHASH_THRESHOLD, num_perm=128)
    signatures = {}
    for doc in documents:
        signature = MinHash(num_perm=128, seed=1)
        for shingle in shingles(words(doc.text), 5):
            signature.update(shingle.encode("utf-8"))
        signatures[doc.id] = signature
        lsh.insert(doc.id, signature)
    return {
        frozenset((doc.id, other))
        for doc in documents
        for other in lsh.query(signatures[doc.id])
        if other != doc.id
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--originals", type=int, default=250)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    originals = load_originals(args.originals, rng)
    documents, truth = derive(originals, args.originals, rng)

    start = time.perf_counter()
    links = find_links(documents)
    seconds = time.perf_counter() - start
    rows: dict[str, tuple[float, float, float]] = {}
    for relation in RELATIONS:
        found = {(link.derived, link.source) for link in links if link.relation == relation}
        rows[f"dateline {relation}"] = score(found, {(d, s) for d, s, r in truth if r == relation})
    true_any = {frozenset((d, s)) for d, s, _ in truth}
    rows["dateline any link"] = score(
        {frozenset((link.derived, link.source)) for link in links}, true_any
    )
    rows["trafilatura SimHash any link"] = score(simhash_pairs(documents), true_any)
    rows["datasketch MinHash any link"] = score(minhash_pairs(documents), true_any)
    figures = {name: dict(zip(("p", "r", "f1"), prf, strict=True)) for name, prf in rows.items()}
    if args.json:
        print(json.dumps({"rows": figures, "documents": len(documents)}, sort_keys=True))
        return
    print(
        f"corpus: {len(documents)} articles ({args.originals} originals and as many derived, "
        f"{len(documents) - 2 * args.originals} same-topic negatives), seed {args.seed}; "
        f"dateline links in {seconds:.1f} s ({len(documents) / seconds:,.0f} articles/s)"
    )
    print("| system / relation | P | R | F1 |\n|---|---:|---:|---:|")
    for name, (p, r, f1) in rows.items():
        print(f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} |")


if __name__ == "__main__":
    main()
