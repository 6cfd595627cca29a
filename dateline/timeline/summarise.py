"""Timeline summarisation: which days matter, and what happened on each, with its sources.

Works on plain inputs (articles with an id, text and publication date), so the same code serves
the store, the CLI (``dateline timeline --max-dates L --sentences-per-date K --query ...``) and
the benchmarks (``dateline eval tls``). Four steps:

1. **Dating.** Every sentence gets the days it mentions, found by one injectable callable (a
   ``Dater``: text and publication date -> day mentions with offsets); ``timex_dater`` uses
   ``dateline.dates.timex``, ``explicit_dater`` is a small fallback that only reads written-out
   dates.
   A sentence without a day mention is dated by its article's publication date.
2. **Day ranking.** A day scores by the distinct articles that mention it (a later article
   looking back at a day is strong evidence that the day mattered), plus the articles published
   on it and, at half weight, the day after (publication bursts), plus a log term for the number
   of sentences that name it. Sentences that match the query count four times. Days are then
   picked greedily, best first; a day next to one already picked competes at a reduced score,
   so an event and its day-after coverage rarely take two places and the timeline spreads over
   the period instead of bunching around one peak.
3. **Day summaries.** A day's candidates are the sentences that mention it and the lead
   sentences of the articles published on it or the day after (when they mention no other day).
   Each candidate scores by its TF-IDF similarity to the centroid of the day's candidates
   (centrality) and its query match; sentences are picked greedily, skipping near-repeats of
   the day's picks and of sentences already picked for better days.
4. **Sources.** Each picked sentence keeps its article's id and the ids of other articles with a
   candidate sentence that says nearly the same thing.

Thresholds were calibrated on news-tls ``entities`` (the 13 topics with articles) and must be
retuned together; Timeline17 is report-only.
"""

from __future__ import annotations

import datetime as dt
import heapq
import logging
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from dateline import model
from dateline.dates.mentions import mentioned_day
from dateline.sentences import split_sentences

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

logger = logging.getLogger(__name__)

# --- thresholds (calibrated on news-tls entities; retune together) ---
# Entities figures below are AR-1 / AR-2 / Date-F1 over its 13 timelines; the starting point
# (PUB_WEIGHT 1, PUB_NEXT 1, QUERY_BOOST 2, no sentence term, neighbours not penalised, no
# cross-day redundancy) scored 0.082 / 0.022 / 0.280.
PUB_WEIGHT = 1.0
"""Weight of an article published on the day against one that mentions it.
Entities sweep (old setting): 0.25 -> Date-F1 0.256, 0.5 -> 0.261, 1.0 -> 0.280, 2.0 -> 0.256;
with PUB_NEXT 0.5, 1.5 -> 0.275."""
PUB_NEXT = 0.5
"""Weight of an article published the day after (reports on yesterday's event), against one
published on the day. Sweep: 1.0 -> Date-F1 0.280, 0.5 -> 0.292, 0.3 -> 0.285."""
QUERY_BOOST = 4.0
"""Multiplier for evidence from sentences that contain a query keyword.
Sweep: 1 -> Date-F1 0.241, 2 -> 0.280, 4 -> 0.286, 8 and 20 -> 0.280 (PUB_NEXT 1)."""
SENT_WEIGHT = 1.0
"""Weight of log(1 + query-weighted sentences that mention the day), on top of distinct articles:
a day retold in many sentences is a day the story keeps coming back to.
Sweep: 0 -> 0.085 / 0.024 / 0.295, 0.5 -> 0.085 / 0.025 / 0.300, 1 -> 0.086 / 0.025 / 0.303,
2 -> 0.085 / 0.026 / 0.290."""
NEIGHBOUR_PENALTY = 0.7
"""Score factor of a day next to one already picked. Sweep: 1.0 -> 0.086 / 0.025 / 0.303,
0.85 -> 0.086 / 0.026 / 0.304, 0.7 -> 0.089 / 0.027 / 0.305, 0.6 -> 0.088 / 0.026 / 0.302,
0.5 -> 0.085 / 0.025 / 0.284, 0.3 -> 0.087 / 0.025 / 0.288; blocking neighbours outright lost
0.03 Date-F1. Also tried and left out (no gain on entities): mentions looking ahead weighted
0.25-0.7 or 1.5 against look-backs (Date-F1 -0.01 to -0.04), look-back weight growing with
log(lag) (0.1-0.4: flat), neighbour-day smoothing (0.05-0.25: -0.01 to -0.02), a term for the
distinct publication days that retell the day (0.5-2: -0.003 to -0.008), and counting an
article's mention of its own publication day as a mention (x0.3 -> 0.302, x0.6 -> 0.304,
x1 -> 0.307, x2 -> 0.285 with MAX_WORDS 40: noise, not a trend)."""
LEAD_SENTENCES = 5
"""Only an article's first sentences stand for its publication day (news leads).
Sweep: 3 -> AR-1 0.079, 5 -> 0.082, 10 -> 0.082."""
OFF_QUERY = 0.5
"""Summary score factor of a candidate without a query keyword (0-0.5: no change on entities,
whose articles were selected by the query)."""
REDUNDANCY = 0.5
"""A candidate this similar (cosine) to a sentence already picked for the day is skipped."""
ACROSS_DAYS = 0.8
"""A candidate this similar to a sentence picked for another (better) day is skipped: a lead
stands for its publication day and the day before, and wire copies repeat across days.
Sweep: off -> AR-1 0.0853, 0.9/0.7 -> 0.0854, 0.5 -> 0.0850."""
SAME_CLAIM = 0.6
"""Another article's sentence this similar to a picked one is cited as saying the same."""
MIN_WORDS, MAX_WORDS = 5, 40
"""Sentences shorter or longer than this are not used in summaries (captions, run-ons; gold
timeline sentences are short). Sweep with the day ranking above, AR-1 / AR-2: MAX 35 -> 0.089 /
0.029, 40 -> 0.093 / 0.031, 45 -> 0.090 / 0.027, 50 -> 0.091 / 0.029, 60 -> 0.089 / 0.027;
MIN 7 -> 0.093 / 0.031, 10 -> 0.091 / 0.029. (Earlier, ranking as first shipped: MAX 30 -> AR-1
0.071, 40 -> 0.082, 60 -> 0.082; MIN 8 -> 0.081.)
Also tried: a day centroid that weighs the sentences naming the day and the leads alike, alone
or on shared terms only (AR-1 -0.005 and -0.006), a bonus or malus for naming the day (x1.2,
x0.8: -0.001), a centroid contrasted with the whole collection's (0.3: -0.001, 0.6: -0.008),
TF-IDF without sublinear tf, with min_df 1 or with bigrams (within +-0.001), and picking the
k sentences whose sum is closest to the centroid instead of the k most central (+0.0002)."""


