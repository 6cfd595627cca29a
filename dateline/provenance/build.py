"""The provenance stage of a build: links and quality flags for the articles stored since.

Each article's MinHash signature is kept in the store, so a build compares only the new
articles with everything seen before (``ProvenanceIndex``), reading back the texts of the few
earlier articles that are candidates. Links are stored with their evidence (coverage,
similarity, order and the first shared passages, in words); quality flags are detected for the
new articles and for every article that gained a source, with the corpus's word counts as the
lexicon for typos. A new ``STAGE`` version compares the whole store again.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from dateline.clean import SYNDICATION_NOTE
from dateline.model import Article, StyleFlag
from dateline.parallel import Workers, map_shared
from dateline.provenance.flags import build_lexicon, detect_flags
from dateline.provenance.relations import STITCHED, Document, Link, ProvenanceIndex
from dateline.sentences import split_sentences
from dateline.stages import StageVersion
from dateline.store import transaction
from dateline.store.analysis import (
    StoredLink,
    iter_signatures,
    reset_provenance,
    save_flags,
    save_links,
    save_signatures,
)
from dateline.store.articles import load_articles
from dateline.store.events import get_state, put_state
from dateline.store.stages import earlier_versions, forget_stage, mark_done, pending_article_ids

STAGE = StageVersion("provenance", "provenance-2")
"""Recorded per article; a new version makes the next build compare every article again (links
join pairs of articles, so the whole store is redone, not only the articles of the old one)."""
BATCH = 1000
"""Articles added to the index (and stored) per transaction."""
EVIDENCE_PASSAGES = 5
"""Shared passages kept, in words, as a link's evidence."""
LEXICON_KEY = "provenance_lexicon"


def find_provenance(
    conn: sqlite3.Connection,
    pending: Sequence[str] | None = None,
    workers: int | Workers | None = None,
) -> set[str]:
    """Link and flag the articles this stage has not seen (``pending``, when the caller has just
    read them: those of an older version count as unseen); returns the ids it linked or read.
    The flags, pure per article, run on ``workers`` (local processes, or a Dask cluster's).

    Links and signatures are stored batch by batch, but the articles are marked done (with the
    lexicon their flags were read against) only after every flag is stored: flags depend on the
    whole run's lexicon, so a build killed before the end leaves the articles to do again, and
    the next build compares them anew against the articles done before (their own signatures,
    stored by the killed build, are left out of the index until they are added again).
    """
    if earlier_versions(conn, STAGE):
        with transaction(conn):
            reset_provenance(conn)
            forget_stage(conn, STAGE.name)
            conn.execute("DELETE FROM build_state WHERE key = ?", (LEXICON_KEY,))
    stale = list(pending_article_ids(conn, STAGE) if pending is None else pending)
    if not stale:
        return set()
    unread = set(stale)  # a build killed before its last transaction left these half done
    index = ProvenanceIndex.from_signatures(
        ((k, v) for k, v in iter_signatures(conn) if k not in unread),
        lambda ids: [_document(a) for a in load_articles(conn, ids)],
    )
    lexicon = _load_lexicon(conn)
    derived: dict[str, list[Link]] = {}
    for start in range(0, len(stale), BATCH):
        articles = load_articles(conn, stale[start : start + BATCH])
        links = index.add([_document(a) for a in articles])
        lexicon.update(build_lexicon(a.text for a in articles))
        signatures = index.signatures(a.id for a in articles)
        stored = _stored_links(conn, links, {a.id: a for a in articles})
        with transaction(conn):
            save_links(conn, {link.derived for link in links}, stored)
            save_signatures(conn, signatures)
        by_derived: dict[str, list[Link]] = {}
        for link in links:  # every link of each derived id it names: replace, not extend
            by_derived.setdefault(link.derived, []).append(_for_flags(link))
        derived.update(by_derived)
    _flag(conn, set(stale) | derived.keys(), derived, lexicon, workers)
    with transaction(conn):  # done only once links, flags and lexicon are all stored
        mark_done(conn, stale, STAGE)
        put_state(conn, LEXICON_KEY, json.dumps(lexicon).encode())
    return set(stale) | derived.keys()


