"""Per-article analyses: entity mentions, quotes, style flags, provenance links.

Each analysis is recomputed when its stage's version changes (``dateline.stages``, recorded by
``store.stages``), so improving a stage upgrades an existing store on the next build.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, cast

from dateline.model import EntityKind, EntityMention, Quote, StyleFlag
from dateline.store.db import IN_CHUNK, rows_in


@dataclass(frozen=True)
class StoredLink:
    """A provenance link as stored: ``derived`` is a ``relation`` of ``source``."""

    derived: str
    source: str
    relation: str
    score: float
    evidence: dict[str, Any]


def save_mentions(
    conn: sqlite3.Connection, mentions: Mapping[str, Sequence[EntityMention]]
) -> None:
    """Replace the entity mentions of these articles. Call inside a transaction."""
    for article_id, found in mentions.items():
        conn.execute("DELETE FROM entity_mentions WHERE article_id = ?", (article_id,))
        conn.executemany(
            "INSERT OR IGNORE INTO entity_mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(article_id, m.start, m.end, m.text, m.kind, m.canonical, m.role) for m in found],
        )


def load_mentions(
    conn: sqlite3.Connection, ids: Iterable[str] | None = None
) -> dict[str, tuple[EntityMention, ...]]:
    """Entity mentions by article id, in text order.

    The store's mentions are read row by row and their names, kinds and roles share one string
    each (``sys.intern``): the whole store's mentions (about 75 an article) then take a quarter
    of the memory (115 MiB instead of 434 on 9,231 Timeline17 articles)."""
    grouped: dict[str, list[EntityMention]] = {}
    for row in _rows(conn, "entity_mentions", "article_id", ids):
        grouped.setdefault(row["article_id"], []).append(
            _mention(
                row["start_offset"],
                row["end_offset"],
                row["text"],
                row["kind"],
                row["canonical"],
                row["role"],
            )
        )
    return {key: tuple(sorted(found, key=lambda m: m.start)) for key, found in grouped.items()}


def iter_mentions(
    conn: sqlite3.Connection, batch: int = 1000
) -> Iterator[tuple[str, tuple[EntityMention, ...]]]:
    """``load_mentions(conn).items()`` read ``batch`` articles at a time: the same articles
    in the same order (by their first stored row), each with the same mentions (names, kinds
    and roles interned), without the whole store's mentions in memory at once
    (``who.entities.merge_mentions`` reads them twice). Rows come as plain tuples (a
    ``sqlite3.Row`` looked up by column name cost a third of the reading). Call it inside one
    read transaction (``db.read_snapshot``) when a build may write meanwhile, so that every
    reading sees the same rows."""
    ids = [
        row[0]
        for row in conn.execute(
            "SELECT article_id FROM entity_mentions GROUP BY article_id ORDER BY MIN(rowid)"
        )
    ]
    cursor = conn.cursor()
    cursor.row_factory = None
    for first in range(0, len(ids), batch):
        chunk = ids[first : first + batch]
        found: dict[str, list[EntityMention]] = {}
        for part in range(0, len(chunk), IN_CHUNK):
            wanted = chunk[part : part + IN_CHUNK]
            rows = cursor.execute(
                "SELECT article_id, start_offset, end_offset, text, kind, canonical, role"
                f" FROM entity_mentions WHERE article_id IN ({','.join('?' * len(wanted))})",
                wanted,
            )
            for article_id, start, end, text, kind, canonical, role in rows:
                mention = _mention(start, end, text, kind, canonical, role)
                found.setdefault(article_id, []).append(mention)
        for article_id in chunk:
            yield article_id, tuple(sorted(found.get(article_id, ()), key=_START))


_START = attrgetter("start")


def _mention(
    start: int, end: int, text: str, kind: str, canonical: str, role: str | None
) -> EntityMention:
    """A stored mention, its strings shared with every other mention of the same name, kind
    and role (``sys.intern``)."""
    return EntityMention(
        start,
        end,
        sys.intern(text),
        cast(EntityKind, sys.intern(kind)),
        sys.intern(canonical),
        None if role is None else sys.intern(role),
    )


def mentions_fingerprint(conn: sqlite3.Connection) -> tuple[object, ...]:
    """A cheap summary of every stored mention and publication date (counts and sums over
    their columns; about 0.1 s for 340,000 mentions) that changes when a build rewrites them:
    readers keep the entities they merged from them while it stays the same."""
    mentions = conn.execute(
        "SELECT COUNT(*), TOTAL(start_offset), TOTAL(end_offset), TOTAL(LENGTH(canonical)),"
        " TOTAL(LENGTH(role)), TOTAL(LENGTH(kind)) FROM entity_mentions"
    ).fetchone()
    published = conn.execute(
        "SELECT COUNT(*), MAX(published), TOTAL(LENGTH(published)),"
        " TOTAL(CAST(REPLACE(published, '-', '') AS INTEGER)) FROM articles"
    ).fetchone()
    return (*mentions, *published)


def save_quotes(conn: sqlite3.Connection, quotes: Mapping[str, Sequence[Quote]]) -> None:
    """Replace the quotes of these articles. Call inside a transaction."""
    for article_id, found in quotes.items():
        conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        conn.executemany(
            "INSERT OR IGNORE INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, q.start, q.end, q.text, q.kind, q.speaker, q.speaker_text, q.cue)
                for q in found
            ],
        )


def load_quotes(
    conn: sqlite3.Connection, ids: Iterable[str] | None = None
) -> dict[str, tuple[Quote, ...]]:
    """Quotes by article id, in text order."""
    grouped: dict[str, list[Quote]] = {}
    for row in _rows(conn, "quotes", "article_id", ids):
        grouped.setdefault(row["article_id"], []).append(
            Quote(
                row["start_offset"],
                row["end_offset"],
                row["text"],
                row["kind"],
                row["speaker"],
                row["speaker_text"],
                row["cue"],
            )
        )
    return {key: tuple(sorted(found, key=lambda q: q.start)) for key, found in grouped.items()}


def save_flags(conn: sqlite3.Connection, flags: Mapping[str, Sequence[StyleFlag]]) -> None:
    """Replace the style flags of these articles. Call inside a transaction."""
    for article_id, found in flags.items():
        conn.execute("DELETE FROM article_flags WHERE article_id = ?", (article_id,))
        conn.executemany(
            "INSERT OR REPLACE INTO article_flags VALUES (?, ?, ?, ?)",
            [(article_id, f.name, f.score, json.dumps(list(f.evidence))) for f in found],
        )


def load_flags(
    conn: sqlite3.Connection, ids: Iterable[str] | None = None
) -> dict[str, tuple[StyleFlag, ...]]:
    """Style flags by article id, by name."""
    grouped: dict[str, list[StyleFlag]] = {}
    for row in _rows(conn, "article_flags", "article_id", ids):
        grouped.setdefault(row["article_id"], []).append(
            StyleFlag(row["name"], row["score"], tuple(json.loads(row["evidence"])))
        )
    return {key: tuple(sorted(found, key=lambda f: f.name)) for key, found in grouped.items()}


def flagged_with(
    conn: sqlite3.Connection, ids: Iterable[str], names: Sequence[str]
) -> frozenset[str]:
    """The articles among ``ids`` that carry one of the flags ``names``."""
    return frozenset(
        article_id
        for article_id, flags in load_flags(conn, ids).items()
        if any(flag.name in names for flag in flags)
    )


def save_links(
    conn: sqlite3.Connection, derived_ids: Iterable[str], links: Iterable[StoredLink]
) -> None:
    """Replace the links that start from ``derived_ids``. Call inside a transaction."""
    for article_id in derived_ids:
        conn.execute("DELETE FROM article_links WHERE derived = ?", (article_id,))
    conn.executemany(
        "INSERT OR REPLACE INTO article_links VALUES (?, ?, ?, ?, ?)",
        [
            (link.derived, link.source, link.relation, link.score, json.dumps(link.evidence))
            for link in links
        ],
    )


def load_links(conn: sqlite3.Connection, article_id: str | None = None) -> list[StoredLink]:
    """Every link, or those with ``article_id`` on either side, strongest first."""
    query = "SELECT * FROM article_links"
    params: tuple[str, ...] = ()
    if article_id is not None:
        query += " WHERE derived = ? OR source = ?"
        params = (article_id, article_id)
    rows = conn.execute(query + " ORDER BY score DESC, derived, source", params)
    return [_stored_link(row) for row in rows]


def _stored_link(row: sqlite3.Row) -> StoredLink:
    return StoredLink(
        row["derived"], row["source"], row["relation"], row["score"], json.loads(row["evidence"])
    )


def load_links_touching(conn: sqlite3.Connection, ids: Iterable[str]) -> list[StoredLink]:
    """The links with one of ``ids`` on either side, strongest first, in ``load_links``'s order
    (a batch of articles reads its links without the whole store's)."""
    wanted = list(dict.fromkeys(ids))
    rows = {
        (row["derived"], row["source"]): row
        for side in ("derived", "source")
        for row in rows_in(conn, f"SELECT * FROM article_links WHERE {side}", wanted)
    }
    ordered = sorted(rows.values(), key=lambda r: (-r["score"], r["derived"], r["source"]))
    return [_stored_link(row) for row in ordered]


def save_signatures(conn: sqlite3.Connection, signatures: Mapping[str, bytes]) -> None:
    """Keep the provenance signatures of these articles. Call inside a transaction."""
    conn.executemany(
        "INSERT OR REPLACE INTO article_signatures VALUES (?, ?)", list(signatures.items())
    )


def load_signatures(conn: sqlite3.Connection) -> dict[str, bytes]:
    """Every stored provenance signature by article id."""
    return dict(iter_signatures(conn))


def iter_signatures(conn: sqlite3.Connection) -> Iterator[tuple[str, bytes]]:
    """Every stored provenance signature with its article id, read one row at a time (an
    index of a large store then never holds them all as bytes as well)."""
    for row in conn.execute("SELECT article_id, signature FROM article_signatures"):
        yield row[0], bytes(row[1])


def reset_provenance(conn: sqlite3.Connection) -> None:
    """Forget every signature, link and flag (the provenance stage then forgets its records)."""
    for table in ("article_signatures", "article_links", "article_flags"):
        conn.execute(f"DELETE FROM {table}")


def _rows(
    conn: sqlite3.Connection, table: str, key: str, ids: Iterable[str] | None
) -> Iterable[sqlite3.Row]:
    """The table's rows (all, read one at a time, or those of the articles ``ids``)."""
    if ids is None:
        return conn.execute(f"SELECT * FROM {table}")
    return rows_in(conn, f"SELECT * FROM {table} WHERE {key}", ids)
