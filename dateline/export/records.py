"""The typed output document: every record of the contract (docs/FORMAT.md) as a dataclass.

The document is built once (``document.timeline_document``) and only read after: renderers
take a ``TimelineDocument`` and cannot find a key missing or a list of the wrong shape, and no
step changes a document another step built. ``to_json`` gives the contract's JSON, keys in the
order of the fields below; ``from_json`` reads such JSON back (a saved document, a test's
hand-made one). Dates are ISO strings, as the contract writes them.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

JsonDict = dict[str, Any]
R = TypeVar("R", bound="Record")


class Record:
    """A contract record: to JSON and back, field by field, nested records included."""

    def to_json(self) -> JsonDict:
        return {f.name: _to_json(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_json(cls: type[R], data: JsonDict) -> R:
        """The record from contract JSON; keys it does not know are ignored, missing ones take
        the field's default (a document without entities or links, say)."""
        hints = _hints(cls)
        values = {
            f.name: _from_json(hints[f.name], data[f.name])
            for f in dataclasses.fields(cls)  # type: ignore[arg-type]
            if f.name in data
        }
        return cls(**values)


def _to_json(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_json()
    if isinstance(value, tuple | list):
        return [_to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _to_json(item) for key, item in value.items()}
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The resolved field types of a record class (``from __future__`` leaves them strings)."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _from_json(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _from_json(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(_from_json(item, element) for element in value)
    if isinstance(kind, type) and issubclass(kind, Record):
        return kind.from_json(value)
    return value


@dataclass(frozen=True)
class Source(Record):
    """One place an article was read from."""

    path: str
    record: int | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Estimate(Record):
    """A date range for an undated article, always marked as estimated, with its evidence."""

    earliest: str
    latest: str
    evidence: str


@dataclass(frozen=True)
class ArticleEntity(Record):
    """An entity an article names, with how often."""

    id: str
    name: str
    kind: str
    mentions: int


@dataclass(frozen=True)
class QuoteRecord(Record):
    """A quote in an article, with its speaker resolved to an entity where possible."""

    text: str
    kind: str
    speaker: str | None
    speaker_entity_id: str | None
    speaker_text: str | None
    cue: str | None
    start: int
    end: int


@dataclass(frozen=True)
class LinkRecord(Record):
    """A provenance link as one of its two articles sees it."""

    relation: str
    role: str
    other_id: str
    score: float
    evidence: Any


@dataclass(frozen=True)
class QualityFlag(Record):
    """A quality flag with its score and the evidence a reader can check."""

    name: str
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Article(Record):
    """An article as the contract describes it (without its text)."""

    id: str
    path: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_precision: str | None = None
    published_evidence: str | None = None
    estimated_date: Estimate | None = None
    language: str | None = None
    flags: tuple[str, ...] = ()
    removed_lines: int = 0
    sources: tuple[Source, ...] = ()
    entities: tuple[ArticleEntity, ...] = ()
    quotes: tuple[QuoteRecord, ...] = ()
    links: tuple[LinkRecord, ...] = ()
    quality_flags: tuple[QualityFlag, ...] = ()


@dataclass(frozen=True)
class GroupEntity(Record):
    """A main entity of an event or entry: how many of its reports name it."""

    id: str
    name: str
    kind: str
    reports: int


@dataclass(frozen=True)
class KeyQuote(Record):
    """A key quote of an event or entry, with the reports that carry it."""

    text: str
    kind: str = ""
    speaker: str | None = None
    speaker_entity_id: str | None = None
    article_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event(Record):
    """An event: its day with evidence, title, summary, reports, names, quotes, sources."""

    id: str
    date: str | None = None
    date_precision: str | None = None
    date_evidence: str | None = None
    title: str = ""
    summary: str = ""
    article_ids: tuple[str, ...] = ()
    entities: tuple[GroupEntity, ...] = ()
    quotes: tuple[KeyQuote, ...] = ()
    independent_sources: int | None = None


@dataclass(frozen=True)
class Sentence(Record):
    """A summary sentence with the articles that state it."""

    text: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Entry(Record):
    """A timeline line with its sources (and, when summarised, each sentence's sources)."""

    date: str
    text: str = ""
    event_id: str = ""
    article_ids: tuple[str, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    quotes: tuple[KeyQuote, ...] = ()
    independent_sources: int | None = None

    def cited_parts(self) -> list[tuple[str, tuple[str, ...]]]:
        """What an export shows: each summary sentence with its own sources, or (event
        timeline) the whole entry with all of them."""
        if self.sentences:
            return [(s.text, s.article_ids) for s in self.sentences]
        return [(self.text, self.article_ids)]

    def sources_label(self, cited: tuple[str, ...]) -> str:
        """ "Sources", with the independent count when copies or rewrites make it smaller."""
        independent = self.independent_sources
        if independent is not None and cited == self.article_ids and independent < len(cited):
            return f"Sources ({independent} independent)"
        return "Sources"


@dataclass(frozen=True)
class Role(Record):
    """A role a source gives an entity, dated by the source."""

    role: str
    article_id: str
    date: str | None
    evidence: str


@dataclass(frozen=True)
class Entity(Record):
    """A corpus entity: its names, how often and where it is mentioned, its dated roles."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    mention_count: int
    article_ids: tuple[str, ...]
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class Contradiction(Record):
    """Two roles sources give one person that cannot both hold, with who says which."""

    entity_id: str
    person: str
    role_a: str
    article_ids_a: tuple[str, ...]
    role_b: str
    article_ids_b: tuple[str, ...]


@dataclass(frozen=True)
class Meta(Record):
    """What made the document and which slice of the store it covers."""

    dateline_version: str = ""
    event_representation: str = ""
    embedding_model: dict[str, Any] | None = None
    time_tagger: str = ""
    view: dict[str, Any] | None = None


@dataclass(frozen=True)
class TimelineDocument(Record):
    """The whole output document: every article it cites, its events, the timeline, the names."""

    meta: Meta = field(default_factory=Meta)
    articles: tuple[Article, ...] = ()
    events: tuple[Event, ...] = ()
    timeline: tuple[Entry, ...] = ()
    entities: tuple[Entity, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()

    @cached_property
    def _articles_by_id(self) -> dict[str, Article]:
        return {article.id: article for article in self.articles}

    @cached_property
    def _events_by_id(self) -> dict[str, Event]:
        return {event.id: event for event in self.events}

    def article(self, article_id: str) -> Article | None:
        """The listed article with this id; None for one the document does not list."""
        return self._articles_by_id.get(article_id)

    def event(self, event_id: str) -> Event | None:
        return self._events_by_id.get(event_id)
