"""Benchmark-backed smoke test: relaxed extent F1 on a few TempEval-3 training documents.

Reads TimeBank/AQUAINT training files (a tuning split) from ../shared at run time; skipped when
the folder is absent. The reader here is deliberately tiny (TIMEX3 spans inside <TEXT>).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from dateline.dates.timex import tag
from dateline.eval.bench_data import BENCH_DATA

DATA = BENCH_DATA / "tempeval3/train/TBAQ-cleaned"
DOCS = (
    "TimeBank/wsj_0006.tml",
    "TimeBank/APW19980227.0489.tml",
    "TimeBank/wsj_0124.tml",
    "TimeBank/NYT19980206.0460.tml",
    "AQUAINT/APW19980807.0261.tml",
    "AQUAINT/NYT19980907.0112.tml",
    "AQUAINT/XIE19980808.0031.tml",
)
#: Floor on relaxed F1 over these documents (the tagger reached ~0.93 when this was set).
RELAXED_F1_FLOOR = 0.85

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)[^>]*>")


def _read(path: Path) -> tuple[dt.date, str, list[tuple[int, int]]]:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", raw, re.DOTALL)
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
    assert dct is not None and body is not None
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos, opened, length = 0, 0, 0
    for m in _TAG.finditer(body.group(1)):
        piece = html.unescape(body.group(1)[pos : m.start()])
        parts.append(piece)
        length += len(piece)
        pos = m.end()
        if m.group(2) == "TIMEX3":
            if m.group(1):
                spans.append((opened, length))
            else:
                opened = length
    parts.append(html.unescape(body.group(1)[pos:]))
    return dt.date.fromisoformat(dct.group(1)), "".join(parts), spans


@pytest.mark.skipif(not DATA.exists(), reason="../shared/bench-data absent: benchmark-backed test")
def test_relaxed_f1_floor_on_training_documents() -> None:
    n_sys = n_gold = matched = 0
    for name in DOCS:
        reference, text, gold = _read(DATA / name)
        found = tag(text, reference)
        n_sys += len(found)
        n_gold += len(gold)
        matched += sum(any(t.start < e and s < t.end for t in found) for s, e in gold)
    f1 = 2 * matched / (n_sys + n_gold)
    assert f1 >= RELAXED_F1_FLOOR, f"relaxed F1 {f1:.3f} below floor {RELAXED_F1_FLOOR}"
