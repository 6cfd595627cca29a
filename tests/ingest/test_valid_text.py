"""Valid text is accepted, and what is not text (or not an article) is refused (issue 13,
item 6): BOMs, declared charsets, accented cp1252, bracketed first lines; stray values.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.ingest import read_inputs
from dateline.ingest.decode import DecodeError, decode_text, usable_charset
from dateline.ingest.detect import detect_format
from dateline.model import IngestIssue, RawDocument
from dateline.settings import Settings
from tests.ingest.fuzz_corpus import Article, ArticleMaker, html, json_record, txt, warc

SPANISH = (
    "El alcalde de Tarrowfield explicó el miércoles que la decisión sobre el puente llegó "
    "después de meses de reuniones públicas. Según la comisión, la obra costará más de lo "
    "previsto y también exigirá cerrar el acceso norte durante el otoño."
)
FRENCH = (
    "Le préfet a annoncé mercredi que la réouverture du pont était reportée à l'été prochain. "
    "Les élus de la région ont dénoncé une décision prise « sans concertation » et réclamé "
    "une étude indépendante avant la fin de l'année."
)
PORTUGUESE = (
    "A comissão aprovou na terça-feira a construção de uma nova estação de tratamento. "
    "Segundo o município, a obra começará em março e terá duração prevista de três anos, "
    "com investimento público e participação da região."
)
RUSSIAN = (
    "Министры двух стран встретились во вторник и договорились обмениваться данными о "
    "стоке каждые шесть часов до конца весеннего паводка."
)
JAPANESE = (
    "両国の閣僚は火曜日に会談し、"
    "春の洪水が終わるまで六時間ごとに上流の観測データを共有することで合意した。"
)
CHINESE = "两国部长周二会面，同意在春季洪水结束前每六小时共享一次上游水文站数据。"


def _article(seed: int = 41) -> Article:
    return ArticleMaker(seed).article()


def _one(path: Path, data: bytes) -> RawDocument | IngestIssue:
    path.write_bytes(data)
    items = list(read_inputs([str(path)], Settings()))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
@pytest.mark.parametrize("kind", ["txt", "html", "json"])
def test_text_with_a_bom_is_read_in_every_format(tmp_path: Path, encoding: str, kind: str) -> None:
    article = _article()
    text = {
        "txt": txt(article).decode(),
        "html": html(article),
        "json": json.dumps([json_record(article)], ensure_ascii=False),
    }[kind].replace("Officials", "Officiële")
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(encoding) + data
    doc = _one(tmp_path / f"story.{kind}", data)
    assert isinstance(doc, RawDocument), doc
    assert article.marker in doc.text and "Officiële" in doc.text
    assert doc.source_format == {"txt": "text", "json": "jsonl"}.get(kind, kind)


@pytest.mark.parametrize(
    ("charset", "python_codec", "native"),
    [
        ("windows-1251", "cp1251", RUSSIAN),
        ("Shift_JIS", "shift_jis", JAPANESE),
        ("GB18030", "gb18030", CHINESE),
        ("gb2312", "gb2312", CHINESE),
        ("koi8-r", "koi8-r", RUSSIAN),
    ],
)
def test_declared_charsets_are_honoured(
    tmp_path: Path, charset: str, python_codec: str, native: str
) -> None:
    article = _article()
    page = html(article, charset=charset).replace("<h1>", f"<p>{native}</p><h1>")
    doc = _one(tmp_path / "page.html", page.encode(python_codec))
    assert isinstance(doc, RawDocument), doc
    assert native in doc.text and article.marker in doc.text
    equiv = html(article, meta=False).replace(
        "<head>", f'<head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    )
    doc = _one(
        tmp_path / "equiv.html", equiv.replace("<h1>", f"<p>{native}</p><h1>").encode(python_codec)
    )
    assert isinstance(doc, RawDocument) and native in doc.text


def test_warc_http_charset_is_honoured(tmp_path: Path) -> None:
    article = _article()
    page = html(article, meta=False).replace("<h1>", f"<p>{RUSSIAN}</p><h1>")
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", 'text/html; charset="windows-1251"')], protocol="HTTP/1.1"
    )
    writer.write_record(
        writer.create_warc_record(
            "https://g.example/ru",
            "response",
            payload=io.BytesIO(page.encode("cp1251")),
            http_headers=headers,
        )
    )
    doc = _one(tmp_path / "ru.warc.gz", buffer.getvalue())
    assert isinstance(doc, RawDocument) and RUSSIAN in doc.text


@pytest.mark.parametrize("prose", [SPANISH, FRENCH, PORTUGUESE])
def test_accented_cp1252_text_is_accepted(tmp_path: Path, prose: str) -> None:
    accented = sum(1 for char in prose if ord(char) > 127)
    assert accented / len(prose) > 0.025
    text = f"{prose}\n\n{prose.replace('a', 'o', 3)}\n“Quoted” – and €5 more…"
    assert decode_text(text.encode("cp1252")) == text
    doc = _one(tmp_path / "story.txt", text.encode("cp1252"))
    assert isinstance(doc, RawDocument) and prose[:40] in doc.text


LABELLED: list[tuple[str, bytes, bool]] = [
    ("utf-8", SPANISH.encode(), True),
    ("utf-8 russian", RUSSIAN.encode(), True),
    ("cp1252 spanish", SPANISH.encode("cp1252"), True),
    ("cp1252 french", FRENCH.encode("cp1252"), True),
    ("latin-1 portuguese", PORTUGUESE.encode("latin-1"), True),
    ("cp1252 curly quote", "The minister’s office said “no”.".encode("cp1252"), True),
    ("utf-16", FRENCH.encode("utf-16"), True),
    ("cp1251 undeclared", RUSSIAN.encode("cp1251"), False),
    ("koi8-r undeclared", RUSSIAN.encode("koi8-r"), False),
    ("high bytes", bytes(range(160, 256)) * 4, False),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), False),
    ("utf-16 of binary", b"\xff\xfe" + b"\x00\x00\x07\x00\x1b\x00A\x00" * 40, False),
    ("zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)), False),
]


@pytest.mark.parametrize(("label", "data", "is_text"), LABELLED, ids=[r[0] for r in LABELLED])
def test_labelled_set_text_or_not(label: str, data: bytes, is_text: bool) -> None:
    if is_text:
        assert decode_text(data).strip()
    else:
        with pytest.raises(DecodeError):
            decode_text(data)


def test_only_real_text_codecs_may_be_declared() -> None:
    assert usable_charset("Windows-1251") == "cp1251"
    assert usable_charset("iso-8859-1") == "cp1252"
    assert usable_charset("x-sjis") == "cp932"
    for label in ("unicode_escape", "utf-7", "rot13", "base64", "idna", "x-user-defined", ""):
        assert usable_charset(label) is None, label


@pytest.mark.parametrize(
    ("first_line", "name"),
    [
        ("[Updated] Talks resume on the river data deal", "story.txt"),
        ("[1] A footnote marker starts this article", "notes.txt"),
        ("[Updated 14:02] The ferry timetable changed", "story"),
        ("{Analysis} What the levy vote means", "story.txt"),
        ("[ [![The Courier](https://example.org/logo.png)](https://example.org/)", "page.txt"),
        ("[[Skip to content](#main)", "page.md"),
        ("[](/)", "page.txt"),  # html2text writes a logo link without text so
    ],
)
def test_text_starting_with_a_bracket_stays_text(
    tmp_path: Path, first_line: str, name: str
) -> None:
    article = _article()
    data = f"{first_line}\n\n{article.text}\n".encode()
    assert detect_format(data, name) == "text"
    doc = _one(tmp_path / name, data)
    assert isinstance(doc, RawDocument) and article.marker in doc.text
    assert doc.text.startswith(first_line[:8])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'[{"text": "x"}]', "json"),
        (b'[\n  "a"\n]', "json"),
        (b"[1, 2]", "json"),
        (b"[]", "json"),
        (b"[ ]", "json"),
        (b"[null]", "json"),
        (b'{"text": "x"}\n{"text": "y"}', "jsonl"),
        (b"null", "json"),
        (b"0", "json"),
        (b"true", "json"),
        (b"-1.5e3", "json"),
    ],
)
def test_json_is_still_sniffed(data: bytes, expected: str) -> None:
    assert detect_format(data, "dump.dat") == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"a", "too short to be an article (1 word)"),
        (b"ab", "too short to be an article (1 word)"),
        (b"a b", "too short to be an article (2 words)"),
        (b"\n\n", "empty file"),
        (b"null", "record is a JSON null, not an article object"),
        (b"0", "record is a JSON number, not an article object"),
        (b"true", "record is a JSON boolean, not an article object"),
        (b'"just a string"', "record is a JSON string, not an article object"),
        (b'[null, 7, "x"]', "record is a JSON null, not an article object"),
    ],
)
@pytest.mark.parametrize("name", ["stray.txt", "stray.json"])
def test_stray_values_are_not_articles(tmp_path: Path, data: bytes, reason: str, name: str) -> None:
    (tmp_path / name).write_bytes(data)
    items = list(read_inputs([str(tmp_path / name)], Settings()))
    assert items and all(isinstance(item, IngestIssue) for item in items)
    assert items[0].reason == reason  # type: ignore[union-attr]


def test_json_lines_keep_unicode_line_separators_inside_strings(tmp_path: Path) -> None:
    article = _article()
    record = {**json_record(article), "text": article.text.replace(". ", ".\u2028", 1)}
    path = tmp_path / "lines.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    [doc] = list(read_inputs([str(path)], Settings()))
    assert isinstance(doc, RawDocument) and article.marker in doc.text


def test_warc_gz_compressed_as_one_stream_is_read_whole(tmp_path: Path) -> None:
    articles = [ArticleMaker(seed).article() for seed in (1, 2, 3)]
    plain = warc(
        [(f"https://g.example/{a.marker}", html(a).encode(), []) for a in articles],
        compress=False,
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(plain))
    docs = list(read_inputs([str(path)], Settings()))
    assert [type(d) for d in docs] == [RawDocument] * 3
    assert [d.record for d in docs] == [1, 2, 3]
