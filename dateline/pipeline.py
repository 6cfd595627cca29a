"""The one orchestrator: the stages in order, run in batches against the store.

    1. ingest    read inputs of any format into RawDocuments         (dateline.ingest)
    2. clean     remove boilerplate lines, keeping what was cut      (dateline.clean)
    3. pubdate   publication date with precision and evidence        (dateline.dates.published)
    4. dedup     stable article ids; one article, many sources       (dateline.ingest.identity)
       + language of each article                                    (dateline.ingest.language)
       -> store  articles, sources, removed lines, ingest issues     (dateline.store)
    5. times     time expressions per sentence, resolved              (dateline.dates.mentions)
       + who     entity mentions and quotes with speakers          (dateline.who)
       + provenance  copies, rewrites, stitching; quality flags  (dateline.provenance)
    6. embed     article vectors (hashed TF-IDF, names, numbers)     (dateline.grouping.sparse)
                 + dense lead vectors (MiniLM in numpy, cached)      (dateline.grouping.dense)
    7. events    group, date and title events, incrementally         (dateline.grouping.events)
                 + event days and estimated dates                    (dateline.dates.events)
    8. stories   events threaded into stories over months, incrementally (dateline.grouping.stories)
       + corrections  a user's corrections replayed over the groups  (dateline.grouping.corrections)
    9. timeline  dated, sourced entries from events                  (dateline.timeline.select)

``ingest`` runs stages 1-4 per article (pure functions of one article: on every core) and
stores them in batches, one transaction each; ``build`` runs stages 5-8 over what is new since
the last build, and again over what an older version of a stage made (``dateline.stages``).
The timeline is derived on read, so it always matches the stored events.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from dateline.clean import clean_document, read_sites
from dateline.dates.date_block import site_slash_orders
from dateline.dates.events import estimate_date
from dateline.dates.mentions import STAGE as TIMES_STAGE
from dateline.dates.mentions import time_mentions
from dateline.dates.published import date_article
from dateline.grouping.corrections import apply_corrections
from dateline.grouping.dense import STAGE as DENSE_STAGE
from dateline.grouping.dense import available as dense_available
from dateline.grouping.dense import embed_texts
from dateline.grouping.events import (
    DEFAULT_WINDOW,
    EventState,
    assign_articles,
    describe_event,
    restore_states,
)
from dateline.grouping.sparse import (
    article_counts,
    grouping_stage,
    lead_text,
    weighted_unit_rows,
)
from dateline.grouping.state import DF_STATE_KEY, document_frequencies
from dateline.grouping.threads import thread_events
from dateline.ingest import read_inputs, storable
from dateline.ingest.identity import article_id
from dateline.ingest.language import detect_language, normalise_language
from dateline.ingest.reasons import error_detail
from dateline.model import (
    Article,
    CleanedDocument,
    DateEstimate,
    IngestIssue,
    PublishedDate,
    RawDocument,
    TimeMention,
)
from dateline.parallel import Workers, map_items
from dateline.progress import progress
from dateline.provenance.build import STAGE as PROVENANCE_STAGE
from dateline.provenance.build import find_provenance
from dateline.provenance.flags import REWRITE_FLAGS
from dateline.settings import SKIPPABLE_STAGES, EventWindow, Settings
from dateline.stages import StageRun, StageVersion
from dateline.store import transaction
from dateline.store.analysis import flagged_with
from dateline.store.articles import add_articles, article_seqs, load_articles, record_issues
from dateline.store.embeddings import save_embeddings
from dateline.store.events import (
    StoredEvent,
    clear_events,
    delete_events,
    delete_state,
    iter_events,
    load_event_ids,
    load_events,
    published_dates,
    put_state,
    save_events,
    unassigned_article_ids,
)
from dateline.store.search import ensure_index as ensure_search_index
from dateline.store.stages import (
    corpus_version,
    earlier_versions,
    mark_done,
    pending_article_ids,
    record_corpus_version,
)
from dateline.store.stories import clear_stories, save_stories
from dateline.store.times import save_estimates, save_times
from dateline.store.vectors import from_bytes
from dateline.timeline import precomputed
from dateline.who import STAGE as WHO_SAID_STAGE
from dateline.who.stage import find_who_said

log = logging.getLogger(__name__)

BATCH_SIZE = 200
"""Articles per store transaction: large enough to amortise commits, small enough to lose little."""
SKIPPABLE = SKIPPABLE_STAGES
"""Stages a build may leave for later: entities and quotes, provenance links and flags, dense
vectors (stories then use sparse vectors alone, and a later build with them regroups)."""
GROUP_CHUNK = 5000
"""New articles grouped at a time, in publication order. Events and stories are incremental
(a build extends the stored ones), so a build of 100,000 new articles holds one chunk's texts
and vectors at a time instead of all (bench/memory.py). A corpus smaller than this (every
benchmark's: ECB+, Timeline17's 4,651, the demo) is grouped in one pass as before."""
PARALLEL_BATCH_SIZE = 1000
"""Articles per batch of a stage spread over processes: enough to keep every core busy."""
INGEST_WINDOW = 256
"""Inputs read ahead and prepared together on every core at ingest: enough for small chunks on
every core, few enough that a 100,000-article ingest holds only these in memory."""
UNDATED_FLAG = "undated"


@dataclass
class IngestReport:
    """What an ingest run did, for the summary line and the exit code."""

    articles_read: int = 0
    new_articles: int = 0
    seen_again: int = 0
    issues: list[IngestIssue] = field(default_factory=list)
    other_languages: Counter[str] = field(default_factory=Counter)
    """Articles left out because their language is not among ``Settings.languages``, by code."""

    @property
    def skipped(self) -> int:
        """Inputs or records that were skipped (errors, not warnings)."""
        return sum(1 for issue in self.issues if issue.severity == "error")

    @property
    def warnings(self) -> int:
        """Inputs kept despite a problem."""
        return sum(1 for issue in self.issues if issue.severity == "warning")


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    articles_placed: int
    events_changed: int
    events_total: int
    stages: tuple[StageRun, ...] = ()
    """The per-article stages that read articles in this build (``dateline.stages``)."""
    regrouped_from: str | None = None
    """The grouping version of the events this build dropped to regroup every article."""

    def summary_lines(self) -> list[str]:
        """What the build did, one line each, for the CLI's standard error."""
        lines = [run.describe() for run in self.stages if run.articles]
        if self.regrouped_from is not None:
            lines.append(f"regrouped every article (events were grouped by {self.regrouped_from})")
        lines.append(
            f"placed {self.articles_placed} new articles; "
            f"{self.events_changed} events changed, {self.events_total} in all"
        )
        return lines


