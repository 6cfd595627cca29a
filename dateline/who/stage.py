"""The who stage of a build: entity mentions and quotes of every article not yet read.

Per article and pure (``extract_mentions_batch``, ``find_quotes``), so it runs on every core
through ``dateline.parallel``, a few articles to a task, and stores each batch in one
transaction with its record in ``store.stages`` (a build killed half way redoes the rest).

A reprint or near-copy is read with its original: the articles of a batch go out ordered by
a key their shared paragraphs give (``copy_order``), so copies land in one task, where NER
reads each stretch of text they share once (``ner.read`` reads identical stretches once and
remembers them per process). The analysis of each article is the same in any order, and it is
stored in the articles' own order (later stages read mentions in stored order); only the work
is shared.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Sequence

from dateline.model import EntityMention, Quote
from dateline.parallel import Workers, map_items
from dateline.store import transaction
from dateline.store.analysis import save_mentions, save_quotes
from dateline.store.articles import load_articles
from dateline.store.stages import mark_done, pending_article_ids
from dateline.who import STAGE
from dateline.who.entities import (
    ModelIntegrityError,
    extract_mentions,
    extract_mentions_batch,
    load_nlp,
)
from dateline.who.quotes import find_quotes

log = logging.getLogger(__name__)

BATCH = 1000
"""Articles loaded and stored per transaction."""
WHO_SAID_CHUNK = 8
"""Articles whose names one worker reads in one spaCy batch (``nlp.pipe`` amortises its setup);
small, so the work still spreads over every core."""
MIN_PARAGRAPH = 80
"""Characters a paragraph needs to stand for its article in ``copy_order`` (a dateline or a
"Reuters" line is shared by unrelated articles)."""


def find_who_said(
    conn: sqlite3.Connection,
    workers: int | Workers | None = None,
    pending: Sequence[str] | None = None,
) -> set[str]:
    """Stage 5b: entity mentions and quotes of every article this stage version has not read
    (``pending``, when the caller has just read them).

    spaCy is loaded once before the work is spread over processes, so forked workers share it
    (a cluster's workers load their own).
    """
    stale = pending_article_ids(conn, STAGE) if pending is None else pending
    if stale and not (isinstance(workers, Workers) and workers.remote):
        load_nlp()  # fail early and clearly when the model is missing or altered
    for start in range(0, len(stale), BATCH):
        articles = load_articles(conn, stale[start : start + BATCH])
        order = copy_order([a.text for a in articles])
        texts = [articles[i].text for i in order]
        chunks = [texts[i : i + WHO_SAID_CHUNK] for i in range(0, len(texts), WHO_SAID_CHUNK)]
        done = [
            result
            for chunk in map_items(_who_said_chunk, chunks, workers, min_items=4)
            for result in chunk
        ]
        found = [done[place] for place in _inverse(order)]  # stored in the articles' order
        ids = [a.id for a in articles]
        with transaction(conn):
            save_mentions(conn, dict(zip(ids, (mentions for mentions, _ in found), strict=False)))
            save_quotes(conn, dict(zip(ids, (quotes for _, quotes in found), strict=False)))
            mark_done(conn, ids, STAGE)
    return set(stale)


def copy_order(texts: Sequence[str]) -> list[int]:
    """Indices of ``texts`` with copies side by side: each text is keyed by the least hash of
    its paragraphs (one-permutation MinHash over whole paragraphs), so two texts sharing most of
    their paragraphs share the key with that likelihood (their paragraphs' Jaccard); ties keep
    the given order, and texts with no long paragraph come first, in the given order."""
    keys = [_copy_key(text, i) for i, text in enumerate(texts)]
    return sorted(range(len(texts)), key=lambda i: keys[i])


def _inverse(order: Sequence[int]) -> list[int]:
    places = [0] * len(order)
    for place, index in enumerate(order):
        places[index] = place
    return places


def _copy_key(text: str, index: int) -> tuple[bytes, int]:
    paragraphs = {" ".join(p.split()) for p in text.split("\n")}
    hashes = [
        hashlib.blake2b(p.encode(), digest_size=8).digest()
        for p in paragraphs
        if len(p) >= MIN_PARAGRAPH
    ]
    return (min(hashes), index) if hashes else (b"", index)


def _who_said_chunk(texts: list[str]) -> list[tuple[list[EntityMention], list[Quote]]]:
    """A few articles' mentions and quotes, NER batched over them (spaCy's ``pipe``); when the
    batch fails on one odd article, each article alone (so only that one loses its names)."""
    try:
        batch = extract_mentions_batch(texts)
    except ModelIntegrityError:
        raise
    except Exception:
        return [who_said(text) for text in texts]
    return [_quotes_of(text, mentions) for text, mentions in zip(texts, batch, strict=True)]


def _quotes_of(text: str, mentions: list[EntityMention]) -> tuple[list[EntityMention], list[Quote]]:
    try:
        return mentions, find_quotes(text, mentions)
    except Exception:
        log.warning("quote stage failed on one article; it gets no quotes", exc_info=True)
        return mentions, []


def who_said(text: str) -> tuple[list[EntityMention], list[Quote]]:
    """One article's entity mentions and quotes; a failure on odd text gives none."""
    try:
        mentions = extract_mentions(text)
    except ModelIntegrityError:
        raise
    except Exception:
        log.warning("entity stage failed on one article; it gets no entities", exc_info=True)
        return [], []
    return _quotes_of(text, mentions)
