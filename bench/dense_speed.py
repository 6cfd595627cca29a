"""MiniLM on ONNX Runtime against the numpy reference: speed and sameness.

    .venv/bin/python bench/dense_speed.py [--leads 96]

Takes the first ``--leads`` Timeline17 files of 500+ characters, cut at 1,500 characters (then
at the model's 256 tokens), and embeds them with ``grouping.dense`` both ways: one process on
one thread each (numpy's BLAS limited to one thread), and ``embed_texts`` on every core. Prints
leads per second, the ratio and the largest difference between the two sets of vectors, with
the machine's load.
"""

from __future__ import annotations

import argparse
import os
import sys
import tarfile
import time
from collections.abc import Callable

import numpy as np
from threadpoolctl import threadpool_limits

from dateline.eval.bench_data import BENCH_DATA
from dateline.grouping import dense, minilm_onnx
from dateline.grouping.dense import Matrix

TARBALL = BENCH_DATA / "tls" / "timeline17_raw_tran2013.tar.gz"


def leads(count: int) -> list[str]:
    found: list[str] = []
    with tarfile.open(TARBALL) as archive:
        for member in archive:
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is None:
                continue
            text = handle.read().decode("utf-8", "replace")
            if len(text) > 500:
                found.append(text[:1500])
            if len(found) == count:
                break
    return found


def timed(encode: Callable[[list[str]], Matrix], texts: list[str]) -> tuple[float, Matrix]:
    """Leads per second and the vectors, after a warm-up batch (graph, session, caches)."""
    encode(texts[:8])
    start = time.perf_counter()
    vectors = encode(texts)
    return len(texts) / (time.perf_counter() - start), vectors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--leads", type=int, default=96)
    args = parser.parse_args(argv)
    folder = dense.model_dir()
    if folder is None or not TARBALL.is_file() or not minilm_onnx.available():
        print("needs the MiniLM wheel, onnxruntime and ../shared/bench-data", file=sys.stderr)
        return 1
    texts = leads(args.leads)
    print(f"{len(texts)} Timeline17 leads; load {os.getloadavg()[0]:.2f}")
    reference, runtime = dense.Encoder(folder, runtime=False), dense.Encoder(folder)
    with threadpool_limits(1):
        numpy_rate, numpy_vectors = timed(reference.encode, texts)
        onnx_rate, onnx_vectors = timed(runtime.encode, texts)
    all_rate, all_vectors = timed(dense.embed_texts, texts)
    print("| path | leads/s |")
    print("|---|---:|")
    print(f"| numpy, one thread | {numpy_rate:.1f} |")
    print(f"| ONNX Runtime, one thread | {onnx_rate:.1f} ({onnx_rate / numpy_rate:.2f}x) |")
    print(f"| embed_texts (ONNX Runtime) on {os.cpu_count()} cores | {all_rate:.1f} |")
    print(f"largest difference from numpy: {np.abs(onnx_vectors - numpy_vectors).max():.1e}")
    print(f"(embed_texts: {np.abs(all_vectors - numpy_vectors).max():.1e})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
