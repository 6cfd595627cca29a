"""Page structure of a plain-text page dump: which lines are the article, which the headline.

People save news pages as text (a browser's copy of the whole page, html2text markdown, a
scraper's dump): the article sits among menus, banners, captions, teaser boxes, most-read lists,
comments and footers, and its headline is somewhere below the menus. Rules over whole-line
vocabularies cannot follow every site's template, so this stage reads a page with two small
learned models over the line features of ``dateline.clean.features``:

1. **Body**: a logistic model scores each line, then a second one rescores it with the first
   one's scores of the lines around it (the article is a run: a short line between two body
   paragraphs is body, the same line among menu items is not). Both are trained by
   ``bench/train_page_model.py`` on the English pages of trafilatura's evaluation set, rendered
   to text three ways, with lines labelled by trafilatura's extraction of the same page's HTML
   and the set's gold snippets. Logistic models scored as well as gradient-boosted trees in
   cross-validation there (line F1 0.71 against 0.70) and ship as a small JSON file of weights.
2. **Headline**: a third logistic model scores the lines up to just past the start of the body
   (their shape, markup, distance to the body, how many of their words the lead repeats and
   whether they repeat the most of it, a date block or a photo near them), and a fourth
   rescores each with the third one's scores of the candidates around it (a standfirst under
   a likely headline, a caption under the date block); the best one above a threshold is the
   headline. Labels: the page's own ``og:title``, ``<h1>`` or ``<title>``. Breadcrumb trails
   and lines marked as captions are never the headline.

A page is read as a dump only when it looks like one (``is_page_dump``): runs of short lines or
converter markup. Clean text (wire copy, a JSON field, what trafilatura extracted from HTML)
keeps its own first-line headline rule and is never cut by the model.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

import numpy as np

from dateline.clean.features import FEATURE_NAMES, FloatArray, line_features
from dateline.clean.markup import PlainLine, plain_line
from dateline.clean.title import is_date_line
from dateline.vocab.page import AUTHOR_BIO, SUBSCRIBE_ASK

MODEL_FILE = "page_model.json"
STACK_WINDOWS = ((-1, -1), (1, 1), (-2, 2), (-5, 5), (-10, 10))
"""Windows of line offsets (inclusive) over which the second body model averages the first's
scores."""
STACK_FEATURES = (*(f"body_mean{a:+d}..{b:+d}" for a, b in STACK_WINDOWS), "body_page_mean", "body")
BODY_THRESHOLD = 0.5
WEAK_PAGE_SHARE = 0.7
"""On a page where no line scores BODY_THRESHOLD (a short article among heavy furniture), the
lines scoring at least this share of the best line's score are its body: a page dump always
holds an article, and its best-scored lines are the likeliest to be it."""
HEADLINE_BEFORE = 40
"""The headline is looked for among the lines up to this many before the body starts."""
HEADLINE_AFTER = 2
"""... and up to this many into it (a page whose headline the body model took for body)."""
HEADLINE_OWN = (
    "log_words", "sentence_end", "function_share", "capital_share", "link_share", "bullet",
    "heading", "date", "byline", "furniture", "repeats", "all_caps", "credit", "teaser",
    "separators", "symbol_share",
)  # fmt: skip
"""The line features the headline model reads as they are; HEADLINE_FEATURES adds its own."""
HEADLINE_FEATURES = (
    *HEADLINE_OWN, "body", "log_lines_before_body", "in_body", "lead_share", "first_line",
    "title_words", "dated_below", "dated_above", "longest_candidate", "body_below",
    "credit_below", "headline_length", "longer_line_below", "most_lead",
    "image_near", "prose_above", "short_above", "short_below",
)  # fmt: skip
HEADLINE_CONTEXT = (
    "first_score", "score_above", "score_below", "gap_to_best", "is_best", "best_above",
    "best_below",
)  # fmt: skip
"""What the second headline model adds: the first one's scores around each candidate."""
LEAD_LINES = 3
NEAR_LINES = 3
HEADLINE_WORDS = (5, 16)
"""The usual length of a headline, in words; a standfirst below it runs longer (up to
STANDFIRST_MAX_WORDS). The length feature alone would favour the longest line above the body."""
STANDFIRST_MAX_WORDS = 45
CAPTION_CREDIT_LINES = 2
"""A line with a photo credit this close below it is a caption, however much it looks a headline."""
"""How far below or above a candidate a byline or date block counts as "near"."""
HEADLINE_MAX_WORDS = 30
HEADLINE_SENTENCE_WORDS = 15
"""A line of this many words ending like a sentence is a paragraph, never the headline."""
_PHOTO_CREDIT = re.compile(
    r"\((?:photo|picture|image|credit|file\b)|©|\bphoto(?:graph)?:|\([^()/]{1,40}/[^()/]{1,40}\)$",
    re.IGNORECASE,
)
"""A photo credit, "(Jane Roe/Agency)" at a line's end, or a caption's "(FILE)" mark: such a
line is a caption, never a headline."""
_CALL_TO_ACT = re.compile(
    rf"\b(?:{SUBSCRIBE_ASK}|sign in|log ?in|cookies|donate|support (?:us|our)|"
    r"(?:your|our) support)\b",
    re.IGNORECASE,
)
"""A line asking the reader to do something (subscribe, sign in, accept cookies, give): a banner,
never the headline."""
_BREADCRUMB = re.compile(r"\s[>»›]\s|(?<=[^\W\d_])[>»›](?=[^\W\d_])")
BREADCRUMB_MIN_SEPARATORS = 2
"""A line with this many " > " separators is a breadcrumb trail ("World > Europe > Mirel
River dispute", or glued by a browser's copy: "Home>Articles>Mirel River dispute"):
navigation, however headline-like its last part."""
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}

