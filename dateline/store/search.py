"""Full-text search over article titles and text: an SQLite FTS5 index kept beside the articles.

Why it is not a migration in ``schema.py``: migrations run unconditionally when any dateline
opens a store, and their SQL is split on ``;``. An FTS5 table there would make every store
unopenable on a Python whose SQLite lacks FTS5 (a migration that fails is a store refused), and
the triggers that would keep an external-content index in step with ``articles`` cannot be
written as ``;``-split statements. The index is derived data, like the timeline: it can be
rebuilt from ``articles`` at any time. So it is created on first use, when FTS5 exists, as a
*contentless* table (``content=''``: the index alone, no second copy of the text) keyed by the
article's ``seq``, and brought up to date before each search by indexing the articles stored
since (``articles`` are append-only: ``seq`` only grows). ``build_state`` keeps the last
indexed ``seq``. Where FTS5 is missing or the store cannot be written (a read-only file), the
search falls back to a scan with ``LIKE``; results are the same words, ranked more crudely.

An older dateline opening a store with this table ignores it; nothing else reads it.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from dateline.store.db import transaction
from dateline.store.events import get_state, put_state

TABLE = "article_search"
STATE_KEY = "search_indexed_seq"
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12
"""Words of a query used; a longer query is a paste, not a search."""


@dataclass(frozen=True)
class Hit:
    """One article matching a search, best first: its id and its rank (lower is better)."""

    article_id: str
    rank: float


def query_terms(query: str) -> list[str]:
    """The words of a user's query, lower-cased, in order, without repeats (at most
    ``MAX_TERMS``). Only word characters survive: FTS5 operators and quotes cannot be typed in."""
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(query)))[:MAX_TERMS]


def fts5_available(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite has the FTS5 module."""
    try:
        row = conn.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')").fetchone()
    except sqlite3.DatabaseError:
        return False
    if row and row[0]:
        return True
    try:  # loaded as an extension rather than compiled in
        conn.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
        conn.execute("DROP TABLE temp.fts5_probe")
    except sqlite3.OperationalError:
        return False
    return True


def ensure_index(conn: sqlite3.Connection) -> bool:
    """Create the index if needed and add the articles stored since it was last brought up to
    date. False when there is no usable index (no FTS5, or the store cannot be written)."""
    if not fts5_available(conn):
        return False
    try:
        indexed = _indexed_seq(conn)
        newest = int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0])
        if indexed is not None and indexed >= newest:
            return True
        with transaction(conn):
            conn.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
                "title, text, content='', tokenize='unicode61 remove_diacritics 2')"
            )
            since = _indexed_seq(conn) or 0
            conn.execute(
                f"INSERT INTO {TABLE} (rowid, title, text)"
                " SELECT seq, COALESCE(title, ''), text FROM articles WHERE seq > ? ORDER BY seq",
                (since,),
            )
            put_state(conn, STATE_KEY, str(newest).encode())
    except sqlite3.OperationalError:  # read-only file, or a lock held past the busy timeout
        return False
    return True


def _indexed_seq(conn: sqlite3.Connection) -> int | None:
    """The last ``seq`` indexed, or None when there is no index yet."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
    ).fetchone()
    if exists is None:
        return None
    value = get_state(conn, STATE_KEY)
    return int(value.decode()) if value else 0


def search(conn: sqlite3.Connection, query: str, limit: int = 200) -> list[Hit]:
    """Articles whose title or text hold every word of ``query`` (prefixes of the last word
    too, as a reader types), best first (BM25, titles weighted x3); empty for no words."""
    terms = query_terms(query)
    if not terms:
        return []
    if ensure_index(conn):
        return _fts_search(conn, terms, limit)
    return _scan_search(conn, terms, limit)


def _fts_search(conn: sqlite3.Connection, terms: list[str], limit: int) -> list[Hit]:
    quoted = [f'"{term}"' for term in terms]  # \w+ words: no quote to escape
    quoted[-1] += "*"
    rows = conn.execute(
        f"SELECT a.id, bm25({TABLE}, 3.0, 1.0) AS rank FROM {TABLE}"
        f" JOIN articles a ON a.seq = {TABLE}.rowid"
        f" WHERE {TABLE} MATCH ? ORDER BY rank LIMIT ?",
        (" AND ".join(quoted), limit),
    ).fetchall()
    return [Hit(row[0], float(row[1])) for row in rows]


def _scan_search(conn: sqlite3.Connection, terms: list[str], limit: int) -> list[Hit]:
    """The fallback without FTS5: every word as a substring of the title or text."""
    clauses = " AND ".join(
        "(LOWER(COALESCE(title, '')) LIKE ? ESCAPE '\\' OR LOWER(text) LIKE ? ESCAPE '\\')"
        for _ in terms
    )
    params: list[object] = []
    for term in terms:
        pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params += [pattern, pattern]
    rows = conn.execute(
        f"SELECT id, title FROM articles WHERE {clauses} ORDER BY seq LIMIT ?", (*params, limit)
    ).fetchall()
    hits = []
    for row in rows:
        title = (row[1] or "").lower()
        hits.append(Hit(row[0], -float(sum(term in title for term in terms))))
    return sorted(hits, key=lambda hit: hit.rank)
