"""Bad input: one clear line per problem naming the file, the run goes on, nothing is lost."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from dateline.interfaces.cli import main
from tests.ingest.test_readers import PAGE, PARAGRAPH, make_warc

GOOD = f"Gauge data deal\n18 March 2025\n\n{PARAGRAPH}\n"


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args, stdout=io.StringIO())
    return code, capsys.readouterr().err


def _bad_corpus(root: Path) -> None:
    root.mkdir()
    (root / "good.txt").write_text(GOOD)
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (root / "latin.txt").write_bytes(bytes(range(128, 256)) * 3)
    (root / "empty.txt").write_text("")
    (root / "cut.json").write_text('[{"title": "A", "text": "' + PARAGRAPH[:40])
    (root / "lines.jsonl").write_text(
        json.dumps({"title": "B", "text": PARAGRAPH.replace("six", "four")})
        + "\n"
        + json.dumps({"title": "C", "summary_only": "no text here"})
        + '\n{"title": "D", "text": "cut off'
    )
    (root / "nothing.html").write_text("<html><body><nav>Home</nav>")
    (root / "huge.txt").write_text(PARAGRAPH * 40)
    warc = make_warc(
        [("https://a.example/1", PAGE), ("https://a.example/2", PAGE.replace("six", "ten"))]
    )
    (root / "cut.warc.gz").write_bytes(warc[: len(warc) - 300])
    (root / "loop").symlink_to(root)


def test_every_bad_input_is_reported_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    _bad_corpus(corpus)
    db = str(tmp_path / "t.db")
    code, err = _run(["ingest", str(corpus), "--db", db, "--max-bytes", "3000"], capsys)
    assert code == 1
    expected = {
        "image.txt": "binary file",
        "latin.txt": "undecodable bytes",
        "empty.txt": "empty file",
        "cut.json": "invalid or truncated JSON",
        "lines.jsonl#2": "record has no text",
        "lines.jsonl#3": "invalid JSON",
        "nothing.html": "no article text found in HTML",
        "huge.txt": "over the size limit of 3000",
        "cut.warc.gz#2": "truncated or corrupt WARC",
        "loop": "symlink loop",
    }
    error_lines = [line for line in err.splitlines() if line.startswith("dateline: error:")]
    for name, reason in expected.items():
        matching = [line for line in error_lines if f"/{name}:" in line and reason in line]
        assert matching, f"no error line for {name} ({reason}) in:\n{err}"
    assert f"skipped {len(expected)} input(s) with errors" in err
    stored = sqlite3.connect(db).execute("SELECT title, path FROM articles").fetchall()
    assert {"Gauge data deal", "B"} <= {title for title, _ in stored}
    assert any(path.endswith("cut.warc.gz") for _, path in stored), "records before the cut"
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM ingest_issues").fetchone()[0] >= 10


def test_truncated_html_with_text_is_kept_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "cut.html"
    page.write_text(PAGE[: PAGE.index("</article>")])
    code, err = _run(["ingest", str(page), "--db", str(tmp_path / "t.db")], capsys)
    assert code == 0
    assert f"warning: {page}: HTML looks truncated" in err


def test_nothing_already_stored_is_lost(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "t.db")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    assert _run(["ingest", str(good), "--db", db], capsys)[0] == 0
    corpus = tmp_path / "corpus"
    _bad_corpus(corpus)
    (corpus / "good.txt").unlink()
    assert _run(["ingest", str(corpus), "--db", db, "--max-bytes", "3000"], capsys)[0] == 1
    rows = sqlite3.connect(db).execute("SELECT path FROM articles ORDER BY seq").fetchall()
    assert rows[0][0] == str(good)
    assert _run(["build", "--db", db], capsys)[0] == 0


def test_missing_input_and_bad_store_are_clear(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _run(["ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "t.db")], capsys)
    assert code == 1 and "nope.txt: cannot read file" in err
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("just some text, not SQLite " * 100)
    code, err = _run(["articles", "--db", str(not_a_store)], capsys)
    assert code == 2 and "not a dateline store" in err


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    sqlite3.connect(tmp_path / "t.db").close()  # a read command needs a store (exit 2 without)
    code, err = _run(["show", "nosuchid", "--db", str(tmp_path / "t.db")], capsys)
    assert code == 2 and "no article or event" in err


def test_text_and_json_limits_are_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "long.txt").write_text("Long story\n\n" + "The dam held. " * 200, encoding="utf-8")
    deep = {"text": "Short story about the dam holding.", "extra": [[[["deep"]]]]}
    (corpus / "deep.json").write_text(json.dumps(deep), encoding="utf-8")
    db = str(tmp_path / "t.db")
    args = ["ingest", str(corpus), "--db", db, "--max-text-chars", "500", "--max-json-depth", "3"]
    code, err = _run(args, capsys)
    assert code == 1
    assert "long.txt" in err and "deep.json" in err
    code, err = _run(["ingest", str(corpus), "--db", db, "--max-text-chars", "0"], capsys)
    assert code == 2 and "--max-text-chars must be positive" in err