CONTINUED_MIN_WORDS = 3
"""A line this short (a menu item) is never continued by the line below it ..."""
DANGLING_MIN_WORDS = 8
"""... and a line must be this long to continue past a dangling word onto a capitalised one."""
_TERMINAL = (".", "!", "?", ":", '"', "”", "’", "'", ")", "…")
_OPENING_PUNCTUATION = frozenset(",.;:!?)]’”")
_DANGLING_WORDS = frozenset(
    "the a an of to from by with and or for in on at as that his her their its our said says "
    "told than into about between".split()
)
SHORT_RUN_MIN = 5
"""A run of this many menu-like lines (at most MENU_MAX_WORDS words, not ending like a sentence)
marks a page dump ..."""
MENU_MAX_WORDS = 4
MARKUP_MIN_LINES = 3
"""... and so do this many lines of converter markup (links, bullets, headings, images)."""


@dataclass(frozen=True)
class PageLines:
    """A page's lines as a reader sees them: their visible words, the raw line each starts on,
    the raw lines joined into it (``joined``; see ``page_lines``) and the blank lines around it.
    """

    index: tuple[int, ...]
    plain: tuple[PlainLine, ...]
    blank: tuple[tuple[bool, bool], ...]
    joined: tuple[tuple[int, ...], ...]

    def raw_numbers(self, i: int) -> tuple[int, ...]:
        """Every raw line number that line ``i`` was read from."""
        return (self.index[i], *self.joined[i])


@dataclass(frozen=True)
class PageStructure:
    """What the models read in a page: body scores per line and the headline, if any.

    ``lines.index[i]`` is the raw line of score ``body[i]``; ``headline`` indexes ``lines``.
    """

    lines: PageLines
    body: FloatArray
    headline: int | None

    @cached_property
    def _is_body(self) -> tuple[bool, ...]:
        """Per line, whether it is body: ``body`` against the page's threshold, and the prose
        lines next to the body that the models nearly took (``joins_the_run``); computed once."""
        threshold = body_threshold(self.body)
        flags = [bool(value >= threshold) for value in self.body]
        for order in (range(1, len(flags)), range(len(flags) - 2, -1, -1)):
            step = -1 if order.step == 1 else 1  # the neighbour already swept
            for i in order:
                if not flags[i] and flags[i + step] and self._joins_the_run(i):
                    flags[i] = True
        return tuple(flags)

    def _joins_the_run(self, i: int) -> bool:
        """Whether line ``i``, next to the body, is a prose paragraph the models scored at
        least RUN_PROSE_SCORE (see there)."""
        if self.body[i] < RUN_PROSE_SCORE:
            return False
        text = self.lines.plain[i].text
        return (
            len(text.split()) >= RUN_PROSE_WORDS
            and text.rstrip("\"'”’)").endswith((".", "!", "?"))
            and _NOT_IN_RUN.search(text) is None
        )

    def is_body(self, i: int) -> bool:
        return self._is_body[i]


