"""Story-separation scoring plumbing on an invented corpus, and a floor on ECB+ dev topics."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from dateline.eval import t17_stories
from dateline.eval.ecbplus import TARBALL
from dateline.eval.t17_stories import (
    TopicDocument,
    _windowed_cosines,
    ecbplus_documents,
    render,
    score,
    score_documents,
    sparse_markov_clustering,
)

ECB_DEV_STORIES_FLOOR = 0.90
"""dateline stories on ECB+ dev topics measured B3 F1 0.929 (tuning split)."""

BLIGHT = [
    "Orchard growers in the Vell Valley found {n} trees with grey canker blight near Harrowgate.",
    "The Vell Valley growers' union asked for help after grey canker blight reached {n} farms.",
    "Inspectors from the Vell agriculture office burned {n} orchard trees hit by canker blight.",
    "Apple exports from the Vell Valley fell {n} percent as the canker blight spread to Ostley.",
]
FERRY = [
    "Ferry crews at Port Hallam walked out for {n} hours over pay, stranding island travellers.",
    "The Port Hallam ferry strike entered day {n} as the crews' union rejected the pay offer.",
    "Islanders on Brisk Holm ran short of fuel on day {n} of the Port Hallam ferry strike.",
    "Port Hallam ferry operators and crews met a mediator for {n} hours to end the strike.",
]


def _corpus() -> list[TopicDocument]:
    start = date(2023, 5, 1)
    documents = []
    for topic, templates, offset in (("blight", BLIGHT, 0), ("ferry", FERRY, 3)):
        for n in range(12):
            sentence = templates[n % len(templates)].format(n=n * 7 + 12 + offset * 100)
            follow = templates[(n + 1) % len(templates)].format(n=n * 3 + 5 + offset * 100)
            documents.append(
                TopicDocument(
                    doc_id=f"{topic}-{n}",
                    topic=topic,
                    text=f"{sentence}\n{follow}",
                    title=sentence.split(",")[0],
                    published=start + timedelta(days=offset + 9 * n),
                )
            )
    return documents


def test_scores_of_a_perfect_and_a_lumped_partition() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    perfect = score({"a": "1", "b": "1", "c": "2", "d": "2"}, gold)
    assert perfect["bcubed"]["f1"] == 1.0 and perfect["ari"] == 1.0 and perfect["clusters"] == 2
    lumped = score(dict.fromkeys(gold, "1"), gold)
    assert lumped["bcubed"]["r"] == 1.0 and lumped["bcubed"]["p"] == 0.5
    assert lumped["ari"] == 0.0


def test_markov_clustering_splits_two_disconnected_groups() -> None:
    dense = np.zeros((6, 6))
    dense[:3, :3] = 0.8
    dense[3:, 3:] = 0.6
    labels = sparse_markov_clustering(sparse.csr_matrix(dense))
    assert labels[0] == labels[1] == labels[2] != labels[3] == labels[4] == labels[5]


def test_cosines_only_between_articles_at_most_a_day_apart() -> None:
    vectors = sparse.csr_matrix(np.ones((3, 2)) / np.sqrt(2))
    days = [date(2023, 1, 1), date(2023, 1, 2), date(2023, 1, 9)]
    graph = _windowed_cosines(vectors, days, 1).toarray()
    assert graph[0, 1] == pytest.approx(1.0) and graph[1, 0] == pytest.approx(1.0)
    assert graph[0, 2] == 0.0 and graph[2, 1] == 0.0


def test_every_system_scores_the_invented_corpus() -> None:
    figures = score_documents(_corpus())
    rows = figures["systems"]
    assert figures["documents"] == 24 and figures["gold_stories"] == 2
    assert {"dateline stories", "TF-IDF + Markov clustering (news-tls)"} <= rows.keys()
    assert any(name.startswith("BERTopic-style") for name in rows)
    assert rows["dateline stories"]["bcubed"]["f1"] >= 0.9
    assert "| dateline stories |" in render(figures)


@pytest.mark.skipif(not TARBALL.exists(), reason="needs ../shared/bench-data (ECB+ tarball)")
def test_ecbplus_dev_topics_thread_into_stories() -> None:
    figures = score_documents(ecbplus_documents("dev"), baselines=False)
    assert figures["systems"]["dateline stories"]["bcubed"]["f1"] >= ECB_DEV_STORIES_FLOOR


def test_bench_cache_embeds_each_text_set_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def fake_embed(texts: Sequence[str]) -> np.ndarray:
        calls.append(len(texts))
        return np.full((len(texts), 4), float(len(calls)), dtype=np.float32)

    monkeypatch.setattr(t17_stories, "embed_texts", fake_embed)
    monkeypatch.delenv(t17_stories.CACHE_VARIABLE, raising=False)
    t17_stories.cached_dense(["a", "b"])
    t17_stories.cached_dense(["a", "b"])
    assert calls == [2, 2]  # no cache folder: embedded every time
    monkeypatch.setenv(t17_stories.CACHE_VARIABLE, str(tmp_path))
    first = t17_stories.cached_dense(["a", "b"])
    again = t17_stories.cached_dense(["a", "b"])
    other = t17_stories.cached_dense(["a", "c"])
    assert calls == [2, 2, 2, 2]  # the repeat was read back; a changed text was not
    assert np.array_equal(first, again) and not np.array_equal(first, other)
