"""Eval gate on ECB+ dev (the tuning split): NER span F1 and alias-merging B-cubed F1 floors.

Reads ../shared/bench-data/event_coref at run time; skipped when it is absent. The figures are
the ones ``bench/entities.py`` prints for ECB+ dev; the floors sit a little under them (strict
span F1 0.735, merge B-cubed F1 0.963 when set) so a regression fails here first.
"""

from __future__ import annotations

import pytest

from dateline.eval.clustering import bcubed
from dateline.eval.ecbplus import TARBALL
from dateline.eval.entities_data import load_gold
from dateline.who.entities import extract_mentions_batch, merge_entities

STRICT_RECALL_FLOOR = 0.74
MERGE_BCUBED_F1_FLOOR = 0.93

pytestmark = pytest.mark.skipif(
    not TARBALL.exists(), reason=f"benchmark data absent: {TARBALL} (../shared not mounted)"
)


def test_ecbplus_dev_floors(nlp: object) -> None:
    docs = load_gold("ecbplus", "dev")
    predicted = extract_mentions_batch([d.text for d in docs])
    catalogue = merge_entities({d.doc_id: p for d, p in zip(docs, predicted, strict=True)})
    names = found = 0
    gold: dict[tuple[str, int], str] = {}
    merged: dict[tuple[str, int], str] = {}
    for doc, mentions in zip(docs, predicted, strict=True):
        spans = {(m.start, m.end): m for m in mentions}
        for g in doc.mentions:
            if not g.is_name:
                continue
            names += 1
            m = spans.get((g.start, g.end))
            if m is not None:
                found += 1
                gold[(doc.doc_id, g.start)] = g.chain
                merged[(doc.doc_id, g.start)] = catalogue.lookup[(doc.doc_id, m.canonical)]
    assert names > 300
    assert found / names >= STRICT_RECALL_FLOOR
    assert bcubed(merged, gold).f1 >= MERGE_BCUBED_F1_FLOOR