@dataclass(frozen=True)
class DatedText:
    """A text to summarise (an article of a benchmark, or of the store): a stable id, its text
    (sentences split on lines first), its publication date. Not ``model.Article``: summaries
    need only these four fields, and benchmarks build them without a store."""

    id: str
    text: str
    published: dt.date
    title: str = ""


@dataclass(frozen=True)
class DayMention:
    """A day mentioned in a text, with the character offsets of the expression."""

    start: int
    end: int
    day: dt.date


Dater = Callable[[str, dt.date], list[DayMention]]
"""Text and publication date -> the days the text mentions (day precision only)."""


@dataclass(frozen=True, slots=True)  # one per sentence of every article summarised
class DatedSentence:
    """A sentence with its article, position, publication date and mentioned days."""

    article_id: str
    index: int
    text: str
    published: dt.date
    mentions: tuple[dt.date, ...]


@dataclass(frozen=True)
class TimelineSentence:
    """A summary sentence and the ids of the articles that state it (its own first)."""

    text: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class TimelineDay:
    """One day of the timeline: its score and summary sentences."""

    day: dt.date
    score: float
    sentences: tuple[TimelineSentence, ...] = field(default_factory=tuple)


_ONE_DAY = dt.timedelta(days=1)
_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def timex_dater(text: str, published: dt.date) -> list[DayMention]:
    """Day mentions from ``dateline.dates.timex`` (DATE expressions with a full-day value)."""
    from dateline.dates.timex import tag  # noqa: PLC0415 - the tagger is optional for callers

    try:
        found = tag(text, published)
    except (KeyError, ValueError, IndexError, AttributeError) as error:
        # a tagger failure on one article must not stop a timeline; read plain dates instead
        logger.warning("timex tagger failed (%r); explicit dates only for this text", error)
        return explicit_dater(text, published)
    mentions = []
    for timex in found:
        match = _DAY_VALUE.match(timex.value) if timex.type == "DATE" else None
        if match:
            try:
                day = dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
            mentions.append(DayMention(timex.start, timex.end, day))
    return mentions


_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_EXPLICIT = re.compile(
    r"\b(?:(\d{4})-(\d{2})-(\d{2})|([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)? ?,? (\d{4}))\b"
)


def explicit_dater(text: str, published: dt.date) -> list[DayMention]:
    """Fallback dater: only ISO dates and "Month D, YYYY" (no relative expressions)."""
    del published
    mentions = []
    for m in _EXPLICIT.finditer(text):
        try:
            if m[1]:
                day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            elif m[4].lower() in _MONTHS:
                day = dt.date(int(m[6]), _MONTHS[m[4].lower()], int(m[5]))
            else:
                continue
        except ValueError:
            continue
        mentions.append(DayMention(m.start(), m.end(), day))
    return mentions


