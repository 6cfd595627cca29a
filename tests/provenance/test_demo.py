"""The demo corpus's reprint, spun rewrite and translated copy, read from examples/demo through
ingest, clean and pubdate as the pipeline does: each is linked to its original with the right
relation and carries the right flags (examples/demo-TRUTH.md, "Reprint, spin, translation")."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from dateline.clean import SYNDICATION_NOTE, clean_document
from dateline.dates.published import date_article
from dateline.ingest import read_inputs
from dateline.model import RawDocument, StyleFlag
from dateline.provenance.flags import build_lexicon, detect_flags
from dateline.provenance.relations import (
    COPY,
    REWRITE,
    Document,
    Link,
    find_links,
    independent_groups,
)
from dateline.settings import Settings

DEMO = Path(__file__).resolve().parents[2] / "examples/demo"
A07 = "harbor-times-2025-03-25-lunesse-mediation"
A08 = "worldnews-digest-lunesse-discussions"
A09 = "cp-2025-04-08-lunesse-walkout"
A10 = "daily-meridian-2025-04-08-walkout"
A11 = "euronewshub-ostrand-delegation-leaves"
H03 = "newsline24-2025-04-08-lunesse-talks-collapse"

Demo = tuple[list[Document], dict[str, list[str]], list[Link]]
"""The cleaned documents, the reasons of their cut lines, and the links among them."""


@pytest.fixture(scope="module")
def demo() -> Demo:
    paths = sorted(str(p) for folder in ("txt", "html") for p in (DEMO / folder).iterdir())
    documents, reasons = [], {}
    for raw in read_inputs(paths, Settings()):
        if not isinstance(raw, RawDocument):
            continue
        cleaned = clean_document(raw)
        published, cleaned = date_article(cleaned, now=datetime(2025, 6, 1, tzinfo=UTC))
        name = Path(raw.path).stem
        cut = [line.reason for line in cleaned.removed]
        documents.append(Document(name, cleaned.text, published.value, SYNDICATION_NOTE in cut))
        reasons[name] = cut
    return documents, reasons, find_links(documents)


def _flags(demo: Demo, name: str) -> dict[str, StyleFlag]:
    documents, reasons, links = demo
    texts = {doc.id: doc.text for doc in documents}
    mine = [link for link in links if link.derived == name]
    original = texts[mine[0].source] if mine else None
    lexicon = build_lexicon(texts.values())
    found = detect_flags(texts[name], reasons[name], original, links=mine, lexicon=lexicon)
    return {flag.name: flag for flag in found}


def test_demo_links_are_the_reprint_the_spin_and_the_translation(demo: Demo) -> None:
    found = {(link.derived, link.source, link.relation) for link in demo[2]}
    assert found == {(H03, A09, COPY), (A08, A07, REWRITE), (A11, A10, REWRITE)}


def test_spun_rewrite_is_flagged_spun_with_its_swaps_and_typos(demo: Demo) -> None:
    flags = _flags(demo, A08)
    assert set(flags) == {"spun", "typos"}
    assert "'talks' -> 'discussions' against the original" in flags["spun"].evidence
    assert any("'compensaton'" in item for item in flags["typos"].evidence)
    assert any("'transparancy'" in item for item in flags["typos"].evidence)


def test_translated_copy_is_flagged_machine_translated(demo: Demo) -> None:
    flags = _flags(demo, A11)
    assert set(flags) == {"machine-translated"}
    assert any(item.startswith("'Sir. Reyl'") for item in flags["machine-translated"].evidence)


def test_originals_and_the_verbatim_reprint_carry_no_style_flag(demo: Demo) -> None:
    for name in (A07, A09, A10, H03):
        assert _flags(demo, name) == {}


def test_reader_comments_are_flagged_from_the_clean_stage(demo: Demo) -> None:
    assert "has-reader-comments" in _flags(demo, "harbor-times-2025-04-22-second-flood")


def test_four_walkout_reports_are_two_independent_sources(demo: Demo) -> None:
    walkout = [A09, A10, A11, H03]  # the demo's E05 reports among txt/ and html/
    groups = independent_groups(walkout, demo[2])
    assert groups == [{A09, H03}, {A10, A11}]