def _for_flags(link: Link) -> Link:
    """The link as the flags read it, kept until the run's end: a stitched link's passages
    (the stitch flag counts them), no other link's (a copy's may list every sentence)."""
    if link.relation == STITCHED or not link.alignment.passages:
        return link
    return replace(link, alignment=replace(link.alignment, passages=()))


def _document(article: Article) -> Document:
    syndicated = any(line.reason == SYNDICATION_NOTE for line in article.removed)
    return Document(article.id, article.text, article.published.value, syndicated)


def _stored_links(
    conn: sqlite3.Connection, links: Sequence[Link], known: dict[str, Article]
) -> list[StoredLink]:
    """Links with their evidence in words (the shared passages, derived and source side)."""
    wanted = {i for link in links for i in (link.derived, link.source)} - known.keys()
    known = {**known, **{a.id: a for a in load_articles(conn, wanted)}}
    return [_stored(link, known[link.derived].text, known[link.source].text) for link in links]


def _stored(link: Link, derived_text: str, source_text: str) -> StoredLink:
    alignment = link.alignment
    derived, source = split_sentences(derived_text), split_sentences(source_text)
    passages = [
        {
            "derived": derived[p.derived_index],
            "source": source[p.source_index],
            "similarity": round(p.similarity, 3),
        }
        for p in alignment.passages[:EVIDENCE_PASSAGES]
        if p.derived_index < len(derived) and p.source_index < len(source)
    ]
    evidence: dict[str, Any] = {
        "derived_coverage": round(alignment.derived_coverage, 3),
        "source_coverage": round(alignment.source_coverage, 3),
        "mean_similarity": round(alignment.mean_similarity, 3),
        "order_kept": round(alignment.order_kept, 3),
        "passages_matched": len(alignment.passages),
        "passages": passages,
    }
    return StoredLink(link.derived, link.source, link.relation, link.score, evidence)


def _flag(
    conn: sqlite3.Connection,
    ids: Iterable[str],
    links: dict[str, list[Link]],
    lexicon: Counter[str],
    workers: int | Workers | None = None,
) -> None:
    """Quality flags of these articles, stronger with their original when the corpus has it.

    The detection is pure per article, so it runs on every core or on a cluster's workers; the
    whole run's lexicon reaches each worker once (``parallel.map_shared``), not with every
    article.
    """
    wanted = sorted(ids)
    for start in range(0, len(wanted), BATCH):
        articles = load_articles(conn, wanted[start : start + BATCH])
        work = [_flag_work(conn, article, links.get(article.id, [])) for article in articles]
        found = map_shared(_flags_of, lexicon, work, workers)
        with transaction(conn):
            save_flags(conn, dict(zip([a.id for a in articles], found, strict=True)))


_FlagWork = tuple[str, list[str], str | None, list[Link]]


def _flag_work(conn: sqlite3.Connection, article: Article, links: list[Link]) -> _FlagWork:
    own = sorted(links, key=lambda k: -k.score)
    original = next((k.source for k in own if k.relation != STITCHED), None)
    original_text = load_articles(conn, [original])[0].text if original else None
    return article.text, [line.reason for line in article.removed], original_text, own


def _flags_of(lexicon: Counter[str] | None, work: _FlagWork) -> list[StyleFlag]:
    """One article's flags (``lexicon`` is None only in a spawned local process, which then
    reads the article's own words, as ``detect_flags`` does without one)."""
    text, reasons, original, links = work
    return detect_flags(text, reasons, original, links=links, lexicon=lexicon)


def _load_lexicon(conn: sqlite3.Connection) -> Counter[str]:
    blob = get_state(conn, LEXICON_KEY)
    return Counter(json.loads(blob)) if blob else Counter()
