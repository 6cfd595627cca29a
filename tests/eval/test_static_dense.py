"""The static table distilled from an encoder (eval/static_dense.py), on a tiny fake encoder:
what distilling keeps, how texts are pooled, and the cache named by the weights' hash."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from tokenizers import Tokenizer, models, pre_tokenizers

from dateline.eval import static_dense
from dateline.grouping import dense

WORDS = ["harbour", "council", "flood", "valley", "vote", "the", "a", "storm", "mayor", "rain"]
VOCABULARY = ["[PAD]", "[unused0]", "[unused1]", "[UNK]", "[CLS]", "[SEP]", *WORDS]
WIDTH = 8


class FakeEncoder:
    """A word-level tokenizer and a 'model' whose output state at each position is a fixed
    random vector of the token there (no context), so a token's distilled row is known."""

    def __init__(self) -> None:
        vocab = {token: i for i, token in enumerate(VOCABULARY)}
        tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
        tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
        self.tokenizer = tokenizer
        self.states = np.random.default_rng(7).standard_normal((len(VOCABULARY), WIDTH))
        self.calls: list[tuple[int, ...]] = []

    def hidden(self, ids: npt.NDArray[np.int64], mask: npt.NDArray[np.float32]) -> dense.Matrix:
        assert mask.shape == ids.shape and (mask == 1.0).all()
        self.calls.append(tuple(ids.shape))
        out: dense.Matrix = self.states[ids].astype(np.float32)
        return out


def test_distilled_rows_are_the_pooled_states_projected_and_weighted() -> None:
    fake = FakeEncoder()
    table = static_dense.distill(fake, dims=4)
    assert table.shape == (len(VOCABULARY), 4)
    assert all(shape[1] == 3 for shape in fake.calls)  # [CLS] token [SEP], each token alone
    unused = [VOCABULARY.index("[unused0]"), VOCABULARY.index("[unused1]")]
    assert not table[unused].any()  # placeholders the model never trained stay zero
    kept = [i for i in range(len(VOCABULARY)) if i not in unused]
    cls, sep = VOCABULARY.index("[CLS]"), VOCABULARY.index("[SEP]")
    pooled = (fake.states[kept] + fake.states[cls] + fake.states[sep]) / 3
    expected = static_dense.principal_components(pooled, 4)
    expected *= static_dense.sif_weights(len(kept), static_dense.SIF_COEFFICIENT)[:, None]
    assert np.allclose(table[kept], expected, atol=1e-5)


def test_principal_components_keep_distances_and_order_variance() -> None:
    rows = np.random.default_rng(3).standard_normal((50, 6)) * np.array([5, 1, 3, 0.5, 2, 1])
    full = static_dense.principal_components(rows, 6)
    assert np.allclose(full.mean(axis=0), 0.0, atol=1e-9)
    before = np.linalg.norm(rows[:, None] - rows[None], axis=2)
    after = np.linalg.norm(full[:, None] - full[None], axis=2)
    assert np.allclose(before, after)  # all directions kept: a rotation of the centred rows
    variances = full.var(axis=0)
    assert (np.diff(variances) <= 1e-9).all()
    again = static_dense.principal_components(rows[::-1].copy(), 6)[::-1]
    assert np.allclose(full, again)  # signs fixed: the same table whatever the row order


def test_sif_weights_fall_with_frequency() -> None:
    weights = static_dense.sif_weights(30_000, 1e-4)
    assert (np.diff(weights) > 0).all()  # a later (rarer) rank weighs more
    assert weights[0] < 0.01 and weights[-1] > 0.95
    assert weights[999] == pytest.approx(0.50, abs=0.01)  # rank 1,000 ("the" in BERT's) keeps half


def test_a_text_is_the_mean_of_its_tokens_rows() -> None:
    table = np.zeros((len(VOCABULARY), 3), dtype=np.float32)
    table[VOCABULARY.index("flood")] = [1.0, 0.0, 0.0]
    table[VOCABULARY.index("valley")] = [0.0, 2.0, 0.0]
    encoder = static_dense.StaticEncoder(table, FakeEncoder().tokenizer)
    pooled = encoder.pooled(["flood valley", "valley flood", "", "flood flood valley"])
    assert pooled.shape == (4, dense.DIMENSIONS)
    assert np.allclose(pooled[0, :3], [0.5, 1.0, 0.0]) and not pooled[0, 3:].any()
    assert np.allclose(pooled[0], pooled[1])  # a bag of tokens: order is lost
    assert not pooled[2].any()
    assert np.allclose(pooled[3, :3], [2 / 3, 2 / 3, 0.0])
    vectors = encoder.encode(["flood valley", ""])
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0)
    assert not vectors[1].any()  # an empty text stays zero, not NaN


def test_centring_removes_what_every_text_shares() -> None:
    common = np.ones(dense.DIMENSIONS, dtype=np.float32) * 3
    own = np.eye(dense.DIMENSIONS, dtype=np.float32)[:2]
    pooled = np.stack([common + own[0], common + own[1]])
    plain = static_dense.unit_rows(pooled)
    assert float(plain[0] @ plain[1]) > 0.99
    centred = static_dense.centred(pooled)
    assert float(centred[0] @ centred[1]) == pytest.approx(-1.0)


def test_table_is_distilled_once_and_named_by_the_weights(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeEncoder()
    monkeypatch.setattr(dense, "encoder", lambda: fake)
    monkeypatch.setattr(static_dense, "PCA_DIMS", 4)  # the fake has 14 tokens, not 256
    first = static_dense.load_table(tmp_path)
    path = static_dense.table_path(tmp_path)
    assert path.is_file() and dense.MODEL_SHA256[:16] in path.name
    assert static_dense.DISTILL_VERSION in path.name
    calls = len(fake.calls)
    second = static_dense.load_table(tmp_path)
    assert len(fake.calls) == calls  # read from the cache, not distilled again
    assert np.array_equal(first, second)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert static_dense.cache_dir() == tmp_path / "dateline"
