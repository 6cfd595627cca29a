"""The store's schema as an ordered list of migrations.

Each migration runs once, inside a transaction, and is recorded in ``schema_migrations``; a store
made by an older dateline is brought up to date when it is opened, and a store made by a newer
one is refused rather than damaged. Later issues add migrations; they never edit old ones.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema step: its version number, what it does, and its SQL."""

    version: int
    description: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, their sources and removed lines, ingest issues, events",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE,
            path TEXT NOT NULL,
            record INTEGER,
            url TEXT,
            outlet TEXT,
            title TEXT,
            text TEXT NOT NULL,
            source_format TEXT NOT NULL,
            published TEXT,
            published_precision TEXT,
            published_evidence TEXT,
            language TEXT,
            flags TEXT NOT NULL DEFAULT '[]',
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE article_sources (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            locator TEXT NOT NULL,
            path TEXT NOT NULL,
            record INTEGER,
            url TEXT,
            outlet TEXT,
            ingested_at TEXT NOT NULL,
            PRIMARY KEY (article_id, locator)
        );
        CREATE TABLE removed_lines (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            line_no INTEGER NOT NULL,
            text TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (article_id, line_no, reason)
        );
        CREATE TABLE ingest_issues (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            record INTEGER,
            severity TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            date TEXT,
            date_precision TEXT,
            date_evidence TEXT,
            title TEXT NOT NULL,
            summary TEXT NOT NULL,
            centroid BLOB NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX events_date ON events(date);
        CREATE TABLE event_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            similarity REAL NOT NULL
        );
        CREATE INDEX event_articles_event ON event_articles(event_id);
        CREATE TABLE build_state (
            key TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        """,
    ),
    Migration(
        2,
        "time expressions of each article (with the tagger version), estimated dates",
        """
        ALTER TABLE articles ADD COLUMN times_version TEXT;
        CREATE TABLE article_times (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start_offset INTEGER NOT NULL,
            sentence INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            value TEXT NOT NULL,
            mod TEXT,
            PRIMARY KEY (article_id, start_offset)
        );
        CREATE TABLE article_estimates (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            earliest TEXT NOT NULL,
            latest TEXT NOT NULL,
            evidence TEXT NOT NULL
        );
        """,
    ),
    Migration(
        3,
        "who and what was said: entity mentions, quotes; provenance links, style flags",
        """
        CREATE TABLE article_stages (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            stage TEXT NOT NULL,
            version TEXT NOT NULL,
            PRIMARY KEY (article_id, stage)
        );
        CREATE TABLE entity_mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            canonical TEXT NOT NULL,
            role TEXT,
            PRIMARY KEY (article_id, start_offset)
        );
        CREATE INDEX entity_mentions_canonical ON entity_mentions(canonical);
        CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            speaker TEXT,
            speaker_text TEXT,
            cue TEXT,
            PRIMARY KEY (article_id, start_offset)
        );
        CREATE TABLE article_links (
            derived TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            source TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            relation TEXT NOT NULL,
            score REAL NOT NULL,
            evidence TEXT NOT NULL,
            PRIMARY KEY (derived, source)
        );
        CREATE INDEX article_links_source ON article_links(source);
        CREATE TABLE article_flags (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            score REAL NOT NULL,
            evidence TEXT NOT NULL,
            PRIMARY KEY (article_id, name)
        );
        """,
    ),
    Migration(
        4,
        "stories: events threaded over months, with what a later build needs to extend them",
        """
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            counts BLOB NOT NULL,
            details TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        5,
        "provenance: each article's MinHash signature, so later builds compare new articles only",
        """
        CREATE TABLE article_signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            signature BLOB NOT NULL
        );
        """,
    ),
    Migration(
        6,
        "dense embeddings: each article's sentence-encoder vector, with the model that made it",
        """
        CREATE TABLE article_embeddings (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            vector BLOB NOT NULL
        );
        """,
    ),
    Migration(
        7,
        "one record of which stage version produced each article's rows (article_stages)",
        """
        INSERT OR IGNORE INTO article_stages
            SELECT id, 'times', times_version FROM articles WHERE times_version IS NOT NULL;
        ALTER TABLE articles DROP COLUMN times_version;
        INSERT OR IGNORE INTO article_stages
            SELECT article_id, 'dense', model FROM article_embeddings;
        UPDATE build_state SET key = 'stage:grouping' WHERE key = 'representation';
        """,
    ),
    Migration(
        8,
        "corrections: override records (who, when, what) that every build applies again",
        """
        CREATE TABLE overrides (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            target TEXT NOT NULL,
            value TEXT NOT NULL DEFAULT '{}',
            who TEXT NOT NULL,
            at TEXT NOT NULL,
            undone_by TEXT,
            undone_at TEXT
        );
        CREATE INDEX overrides_target ON overrides(target);
        """,
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version