RUN_PROSE_SCORE = 0.15
RUN_PROSE_WORDS = 12
"""A line of at least RUN_PROSE_WORDS words ending as a sentence ends, next to the body and
scored at least RUN_PROSE_SCORE, is body: the article is one run, and its last paragraph
before a "Most read" or "Related" box often scores just under the threshold (the box pulls the
second model's neighbourhood scores down). On the tune dumps, body snippet F1 0.841 -> 0.846
(browser), 0.820 -> 0.828 (markdown), 0.851 -> 0.855 (inscriptis), 0.814 -> 0.820 (lynx),
precision within 0.005; lines scored under 0.15 gained nothing more, and 8 or 20 words instead
of 12 did no better. An author's note or a newsletter box after the article reads as prose
too, so a line opening as an author's note does or asking to subscribe never joins (all of
FURNITURE_WORDS would keep out more: "comments", "reply" and "accept" are news prose too)."""
_NOT_IN_RUN = re.compile(rf"{AUTHOR_BIO}|(?i:\b(?:{SUBSCRIBE_ASK})\b)")


def body_threshold(body: FloatArray) -> float:
    """BODY_THRESHOLD, or lower on a page where no line reaches it (see WEAK_PAGE_SHARE)."""
    top = float(body.max(initial=0.0))
    return BODY_THRESHOLD if top >= BODY_THRESHOLD else WEAK_PAGE_SHARE * top


def page_lines(text: str) -> PageLines:
    """The non-empty lines of ``text`` with markup read off, and the blank lines around them.

    A scraper writes each text node on a line of its own, so a paragraph with a link in it
    comes out in pieces ("... from the" / "River Basin Commission" / ". Veldoria, in return
    ..."), and a lynx-like dump wraps prose at a fixed width. A piece that continues the line
    above it (``_continues``) is joined to it, so the models read the paragraph whole; its
    raw line numbers are kept, so a cut still names every line it removes.
    """
    raw = text.split("\n")
    empty = [not line or line.isspace() for line in raw]  # not line.strip(), without the copy
    empty.append(False)  # past the last line: not blank
    index: list[int] = []
    plain: list[PlainLine] = []
    blank: list[tuple[bool, bool]] = []
    joined: list[list[int]] = []
    for i, line in enumerate(raw):
        if empty[i]:
            continue
        read = plain_line(line)
        if not read.text:
            continue
        after = empty[i + 1]
        follows = bool(plain) and _last_number(index, joined) == i - 1
        if follows and not (read.bullet or read.heading) and _continues(plain[-1].text, read.text):
            plain[-1] = _join(plain[-1], read)
            joined[-1].append(i)
            blank[-1] = (blank[-1][0], after)
            continue
        index.append(i)
        plain.append(read)
        joined.append([])
        blank.append((i > 0 and empty[i - 1], after))
    return PageLines(tuple(index), tuple(plain), tuple(blank), tuple(map(tuple, joined)))


def _last_number(index: list[int], joined: list[list[int]]) -> int:
    return joined[-1][-1] if joined[-1] else index[-1]


def _continues(above: str, text: str) -> bool:
    """Whether ``text`` goes on with the sentence of the line above it: it opens with
    punctuation (", who chairs ..."), or in lower case after a line that has not ended, or the
    line above is long and stops on a word that cannot end a sentence ("... from the")."""
    words = above.split()
    if len(words) < CONTINUED_MIN_WORDS or above.endswith(_TERMINAL):
        return False
    if text[0] in _OPENING_PUNCTUATION or text[0].islower():
        return True
    return len(words) >= DANGLING_MIN_WORDS and words[-1] in _DANGLING_WORDS


def _join(first: PlainLine, second: PlainLine) -> PlainLine:
    glue = "" if second.text[0] in _OPENING_PUNCTUATION else " "
    text = f"{first.text}{glue}{second.text}"
    links = first.link_share * len(first.text) + second.link_share * len(second.text)
    return PlainLine(
        text, first.heading, first.bullet, min(1.0, links / len(text)), first.images + second.images
    )


def is_page_dump(lines: PageLines) -> bool:
    """Whether the text is a whole page saved as text rather than an article's clean text.

    A page shows converter markup (links, headings, images; list bullets alone are common in
    articles) or a run of short word-lines that do not end like a sentence (menus, breadcrumbs,
    button rows). Measured on 3,084 clean articles of the entities corpus (one sentence a line,
    so quote fragments make short lines): one passes for a page; of the tune pages, 182 of 184.
    """
    markup = sum(1 for line in lines.plain if line.link_share > 0 or line.heading or line.images)
    if markup >= MARKUP_MIN_LINES:
        return True
    run = 0
    for line in lines.plain:
        run = run + 1 if _is_menu_like(line.text) else 0
        if run >= SHORT_RUN_MIN:
            return True
    return False


