"""What the web pages read: the store's typed document and its indexes, loaded once per change.

Every page needs the whole picture (an event page names the story around it, an article page
the entities its names resolve to), and the typed document (``api.timeline``) is the one place
that picture is assembled. Building it costs a pass over the store, so it is built once and
kept until the store changes: a dedicated connection asks SQLite's ``PRAGMA data_version``,
which changes when any other connection (a ``dateline build`` in another process, this app's
own writes) commits. Pages therefore never show a half-updated mix. The server loads the
snapshot at startup, and a ``Refresher`` thread loads the new one soon after another process
changed the store; a snapshot slow to load (``SLOW_LOAD_SECONDS``: Timeline17's 4,616 articles
with their entities take 5 s) is served as it was meanwhile, a quick one is reloaded by the
next page at once. The app's own edits load the new snapshot before their page is shown.

Only reads go through here; per-article text (which the document leaves out) is read per
request with ``dateline.store.articles.load_articles``.
"""

from __future__ import annotations

import gc
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import Any

from dateline import api
from dateline.export import records
from dateline.export.provenance import Provenance
from dateline.export.records import JsonDict, TimelineDocument
from dateline.export.who import WhoSaidWhat
from dateline.interfaces.web.outlets import outlet_name
from dateline.provenance.relations import independent_groups
from dateline.store.analysis import StoredLink
from dateline.store.overrides import Override, list_overrides


@dataclass(frozen=True)
class SourceGroup:
    """Reports that are copies or rewrites of one another: the lead (the original where the
    links say which, else the earliest) and the others with how each relates to it."""

    lead: records.Article
    others: tuple[tuple[records.Article, str], ...]
    extra_places: int
    """Further places the same texts were read from (verbatim reprints of one stored text)."""

    @property
    def reprints(self) -> int:
        return len(self.others) + self.extra_places


