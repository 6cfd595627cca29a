"""A seeded corpus of hostile inputs mixed with known-good articles, for ingest.

``generate(seed, count)`` makes ``count`` input files across every format ingest reads (txt,
html, jsonl, json, warc, warc.gz, gz, rss, atom): known-good articles, and mutations of them
(truncation, byte flips, huge numbers, deep nesting, lone surrogates, bad encodings, bombs of
bounded size, junk). Each good article carries a unique marker word, so a check can tell that
it was stored whatever the cleaning did around it. ``check`` reads the store after an ingest of
the written corpus and lists what went wrong: good articles lost, inputs that vanished with
neither an article nor an issue. tests/ingest/test_fuzz.py runs a few hundred inputs; a bench
can run ten thousand with the same functions. Stdlib only (random with a fixed seed).

All text is fictional.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import re
import sqlite3
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.ingest import storable

FUZZ_MAX_BYTES = 256 * 1024
"""The --max-bytes a fuzz run uses: bombs inflate to many times this."""
BOMB_BYTES = 64 * 1024 * 1024
"""What each bomb inflates to (256 times the limit; compressed, about 64 KB)."""

_PLACES = ("Varnholt", "Eskerby", "Quillmoor", "Tarrowfield", "Brisk Harbour", "Olmsreach")
_BODIES = (
    "the river commission",
    "the port authority",
    "the regional council",
    "the grain board",
    "the rail union",
    "the water agency",
)
_ACTIONS = (
    "agreed to share flow data from the upstream gauges",
    "approved a new ferry timetable for the winter months",
    "postponed the vote on the harbour levy until spring",
    "opened an inquiry into the closure of the old bridge",
    "signed a two-year contract to repair the flood walls",
    "published the audit of last year's grain reserves",
)
_DAYS = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday")
_SYLLABLES = ("ka", "ve", "lor", "mi", "dra", "son", "tel", "qua", "rin", "bo", "zel", "fa")


@dataclass(frozen=True)
class Article:
    """A known-good article: its marker word appears in every paragraph of its text."""

    marker: str
    headline: str
    paragraphs: tuple[str, ...]
    date: str

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class FuzzCase:
    """One input file: its name under the corpus root, its bytes, the markers of the good
    articles that must be stored from it, and what was done to it ("" for a good input)."""

    name: str
    data: bytes
    good: tuple[str, ...] = ()
    mutation: str = ""


@dataclass
class FuzzOutcome:
    """What a check found: every list should be empty."""

    inputs: int = 0
    good_expected: int = 0
    good_stored: int = 0
    lost_good: list[str] = field(default_factory=list)
    silent_inputs: list[str] = field(default_factory=list)
    mutations: dict[str, int] = field(default_factory=dict)


class ArticleMaker:
    """The seeded source of articles and files."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.serial = 0

    def article(self) -> Article:
        self.serial += 1
        marker = "Mar" + self._word(self.serial)
        rng = self.rng
        place, body = rng.choice(_PLACES), rng.choice(_BODIES)
        action, day = rng.choice(_ACTIONS), rng.choice(_DAYS)
        paragraphs = (
            f"Officials of {body} in {place} {action} {day}, said spokesperson "
            f"Ilse {marker}, after a meeting that ran late into the evening.",
            f"{marker} told reporters that the decision followed months of talks with "
            f"residents of {rng.choice(_PLACES)} and would be reviewed in {rng.randint(2, 9)} "
            "weeks.",
            f"Critics of {body} said the plan came too late, but {marker} said the first "
            f"steps would be taken before the end of the month in {place}.",
        )
        headline = f"{place} {body.split()[-1]} {action.split()[0]} {action.split()[-1]}"
        date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return Article(marker, headline.capitalize(), paragraphs, date)

    def _word(self, number: int) -> str:
        parts = []
        while True:
            number, digit = divmod(number, len(_SYLLABLES))
            parts.append(_SYLLABLES[digit])
            if number == 0:
                return "".join(parts)


