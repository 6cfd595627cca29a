"""Every command of the README's "Use" section runs on the demo corpus, in every format.

The commands are read from the README itself (the first fenced block under "## Use", and the
Python block), so a README edit is tested as soon as it is made. Each command runs through
``dateline.interfaces.cli.main`` in a fresh directory holding a copy of the demo store as
``news.db``:
``NEWS_DIR`` is the demo corpus, ``more.jsonl`` a one-article file written here, and
``EVENT_OR_ARTICLE_ID`` a real event id and a real article id of the store. Timeline commands
run in each ``--format`` (markdown, json, html, timelinejs), listings as a table and as JSON.
"""

from __future__ import annotations

import io
import json
import re
import shlex
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from dateline import api
from dateline.export import RENDERERS
from dateline.interfaces import cli
from dateline.interfaces.cli import main
from tests.interfaces.conftest import DEMO, ROOT, copy_store

README = ROOT / "README.md"
TIMELINE_FORMATS = sorted(RENDERERS)
LISTING_FORMATS = ("table", "json")
MORE = {
    "title": "Ministers agree on a joint gauge network for the Mirel",
    "text": "Veldoria and Ostrand agreed on Monday in Carrow to share river gauge data every "
    "hour, the River Basin Commission said. Anna Kovac called the deal a first step towards "
    "trust after the truce, and said sanctions would be reviewed.",
    "date": "2025-05-19",
    "outlet": "Valley Courier",
}


def _use_section() -> str:
    text = README.read_text(encoding="utf-8")
    assert "\n## Use\n" in text, "README has no '## Use' section"
    return text.split("\n## Use\n", 1)[1].split("\n## ", 1)[0]


def readme_command_lines() -> list[str]:
    """The shell lines of the first fenced block of the Use section."""
    block = re.search(r"^```[^\n]*\n(.*?)^```", _use_section(), re.S | re.M)
    assert block, "no fenced block under '## Use'"
    return [line for line in block.group(1).splitlines() if line.strip()]


def readme_python() -> str:
    """The README's Python snippet."""
    block = re.search(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), re.S | re.M)
    assert block, "no ```python block in the README"
    return block.group(1)


@dataclass(frozen=True)
class Command:
    """One dateline invocation of a README line: its arguments and where its output goes."""

    argv: tuple[str, ...]
    redirect: str | None = None

    @property
    def verb(self) -> str:
        return self.argv[0]

    def option(self, name: str) -> str | None:
        if name in self.argv:
            return self.argv[self.argv.index(name) + 1]
        return None

    def with_format(self, fmt: str) -> Command:
        argv = list(self.argv)
        if "--format" in argv:
            argv[argv.index("--format") + 1] = fmt
        else:
            argv += ["--format", fmt]
        return Command(tuple(argv), self.redirect)


def parse_line(line: str) -> list[list[Command]]:
    """The variants of one README line (an optional ``[...]`` part gives two), each a list of
    commands joined by ``&&``."""
    tokens = shlex.split(line, comments=True)
    optional = [i for i, token in enumerate(tokens) if token.startswith("[")]
    if optional:
        start = optional[0]
        end = next(i for i in range(start, len(tokens)) if tokens[i].endswith("]"))
        inner = [t.strip("[]") for t in tokens[start : end + 1]]
        variants = [tokens[:start] + tokens[end + 1 :], tokens[:start] + inner + tokens[end + 1 :]]
    else:
        variants = [tokens]
    parsed = []
    for variant in variants:
        commands, current = [], list[str]()
        for token in [*variant, "&&"]:
            if token != "&&":
                current.append(token)
                continue
            assert current[0] == "dateline", f"not a dateline command: {line}"
            redirect = None
            if ">" in current:
                at = current.index(">")
                redirect, current = current[at + 1], current[:at]
            commands.append(Command(tuple(current[1:]), redirect))
            current = []
        parsed.append(commands)
    return parsed


def _cases() -> list[Any]:
    """(line, variant, format) for every README line: timelines in every format, listings as a
    table and as JSON, show (its own variants) for an event and for an article."""
    cases = []
    for number, line in enumerate(readme_command_lines(), 1):
        for variant, commands in enumerate(parse_line(line)):
            verb = commands[-1].verb
            if verb in {"run", "timeline"}:
                formats: tuple[str | None, ...] = tuple(TIMELINE_FORMATS)
            elif verb in {"articles", "events", "entities", "stories"}:
                formats = LISTING_FORMATS
            else:
                formats = (None,)
            targets = ("event", "article") if verb == "show" else (None,)
            for fmt in formats:
                for target in targets:
                    label = "-".join(str(p) for p in (number, verb, variant, fmt, target) if p)
                    cases.append(pytest.param(line, variant, fmt, target, id=label))
    return cases


def test_the_readme_lists_the_commands_users_need() -> None:
    verbs = {c.verb for line in readme_command_lines() for v in parse_line(line) for c in v}
    assert {"run", "ingest", "build", "timeline", "articles", "events", "show"} <= verbs


def test_the_readme_documents_every_exit_code() -> None:
    [line] = [row for row in _use_section().splitlines() if row.startswith("Exit codes:")]
    codes = (cli.EXIT_OK, cli.EXIT_SKIPPED, cli.EXIT_USAGE, cli.EXIT_INTERNAL)
    for code in (*codes, cli.EXIT_INTERRUPTED, cli.EXIT_OUTPUT_CLOSED):
        assert re.search(rf"\b{code} ", line), f"exit code {code} is not in: {line}"


