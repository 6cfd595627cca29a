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
import getpass
import sqlite3
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO, cast

from dateline import __version__, api
from dateline.export import RENDERERS
from dateline.export.safe import visible
from dateline.interfaces import listings
from dateline.interfaces.cli_eval import add_eval
from dateline.interfaces.terminal import (  # the exit codes and REPEATS_SHOWN are re-exported
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT_CLOSED,
    EXIT_SKIPPED,
    EXIT_USAGE,
    REPEATS_SHOWN,
    FileOutput,
    Output,
    OutputClosedError,
    UsageError,
    configure_logging,
    discard_output,
    error_line,
    internal_error,
    summarise_repeats,
)
from dateline.settings import (
    CONFIG_FILE,
    DEFAULT_DB,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_JSON_DEPTH,
    DEFAULT_MAX_TEXT_CHARS,
    ConfigError,
    FieldNames,
    Settings,
    load_settings,
)
from dateline.store import StoreError, overrides
from dateline.store.articles import find_article_ids
from dateline.store.events import find_event_ids
from dateline.timeline.select import TimelineView

if TYPE_CHECKING:  # the pipeline (and its models) is imported only by the commands that run it
    from dateline.pipeline import BuildReport, IngestReport

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT_CLOSED",
    "EXIT_SKIPPED",
    "EXIT_USAGE",
    "REPEATS_SHOWN",
    "build_parser",
    "main",
]

