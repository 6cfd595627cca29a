"""The page benchmark's metrics on hand-computed tiny inputs, and its command on three pages."""

from __future__ import annotations

import argparse
import io
import json
from datetime import date, datetime

import pytest

from dateline.eval import pages_data
from dateline.eval.pages_cli import (
    DATELINE,
    DATELINE_HTML,
    HTML_SYSTEMS,
    RAW,
    TEXT_SYSTEMS,
    _renderers,
    raw_dump,
    wrap_paragraphs,
)
from dateline.eval.pages_score import (
    NO_SILVER,
    RIGHT,
    UNKNOWN,
    WRONG,
    ShingleCounts,
    SnippetCounts,
    date_outcome,
    headline_right,
    shingle_counts,
    shingle_prf,
    shingles,
    snippet_counts,
)
from dateline.eval.render import render
from dateline.interfaces.cli import main

# --- ScrapingHub shingle metric -------------------------------------------------------------


def test_shingles_are_counted_word_4grams_with_case_kept() -> None:
    assert shingles("a b, c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    assert shingles("The cat") == {("The", "cat"): 1}  # shorter than 4: one short shingle
    assert shingles("") == {}
    assert shingles("!!! ...") == {}
    assert shingles(None) == {}


def test_shingle_counts_are_normalised_to_sum_one() -> None:
    # gold abcd, bcde; predicted abcd: tp 1, fp 0, fn 1 -> halves
    assert shingle_counts("a b c d e", "a b c d") == ShingleCounts(0.5, 0.0, 0.5)
    # gold abcd x2, bcda, cdab, dabc; predicted abcd x1: tp 1, fn 4 -> 1/5, 4/5
    assert shingle_counts("a b c d a b c d", "a b c d") == ShingleCounts(0.2, 0.0, 0.8)
    # case matters, as in the official script
    assert shingle_counts("The cat sat down", "the cat sat down") == ShingleCounts(0, 0.5, 0.5)
    assert shingle_counts("", "") == ShingleCounts(0.0, 0.0, 0.0)


def test_shingle_prf_averages_over_documents_as_the_official_script() -> None:
    documents = [
        shingle_counts("a b c d e", "a b c d"),  # P 1, R 0.5
        shingle_counts("x y z w", ""),  # empty prediction: out of P, R 0
        shingle_counts("", ""),  # both empty: out of both
        shingle_counts("", "p q r s"),  # empty gold: P 0, out of R
    ]
    prf = shingle_prf(documents)
    assert prf.precision == pytest.approx(0.5)  # mean(1, 0)
    assert prf.recall == pytest.approx(0.25)  # mean(0.5, 0)
    assert prf.f1 == pytest.approx(1 / 3)  # 2 * 0.5 * 0.25 / 0.75
    assert shingle_prf([]).f1 == 0.0


# --- trafilatura snippet metric -------------------------------------------------------------


def test_snippet_counts_normalise_white_space_and_keep_case() -> None:
    output = "The  quick\nbrown fox.\nMenu   Home"
    counts = snippet_counts(output, ["quick brown fox", "lazy dog"], ["Menu Home", "Cookies"])
    assert counts == SnippetCounts(tp=1, fp=1, fn=1, tn=1)
    assert snippet_counts(output, ["Quick brown fox"], []) == SnippetCounts(fn=1)


def test_snippet_scores_over_all_pages() -> None:
    total = SnippetCounts()
    total.add(
        snippet_counts(
            "quick brown fox Menu Home", ["quick brown fox", "lazy dog"], ["Menu Home", "Cookies"]
        )
    )
    total.add(snippet_counts(None, ["a"], ["b"]))  # no output: every "with" missed
    assert total == SnippetCounts(tp=1, fp=1, fn=2, tn=2)
    assert total.precision == pytest.approx(0.5)
    assert total.recall == pytest.approx(1 / 3)
    assert total.f1 == pytest.approx(0.4)  # 2 / (2 + 1 + 2)
    assert total.accuracy == pytest.approx(0.5)
    assert SnippetCounts().f1 == 0.0


# --- headline and date ----------------------------------------------------------------------


def test_headline_right_at_token_f1_point_eight() -> None:
    # 4 shared of 4 and 6 tokens: F1 8/10 = 0.8
    assert headline_right("Storm hits the coast", ("Storm hits the coast | Daily News",))
    # 4 shared of 4 and 7 tokens: F1 8/11 < 0.8, but the part before " | " matches whole
    assert headline_right("Storm hits the coast", ("Storm hits the coast | The Daily News",))
    # the site's name is a part of the title, but never the headline
    assert not headline_right("The Daily News", ("Storm hits the coast | The Daily News",))
    # 3 shared of 4 and 5 tokens: F1 6/9 < 0.8, and no part of the title matches either
    assert not headline_right("Storm hits the coast", ("Storm hits the town | The Daily News",))
    assert headline_right("STORM HITS THE COAST", ("Site name", "storm hits the coast"))
    assert not headline_right(None, ("Storm",))
    assert not headline_right("— | —", ("Storm",))
    assert not headline_right("Storm", ())


def test_date_outcomes() -> None:
    silver = date(2022, 4, 21)
    assert date_outcome(date(2022, 4, 21), silver) == RIGHT
    assert date_outcome(datetime(2022, 4, 21, 23, 59), silver) == RIGHT
    assert date_outcome("2022-04-21T10:00:00+02:00", silver) == RIGHT
    assert date_outcome(date(2022, 4, 22), silver) == WRONG
    assert date_outcome(None, silver) == UNKNOWN
    assert date_outcome("not a date", silver) == UNKNOWN
    assert date_outcome(date(2022, 4, 21), None) == NO_SILVER


# --- the command's pieces -------------------------------------------------------------------


def test_raw_dump_and_paragraph_wrapping() -> None:
    dump = "\n  Menu <Home>  \n\nStorm & rain\n"
    assert raw_dump(dump).headline == "Menu <Home>"
    assert raw_dump(dump).body == dump
    assert raw_dump("").headline is None
    assert wrap_paragraphs(dump) == (
        "<html><body>\n<p>Menu &lt;Home&gt;</p>\n<p>Storm &amp; rain</p>\n</body></html>"
    )


def test_renderer_option() -> None:
    assert _renderers("browser, markdown") == ("browser", "markdown")
    with pytest.raises(argparse.ArgumentTypeError):
        _renderers("browser,pdf")


@pytest.mark.skipif(
    not pages_data.available(), reason="needs ../shared/bench-data/boilerplate (page benchmark)"
)
def test_command_on_three_tune_pages() -> None:
    out = io.StringIO()
    assert main(["eval", "pages", "--limit", "3", "--json"], stdout=out) == 0
    figures = json.loads(out.getvalue())
    assert figures["split"] == "tune"
    assert figures["pages"] == 3
    assert figures["body_metric"] == "snippet"
    assert set(figures["renderers"]) == {"browser", "markdown", "inscriptis", "lynx"}
    for block in figures["renderers"].values():
        systems = block["systems"]
        assert set(systems) == {*TEXT_SYSTEMS, *HTML_SYSTEMS}
        for name, row in systems.items():
            assert 0.0 <= row["body"]["f1"] <= 1.0
            assert 0.0 <= row["silver_body"]["f1"] <= 1.0
            if name != DATELINE:
                assert row["failures"] == 0, row["first_failure"]
        assert systems[RAW]["dates"] is None
        assert sum(systems[DATELINE]["dates"].values()) == 3
        assert sum(systems[DATELINE_HTML]["dates"].values()) == 3
    assert figures["dateline_pages_per_second"]["all"] > 0


def test_the_lynx_layout() -> None:
    page = (
        "<html><body><nav><ul><li><a href='/'>Home</a></li></ul></nav><h1>Dam opens</h1>"
        "<p>By <a href='/a'>Ana Lenz</a></p><p>" + "Engineers opened two gates. " * 6 + "</p>"
        "<script>hidden()</script></body></html>"
    )
    lines = render(page, "lynx").splitlines()
    assert lines[:3] == ["     * [1]Home", "Dam opens", ""]
    assert lines[3] == "   By [2]Ana Lenz"
    body = [line for line in lines[5:] if line]
    assert len(body) >= 2 and all(line.startswith("   ") and len(line) <= 77 for line in body)
    assert "hidden" not in "\n".join(lines)