@pytest.fixture
def workdir(demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A directory like the README's: news.db (a copy of the demo store) and more.jsonl."""
    copy_store(demo_store, tmp_path / "news.db")
    (tmp_path / "more.jsonl").write_text(json.dumps(MORE) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    conn = api.open_store("news.db")
    try:
        document = api.timeline_document(conn)
    finally:
        conn.close()
    return {"event": document["events"][0]["id"], "article": document["articles"][0]["id"]}


def _substitute(argv: tuple[str, ...], ids: dict[str, str], target: str | None) -> list[str]:
    placeholders = {"NEWS_DIR": str(DEMO), "EVENT_OR_ARTICLE_ID": ids[target] if target else ""}
    out = []
    for token in argv:
        substituted = token
        for name, value in placeholders.items():
            substituted = substituted.replace(name, value)
        out.append(substituted)
    return out


@pytest.mark.parametrize(("line", "variant", "fmt", "target"), _cases())
def test_readme_command_runs_on_the_demo(
    line: str,
    variant: int,
    fmt: str | None,
    target: str | None,
    workdir: dict[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    for written_command in parse_line(line)[variant]:
        command = written_command
        if fmt is not None and command.verb in {"run", "timeline", "articles", "events"}:
            command = command.with_format(fmt)
        out = io.StringIO()
        code = main(_substitute(command.argv, workdir, target), stdout=out)
        err = capsys.readouterr().err
        assert code == 0, f"{line!r} exited {code}:\n{err}"
        assert "Traceback" not in err and "internal error" not in err
        text = out.getvalue()
        if command.redirect:
            Path(command.redirect).write_text(text, encoding="utf-8")
        written = command.option("--out")
        if written:
            assert not text, "--out writes the file, not standard output"
            text = Path(written).read_text(encoding="utf-8")
        if command.verb in {"ingest", "build"}:
            assert err.startswith("dateline: "), err
            continue
        check_output(command.verb, command.option("--format") or default_format(command), text)
    if target is not None:
        assert workdir[target] in text


def default_format(command: Command) -> str:
    return {"show": "text", "articles": "table", "events": "table"}.get(command.verb, "markdown")


def check_output(verb: str, fmt: str, text: str) -> None:
    """Non-empty and well formed for its format; a timeline has entries, each source listed."""
    assert text.strip(), f"{verb} --format {fmt} printed nothing"
    assert text.endswith("\n")
    if fmt == "json" and verb in {"run", "timeline"}:
        document = json.loads(text)
        assert document["timeline"], "the README's example gives an empty timeline"
        assert_cites_only_listed_articles(document)
    elif fmt in {"json", "timelinejs"}:
        parsed = json.loads(text)
        if fmt == "timelinejs":
            assert parsed["events"] and all(e["start_date"]["year"] for e in parsed["events"])
    elif fmt == "html":
        check_html_page(text)
    elif fmt == "markdown":
        assert text.startswith("# Timeline\n")
        assert "Sources" in text
    elif fmt == "table":
        assert text.splitlines()[0].split()[0] == "id" and len(text.splitlines()) > 1
    elif fmt == "text":
        assert text.split()[0] in {"article", "event"}


class Tags(HTMLParser):
    """The start tags of a page, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def check_html_page(page: str, *, fragment: bool = False) -> None:
    """A self-contained page (or a TimelineJS fragment): only the tags the exports write, no
    event handler, links only to web URLs."""
    if not fragment:
        assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    parser = Tags()
    parser.feed(page)
    parser.close()
    allowed = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "section"}
    allowed |= {"div", "a", "code", "blockquote"}
    if fragment:
        allowed = {"p", "ul", "li", "a"}
    for tag, attrs in parser.tags:
        assert tag in allowed, f"unexpected <{tag}>"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name} on <{tag}>"
            if name in {"href", "src", "action"}:
                assert (value or "").startswith(("https://", "http://")), value


def assert_cites_only_listed_articles(document: dict[str, Any]) -> None:
    """The contract: every article id an event, entry, sentence or quote cites is listed."""
    listed = {a["id"] for a in document["articles"]}
    events = {e["id"] for e in document["events"]}
    for event in document["events"]:
        assert set(event["article_ids"]) <= listed
        for quote in event.get("quotes", []):
            assert set(quote["article_ids"]) <= listed
    for entry in document["timeline"]:
        assert entry["event_id"] in events
        assert set(entry["article_ids"]) <= listed
        for sentence in entry["sentences"]:
            assert set(sentence["article_ids"]) <= listed
        for quote in entry.get("quotes", []):
            assert set(quote["article_ids"]) <= listed


def test_readme_python_snippet_runs(demo_store: Path, tmp_path: Path) -> None:
    code = readme_python()
    assert '"news.db"' in code and '"news/"' in code, "the test substitutes these two paths"
    db = copy_store(demo_store, tmp_path / "news.db")
    code = code.replace('"news.db"', repr(str(db))).replace('"news/"', repr(str(DEMO)))
    namespace: dict[str, Any] = {}
    exec(compile(code, str(README), "exec"), namespace)
    try:
        document, summary = namespace["document"], namespace["summary"]
        assert document["timeline"] and set(document) >= {"articles", "events", "timeline"}
        assert 0 < len(summary["timeline"]) <= 5
        assert all(entry["sentences"] for entry in summary["timeline"])
        assert_cites_only_listed_articles(document)
        assert_cites_only_listed_articles(summary)
    finally:
        namespace["conn"].close()
