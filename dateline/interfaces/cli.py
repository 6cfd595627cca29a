"""The command line: parses, calls the API, prints. No pipeline logic lives here.

Exit codes: 0 success; 1 when some inputs were skipped (the summary says how many); 2 on usage
errors, a store that cannot be opened, or a read command (``timeline``, ``articles``, ...) given
a ``--db`` that does not exist (it is never created empty); 3 on an internal error (a bug: one
line naming the exception, the traceback with ``--verbose``); 130 when interrupted (Ctrl-C);
141 (128 + SIGPIPE, what a shell reports for ``cat`` or ``grep`` cut off the same way) when the
reader of standard output went away, as ``dateline articles | head -1`` does: dateline stops
quietly, with no traceback, and a script with ``set -o pipefail`` can still tell the output was
cut.

Everything printed that comes from an article or a file name (titles, outlets, paths, error
messages) has its control characters written as visible escapes (``dateline.export.safe``), so a
hostile title cannot drive the terminal and a newline in a file name cannot split a message.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import re
import sqlite3
import sys
import traceback
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO, cast

from dateline import __version__, api
from dateline.export import RENDERERS, JsonDict
from dateline.export.safe import dumps, visible
from dateline.interfaces.cli_eval import add_eval
from dateline.pipeline import BuildReport, IngestReport
from dateline.settings import (
    CONFIG_FILE,
    DEFAULT_DB,
    DEFAULT_MAX_BYTES,
    ConfigError,
    FieldNames,
    Settings,
    load_settings,
)
from dateline.store import StoreError
from dateline.timeline.select import TimelineView

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130
EXIT_OUTPUT_CLOSED = 141
"""128 + SIGPIPE: what the shell reports for a tool killed because its reader went away."""
READ_COMMANDS = frozenset({"timeline", "articles", "events", "show", "entities", "stories"})
"""Commands that only read a store: they never create one."""
REPEATS_SHOWN = 5
"""Log lines shown for one problem repeated in one file (records of a feed, a JSON lines file,
a WARC); the rest are counted and summarised in one line (all are shown with --verbose)."""
log = logging.getLogger("dateline")


class UsageError(Exception):
    """A mistake in how dateline was called; exits with code 2."""


class OutputClosedError(Exception):
    """Standard output's reader went away (``| head``): stop quietly."""


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Run one dateline command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    target = stdout or sys.stdout
    out = cast(TextIO, _Output(target))
    verbose = bool(getattr(args, "verbose", False))
    handler = _configure_logging(verbose)
    try:
        code = _dispatch(args, stdin, out)
        out.flush()
    except OutputClosedError:
        _discard_output(target)
        return EXIT_OUTPUT_CLOSED
    except UsageError as exc:
        _error(f"error: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: one line, the traceback only when asked for
        _internal_error(exc, verbose)
        return EXIT_INTERNAL
    finally:
        handler.summarise()
    return code


def _dispatch(args: argparse.Namespace, stdin: BinaryIO | None, out: TextIO) -> int:
    """Open the store the command needs (never creating one for a read) and run the command."""
    if args.command == "eval":
        return int(args.handler(args, out))
    args.settings = _settings(args)
    db = args.settings.db_path
    if args.command in READ_COMMANDS and not _store_exists(db):
        raise UsageError(f"no store at {db} (run 'dateline ingest' first)")
    try:
        conn = api.open_store(db)
    except StoreError as exc:
        raise UsageError(str(exc)) from exc
    try:
        return int(args.handler(args, conn, stdin, out))
    finally:
        conn.close()


def _store_exists(path: str) -> bool:
    return path == ":memory:" or Path(path).exists()


class _Output(io.TextIOBase):
    """Standard output for the commands; a reader that went away becomes ``OutputClosedError``
    (a ``BrokenPipeError`` from anywhere else stays an internal error)."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self._target = target

    def write(self, text: str) -> int:
        try:
            return self._target.write(text)
        except BrokenPipeError as exc:
            raise OutputClosedError from exc

    def flush(self) -> None:
        try:
            self._target.flush()
        except BrokenPipeError as exc:
            raise OutputClosedError from exc

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        """Nothing to do: the target belongs to the caller, and flushing a closed pipe again
        when this wrapper is collected would print "Exception ignored" at exit."""

    def isatty(self) -> bool:
        return self._target.isatty()


def _discard_output(target: TextIO) -> None:
    """Point the closed stdout at /dev/null, so that what is still buffered is dropped at exit
    instead of raising again there (the recipe of Python's signal documentation)."""
    try:
        fd = target.fileno()
    except (OSError, ValueError):  # not a real file (a StringIO in tests)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def _error(message: str) -> None:
    """One line on stderr, control characters and newlines escaped; silent if stderr is gone."""
    with contextlib.suppress(OSError, ValueError):
        print(f"dateline: {visible(message)}", file=sys.stderr, flush=True)


def _internal_error(exc: BaseException, verbose: bool) -> None:
    """An unexpected exception: one line, or the traceback first with ``--verbose``."""
    line = f"internal error: {type(exc).__name__}: {exc}"
    if verbose:
        with contextlib.suppress(OSError, ValueError):
            traceback.print_exception(exc, file=sys.stderr)
        _error(line)
    else:
        _error(f"{line} (run with --verbose for the traceback)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per verb."""
    parser = argparse.ArgumentParser(
        prog="dateline",
        description="Turn a pile of news articles into a sourced timeline.",
    )
    parser.add_argument("--version", action="version", version=f"dateline {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_run(commands)
    _add_ingest(commands)
    _add_build(commands)
    _add_timeline(commands)
    _add_listing(commands, "articles", "list stored articles: id, date, outlet, title, flags")
    _add_listing(commands, "events", "list events: id, date, title, number of sources")
    _add_entities(commands)
    _add_stories(commands)
    _add_show(commands)
    add_eval(commands)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("store and output")
    group.add_argument(
        "--db", help=f"the store file (default: the config file's db, else ./{DEFAULT_DB})"
    )
    group.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help=f"options file (default ./{CONFIG_FILE} when it exists; see docs/CONFIG.md)",
    )
    group.add_argument(
        "--progress", action="store_true", help="show progress even when not on a terminal"
    )
    group.add_argument("-v", "--verbose", action="store_true", help="log more detail")


def _ingest_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files, directories, or - for stdin"
    )
    group = parser.add_argument_group("input")
    group.add_argument(
        "--max-bytes",
        type=int,
        help=f"skip inputs larger than this (default {DEFAULT_MAX_BYTES})",
    )
    for name in _FIELD_FLAGS:
        group.add_argument(
            f"--{name}-field", metavar="NAME", help=f"JSON field holding the {name} (auto-detected)"
        )


def _timeline_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("timeline")
    group.add_argument("--format", choices=sorted(RENDERERS), default="markdown")
    group.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    group.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day to keep")
    group.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day to keep")
    group.add_argument("--query", metavar="WORDS", help="keep articles with any of these words")
    group.add_argument("--entity", metavar="NAME", help="keep articles that mention this entity")
    group.add_argument("--story", metavar="ID", help="keep the events of this story")
    group.add_argument(
        "--max-dates", type=int, metavar="L", help="summarise: the L days that matter most"
    )
    group.add_argument(
        "--sentences-per-date", type=int, metavar="K", help="summarise: K sentences per day"
    )


def _add_run(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("run", help="ingest + build + timeline in one")
    _ingest_options(parser)
    _build_options(parser)
    _timeline_options(parser)
    _common(parser)
    parser.set_defaults(handler=_cmd_run)


def _add_ingest(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("ingest", help="read articles into the store")
    _ingest_options(parser)
    _common(parser)
    parser.set_defaults(handler=_cmd_ingest)


def _build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--skip",
        metavar="STAGES",
        help="comma-separated optional stages to leave for a later build: entities, provenance, "
        "dense (building with dense vectors later regroups every event)",
    )


def _add_build(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("build", help="group new articles into events")
    _build_options(parser)
    _common(parser)
    parser.set_defaults(handler=_cmd_build)


def _add_timeline(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("timeline", help="write the timeline")
    _timeline_options(parser)
    _common(parser)
    parser.set_defaults(handler=_cmd_timeline)


def _add_listing(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str
) -> None:
    parser = commands.add_parser(name, help=help_text)
    parser.add_argument("--format", choices=("table", "json"), default="table")
    _common(parser)
    parser.set_defaults(handler=_cmd_articles if name == "articles" else _cmd_events)


def _add_entities(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "entities", help="list entities: name, kind, mentions, articles, other names"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--kind", help="only this kind (person, organisation, place, country, ...)")
    parser.add_argument("--limit", type=int, default=50, help="table rows (default 50)")
    _common(parser)
    parser.set_defaults(handler=_cmd_entities)


def _add_stories(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "stories", help="list stories: id, first and last day, events, articles, title"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    _common(parser)
    parser.set_defaults(handler=_cmd_stories)


def _add_show(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("show", help="one article or event, in detail")
    parser.add_argument("id", metavar="ID", help="an article or event id (or a unique prefix)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    _common(parser)
    parser.set_defaults(handler=_cmd_show)


def _settings(args: argparse.Namespace) -> Settings:
    """The command's settings: its flags over the config file over the defaults."""
    max_bytes = getattr(args, "max_bytes", None)
    if max_bytes is not None and max_bytes <= 0:
        raise UsageError(f"--max-bytes must be positive, got {max_bytes}")
    names = {name: getattr(args, f"{name}_field", None) for name in _FIELD_FLAGS}
    skip = getattr(args, "skip", None)
    stages = tuple(n.strip() for n in skip.split(",") if n.strip()) if skip is not None else None
    try:
        return load_settings(
            args.config,
            db_path=args.db,
            max_bytes=max_bytes,
            fields=FieldNames(**names) if any(names.values()) else None,
            progress=_show_progress(args),
            skip=stages,
        )
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc


_FIELD_FLAGS = ("text", "title", "date", "url", "outlet")


def _show_progress(args: argparse.Namespace) -> bool:
    return bool(args.progress) or sys.stderr.isatty()


def _cmd_ingest(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    report = api.ingest(conn, args.inputs, args.settings, stdin=stdin)
    _summarise_repeats()
    _print_ingest_summary(report)
    return EXIT_SKIPPED if report.skipped else EXIT_OK


def _cmd_build(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    settings = args.settings
    report = api.build(conn, settings.skip, settings.workers)
    _print_build_summary(report)
    return EXIT_OK


def _cmd_run(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    code = _cmd_ingest(args, conn, stdin, out)
    _cmd_build(args, conn, stdin, out)
    _cmd_timeline(args, conn, stdin, out)
    return code


def _view(args: argparse.Namespace, conn: sqlite3.Connection) -> TimelineView:
    """The slice and summary options as a view; bad values are usage errors."""
    for name in ("max_dates", "sentences_per_date"):
        value = getattr(args, name)
        if value is not None and value <= 0:
            flag = "--" + name.replace("_", "-")
            raise UsageError(f"{flag} must be positive, got {value}")
    return TimelineView(
        start=_day(args.start, "--from"),
        end=_day(args.end, "--to"),
        query=tuple(args.query.split()) if args.query else (),
        entity_names=api.entity_names(conn, args.entity) if args.entity else (),
        story_event_ids=_story_events(conn, args.story),
        max_dates=args.max_dates,
        sentences_per_date=args.sentences_per_date,
    )


def _story_events(conn: sqlite3.Connection, story: str | None) -> tuple[str, ...]:
    if story is None:
        return ()
    try:
        return api.story_event_ids(conn, story)
    except LookupError as exc:
        raise UsageError(str(exc)) from exc


def _day(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"{flag} wants a date as YYYY-MM-DD, got {text!r}") from exc


def _cmd_timeline(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    rendered = RENDERERS[args.format](api.timeline(conn, _view(args, conn)))
    if args.out:
        try:
            Path(args.out).write_text(rendered, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.out} ({exc.strerror or exc})") from exc
    else:
        out.write(rendered)
    return EXIT_OK


def _cmd_articles(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    rows = api.timeline_document(conn)["articles"]
    if args.format == "json":
        out.write(dumps(rows))
        return EXIT_OK
    _write_table(
        out,
        ("id", "date", "outlet", "title", "flags"),
        [
            (
                r["id"],
                r["published"] or "-",
                r["outlet"] or "-",
                r["title"] or "-",
                ",".join(r["flags"]),
            )
            for r in rows
        ],
    )
    return EXIT_OK


def _cmd_events(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    rows = api.timeline_document(conn)["events"]
    if args.format == "json":
        out.write(dumps(rows))
        return EXIT_OK
    _write_table(
        out,
        ("id", "date", "title", "sources"),
        [(r["id"], r["date"] or "-", r["title"], str(len(r["article_ids"]))) for r in rows],
    )
    return EXIT_OK


def _cmd_stories(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    rows = api.stories(conn)
    if args.format == "json":
        out.write(dumps(rows))
        return EXIT_OK
    _write_table(
        out,
        ("id", "first", "last", "events", "articles", "title", "main terms"),
        [
            (
                r["id"],
                r["first"] or "-",
                r["last"] or "-",
                str(len(r["event_ids"])),
                str(r["articles"]),
                r["title"],
                ", ".join(r["main_terms"]) or "-",
            )
            for r in rows
        ],
    )
    return EXIT_OK


def _cmd_entities(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    listing = api.entities(conn)
    rows = [e for e in listing["entities"] if args.kind is None or e["kind"] == args.kind]
    if args.format == "json":
        listing["entities"] = rows
        out.write(dumps(listing))
        return EXIT_OK
    _write_table(
        out,
        ("id", "name", "kind", "mentions", "articles", "also called"),
        [
            (
                r["id"],
                r["name"],
                r["kind"],
                str(r["mention_count"]),
                str(len(r["article_ids"])),
                ", ".join(a for a in r["aliases"] if a != r["name"]) or "-",
            )
            for r in rows[: max(args.limit, 0)]
        ],
    )
    for c in listing["contradictions"]:
        line = (
            f"contradiction: {c['person']} is {c['role_a']!r} in {len(c['article_ids_a'])} "
            f"article(s) but {c['role_b']!r} in {len(c['article_ids_b'])}"
        )
        out.write(visible(line) + "\n")
    return EXIT_OK


def _cmd_show(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    try:
        detail = api.show(conn, args.id)
    except LookupError as exc:
        raise UsageError(str(exc)) from exc
    if args.format == "json":
        out.write(dumps(detail))
    else:
        out.write(_describe(detail))
    return EXIT_OK


def _describe(detail: JsonDict) -> str:
    """A human-readable view of an article or event from ``api.show``."""
    skip = {"text", "removed", "articles", "kind", "event", "times", "entities", "quotes"}
    skip |= {"links", "quality_flags"}
    lines = [f"{detail['kind']} {detail['id']}"]
    lines += [f"  {key}: {_plain(value)}" for key, value in detail.items() if key not in skip]
    if detail["kind"] == "article":
        lines += _placement(detail["event"])
        times = "; ".join(f"{t['text']!r} = {t['value']}" for t in detail["times"])
        lines += [f"  time expressions: {times or '-'}"]
    lines += _who_lines(detail)
    if detail["kind"] == "article":
        lines += _provenance_lines(detail)
        removed = [f"  [{r['reason']}] {r['text']}" for r in detail["removed"]]
        tail = ["", f"removed lines ({len(removed)}):", *removed]
        text = visible(detail["text"], keep_lines=True)
        return _visible_lines(lines) + "\n" + text + "\n" + _visible_lines(tail)
    lines += ["", "articles:"]
    lines += [
        f"  {a['id']}  {a['published'] or '-'}  {a['outlet'] or '-'}  "
        f"{a['title'] or a['path']}  (similarity {a['similarity']})"
        for a in detail["articles"]
    ]
    return _visible_lines(lines)


def _visible_lines(lines: Sequence[str]) -> str:
    """Each line with its control characters (newlines too) escaped, one per output line."""
    return "".join(visible(line) + "\n" for line in lines)


def _provenance_lines(detail: JsonDict) -> list[str]:
    """An article's copy/rewrite links and quality flags, each with its evidence."""
    lines = []
    for link in detail["links"]:
        side = "of" if link["role"] == "derived" else "copied or rewritten by (as source of)"
        evidence = link["evidence"]
        lines.append(
            f"  {link['relation']} {side} {link['other_id']} (score {link['score']}, "
            f"coverage {evidence.get('derived_coverage')}, "
            f"similarity {evidence.get('mean_similarity')})"
        )
    for flag in detail["quality_flags"]:
        lines.append(f"  flag {flag['name']} ({flag['score']}): " + "; ".join(flag["evidence"]))
    return lines or ["  links and quality flags: -"]


def _who_lines(detail: JsonDict) -> list[str]:
    """Entities and quotes of an article or event, one line each."""
    entities = ", ".join(
        f"{e['name']} ({e['kind']}, {e.get('mentions', e.get('reports'))})"
        for e in detail["entities"]
    )
    lines = [f"  entities: {entities or '-'}", "  quotes:" if detail["quotes"] else "  quotes: -"]
    lines += [
        f"    {q['speaker'] or '(unattributed)'}: \u201c{q['text']}\u201d" for q in detail["quotes"]
    ]
    return lines


def _placement(event: JsonDict | None) -> list[str]:
    """Which event holds the article, and the shared features that put it there."""
    if event is None:
        return ["  event: - (not built yet)"]
    shared = ", ".join(f"{f['text']} ({f['kind']})" for f in event.get("shared", []))
    return [
        f"  event: {event['id']} (similarity {event['similarity']})",
        f"  placed there by: {shared or '-'}",
    ]


def _plain(value: object) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)  # made visible with the whole line
    return "-" if value is None else str(value)


def _write_table(out: TextIO, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Columns padded to their widest cell (titles cut at 70 characters), control characters
    written as visible escapes."""
    cells = [list(header)] + [[visible(" ".join(str(c).split())[:70]) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        out.write(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            + "\n"
        )


def _summarise_repeats() -> None:
    for handler in log.handlers:
        if isinstance(handler, _LineHandler):
            handler.summarise()


def _print_ingest_summary(report: IngestReport) -> None:
    parts = [
        f"ingested {report.articles_read} articles ({report.new_articles} new, "
        f"{report.seen_again} already stored)"
    ]
    if report.skipped:
        parts.append(f"skipped {report.skipped} input(s) with errors")
    if report.warnings:
        parts.append(f"{report.warnings} warning(s)")
    print("dateline: " + "; ".join(parts), file=sys.stderr)


def _print_build_summary(report: BuildReport) -> None:
    print(
        f"dateline: placed {report.articles_placed} new articles; "
        f"{report.events_changed} events changed, {report.events_total} in all",
        file=sys.stderr,
    )


def _configure_logging(verbose: bool) -> _LineHandler:
    """Ingest problems are logged as they happen, one line each, on stderr."""
    handler = _LineHandler(verbose)
    handler.setFormatter(_OneLineFormatter(verbose))
    log.handlers[:] = [handler]
    log.setLevel(logging.DEBUG if verbose else logging.INFO)
    log.propagate = False
    return handler


class _OneLineFormatter(logging.Formatter):
    """``dateline: MESSAGE`` on one line, whatever the message holds: newlines and control
    characters (from file names, titles, exception messages) are written as visible escapes. An
    exception attached to the record adds ``(Type: message)``; its traceback follows only with
    ``--verbose``."""

    def __init__(self, verbose: bool) -> None:
        super().__init__()
        self.verbose = verbose

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.exc_info is None or record.exc_info[1] is None:
            return f"dateline: {visible(message)}"
        exc = record.exc_info[1]
        line = f"dateline: {visible(f'{message} ({type(exc).__name__}: {exc})')}"
        if self.verbose:
            line += "\n" + self.formatException(record.exc_info).rstrip()
        return line


_RECORD = re.compile(r"(?s)^(?P<path>.*)#\d+: (?P<reason>.*)$")
"""``error: PATH#RECORD: reason``: a problem with one record of a file (``IngestIssue``)."""


class _LineHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes the log to stderr, but shows one problem repeated over the records of one file
    (10,000 empty items of a feed) only ``REPEATS_SHOWN`` times, then summarises the rest in one
    line; ``--verbose`` shows every line. Nothing is lost: every issue is also in the store."""

    def __init__(self, verbose: bool) -> None:
        super().__init__(sys.stderr)
        self.verbose = verbose
        self.seen: dict[str, int] = {}
        self.hidden: dict[str, tuple[str, int]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if not self.verbose and record.levelno >= logging.WARNING:
            message = record.getMessage()
            match = _RECORD.match(message)
            key = f"{match['path']}: {match['reason']}" if match else message
            self.seen[key] = self.seen.get(key, 0) + 1
            if self.seen[key] > REPEATS_SHOWN:
                self.hidden[key] = (
                    "records" if match else "times",
                    self.seen[key] - REPEATS_SHOWN,
                )
                return
        super().emit(record)

    def summarise(self) -> None:
        """One line per repeated problem whose lines were not all shown."""
        for key, (unit, count) in self.hidden.items():
            _error(f"{key} (and {count:,} more {unit} with this problem, not shown; see --verbose)")
        self.hidden.clear()
        self.seen.clear()


if __name__ == "__main__":
    sys.exit(main())
