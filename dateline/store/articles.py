"""Articles, where each was seen, the lines cut from it, and ingest issues."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dateline.model import Article, IngestIssue, PublishedDate, RemovedLine, TimeMention
from dateline.store.db import rows_in, utc_now
from dateline.store.times import load_times


@dataclass(frozen=True)
class ArticleSource:
    """One place an article was read from (a reprint adds a second one)."""

    path: str
    record: int | None
    url: str | None
    outlet: str | None
    ingested_at: str


@dataclass(frozen=True)
class AddResult:
    """What a batch insert did: new articles, and articles already stored (seen again)."""

    new_ids: tuple[str, ...]
    seen_again_ids: tuple[str, ...]


def add_articles(conn: sqlite3.Connection, articles: Sequence[Article]) -> AddResult:
    """Insert a batch; an article already stored only gains a source. Call inside a transaction."""
    now = utc_now()
    new_ids: list[str] = []
    seen_again: list[str] = []
    next_seq = int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]) + 1
    for article in articles:
        exists = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone()
        if exists:
            seen_again.append(article.id)
        else:
            _insert_article(conn, article, next_seq, now)
            next_seq += 1
            new_ids.append(article.id)
        _insert_source(conn, article, now)
    return AddResult(tuple(new_ids), tuple(seen_again))


def _insert_article(conn: sqlite3.Connection, article: Article, seq: int, now: str) -> None:
    published = article.published
    conn.execute(
        "INSERT INTO articles (id, seq, path, record, url, outlet, title, text, source_format,"
        " published, published_precision, published_evidence, language, flags, ingested_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            seq,
            article.path,
            article.record,
            article.url,
            article.outlet,
            article.title,
            article.text,
            article.source_format,
            published.value.isoformat() if published.value else None,
            published.precision,
            published.evidence,
            article.language,
            json.dumps(list(article.flags)),
            now,
        ),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO removed_lines VALUES (?, ?, ?, ?)",
        [(article.id, line.line_no, line.text, line.reason) for line in article.removed],
    )


def _insert_source(conn: sqlite3.Connection, article: Article, now: str) -> None:
    locator = article.path if article.record is None else f"{article.path}#{article.record}"
    conn.execute(
        "INSERT OR IGNORE INTO article_sources VALUES (?, ?, ?, ?, ?, ?, ?)",
        (article.id, locator, article.path, article.record, article.url, article.outlet, now),
    )


def record_issues(conn: sqlite3.Connection, issues: Iterable[IngestIssue]) -> None:
    """Keep the problems met during ingest, so a user can list them after the run."""
    now = utc_now()
    conn.executemany(
        "INSERT INTO ingest_issues (path, record, severity, reason, at) VALUES (?, ?, ?, ?, ?)",
        [(issue.path, issue.record, issue.severity, issue.reason, now) for issue in issues],
    )


_HEAD_COLUMNS = (
    "id, seq, path, record, url, outlet, title, '' AS text, source_format, published, "
    "published_precision, published_evidence, language, flags, ingested_at"
)


def load_articles(
    conn: sqlite3.Connection, ids: Iterable[str] | None = None, *, bodies: bool = True
) -> list[Article]:
    """Stored articles in ingest order (all, or those with the given ids).

    ``bodies=False`` leaves out each article's text (empty) and time expressions (none): for
    readers that list articles and never read their words (the unsliced timeline document),
    which then hold a fifth of the memory on news articles.
    """
    columns = "*" if bodies else _HEAD_COLUMNS
    if ids is None:
        rows = conn.execute(f"SELECT {columns} FROM articles ORDER BY seq").fetchall()
    else:
        rows = rows_in(conn, f"SELECT {columns} FROM articles WHERE id", ids)
        rows.sort(key=lambda row: row["seq"])
    wanted_ids = [row["id"] for row in rows] if ids is not None else None
    removed = _removed_by_article(conn, wanted_ids)
    times = load_times(conn, wanted_ids) if bodies else {}
    return [
        _row_to_article(row, removed.get(row["id"], ()), times.get(row["id"], ())) for row in rows
    ]


def _removed_by_article(
    conn: sqlite3.Connection, ids: list[str] | None
) -> dict[str, tuple[RemovedLine, ...]]:
    """Cut lines by article: all of them, or (with ``ids``) only those articles' lines."""
    query = "SELECT * FROM removed_lines"
    if ids is None:
        rows = conn.execute(query + " ORDER BY article_id, line_no").fetchall()
    else:
        rows = rows_in(conn, f"{query} WHERE article_id", ids)
        rows.sort(key=lambda row: (row["article_id"], row["line_no"]))
    grouped: dict[str, list[RemovedLine]] = {}
    for row in rows:
        line = RemovedLine(row["line_no"], row["text"], row["reason"])
        grouped.setdefault(row["article_id"], []).append(line)
    return {key: tuple(lines) for key, lines in grouped.items()}


