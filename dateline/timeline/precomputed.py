"""The whole store's summarised timeline, computed by the build and kept in the store.

Summarising the whole store reads every article's words (5 s on Timeline17's 4,616 articles),
too slow for the first summary a reader asks of ``dateline serve``. So ``build`` runs it once
(``refresh``), for ``DAYS`` days of ``SENTENCES`` sentences, and keeps the entries in the order
their days were picked: the first ``n`` are exactly the summary of ``n`` days
(``summarise.picked_days``), so every unsliced summary with ``SENTENCES`` sentences a day and
at most ``DAYS`` days is served from it (``stored``). Stores over ``MAX_ARTICLES`` keep none.

What the summary was made from is recorded as the version of the corpus stage ``summary``
(``dateline.stages``, kept by ``store.stages``): the code's version (``STAGE``) and a digest of
its inputs (every event's day and members, their publication dates, the version of the times
stage that tagged each, the date estimates). A build adding articles, a retag or a correction
that moves reports changes the digest, so a stale summary is never served: ``stored`` returns
None and the caller summarises as before, until the next build computes it again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date

from dateline.dates.mentions import STAGE as TIMES_STAGE
from dateline.model import Article, SourcedSentence, TimelineEntry
from dateline.stages import StageVersion
from dateline.store.articles import load_articles
from dateline.store.db import transaction
from dateline.store.events import delete_state, get_state, load_events, put_state
from dateline.store.overrides import hidden_articles
from dateline.store.stages import corpus_version, record_corpus_version
from dateline.store.times import load_estimates
from dateline.timeline.select import (
    DEFAULT_MAX_DATES,
    DEFAULT_SENTENCES_PER_DATE,
    TimelineView,
    by_date,
    picked_entries,
)

STAGE = StageVersion("summary", "summary-1", "corpus")
DAYS = 60
"""Days kept: the most a reader of ``dateline serve`` may ask for (its ``days`` filter)."""
SENTENCES = DEFAULT_SENTENCES_PER_DATE
"""Sentences a day: the default (a summary with another number is computed when asked)."""
MAX_ARTICLES = 20_000
"""Stores larger than this keep no summary (readers summarise when asked, as before): it reads
every article's words, and the build's memory then grows by about 38 MiB per 1,000 articles
(bench/memory.py: build peak 504 MiB at 4,616 articles, 727 at 9,231), which a 100,000-article
store could not afford within the build's 2 GiB."""
READ_BATCH = 1000
"""Articles read from the store at a time while summarising."""
_STATE_KEY = "summary:entries"


def inputs_digest(conn: sqlite3.Connection) -> str:
    """A digest of everything the whole store's summary is made from (see the module doc)."""
    digest = hashlib.sha256()
    rows = conn.execute(
        "SELECT e.id, e.date, ea.article_id, a.published, s.version FROM event_articles ea"
        " JOIN events e ON e.id = ea.event_id JOIN articles a ON a.id = ea.article_id"
        " LEFT JOIN article_stages s ON s.article_id = a.id AND s.stage = ?"
        " ORDER BY ea.article_id",
        (TIMES_STAGE.name,),
    )
    for row in rows:
        digest.update("\x1f".join(str(value) for value in row).encode())
        digest.update(b"\x1e")
    for row in conn.execute("SELECT * FROM article_estimates ORDER BY article_id"):
        digest.update("\x1f".join(str(value) for value in row).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()[:32]


def _version(conn: sqlite3.Connection) -> str:
    return f"{STAGE.version}:{inputs_digest(conn)}"


def is_current(conn: sqlite3.Connection) -> bool:
    """True when the stored summary was made by this code from the store as it is now."""
    return corpus_version(conn, STAGE.name) == _version(conn)


def refresh(conn: sqlite3.Connection) -> bool:
    """Summarise the whole store again unless the stored summary is current; True if it ran.

    Reads what ``api.timeline`` reads for an unsliced summary (every article not hidden, the
    events, the estimates), so the entries are the ones it would compute.
    """
    if int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]) > MAX_ARTICLES:
        if get_state(conn, _STATE_KEY) is not None:
            with transaction(conn):  # stale from a smaller store: no longer kept
                delete_state(conn, _STATE_KEY)
        return False
    version = _version(conn)
    if corpus_version(conn, STAGE.name) == version:
        return False
    hidden = hidden_articles(conn)
    ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY seq")]
    articles = _in_batches(conn, [a for a in ids if a not in hidden])
    events = [stored.event for stored in load_events(conn, vectors=False)]
    view = TimelineView(max_dates=DAYS, sentences_per_date=SENTENCES)
    entries = picked_entries(articles, events, view, load_estimates(conn))
    with transaction(conn):
        put_state(conn, _STATE_KEY, json.dumps([_to_json(e) for e in entries]).encode())
        record_corpus_version(conn, StageVersion(STAGE.name, version, STAGE.scope))
    return True


def _in_batches(conn: sqlite3.Connection, ids: Sequence[str]) -> Iterator[Article]:
    """The articles ``ids`` (in ingest order), read ``READ_BATCH`` at a time: the summary keeps
    their sentences, not every article's text and time expressions at once."""
    for start in range(0, len(ids), READ_BATCH):
        yield from load_articles(conn, ids[start : start + READ_BATCH])


def serves(view: TimelineView) -> bool:
    """True when ``view`` is a summary the stored one holds: the whole store (no slice), the
    default number of sentences a day, at most ``DAYS`` days."""
    return (
        view.summarised
        and not view.sliced
        and (view.sentences_per_date or DEFAULT_SENTENCES_PER_DATE) == SENTENCES
        and (view.max_dates or DEFAULT_MAX_DATES) <= DAYS
    )


def stored(conn: sqlite3.Connection, view: TimelineView) -> list[TimelineEntry] | None:
    """The summary ``view`` asks for, in date order, from the one the build kept; None when
    the view is not one it holds (``serves``) or the store changed since (``is_current``)."""
    if not serves(view) or not is_current(conn):
        return None
    value = get_state(conn, _STATE_KEY)
    if value is None:
        return None
    entries = [_from_json(item) for item in json.loads(value)]
    return by_date(entries[: view.max_dates or DEFAULT_MAX_DATES])


def _to_json(entry: TimelineEntry) -> dict[str, object]:
    return {
        "date": entry.date.isoformat(),
        "text": entry.text,
        "event_id": entry.event_id,
        "article_ids": list(entry.article_ids),
        "sentences": [[s.text, list(s.article_ids)] for s in entry.sentences],
    }


def _from_json(item: dict[str, object]) -> TimelineEntry:
    sentences = item["sentences"]
    article_ids = item["article_ids"]
    assert isinstance(sentences, list) and isinstance(article_ids, list)
    return TimelineEntry(
        date=date.fromisoformat(str(item["date"])),
        text=str(item["text"]),
        event_id=str(item["event_id"]),
        article_ids=tuple(str(a) for a in article_ids),
        sentences=tuple(SourcedSentence(str(text), tuple(ids)) for text, ids in sentences),
    )
