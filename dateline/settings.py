"""All options in one validated object, and the optional config file that sets them.

The CLI, the Python API and the tests build the same ``Settings``; stages receive it (or the part
they need) instead of reading flags or globals, so a run can be written out and repeated.

A user sets the options worth changing once, in ``dateline.toml`` (the working directory's,
or the file ``--config`` names); a command-line flag wins over the file, the file over the
defaults. Algorithm thresholds are not options: they stay named constants beside their stage,
documented with the data they were tuned on. The file::

    db = "news.db"          # the store
    workers = 2             # processes for the per-article build stages (default: every core)
    scheduler = "tcp://10.0.0.5:8786"  # or send them to this Dask cluster (docs/DEPLOY.md)
    skip = ["dense"]        # optional build stages to leave for later
    max_bytes = 52428800    # input limits
    max_text_chars = 1000000
    max_json_depth = 32
    languages = ["en"]      # keep only articles in these languages (default: every language)

    [fields]                # JSON field names (default: detected)
    text = "body"

    [events]                # how far apart in time two reports of one event may be
    grace_days = 2
    decay_days = 4.0
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Inputs larger than this are skipped with an error: a news article is never 50 MB, a dump is."""

DEFAULT_MAX_TEXT_CHARS = 1_000_000
"""An article whose text is longer than this is skipped with an error: the longest news features
run to about 100,000 characters, so a longer "article" is a dump, a log or a decompression bomb,
and every later stage (quotes, entities, events) pays for its length."""

DEFAULT_MAX_JSON_DEPTH = 32
"""A JSON record nested deeper than this is skipped with an error. Article records are two or
three levels deep (a record, an author list, an author object); deep nesting is an attack on
the recursive readers after the parser, and past about 1,000 levels on the parser itself."""

ARCHIVE_EXPANSION_LIMIT = 20
"""A WARC archive may decompress to at most this many times ``max_bytes`` in all (each record,
and each HTTP body after its Content-Encoding, is also bounded by ``max_bytes``). Real crawls
compress about five to ten times; a bomb stops here, after streaming, never held in memory."""

DEFAULT_DB = "dateline.db"
CONFIG_FILE = "dateline.toml"
"""The config file read from the working directory when ``--config`` names none."""
SKIPPABLE_STAGES = frozenset({"entities", "provenance", "dense"})
"""Build stages a user may leave for a later build (``pipeline.SKIPPABLE`` checks the same)."""


@dataclass(frozen=True)
class EventWindow:
    """How far apart in time two reports of one event may be.

    Within ``grace_days`` of an event's first and last report, an article's similarity to the
    event counts in full; beyond, it is multiplied by exp(-extra days / ``decay_days``), so a
    report a week after the event must be much closer in content to join it. The defaults were
    tuned on ECB+ dev with the events' thresholds (``dateline.grouping.events``): news of one
    happening is reported within days. A desk following slow stories (a trial over weeks) may
    widen it; ECB+'s follow-up reports weeks apart score higher with a much wider window, and a
    month of daily reports on one topic then becomes one event.
    """

    grace_days: int = 2
    decay_days: float = 4.0

    def __post_init__(self) -> None:
        if self.grace_days < 0:
            raise ValueError(f"events.grace_days must be 0 or more, got {self.grace_days}")
        if self.decay_days <= 0:
            raise ValueError(f"events.decay_days must be positive, got {self.decay_days}")


class ConfigError(ValueError):
    """The config file cannot be read or holds an option that does not exist or fit."""