def _is_menu_like(text: str) -> bool:
    return (
        not text.endswith((".", "!", "?", ",", ":", ";", "”", '"'))
        and 0 < len(text.split()) <= MENU_MAX_WORDS
        and any(map(str.isalpha, text))
    )


def read_page(lines: PageLines, template: frozenset[int] = frozenset()) -> PageStructure:
    """Score every line as body or not, and find the headline (see the module docstring).

    ``template`` indexes lines the site prints on most of its pages (``template.py``): they are
    never body and never the headline, whatever the models make of them."""
    if not lines.plain:
        return PageStructure(lines, np.zeros(0), None)
    model = _model()
    features = line_features(lines.plain, lines.blank)
    first = _logistic(model["body1"], features)
    body = _logistic(model["body2"], np.hstack([features, stacked_scores(first)]))
    if template:
        body[sorted(template)] = 0.0
    headline = choose_headline(model, lines, features, body, template)
    return PageStructure(lines, body, headline)


def stacked_scores(scores: FloatArray) -> FloatArray:
    """The first model's scores averaged over windows around each line (STACK_FEATURES)."""
    n = len(scores)
    pad = max(max(abs(a), abs(b)) for a, b in STACK_WINDOWS)
    padded = np.concatenate([np.zeros(pad), scores, np.zeros(pad)])
    cumulative = np.concatenate([[0.0], np.cumsum(padded)])
    columns = []
    for a, b in STACK_WINDOWS:
        starts = np.arange(n) + pad + a
        columns.append((cumulative[starts + (b - a + 1)] - cumulative[starts]) / (b - a + 1))
    columns.append(np.full(n, scores.mean()))
    columns.append(scores)
    return np.column_stack(columns)


def headline_features(
    lines: PageLines, features: FloatArray, body: FloatArray
) -> tuple[list[int], FloatArray]:
    """The headline candidates (indexes into ``lines``) and their HEADLINE_FEATURES rows."""
    is_body = body >= body_threshold(body)
    starts = np.flatnonzero(is_body)
    start = int(starts[0]) if starts.size else len(body)
    candidates = list(
        range(max(0, start - HEADLINE_BEFORE), min(len(body), start + HEADLINE_AFTER + 1))
    )
    lead_words = _content_words(
        " ".join(lines.plain[i].text for i in starts[:LEAD_LINES]) if starts.size else ""
    )
    own = features[candidates][:, [_COLUMN[name] for name in HEADLINE_OWN]]
    dated = (features[:, _COLUMN["date"]] + features[:, _COLUMN["byline"]] > 0).tolist()
    credit = (features[:, _COLUMN["credit"]] > 0).tolist()
    scores = body.tolist()
    lengths = [len(lines.plain[i].text.split()) for i in candidates]
    longest = max((n for i, n in zip(candidates, lengths, strict=True) if i < start), default=0)
    words_of = [_content_words(lines.plain[i].text) for i in candidates]
    shares = [len(w & lead_words) / len(w) if w else 0.0 for w in words_of]
    best_share = max(shares, default=0.0)
    images = (features[:, _COLUMN["image"]] > 0).tolist()
    prose = (features[:, _COLUMN["prose"]] > 0).tolist()
    short = (features[:, _COLUMN["short"]] > 0).tolist()
    rows = []
    for row, i, n_words, share in zip(own, candidates, lengths, shares, strict=True):
        rows.append(
            [
                *row,
                scores[i],
                math.log1p(max(0, start - i)),
                float(i >= start),
                share,
                float(i == 0),
                float(3 <= n_words <= 25),
                float(any(dated[i + 1 : i + 1 + NEAR_LINES])),
                float(any(dated[max(0, i - NEAR_LINES) : i])),
                float(n_words == longest),
                max(scores[i + 1 : i + 1 + NEAR_LINES], default=0.0),
                float(any(credit[i + 1 : i + 1 + CAPTION_CREDIT_LINES])),
                float(HEADLINE_WORDS[0] <= n_words <= HEADLINE_WORDS[1]),
                float(
                    i + 1 < len(lines.plain) and _is_standfirst(lines.plain[i + 1].text, n_words)
                ),
                float(share > 0 and share == best_share),
                float(any(images[max(0, i - 1) : i + 2])),
                float(any(prose[max(0, i - NEAR_LINES) : i])),
                float(i > 0 and short[i - 1]),
                float(i + 1 < len(short) and short[i + 1]),
            ]
        )
    return candidates, np.array(rows).reshape(len(rows), len(HEADLINE_FEATURES))


