"""What the CLI prints on a terminal: no raw control sequence from a title, outlet or file name,
one line per error whatever the file is called, and one problem repeated over thousands of
records summarised instead of printed thousands of times."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from dateline import api
from dateline.interfaces import cli, terminal
from dateline.interfaces.cli import main
from tests.interfaces.conftest import LEAD

RAW_CONTROLS = "".join(chr(c) for c in [*range(9), *range(11, 32), *range(127, 160)])
RAW_CONTROLS += "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
"""Never printed raw: C0 (but tab and newline), DEL, C1, bidi overrides, line separators."""


def _raw(text: str) -> set[str]:
    return {char for char in text if char in RAW_CONTROLS}


def _call(args: list[str]) -> str:
    out = io.StringIO()
    assert main(args, stdout=out) == 0, args
    return out.getvalue()


def _ids(db: Path) -> tuple[list[str], list[str]]:
    conn = api.open_store(str(db))
    try:
        document = api.timeline_document(conn)
    finally:
        conn.close()
    return [a["id"] for a in document["articles"]], [e["id"] for e in document["events"]]


@pytest.mark.parametrize("command", ["articles", "events", "entities", "stories"])
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_listings_print_no_raw_control_characters(
    command: str, fmt: str, hostile_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = _call([command, "--db", str(hostile_store), "--format", fmt])
    assert not _raw(printed), f"raw {_raw(printed)!r} in {command} --format {fmt}"
    assert not _raw(capsys.readouterr().err)
    if fmt == "json":
        json.loads(printed)
    if command == "articles" and fmt == "table":
        listed = _call(["articles", "--db", str(hostile_store), "--format", "json"])
        if any("\x1b" in (a["title"] or "") for a in json.loads(listed)):  # kept by ingest
            assert "\\x1b[31mred" in printed and "\\x9b2J" in printed, "shown, as escapes"


def test_show_prints_no_raw_control_characters(hostile_store: Path) -> None:
    articles, events = _ids(hostile_store)
    for item in [*articles, *events]:
        for fmt in ("text", "json"):
            printed = _call(["show", item, "--db", str(hostile_store), "--format", fmt])
            assert not _raw(printed), f"raw {_raw(printed)!r} in show {item} --format {fmt}"
    hostile_names = [
        a
        for a in articles
        if "\\x1b[2J"
        in _call(["show", a, "--db", str(hostile_store)]).split("\n  path: ", 1)[1].split("\n")[0]
    ]
    assert hostile_names, "the file name with an escape sequence is shown, escaped"


def test_show_keeps_the_article_text_lines(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(f"Dam spills\n4 March 2025\n\n{LEAD}\n\nSecond paragraph, \x1b[2J here.\n")
    db = str(tmp_path / "t.db")
    assert main(["ingest", str(article), "--db", db], stdout=io.StringIO()) in {0, 1}
    [article_id], _ = _ids(Path(db))
    printed = _call(["show", article_id, "--db", db])
    assert f"{LEAD}\n\nSecond paragraph," in printed, "the text keeps its lines"
    assert not _raw(printed)


def test_an_error_about_any_file_name_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad\nname \x1b[2J\x9b31m.txt").write_text("")
    (corpus / "ok\rfile\u202e.txt").write_text("")
    code = main(["ingest", str(corpus), "--db", str(tmp_path / "t.db")], stdout=io.StringIO())
    err = capsys.readouterr().err
    assert code == cli.EXIT_SKIPPED
    lines = err.splitlines()
    assert all(line.startswith("dateline: ") for line in lines), err
    assert len(lines) == 3, err  # two errors and the summary
    assert not _raw(err)
    assert any("bad\\nname \\x1b[2J\\x9b31m.txt: empty file" in line for line in lines), err
    assert any("ok\\rfile\\u202e.txt: empty file" in line for line in lines), err


def test_a_logged_exception_is_one_line_unless_verbose(capsys: pytest.CaptureFixture[str]) -> None:
    stage = logging.getLogger("dateline.pipeline")
    for verbose in (False, True):
        terminal.configure_logging(verbose)
        try:
            raise ValueError("bad\nvalue")
        except ValueError:
            stage.warning("entity stage failed on one article", exc_info=True)
        err = capsys.readouterr().err
        first = "dateline: entity stage failed on one article (ValueError: bad\\nvalue)"
        if verbose:
            assert err.startswith(first + "\nTraceback (most recent call last):")
        else:
            assert err == first + "\n"


def test_one_problem_over_many_records_is_summarised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file of 2,000 records without text, and a feed of 1,000 empty items: a few lines each
    and one summary line, not 3,000 lines; --verbose shows them all."""
    jsonl = tmp_path / "notext.jsonl"
    jsonl.write_text("".join(json.dumps({"title": f"t{i}"}) + "\n" for i in range(2000)))
    items = "".join("<item><title></title><description></description></item>" for _ in range(1000))
    feed = tmp_path / "empty.xml"
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    )
    db = str(tmp_path / "t.db")
    code = main(["ingest", str(jsonl), str(feed), "--db", db], stdout=io.StringIO())
    err = capsys.readouterr().err
    assert code == cli.EXIT_SKIPPED
    lines = err.splitlines()
    assert len(lines) <= 2 * (cli.REPEATS_SHOWN + 1) + 1, err
    notext = [line for line in lines if "notext.jsonl" in line]
    assert len(notext) == cli.REPEATS_SHOWN + 1
    assert "notext.jsonl: record has no text" in notext[-1]
    assert f"{2000 - cli.REPEATS_SHOWN:,} more records" in notext[-1]
    assert lines[-1].startswith("dateline: ingested 0 articles")
    code = main(["ingest", str(jsonl), "--db", db, "--verbose"], stdout=io.StringIO())
    err = capsys.readouterr().err
    assert sum("notext.jsonl#" in line for line in err.splitlines()) == 2000