@dataclass(frozen=True)
class SiteEvidence:
    """What a page's site's other pages in the same ingest window say about it: the lines the
    site prints on most pages (``clean.read_sites``) and the order it prints slash dates
    in (``date_block.site_slash_orders``)."""

    template: frozenset[str] = frozenset()
    slash_order: str | None = None


NO_EVIDENCE = SiteEvidence()


def site_evidence(items: Sequence[RawDocument | IngestIssue]) -> list[SiteEvidence]:
    """Each item's site evidence from the others (NO_EVIDENCE for most: see template.py)."""
    sites = read_sites(items)
    texts = [item.text if isinstance(item, RawDocument) else "" for item in items]
    orders = site_slash_orders(texts, [site.site for site in sites])
    return [
        SiteEvidence(site.template, order) if site.template or order else NO_EVIDENCE
        for site, order in zip(sites, orders, strict=True)
    ]


def prepare_article(
    raw: RawDocument, settings: Settings, site: SiteEvidence = NO_EVIDENCE
) -> Article | IngestIssue:
    """Stages 2-4 for one article: clean, date, identify. Pure: no store, no I/O.

    ``site`` is what the article's site's other pages say (``site_evidence``)."""
    cleaned = clean_document(raw, site.template)
    published, cleaned = date_article(cleaned, now=settings.now, site_order=site.slash_order)
    return assemble_article(cleaned, published)


