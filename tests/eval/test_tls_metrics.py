"""AR-1/AR-2 (tilse align+ m:1) and Date-F1 on hand-computed tiny timelines."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.eval.clustering import PRF
from dateline.eval.tls_metrics import (
    alignment_rouge,
    average,
    content_similarity,
    date_prf,
    score_timeline,
)

D1, D2, D3 = dt.date(2020, 3, 1), dt.date(2020, 3, 2), dt.date(2020, 3, 5)


def test_identical_timelines_score_one() -> None:
    gold = {D1: ["Storm hits coast towns."], D3: ["Rebuilding begins in harbour."]}
    scores = score_timeline(gold, gold)
    assert scores.ar1.f1 == pytest.approx(1.0)
    assert scores.ar2.f1 == pytest.approx(1.0)
    assert scores.dates.f1 == pytest.approx(1.0)


def test_date_prf() -> None:
    prf = date_prf(
        {D1: ["a"], D2: ["b"]}, {D1: ["a"], D3: ["c"], D2: ["d"], dt.date(2020, 4, 1): ["e"]}
    )
    assert (prf.precision, prf.recall) == (1.0, 0.5)
    assert date_prf({}, {D1: ["a"]}) == PRF(0.0, 0.0)


def test_off_by_one_day_halves_the_credit() -> None:
    # same content one day late: weight 1/(1+1); tokens storm, hit, coast, town
    predicted = {D2: ["Storm hits coast towns."]}
    gold = {D1: ["Storm hits coast towns."]}
    ar1 = alignment_rouge(predicted, gold, (1,))[1]
    assert ar1.precision == pytest.approx(0.5)
    assert ar1.recall == pytest.approx(0.5)


def test_many_to_one_alignment_prefers_content_over_small_date_gap() -> None:
    # predicted D2 is one day from D1 (cost 0.5 * (1 - 0)) and three from D3 whose content it
    # repeats exactly (cost 0.75 * 0): it aligns to D3 and gets weight 1/4.
    predicted = {D2: ["harbour rebuilding begins"]}
    gold = {D1: ["storm hits towns"], D3: ["harbour rebuilding begins"]}
    ar1 = alignment_rouge(predicted, gold, (1,))[1]
    # precision: 3 hits * 1/4 over 3 predicted unigrams (harbour, rebuild, begin)
    assert ar1.precision == pytest.approx(0.25)
    # recall: D1 -> D2 (only predicted day): 0 hits; D3 -> D2: 3 * 1/4; over 3 + 3 gold unigrams
    assert ar1.recall == pytest.approx(0.75 / 6)


def test_same_day_costs_nothing_even_without_overlap() -> None:
    # predicted D1 has no overlap with gold D1 but shares D1's day: it aligns there (cost 0)
    predicted = {D1: ["harbour rebuilding begins"]}
    gold = {D1: ["storm hits towns"], D2: ["harbour rebuilding begins"]}
    ar1 = alignment_rouge(predicted, gold, (1,))[1]
    assert ar1.precision == 0.0


def test_content_similarity_is_raw_token_f1() -> None:
    assert content_similarity(["a b c d"], ["a b x y"]) == pytest.approx(0.5)
    assert content_similarity(["A"], ["a"]) == 0.0


def test_average_uses_mean_precision_and_recall() -> None:
    avg = average([PRF(1.0, 0.0), PRF(0.0, 1.0)])
    assert (avg.precision, avg.recall) == (0.5, 0.5)
    assert avg.f1 == pytest.approx(0.5)


def test_empty_prediction_scores_zero() -> None:
    assert alignment_rouge({}, {D1: ["storm"]})[1] == PRF(0.0, 0.0)
