"""The store: one SQLite file that every stage reads from and writes to.

It is the hub of the pipeline: ingest writes articles, ``build`` writes events, and every
interface reads both without recomputing. ``db`` opens and migrates, ``schema`` lists the
migrations, ``articles`` and ``events`` hold the queries for their tables.
"""

from dateline.store.db import StoreError, connect, transaction

__all__ = ["StoreError", "connect", "transaction"]
