"""Fixtures of the interface tests: hostile corpora, store copies (the demo store, built once
per session, is in tests/conftest.py: the export tests read it too)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from dateline import api

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"


def entity_names(conn: sqlite3.Connection) -> list[tuple[str, set[str]]]:
    """Each entity's id and the canonical names its mentions resolve to, sorted."""
    names: dict[str, set[str]] = {}
    for (_, canonical), entity_id in api.who_said_what(conn).catalogue.lookup.items():
        names.setdefault(entity_id, set()).add(canonical)
    return sorted(names.items())


def copy_store(source: Path, target: Path) -> Path:
    """A private copy of a closed store (its write-ahead log was folded in when it closed)."""
    assert not Path(f"{source}-wal").exists() or Path(f"{source}-wal").stat().st_size == 0
    shutil.copyfile(source, target)
    return target


LEAD = (
    "Floodwater spilled over the Karsk Dam on the Mirel River early on Tuesday, forcing the "
    "evacuation of 1,200 residents of Lowmarsh, regional officials said."
)
MORE = (
    "Engineers said a spillway gate had jammed during the night, and the regional governor "
    'promised an inquiry. "We will find out why the gate failed," Clara Wendt told reporters.'
)
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "</script><script>alert(document.cookie)</script>",
    "</title></style><script>alert(1)</script>",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "<javascript:alert(1)>",
    "# heading",
    "### heading",
    "######heading",
    "---",
    "===",
    "- item",
    "1. item",
    "> quote",
    "| a | b |",
    "`code` *em* _em_ ~~strike~~ **bold**",
    "<!-- comment -->",
    "[ref]: javascript:alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#106;avascript:alert(1)",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x9b2J \u202eevil",
)
"""Script, attribute, link and Markdown-injection payloads, and terminal control sequences."""
HOSTILE_URLS = (
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    'https://example.com/"><script>alert(1)</script>',
    "https://example.com/a?b=1&c=<2>",
)
HOSTILE_FILE_NAMES = (
    "<img src=x onerror=alert(1)>.txt",
    "# heading [x](javascript:alert(1)).txt",
    "esc \x1b[2J \x9b31m.txt",
)


def write_hostile_corpus(root: Path) -> None:
    """Articles whose titles, text, outlets, URLs and file names carry the payloads."""
    root.mkdir()
    records = []
    for number, payload in enumerate(PAYLOADS):
        records.append(
            {
                "title": f"{payload} Dam spill {number}",
                "text": f"{payload} {LEAD} {payload}\n\n{MORE} {payload}",
                "date": f"2025-03-{number % 28 + 1:02d}",
                "outlet": f"{payload} Times",
                "url": HOSTILE_URLS[number % len(HOSTILE_URLS)],
            }
        )
    (root / "hostile.jsonl").write_text(
        "".join(json.dumps(record) + "\n" for record in records), encoding="utf-8"
    )
    for number, name in enumerate(HOSTILE_FILE_NAMES):
        (root / name).write_text(
            f"{PAYLOADS[number]} Lowmarsh file {number}\n{number + 4} March 2025\n\n{LEAD} "
            f"Reported from file {number}.\n\n{MORE}\n",
            encoding="utf-8",
        )


def build_corpus_store(base: Path, write: Callable[[Path], None], at_least: int) -> Path:
    """A corpus written into ``base/corpus`` by ``write``, ingested from its absolute path
    (at least ``at_least`` articles kept) and built into ``base/store.db``."""
    write(base / "corpus")
    db = base / "store.db"
    conn = api.open_store(str(db))
    try:
        report = api.ingest(conn, [str(base / "corpus")])
        assert report.articles_read >= at_least, report.issues
        api.build(conn)
    finally:
        conn.close()
    return db


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile corpus ingested from its absolute path and built, once."""
    base = tmp_path_factory.mktemp("hostile")
    return build_corpus_store(base, write_hostile_corpus, len(PAYLOADS))
