"""all-MiniLM-L6-v2 run by ONNX Runtime: the same weights and numbers, 1.8x faster on a core.

``dense.py`` runs the model as numpy matrix products; that stays the reference and the
fallback. Most of its time outside the matrix products goes to elementwise passes over big
temporaries (the exact GELU alone was a quarter of it), which ONNX Runtime fuses. So this
module writes the same forward pass as an ONNX graph, in memory, from the hash-checked
weights ``dense`` loaded (nothing is downloaded, no file is written), and runs it on one
thread per process, as the numpy path runs on one BLAS thread.

Measured on 96 Timeline17 leads of up to 256 tokens, one core (2026-12-02): numpy 9.1-9.3
leads/s, ONNX Runtime 15.5-17.1 (1.7-1.8x), every vector within 2e-7 of numpy's, so the stage
version is the same and stored vectors stay valid. Dynamic int8 quantisation of the matrix
products ran 2.8x faster but moved vectors by up to 0.01 in cosine (0.10 with the embeddings
quantised too): not used.

The graph takes token ids and an attention mask (batch x length) and gives the last hidden
states; ``dense`` pools and normalises them as before.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from dateline.grouping.dense import Matrix, _Weights

OPSET = 17
"""LayerNormalization is an operator from opset 17 on."""
IDS, MASK, HIDDEN = "input_ids", "attention_mask", "hidden"
ONE = "one.float"
EXTERNAL_BYTES = 4096
"""Constants this large (the weights) go to the session from memory, not into the graph."""


def available() -> bool:
    """Whether ONNX Runtime and the onnx package (to write the graph) are installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "onnx"))


class Runner:
    """One process's ONNX Runtime session over the model, made on first use in that process
    (a session is not carried across a fork: each worker makes its own)."""

    def __init__(self, weights: _Weights) -> None:
        self._weights = weights
        self._model: Model | None = None
        self._session: Any = None
        self._pid = -1

    def prepare(self) -> Model:
        """Write the graph now (about half a second), before workers fork and share it."""
        if self._model is None:
            self._model = model_bytes(self._weights)
        return self._model

    def hidden(self, ids: npt.NDArray[np.int64], mask: Matrix) -> Matrix:
        """The last hidden states (batch x length x 384) for padded ids and their mask."""
        if self._session is None or self._pid != os.getpid():
            self._session = _session(self.prepare())
            self._pid = os.getpid()
        out: Matrix = self._session.run([HIDDEN], {IDS: ids, MASK: mask})[0]
        return out


def _session(model: Model) -> Any:
    import onnxruntime  # noqa: PLC0415 - loaded only where the dense stage runs

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1  # one core per process, as dense's workers are laid out
    options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    names = list(model.weights)
    values = [onnxruntime.OrtValue.ortvalue_from_numpy(model.weights[name]) for name in names]
    options.add_external_initializers(names, values)  # copied into the session here
    return onnxruntime.InferenceSession(model.graph, options, providers=["CPUExecutionProvider"])


@dataclass(frozen=True)
class Model:
    """The serialised graph (without its weights) and the weights by name: the session reads
    them from the arrays ``dense`` already holds, so no serialised copy of the 90 MB of weights
    is ever made (one made the build's peak memory 300 MB larger)."""

    graph: bytes
    weights: dict[str, npt.NDArray[Any]]


def model_bytes(weights: _Weights) -> Model:
    """The ONNX model of the forward pass in ``dense._encode_batch``."""
    from onnx import TensorProto, helper  # noqa: PLC0415 - only to write the graph

    graph = _Graph()
    graph.const(ONE, np.array(1.0, np.float32))
    hidden = graph.embeddings(weights)
    bias = graph.attention_bias()
    for index, layer in enumerate(weights.layers):
        hidden = graph.block(hidden, bias, layer, weights, f"layer{index}.")
    graph.node("Identity", [hidden], HIDDEN)
    width = weights.word.shape[1]
    model = helper.make_model(
        helper.make_graph(
            graph.nodes,
            "all-MiniLM-L6-v2",
            [
                helper.make_tensor_value_info(IDS, TensorProto.INT64, ["batch", "length"]),
                helper.make_tensor_value_info(MASK, TensorProto.FLOAT, ["batch", "length"]),
            ],
            [helper.make_tensor_value_info(HIDDEN, TensorProto.FLOAT, ["batch", "length", width])],
            graph.constants,
        ),
        opset_imports=[helper.make_opsetid("", OPSET)],
    )
    model.ir_version = 8
    return Model(model.SerializeToString(), graph.weights)


