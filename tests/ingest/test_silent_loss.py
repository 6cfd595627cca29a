"""Nothing vanishes: every input gives an article or an issue (issue 13, item 5).

Unreadable directories, paths over PATH_MAX, truncated WARCs, archives without pages and
empty feeds used to be skipped with no message and exit 0.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.ingest import read_input_file, read_inputs
from dateline.ingest.sources import InputFile
from dateline.model import IngestIssue, RawDocument
from dateline.settings import Settings
from tests.ingest.fuzz_corpus import Article, ArticleMaker, Page, html, txt, warc


def _articles(count: int, seed: int = 31) -> list[Article]:
    maker = ArticleMaker(seed)
    return [maker.article() for _ in range(count)]


def _read(*paths: Path | str) -> list[RawDocument | IngestIssue]:
    return list(read_inputs([str(p) for p in paths], Settings()))


def _issues(items: list[RawDocument | IngestIssue]) -> list[IngestIssue]:
    return [item for item in items if isinstance(item, IngestIssue)]


def test_unreadable_directory_is_reported_and_the_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root, who may list anything: the refusal is simulated at os.scandir."""
    first, second = _articles(2)
    (tmp_path / "a" / "locked").mkdir(parents=True)
    (tmp_path / "a" / "locked" / "hidden.txt").write_bytes(txt(first))
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "seen.txt").write_bytes(txt(second))
    real_scandir = os.scandir

    def refusing(path: str) -> object:
        if os.fspath(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    items = _read(tmp_path)
    [issue] = _issues(items)
    assert issue.path == str(tmp_path / "a" / "locked")
    assert issue.reason == "cannot read directory (Permission denied); skipped"
    [doc] = [item for item in items if isinstance(item, RawDocument)]
    assert second.marker in doc.text


def _deep_tree(root: Path, depth: int) -> Path:
    """Directories nested past PATH_MAX (made through directory descriptors, as the path
    itself cannot be used), with a file at the bottom; returns the (unusable) full path."""
    name = "d" * 200
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        story = os.open("story.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(story, txt(_articles(1, seed=4)[0]))
        os.close(story)
    finally:
        os.close(fd)
    return root.joinpath(*[name] * depth, "story.txt")


def test_paths_longer_than_path_max_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "deep"
    root.mkdir()
    (root / "ok.txt").write_bytes(txt(_articles(1)[0]))
    too_long = _deep_tree(root, depth=25)
    assert len(str(too_long)) > 4096
    try:
        items = _read(root)
        issues = _issues(items)
        assert len(issues) == 1, issues
        assert issues[0].reason == (
            "cannot read directory (path is longer than the system allows); skipped"
        )
        assert len(issues[0].path) > 4096 - 201
        assert sum(isinstance(item, RawDocument) for item in items) == 1
        [direct] = _read(too_long)
        assert isinstance(direct, IngestIssue)
        assert direct.reason == "cannot read file (path is longer than the system allows)"
    finally:
        shutil.rmtree(root)


def _response(writer: WARCWriter, url: str, body: bytes, kind: str = "text/html") -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    )


def test_warc_without_pages_is_reported_with_what_it_held(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("x.warc.gz", {"software": "tests"}))
    request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "g.example")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record(
            "https://g.example/", "request", payload=io.BytesIO(b""), http_headers=request
        )
    )
    writer.write_record(
        writer.create_warc_record(
            "https://g.example/",
            "metadata",
            payload=io.BytesIO(b"outlink: x"),
            warc_content_type="application/warc-fields",
        )
    )
    path = tmp_path / "meta.warc.gz"
    path.write_bytes(buffer.getvalue())
    [issue] = _read(path)
    assert isinstance(issue, IngestIssue) and issue.severity == "error"
    assert issue.reason == "no HTML page records in WARC (1 metadata, 1 request, 1 warcinfo)"


def test_unknown_warc_record_type_is_an_error(tmp_path: Path) -> None:
    [article] = _articles(1)
    data = warc([("https://g.example/1", html(article).encode(), [])], compress=False)
    damaged = data.replace(b"WARC-Type: response", b"WARC-Type: rexponse")
    path = tmp_path / "odd.warc"
    path.write_bytes(damaged)
    [issue] = _read(path)
    assert isinstance(issue, IngestIssue) and issue.severity == "error"
    assert issue.reason == "skipped a record of unknown WARC-Type 'rexponse'"


@pytest.mark.parametrize("compress", [False, True])
def test_every_cut_of_a_warc_is_reported(compress: bool) -> None:
    """Cut anywhere, a WARC gives its whole records and an error, or (cut exactly between two
    records, where the file is a valid shorter WARC) its whole records alone."""
    first, second = _articles(2, seed=5)
    pages: list[Page] = [
        (f"https://g.example/{a.marker}", html(a).encode(), []) for a in (first, second)
    ]
    full = warc(pages, compress=compress)
    name = "cut.warc.gz" if compress else "cut.warc"
    silent = []
    for cut in range(1, len(full), 3):
        items = list(read_input_file(InputFile(name, full[:cut])))
        errors = [i for i in items if isinstance(i, IngestIssue) and i.severity == "error"]
        if not errors:
            silent.append(cut)
    assert len(silent) <= 1, f"cuts read as whole files: {silent}"


def _gzip_members(data: bytes) -> list[bytes]:
    members = []
    while data:
        inflater = zlib.decompressobj(wbits=31)
        inflater.decompress(data)
        members.append(data[: len(data) - len(inflater.unused_data)])
        data = inflater.unused_data
    return members


def test_warc_damaged_in_the_middle_keeps_the_records_after(tmp_path: Path) -> None:
    articles = _articles(3, seed=6)
    pages: list[Page] = [(f"https://g.example/{a.marker}", html(a).encode(), []) for a in articles]
    info, first, second, third = _gzip_members(warc(pages, compress=True))
    broken = bytearray(second)
    broken[30:60] = bytes(30)
    path = tmp_path / "middle.warc.gz"
    path.write_bytes(info + first + bytes(broken) + third)
    items = _read(path)
    texts = " ".join(item.text for item in items if isinstance(item, RawDocument))
    assert articles[0].marker in texts and articles[2].marker in texts
    [issue] = _issues(items)
    assert issue.reason.startswith("truncated or corrupt WARC after 1 page record(s)")
    assert issue.reason.endswith(f"resumed at the next record (byte {len(info + first + broken)})")


def test_empty_feed_and_empty_json_are_reported(tmp_path: Path) -> None:
    (tmp_path / "empty.rss").write_bytes(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title></channel></rss>'
    )
    (tmp_path / "empty.json").write_bytes(b"[]")
    (tmp_path / "nothing.json").write_bytes(b'{"articles": []}')
    reasons = {Path(i.path).name: i.reason for i in _issues(_read(tmp_path))}
    assert reasons == {
        "empty.rss": "feed has no entries",
        "empty.json": "JSON holds an empty list of articles",
        "nothing.json": "JSON holds an empty list of articles",
    }


def test_a_reader_that_yields_nothing_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last line of defence: whatever a reader does, no input vanishes."""

    def nothing(*_: object, **__: object) -> Iterator[RawDocument]:
        yield from ()

    monkeypatch.setattr("dateline.ingest.read_feed", nothing)
    path = tmp_path / "feed.rss"
    path.write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>')
    [issue] = _read(path)
    assert isinstance(issue, IngestIssue) and issue.reason == "no articles found"
