"""Timeline-summarisation benchmark corpora, read into plain records, and the news-tls protocol.

Two layouts (see ../shared/bench-data/tls/PROVENANCE.md):

* **Timeline17 raw** (Tran et al. 2013), a tarball: ``Timeline17/<Topic_source>/InputDocs/
  <YYYY-MM-DD>/<id>.htm.txt`` (one article per file, one PTB-tokenised sentence per line, the
  folder date is the publication date) and ``timelines/<name>.txt`` (tilse format: a date line,
  one sentence per line, a line of dashes). news-tls pools the 17 topic_source folders into 9
  topics (``T17_TOPICS``); its query keywords are in ``newstls_format/t17/<topic>/keywords.json``.
* **news-tls JSONL** (Gholipour Ghalandari and Ifrim 2020): ``<topic>/keywords.json``,
  ``timelines.jsonl`` (one ``[[date, [sentences]], ...]`` per line; empty lines skipped) and
  ``articles.preprocessed.jsonl.gz`` (id, time, title, text with one sentence per line).

The protocol (news-tls ``experiments/evaluate.py``): one task per gold timeline; the input is the
topic's articles published within the gold timeline's first and last day, widened by 7 days for
entities; the output has L = number of gold days and k = round(mean gold sentences per day).
news-tls also calls a truncation of entities timelines to the article span, but its function
returns the timelines unchanged, so the published figures use the full gold timelines; so do we.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import tarfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from dateline.eval.bench_data import BENCH_DATA
from dateline.timeline.summarise import DatedText

logger = logging.getLogger(__name__)

Gold = dict[dt.date, list[str]]

DATA = BENCH_DATA / "tls"
"""The benchmark folder beside the repository (never copied into it)."""
T17_TARBALL = "timeline17_raw_tran2013.tar.gz"
NEWSTLS = "newstls_format"
ENTITIES_EXTENSION_DAYS = 7
"""news-tls widens the input span by 7 days for entities and by 0 for T17."""

T17_TOPICS = {
    "bpoil": "bpoil",
    "EgyptianProtest": "egypt",
    "Finan": "finan",
    "H1N1": "h1n1",
    "haiti": "haiti",
    "IraqWar": "iraq",
    "LibyaWar": "libya",
    "MJ": "mj",
    "SyrianCrisis": "syria",
}
"""Folder prefix (before ``_source``) -> news-tls topic name."""


@dataclass(frozen=True)
class Collection:
    """One topic: its articles (sorted by publication date), gold timelines and query keywords."""

    topic: str
    articles: tuple[DatedText, ...]
    timelines: tuple[tuple[str, Gold], ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Task:
    """One gold timeline to reproduce from its topic's articles, with the protocol's settings."""

    topic: str
    name: str
    articles: tuple[DatedText, ...]
    gold: Gold
    keywords: tuple[str, ...]
    start: dt.date
    end: dt.date
    max_dates: int
    sentences_per_date: int


def parse_tilse_timeline(text: str) -> Gold:
    """A timeline in tilse's text format: date line, sentence lines, a line of dashes."""
    gold: Gold = {}
    day: dt.date | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if set(line) == {"-"}:
            day = None
        elif day is None:
            day = dt.date.fromisoformat(line[:10])
            gold.setdefault(day, [])
        else:
            gold[day].append(line)
    return {day: sents for day, sents in gold.items() if sents}


def parse_newstls_timelines(text: str) -> list[Gold]:
    """The non-empty timelines of a news-tls ``timelines.jsonl``."""
    timelines: list[Gold] = []
    for line in text.splitlines():
        items = json.loads(line) if line.strip() else []
        if items:
            gold: Gold = {}
            for when, sentences in items:
                gold.setdefault(dt.date.fromisoformat(when[:10]), []).extend(sentences)
            timelines.append(gold)
    return timelines


def _newstls_article(record: dict[str, object]) -> DatedText | None:
    text = str(record.get("text") or "")
    if not text.strip():
        return None
    return DatedText(
        id=str(record["id"]),
        text=text,
        published=dt.date.fromisoformat(str(record["time"])[:10]),
        title=str(record.get("title") or ""),
    )


def load_newstls_topic(folder: Path) -> Collection:
    """One topic folder of the news-tls layout (no articles when the file is absent)."""
    keywords = tuple(json.loads((folder / "keywords.json").read_text(encoding="utf-8")))
    timelines_path = folder / "timelines.jsonl"
    golds = (
        parse_newstls_timelines(timelines_path.read_text(encoding="utf-8"))
        if timelines_path.exists()
        else []
    )
    articles: list[DatedText] = []
    for name in ("articles.preprocessed.jsonl.gz", "articles.preprocessed.jsonl"):
        path = folder / name
        if path.exists():
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as handle:
                for line in handle:
                    article = _newstls_article(json.loads(line))
                    if article is not None:
                        articles.append(article)
            break
    articles.sort(key=lambda a: (a.published, a.id))
    named = tuple((f"{folder.name}/{i}", gold) for i, gold in enumerate(golds))
    return Collection(folder.name, tuple(articles), named, keywords)


