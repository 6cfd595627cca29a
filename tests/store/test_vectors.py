"""Stored sparse vectors: what ``to_bytes`` writes reads back as the same matrix, and rows an
older store wrote as ``.npz`` archives still read."""

from __future__ import annotations

import io

import numpy as np
from scipy import sparse

from dateline.store.vectors import ROW_MAGIC, empty_like, from_bytes, to_bytes


def _row(seed: int, columns: int = 2**20 + 384) -> sparse.csr_matrix:
    rng = np.random.default_rng(seed)
    picked = np.sort(rng.choice(columns, size=50, replace=False))
    values = rng.random(50).astype(np.float64)
    return sparse.csr_matrix((values, picked, [0, 50]), shape=(1, columns))


def _same(a: sparse.csr_matrix, b: sparse.csr_matrix) -> bool:
    return (
        a.shape == b.shape
        and a.dtype == b.dtype == np.float32
        and np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.indices, b.indices)
        and np.array_equal(a.data, b.data)
    )


def _npz(row: sparse.csr_matrix) -> bytes:
    buffer = io.BytesIO()
    sparse.save_npz(buffer, row, compressed=True)
    return buffer.getvalue()


def test_a_row_reads_back_as_the_npz_writer_gave_it() -> None:
    for seed in range(5):
        row = _row(seed)
        blob = to_bytes(row)
        assert blob.startswith(ROW_MAGIC)
        assert _same(from_bytes(blob), from_bytes(_npz(row)))


def test_rows_an_older_store_wrote_still_read() -> None:
    row = _row(7)
    assert _same(from_bytes(_npz(row)), sparse.csr_matrix(row, dtype=np.float32))


def test_empty_and_several_row_matrices_round_trip() -> None:
    empty = sparse.csr_matrix((1, 10), dtype=np.float32)
    assert _same(from_bytes(to_bytes(empty)), empty)
    stacked = sparse.vstack([_row(1, 1000), _row(2, 1000), _row(3, 1000)], format="csr")
    assert _same(from_bytes(to_bytes(stacked)), sparse.csr_matrix(stacked, dtype=np.float32))


def test_an_empty_vector_takes_the_shape_of_a_stored_one_in_either_format() -> None:
    row = _row(4)
    for blob in (to_bytes(row), _npz(row)):
        empty = from_bytes(empty_like(blob))
        assert empty.shape == row.shape and empty.nnz == 0
