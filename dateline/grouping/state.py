"""What a build keeps between builds for grouping, read back by the build and the readers.

The document frequencies the last build weighted terms with (a later build extends them; ``show``
explains a placement with them), and whether the store's stories were threaded with dense
vectors (the output names the model only then).
"""

from __future__ import annotations

import sqlite3

from dateline.grouping.dense import STAGE as DENSE_STAGE
from dateline.grouping.sparse import DocumentFrequencies, grouping_stage
from dateline.store.events import get_state
from dateline.store.stages import corpus_version

DF_STATE_KEY = "document_frequencies"


def document_frequencies(conn: sqlite3.Connection) -> DocumentFrequencies:
    """The document frequencies the last build used (empty before the first build)."""
    blob = get_state(conn, DF_STATE_KEY)
    return DocumentFrequencies.from_bytes(blob) if blob else DocumentFrequencies.empty()


def built_with_dense(conn: sqlite3.Connection) -> bool:
    """Whether the store's stories were threaded with dense vectors (its last build used them)."""
    dense_version = grouping_stage(DENSE_STAGE.version).version
    return (corpus_version(conn, "grouping") or "").startswith(dense_version)
