"""Exit codes a script can rely on, one-line errors, no traceback unless asked, no empty store
made by a typo, and a quiet stop when the reader of the output goes away (``| head``)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dateline import api
from dateline.interfaces import cli, listings
from dateline.interfaces.cli import main
from tests.interfaces.conftest import ROOT

GOOD = (
    "Dam spills, town evacuated\n4 March 2025\n\nFloodwater spilled over the Karsk Dam on the "
    "Mirel River early on Tuesday, forcing the evacuation of 1,200 residents of Lowmarsh, "
    "regional officials said.\n"
)
READS = [
    ["timeline"],
    ["timeline", "--format", "json"],
    ["articles"],
    ["events"],
    ["show", "ev0123"],
    ["entities"],
    ["stories"],
]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(args, stdout=out)
    captured = capsys.readouterr()
    return code, out.getvalue(), captured.err


@pytest.mark.parametrize("args", READS, ids=lambda a: "-".join(a))
def test_a_read_command_never_creates_a_store(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo.db"
    code, out, err = _run([*args, "--db", str(missing)], capsys)
    assert code == cli.EXIT_USAGE
    assert err == f"dateline: error: no store at {missing} (run 'dateline ingest' first)\n"
    assert not out
    assert list(tmp_path.iterdir()) == [], "nothing created: no store, no -wal, no -shm"


def test_ingest_and_run_create_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GOOD)
    assert _run(["ingest", str(article), "--db", str(tmp_path / "i.db")], capsys)[0] == 0
    assert (tmp_path / "i.db").exists()
    code, out, _ = _run(["run", str(article), "--db", str(tmp_path / "r.db")], capsys)
    assert code == 0 and "Karsk Dam" in out
    assert _run(["articles", "--db", str(tmp_path / "r.db")], capsys)[0] == 0


def test_skipped_inputs_exit_1_usage_errors_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_text("")
    db = str(tmp_path / "t.db")
    code, _, err = _run(["ingest", str(tmp_path / "a.txt"), "--db", db], capsys)
    assert code == cli.EXIT_OK
    code, _, err = _run(["ingest", str(tmp_path), "--db", db], capsys)
    assert code == cli.EXIT_SKIPPED and "empty.txt: empty file" in err
    code, _, err = _run(["timeline", "--db", db, "--from", "March"], capsys)
    assert code == cli.EXIT_USAGE and err.count("\n") == 1
    with pytest.raises(SystemExit) as exit_info:
        main(["timeline", "--format", "pdf"])
    assert exit_info.value.code == cli.EXIT_USAGE


def _raise(message: str, kind: type[BaseException] = RuntimeError) -> object:
    def fail(*args: object, **kwargs: object) -> object:
        raise kind(message)

    return fail


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (["articles"], (listings, "cmd_articles")),
        (["timeline", "--format", "html"], (cli, "_cmd_timeline")),
        (["show", "x"], (listings, "cmd_show")),
    ],
)
def test_an_internal_error_is_one_line_and_exits_3(
    command: list[str],
    target: tuple[object, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(tmp_path / "t.db")
    api.open_store(db).close()
    monkeypatch.setattr(*target, _raise("boom\nsecond line \x1b[2J"))
    code, out, err = _run([*command, "--db", db], capsys)
    assert code == cli.EXIT_INTERNAL
    assert err == (
        "dateline: internal error: RuntimeError: boom\\nsecond line \\x1b[2J "
        "(run with --verbose for the traceback)\n"
    )
    code, out, err = _run([*command, "--db", db, "--verbose"], capsys)
    assert code == cli.EXIT_INTERNAL
    assert err.startswith("Traceback (most recent call last):") and "in fail" in err
    assert (
        err.splitlines()[-1]
        == "dateline: internal error: RuntimeError: boom\\nsecond line \\x1b[2J"
    )


def test_a_crash_during_ingest_is_not_mistaken_for_skipped_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    monkeypatch.setattr(api, "ingest", _raise("disk on fire", OSError))
    code, _, err = _run(["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "t.db")], capsys)
    assert code == cli.EXIT_INTERNAL != cli.EXIT_SKIPPED
    assert (
        err.startswith("dateline: internal error: OSError: disk on fire") and "Traceback" not in err
    )


def test_a_broken_pipe_that_is_not_stdout_is_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "t.db")
    api.open_store(db).close()
    monkeypatch.setattr(listings, "cmd_events", _raise("worker pipe", BrokenPipeError))
    code, _, err = _run(["events", "--db", db], capsys)
    assert code == cli.EXIT_INTERNAL and "BrokenPipeError: worker pipe" in err


def test_interrupt_exits_130_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "t.db")
    api.open_store(db).close()
    monkeypatch.setattr(listings, "cmd_stories", _raise("", KeyboardInterrupt))
    code, _, err = _run(["stories", "--db", db], capsys)
    assert code == cli.EXIT_INTERRUPTED and err == "dateline: interrupted\n"


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_stdout_stops_quietly_in_process(
    demo_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["articles", "--db", str(demo_store)], stdout=_ClosedPipe())
    assert code == cli.EXIT_OUTPUT_CLOSED
    assert capsys.readouterr().err == ""


def _dateline(*args: str) -> list[str]:
    return [sys.executable, "-m", "dateline.interfaces.cli", *args]


def test_articles_into_a_closed_pipe_exits_141_without_traceback(demo_store: Path) -> None:
    """``dateline articles | head -1``: the reader goes away before dateline is done. Here the
    read end is closed before dateline starts, so the EPIPE is certain (with a real ``head`` it
    depends on timing and on the pipe's size)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            _dateline("articles", "--db", str(demo_store)),
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.stderr.decode() == ""
    assert done.returncode == cli.EXIT_OUTPUT_CLOSED


def test_stdout_gets_the_whole_output(demo_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without ``stdout=``, main writes to sys.stdout (through the closed-pipe guard), in full."""
    assert main(["events", "--format", "json", "--db", str(demo_store)]) == 0
    printed = json.loads(capsys.readouterr().out)
    conn = api.open_store(str(demo_store))
    try:
        events = api.timeline_document(conn)["events"]
    finally:
        conn.close()
    assert [e["id"] for e in printed] == [e["id"] for e in events]