@dataclass(frozen=True)
class FieldNames:
    """JSON field names chosen by the user; None means auto-detect (see ingest.jsonl)."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Settings:
    """Options for one run. ``now`` bounds publication dates: nothing is dated after ingest."""

    db_path: str = DEFAULT_DB
    max_bytes: int = DEFAULT_MAX_BYTES
    """Limit on every input, before and after decompression (a file, a gzip stream, a WARC
    record, an HTTP body): larger ones are skipped with an error."""
    fields: FieldNames = field(default_factory=FieldNames)
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    progress: bool = False
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    max_json_depth: int = DEFAULT_MAX_JSON_DEPTH
    workers: int | None = None
    """Processes for the per-article build stages; None: one per core."""
    scheduler: str | None = None
    """A Dask scheduler's address (``tcp://host:8786``): the per-article stages of ingest and
    build run on its workers instead of local processes (docs/DEPLOY.md). None: locally."""
    skip: tuple[str, ...] = ()
    """Optional build stages to leave for a later build (``SKIPPABLE_STAGES``)."""
    languages: tuple[str, ...] = ()
    """ISO 639-1 codes of the languages to keep; ingest leaves out (and counts) articles in
    others. Empty: every language. An article whose language cannot be told is kept."""
    events: EventWindow = field(default_factory=EventWindow)

    def __post_init__(self) -> None:
        if self.workers is not None and self.workers <= 0:
            raise ValueError(f"workers must be positive, got {self.workers}")
        if self.scheduler is not None and not self.scheduler.strip():
            raise ValueError("scheduler must be an address such as tcp://host:8786, got ''")
        unknown = set(self.skip) - SKIPPABLE_STAGES
        if unknown:
            raise ValueError(
                f"cannot skip {', '.join(sorted(unknown))}; optional stages: "
                f"{', '.join(sorted(SKIPPABLE_STAGES))}"
            )
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.max_text_chars <= 0:
            raise ValueError(f"max_text_chars must be positive, got {self.max_text_chars}")
        if self.max_json_depth <= 0:
            raise ValueError(f"max_json_depth must be positive, got {self.max_json_depth}")
        bad = [code for code in self.languages if not (len(code) == 2 and code.isalpha())]
        if bad:
            raise ValueError(f"languages are two-letter codes such as 'en', got {bad[0]!r}")


_FILE_OPTIONS: dict[str, tuple[str, type]] = {
    "db": ("db_path", str),
    "workers": ("workers", int),
    "scheduler": ("scheduler", str),
    "skip": ("skip", list),
    "max_bytes": ("max_bytes", int),
    "max_text_chars": ("max_text_chars", int),
    "max_json_depth": ("max_json_depth", int),
    "languages": ("languages", list),
}
_FIELD_NAMES = frozenset(f.name for f in fields(FieldNames))


def read_config(path: Path) -> dict[str, Any]:
    """The ``Settings`` fields a config file sets, checked (see the module docstring).

    Raises:
        ConfigError: the file cannot be read, is not TOML, or holds an unknown option or a
            value of the wrong type; the message names the file and the option.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{path}: cannot read the config file ({exc.__class__.__name__})"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == "fields":
            values["fields"] = _field_names(path, value)
            continue
        if key == "events":
            values["events"] = _event_window(path, value)
            continue
        if key not in _FILE_OPTIONS:
            known = ", ".join(sorted([*_FILE_OPTIONS, "fields", "events"]))
            raise ConfigError(f"{path}: unknown option {key!r} (options: {known})")
        name, kind = _FILE_OPTIONS[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ConfigError(f"{path}: {key} must be a {kind.__name__}, got {value!r}")
        if isinstance(value, list):
            values[name] = tuple(
                str(item).lower() if key == "languages" else str(item) for item in value
            )
        else:
            values[name] = value
    return values


def _event_window(path: Path, value: object) -> EventWindow:
    known: dict[str, tuple[type, ...]] = {"grace_days": (int,), "decay_days": (int, float)}
    if not isinstance(value, dict) or not set(value) <= known.keys():
        raise ConfigError(f"{path}: [events] may name {', '.join(sorted(known))}")
    for key, item in value.items():
        if isinstance(item, bool) or not isinstance(item, known[key]):
            raise ConfigError(f"{path}: events.{key} must be a number, got {item!r}")
    try:
        return EventWindow(**value)
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _field_names(path: Path, value: object) -> FieldNames:
    if not isinstance(value, dict) or not set(value) <= _FIELD_NAMES:
        raise ConfigError(f"{path}: [fields] may name {', '.join(sorted(_FIELD_NAMES))}")
    if not all(isinstance(item, str) for item in value.values()):
        raise ConfigError(f"{path}: [fields] values must be strings")
    return FieldNames(**value)


def load_settings(
    config: Path | None = None, *, use_default_file: bool = True, **overrides: Any
) -> Settings:
    """Settings from the config file (``config``, else ``./dateline.toml`` when it exists and
    ``use_default_file``), then ``overrides`` (None values are not overrides; given field
    names override the file's one by one).

    Raises:
        ConfigError: as ``read_config``, or a value out of range.
    """
    path = config
    if path is None and use_default_file and Path(CONFIG_FILE).is_file():
        path = Path(CONFIG_FILE)
    values = read_config(path) if path is not None else {}
    given_fields = overrides.pop("fields", None)
    values.update({key: value for key, value in overrides.items() if value is not None})
    if given_fields is not None:
        values["fields"] = _merged_fields(values.get("fields"), given_fields)
    try:
        return replace(Settings(), **values)
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}" if path is not None else str(exc)) from exc


def _merged_fields(from_file: FieldNames | None, given: FieldNames) -> FieldNames:
    """Field names given on the command line, the file's for the ones not given."""
    base = from_file or FieldNames()
    merged = {f.name: getattr(given, f.name) or getattr(base, f.name) for f in fields(FieldNames)}
    return FieldNames(**merged)