def choose_headline(
    model: dict[str, Any],
    lines: PageLines,
    features: FloatArray,
    body: FloatArray,
    template: frozenset[int] = frozenset(),
) -> int | None:
    """The best-scored candidate that may be a headline, if it scores above the threshold.

    The first headline model scores each candidate alone; the second rescores it knowing the
    first one's scores of the candidates around it (``headline_context``): a standfirst just
    below a likely headline, or a caption below the date block, looks like a headline on its
    own. Stacking gained 9 of 552 tune renderings in cross-validation. (A pairwise ranker,
    trained on the true headline against each other candidate, chose worse: 110 against 119
    right of 184 browser copies.)"""
    candidates, rows = headline_features(lines, features, body)
    eligible = np.array(
        [i not in template and _may_be_headline(lines.plain[i].text) for i in candidates],
        dtype=bool,
    )
    if not eligible.any():
        return None
    first = _logistic(model["headline"], rows)
    second = model["headline2"]
    scores = _logistic(second, np.hstack([rows, headline_context(first)]))
    scores = np.where(eligible, scores, -1.0)
    best = int(np.argmax(scores))
    return candidates[best] if scores[best] >= float(second["threshold"]) else None


def headline_context(scores: FloatArray) -> FloatArray:
    """HEADLINE_CONTEXT columns: each candidate's first-model score, the scores of the
    candidates just above and below it, its gap to the page's best, whether it is the best,
    and the best score above and below it."""
    n = len(scores)
    if n == 0:
        return np.zeros((0, len(HEADLINE_CONTEXT)))
    best = float(scores.max())
    above = np.concatenate([[0.0], scores[:-1]])
    below = np.concatenate([scores[1:], [0.0]])
    best_above = np.concatenate([[0.0], np.maximum.accumulate(scores)[:-1]])
    best_below = np.concatenate([np.maximum.accumulate(scores[::-1])[::-1][1:], [0.0]])
    return np.column_stack(
        [scores, above, below, best - scores, scores == best, best_above, best_below]
    ).astype(np.float64)


def _is_standfirst(text: str, headline_words: int) -> bool:
    """A line that could be the standfirst under a headline of ``headline_words`` words: longer,
    but not paragraph-long."""
    words = len(text.split())
    return headline_words < words <= STANDFIRST_MAX_WORDS


def _may_be_headline(text: str) -> bool:
    """Headlines have two words or more, start as a sentence starts (not in lower case, unless
    with a brand written so: "iOS 13 will ..."), carry no photo credit, are not a bare date or
    a breadcrumb trail, and do not read as a paragraph (a long sentence is the lead)."""
    words = len(text.split())
    ends = text.rstrip("\"'”’)").endswith((".", "!", "?"))
    return (
        2 <= words <= HEADLINE_MAX_WORDS
        and not _starts_lower(text)
        and not (ends and words >= HEADLINE_SENTENCE_WORDS)
        and _PHOTO_CREDIT.search(text) is None
        and _CALL_TO_ACT.search(text) is None
        and not is_date_line(text)
        and len(_BREADCRUMB.findall(text)) < BREADCRUMB_MIN_SEPARATORS
    )


def _starts_lower(text: str) -> bool:
    """Whether a line starts in lower case, as a sentence's continuation does; a brand written
    so ("iOS 13 will fix ...", "eBay sells ...") starts a headline all the same."""
    first = text.split(maxsplit=1)[0]
    return first[0].islower() and not any(char.isupper() for char in first[1:])


def _content_words(text: str) -> set[str]:
    return {word.lower() for word in _CONTENT_WORD.findall(text)}


def _logistic(weights: dict[str, Any], rows: FloatArray) -> FloatArray:
    mean = np.asarray(weights["mean"])
    scale = np.asarray(weights["scale"])
    coef = np.asarray(weights["coef"])
    z = ((rows - mean) / scale) @ coef + float(weights["intercept"])
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


@cache
def _model() -> dict[str, Any]:
    """The weights written by bench/train_page_model.py, checked against the feature names."""
    source = resources.files("dateline.clean").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    model: dict[str, Any] = json.loads(source)
    expected = {
        "body1": list(FEATURE_NAMES),
        "body2": [*FEATURE_NAMES, *STACK_FEATURES],
        "headline": list(HEADLINE_FEATURES),
        "headline2": [*HEADLINE_FEATURES, *HEADLINE_CONTEXT],
    }
    for part, names in expected.items():
        if model[part]["features"] != names:
            raise ValueError(f"{MODEL_FILE}: {part} was trained on other features; retrain it")
    return model
