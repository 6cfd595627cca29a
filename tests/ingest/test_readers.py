"""Each reader on small inputs written for these tests."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.clean import clean_document
from dateline.ingest import read_inputs
from dateline.model import CleanedDocument, IngestIssue, RawDocument
from dateline.settings import FieldNames, Settings

PARAGRAPH = (
    "Officials from both river nations met at the commission's offices on Tuesday and agreed "
    "to share flow data from the upstream gauges every six hours until the spring floods pass."
)
PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Gauge data deal | Harbor Times</title>
<meta property="og:title" content="Gauge data deal">
<meta property="og:site_name" content="Harbor Times">
<meta property="article:published_time" content="2025-03-19T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Gauge data deal</h1>
<p>{PARAGRAPH}</p>
<p>{PARAGRAPH.replace("Tuesday", "the same day")}</p>
<p>{PARAGRAPH.replace("six", "eight")}</p>
</article><footer>Copyright Harbor Times</footer></body></html>"""


def _read(paths: list[str], settings: Settings | None = None) -> list[RawDocument | IngestIssue]:
    return list(read_inputs(paths, settings or Settings()))


def _cleaned(path: Path) -> CleanedDocument:
    """A text file as ingest reads it and the clean stage titles it."""
    [doc] = _read([str(path)])
    assert isinstance(doc, RawDocument)
    assert doc.title is None, "the reader leaves the headline to the clean stage"
    return clean_document(doc)


def test_text_file_headline_becomes_title(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Nations agree on gauge data\n\n{PARAGRAPH}\n", encoding="utf-8")
    doc = _cleaned(path)
    assert doc.title == "Nations agree on gauge data"
    assert doc.text == PARAGRAPH
    assert doc.raw.path == str(path)


def test_text_file_question_headline_set_apart_is_title(tmp_path: Path) -> None:
    path = tmp_path / "analysis.txt"
    path.write_text(f"Who warns whom, and when?\n\n{PARAGRAPH}\n", encoding="utf-8")
    assert _cleaned(path).title == "Who warns whom, and when?"


def test_text_file_short_lead_sentence_is_not_title(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(f"The river rose overnight.\n\n{PARAGRAPH}\n", encoding="utf-8")
    assert _cleaned(path).title is None


def test_text_file_date_first_line_is_not_title(tmp_path: Path) -> None:
    path = tmp_path / "dated.txt"
    path.write_text(f"18 September 2017\nNations agree on data\n\n{PARAGRAPH}\n")
    doc = _cleaned(path)
    assert doc.title is None
    assert doc.text.startswith("18 September 2017")


def test_text_file_without_headline_keeps_first_line(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"{PARAGRAPH}\n{PARAGRAPH}\n", encoding="utf-8")
    doc = _cleaned(path)
    assert doc.title is None
    assert doc.text.startswith("Officials")


def test_html_page_gives_text_title_outlet_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = _read([str(path)])
    assert isinstance(doc, RawDocument)
    assert doc.source_format == "html"
    assert doc.title == "Gauge data deal"
    assert doc.outlet == "Harbor Times"
    assert doc.date_hint == "2025-03-19"
    assert "Home" not in doc.text
    assert doc.text.count("Officials") == 3


def test_json_lines_fields_are_detected_and_overridable(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    rows = [
        {
            "headline": "One",
            "body": PARAGRAPH,
            "published_at": "2025-04-14",
            "link": "https://a.example/1",
        },
        {"headline": "Two", "story_text": PARAGRAPH, "when": "14 April 2025"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    first, second = _read([str(path)])
    assert isinstance(first, RawDocument)
    assert (first.title, first.url, first.date_hint, first.record) == (
        "One",
        "https://a.example/1",
        "2025-04-14",
        1,
    )
    assert first.date_hint_source == "json field 'published_at'"
    assert isinstance(second, IngestIssue)
    assert second.record == 2 and "no text" in second.reason
    fields = FieldNames(text="story_text", date="when")
    docs = _read([str(path)], Settings(fields=fields))
    assert isinstance(docs[1], RawDocument) and docs[1].date_hint == "14 April 2025"


def test_json_array_and_numeric_timestamps(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps({"articles": [{"text": PARAGRAPH, "timestamp": 1742378400}]}))
    [doc] = _read([str(path)])
    assert isinstance(doc, RawDocument)
    assert doc.date_hint is not None and doc.date_hint.startswith("2025-03-19")


def test_json_text_field_holding_html_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"title": "Deal", "html": PAGE}) + "\n")
    [doc] = _read([str(path)])
    assert isinstance(doc, RawDocument)
    assert "<p>" not in doc.text and "Officials" in doc.text


def test_feed_entries(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Northgate Post</title>
<item><title>Deal signed</title><link>https://ng.example/deal</link>
<pubDate>Mon, 14 Apr 2025 09:30:00 +0000</pubDate>
<description>&lt;p&gt;{PARAGRAPH}&lt;/p&gt;&lt;p&gt;Second paragraph.&lt;/p&gt;</description></item>
</channel></rss>""",
        encoding="utf-8",
    )
    [doc] = _read([str(path)])
    assert isinstance(doc, RawDocument)
    assert (doc.title, doc.outlet, doc.url) == (
        "Deal signed",
        "Northgate Post",
        "https://ng.example/deal",
    )
    assert doc.date_hint == "2025-04-14T09:30:00+00:00"
    assert doc.text.split("\n") == [PARAGRAPH, "Second paragraph."]


def make_warc(pages: list[tuple[str, str]], *, crawl_date: str = "2025-03-20T08:00:00Z") -> bytes:
    """A gzipped WARC with one warcinfo record and one response per (url, html)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "tests"}))
    for url, html in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(html.encode()),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": crawl_date},
        )
        writer.write_record(record)
    return buffer.getvalue()


def test_warc_responses(tmp_path: Path) -> None:
    undated_page = PAGE.replace(
        '<meta property="article:published_time" content="2025-03-19T10:00:00Z">', ""
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        make_warc([("https://a.example/1", PAGE), ("https://a.example/2", undated_page)])
    )
    docs = _read([str(path)])
    assert [type(d) for d in docs] == [RawDocument, RawDocument]
    first, second = docs
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.url, first.source_format, first.record) == ("https://a.example/1", "warc", 1)
    assert first.date_hint == "2025-03-19"
    assert second.date_hint_source == "warc-date"


def test_gzip_text_and_stdin(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(f"Headline here\n{PARAGRAPH}".encode()))
    assert _cleaned(path).title == "Headline here"
    [piped] = list(read_inputs(["-"], Settings(), stdin=io.BytesIO(PARAGRAPH.encode())))
    assert isinstance(piped, RawDocument) and piped.path == "-"


def test_directory_walk_is_recursive_sorted_and_keeps_given_prefix(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(PARAGRAPH)
    (tmp_path / "a.txt").write_text(PARAGRAPH)
    (tmp_path / ".hidden.txt").write_text(PARAGRAPH)
    docs = _read([str(tmp_path) + "/"])
    assert [d.path for d in docs] == [f"{tmp_path}/a.txt", f"{tmp_path}/b/two.txt"]