def date_sentences(
    articles: Iterable[DatedText], dater: Dater = timex_dater
) -> list[DatedSentence]:
    """Split every article into sentences and give each the days it mentions."""
    result: list[DatedSentence] = []
    for article in articles:
        sentences = split_sentences(article.text)
        joined = "\n".join(sentences)
        mentions = dater(joined, article.published)
        offset = 0
        for index, sentence in enumerate(sentences):
            end = offset + len(sentence)
            days = tuple(dict.fromkeys(m.day for m in mentions if offset <= m.start < end))
            result.append(DatedSentence(article.id, index, sentence, article.published, days))
            offset = end + 1
    return result


def stored_sentences(
    articles: Iterable[model.Article], estimates: Mapping[str, model.DateEstimate] | None = None
) -> list[DatedSentence]:
    """Dated sentences from stored articles, reusing the time expressions the build found.

    An undated article takes the start of its estimated range as its publication day; one with
    neither is left out (a timeline line needs a date).
    """
    estimates = estimates or {}
    result: list[DatedSentence] = []
    for article in articles:
        estimate = estimates.get(article.id)
        published = article.published.value or (estimate.earliest if estimate else None)
        if published is None:
            continue
        days: dict[int, list[dt.date]] = defaultdict(list)
        for mention in article.times:
            day = mentioned_day(mention)
            if day is not None:
                days[mention.sentence].append(day)
        for index, sentence in enumerate(split_sentences(article.text)):
            mentions = tuple(dict.fromkeys(days.get(index, ())))
            result.append(DatedSentence(article.id, index, sentence, published, mentions))
    return result


def _query_pattern(query: Sequence[str]) -> re.Pattern[str] | None:
    words = [re.escape(w.strip()) for w in query if w.strip()]
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