def txt(article: Article) -> bytes:
    return f"{article.headline}\n{article.date}\n\n{article.text}\n".encode()


def html(article: Article, *, charset: str = "utf-8", meta: bool = True) -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in article.paragraphs)
    head_meta = f'<meta charset="{charset}">' if meta else ""
    return (
        f"<!DOCTYPE html><html><head>{head_meta}<title>{article.headline}</title>"
        f'<meta property="article:published_time" content="{article.date}T09:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{article.headline}</h1>\n"
        f"{paragraphs}</article><footer>Fictional Gazette</footer></body></html>"
    )


def json_record(article: Article) -> dict[str, object]:
    return {"title": article.headline, "text": article.text, "date": article.date}


def rss(articles: list[Article], *, extra_items: str = "") -> bytes:
    items = "".join(
        f"<item><title>{a.headline}</title><link>https://gazette.example/{a.marker}</link>"
        f"<pubDate>Mon, 14 Apr 2025 09:30:00 +0000</pubDate>"
        f"<description>{_escape_html(a)}</description></item>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Fictional Gazette</title>{items}{extra_items}</channel></rss>"
    ).encode()


def atom(articles: list[Article], *, updated: str = "2025-04-14T09:30:00Z") -> bytes:
    entries = "".join(
        f"<entry><title>{a.headline}</title><id>urn:{a.marker}</id><updated>{updated}</updated>"
        f'<content type="html">{_escape_html(a)}</content></entry>'
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Fictional Gazette</title>{entries}</feed>"
    ).encode()


def _escape_html(article: Article) -> str:
    return "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in article.paragraphs)


Page = tuple[str, bytes, list[tuple[str, str]]]
"""A WARC response: its URL, its body as sent, its extra HTTP headers."""


