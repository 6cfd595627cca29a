"""TE-3 Task A timex scores: tokens, pairing, strict vs relaxed, attribute P/R, anchor figures."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from dateline.eval import timex_cli
from dateline.eval.bench_data import BENCH_DATA
from dateline.eval.timeml import TimeMLDocument, parse_timeml
from dateline.eval.timex_score import (
    TimexCounts,
    count_document,
    count_folders,
    score_folders,
    scores,
    tokenize,
)

DATA = BENCH_DATA / "tempeval3"
needs_data = pytest.mark.skipif(
    not DATA.exists(), reason="../shared/bench-data absent: benchmark-backed test"
)


def doc(body: str) -> TimeMLDocument:
    """A one-paragraph TimeML document around ``body`` (TEXT content with its tags)."""
    return parse_timeml(
        "<TimeML><DOCID>d1</DOCID>"
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2021-09-10">Sept 10</TIMEX3></DCT>'
        f"<TEXT>\n{body}\n</TEXT></TimeML>"
    )


def tx(text: str, value: str = "2021-09-06", kind: str = "DATE", tid: str = "t1") -> str:
    return f'<TIMEX3 tid="{tid}" type="{kind}" value="{value}">{text}</TIMEX3>'


def words(text: str) -> list[str]:
    return [text[span.start : span.end] for span in tokenize(text)]


def test_tokens_follow_the_toolkit_tokenizer() -> None:
    assert words("From 2009-2010 (roughly), it didn't.") == [
        "From",
        "2009",
        "-",
        "2010",
        "(",
        "roughly",
        ")",
        ",",
        "it",
        "did",
        "n't",
        ".",
    ]
    assert words("a sub-five-minute run") == ["a", "sub-five-minute", "run"]
    assert words("the U.S. and Jan. 5") == ["the", "U.S.", "and", "Jan.", "5"]
    assert words("Monday's game at 3:30 p.m.") == ["Monday", "'s", "game", "at", "3:30", "p.m."]


def test_identical_annotation_matches_everything() -> None:
    body = f"The fair opened {tx('on Monday')} and ran {tx('two weeks', 'P2W', 'DURATION', 't2')}."
    counts = count_document(doc(body), doc(body))
    assert (counts.gold, counts.system, counts.strict, counts.relaxed) == (2, 2, 2, 2)
    assert (counts.value, counts.type) == (2, 2)


def test_shorter_extent_is_relaxed_not_strict() -> None:
    gold = doc(f"The fair opened {tx('on Monday')}.")
    system = doc(f"The fair opened on {tx('Monday')}.")
    counts = count_document(gold, system)
    assert (counts.strict, counts.relaxed, counts.value, counts.type) == (0, 1, 1, 1)


def test_no_overlap_is_no_match() -> None:
    gold = doc(f"The fair opened {tx('on Monday')} in town.")
    system = doc(f"The fair opened on Monday in {tx('town')}.")
    counts = count_document(gold, system)
    assert (counts.gold, counts.system, counts.relaxed) == (1, 1, 0)


def test_one_system_timex_pairs_with_one_gold_timex_only() -> None:
    gold = doc(f"Prices rose {tx('Monday')} and {tx('Tuesday', '2021-09-07', tid='t2')}.")
    system = doc(f"Prices rose {tx('Monday and Tuesday', 'XXXX')}.")
    counts = count_document(gold, system)
    assert (counts.gold, counts.system, counts.relaxed, counts.strict) == (2, 1, 1, 0)
    assert counts.value == 0


def test_timexes_sharing_one_token_keep_only_the_last() -> None:
    # the tokenizer splits a token with a single inner hyphen...
    split = doc(f"From {tx('2009', '2009')}-{tx('2010', '2010', tid='t2')} it grew.")
    assert count_document(split, split).gold == 2
    # "mid-2009-10" is one token (two hyphens): the first timex loses its token and vanishes
    shared = doc(f"From mid-{tx('2009', '2009')}-{tx('10', '2010', tid='t2')} it grew.")
    counts = count_document(shared, shared)
    assert (counts.gold, counts.relaxed) == (1, 1)


def test_event_after_gold_timex_keeps_it_open() -> None:
    # the toolkit's quirk: a timex stays open over following EVENT tokens
    gold = doc(f'The mayor {tx("Friday")} <EVENT eid="e1" class="REPORTING">said</EVENT> so.')
    system = doc(f"The mayor Friday {tx('said', 'XXXX')} so.")
    counts = count_document(gold, system)
    assert (counts.relaxed, counts.strict) == (1, 0)


def test_timex_holding_a_tag_is_not_counted() -> None:
    signalled = tx("every <SIGNAL sid='s1'>week</SIGNAL>", "P1W", "SET")
    gold = doc(f"It runs {signalled}.")
    system = doc(f"It runs {tx('every week', 'P1W', 'SET')}.")
    counts = count_document(gold, system)
    assert (counts.gold, counts.system, counts.relaxed) == (0, 1, 0)


def test_different_text_is_an_error() -> None:
    with pytest.raises(ValueError, match="TEXT differs"):
        count_document(doc("It rained on Monday."), doc("It rained on Tuesday."))


def test_attribute_precision_and_recall_use_system_and_gold_totals() -> None:
    counts = TimexCounts(files=1, gold=4, system=2, strict=1, relaxed=2, value=1, type=2)
    result = scores(counts)
    assert result.relaxed.precision == 1.0 and result.relaxed.recall == 0.5
    assert result.value.precision == 0.5 and result.value.recall == 0.25
    assert result.value.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    # the toolkit's form: accuracy over relaxed matches times relaxed F1
    assert result.type.f1 == pytest.approx(2 / 2 * result.relaxed.f1)


def test_nothing_on_either_side_scores_one() -> None:
    assert scores(TimexCounts(files=1)).strict.f1 == 1.0


def test_missing_system_file_counts_as_nothing(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "system").mkdir()
    body = f"The fair opened {tx('on Monday')}."
    raw = f"<TimeML><DOCID>d1</DOCID><TEXT>\n{body}\n</TEXT></TimeML>"
    (tmp_path / "gold" / "a.tml").write_text(raw, encoding="utf-8")
    (tmp_path / "gold" / "b.tml").write_text(raw, encoding="utf-8")
    (tmp_path / "system" / "a.tml").write_text(raw, encoding="utf-8")
    counts = count_folders(tmp_path / "gold", tmp_path / "system")
    assert (counts.files, counts.missing, counts.gold, counts.system, counts.strict) == (
        2,
        1,
        2,
        1,
        1,
    )


def _cli(gold: Path, system: Path, *extra: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    timex_cli.register(parser.add_subparsers(dest="benchmark"))
    args = parser.parse_args(["timex-score", str(gold), str(system), *extra])
    out = io.StringIO()
    return args.handler(args, out), out.getvalue()


def test_cli_table_and_json(tmp_path: Path) -> None:
    raw = f"<TimeML><TEXT>\nThe fair opened {tx('on Monday')}.\n</TEXT></TimeML>"
    for folder in ("gold", "system"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.tml").write_text(raw, encoding="utf-8")
    code, table = _cli(tmp_path / "gold", tmp_path / "system")
    assert code == 0
    assert "| strict extent | 100.00 | 100.00 | 100.00 |" in table
    code, text = _cli(tmp_path / "gold", tmp_path / "system", "--json")
    figures = json.loads(text)
    assert figures["value"]["f1"] == 1.0 and figures["counts"]["gold"] == 1
    code, text = _cli(tmp_path / "gold", tmp_path / "nowhere")
    assert code == 2 and "not a folder" in text


ANCHORS = [
    # gold folder, anchor output, strict F1, relaxed F1, value F1, type F1 (README.txt)
    ("test/te3-platinum", "heideltime-2.2.1-treetagger-platinum", 81.78, 90.71, 78.07, 83.27),
    ("test/te3-platinum", "heideltime-2.2.1-nopos-platinum", 80.90, 89.89, 74.16, 82.40),
    (
        "test/te3-platinum",
        "recognizers-text-date-time-1.0.2a2-platinum",
        68.97,
        85.06,
        59.77,
        72.80,
    ),
    (
        "train/TBAQ-cleaned/TimeBank",
        "heideltime-2.2.1-treetagger-TBAQ-TimeBank",
        85.34,
        91.94,
        79.56,
        89.66,
    ),
    (
        "train/TBAQ-cleaned/AQUAINT",
        "heideltime-2.2.1-treetagger-TBAQ-AQUAINT",
        81.34,
        92.52,
        73.09,
        84.44,
    ),
]


@needs_data
@pytest.mark.parametrize(("gold", "system", "strict", "relaxed", "value", "kind"), ANCHORS)
def test_anchor_figures_of_the_official_toolkit(
    gold: str, system: str, strict: float, relaxed: float, value: float, kind: str
) -> None:
    result = score_folders(DATA / gold, DATA / "anchor-outputs" / system)
    assert result.counts.missing == 0
    assert 100 * result.strict.f1 == pytest.approx(strict, abs=0.3)
    assert 100 * result.relaxed.f1 == pytest.approx(relaxed, abs=0.3)
    assert 100 * result.value.f1 == pytest.approx(value, abs=0.3)
    assert 100 * result.type.f1 == pytest.approx(kind, abs=0.3)