def _row_to_article(
    row: sqlite3.Row, removed: tuple[RemovedLine, ...], times: tuple[TimeMention, ...]
) -> Article:
    published = PublishedDate(
        date.fromisoformat(row["published"]) if row["published"] else None,
        row["published_precision"],
        row["published_evidence"],
    )
    return Article(
        id=row["id"],
        path=row["path"],
        text=row["text"],
        source_format=row["source_format"],
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        published=published,
        language=row["language"],
        flags=tuple(json.loads(row["flags"])),
        removed=removed,
        record=row["record"],
        times=times,
    )


def article_sources(conn: sqlite3.Connection, article_id: str) -> list[ArticleSource]:
    """Every place the article was read from, in the order they were seen."""
    rows = conn.execute(
        "SELECT * FROM article_sources WHERE article_id = ? ORDER BY rowid", (article_id,)
    )
    return [_source(row) for row in rows]


def sources_by_article(conn: sqlite3.Connection) -> dict[str, list[ArticleSource]]:
    """Every article's places (``article_sources`` for all of them in one query)."""
    return _by_article(conn.execute("SELECT * FROM article_sources ORDER BY rowid"))


def sources_of(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, list[ArticleSource]]:
    """``sources_by_article`` for these articles only, each article's places in the order they
    were seen."""
    rows = rows_in(conn, "SELECT rowid AS seen, * FROM article_sources WHERE article_id", ids)
    return _by_article(sorted(rows, key=lambda r: r["seen"]))


def _by_article(rows: Iterable[sqlite3.Row]) -> dict[str, list[ArticleSource]]:
    """Source rows grouped by article, in the order given."""
    found: dict[str, list[ArticleSource]] = {}
    for row in rows:
        found.setdefault(row["article_id"], []).append(_source(row))
    return found


def _source(row: sqlite3.Row) -> ArticleSource:
    return ArticleSource(row["path"], row["record"], row["url"], row["outlet"], row["ingested_at"])


def listed_article_ids(conn: sqlite3.Connection) -> list[str]:
    """Every article id in ingest order (``load_articles``'s order), without the articles."""
    return [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY seq")]


def source_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many places each article was read from (more than one: a verbatim reprint)."""
    rows = conn.execute("SELECT article_id, COUNT(*) FROM article_sources GROUP BY article_id")
    return {row[0]: int(row[1]) for row in rows}


def article_seqs(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, int]:
    """Each article's place in ingest order (``seq``): an event lists its members in it."""
    rows = rows_in(conn, "SELECT id, seq FROM articles WHERE id", dict.fromkeys(ids))
    return {row[0]: int(row[1]) for row in rows}


def find_article_ids(conn: sqlite3.Connection, prefix: str) -> list[str]:
    """Article ids starting with ``prefix`` (users type short ids)."""
    rows = conn.execute("SELECT id FROM articles WHERE id LIKE ? ORDER BY id", (prefix + "%",))
    return [row[0] for row in rows]