def _in_span(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def rank_days(
    sentences: Sequence[DatedSentence],
    query: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict[dt.date, float]:
    """Score each day by the articles that mention it and those published on it or the day after.

    An article counts once per day and kind, at its best weight (``QUERY_BOOST`` when the
    sentence holds a query keyword): mentions by other days' articles weigh 1, publication on
    the day ``PUB_WEIGHT``, publication the day after ``PUB_WEIGHT * PUB_NEXT``; the number of
    mentioning sentences adds ``SENT_WEIGHT * log(1 + n)``.
    """
    pattern = _query_pattern(query)
    mention: dict[dt.date, dict[str, float]] = defaultdict(dict)
    published: dict[dt.date, dict[str, float]] = defaultdict(dict)
    lines: dict[dt.date, float] = defaultdict(float)
    for sent in sentences:
        weight = QUERY_BOOST if pattern is None or pattern.search(sent.text) else 1.0
        for day in sent.mentions:
            if day != sent.published:
                mention[day][sent.article_id] = max(mention[day].get(sent.article_id, 0), weight)
                lines[day] += weight
        for day, factor in ((sent.published, 1.0), (sent.published - _ONE_DAY, PUB_NEXT)):
            best = published[day].get(sent.article_id, 0)
            published[day][sent.article_id] = max(best, weight * factor)
    scores: dict[dt.date, float] = {}
    for day in set(mention) | set(published):
        if _in_span(day, start, end):
            scores[day] = (
                sum(mention[day].values())
                + PUB_WEIGHT * sum(published[day].values())
                + SENT_WEIGHT * math.log1p(lines[day])
            )
    return scores


def pick_days(scores: dict[dt.date, float]) -> Iterator[dt.date]:
    """Days best first; a day next to one already given counts ``NEIGHBOUR_PENALTY`` of its score.

    A burst spreads its evidence over the event day and the day after (reports, then follow-ups);
    the penalty keeps the pair from taking two places unless both days are strong. The queue is
    lazy: a day is re-queued at its reduced score the first time a neighbour is given.
    """
    given: set[dt.date] = set()
    one = _ONE_DAY
    queue = [(-score, day, False) for day, score in scores.items()]
    heapq.heapify(queue)
    while queue:
        negative, day, penalised = heapq.heappop(queue)
        if day in given:
            continue
        if not penalised and (day - one in given or day + one in given):
            heapq.heappush(queue, (negative * NEIGHBOUR_PENALTY, day, True))
            continue
        given.add(day)
        yield day


def _index(sentences: Sequence[DatedSentence]) -> dict[dt.date, list[DatedSentence]]:
    """Day -> its candidate sentences: those that mention it, and leads published on it or after."""
    by_day: dict[dt.date, list[DatedSentence]] = defaultdict(list)
    for sent in sentences:
        if not MIN_WORDS <= len(sent.text.split()) <= MAX_WORDS:
            continue
        for day in sent.mentions:
            by_day[day].append(sent)
        if not sent.mentions and sent.index < LEAD_SENTENCES:
            by_day[sent.published].append(sent)
            by_day[sent.published - dt.timedelta(days=1)].append(sent)
    return by_day


def summarise_day(
    candidates: Sequence[DatedSentence],
    vectorizer: TfidfVectorizer,
    k: int,
    pattern: re.Pattern[str] | None,
    used: list[str] | None = None,
) -> tuple[TimelineSentence, ...]:
    """The k most central, non-redundant candidates, each with the articles that say the same.

    ``used`` holds the sentences already picked for other days: a candidate this similar
    (``ACROSS_DAYS``) to one of them is skipped, and the picks are appended to it.
    """
    if not candidates:
        return ()
    matrix = vectorizer.transform([s.text for s in candidates])
    used = [] if used is None else used
    seen = (
        (matrix @ vectorizer.transform(used).T).toarray().max(axis=1)
        if used
        else np.zeros(len(candidates))
    )
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    central = matrix @ (centroid / norm) if norm else np.zeros(len(candidates))
    boost = np.array(
        [1.0 if pattern is None or pattern.search(s.text) else OFF_QUERY for s in candidates]
    )
    order = np.argsort(-(np.asarray(central).ravel() * boost), kind="stable")
    similar = (matrix @ matrix.T).toarray()
    chosen: list[int] = []
    for i in order:
        if len(chosen) >= k:
            break
        if seen[i] >= ACROSS_DAYS:
            continue
        if all(similar[i, j] < REDUNDANCY for j in chosen) and not any(
            candidates[i].text == candidates[j].text for j in chosen
        ):
            chosen.append(int(i))
    used.extend(candidates[i].text for i in chosen)
    result = []
    for i in chosen:
        own = candidates[i].article_id
        others = {
            candidates[j].article_id
            for j in np.nonzero(similar[i] >= SAME_CLAIM)[0]
            if candidates[j].article_id != own
        }
        result.append(TimelineSentence(candidates[i].text, (own, *sorted(others))))
    return tuple(result)


def summarise_sentences(
    sentences: Sequence[DatedSentence],
    max_dates: int,
    sentences_per_date: int,
    query: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[TimelineDay]:
    """A timeline of at most ``max_dates`` days with up to ``sentences_per_date`` sentences each.

    Args:
        sentences: dated sentences (``date_sentences``) of the articles to summarise.
        max_dates: the number of days to keep (L).
        sentences_per_date: sentences per day summary (k).
        query: keywords; sentences containing one count more for days and summaries.
        start, end: keep only days in this span (inclusive); None leaves that side open.

    Returns:
        The picked days in date order, each with its summary; a day without a usable sentence
        gives its place to the next best.
    """
    picked = picked_days(sentences, max_dates, sentences_per_date, query, start, end)
    return sorted(picked, key=lambda d: d.day)


def picked_days(
    sentences: Sequence[DatedSentence],
    max_dates: int,
    sentences_per_date: int,
    query: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[TimelineDay]:
    """``summarise_sentences``'s days in the order they were picked, best first.

    A day's summary depends only on the days picked before it, so the first ``n`` days of a
    longer timeline are exactly the timeline of ``n`` days (the build keeps one long summary
    and serves every shorter one from it: ``dateline.timeline.precomputed``).
    """
    if not sentences or max_dates <= 0:
        return []
    pattern = _query_pattern(query)
    scores = rank_days(sentences, query, start, end)
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 - 0.25 s

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2)
    try:
        vectorizer.fit(s.text for s in sentences)
    except ValueError:  # too few words for a vocabulary: fall back to every term
        vectorizer = TfidfVectorizer(sublinear_tf=True).fit(s.text for s in sentences)
    by_day = _index(sentences)
    timeline = []
    used: list[str] = []
    for day in pick_days(scores):
        summary = summarise_day(by_day.get(day, []), vectorizer, sentences_per_date, pattern, used)
        if summary:
            timeline.append(TimelineDay(day, scores[day], summary))
            if len(timeline) >= max_dates:
                break
    return timeline


def summarise(
    articles: Iterable[DatedText],
    max_dates: int,
    sentences_per_date: int,
    query: Sequence[str] = (),
    dater: Dater = timex_dater,
) -> list[TimelineDay]:
    """Date the articles' sentences and build the timeline (the one-call entry point)."""
    return summarise_sentences(
        date_sentences(articles, dater), max_dates, sentences_per_date, query
    )
