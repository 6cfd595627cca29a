"""Train the page-structure models (``dateline/clean/page_model.json``) from tuning pages only.

    .venv/bin/python bench/train_page_model.py [--check]

Reads the English pages of trafilatura's evaluation set (the page benchmark's ``tune`` split,
never the report split), renders each the three ways of ``dateline.eval.render``, and labels
every line automatically:

* body: most of the line's word trigrams occur in trafilatura's extraction of the same page's
  HTML (short lines: the whole line occurs there); a line holding one of the set's gold
  "with" snippets is body, one holding a "without" snippet is not;
* headline: the line's words match the page's og:title, h1 or <title> (or a part of one) at
  token F1 >= 0.8, as the page benchmark scores headlines.

It prints five-fold cross-validated figures (pages kept whole within a fold), then fits the
models on every page and writes their weights. ``--check`` prints the figures without writing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt
import trafilatura
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from dateline.clean import page
from dateline.clean.features import FEATURE_NAMES, FloatArray, line_features
from dateline.eval.pages_data import Page, load_pages
from dateline.eval.pages_score import headline_right
from dateline.eval.render import render

OUT = Path(__file__).resolve().parents[1] / "dateline" / "clean" / page.MODEL_FILE
FOLDS = 5
SEED_FOLDS = 3
"""Inner folds that give the second body model out-of-fold first-model scores to learn from."""
BODY_SHARE = 0.5
C = 1.0
HEADLINE_THRESHOLD = 0.1
"""The least score for the best candidate to count as the page's headline."""
_TOKEN = re.compile(r"\w+")
IntArray = npt.NDArray[np.int64]


def tokens(text: str) -> list[str]:
    return [token.lower() for token in _TOKEN.findall(text)]


def body_labels(lines: page.PageLines, silver: str, item: Page) -> IntArray:
    """1 for each line the page's extracted main text (or gold snippet) holds, else 0."""
    silver_tokens = tokens(silver)
    trigrams = {tuple(silver_tokens[i : i + 3]) for i in range(len(silver_tokens) - 2)}
    joined = f" {' '.join(silver_tokens)} "
    labels = []
    for line in lines.plain:
        words = tokens(line.text)
        if len(words) < 3:
            labels.append(int(len(words) == 2 and f" {' '.join(words)} " in joined))
            continue
        grams = {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
        labels.append(int(len(grams & trigrams) / len(grams) >= BODY_SHARE))
    for i, line in enumerate(lines.plain):
        lowered = " ".join(line.text.split()).lower()
        if _holds(lowered, item.must_not_have):
            labels[i] = 0
        if _holds(lowered, item.must_have):
            labels[i] = 1
    return np.array(labels)


def _holds(line: str, snippets: tuple[str, ...]) -> bool:
    return any(len(s) > 3 and " ".join(s.split()).lower() in line for s in snippets)


class Doc:
    """One rendering of one page: its lines, features and labels."""

    def __init__(self, group: int, item: Page, how: str, text: str, silver: str) -> None:
        self.group = group
        self.item = item
        self.how = how
        self.lines = page.page_lines(text)
        self.features = line_features(self.lines.plain, self.lines.blank)
        self.body = body_labels(self.lines, silver, item)
        self.scores: FloatArray = np.zeros(len(self.body))
        self.found: int | None = None


TRAINED_ON = ("browser", "markdown", "inscriptis")
"""The renderings the shipped models learn from; the benchmark's lynx rendering is held out,
to measure a layout the models never saw."""


def load_docs() -> list[Doc]:
    docs = []
    for group, item in enumerate(load_pages("tune")):
        silver = trafilatura.extract(item.html, include_comments=False, include_tables=False)
        for how in TRAINED_ON:
            doc = Doc(group, item, how, render(item.html, how), silver or "")
            if doc.lines.plain:
                docs.append(doc)
    return docs


def fit(rows: FloatArray, labels: IntArray, weights: FloatArray) -> dict[str, object]:
    scaler = StandardScaler().fit(rows)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=C, max_iter=5000).fit(
        (rows - scaler.mean_) / scale, labels, sample_weight=weights
    )
    return {
        "mean": scaler.mean_.round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "coef": model.coef_[0].round(6).tolist(),
        "intercept": round(float(model.intercept_[0]), 6),
    }


def word_weights(doc: Doc) -> FloatArray:
    """Longer lines weigh more: the benchmarks score words, not lines."""
    counts = np.array([len(line.text.split()) + 1 for line in doc.lines.plain], np.float64)
    return np.sqrt(counts)