@dataclass
class Snapshot:
    """The store as the pages see it: the typed document, stories, names, links, indexes."""

    document: TimelineDocument
    stories: list[JsonDict]
    who: WhoSaidWhat
    provenance: Provenance
    corrections: list[Override] = field(default_factory=list)
    _views: dict[Any, tuple[records.Entry, ...]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def load(cls, conn: sqlite3.Connection, earlier: Snapshot | None = None) -> Snapshot:
        """Read the store; the entities of the ``earlier`` snapshot are kept when their inputs
        did not change (``api.who_said_what``). The cyclic garbage collector is paused
        meanwhile: the snapshot is some hundred thousand new objects, none of them garbage, and
        the collections their creation would set off cost a tenth of the load."""
        paused = gc.isenabled()
        gc.disable()
        try:
            earlier_who = earlier.who if earlier is not None else None
            who = api.who_said_what(conn, earlier_who, reusable=True)
            provenance = api.provenance_of(conn)
            document = api.timeline(conn, with_hidden=True, who=who, provenance=provenance)
            return cls(document, api.stories(conn), who, provenance, list_overrides(conn))
        finally:
            if paused:
                gc.enable()

    @property
    def links(self) -> Sequence[StoredLink]:
        return self.provenance.links

    def index(self) -> None:
        """Build the indexes every timeline page reads (else the first page builds them)."""
        for name in ("event_of", "story_of", "stories_by_id", "outlets", "flagged"):
            getattr(self, name)

    @cached_property
    def hidden(self) -> frozenset[str]:
        """Articles a correction hides (they are in no event; search leaves them out)."""
        return frozenset(
            o.target for o in self.corrections if o.active and o.kind == "hide-article"
        )

    def view(
        self, key: Any, make: Callable[[], tuple[records.Entry, ...]]
    ) -> tuple[records.Entry, ...]:
        """Derived timeline entries (a summary) kept for this snapshot's lifetime under ``key``."""
        with self._lock:
            if key not in self._views:
                if len(self._views) > 64:
                    self._views.clear()
                self._views[key] = make()
            return self._views[key]

    @cached_property
    def event_of(self) -> dict[str, str]:
        """Article id -> the id of the event holding it."""
        return {a: e.id for e in self.document.events for a in e.article_ids}

    @cached_property
    def story_of(self) -> dict[str, JsonDict]:
        """Event id -> the story holding it."""
        return {e: story for story in self.stories for e in story["event_ids"]}

    @cached_property
    def stories_by_id(self) -> dict[str, JsonDict]:
        return {story["id"]: story for story in self.stories}

    @cached_property
    def outlets(self) -> dict[str, str]:
        """Article id -> the outlet's name as shown (never a local path)."""
        return {a.id: outlet_name(a) for a in self.document.articles}

    @cached_property
    def entities_by_id(self) -> dict[str, records.Entity]:
        return {entity.id: entity for entity in self.document.entities}

    @cached_property
    def events_of_article(self) -> dict[str, list[records.Event]]:
        found: dict[str, list[records.Event]] = {}
        for event in self.document.events:
            for article_id in event.article_ids:
                found.setdefault(article_id, []).append(event)
        return found

    @cached_property
    def flagged(self) -> dict[str, frozenset[str]]:
        """Article id -> the names of its quality flags (``spun``, ``machine-translated``...)."""
        return {
            a.id: frozenset(flag.name for flag in a.quality_flags) for a in self.document.articles
        }

    @cached_property
    def _directories(self) -> tuple[frozenset[str], tuple[int, ...]]:
        """The directories of every source path, and their lengths, longest first."""
        found = set()
        for article in self.document.articles:
            for path in (article.path, *(source.path for source in article.sources)):
                parent = str(PurePath(path).parent)
                if parent not in ("", "."):
                    found.add(parent)
        return frozenset(found), tuple(sorted({len(d) for d in found}, reverse=True))

    def scrub(self, text: str | None) -> str:
        """``text`` (evidence written by the stages) with the directories of source paths
        removed: "the lead of /home/ana/leaks/a.txt" reads "the lead of a.txt".

        Each path separator is tried as the end of every known directory length (a set
        lookup), the leftmost and then longest directory wins: what one regular expression
        of every directory would do, without compiling it (on Timeline17 that took 0.15 s).
        """
        if not text:
            return ""
        directories, lengths = self._directories
        found = []
        for end, char in enumerate(text):
            if char in "/\\":
                found += [
                    (end - n, end + 1)
                    for n in lengths
                    if n <= end and text[end - n : end] in directories
                ]
        if not found:
            return text
        found.sort(key=lambda span: (span[0], -span[1]))
        pieces, at = [], 0
        for start, end in found:
            if start >= at:
                pieces.append(text[at:start])
                at = end
        pieces.append(text[at:])
        return "".join(pieces)

    def events_naming(self, entity_id: str) -> list[records.Event]:
        """The events with a report that mentions the entity, in date order (undated last)."""
        entity = self.entities_by_id.get(entity_id)
        if entity is None:
            return []
        seen: dict[str, records.Event] = {}
        for article_id in entity.article_ids:
            for event in self.events_of_article.get(article_id, ()):
                seen[event.id] = event
        return sorted(seen.values(), key=lambda e: (e.date is None, e.date or "", e.id))

    def source_groups(self, article_ids: Sequence[str]) -> list[SourceGroup]:
        """The articles grouped by independence, largest group first."""
        derived_from = {
            (link.derived, link.source): link.relation
            for link in self.links
            if link.derived in article_ids and link.source in article_ids
        }
        groups = []
        for members in independent_groups(article_ids, self.links):
            articles = [a for a in map(self.document.article, sorted(members)) if a is not None]
            if not articles:
                continue
            lead = _lead(articles, derived_from)
            others = tuple(
                (article, _relation(article.id, lead.id, derived_from))
                for article in articles
                if article.id != lead.id
            )
            extra = sum(max(len(article.sources) - 1, 0) for article in articles)
            groups.append(SourceGroup(lead, others, extra))
        groups.sort(key=lambda g: (-g.reprints, g.lead.published or "", g.lead.id))
        return groups


def _lead(
    articles: list[records.Article], derived_from: dict[tuple[str, str], str]
) -> records.Article:
    """The group's original: an article others derive from that derives from none of them, else
    the earliest published."""
    derived = {pair[0] for pair in derived_from}
    sources = {pair[1] for pair in derived_from}
    originals = [a for a in articles if a.id in sources and a.id not in derived]
    pool = originals or articles
    return min(pool, key=lambda a: (a.published is None, a.published or "", a.id))


def _relation(article_id: str, lead_id: str, derived_from: dict[tuple[str, str], str]) -> str:
    relation = derived_from.get((article_id, lead_id))
    if relation is not None:
        return relation
    reverse = derived_from.get((lead_id, article_id))
    if reverse is not None:
        return f"source of the lead ({reverse})"
    return "related through another copy"


SLOW_LOAD_SECONDS = 0.2
"""A snapshot that took longer than this to load is not reloaded while a reader waits: after
another process's write the pages are served from it until the new one, loaded by the
``Refresher``, replaces it (about a second later, plus the load: 5 s on Timeline17 with its
42,000 entities). A faster one (the demo, a small store) is reloaded at once, as before. The
app's own edits always load the new snapshot before their page is shown."""


class SnapshotCache:
    """One ``Snapshot`` per version of the store (see the module docstring)."""

    def __init__(self, db_path: str) -> None:
        self._watch = sqlite3.connect(db_path, check_same_thread=False)
        self._lock = threading.Lock()
        self._loading = threading.Lock()
        self._version: int | None = None
        self._snapshot: Snapshot | None = None
        self.load_seconds = 0.0
        """How long the last load took."""
        self.slow_load_seconds = SLOW_LOAD_SECONDS

    def _data_version(self) -> int:
        with self._lock:
            return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def stale(self) -> int | None:
        """The store's version when it changed since the snapshot was loaded, else None."""
        version = self._data_version()
        with self._lock:
            return version if self._snapshot is not None and version != self._version else None

    def get(self, conn: sqlite3.Connection, *, fresh: bool = False) -> Snapshot:
        """The snapshot of the store (``conn`` loads it when it changed). After another
        process's write a slow snapshot is served as it was until the ``Refresher`` has loaded
        the new one (``SLOW_LOAD_SECONDS``); ``fresh`` always loads the store as it is now."""
        version = self._data_version()
        with self._lock:
            current, loaded = self._snapshot, self._version
        if current is not None and version == loaded:
            return current
        if current is not None and not fresh and self.load_seconds > self.slow_load_seconds:
            return current
        return self._load(conn, version)

    def _load(self, conn: sqlite3.Connection, version: int) -> Snapshot:
        with self._loading:  # one load at a time; pages meanwhile read the current snapshot
            with self._lock:
                if self._snapshot is not None and self._version == version:
                    return self._snapshot  # loaded while this one waited
            with self._lock:
                earlier = self._snapshot
            gc.unfreeze()  # the last snapshot's objects may be collected again
            start = time.perf_counter()
            snapshot = Snapshot.load(conn, earlier)
            self.load_seconds = time.perf_counter() - start
            with self._lock:
                self._snapshot, self._version = snapshot, version
            # The snapshot lives until the store changes: kept out of the collector's full
            # passes, which would otherwise walk its objects every few requests (some 40 ms
            # each on Timeline17).
            gc.freeze()
            return snapshot

    def close(self) -> None:
        self._watch.close()


class Refresher(threading.Thread):
    """Loads the new snapshot soon after another process changed the store (a ``dateline
    build`` beside the server), so the reader's next page does not wait for it.

    Every ``interval`` seconds it asks whether the store changed; once the same new version is
    seen twice in a row (the writer has stopped committing for a while: a build commits in
    batches), it calls ``load``. A page asked for meanwhile loads the snapshot itself, as
    before; the cache's lock keeps the two from loading it twice.
    """

    def __init__(self, cache: SnapshotCache, load: Callable[..., None], interval: float) -> None:
        super().__init__(name="dateline-snapshot", daemon=True)
        self._cache = cache
        self._load = load
        self._interval = interval
        self._halt = threading.Event()

    def run(self) -> None:
        seen: int | None = None
        while not self._halt.wait(self._interval):
            try:
                version = self._cache.stale()
                if version is not None and version == seen:
                    self._load(fresh=True)
                seen = version
            except (sqlite3.Error, OSError):  # the store went away or is busy: try later
                seen = None

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=5)
