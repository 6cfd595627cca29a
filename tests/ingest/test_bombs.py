"""Decompression bombs and oversized content stop at the limits (issue 13, item 2).

Every decompression path is bounded by --max-bytes applied to the decompressed size, checked
while inflating: peak memory stays near the limit, however far the bomb would inflate. Text
length and JSON nesting have their own named limits.
"""

from __future__ import annotations

import gzip
import json
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from dateline.ingest import read_inputs
from dateline.ingest.decode import DecodeError, gunzip, inflate
from dateline.model import IngestIssue, RawDocument
from dateline.settings import (
    ARCHIVE_EXPANSION_LIMIT,
    DEFAULT_MAX_JSON_DEPTH,
    DEFAULT_MAX_TEXT_CHARS,
    Settings,
)
from tests.ingest.fuzz_corpus import ArticleMaker, Page, html, json_record, rss, txt, warc

MB = 1024 * 1024
BOMB = 64 * MB
"""What each bomb here would inflate to: 64 times the 1 MB limit the tests set."""


def _zeros_gzip(size: int) -> bytes:
    inflater = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(MB)
    return b"".join(inflater.compress(chunk) for _ in range(size // MB)) + inflater.flush()


def _measured(run: Callable[[], list[RawDocument | IngestIssue]]) -> tuple[list[object], int]:
    """What ``run`` returned, and the peak of Python memory it allocated."""
    tracemalloc.start()
    try:
        result: list[object] = list(run())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def _read(path: Path, *, max_bytes: int) -> Callable[[], list[RawDocument | IngestIssue]]:
    return lambda: list(read_inputs([str(path)], Settings(max_bytes=max_bytes)))


def test_gzip_bomb_stops_at_the_limit_without_inflating(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(_zeros_gzip(BOMB))
    started = time.monotonic()
    [issue], peak = _measured(_read(path, max_bytes=MB))
    assert isinstance(issue, IngestIssue)
    assert issue.reason == (f"decompressed size is over the size limit of {MB} bytes (--max-bytes)")
    assert peak < 4 * MB
    assert time.monotonic() - started < 5


def test_multi_member_gzip_bomb_is_bounded_over_all_members(tmp_path: Path) -> None:
    member = _zeros_gzip(MB)
    path = tmp_path / "dump.gz"
    path.write_bytes(member * 64)
    [issue], peak = _measured(_read(path, max_bytes=4 * MB))
    assert isinstance(issue, IngestIssue) and "size limit of 4194304" in issue.reason
    assert peak < 12 * MB
    ok = ArticleMaker(21).article()
    path.write_bytes(b"".join(gzip.compress(part) for part in txt(ok).split(b"\n\n")))
    [doc] = list(read_inputs([str(path)], Settings()))
    assert isinstance(doc, RawDocument) and ok.marker in doc.text, "members are all read"


def test_gunzip_and_inflate_refuse_what_they_cannot_bound() -> None:
    packed = gzip.compress(b"x" * 1000)
    assert gunzip(packed + packed, max_bytes=2000) == b"x" * 2000
    with pytest.raises(DecodeError, match="size limit"):
        gunzip(packed + packed, max_bytes=1999)
    with pytest.raises(DecodeError, match="truncated gzip"):
        gunzip(packed + packed[:10], max_bytes=5000)
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw_deflate = raw.compress(b"y" * 300) + raw.flush()
    assert inflate(raw_deflate, "deflate", max_bytes=300) == b"y" * 300
    assert inflate(zlib.compress(b"y" * 300), "Deflate", max_bytes=300) == b"y" * 300
    assert inflate(gzip.compress(gzip.compress(b"z")), "gzip, gzip", max_bytes=100) == b"z"
    with pytest.raises(DecodeError, match="size limit"):
        inflate(zlib.compress(b"y" * 300), "deflate", max_bytes=299)
    with pytest.raises(DecodeError, match="unsupported HTTP Content-Encoding 'br'"):
        inflate(b"\x0b\x02\x80hello\x03", "br", max_bytes=100)


def test_http_body_bomb_in_a_warc_costs_only_its_record(tmp_path: Path) -> None:
    first, last = ArticleMaker(5).article(), ArticleMaker(6).article()
    bomb = _zeros_gzip(BOMB)
    chunked = b"".join(
        b"%x\r\n" % len(bomb[i : i + 8192]) + bomb[i : i + 8192] + b"\r\n"
        for i in range(0, len(bomb), 8192)
    )
    pages = [
        ("https://g.example/1", html(first).encode(), []),
        ("https://g.example/bomb", bomb, [("Content-Encoding", "gzip")]),
        (
            "https://g.example/chunked-bomb",
            chunked + b"0\r\n\r\n",
            [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
        ),
        (
            "https://g.example/deflate-bomb",
            zlib.compress(bytes(BOMB), 9),
            [("Content-Encoding", "deflate")],
        ),
        ("https://g.example/br", b"\x0b\x02\x80hello\x03", [("Content-Encoding", "br")]),
        ("https://g.example/2", html(last).encode(), []),
    ]
    for compress in (False, True):
        path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
        path.write_bytes(warc(pages, compress=compress))
        started = time.monotonic()
        items, peak = _measured(_read(path, max_bytes=MB))
        assert time.monotonic() - started < 10
        assert peak < 16 * MB
        docs = [item for item in items if isinstance(item, RawDocument)]
        assert [doc.record for doc in docs] == [1, 6]
        reasons = {item.record: item.reason for item in items if isinstance(item, IngestIssue)}
        for record in (2, 3, 4):
            assert (
                reasons[record]
                == f"decompressed size is over the size limit of {MB} bytes (--max-bytes)"
            )
        assert reasons[5] == "unsupported HTTP Content-Encoding 'br'"


def test_warc_gz_record_bomb_is_skipped_and_the_archive_is_bounded(tmp_path: Path) -> None:
    first, last = ArticleMaker(5).article(), ArticleMaker(6).article()
    big = b"<html><body><p>" + b"a" * (16 * MB) + b"</p></body></html>"
    pages: list[Page] = [
        ("https://g.example/1", html(first).encode(), []),
        ("https://g.example/big", big, []),
        ("https://g.example/2", html(last).encode(), []),
    ]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc(pages, compress=True))
    assert path.stat().st_size < 100_000
    items, peak = _measured(_read(path, max_bytes=MB))
    assert peak < 16 * MB
    assert [type(item) for item in items] == [RawDocument, IngestIssue, RawDocument]
    assert isinstance(items[1], IngestIssue) and items[1].record == 2
    assert "over the size limit of 1048576 bytes" in items[1].reason
    # With a smaller limit the archive's own budget (20 x --max-bytes) ends the walk.
    items, peak = _measured(_read(path, max_bytes=MB // 2))
    assert peak < 16 * MB
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[-1], IngestIssue)
    assert items[-1].reason == (
        f"archive decompresses to over {ARCHIVE_EXPANSION_LIMIT * MB // 2} bytes "
        f"({ARCHIVE_EXPANSION_LIMIT} x --max-bytes); the rest is not read"
    )


def test_endless_warc_header_line_is_bounded(tmp_path: Path) -> None:
    block = b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: " + b"a" * (32 * MB)
    path = tmp_path / "long.warc.gz"
    path.write_bytes(gzip.compress(block, 9))
    items, peak = _measured(_read(path, max_bytes=4 * MB))
    assert peak < 40 * MB
    assert items and all(isinstance(item, IngestIssue) for item in items)


def test_gzipped_feed_bomb_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss.gz"
    inflater = zlib.compressobj(9, zlib.DEFLATED, 31)
    [article] = [ArticleMaker(8).article()]
    head = rss([article]).replace(b"</channel></rss>", b"<!-- ")
    body = inflater.compress(head)
    body += b"".join(inflater.compress(b" " * MB) for _ in range(BOMB // MB))
    path.write_bytes(body + inflater.flush())
    [issue], peak = _measured(_read(path, max_bytes=MB))
    assert isinstance(issue, IngestIssue) and "size limit" in issue.reason
    assert peak < 4 * MB


def test_article_text_is_capped_by_a_named_limit(tmp_path: Path) -> None:
    assert DEFAULT_MAX_TEXT_CHARS == 1_000_000
    [article] = [ArticleMaker(9).article()]
    path = tmp_path / "long.txt"
    path.write_bytes(txt(article) * 20)
    text_chars = len(txt(article).decode().strip()) * 20
    [issue] = list(read_inputs([str(path)], Settings(max_text_chars=2000)))
    assert isinstance(issue, IngestIssue)
    assert issue.reason.startswith("article text is ")
    assert issue.reason.endswith("characters, over the limit of 2000 (max_text_chars)")
    assert text_chars > 2000
    [doc] = list(read_inputs([str(path)], Settings()))
    assert isinstance(doc, RawDocument)


def test_json_depth_is_capped_by_a_named_limit(tmp_path: Path) -> None:
    assert DEFAULT_MAX_JSON_DEPTH == 32
    [article] = [ArticleMaker(10).article()]
    record = {**json_record(article), "authors": [{"name": "Ilse Varn"}]}
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps(json_record(ArticleMaker(11).article())))
    issue, doc = list(read_inputs([str(path)], Settings(max_json_depth=2)))
    assert isinstance(issue, IngestIssue) and issue.record == 1
    assert issue.reason == "JSON record is nested more than 2 levels deep (max_json_depth)"
    assert isinstance(doc, RawDocument)
    assert all(isinstance(d, RawDocument) for d in read_inputs([str(path)], Settings()))


@pytest.mark.parametrize("name", ["max_bytes", "max_text_chars", "max_json_depth"])
def test_limits_must_be_positive(name: str) -> None:
    with pytest.raises(ValueError, match=f"{name} must be positive"):
        Settings(**{name: 0})  # type: ignore[arg-type]
