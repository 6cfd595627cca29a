"""The perturbation corpus of ``bench/provenance.py``: real articles, and copies, rewrites and
degraded versions made from them by rules written for this benchmark.

Splits. ``dev`` takes its articles from the 13 news-tls "entities" topics that ship articles
(../shared/bench-data/tls/newstls_format/entities, the tuning split for TLS); every threshold
of ``dateline.provenance`` was tuned on it. ``test`` takes them from Timeline17
(timeline17_raw_tran2013.tar.gz), the corpus the issue names, and is the reported figure.

Honesty. The generator's tables are its own. ``GEN_SYNONYMS`` (spin) and ``GEN_GARBLES``
(machine-translation errors) only half overlap the detector's ``dateline.vocab.style``: of the
30 synonym swaps here 13 are in ``SPIN_VARIANTS``, and of the 16 garbles 7 produce a phrase
``MT_MARKERS`` knows; the rest (and the function-word noise of ``garble``) the detector must
catch by other evidence (alignment with the original, off-topic sentences, function-word
edits) or miss. Typos and reader comments are made by rules the detector does not share.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import tarfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateline.eval.bench_data import BENCH_DATA
from dateline.sentences import split_sentences

DATA = BENCH_DATA / "tls"
TARBALL = DATA / "timeline17_raw_tran2013.tar.gz"
ENTITIES = DATA / "newstls_format/entities"

GEN_SYNONYMS = {
    # shared with the detector's SPIN_VARIANTS
    "said": "stated", "told": "informed", "killed": "slain", "many": "numerous",
    "home": "residence", "attack": "assault", "talks": "discussions", "people": "individuals",
    "agreement": "arrangement", "began": "commenced", "police": "law enforcement",
    "government": "administration", "countries": "nations",
    # the generator's own
    "officials": "functionaries", "minister": "secretary", "area": "region",
    "forces": "troops", "children": "youngsters", "help": "assistance", "big": "sizeable",
    "important": "significant", "leader": "chief", "fighting": "combat",
    "rebels": "insurgents", "protesters": "demonstrators", "announced": "declared",
    "money": "funds", "country": "land", "week": "period of seven days", "city": "town",
}  # fmt: skip
GEN_GARBLES = [
    # produce phrases the detector's MT_MARKERS know
    (r"\bMr\.? (?=[A-Z])", "Sir. "), (r"\bMrs\.? (?=[A-Z])", "Madam "),
    (r"\b[Ff]oreign [Mm]inister\b", "Minister of Exteriors"), (r"\bsaid\b", "has declared"),
    (r"\blast month\b", "the last month"), (r"\bin the coming days\b", "in the days which come"),
    (r"\btook place\b", "had place"),
    # the generator's own
    (r"\baccording to\b", "according with"), (r"\bon (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b",
     r"the \1day"), (r"\bpeople\b", "persons"), (r"\bin order to\b", "with the goal of"),
    (r"\bmore than\b", "more of"), (r"\bat least\b", "at the less"), (r"\blast year\b",
     "the year past"), (r"\bthe United States\b", "the States United"),
    (r"\bbecause\b", "because that"),
]  # fmt: skip
FUNCTION_NOISE = [(r"\bthe ", "", 0.3), (r"\ba ", "one ", 0.3), (r" of ", " from ", 0.15)]
"""Function-word noise of a translated text: (pattern, replacement, share of hits changed)."""
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
    "A new bakery on the high street is offering free coffee to its first hundred customers.",
]
COMMENTERS = ["riverfan88", "Margaret T.", "concerned_reader", "Tom from Leeds", "J. Ortiz"]
COMMENTS = [
    "I can't believe this is happening again, nobody ever learns anything.",
    "Great reporting, thank you for keeping us informed.",
    "This is exactly what I predicted last year and nobody listened to me.",
    "Where are the journalists asking the real questions here?",
]
KINDS = ("copy", "spun", "shuffled", "partial-copy", "stitched", "translated")
UNDATED_SHARE = 0.25
"""Share of derived articles given no date, as copying sites often strip datelines."""
TYPO_SHARE, COMMENT_SHARE = 0.25, 0.25
"""Shares of all articles given 2-4 typos, and given a block of reader comments."""


@dataclass
class Corpus:
    """Raw texts (before the clean stage), dates, true links and true flags."""

    texts: dict[str, str] = field(default_factory=dict)
    dates: dict[str, date | None] = field(default_factory=dict)
    links: set[tuple[str, str, str]] = field(default_factory=set)
    flags: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    originals: list[str] = field(default_factory=list)


def load_articles(split: str) -> dict[str, list[tuple[str, str, date | None]]]:
    """Articles with 8-40 sentences by topic: (id, text, date)."""
    by_topic: dict[str, list[tuple[str, str, date | None]]] = defaultdict(list)
    if split == "test":
        with tarfile.open(TARBALL) as tar:
            for member in tar:
                if not member.isfile() or "/InputDocs/" not in member.name:
                    continue
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                text = handle.read().decode("utf-8", errors="replace")
                match = re.search(r"/InputDocs/(\d{4}-\d{2}-\d{2})/", member.name)
                day = date.fromisoformat(match.group(1)) if match else None
                by_topic[member.name.split("/")[1]].append((member.name, text, day))
    else:
        for path in sorted(ENTITIES.glob("*/articles.preprocessed.jsonl.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    day = date.fromisoformat(record["time"][:10]) if record.get("time") else None
                    name = f"{path.parent.name}/{record['id']}"
                    by_topic[path.parent.name].append((name, record["text"], day))
    return {
        topic: [a for a in articles if 8 <= len(split_sentences(a[1])) <= 40]
        for topic, articles in sorted(by_topic.items())
    }


def make_corpus(split: str, count: int, seed: int) -> Corpus:
    """``count`` originals spread over topics, two untouched same-topic articles per topic
    (hard negatives), one derived article per original, then typos and comments."""
    rng = random.Random(seed)
    by_topic = load_articles(split)
    for articles in by_topic.values():
        rng.shuffle(articles)
    chosen: list[tuple[str, str, date | None]] = []
    while len(chosen) < count:
        for articles in by_topic.values():
            if articles and len(chosen) < count:
                chosen.append(articles.pop())
    negatives = [a for articles in by_topic.values() for a in articles[:2]]
    outside = [a for articles in by_topic.values() for a in articles[2:]]  # never in the corpus
    corpus = Corpus()
    for name, text, day in chosen + negatives:
        corpus.texts[name], corpus.dates[name] = text, day
    corpus.originals = [name for name, _, _ in chosen + negatives]
    for index in range(len(chosen)):
        _derive(corpus, index, chosen, outside, rng)
    for name in sorted(corpus.texts):
        if rng.random() < TYPO_SHARE and _add_typos(corpus, name, rng):
            corpus.flags[name].add("typos")
        if rng.random() < COMMENT_SHARE:
            corpus.texts[name] += "\n\n" + _comments(rng)
            corpus.flags[name].add("has-reader-comments")
    return corpus


def _derive(
    corpus: Corpus,
    index: int,
    chosen: list[tuple[str, str, date | None]],
    outside: list[tuple[str, str, date | None]],
    rng: random.Random,
) -> None:
    name, text, day = chosen[index]
    sentences = split_sentences(text)
    kind = KINDS[index % len(KINDS)]
    derived = f"derived:{kind}:{index}"
    sources = [name]
    if kind == "copy":
        body, relation = [rng.choice(BOILERPLATE), *sentences, *rng.sample(BOILERPLATE, 2)], "copy"
    elif kind == "spun":
        body, relation = spin(sentences, rng), "rewrite"
        corpus.flags[derived].add("spun")
    elif kind == "translated":
        body, relation = [garble(s, rng) for s in sentences], "rewrite"
        corpus.flags[derived].add("machine-translated")
    elif kind == "shuffled":
        body = sentences[:]
        rng.shuffle(body)
        extra = split_sentences(rng.choice(outside)[1])  # inserted from outside the corpus
        for sentence in rng.sample(extra, 2):
            body.insert(rng.randrange(len(body)), sentence)
        relation = "rewrite"
    elif kind == "partial-copy":
        body = sentences[: max(3, int(len(sentences) * rng.uniform(0.4, 0.6)))]
        relation = "partial-copy"
    else:
        partner_name, partner_text, _ = chosen[(index + 1) % len(chosen)]
        partner = split_sentences(partner_text)
        body = sentences[: len(sentences) // 2] + partner[len(partner) // 2 :]
        sources.append(partner_name)
        relation = "stitched"
        corpus.flags[derived].add("stitched")
    for source in sources:
        corpus.links.add((derived, source, relation))
    corpus.texts[derived] = "\n".join(body)
    known = [corpus.dates[s] for s in sources if corpus.dates[s] is not None]
    undated = not known or rng.random() < UNDATED_SHARE
    latest = max(d for d in known if d is not None) if known else None
    corpus.dates[derived] = (
        None if undated or latest is None else latest + timedelta(days=rng.randint(1, 3))
    )


def spin(sentences: list[str], rng: random.Random) -> list[str]:
    """Synonym swaps, two sentences swapped, one off-topic sentence inserted."""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, GEN_SYNONYMS)) + r")\b")
    out = [pattern.sub(lambda m: GEN_SYNONYMS[m.group(1)], s) for s in sentences]
    i, j = rng.sample(range(len(out)), 2)
    out[i], out[j] = out[j], out[i]
    out.insert(rng.randrange(1, len(out)), rng.choice(OFF_TOPIC))
    return out


def garble(sentence: str, rng: random.Random) -> str:
    """A clumsy machine translation of one sentence: phrase garbles and function-word noise."""
    for pattern, replacement in GEN_GARBLES:
        sentence = re.sub(pattern, replacement, sentence)
    for pattern, replacement, share in FUNCTION_NOISE:
        sentence = re.sub(pattern, _sometimes(replacement, share, rng), sentence)
    return sentence


def _sometimes(
    replacement: str, share: float, rng: random.Random
) -> Callable[[re.Match[str]], str]:
    """A ``re.sub`` callback replacing a ``share`` of the matches."""
    return lambda m: replacement if rng.random() < share else m.group(0)


def _add_typos(corpus: Corpus, name: str, rng: random.Random) -> bool:
    """2-4 misspelt lower-case words of six letters or more; False when the text has none."""
    text = corpus.texts[name]
    spans = [m.span() for m in re.finditer(r"\b[a-z]{6,}\b", text)]
    if len(spans) < 4:
        return False
    for start, end in sorted(rng.sample(spans, rng.randint(2, 4)), reverse=True):
        word = text[start:end]
        i = rng.randrange(1, len(word) - 1)
        edit = rng.choice(("drop", "swap", "double", "vowel"))
        if edit == "drop":
            word = word[:i] + word[i + 1 :]
        elif edit == "swap":
            word = word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
        elif edit == "double":
            word = word[:i] + word[i] + word[i:]
        else:
            word = word[:i] + rng.choice("aeiou".replace(word[i], "")) + word[i + 1 :]
        text = text[:start] + word + text[end:]
    corpus.texts[name] = text
    return True


def _comments(rng: random.Random) -> str:
    """A reader-comment section as blogs print it: count, bylines with times, text, Reply."""
    count = rng.randint(1, 3)
    lines = [f"{count} Comments"]
    for _ in range(count):
        lines += [
            f"{rng.choice(COMMENTERS)} says:",
            f"March {rng.randint(1, 28)}, 2011 at {rng.randint(1, 12)}:{rng.randint(10, 59)} am",
            rng.choice(COMMENTS),
            "Reply",
        ]
    return "\n".join(lines)
