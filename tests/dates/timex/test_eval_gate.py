"""Eval gate: TE-3 figures of the tagger on TBAQ train (a tuning split) must not drop.

Tags every TimeBank and AQUAINT training document, scores it with the project's TE-3 scorer
(``dateline.eval.timex_score``, the one ``dateline eval timex-score`` uses) and checks pinned
floors. The floors sit half a point under the figures reached when they were set
(bench/timex.py prints the current ones); raise them with the tagger, never lower them
silently. Skipped when ../shared/bench-data is absent.
"""

from __future__ import annotations

import logging

import pytest

from dateline.dates.timex import tag
from dateline.eval.bench_data import BENCH_DATA
from dateline.eval.timeml import TimexAnnotation, parse_timeml, read_timeml
from dateline.eval.timeml_write import render_tagged, writable
from dateline.eval.timex_score import TimexCounts, count_document, scores

DATA = BENCH_DATA / "tempeval3/train/TBAQ-cleaned"

#: corpus -> (strict, relaxed, value, type) F1 floors, in percent. Reached when set:
#: TimeBank 90.23 / 94.60 / 82.05 / 91.90; AQUAINT 84.04 / 93.21 / 76.06 / 86.08.
FLOORS = {
    "TimeBank": (89.7, 94.1, 81.5, 91.4),
    "AQUAINT": (83.5, 92.7, 75.5, 85.5),
}


def _counts(corpus: str) -> TimexCounts:
    total = TimexCounts()
    for path in sorted((DATA / corpus).glob("*.tml")):
        gold = read_timeml(path)
        found = [
            TimexAnnotation(t.start, t.end, t.type, t.value, t.mod)
            for t in tag(gold.text, gold.dct)
        ]
        content = path.read_bytes().decode("utf-8")
        system = parse_timeml(render_tagged(content, writable(gold, found), path), path)
        total += count_document(gold, system)
    return total


@pytest.mark.skipif(not DATA.exists(), reason="../shared/bench-data absent: benchmark-backed test")
@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_te3_figures_stay_above_their_floors(corpus: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR)
    s = scores(_counts(corpus))
    reached = tuple(round(100 * f, 2) for f in (s.strict.f1, s.relaxed.f1, s.value.f1, s.type.f1))
    for name, value, floor in zip(
        ("strict", "relaxed", "value", "type"), reached, FLOORS[corpus], strict=True
    ):
        assert value >= floor, f"{corpus} {name} F1 {value} below its floor {floor}: {reached}"
