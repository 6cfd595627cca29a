"""What the listing commands and ``show`` print: tables, JSON, and a readable view of one item.

Every string that comes from an article or a file (titles, outlets, paths) is printed through
``dateline.export.safe.visible``, so control characters appear as escapes.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections.abc import Sequence
from typing import BinaryIO, TextIO

from dateline import api
from dateline.export import JsonDict
from dateline.export.safe import dumps, visible
from dateline.interfaces.terminal import EXIT_OK, UsageError


def cmd_articles(
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


def cmd_events(
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


def cmd_stories(
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


def cmd_entities(
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


def cmd_show(
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
