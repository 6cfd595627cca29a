"""ECB+ documents for event clustering, read from the processed release of Cattan et al. (2021).

ECB+ groups news documents by topic (e.g. "an earthquake") and, within each topic, by two
different real-world events (two different earthquakes): the original ECB documents report one,
the "ecbplus" documents the other. The sub-topic is encoded in the document id: ``36_4ecb.xml``
is topic 36, event "ecb"; ``36_4ecbplus.xml`` is topic 36, event "ecbplus". Clustering all the
documents of a split together (topics mixed) and scoring against these sub-topics measures what
the event stage must do: keep apart two events of the same kind.

The token file holds one token per line (doc id, sentence number, token number, token) with a
blank line between sentences. Many ecbplus documents begin with their web address as a first
"sentence"; it is metadata, not text, so it becomes the document's url. Dev is for tuning, test
is report-only (../shared/bench-data/README.md).
"""

from __future__ import annotations

import re
import tarfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dateline.eval.bench_data import BENCH_DATA

DATA = BENCH_DATA
TARBALL = DATA / "event_coref/ecbplus_meantime_processed_cattan2021.tar.gz"
SPLITS = {"dev": "dev", "test": "test"}
"""Splits of the processed release that dateline reads (train is not used)."""

_DOC_ID = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ document: its text (sentences as lines), address, and true event."""

    doc_id: str
    topic: str
    subtopic: str
    text: str
    url: str | None = None


def gold_subtopic(doc_id: str) -> tuple[str, str]:
    """Topic and sub-topic (the true event) from a document id like ``36_4ecbplus.xml``."""
    match = _DOC_ID.match(doc_id)
    if match is None:
        raise ValueError(f"not an ECB+ document id: {doc_id!r}")
    return match.group(1), f"{match.group(1)}{match.group(3)}"


def load_split(split: str, tarball: Path = TARBALL) -> list[EcbDocument]:
    """Every document of ``split`` ("dev" or "test"), in file order."""
    if split not in SPLITS:
        raise ValueError(f"unknown ECB+ split {split!r} (choose from {sorted(SPLITS)})")
    member = f"ecbplus_processed_cattan/{SPLITS[split]}_text.txt"
    with tarfile.open(tarball, "r:gz") as archive:
        handle = archive.extractfile(member)
        if handle is None:
            raise FileNotFoundError(f"{member} not in {tarball}")
        lines = handle.read().decode("utf-8").splitlines()
    return parse_tokens(lines)


def parse_tokens(lines: Iterable[str]) -> list[EcbDocument]:
    """Documents from token lines (doc id, sentence, token number, token; extra columns ignored)."""
    sentences: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for line in lines:
        fields = line.rstrip("\n").split("\t")
        if len(fields) < 4 or not fields[0]:
            continue
        sentences[fields[0]][int(fields[1])].append(fields[3])
    return [_document(doc_id, by_number) for doc_id, by_number in sentences.items()]


def _document(doc_id: str, by_number: dict[int, list[str]]) -> EcbDocument:
    lines = [" ".join(by_number[number]) for number in sorted(by_number)]
    url = None
    if lines and lines[0].startswith("http"):
        url = lines[0].replace(" ", "")
        lines = lines[1:]
    topic, subtopic = gold_subtopic(doc_id)
    return EcbDocument(doc_id, topic, subtopic, "\n".join(lines), url)
