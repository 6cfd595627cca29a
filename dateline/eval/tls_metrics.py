"""Timeline-summarisation metrics as the TLS literature reports them (tilse, news-tls).

A timeline maps a day to the sentences that summarise it. Three figures per predicted timeline,
all against one gold timeline:

* **Date-F1**: precision, recall and F1 of the set of predicted days against the gold days.
* **AR-1 / AR-2**: alignment-based ROUGE-1 / ROUGE-2 (tilse's
  ``align_date_content_costs_many_to_one``, Martschat and Markert 2017, "align+ m:1").
  Each predicted day is aligned to the gold day of lowest cost, and each gold day to the
  predicted day of lowest cost (many-to-one both ways,
  ties to the earliest day). The cost of a pair is ``(1 - 1/(|d_pred - d_gold| + 1)) *
  (1 - content)``, where content is a quick ROUGE-1 F1 on raw whitespace tokens (no stemming, case
  kept), so a same-day pair costs 0. For precision, every predicted day adds its ROUGE-N hits
  against its aligned gold day, weighted by ``1/(|d_pred - d_gold| + 1)``, over its own n-gram
  count; for recall, every gold day adds the weighted hits of its aligned predicted day over the
  gold day's n-gram count. ROUGE-N counts are ROUGE-1.5.5's with ``-m -s``
  (``dateline.eval.rouge``).

Over a dataset, news-tls averages precision and recall over the timelines and computes F from
the averages (``average``); the per-timeline F1 is only printed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dateline.eval.clustering import PRF
from dateline.eval.rouge import ngrams, rouge_n_grams, rouge_tokens

Timeline = Mapping[dt.date, Sequence[str]]
"""A day -> the sentences of its summary."""

ROUGE_ORDERS = (1, 2)


@dataclass(frozen=True, slots=True)
class TimelineScores:
    """The three TLS figures of one predicted timeline against one gold timeline."""

    ar1: PRF
    ar2: PRF
    dates: PRF


def date_prf(predicted: Timeline, gold: Timeline) -> PRF:
    """Precision and recall of the predicted days against the gold days (0 for empty sides)."""
    pred, ref = set(predicted), set(gold)
    shared = len(pred & ref)
    return PRF(shared / len(pred) if pred else 0.0, shared / len(ref) if ref else 0.0)


def content_similarity(predicted: Sequence[str], gold: Sequence[str]) -> float:
    """tilse's quick ROUGE-1 F1: clipped overlap of raw whitespace tokens, no normalisation."""
    pred = Counter(token for sentence in predicted for token in sentence.split())
    ref = Counter(token for sentence in gold for token in sentence.split())
    match = sum(min(count, ref[token]) for token, count in pred.items())
    if not match:
        return 0.0
    precision, recall = match / sum(pred.values()), match / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def _date_factor(a: dt.date, b: dt.date) -> float:
    return 1.0 / (abs(a.toordinal() - b.toordinal()) + 1)


def _align(
    sources: Sequence[dt.date], targets: Sequence[dt.date], content: Mapping[tuple[int, int], float]
) -> list[int]:
    """For each source day, the index of the cheapest target day (first one on ties)."""
    chosen: list[int] = []
    for i, source in enumerate(sources):
        costs = [
            (1.0 - _date_factor(source, target)) * (1.0 - content[i, j])
            for j, target in enumerate(targets)
        ]
        chosen.append(min(range(len(costs)), key=costs.__getitem__))
    return chosen


def alignment_rouge(
    predicted: Timeline, gold: Timeline, orders: Sequence[int] = ROUGE_ORDERS
) -> dict[int, PRF]:
    """AR-N precision and recall (many-to-one alignment with date and content costs), per N."""
    pred_days, gold_days = sorted(predicted), sorted(gold)
    if not pred_days or not gold_days:
        return {n: PRF(0.0, 0.0) for n in orders}
    content = {
        (i, j): content_similarity(predicted[p], gold[g])
        for i, p in enumerate(pred_days)
        for j, g in enumerate(gold_days)
    }
    transposed = {(j, i): value for (i, j), value in content.items()}
    to_gold = _align(pred_days, gold_days, content)
    to_pred = _align(gold_days, pred_days, transposed)
    pred_tokens = [rouge_tokens(predicted[day]) for day in pred_days]
    gold_tokens = [rouge_tokens(gold[day]) for day in gold_days]
    result: dict[int, PRF] = {}
    for n in orders:
        pred_grams = [ngrams(tokens, n) for tokens in pred_tokens]
        gold_grams = [ngrams(tokens, n) for tokens in gold_tokens]
        p_num = p_den = r_num = r_den = 0.0
        for i, j in enumerate(to_gold):
            counts = rouge_n_grams(pred_grams[i], gold_grams[j])
            p_num += _date_factor(pred_days[i], gold_days[j]) * counts.hits
            p_den += counts.peer
        for j, i in enumerate(to_pred):
            counts = rouge_n_grams(pred_grams[i], gold_grams[j])
            r_num += _date_factor(pred_days[i], gold_days[j]) * counts.hits
            r_den += counts.model
        result[n] = PRF(p_num / p_den if p_den else 0.0, r_num / r_den if r_den else 0.0)
    return result


def score_timeline(predicted: Timeline, gold: Timeline) -> TimelineScores:
    """AR-1, AR-2 and date precision/recall of one predicted timeline."""
    rouge = alignment_rouge(predicted, gold, (1, 2))
    return TimelineScores(ar1=rouge[1], ar2=rouge[2], dates=date_prf(predicted, gold))


def average(figures: Sequence[PRF]) -> PRF:
    """news-tls's dataset average: mean precision and mean recall (F from those)."""
    if not figures:
        return PRF(0.0, 0.0)
    count = len(figures)
    return PRF(sum(f.precision for f in figures) / count, sum(f.recall for f in figures) / count)