def train_body(docs: list[Doc]) -> tuple[dict[str, object], dict[str, object]]:
    """The two body models; the second learns from out-of-fold scores of the first."""
    rows = np.vstack([doc.features for doc in docs])
    labels = np.concatenate([doc.body for doc in docs])
    weights = np.concatenate([word_weights(doc) for doc in docs])
    groups = np.concatenate([[doc.group] * len(doc.body) for doc in docs])
    first = fit(rows, labels, weights)
    scores = np.zeros(len(labels))
    for train, test in GroupKFold(SEED_FOLDS).split(rows, labels, groups):
        scores[test] = page._logistic(fit(rows[train], labels[train], weights[train]), rows[test])
    stacked, start = [], 0
    for doc in docs:
        end = start + len(doc.body)
        stacked.append(np.hstack([doc.features, page.stacked_scores(scores[start:end])]))
        start = end
    second = fit(np.vstack(stacked), labels, weights)
    return first, second


def body_scores(docs: list[Doc], first: dict[str, object], second: dict[str, object]) -> None:
    for doc in docs:
        one = page._logistic(first, doc.features)
        doc.scores = page._logistic(second, np.hstack([doc.features, page.stacked_scores(one)]))


def headline_rows(docs: list[Doc]) -> tuple[list[FloatArray], list[IntArray]]:
    """Per rendering, its headline candidates' feature rows and labels."""
    rows, labels = [], []
    for doc in docs:
        candidates, features = page.headline_features(doc.lines, doc.features, doc.scores)
        rows.append(features)
        labels.append(
            np.array(
                [int(headline_right(doc.lines.plain[i].text, doc.item.titles)) for i in candidates]
            )
        )
    return rows, labels


def train_headline(docs: list[Doc]) -> dict[str, dict[str, object]]:
    """The two headline models; the second learns from out-of-fold scores of the first."""
    rows, labels = headline_rows(docs)
    groups = np.array([doc.group for doc in docs])
    first_scores: list[FloatArray] = [np.zeros(len(r)) for r in rows]
    for train, test in GroupKFold(SEED_FOLDS).split(groups, groups, groups):
        inner = _fit_headline([rows[i] for i in train], [labels[i] for i in train])
        for i in test:
            first_scores[i] = page._logistic(inner, rows[i])
    first = _fit_headline(rows, labels)
    stacked = [
        np.hstack([r, page.headline_context(s)]) for r, s in zip(rows, first_scores, strict=True)
    ]
    second = _fit_headline(stacked, labels)
    second["threshold"] = HEADLINE_THRESHOLD
    return {"headline": first, "headline2": second}


def _fit_headline(rows: list[FloatArray], labels: list[IntArray]) -> dict[str, object]:
    joined = np.vstack(rows)
    return fit(joined, np.concatenate(labels), np.ones(len(joined)))


def cross_validate(docs: list[Doc]) -> None:
    """Per-rendering line F1 of the body models and headline accuracy, five folds by page."""
    groups = np.array([doc.group for doc in docs])
    for train, test in GroupKFold(FOLDS).split(groups, groups, groups):
        train_docs = [docs[i] for i in train]
        test_docs = [docs[i] for i in test]
        first, second = train_body(train_docs)
        body_scores(train_docs, first, second)
        body_scores(test_docs, first, second)
        headline = train_headline(train_docs)
        for doc in test_docs:
            doc.found = page.choose_headline(headline, doc.lines, doc.features, doc.scores)
    print("| rendering | lines | line P | line R | line F1 | headline right |")
    print("|---|---:|---:|---:|---:|---:|")
    for how in TRAINED_ON:
        chosen = [doc for doc in docs if doc.how == how]
        predicted = np.concatenate(
            [doc.scores >= page.body_threshold(doc.scores) for doc in chosen]
        )
        gold = np.concatenate([doc.body for doc in chosen]).astype(bool)
        tp = float((predicted & gold).sum())
        precision, recall = tp / max(predicted.sum(), 1), tp / max(gold.sum(), 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        right = sum(
            doc.found is not None
            and headline_right(doc.lines.plain[doc.found].text, doc.item.titles)
            for doc in chosen
        )
        print(
            f"| {how} | {len(gold)} | {precision:.3f} | {recall:.3f} | {f1:.3f} "
            f"| {right}/{len(chosen)} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="print figures, write nothing")
    args = parser.parse_args(argv)
    docs = load_docs()
    print(f"tune pages: {len({doc.group for doc in docs})}, renderings: {len(docs)}")
    cross_validate(docs)
    if args.check:
        return 0
    first, second = train_body(docs)
    body_scores(docs, first, second)
    headline = train_headline(docs)
    model = {
        "trained_on": "trafilatura evalset, English pages (tune split), renderings "
        + ", ".join(TRAINED_ON),
        "body1": {"features": list(FEATURE_NAMES), **first},
        "body2": {"features": [*FEATURE_NAMES, *page.STACK_FEATURES], **second},
        "headline": {"features": list(page.HEADLINE_FEATURES), **headline["headline"]},
        "headline2": {
            "features": [*page.HEADLINE_FEATURES, *page.HEADLINE_CONTEXT],
            **headline["headline2"],
        },
    }
    OUT.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(OUT.parents[2])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