class _Graph:
    """The nodes and constants of the graph as they are added."""

    def __init__(self) -> None:
        self.nodes: list[Any] = []
        self.constants: list[Any] = []
        self.weights: dict[str, npt.NDArray[Any]] = {}
        """The large constants, handed to the session from memory (``Model``)."""

    def const(self, name: str, value: Any) -> str:
        from onnx import TensorProto, helper, numpy_helper  # noqa: PLC0415

        array = np.asarray(value)
        if array.nbytes < EXTERNAL_BYTES:
            self.constants.append(numpy_helper.from_array(array, name))
            return name
        tensor = TensorProto(name=name, dims=array.shape)
        tensor.data_type = helper.np_dtype_to_tensor_dtype(array.dtype)
        tensor.data_location = TensorProto.EXTERNAL
        place = tensor.external_data.add()
        place.key, place.value = "location", "dateline-weights-in-memory"
        self.constants.append(tensor)
        self.weights[name] = np.ascontiguousarray(array)
        return name

    def node(self, op: str, inputs: list[str], output: str, **attributes: Any) -> str:
        from onnx import helper  # noqa: PLC0415

        self.nodes.append(helper.make_node(op, inputs, [output], **attributes))
        return output

    def layer_norm(self, x: str, norm: tuple[Matrix, Matrix], eps: float, name: str) -> str:
        scale, shift = self.const(name + ".g", norm[0]), self.const(name + ".b", norm[1])
        return self.node("LayerNormalization", [x, scale, shift], name, axis=-1, epsilon=eps)

    def linear(self, x: str, weight: Matrix, bias: Matrix, name: str) -> str:
        product = self.node("MatMul", [x, self.const(name + ".w", weight)], name + ".xw")
        return self.node("Add", [product, self.const(name + ".bias", bias)], name)

    def embeddings(self, weights: _Weights) -> str:
        """Word + position (the first ``length`` rows) + token type 0, then layer norm."""
        self.const("zero", np.array([0], np.int64))
        self.const("one", np.array([1], np.int64))
        self.const("two", np.array([2], np.int64))
        shape = self.node("Shape", [IDS], "ids.shape")
        length = self.node("Slice", [shape, "one", "two", "zero"], "length")
        table = self.const("position", weights.position)
        positions = self.node("Slice", [table, "zero", length, "zero"], "positions")
        words = self.node("Gather", [self.const("word", weights.word), IDS], "words")
        summed = self.node("Add", [words, positions], "embedded")
        typed = self.node("Add", [summed, self.const("type0", weights.token_type[0])], "typed")
        return self.layer_norm(typed, weights.embedding_norm, weights.eps, "embeddings.norm")

    def attention_bias(self) -> str:
        """0 where the mask is 1, float32's lowest where it is 0, shaped batch x 1 x 1 x len."""
        lowest = self.const("lowest", np.array(np.finfo(np.float32).min, np.float32))
        padding = self.node("Sub", [ONE, MASK], "padding")
        bias = self.node("Mul", [padding, lowest], "padding.bias")
        axes = self.const("axes12", np.array([1, 2], np.int64))
        return self.node("Unsqueeze", [bias, axes], "attention.bias")

    def block(self, x: str, bias: str, layer: Any, weights: _Weights, p: str) -> str:
        """One transformer block, as ``dense._block``."""
        heads = weights.heads
        width = weights.word.shape[1]
        size = width // heads
        qkv = self.linear(x, layer.qkv, layer.qkv_bias, p + "qkv")
        split = self.const(p + "qkv.shape", np.array([0, 0, 3, heads, size], np.int64))
        qkv = self.node("Reshape", [qkv, split], p + "qkv.heads")
        qkv = self.node("Transpose", [qkv], p + "qkv.t", perm=[2, 0, 3, 1, 4])
        query, key, value = (
            self.node("Gather", [qkv, self.const(p + part, np.array(i))], p + part + ".v", axis=0)
            for i, part in enumerate(("q", "k", "v"))
        )
        key_t = self.node("Transpose", [key], p + "k.t", perm=[0, 1, 3, 2])
        scores = self.node("MatMul", [query, key_t], p + "scores")
        scale = self.const(p + "scale", np.array(1.0 / np.sqrt(size), np.float32))
        scores = self.node("Mul", [scores, scale], p + "scores.scaled")
        scores = self.node("Add", [scores, bias], p + "scores.masked")
        scores = self.node("Softmax", [scores], p + "attention", axis=-1)
        context = self.node("MatMul", [scores, value], p + "context")
        context = self.node("Transpose", [context], p + "context.t", perm=[0, 2, 1, 3])
        merged = self.const(p + "merged.shape", np.array([0, 0, width], np.int64))
        context = self.node("Reshape", [context, merged], p + "context.merged")
        attended = self.linear(context, layer.attention_out, layer.attention_out_bias, p + "out")
        residual = self.node("Add", [attended, x], p + "out.residual")
        x = self.layer_norm(residual, layer.attention_norm, weights.eps, p + "attention.norm")
        inner = self.gelu(self.linear(x, layer.intermediate, layer.intermediate_bias, p + "ffn"))
        output = self.linear(inner, layer.output, layer.output_bias, p + "ffn.out")
        residual = self.node("Add", [output, x], p + "ffn.residual")
        return self.layer_norm(residual, layer.output_norm, weights.eps, p + "output.norm")

    def gelu(self, x: str) -> str:
        """BERT's exact GELU, 0.5 x (1 + erf(x / sqrt 2)); ONNX Runtime fuses it."""
        root = self.const(x + ".rsqrt2", np.array(1.0 / np.sqrt(2.0), np.float32))
        half = self.const(x + ".half", np.array(0.5, np.float32))
        scaled = self.node("Mul", [x, root], x + ".scaled")
        erf = self.node("Add", [self.node("Erf", [scaled], x + ".erf"), ONE], x + ".erf1")
        return self.node("Mul", [self.node("Mul", [x, erf], x + ".xerf"), half], x + ".gelu")
