"""Format detection by content, with the extension only as a tie-breaker."""

from __future__ import annotations

import pytest

from dateline.ingest.detect import detect_format


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "crawl.dat", "warc"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel>', "feed.php", "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "atom.xml", "feed"),
        (b"<!DOCTYPE html><html><body><p>Hi</p>", "page.txt", "html"),
        (b"<p>A fragment of a page</p>", "page.htm", "html"),
        (b'{"title": "A"}\n{"title": "B"}\n', "dump.json", "jsonl"),
        (b'{\n  "title": "A",\n  "text": "B"\n}\n', "one.json", "json"),
        (b'[{"title": "A"}]', "dump.jsonl", "json"),
        (b"Ministers met on Tuesday.\n", "story.html", "text"),
        (b"Use a <b>bold</b> word in plain text", "notes.txt", "text"),
    ],
)
def test_detects_by_content(data: bytes, name: str, expected: str) -> None:
    assert detect_format(data, name) == expected
