"""The command line: parses, calls the API, prints. No pipeline logic lives here.

Exit codes: 0 success; 1 when some inputs were skipped (the summary says how many); 2 on usage
errors or a store that cannot be opened.
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO

from dateline import __version__, api
from dateline.cli_eval import add_eval
from dateline.export import RENDERERS, JsonDict
from dateline.pipeline import BuildReport, IngestReport
from dateline.settings import DEFAULT_DB, DEFAULT_MAX_BYTES, FieldNames, Settings
from dateline.store import StoreError
from dateline.timeline import TimelineView

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2
log = logging.getLogger("dateline")


class UsageError(Exception):
    """A mistake in how dateline was called; exits with code 2."""


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Run one dateline command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    out = stdout or sys.stdout
    _configure_logging(getattr(args, "verbose", False))
    if args.command == "eval":
        return int(args.handler(args, out))
    try:
        conn = api.open_store(args.db)
    except StoreError as exc:
        print(f"dateline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.handler(args, conn, stdin, out))
    except UsageError as exc:
        print(f"dateline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        conn.close()


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
    group.add_argument("--db", default=DEFAULT_DB, help=f"the store file (default ./{DEFAULT_DB})")
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
        default=DEFAULT_MAX_BYTES,
        help=f"skip inputs larger than this (default {DEFAULT_MAX_BYTES})",
    )
    for name in ("text", "title", "date", "url", "outlet"):
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
        default="",
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
    if args.max_bytes <= 0:
        raise UsageError(f"--max-bytes must be positive, got {args.max_bytes}")
    fields = FieldNames(
        text=args.text_field,
        title=args.title_field,
        date=args.date_field,
        url=args.url_field,
        outlet=args.outlet_field,
    )
    return Settings(
        db_path=args.db, max_bytes=args.max_bytes, fields=fields, progress=_show_progress(args)
    )


def _show_progress(args: argparse.Namespace) -> bool:
    return bool(args.progress) or sys.stderr.isatty()


def _cmd_ingest(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    report = api.ingest(conn, args.inputs, _settings(args), stdin=stdin)
    _print_ingest_summary(report)
    return EXIT_SKIPPED if report.skipped else EXIT_OK


def _cmd_build(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    skip = [name.strip() for name in args.skip.split(",") if name.strip()]
    try:
        report = api.build(conn, skip)
    except ValueError as exc:
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
    rendered = RENDERERS[args.format](api.timeline_document(conn, _view(args, conn)))
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
        out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
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
        out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
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
        out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
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
        out.write(json.dumps(listing, indent=2, ensure_ascii=False) + "\n")
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
        out.write(
            f"contradiction: {c['person']} is {c['role_a']!r} in {len(c['article_ids_a'])} "
            f"article(s) but {c['role_b']!r} in {len(c['article_ids_b'])}\n"
        )
    return EXIT_OK


def _cmd_show(
    args: argparse.Namespace, conn: sqlite3.Connection, stdin: BinaryIO | None, out: TextIO
) -> int:
    try:
        detail = api.show(conn, args.id)
    except LookupError as exc:
        raise UsageError(str(exc)) from exc
    if args.format == "json":
        out.write(json.dumps(detail, indent=2, ensure_ascii=False) + "\n")
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
        lines += ["", detail["text"], "", f"removed lines ({len(detail['removed'])}):"]
        lines += [f"  [{r['reason']}] {r['text']}" for r in detail["removed"]]
    else:
        lines += ["", "articles:"]
        lines += [
            f"  {a['id']}  {a['published'] or '-'}  {a['outlet'] or '-'}  "
            f"{a['title'] or a['path']}  (similarity {a['similarity']})"
            for a in detail["articles"]
        ]
    return "\n".join(lines) + "\n"


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
        return json.dumps(value, ensure_ascii=False)
    return "-" if value is None else str(value)


def _write_table(out: TextIO, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Columns padded to their widest cell (titles cut at 70 characters)."""
    cells = [list(header)] + [[" ".join(str(c).split())[:70] for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        out.write(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            + "\n"
        )


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


def _configure_logging(verbose: bool) -> None:
    """Ingest problems are logged as they happen, one line each, on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("dateline: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(logging.DEBUG if verbose else logging.INFO)
    log.propagate = False


if __name__ == "__main__":
    sys.exit(main())