def assemble_article(cleaned: CleanedDocument, published: PublishedDate) -> Article | IngestIssue:
    """Stage 4 and the article record: id from the cleaned text, language, flags."""
    raw = cleaned.raw
    text = cleaned.text.strip()
    if not text:
        return IngestIssue(
            raw.path, "no article text left after removing boilerplate", record=raw.record
        )
    flags = set(cleaned.flags)
    if published.value is None:
        flags.add(UNDATED_FLAG)
    return Article(
        id=article_id(text),
        path=raw.path,
        text=text,
        source_format=raw.source_format,
        title=cleaned.title or raw.title,
        url=raw.url,
        outlet=raw.outlet,
        published=published,
        language=normalise_language(raw.language) or detect_language(text),
        flags=tuple(sorted(flags)),
        removed=cleaned.removed,
        record=raw.record,
    )


def ingest(
    conn: sqlite3.Connection,
    paths: Sequence[str],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
) -> IngestReport:
    """Read, clean, date and store every article in ``paths``; report problems, never stop.

    Reading is one stream (files, archives, feeds, in order); preparing (clean, dates) is pure
    per article and runs on ``settings.workers`` processes (or the Dask cluster of
    ``settings.scheduler``), ``INGEST_WINDOW`` articles at a time, so memory stays bounded and
    the store sees the articles in input order. Page dumps of one site in a window are read
    together (``site_evidence``): the lines the site prints on most of them are its template,
    and its unambiguous slash dates settle the order of an ambiguous one.
    """
    report = IngestReport()
    batch: list[Article] = []
    issues: list[IngestIssue] = []
    window: list[RawDocument | IngestIssue] = []
    pool = Workers(settings.workers, scheduler=settings.scheduler)
    pending: list[Callable[[], list[Article | IngestIssue]]] = []  # handed out, not stored
    with progress("ingest", None, show=settings.progress) as bar, pool:

        def flush_window(last: bool = False) -> None:
            evidence = site_evidence(window)
            work = [(item, settings, site) for item, site in zip(window, evidence, strict=True)]
            pending.append(pool.map_ahead(_prepare, work))  # the workers start on it now ...
            window.clear()
            while len(pending) > (0 if last else 1):  # ... while this process stores the last
                for prepared in pending.pop(0)():  # one and reads the next
                    if isinstance(prepared, IngestIssue):
                        log.warning(prepared.describe())
                        issues.append(prepared)
                    elif _other_language(prepared, settings.languages):
                        log.info("%s: left out (language %s)", prepared.path, prepared.language)
                        report.other_languages[str(prepared.language)] += 1
                    else:
                        batch.append(prepared)
                        report.articles_read += 1
                        bar.advance()
                    if len(batch) >= BATCH_SIZE:
                        _store_batch(conn, batch, issues, report)

        for item in read_inputs(paths, settings, stdin=stdin):
            window.append(item)
            if len(window) >= INGEST_WINDOW:
                flush_window()
        flush_window(last=True)
        _store_batch(conn, batch, issues, report)
    return report


def _other_language(article: Article, languages: Sequence[str]) -> bool:
    """Whether the user keeps only other languages (an article of unknown language is kept)."""
    return bool(languages) and article.language is not None and article.language not in languages


def _prepare(
    work: tuple[RawDocument | IngestIssue, Settings, SiteEvidence],
) -> Article | IngestIssue:
    """One input read: its article, or its issue (a worker's job: pure, never raises)."""
    item, settings, site = work
    if isinstance(item, IngestIssue):
        return item
    try:
        return prepare_article(item, settings, site)
    except Exception as exc:  # one bad article must not stop the run, whatever breaks on it
        log.debug("could not process %s", item.path, exc_info=True)
        reason = f"could not process article ({storable(error_detail(exc))})"
        return IngestIssue(item.path, reason, record=item.record)


