# ruff: noqa: E501 - paragraphs of the fixture articles are one line each, as in real files
"""The provenance stage over the store: incremental builds, stored evidence, version resets."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline import api, pipeline
from dateline.provenance import build as provenance_build
from dateline.settings import Settings
from dateline.stages import StageVersion
from dateline.store.analysis import load_flags, load_links, load_signatures

ORIGINAL = """Harbour strike ends after nine days
12 May 2025

Dock workers in the port of Selvik voted on Monday to end a nine-day strike that had left more than forty cargo ships waiting at anchor outside the harbour.
The union said its members accepted a pay rise of six percent over two years and a promise that no jobs would be cut when the new container cranes arrive.
Port managers said the first ships would be unloaded by Tuesday evening and that the backlog should be cleared within a week.
Shipping firms had warned that the dispute was costing them about two million euros a day in delays and diverted cargo.
"""

SPUN = """Port stoppage concludes following nine days
13 May 2025

Dock labourers in the harbour of Selvik voted on Monday to conclude a nine-day stoppage that had left over forty freight vessels waiting at anchor outside the port.
The syndicate said its members accepted a wage increase of six percent across two years and a pledge that no posts would be cut when the new container cranes arrive.
Harbour managers said the first vessels would be unloaded by Tuesday evening and that the backlog should be cleared inside a week.
Shipping companies had cautioned that the dispute was costing them roughly two million euros a day in delays and diverted freight.
"""


def _build(db: str, paths: list[str]) -> None:
    conn = api.open_store(db)
    api.ingest(conn, paths, Settings(db_path=db))
    api.build(conn)
    conn.close()


def test_a_later_rewrite_is_linked_to_the_stored_original(tmp_path: Path) -> None:
    (tmp_path / "original.txt").write_text(ORIGINAL)
    (tmp_path / "spun.txt").write_text(SPUN)
    db = str(tmp_path / "s.db")
    _build(db, [str(tmp_path / "original.txt")])
    _build(db, [str(tmp_path / "spun.txt")])  # a second build: compared with the stored one
    conn = api.open_store(db)
    [link] = load_links(conn)
    ids = {a["path"].rsplit("/", 1)[-1]: a["id"] for a in api.timeline_document(conn)["articles"]}
    assert (link.derived, link.source) == (ids["spun.txt"], ids["original.txt"])
    assert link.relation == "rewrite" and link.evidence["passages"]
    assert len(load_signatures(conn)) == 2
    assert "spun" in {f.name for f in load_flags(conn).get(ids["spun.txt"], ())}


def test_a_new_stage_version_compares_the_whole_store_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "original.txt").write_text(ORIGINAL)
    (tmp_path / "spun.txt").write_text(SPUN)
    db = str(tmp_path / "s.db")
    _build(db, [str(tmp_path)])
    conn = api.open_store(db)
    before = load_links(conn)
    next_version = StageVersion(provenance_build.STAGE.name, "provenance-test-next")
    monkeypatch.setattr(provenance_build, "STAGE", next_version)
    assert len(pipeline.find_provenance(conn)) == 2
    assert load_links(conn) == before