READ_COMMANDS = frozenset(
    {"timeline", "articles", "events", "show", "entities", "stories", "serve"}
)
"""Commands that only read a store: they never create one."""


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Run one dateline command; returns the exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(benchmarks="eval" in words)
    args = parser.parse_args(words)
    target = stdout or sys.stdout
    out = cast(TextIO, Output(target))
    verbose = bool(getattr(args, "verbose", False))
    handler = configure_logging(verbose)
    try:
        code = _dispatch(args, stdin, out)
        out.flush()
    except OutputClosedError:
        discard_output(target)
        return EXIT_OUTPUT_CLOSED
    except UsageError as exc:
        error_line(f"error: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        error_line("interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: one line, the traceback only when asked for
        internal_error(exc, verbose)
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


def build_parser(benchmarks: bool = True) -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per verb (``eval`` without its benchmarks,
    which import the whole pipeline, unless ``benchmarks``)."""
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
    _add_serve(commands)
    _add_edit(commands)
    add_eval(commands, benchmarks)
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
    group.add_argument(
        "--max-text-chars",
        type=int,
        metavar="N",
        help=f"skip articles whose text is longer (default {DEFAULT_MAX_TEXT_CHARS})",
    )
    group.add_argument(
        "--max-json-depth",
        type=int,
        metavar="N",
        help=f"skip JSON records nested deeper (default {DEFAULT_MAX_JSON_DEPTH})",
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
    _scheduler_option(parser)
    _common(parser)
    parser.set_defaults(handler=_cmd_ingest)


def _build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--skip",
        metavar="STAGES",
        help="comma-separated optional stages to leave for a later build: entities, provenance, "
        "dense (building with dense vectors later regroups every event)",
    )
    _scheduler_option(parser)


def _scheduler_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the per-article stages on this Dask cluster (tcp://host:8786; the store stays "
        "here; see docs/DEPLOY.md)",
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
    parser.set_defaults(
        handler=listings.cmd_articles if name == "articles" else listings.cmd_events
    )


def _add_entities(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "entities", help="list entities: name, kind, mentions, articles, other names"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--kind", help="only this kind (person, organisation, place, country, ...)")
    parser.add_argument("--limit", type=int, default=50, help="table rows (default 50)")
    _common(parser)
    parser.set_defaults(handler=listings.cmd_entities)


def _add_stories(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "stories", help="list stories: id, first and last day, events, articles, title"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    _common(parser)
    parser.set_defaults(handler=listings.cmd_stories)


def _add_show(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("show", help="one article or event, in detail")
    parser.add_argument("id", metavar="ID", help="an article or event id (or a unique prefix)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    _common(parser)
    parser.set_defaults(handler=listings.cmd_show)


def _add_serve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("serve", help="browse the store in a local web app")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; others warn)"
    )
    parser.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    parser.add_argument("--read-only", action="store_true", help="disable edits")
    _common(parser)
    parser.set_defaults(handler=_cmd_serve)


def _cmd_serve(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    from dateline.interfaces.web.serve import serve  # noqa: PLC0415 - web stack only here

    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be 1-65535, got {args.port}")
    conn.close()  # the app opens its own connections, one per request
    serve(args.settings, args.host, args.port, read_only=args.read_only)
    return EXIT_OK


_EDITS = {
    "retitle": ("retitle-event", "EVENT TITLE", "give an event a title of your own"),
    "merge": ("merge-events", "EVENT OTHER", "merge the event OTHER into EVENT"),
    "move-out": ("move-article", "ARTICLE", "move an article out of its event"),
    "hide": ("hide-article", "ARTICLE", "hide an article from the events and timeline"),
    "speaker": ("fix-speaker", "ARTICLE START NAME", "name the speaker of the quote at START"),
    "merge-entities": ("merge-entities", "NAME OTHER", "make the entities NAME and OTHER one"),
    "split-entity": ("split-entity", "NAME", "make the mentions resolved to NAME one entity"),
}
"""``dateline edit`` actions: the override kind each records, its arguments, its help."""


def _add_edit(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "edit", help="corrections that every later build keeps: list, add, undo"
    )
    parser.add_argument(
        "action", choices=["list", *_EDITS, "undo"], help="what to do (list: every correction)"
    )
    parser.add_argument(
        "args",
        nargs="*",
        metavar="ARG",
        help="; ".join(f"{name} {usage}" for name, (_, usage, _h) in _EDITS.items())
        + "; undo NUMBER",
    )
    parser.add_argument("--who", help="who makes the correction (default: the login name)")
    _common(parser)
    parser.set_defaults(handler=_cmd_edit)


def _cmd_edit(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    who = args.who or _login_name()
    try:
        if args.action == "list":
            for item in api.corrections(conn):
                state = f"undone by {item.undone_by}" if item.undone_at else "active"
                line = f"{item.id}\t{item.at}\t{item.who}\t{state}\t{item.describe()}"
                out.write(visible(line, keep_lines=True) + "\n")
            return EXIT_OK
        if args.action == "undo":
            number = _int_arg(args.args, "undo NUMBER")
            undone = api.undo(conn, number, who)
            print(f"dateline: undone: {visible(undone.describe())}", file=sys.stderr)
            api.refresh_summary(conn)
            return EXIT_OK
        kind, target, value = _edit_record(conn, args.action, args.args)
        made = api.correct(conn, kind, target, value, who)
    except overrides.OverrideError as exc:
        raise UsageError(str(exc)) from exc
    print(f"dateline: correction {made.id}: {visible(made.describe())}", file=sys.stderr)
    api.refresh_summary(conn)  # the kept summary, so `serve` shows it at once
    return EXIT_OK


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment
        return "unknown"


def _edit_record(
    conn: sqlite3.Connection, action: str, given: list[str]
) -> tuple[str, str, dict[str, object]]:
    kind, usage, _ = _EDITS[action]
    if len(given) != len(usage.split()):
        raise UsageError(f"edit {action} takes {usage}")
    if action == "retitle":
        return kind, _event_anchor(conn, given[0]), {"title": given[1]}
    if action == "merge":
        return kind, _event_anchor(conn, given[0]), {"other": _event_anchor(conn, given[1])}
    if action == "merge-entities":
        return kind, given[0], {"other": given[1]}
    if action == "split-entity":
        return kind, given[0], {}
    article = _one_id(find_article_ids(conn, given[0]), "article", given[0])
    if action == "speaker":
        return kind, article, {"start": _int_arg(given[1:2], "START"), "speaker": given[2]}
    return kind, article, {}


def _event_anchor(conn: sqlite3.Connection, wanted: str) -> str:
    return overrides.event_anchor(conn, _one_id(find_event_ids(conn, wanted), "event", wanted))


def _one_id(found: list[str], what: str, wanted: str) -> str:
    exact = [i for i in found if i == wanted]
    found = exact or found
    if len(found) != 1:
        problem = "no" if not found else f"{len(found)} ids match, an ambiguous"
        raise UsageError(f"{problem} {what} with id {wanted!r}")
    return found[0]


def _int_arg(given: list[str], usage: str) -> int:
    if len(given) != 1 or not given[0].isdigit():
        raise UsageError(f"expected {usage} as a number")
    return int(given[0])


def _settings(args: argparse.Namespace) -> Settings:
    """The command's settings: its flags over the config file over the defaults."""
    limits: dict[str, int | None] = {name: getattr(args, name, None) for name in _LIMIT_FLAGS}
    for name, value in limits.items():
        if value is not None and value <= 0:
            flag = "--" + name.replace("_", "-")
            raise UsageError(f"{flag} must be positive, got {value}")
    names = {name: getattr(args, f"{name}_field", None) for name in _FIELD_FLAGS}
    skip = getattr(args, "skip", None)
    stages = tuple(n.strip() for n in skip.split(",") if n.strip()) if skip is not None else None
    try:
        return load_settings(
            args.config,
            db_path=args.db,
            max_bytes=limits["max_bytes"],
            max_text_chars=limits["max_text_chars"],
            max_json_depth=limits["max_json_depth"],
            fields=FieldNames(**names) if any(names.values()) else None,
            progress=_show_progress(args),
            skip=stages,
            scheduler=getattr(args, "scheduler", None),
        )
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc


_FIELD_FLAGS = ("text", "title", "date", "url", "outlet")
_LIMIT_FLAGS = ("max_bytes", "max_text_chars", "max_json_depth")


def _show_progress(args: argparse.Namespace) -> bool:
    return bool(args.progress) or sys.stderr.isatty()


def _cmd_ingest(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    from dateline.parallel import SchedulerError  # noqa: PLC0415 - loaded with the pipeline

    try:
        report = api.ingest(conn, args.inputs, args.settings, stdin=stdin)
    except SchedulerError as exc:
        raise UsageError(str(exc)) from exc
    summarise_repeats()
    _print_ingest_summary(report)
    return EXIT_SKIPPED if report.skipped else EXIT_OK


def _cmd_build(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    from dateline.parallel import SchedulerError  # noqa: PLC0415 - loaded with the pipeline

    settings = args.settings
    try:
        report = api.build(
            conn, settings.skip, settings.workers, settings.events, scheduler=settings.scheduler
        )
    except SchedulerError as exc:
        raise UsageError(str(exc)) from exc
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
    view = _view(args, conn)
    if not args.out:
        api.write_timeline(conn, out, args.format, view)
        return EXIT_OK
    with FileOutput(args.out) as handle:  # a file that cannot be written is a usage error
        api.write_timeline(conn, cast(TextIO, handle), args.format, view)
    return EXIT_OK


def _print_ingest_summary(report: IngestReport) -> None:
    parts = [
        f"ingested {report.articles_read} articles ({report.new_articles} new, "
        f"{report.seen_again} already stored)"
    ]
    if report.skipped:
        parts.append(f"skipped {report.skipped} input(s) with errors")
    if report.warnings:
        parts.append(f"{report.warnings} warning(s)")
    if report.other_languages:
        counts = ", ".join(f"{code} {n}" for code, n in report.other_languages.most_common())
        parts.append(f"left out {report.other_languages.total()} in other languages ({counts})")
    print("dateline: " + "; ".join(parts), file=sys.stderr)


def _print_build_summary(report: BuildReport) -> None:
    for line in report.summary_lines():
        print(f"dateline: {line}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
