"""TimeML reading (offsets, entities, nested tags) and byte-preserving writing of TIMEX3 tags."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import pytest

from dateline.eval.bench_data import BENCH_DATA
from dateline.eval.timeml import (
    CrossingTimexError,
    OverlappingTimexError,
    TimeMLError,
    TimexAnnotation,
    parse_timeml,
    read_timeml,
)
from dateline.eval.timeml_write import (
    drop_overlaps,
    output_name,
    render_tagged,
    tag_folder,
    write_tagged,
)
from dateline.eval.timex_score import count_document, score_folders

DATA = BENCH_DATA / "tempeval3"
needs_data = pytest.mark.skipif(
    not DATA.exists(), reason="../shared/bench-data absent: benchmark-backed test"
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "timeml"
GOLD = (FIXTURES / "harbour.tml").read_text(encoding="utf-8")
"""An invented annotated article: EVENTs, three TIMEX3s, an entity, a TLINK."""
INPUT = (FIXTURES / "harbour.tml.TE3input").read_text(encoding="utf-8")
"""The same article as TE-3 input: no tags in TEXT."""
NEW_TAG = r'<TIMEX3 tid="t[1-9]\d*"[^>]*>|</TIMEX3>(?!</DCT>)'
"""Inserted tags (the DCT's TIMEX3 is t0 and closes just before </DCT>)."""


def test_reads_identity_dct_and_title() -> None:
    doc = parse_timeml(GOLD)
    assert doc.docid == "harbour_20190604"
    assert doc.dct == date(2019, 6, 4)
    assert doc.dct_value == "2019-06-04"
    assert doc.title == "Ferry & harbour news"


def test_plain_text_drops_tags_and_decodes_entities() -> None:
    doc = parse_timeml(GOLD)
    assert "<" not in doc.text
    assert "Smith & Sons' pier." in doc.text
    assert doc.text.startswith("\nThe ferry docked on Monday at")


def test_timex_offsets_point_into_plain_text() -> None:
    doc = parse_timeml(GOLD)
    assert [(t.tid, t.text) for t in doc.timexes] == [
        ("t1", "on Monday"),
        ("t2", "every week"),
        ("t3", "about two hours"),
    ]
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text
    last = doc.timexes[2]
    assert (last.type, last.value, last.mod) == ("DURATION", "PT2H", "APPROX")
    assert doc.timexes[1].attributes["quant"] == "EVERY"
    assert [doc.text[e.start : e.end] for e in doc.events] == ["docked", "sails"]


def test_raw_positions_survive_entities() -> None:
    doc = parse_timeml(GOLD)
    amp = doc.text.index("&")
    raw = doc.raw_text[doc.raw_start[amp] : doc.raw_after[amp + 1]]
    assert raw == "&amp;"
    pier = doc.text.index("pier")
    assert doc.raw_text[doc.raw_start[pier] : doc.raw_start[pier] + 4] == "pier"


def test_timex_holding_a_tag_is_flagged() -> None:
    content = GOLD.replace("every week</TIMEX3>", 'every <SIGNAL sid="s1">week</SIGNAL></TIMEX3>')
    doc = parse_timeml(content)
    flagged = {t.tid: t.nested_markup for t in doc.timexes}
    assert flagged == {"t1": False, "t2": True, "t3": False}
    assert doc.timexes[1].text == "every week"


def test_malformed_files_are_refused() -> None:
    with pytest.raises(TimeMLError):
        parse_timeml(GOLD.replace("</EVENT> <TIMEX3", "</TIMEX3> <TIMEX3", 1))
    with pytest.raises(TimeMLError):
        parse_timeml(GOLD.replace("<TEXT>", "<BODY>").replace("</TEXT>", "</BODY>"))


def test_write_inserts_tags_and_changes_nothing_else() -> None:
    doc = parse_timeml(INPUT)
    monday = doc.text.index("on Monday")
    hours = doc.text.index("about two hours")
    timexes = [
        TimexAnnotation(hours, hours + 15, "DURATION", "PT2H", "APPROX"),
        TimexAnnotation(monday, monday + 9, "DATE", "2019-06-03"),
    ]
    tagged = render_tagged(INPUT, timexes)
    assert '<TIMEX3 tid="t1" type="DATE" value="2019-06-03">on Monday</TIMEX3>' in tagged
    assert (
        '<TIMEX3 tid="t2" type="DURATION" value="PT2H" mod="APPROX">about two hours</TIMEX3>'
        in tagged
    )
    assert re.sub(NEW_TAG, "", tagged) == INPUT
    again = parse_timeml(tagged)
    assert [t.text for t in again.timexes] == ["on Monday", "about two hours"]


def test_write_escapes_attributes_and_keeps_entities() -> None:
    doc = parse_timeml(INPUT)
    start = doc.text.index("Smith")
    tagged = render_tagged(INPUT, [TimexAnnotation(start, start + 12, "DATE", 'X"<&')])
    assert 'value="X&quot;&lt;&amp;">Smith &amp; Sons</TIMEX3>' in tagged
    assert parse_timeml(tagged).timexes[0].value == 'X"<&'


def test_overlaps_are_rejected_and_can_be_dropped(caplog: pytest.LogCaptureFixture) -> None:
    doc = parse_timeml(INPUT)
    start = doc.text.index("every week")
    first = TimexAnnotation(start, start + 10, "SET", "P1W")
    second = TimexAnnotation(start + 6, start + 24, "DURATION", "PT2H")
    with pytest.raises(OverlappingTimexError, match="overlap"):
        render_tagged(INPUT, [first, second])
    with caplog.at_level(logging.WARNING):
        kept = drop_overlaps([second, first])
    assert kept == [first]
    assert "dropped timex" in caplog.text


def test_empty_or_outside_spans_are_rejected() -> None:
    doc = parse_timeml(INPUT)
    with pytest.raises(TimeMLError):
        render_tagged(INPUT, [TimexAnnotation(3, 3, "DATE", "2019")])
    with pytest.raises(TimeMLError):
        render_tagged(INPUT, [TimexAnnotation(0, len(doc.text) + 1, "DATE", "2019")])


def test_annotated_input_loses_its_timexes_and_their_links() -> None:
    doc = parse_timeml(GOLD)
    sails = doc.text.index("sails")
    with pytest.raises(CrossingTimexError):
        render_tagged(GOLD, [TimexAnnotation(sails + 2, sails + 11, "SET", "P1W")])
    week = doc.text.index("every week")
    tagged = render_tagged(GOLD, [TimexAnnotation(week, week + 10, "SET", "P1W")])
    again = parse_timeml(tagged)
    assert [(t.tid, t.text) for t in again.timexes] == [("t1", "every week")]
    assert "<TLINK" not in tagged
    assert [again.text[e.start : e.end] for e in again.events] == ["docked", "sails"]


def test_round_trip_of_gold_scores_perfectly(tmp_path: Path) -> None:
    gold = parse_timeml(GOLD)
    timexes = [TimexAnnotation(t.start, t.end, t.type, t.value, t.mod) for t in gold.timexes]
    system = parse_timeml(render_tagged(INPUT, timexes))
    counts = count_document(gold, system)
    assert (counts.gold, counts.system) == (3, 3)
    assert counts.strict == counts.relaxed == counts.value == counts.type == 3


def test_tag_folder_names_outputs_after_docid(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "harbour_draft.tml.TE3input").write_text(INPUT, encoding="utf-8")
    (inputs / "notes.txt").write_text("not TimeML", encoding="utf-8")
    seen: list[date | None] = []

    def tagger(text: str, reference: date | None) -> list[TimexAnnotation]:
        seen.append(reference)
        start = text.index("every week")
        return [
            TimexAnnotation(start, start + 10, "SET", "P1W"),
            TimexAnnotation(start + 6, start + 10, "DURATION", "P1W"),
        ]

    assert tag_folder(inputs, tmp_path / "out", tagger) == 1
    assert seen == [date(2019, 6, 4)]
    written = tmp_path / "out" / "harbour_20190604.tml"
    assert [t.text for t in read_timeml(written).timexes] == ["every week"]


def test_output_name_falls_back_on_the_input_name() -> None:
    doc = parse_timeml(INPUT.replace("<DOCID>harbour_20190604</DOCID>", ""))
    assert output_name(doc, Path("x/story_1.tml.TE3input")) == "story_1.tml"
    tweet = parse_timeml(INPUT.replace("harbour_20190604", "tweet_7.tml"))
    assert output_name(tweet, Path("whatever.tml")) == "tweet_7.tml"


def test_write_tagged_preserves_crlf_bytes(tmp_path: Path) -> None:
    source = tmp_path / "crlf.tml.TE3input"
    source.write_bytes(INPUT.replace("\n", "\r\n").encode("utf-8"))
    doc = read_timeml(source)
    start = doc.text.index("on Monday")
    target = write_tagged(
        source, tmp_path / "crlf.tml", [TimexAnnotation(start, start + 9, "DATE", "2019-06-03")]
    )
    stripped = re.sub(NEW_TAG.encode(), b"", target.read_bytes())
    assert stripped == source.read_bytes()


@needs_data
def test_platinum_round_trip_is_byte_exact_and_scores_100(tmp_path: Path) -> None:
    inputs = {}
    for path in sorted((DATA / "test" / "te3-platinum-input").iterdir()):
        inputs[output_name(read_timeml(path), path)] = path
    gold_dir = DATA / "test" / "te3-platinum"
    assert sorted(inputs) == sorted(p.name for p in gold_dir.glob("*.tml"))
    for name, source in inputs.items():
        gold = read_timeml(gold_dir / name)
        timexes = [TimexAnnotation(t.start, t.end, t.type, t.value, t.mod) for t in gold.timexes]
        target = write_tagged(source, tmp_path / name, timexes)
        stripped = re.sub(NEW_TAG.encode(), b"", target.read_bytes())
        assert stripped == source.read_bytes(), name
    result = score_folders(gold_dir, tmp_path)
    assert result.counts.gold == result.counts.system == 138
    for figure in (result.strict, result.relaxed, result.value, result.type):
        assert figure.f1 == 1.0