def warc(pages: list[Page], *, compress: bool) -> bytes:
    """A WARC of response records: (url, body as sent, extra HTTP headers) each."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("fuzz.warc", {"software": "fuzz"}))
    for url, body, extra in pages:
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), *extra],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2025-04-20T08:00:00Z"},
        )
        writer.write_record(record)
    return buffer.getvalue()


@lru_cache(maxsize=4)
def bomb(kind: str) -> bytes:
    """``BOMB_BYTES`` of one byte repeated, compressed: "gzip", "members" (16 gzip members),
    or "deflate" (a zlib stream, as HTTP's Content-Encoding: deflate)."""
    plain = b"a" * BOMB_BYTES
    if kind == "gzip":
        return gzip.compress(plain, 9)
    if kind == "members":
        part = gzip.compress(plain[: BOMB_BYTES // 16], 9)
        return part * 16
    return zlib.compress(plain, 9)


def _flip(data: bytes, rng: random.Random, flips: int) -> bytes:
    mutable = bytearray(data)
    for _ in range(flips):
        mutable[rng.randrange(len(mutable))] = rng.randrange(256)
    return bytes(mutable)


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(len(data), 2))]


def _good_cases(maker: ArticleMaker) -> list[Callable[[], FuzzCase]]:
    """Known-good inputs of every format and encoding: each article must be stored."""
    rng = maker.rng

    def plain_text() -> FuzzCase:
        a = maker.article()
        return FuzzCase(f"good/{a.marker}.txt", txt(a), (a.marker,))

    def page() -> FuzzCase:
        a = maker.article()
        return FuzzCase(f"good/{a.marker}.html", html(a).encode(), (a.marker,))

    def lines() -> FuzzCase:
        group = [maker.article() for _ in range(rng.randint(1, 4))]
        data = "\n".join(json.dumps(json_record(a)) for a in group).encode()
        return FuzzCase(f"good/{group[0].marker}.jsonl", data, tuple(a.marker for a in group))

    def array() -> FuzzCase:
        group = [maker.article() for _ in range(rng.randint(1, 3))]
        data = json.dumps({"articles": [json_record(a) for a in group]}).encode()
        return FuzzCase(f"good/{group[0].marker}.json", data, tuple(a.marker for a in group))

    def feed() -> FuzzCase:
        group = [maker.article() for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.5:
            return FuzzCase(f"good/{group[0].marker}.rss", rss(group), _markers(group))
        return FuzzCase(f"good/{group[0].marker}.atom", atom(group), _markers(group))

    def crawl() -> FuzzCase:
        group = [maker.article() for _ in range(rng.randint(1, 3))]
        pages: list[Page] = [
            (f"https://gazette.example/{a.marker}", html(a).encode(), []) for a in group
        ]
        compress = rng.random() < 0.5
        name = f"good/{group[0].marker}.warc" + (".gz" if compress else "")
        return FuzzCase(name, warc(pages, compress=compress), _markers(group))

    def gzipped() -> FuzzCase:
        a = maker.article()
        return FuzzCase(f"good/{a.marker}.txt.gz", gzip.compress(txt(a)), (a.marker,))

    def encoded() -> FuzzCase:
        """Valid text in the encodings ingest must accept."""
        a = maker.article()
        choice = rng.randrange(6)
        if choice == 0:
            return FuzzCase(
                f"good/{a.marker}-utf16.txt", txt(a).decode().encode("utf-16"), (a.marker,)
            )
        if choice == 1:
            return FuzzCase(f"good/{a.marker}-bom.txt", b"\xef\xbb\xbf" + txt(a), (a.marker,))
        if choice == 2:
            accented = txt(a).decode().replace("Officials", "Los funcionarios ñandú él está café")
            return FuzzCase(f"good/{a.marker}-cp1252.txt", accented.encode("cp1252"), (a.marker,))
        if choice == 3:
            data = ("[Updated] " + txt(a).decode()).encode()
            return FuzzCase(f"good/{a.marker}-updated.txt", data, (a.marker,))
        if choice == 4:
            page_text = html(a, charset="windows-1251").replace("Officials", "Чиновники")
            return FuzzCase(f"good/{a.marker}-cp1251.html", page_text.encode("cp1251"), (a.marker,))
        name = os.fsdecode(f"good/{a.marker}-\xff\xfe-name.txt".encode("latin-1"))
        return FuzzCase(name, txt(a), (a.marker,))

    return [plain_text, page, lines, array, feed, crawl, gzipped, encoded]


def _markers(group: list[Article]) -> tuple[str, ...]:
    return tuple(a.marker for a in group)


def _hostile_cases(maker: ArticleMaker) -> list[Callable[[], FuzzCase]]:  # noqa: PLR0915
    """Mutated inputs: each must be stored or reported; the good records inside must be
    stored (lines of a JSON-lines file, entries of a feed, records of a WARC around the bad)."""
    rng = maker.rng

    def any_good_bytes() -> tuple[str, bytes]:
        a = maker.article()
        makers: list[tuple[str, Callable[[], bytes]]] = [
            ("txt", lambda: txt(a)),
            ("html", lambda: html(a).encode()),
            ("jsonl", lambda: json.dumps(json_record(a)).encode()),
            ("json", lambda: json.dumps([json_record(a)]).encode()),
            ("rss", lambda: rss([a])),
            ("atom", lambda: atom([a])),
            ("warc", lambda: warc([("https://g.example/x", html(a).encode(), [])], compress=False)),
        ]
        ext, make = rng.choice(makers)
        return ext, make()

    def truncated() -> FuzzCase:
        ext, data = any_good_bytes()
        return FuzzCase(f"bad/cut-{maker.serial}.{ext}", _cut(data, rng), mutation="truncated")

    def flipped() -> FuzzCase:
        ext, data = any_good_bytes()
        data = _flip(data, rng, rng.randint(1, 12))
        return FuzzCase(f"bad/flip-{maker.serial}.{ext}", data, mutation="byte flips")

    def warc_gz_damaged() -> FuzzCase:
        a, b = maker.article(), maker.article()
        data = warc(
            [(f"https://g.example/{x.marker}", html(x).encode(), []) for x in (a, b)],
            compress=True,
        )
        data = _cut(data, rng) if rng.random() < 0.5 else _flip(data, rng, rng.randint(1, 6))
        return FuzzCase(f"bad/damaged-{maker.serial}.warc.gz", data, mutation="warc.gz damaged")

    def mixed_lines() -> FuzzCase:
        good = [maker.article() for _ in range(2)]
        bad = rng.choice(
            [
                '{"text": "' + "x " * 10 + '", "n": ' + "9" * 5000 + "}",
                '{"text": "Talks resumed on Monday in the hall", "date": 1' + "0" * 400 + "}",
                '{"title": "S", "text": "A lone \\ud800 surrogate in the text of a report"}',
                '{"text": ' + "[" * 5000 + "]" * 5000 + "}",
                '{"text": ' + "[" * 100 + '"deep"' + "]" * 100 + "}",
                "null",
                "0",
                "true",
                '{"text": "cut off',
                "[" * 100000,
            ]
        )
        rows = [json.dumps(json_record(good[0])), bad, json.dumps(json_record(good[1]))]
        name = f"bad/lines-{maker.serial}.jsonl"
        return FuzzCase(name, "\n".join(rows).encode(), _markers(good), "hostile JSON line")

    def hostile_json() -> FuzzCase:
        choice = rng.randrange(7)
        data = [
            b"[" * 100000 + b"]" * 100000,
            b'{"articles": [{"text": ' + b"{" * 3000 + b"}" * 3000 + b"}]}",
            b"null",
            b"0",
            b"true",
            b"[]",
            b'[{"text": "Talks went on", "n": ' + b"7" * 5000 + b"}]",
        ][choice]
        return FuzzCase(f"bad/json-{maker.serial}-{choice}.json", data, mutation="hostile JSON")

    def feed_hostile() -> FuzzCase:
        good = [maker.article() for _ in range(2)]
        choice = rng.randrange(5)
        if choice == 0:
            data = atom(good, updated="0000-00-00T25:61:61Z")
            return FuzzCase(f"bad/date-{maker.serial}.atom", data, _markers(good), "bad date")
        if choice == 1:
            extra = (
                "<item><title>Bad &#xD800; ref &#55296; &#x110000; &#0;</title>"
                "<description>Text with &#xDFFF; a lone surrogate reference in it</description>"
                "</item>"
            )
            data = rss(good, extra_items=extra)
            return FuzzCase(f"bad/refs-{maker.serial}.rss", data, _markers(good), "char refs")
        if choice == 2:
            data = rss(good).replace(b"Fictional Gazette", b"Fictional \xff\xfe\xc3 Gazette")
            return FuzzCase(f"bad/utf8-{maker.serial}.rss", data, mutation="bad UTF-8 in XML")
        if choice == 3:
            data = (
                b'<?xml version="1.0"?><rss version="2.0"><channel><title>E</title></channel></rss>'
            )
            return FuzzCase(f"bad/empty-{maker.serial}.rss", data, mutation="empty feed")
        return FuzzCase(f"bad/feedbomb-{maker.serial}.rss.gz", bomb("gzip"), mutation="gz bomb")

    def bombs() -> FuzzCase:
        good = [maker.article(), maker.article()]
        choice = rng.randrange(4)
        if choice == 0:
            return FuzzCase(f"bad/bomb-{maker.serial}.txt.gz", bomb("gzip"), mutation="gz bomb")
        if choice == 1:
            data = bomb("members")
            return FuzzCase(f"bad/members-{maker.serial}.gz", data, mutation="multi-member bomb")
        if choice == 2:
            coding = rng.choice(["gzip", "deflate"])
            pages: list[Page] = [
                (f"https://g.example/{good[0].marker}", html(good[0]).encode(), []),
                ("https://g.example/bomb", bomb(coding), [("Content-Encoding", coding)]),
                (f"https://g.example/{good[1].marker}", html(good[1]).encode(), []),
            ]
            data = warc(pages, compress=rng.random() < 0.5)
            name = f"bad/httpbomb-{maker.serial}.warc"
            return FuzzCase(name, data, _markers(good), "HTTP body bomb")
        # a .warc.gz record that inflates past the limit, between two good records
        pages = [
            (f"https://g.example/{good[0].marker}", html(good[0]).encode(), []),
            ("https://g.example/big", b"<html><body><p>" + b"a" * (FUZZ_MAX_BYTES * 4), []),
            (f"https://g.example/{good[1].marker}", html(good[1]).encode(), []),
        ]
        data = warc(pages, compress=True)
        return FuzzCase(f"bad/recbomb-{maker.serial}.warc.gz", data, _markers(good), "record bomb")

    def junk() -> FuzzCase:
        choice = rng.randrange(6)
        data = [
            bytes(rng.randrange(256) for _ in range(rng.randint(1, 400))),
            b"a"[: rng.randint(0, 1)] + b"b",
            b"",
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\nxx",
            b"\x1f\x8b" + bytes(rng.randrange(256) for _ in range(50)),
            "\ufeff".encode("utf-16") + b"\x00\xd8" * 5,
        ][choice]
        ext = rng.choice(["txt", "json", "warc", "gz", "html", "rss"])
        return FuzzCase(f"bad/junk-{maker.serial}-{choice}.{ext}", data, mutation="junk")

    return [
        truncated,
        truncated,
        flipped,
        flipped,
        warc_gz_damaged,
        mixed_lines,
        hostile_json,
        feed_hostile,
        bombs,
        junk,
    ]


def generate(seed: int, count: int) -> list[FuzzCase]:
    """``count`` inputs, about two in five known-good, the rest hostile, in a seeded order."""
    maker = ArticleMaker(seed)
    good, hostile = _good_cases(maker), _hostile_cases(maker)
    cases = []
    for _ in range(count):
        makers = good if maker.rng.random() < 0.4 else hostile
        cases.append(maker.rng.choice(makers)())
    return cases


def write(cases: list[FuzzCase], root: Path) -> None:
    """Write the corpus under ``root`` (names are unique)."""
    for case in cases:
        path = root / case.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(case.data)


def stored_words(texts: list[str]) -> set[str]:
    """Every word of the stored texts: a marker is found whole, never inside a longer one."""
    return {word for text in texts for word in re.findall(r"\w+", text)}


def check(db: str, cases: list[FuzzCase], root: Path) -> FuzzOutcome:
    """Read the store an ingest of ``root`` wrote, against what the corpus promised."""
    conn = sqlite3.connect(db)
    try:
        stored = [
            f"{title or ''}\n{text}"
            for title, text in conn.execute("SELECT title, text FROM articles")
        ]
        seen = {row[0] for row in conn.execute("SELECT path FROM article_sources")}
        seen |= {row[0] for row in conn.execute("SELECT path FROM ingest_issues")}
    finally:
        conn.close()
    words = stored_words(stored)
    outcome = FuzzOutcome(inputs=len(cases))
    for case in cases:
        kind = case.mutation or "good"
        outcome.mutations[kind] = outcome.mutations.get(kind, 0) + 1
        outcome.good_expected += len(case.good)
        for marker in case.good:
            if marker in words:
                outcome.good_stored += 1
            else:
                outcome.lost_good.append(f"{case.name}: {marker}")
        if storable(str(root / case.name)) not in seen:
            outcome.silent_inputs.append(case.name)
    return outcome
