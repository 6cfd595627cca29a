"""Hostile inputs fail one record (or one file), never the run (issue 13, item 1).

Every cause found by the fuzzing probe has a case here, written next to good articles so that
one ingest batch holds both: before the fix each crash lost the whole batch.
"""

from __future__ import annotations

import errno
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline import api
from dateline.ingest import read_inputs
from dateline.model import IngestIssue, RawDocument
from dateline.pipeline import IngestReport
from dateline.settings import Settings
from tests.ingest.fuzz_corpus import (
    Article,
    ArticleMaker,
    atom,
    html,
    json_record,
    rss,
    stored_words,
    txt,
    warc,
)


def _articles(count: int, seed: int = 7) -> list[Article]:
    maker = ArticleMaker(seed)
    return [maker.article() for _ in range(count)]


def _ingest(paths: list[Path], tmp_path: Path) -> tuple[IngestReport, str]:
    db = str(tmp_path / "store.db")
    conn = api.open_store(db)
    try:
        report = api.ingest(conn, [str(p) for p in paths], Settings(db_path=db))
    finally:
        conn.close()
    return report, db


def _stored_text(db: str) -> str:
    rows = sqlite3.connect(db).execute("SELECT title, text FROM articles").fetchall()
    return "\n".join(f"{title}\n{text}" for title, text in rows)


def _stored_words(db: str) -> set[str]:
    return stored_words([_stored_text(db)])


def _issues(report: IngestReport, name: str) -> list[IngestIssue]:
    return [issue for issue in report.issues if Path(issue.path).name == name]


def _raw_warc(*blocks: tuple[str, bytes]) -> bytes:
    """An uncompressed WARC from hand-written records: (WARC headers, block) each."""
    out = b""
    for headers, block in blocks:
        out += f"WARC/1.0\r\n{headers}Content-Length: {len(block)}\r\n\r\n".encode()
        out += block + b"\r\n\r\n"
    return out


def _http_page(article: Article) -> bytes:
    body = html(article).encode()
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body


def test_every_hostile_cause_costs_only_its_record(tmp_path: Path) -> None:
    good = _articles(12)
    root = tmp_path / "in"
    root.mkdir()
    files: dict[str, bytes] = {}
    files["a-good.txt"] = txt(good[0])
    # a WARC record with no WARC-Target-URI made warcio raise AttributeError
    files["b-no-uri.warc"] = _raw_warc(
        ("WARC-Type: response\r\nWARC-Target-URI: https://g.example/1\r\n", _http_page(good[1])),
        ("WARC-Type: response\r\n", _http_page(good[11])),
        ("WARC-Type: response\r\nWARC-Target-URI: https://g.example/3\r\n", _http_page(good[2])),
    )
    cut = warc([("https://g.example/4", html(good[3]).encode(), [])] * 2, compress=True)
    files["c-cut.warc.gz"] = cut[: len(cut) - 200]
    deep = {"title": "Deep", "text": json.loads("[" * 60 + '"x"' + "]" * 60)}
    files["d-deep.jsonl"] = "\n".join(
        [
            json.dumps(json_record(good[4])),
            "[" * 5000 + "]" * 5000,
            '{"text": ' + "[" * 5000 + "]" * 5000 + "}",
            json.dumps(deep),
            '{"text": "Ministers met again on Monday", "n": ' + "9" * 5000 + "}",
            '{"text": "Ministers met again on Friday", "date": 1' + "0" * 400 + "}",
            '{"title": "Lone \\udc80", "text": "The lone \\ud800 surrogate came from an escape"}',
        ]
    ).encode()
    files["e-deep.json"] = b"[" * 100_000 + b"]" * 100_000
    files["f-date.atom"] = atom([good[5]], updated="0000-00-00T25:61:61Z")
    files["g-refs.rss"] = rss(
        [good[6]],
        extra_items="<item><title>Ref &#xD800; &#55296; &#x110000; &#0;</title>"
        "<description>A reference to a lone &#xDFFF; surrogate in a feed</description></item>",
    )
    files["h-bad-utf8.rss"] = rss([good[7]]).replace(b"Fictional Gazette", b"Bad \xff\xc3( name")
    files[os.fsdecode(b"i-\xff\xfe-name.txt")] = txt(good[8])
    files["j-good.html"] = html(good[9]).encode()
    files["k-good.json"] = json.dumps([json_record(good[10])]).encode()
    for name, data in files.items():
        (root / name).write_bytes(data)

    report, db = _ingest([root], tmp_path)

    stored, words = _stored_text(db), _stored_words(db)
    for article in good[:11]:
        assert article.marker in words, f"{article.marker} lost"
    assert good[11].marker not in words
    [no_uri] = _issues(report, "b-no-uri.warc")
    assert "corrupt WARC" in no_uri.reason and "resumed" in no_uri.reason
    assert "truncated or corrupt WARC" in _issues(report, "c-cut.warc.gz")[0].reason
    deep_issues = {issue.record: issue.reason for issue in _issues(report, "d-deep.jsonl")}
    assert "nested too deeply" in deep_issues[2]
    assert "nested too deeply" in deep_issues[3]
    assert "nested more than 32 levels" in deep_issues[4]
    assert "Ministers met again" not in "".join(deep_issues.values())
    assert "Ministers met again on Monday" in stored, "a 5,000-digit number costs nothing"
    assert "Ministers met again on Friday" in stored, "an impossible date is dropped, not fatal"
    assert "The lone \ufffd surrogate" in stored
    assert "nested too deeply" in _issues(report, "e-deep.json")[0].reason
    assert "A reference to a lone \ufffd surrogate" in stored
    names = {row[0] for row in sqlite3.connect(db).execute("SELECT path FROM article_sources")}
    assert str(root / "i-\ufffd\ufffd-name.txt") in names
    assert all(len(issue.describe().splitlines()) == 1 for issue in report.issues)


