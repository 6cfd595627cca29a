"""The records that flow between pipeline stages.

Every stage reads one of these and returns another; no stage passes anything else along.
Keeping them plain, typed dataclasses means a newcomer can read the whole data contract in one
file, and the per-article stages (ingest, clean, pubdate) stay pure functions of one article so
they can later run as map tasks anywhere.

Flow:  RawDocument --clean--> CleanedDocument --pubdate--> Article --events--> Event
       --timeline--> TimelineEntry.  Problems with an input become IngestIssue records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, NamedTuple

Precision = Literal["day", "month", "year"]
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class RawDocument:
    """One article as read from an input, before any cleaning.

    ``path`` is the input path as the user gave it joined with the file's relative path;
    ``record`` locates the article inside a multi-article file (JSON line number, WARC record
    index, feed entry index) and is None for single-article files.
    ``date_hint`` is a date string found in the container's metadata (a JSON field, HTML
    metadata via htmldate, a WARC-Date header, a feed entry date); ``date_hint_source`` says
    which, so the date stage can report its evidence.
    """

    path: str
    text: str
    source_format: str
    record: int | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    date_hint: str | None = None
    date_hint_source: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = ()


class RemovedLine(NamedTuple):
    """A line cut from an article, kept so a user can see what was cut and why.

    A named tuple, not a dataclass: a page dump has a hundred or more, and every article goes
    from a worker to the main process pickled (a dataclass took 4x as long to unpickle: 0.39 ms
    a page dump)."""

    line_no: int
    text: str
    reason: str


@dataclass(frozen=True)
class CleanedDocument:
    """A RawDocument with boilerplate removed; ``removed`` holds every cut line.

    ``title`` is the headline the clean stage found (a page dump's headline, a plain-text
    file's first line) when the input gave none; ``header`` holds the page's header lines
    (headline, byline, date block and the lines around them, nearest the headline first), where
    a page dump prints its publication date, for the date stage; an empty string in it
    separates those near lines from the signed dates further out, which the date stage reads
    only when the near lines give no date.
    """

    raw: RawDocument
    text: str
    removed: tuple[RemovedLine, ...] = ()
    flags: tuple[str, ...] = ()
    title: str | None = None
    header: tuple[str, ...] = ()


@dataclass(frozen=True)
class PublishedDate:
    """A publication date with its precision and the evidence that supports it.

    ``value`` is None when the date is unknown; unknown stays unknown, it is never guessed.
    ``evidence`` names the string that was read and the rule that read it.
    """

    value: date | None = None
    precision: Precision | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)  # about 56 per news article: no __dict__ each
class TimeMention:
    """A time expression in an article, normalised against its publication date.

    ``sentence`` is the index of the sentence holding it (``dateline.sentences``);
    ``start``/``end`` are character offsets into ``Article.text``; ``type`` and ``value`` are
    TIMEX3-style (DATE ``2017-04-12``, ``XXXX-04-04`` when the year is unknown, DURATION
    ``P1W``, ...).
    """

    sentence: int
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class DateEstimate:
    """A date range for an article that prints no publication date, with its evidence.

    Always flagged as estimated: it comes from the article's own time expressions or from the
    dated articles that report the same event, never from the article's metadata.
    """

    earliest: date
    latest: date
    evidence: str


@dataclass(frozen=True)
class Article:
    """A cleaned, dated article ready for the corpus-wide stages and the store.

    ``id`` is a stable hash of the cleaned text, so the same article read twice (or reprinted
    verbatim under different boilerplate) is one article; ``sources`` lists every place it was
    seen. ``times`` holds its time expressions, filled by the build (``dateline.dates.mentions``).
    """

    id: str
    path: str
    text: str
    source_format: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: PublishedDate = field(default_factory=PublishedDate)
    language: str | None = None
    flags: tuple[str, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    record: int | None = None
    times: tuple[TimeMention, ...] = ()


@dataclass(frozen=True)
class IngestIssue:
    """A problem with one input: errors skip the input (or record), warnings keep it."""

    path: str
    reason: str
    severity: Severity = "error"
    record: int | None = None

    def describe(self) -> str:
        """One line for the user: where, and what went wrong."""
        where = self.path if self.record is None else f"{self.path}#{self.record}"
        return f"{self.severity}: {where}: {self.reason}"


@dataclass(frozen=True)
class Event:
    """Articles that report the same real-world happening, with a date and a title."""

    id: str
    date: date | None
    date_precision: Precision | None
    date_evidence: str | None
    title: str
    summary: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class SourcedSentence:
    """A summary sentence with the articles that state it (the one it was taken from first)."""

    text: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of the timeline; ``article_ids`` are its sources (never empty).

    A summarised timeline (``--max-dates``/``--sentences-per-date``) also lists the entry's
    ``sentences``, each with its own sources; ``text`` is then those sentences joined.
    """

    date: date
    text: str
    event_id: str
    article_ids: tuple[str, ...]
    sentences: tuple[SourcedSentence, ...] = ()


# --- who and what was said (issue 4): per-article records, merged corpus-wide in the store ---

EntityKind = Literal["person", "organisation", "place", "country", "group", "other"]
QuoteKind = Literal["direct", "reported"]


@dataclass(frozen=True, slots=True)  # a store holds about 75 per article: no __dict__ each
class EntityMention:
    """One mention of a named entity in an article's cleaned text.

    ``start``/``end`` are character offsets into ``Article.text``; ``canonical`` is the name
    the mention resolves to after alias merging ("Sir. Putin" -> "Vladimir Putin");
    ``role`` is a title or apposition attached to this mention ("Secretary of State").
    """

    start: int
    end: int
    text: str
    kind: EntityKind
    canonical: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker: a direct quote or reported speech.

    ``start``/``end`` locate the quoted (or reported) words in ``Article.text``; ``speaker`` is
    the canonical entity name, or None when nobody compatible could be found;
    ``speaker_text`` is how the text named the speaker ("he", "the minister", "Lavrov");
    ``cue`` is the word that introduced the speech ("said", "according to").
    """

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None
    speaker_text: str | None
    cue: str | None


@dataclass(frozen=True)
class StyleFlag:
    """A quality flag on an article ("spun", "machine-translated", ...) with checkable evidence.

    ``evidence`` holds short strings a user can find in the text (or in a linked original);
    ``score`` is the detector's confidence in [0, 1].
    """

    name: str
    score: float
    evidence: tuple[str, ...] = ()