def _store_batch(
    conn: sqlite3.Connection,
    batch: list[Article],
    issues: list[IngestIssue],
    report: IngestReport,
) -> None:
    with transaction(conn):
        result = add_articles(conn, batch)
        record_issues(conn, issues)
    report.new_articles += len(result.new_ids)
    report.seen_again += len(result.seen_again_ids)
    report.issues.extend(issues)
    batch.clear()
    issues.clear()


def build(
    conn: sqlite3.Connection,
    skip: Iterable[str] = (),
    workers: int | None = None,
    events: EventWindow = DEFAULT_WINDOW,
    *,
    scheduler: str | None = None,
) -> BuildReport:
    """Stages 5-8 over what is new: time expressions, entities and quotes, provenance links and
    flags (each for the articles its current version has not read), then events for the
    articles not yet in one, their dates and estimates, and the stories of the changed events.

    ``skip`` names optional stages to leave for a later build (``SKIPPABLE``): on a large corpus
    the entity and provenance stages take most of the time; a later build without ``skip``
    runs them over every article they have not read. ``workers`` processes run the per-article
    stages (times, entities and quotes, dense vectors; None: one per core), or the workers of
    the Dask cluster whose ``scheduler`` address is given (``Workers``; provenance flags too,
    each worker receiving the run's lexicon once). The global stages stay in this process with the
    store. ``events`` is the events' time window (``Settings.events``); a store grouped under
    another window is regrouped.
    """
    unknown = set(skip) - SKIPPABLE
    if unknown:
        raise ValueError(f"cannot skip {sorted(unknown)}; optional stages: {sorted(SKIPPABLE)}")
    use_dense = dense_available() and "dense" not in skip
    grouping = grouping_stage(DENSE_STAGE.version if use_dense else None, events)
    with Workers(workers, scheduler=scheduler) as pool:  # a cluster is reached before any change
        regrouped_from = _regroup_if_version_changed(conn, grouping)
        run, pending = _planned(conn, TIMES_STAGE)  # each stage's pending articles, read once
        runs = [run]
        retagged = tag_times(conn, pool, pending)
        if "entities" not in skip:
            run, pending = _planned(conn, WHO_SAID_STAGE)
            runs.append(run)
            find_who_said(conn, pool, pending)
        if "provenance" not in skip:
            run, pending = _planned(conn, PROVENANCE_STAGE)
            runs.append(run)
            find_provenance(conn, pending, pool)
        if use_dense:
            run, pending = _planned(conn, DENSE_STAGE)
            runs.append(run)
            embed_leads(conn, pool, pending)
    new_ids = unassigned_article_ids(conn)
    if not new_ids and not retagged:
        apply_corrections(conn)
        ensure_search_index(conn)
        precomputed.refresh(conn)  # a correction since the last build changes the summary
        return BuildReport(0, 0, len(load_event_ids(conn)), tuple(runs), regrouped_from)
    changed: set[str] = set()
    total = 0
    dates = published_dates(conn)  # articles never change date: read once for every chunk
    carried: StoredStates | None = None  # the events as stored, kept from chunk to chunk
    for index, chunk in enumerate(_date_ordered_chunks(new_ids, dates)):
        touched, carried = group_articles(
            conn,
            chunk,
            dates,
            retagged if index == 0 else set(),
            use_dense,
            events,
            grouping,
            carried,
        )
        changed |= touched
        total = len(carried.states)
    apply_corrections(conn)  # a user's corrections win over any regrouping
    ensure_search_index(conn)  # so that reading (dateline serve) never writes to search
    precomputed.refresh(conn)  # the whole store's summary, which readers ask for first
    return BuildReport(len(new_ids), len(changed), total, tuple(runs), regrouped_from)


def _date_ordered_chunks(ids: Sequence[str], dates: Mapping[str, date | None]) -> list[list[str]]:
    """The new articles in publication order (undated last), ``GROUP_CHUNK`` at a time; one
    empty chunk when there are none (a retag still redates events)."""
    ordered = sorted(ids, key=lambda a: (dates.get(a) is None, dates.get(a) or date.min))
    return [ordered[i : i + GROUP_CHUNK] for i in range(0, len(ordered), GROUP_CHUNK)] or [[]]