def test_surrogates_never_reach_the_store_from_any_field(tmp_path: Path) -> None:
    [article] = _articles(1, seed=3)
    record = {**json_record(article), "outlet": "Out\udc80let", "url": "https://x/\ud83d"}
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(record))
    [doc] = list(read_inputs([str(path)], Settings()))
    assert isinstance(doc, RawDocument)
    assert (doc.outlet, doc.url) == ("Out\ufffdlet", "https://x/\ufffd")
    report, db = _ingest([path], tmp_path)
    assert report.new_articles == 1


def test_a_file_in_an_unreadable_directory_is_an_issue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root, who may read anything: the directory's refusal is simulated."""
    good, hidden = _articles(2)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "story.txt").write_bytes(txt(hidden))
    (tmp_path / "good.txt").write_bytes(txt(good))
    real_stat = os.stat

    def refusing_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(locked) + os.sep in os.fsdecode(path):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", refusing_stat)
    report, db = _ingest([locked / "story.txt", tmp_path / "good.txt"], tmp_path)
    [issue] = _issues(report, "story.txt")
    assert issue.reason == "cannot read file (Permission denied)"
    assert good.marker in _stored_words(db)


def test_a_reader_that_breaks_costs_its_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a third-party parser raises on an input we did not foresee."""
    first, second = _articles(2)
    (tmp_path / "a.txt").write_bytes(txt(first))
    (tmp_path / "b.txt").write_bytes(txt(second))
    (tmp_path / "c.jsonl").write_text(json.dumps(json_record(first)))

    def broken(path: str, text: str, **_: object) -> RawDocument:
        if path.endswith("b.txt"):
            raise KeyError("a bug met on hostile input")
        return RawDocument(path=path, text=text, source_format="text")

    monkeypatch.setattr("dateline.ingest.read_text", broken)
    docs = list(read_inputs([str(tmp_path)], Settings()))
    [issue] = [d for d in docs if isinstance(d, IngestIssue)]
    assert issue.path.endswith("b.txt") and "KeyError" in issue.reason
    assert sum(isinstance(d, RawDocument) for d in docs) == 2


def test_a_stage_that_breaks_costs_its_article_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _articles(2)
    (tmp_path / "a.txt").write_bytes(txt(first))
    (tmp_path / "b.txt").write_bytes(txt(second))
    from dateline import pipeline  # noqa: PLC0415 (the module patched)

    real = pipeline.prepare_article

    def flaky(raw: RawDocument, settings: Settings, site: pipeline.SiteEvidence) -> object:
        if second.marker in raw.text:
            raise OverflowError("date arithmetic on a hostile value")
        return real(raw, settings, site)

    monkeypatch.setattr(pipeline, "prepare_article", flaky)
    report, db = _ingest([tmp_path / "a.txt", tmp_path / "b.txt"], tmp_path)
    assert report.new_articles == 1
    [issue] = _issues(report, "b.txt")
    assert "could not process article (OverflowError" in issue.reason


def test_warc_http_headers_written_by_warcio_are_still_read(tmp_path: Path) -> None:
    """The bounded reader changes nothing for a well-formed crawl (chunked, deflate, gzip)."""
    import gzip  # noqa: PLC0415
    import zlib  # noqa: PLC0415

    pages = _articles(4, seed=11)
    bodies = [html(a).encode() for a in pages]
    chunked = b"".join(
        b"%x\r\n" % len(part) + part + b"\r\n" for part in (bodies[1][:500], bodies[1][500:])
    )
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for index, (body, extra) in enumerate(
        [
            (bodies[0], []),
            (chunked + b"0\r\n\r\n", [("Transfer-Encoding", "chunked")]),
            (zlib.compress(bodies[2]), [("Content-Encoding", "deflate")]),
            (gzip.compress(bodies[3]), [("Content-Encoding", "gzip")]),
        ]
    ):
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html"), *extra], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                f"https://g.example/{index}",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
        )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buffer.getvalue())
    docs = list(read_inputs([str(path)], Settings()))
    assert [type(d) for d in docs] == [RawDocument] * 4
    for doc, article in zip(docs, pages, strict=True):
        assert isinstance(doc, RawDocument) and article.marker in doc.text
