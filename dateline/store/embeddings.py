"""Dense article vectors, cached per article with the name of the model that made them.

Encoding is the costly part of the embed stage, so a vector is computed once per article and
model; a build with another model (``grouping.dense.STAGE``, recorded by ``store.stages``)
re-embeds every article, and reads back only vectors of its own model (the old ones cannot be
compared with the new ones).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

import numpy as np
import numpy.typing as npt

from dateline.store.db import rows_in

Vector = npt.NDArray[np.float32]


def save_embeddings(conn: sqlite3.Connection, vectors: Mapping[str, Vector], model: str) -> None:
    """Store (or replace) the vectors of these articles. Call inside a transaction."""
    conn.executemany(
        "INSERT OR REPLACE INTO article_embeddings VALUES (?, ?, ?)",
        [
            (article_id, model, np.asarray(vector, dtype="<f4").tobytes())
            for article_id, vector in vectors.items()
        ],
    )


def load_embeddings(conn: sqlite3.Connection, ids: Iterable[str], model: str) -> dict[str, Vector]:
    """The stored vectors from ``model`` of these articles (articles without one are absent)."""
    query = "SELECT article_id, vector FROM article_embeddings WHERE model = ? AND article_id"
    rows = rows_in(conn, query, dict.fromkeys(ids), (model,))
    return {row[0]: np.frombuffer(row[1], dtype="<f4").astype(np.float32) for row in rows}