def group_articles(
    conn: sqlite3.Connection,
    new_ids: Sequence[str],
    dates: dict[str, date | None],
    retagged: set[str],
    use_dense: bool,
    events: EventWindow,
    grouping: StageVersion,
    carried: StoredStates | None = None,
) -> tuple[set[str], StoredStates]:
    """Stages 6-8 for one chunk of new articles: vectors, events, their dates and estimates,
    stories; stored in one transaction. ``dates`` holds every stored article's publication
    date; ``carried``, the stored events as the chunk before left them (None: read from the
    store). Returns the ids of the events it changed and the events as it stored them."""
    if carried is None:
        event_dates: dict[str, date | None] = {}
        stored = (_noting_date(item, event_dates) for item in iter_events(conn))
        states = restore_states(stored, dates)  # decoded as read: one copy of the vectors
    else:
        states, event_dates = carried.states, carried.event_dates
    stored_ids = {state.id for state in states}
    new_articles = load_articles(conn, new_ids)
    counts = article_counts(new_articles)
    frequencies = document_frequencies(conn)
    frequencies.add(counts)
    idf = frequencies.idf()
    touched = assign_articles(new_articles, weighted_unit_rows(counts, idf), states, events)
    touched |= {state.id for state in states if retagged & state.similarities.keys()}
    members = _members_of(conn, [s for s in states if s.id in touched], new_articles)
    rewrites = flagged_with(conn, members, REWRITE_FLAGS)
    described = [
        describe_event(state, [members[a] for a in state.similarities], idf, rewrites)
        for state in states
        if state.id in touched
    ]
    estimates = _date_estimates(described, members)
    merged_away = stored_ids - {state.id for state in states}
    leaving = (merged_away | {item.event.id for item in described}) & stored_ids
    before = load_events(conn, ids=sorted(leaving))  # as stored: the vectors they joined with
    stories = thread_events(conn, before, described, merged_away, use_dense)
    with transaction(conn):
        save_events(conn, described)
        delete_events(conn, merged_away)
        save_estimates(conn, estimates)
        save_stories(conn, stories)
        put_state(conn, DF_STATE_KEY, frequencies.to_bytes())
        record_corpus_version(conn, grouping)
    return touched, _as_stored(conn, states, described, merged_away, event_dates)


@dataclass
class StoredStates:
    """The stored events as ``restore_states`` would read them back, kept by a build from one
    chunk to the next: reading and decoding every stored vector again took 1.3 ms an event
    (9 s per chunk for Timeline17 twice over), and a store's events grow with it."""

    states: list[EventState]
    event_dates: dict[str, date | None]
    """Each event's stored date: the store's order of events (undated last, then id)."""


def _noting_date(item: StoredEvent, event_dates: dict[str, date | None]) -> StoredEvent:
    event_dates[item.event.id] = item.event.date
    return item


def _as_stored(
    conn: sqlite3.Connection,
    states: list[EventState],
    described: Sequence[StoredEvent],
    merged_away: set[str],
    event_dates: dict[str, date | None],
) -> StoredStates:
    """The chunk's states made what the store now holds, in its order: a changed event takes
    its stored vector and date and its members in ingest order; the others are as read."""
    for event_id in merged_away:
        event_dates.pop(event_id, None)
    by_id = {item.event.id: item for item in described}
    seq = article_seqs(conn, [a for item in described for a in item.similarities])
    for state in states:
        item = by_id.get(state.id)
        if item is not None:
            event_dates[state.id] = item.event.date
            state.counts = from_bytes(item.centroid)
            ordered = sorted(item.similarities, key=seq.__getitem__)
            state.similarities = {a: item.similarities[a] for a in ordered}
    states.sort(key=lambda s: (event_dates[s.id] is None, event_dates[s.id] or date.min, s.id))
    return StoredStates(states, event_dates)