def load_newstls(dataset: Path, require_articles: bool = True) -> list[Collection]:
    """Every topic of a news-tls dataset folder (by default only topics that have articles)."""
    collections = [load_newstls_topic(p) for p in sorted(dataset.iterdir()) if p.is_dir()]
    return [c for c in collections if c.articles or not require_articles]


def _t17_members(tarball: Path) -> Iterator[tuple[PurePosixPath, str]]:
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive:
            if member.isfile():
                handle = archive.extractfile(member)
                if handle is not None:
                    text = handle.read().decode("utf-8", errors="replace")
                    yield PurePosixPath(member.name), text


def _tilse_timelines(texts: list[tuple[str, str, str]]) -> dict[str, list[tuple[str, Gold]]]:
    """(topic, name, tilse text) -> topic -> named gold timelines."""
    timelines: dict[str, list[tuple[str, Gold]]] = {}
    for topic, name, text in texts:
        if gold := parse_tilse_timeline(text):
            timelines.setdefault(topic, []).append((name, gold))
    return timelines


def load_t17_raw(tarball: Path, keywords_root: Path | None = None) -> list[Collection]:
    """Timeline17 from the raw tarball, pooled into news-tls's 9 topics.

    Args:
        tarball: ``timeline17_raw_tran2013.tar.gz``.
        keywords_root: ``newstls_format/t17`` (news-tls's query keywords per topic); when a topic
            has none there, the folder's own ``keywords.json`` labels are used.
    """
    articles: dict[str, list[DatedText]] = {}
    jsonl_timelines: dict[str, list[tuple[str, Gold]]] = {}
    tilse_texts: list[tuple[str, str, str]] = []
    labels: dict[str, list[str]] = {}
    for path, text in _t17_members(tarball):
        parts = path.parts
        if len(parts) < 3:
            continue
        folder = parts[1]
        topic = T17_TOPICS.get(folder.split("_", 1)[0], folder)
        if len(parts) == 5 and parts[2] == "InputDocs" and text.strip():
            day = dt.date.fromisoformat(parts[3])
            ident = f"{folder}/{parts[3]}/{parts[4]}"
            articles.setdefault(topic, []).append(DatedText(ident, text, day))
        elif len(parts) == 3 and parts[2] == "timelines.jsonl":
            # the news-tls copy of the gold (one .txt has a truncated date line, "2011-04-0")
            for i, gold in enumerate(parse_newstls_timelines(text)):
                jsonl_timelines.setdefault(topic, []).append((f"{folder}/{i}", gold))
        elif len(parts) == 4 and parts[2] == "timelines" and parts[3].endswith(".txt"):
            tilse_texts.append((topic, f"{folder}/{parts[3]}", text))
        elif len(parts) == 3 and parts[2] == "keywords.json":
            labels.setdefault(topic, []).extend(json.loads(text))
    timelines = jsonl_timelines or _tilse_timelines(tilse_texts)
    collections = []
    for topic in sorted(timelines):
        keywords: Sequence[str] = labels.get(topic, [])
        if keywords_root is not None and (keywords_root / topic / "keywords.json").exists():
            keywords = json.loads((keywords_root / topic / "keywords.json").read_text("utf-8"))
        docs = sorted(articles.get(topic, []), key=lambda a: (a.published, a.id))
        gold_list = tuple(sorted(timelines[topic]))
        collections.append(
            Collection(topic, tuple(docs), gold_list, tuple(dict.fromkeys(keywords)))
        )
    return collections


def average_sentences_per_day(gold: Gold) -> int:
    """news-tls's k: the mean number of sentences per gold day, rounded (half to even)."""
    return round(sum(len(s) for s in gold.values()) / len(gold))


def tasks(collection: Collection, extension_days: int = 0) -> list[Task]:
    """One task per gold timeline of a collection, following the news-tls protocol."""
    result = []
    for name, gold in collection.timelines:
        days = sorted(gold)
        start = days[0] - dt.timedelta(days=extension_days)
        end = days[-1] + dt.timedelta(days=extension_days)
        inputs = tuple(a for a in collection.articles if start <= a.published <= end)
        result.append(
            Task(
                topic=collection.topic,
                name=name,
                articles=inputs,
                gold=gold,
                keywords=collection.keywords,
                start=start,
                end=end,
                max_dates=len(days),
                sentences_per_date=average_sentences_per_day(gold),
            )
        )
    return result


def load_dataset(name: str, data: Path = DATA) -> tuple[list[Collection], int]:
    """The collections of ``t17`` or ``entities`` and the protocol's span extension in days."""
    if name == "t17":
        return load_t17_raw(data / T17_TARBALL, data / NEWSTLS / "t17"), 0
    if name == "entities":
        return load_newstls(data / NEWSTLS / "entities"), ENTITIES_EXTENSION_DAYS
    raise ValueError(f"unknown TLS dataset {name!r} (t17 or entities)")