def _planned(conn: sqlite3.Connection, stage: StageVersion) -> tuple[StageRun, list[str]]:
    """What ``stage`` is about to read (how many articles, and how many an older version made),
    and its pending articles, which the stage is then given instead of asking again."""
    pending = pending_article_ids(conn, stage)
    run = StageRun(stage.name, stage.version, len(pending), earlier_versions(conn, stage))
    return run, pending


def tag_times(
    conn: sqlite3.Connection,
    workers: int | Workers | None = None,
    pending: Sequence[str] | None = None,
) -> set[str]:
    """Stage 5: time expressions for every article not yet tagged by this tagger version
    (``pending``, when the caller has just read them).

    Articles are tagged on every core (``dateline.parallel``) in batches of
    ``PARALLEL_BATCH_SIZE``, each batch stored in one transaction.
    """
    untagged = pending_article_ids(conn, TIMES_STAGE) if pending is None else pending
    for start in range(0, len(untagged), PARALLEL_BATCH_SIZE):
        articles = load_articles(conn, untagged[start : start + PARALLEL_BATCH_SIZE])
        work = [(a.text, _reference_day(a)) for a in articles]
        found = map_items(_time_mentions_of, work, workers)
        with transaction(conn):
            save_times(conn, {a.id: f for a, f in zip(articles, found, strict=True)})
            mark_done(conn, [a.id for a in articles], TIMES_STAGE)
    return set(untagged)


def embed_leads(
    conn: sqlite3.Connection,
    workers: int | Workers | None = None,
    pending: Sequence[str] | None = None,
) -> set[str]:
    """Stage 6b: the dense vector of every article's lead not yet embedded by this model
    (``pending``, when the caller has just read them).

    Without the model's wheel the stage does nothing and stories use sparse vectors alone
    (the representation's name says so, and a later install regroups the store).
    """
    if not dense_available():
        return set()
    if pending is None:
        pending = pending_article_ids(conn, DENSE_STAGE)
    for start in range(0, len(pending), PARALLEL_BATCH_SIZE):
        articles = load_articles(conn, pending[start : start + PARALLEL_BATCH_SIZE])
        vectors = embed_texts([lead_text(article) for article in articles], workers)
        found = dict(zip((article.id for article in articles), vectors, strict=True))
        with transaction(conn):
            save_embeddings(conn, found, DENSE_STAGE.version)
            mark_done(conn, found, DENSE_STAGE)
    return set(pending)


def _time_mentions_of(item: tuple[str, date | None]) -> tuple[TimeMention, ...]:
    return time_mentions(*item)


def _reference_day(article: Article) -> date | None:
    """Relative expressions resolve against a day-precise publication date only."""
    return article.published.value if article.published.precision == "day" else None


def _date_estimates(
    described: Sequence[StoredEvent], members: dict[str, Article]
) -> dict[str, DateEstimate | None]:
    """Estimated date ranges for the undated articles of the events just described."""
    estimates: dict[str, DateEstimate | None] = {}
    for item in described:
        reports = [members[a] for a in item.event.article_ids]
        for article in reports:
            if article.published.value is None:
                estimates[article.id] = estimate_date(article, reports)
    return estimates


def _regroup_if_version_changed(conn: sqlite3.Connection, grouping: StageVersion) -> str | None:
    """Vectors of another grouping version cannot be compared: drop the events and start over.
    Returns the version dropped (None when the store's events are of this version, or none)."""
    kept = corpus_version(conn, grouping.name)
    if kept == grouping.version or (kept is None and not load_event_ids(conn)):
        return None
    log.info("events were grouped by %s; regrouping every article", kept)
    with transaction(conn):
        clear_events(conn)
        clear_stories(conn)
        delete_state(conn, DF_STATE_KEY)
    return kept or "an unrecorded version"


def _members_of(
    conn: sqlite3.Connection, states: Iterable[EventState], new_articles: Sequence[Article]
) -> dict[str, Article]:
    """Every member article of the given events, loading from the store only the old ones."""
    known = {article.id: article for article in new_articles}
    wanted = {a for state in states for a in state.similarities}
    missing = wanted - known.keys()
    known.update((article.id, article) for article in load_articles(conn, missing))
    return known
