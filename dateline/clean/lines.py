"""The line rules of the clean stage: cut the boilerplate that extraction leaves in article text.

Extractors keep what sits inside the article's container, and outlets put more there than the
story: photo captions and credits, share and follow buttons, the comment form, boxes of teasers
for other stories, tag lists, and readers' comments. Left in, they pollute the stages after this
one: a credit line becomes an event's "lead", a teaser headline about another story joins the
wrong event, and a reader's opinion is quoted as if the outlet had reported it.

The stage works on plain text, line by line, because that is what every input format has been
turned into by ``dateline.ingest``; it never sees HTML. Every cut is recorded as a RemovedLine
with its 0-based line number in the raw text and a reason, so a user can see what was cut and
why and argue with it. Captions are the one partial cut: a photo credit followed by more text on
the same line (Timeline17 runs captions and article sentences together) is cut out of the line
and the rest of the line is kept; the RemovedLine then holds only the credit.

Rules, in order:

1. each line on its own: caption, share-widget, comment-widget, related-teaser, tags,
   syndication-note, empty-noise (the vocabularies are in ``dateline.vocab.boilerplate``);
2. teaser blocks: a teaser header ("Related Articles", "You may also like") also takes the
   headline-like lines after it, up to the next prose paragraph or the next marker;
3. reader comments: from a comment-section header or a commenter's byline to the end of the
   text, every line not cut for another reason is a reader comment.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from typing import NamedTuple

from dateline.model import CleanedDocument, RawDocument, RemovedLine
from dateline.vocab import boilerplate as bp
from dateline.vocab.abbreviations import TITLES
from dateline.vocab.dates import MONTHS

CAPTION = "caption"
SHARE_WIDGET = "share-widget"
COMMENT_WIDGET = "comment-widget"
RELATED_TEASER = "related-teaser"
TAGS = "tags"
SYNDICATION_NOTE = "syndication-note"
READER_COMMENT = "reader-comment"
EMPTY_NOISE = "empty-noise"

# Kinds of whole line: the named groups of the line pattern (identifiers, hence underscores).
_SHARE = "share_widget"
_COMMENT_FORM = "comment_widget"
_TEASER_HEADER = "teaser_header"
_TEASER = "teaser"
_TAGS = "tags"
_SYNDICATION = "syndication_note"
_COMMENT_MARKER = "comment_marker"
_COMMENTER_DATED = "commenter_dated"
_COMMENTER_SAYS = "commenter_says"
_COMMENT_REPLY = "comment_reply"

HAS_CAPTIONS = "has-captions"
HAS_BOILERPLATE = "has-boilerplate"
HAS_READER_COMMENTS = "has-reader-comments"
BOILERPLATE_REASONS = frozenset(
    {
        SHARE_WIDGET, COMMENT_WIDGET, RELATED_TEASER, TAGS, SYNDICATION_NOTE,
        "navigation", "page-furniture", "page-end",
    }
)  # fmt: skip
"""Reasons that set ``has-boilerplate``; the last three are the page roles of ``structure.py``."""

# Thresholds, calibrated together on Timeline17 (4,651 articles, PTB-tokenised, one sentence a
# line) and on hand-written web-style articles in tests/test_clean.py; retune them together.
PROSE_MIN_WORDS = 25
"""A line this long that ends like a sentence is article prose: it ends a teaser block."""
WIDGET_MAX_WORDS = 25
"""Widget and teaser rules only cut lines this short; longer lines are prose that quotes one."""
CAPTION_MAX_WORDS = 30
"""A labelled line ("Photo: ...") longer than this runs on into the article and is kept."""
CREDIT_LINE_MAX_WORDS = 60
"""A line ending in a credit is a whole caption up to this length; beyond, only the credit goes."""
COMMENT_TAIL_FRACTION = 0.4
"""A comment-section header counts in the last 40% of the lines without further evidence."""
COMMENT_LOOKAHEAD_LINES = 3
"""Elsewhere it needs a commenter line, "Reply" or a timestamp in the next 3 non-blank lines."""
TEASER_BLOCK_MAX_LINES = 15
"""A teaser block ends after this many lines even without prose: a safety valve for articles
written in short paragraphs, which would otherwise all look like teaser headlines."""
TIMESTAMP_MAX_WORDS = 10
"""A comment's timestamp line is short; a long line with a time in it is prose."""

_SENTENCE_END = (".", "!", "?", "…")
_BLOCK_TRANSPARENT = frozenset({CAPTION, EMPTY_NOISE, RELATED_TEASER})
"""Cuts that do not end a teaser block: teasers carry thumbnails, credits and separators."""
_CLOSING_QUOTES = " \t\"'”’»)`"


def _any_of(patterns: Iterable[str], *, flags: int = 0) -> re.Pattern[str]:
    """Compile patterns into one alternation; refuse an empty table or an empty alternative."""
    sources = tuple(patterns)
    if not sources or not all(sources):
        raise ValueError("a boilerplate table is empty or has an empty pattern")
    return re.compile("|".join(f"(?:{source})" for source in sources), flags)


def _line_kinds(tables: Sequence[tuple[str, Sequence[str]]]) -> re.Pattern[str]:
    """One case-insensitive pattern for whole lines; the named group that matched is the kind.

    The tables are tried in order, so an earlier table wins a line both could match.
    """
    groups = [f"(?P<{kind}>{_any_of(table).pattern})" for kind, table in tables]
    return re.compile(rf"(?:{'|'.join(groups)})\s*:?", re.IGNORECASE)


_LINE_KIND = _line_kinds(
    (
        (_SHARE, bp.SHARE_WIDGET),
        (_COMMENT_FORM, bp.COMMENT_WIDGET),
        (_TEASER_HEADER, bp.TEASER_HEADERS),
        (_TEASER, bp.TEASER_LINES),
        (_TAGS, bp.TAGS),
        (_SYNDICATION, bp.SYNDICATION_NOTES),
        (_COMMENT_MARKER, bp.COMMENT_MARKERS),
        (_COMMENTER_DATED, bp.COMMENTER_LINES),
        (_COMMENTER_SAYS, (bp.COMMENTER_SAYS,)),
        (_COMMENT_REPLY, bp.COMMENT_REPLY_LINES),
    )
)
_LONG_LINE_KIND = _line_kinds(((_TAGS, bp.TAGS),))
_COMMENT_FURNITURE = frozenset({_COMMENTER_DATED, _COMMENTER_SAYS, _COMMENT_REPLY})
_REASON_OF_KIND = {
    _SHARE: SHARE_WIDGET,
    _COMMENT_FORM: COMMENT_WIDGET,
    _TEASER_HEADER: RELATED_TEASER,
    _TEASER: RELATED_TEASER,
    _TAGS: TAGS,
    _SYNDICATION: SYNDICATION_NOTE,
}
_CAPTION_LINE = _any_of(bp.CAPTION_LINES)
_CAPTION_LABEL = _any_of(bp.CAPTION_LABELS)
_CAPTION_CREDIT = _any_of(bp.CAPTION_CREDITS)
_EMPTY_NOISE = re.compile(bp.EMPTY_NOISE)
_TIME_OF_DAY = re.compile(bp.TIME_OF_DAY, re.IGNORECASE)
_MONTH_NAMES = (re.escape(name) for names in MONTHS.values() for name in names)
_DATE_WORD = _any_of((r"\b(?:19|20)\d{2}\b", *(rf"\b{name}\b" for name in _MONTH_NAMES)))


class Cut(NamedTuple):
    """What the stage does to one line: cut it whole (``kept`` is None) or cut part of it.
    (Named tuples, this and ``_Line``: a page has hundreds of lines, and a frozen dataclass
    costs three times as much to make.)"""

    reason: str
    text: str
    kept: str | None = None


class _Line(NamedTuple):
    """One line as the rules see it: stripped, its kind, and the cut made to it, if any."""

    text: str
    kind: str | None = None
    cut: Cut | None = None


_BLANK = _Line("")


def rule_cuts(raw_lines: Sequence[str], skip: Collection[int] = ()) -> dict[int, Cut]:
    """The cuts the line rules make, by raw line number; lines in ``skip`` are already cut.

    Args:
        raw_lines: the article's lines (``text.split("\\n")``).
        skip: lines another reader has cut (the page structure); the rules see them as blank.
    """
    lines = [_BLANK if i in skip else _read_line(line.strip()) for i, line in enumerate(raw_lines)]
    comments_from = _comment_section_start(lines)
    cuts = {i: line.cut for i, line in enumerate(lines) if line.cut is not None}
    _cut_teaser_blocks(lines, cuts, comments_from)
    _cut_reader_comments(lines, cuts, comments_from)
    return cuts


# -- 1. each line on its own ----------------------------------------------------------------------


def _read_line(line: str) -> _Line:
    """Classify one stripped line on its own, and cut it if a rule says so."""
    if not line:
        return _BLANK
    caption = _caption_cut(line)
    if caption is not None:
        return _Line(line, CAPTION, caption)
    kind = _kind(line)
    reason = _REASON_OF_KIND.get(kind) if kind else None
    if reason is not None:
        return _Line(line, kind, Cut(reason, line))
    if _EMPTY_NOISE.fullmatch(line):
        return _Line(line, EMPTY_NOISE, Cut(EMPTY_NOISE, line))
    return _Line(line, kind)


def _kind(line: str) -> str | None:
    """Which whole-line vocabulary the line belongs to; long lines can only be tag lists."""
    pattern = _LINE_KIND if _word_count(line) <= WIDGET_MAX_WORDS else _LONG_LINE_KIND
    match = pattern.fullmatch(line)
    if match is None:
        return None
    if match.lastgroup == _COMMENTER_SAYS and not _is_commenter_name(match.group("name")):
        return None
    return match.lastgroup


def _is_commenter_name(name: str) -> bool:
    """Whether "NAME says:" names a commenter, not a reporter's "The minister said:" lead-in."""
    first = name.split()[0].lower().rstrip(".")
    return first not in bp.NOT_COMMENTER_NAMES and first not in TITLES


def _caption_cut(line: str) -> Cut | None:
    """A caption line cut whole, a credit cut out of a longer line, or None."""
    if len(line) >= bp.CAPTION_TRIGGER_MIN_CHARS and not _may_hold_caption(line.lower()):
        return None
    if _CAPTION_LINE.search(line):
        return Cut(CAPTION, line)
    credits = list(_CAPTION_CREDIT.finditer(line))
    if credits:
        return _credit_cut(line, credits)
    if _CAPTION_LABEL.search(line) and _word_count(line) <= CAPTION_MAX_WORDS:
        return Cut(CAPTION, line)
    return None


def _may_hold_caption(lowered: str) -> bool:
    """The cheap test before the caption rules: does the line hold any caption trigger?"""
    return any(trigger in lowered for trigger in bp.CAPTION_TRIGGERS)


def _credit_cut(line: str, credits: Sequence[re.Match[str]]) -> Cut:
    """Cut credits out of a line; the whole line when nothing but punctuation follows them."""
    tail = line[credits[-1].end() :]
    if not _has_word(tail) and _word_count(line) <= CREDIT_LINE_MAX_WORDS:
        return Cut(CAPTION, line)
    kept, start = [], 0
    for credit in credits:
        kept.append(line[start : credit.start()])
        start = credit.end()
    kept.append(tail)
    text = " … ".join(credit.group().strip() for credit in credits)
    return Cut(CAPTION, text, kept=" ".join(" ".join(kept).split()))


# -- 2. teaser blocks ---------------------------------------------------------------------------


def _cut_teaser_blocks(lines: Sequence[_Line], cuts: dict[int, Cut], stop: int) -> None:
    """After each teaser header, cut the headline-like lines up to prose or another marker."""
    taken = -1  # lines taken by the current block; -1 outside a block
    for i, line in enumerate(lines):
        cut = cuts.get(i)
        if line.kind == _TEASER_HEADER:
            taken = 0
        elif i == stop or (cut is not None and cut.reason not in _BLOCK_TRANSPARENT):
            taken = -1
        elif taken >= 0 and line.text and cut is None:
            if _is_prose(line.text) or taken >= TEASER_BLOCK_MAX_LINES:
                taken = -1
            else:
                cuts[i] = Cut(RELATED_TEASER, line.text)
                taken += 1


def _is_prose(line: str) -> bool:
    """A normal article paragraph: long, and ending like a sentence."""
    return _word_count(line) >= PROSE_MIN_WORDS and line.rstrip(_CLOSING_QUOTES).endswith(
        _SENTENCE_END
    )


# -- 3. reader comments -------------------------------------------------------------------------


def _comment_section_start(lines: Sequence[_Line]) -> int:
    """Index of the line that opens the reader-comment section; len(lines) when there is none.

    A dated commenter byline opens it anywhere. A bare header ("Comments", "3 Comments") or a
    "name says:" line opens it only in the last part of the text or when comment furniture
    follows, so that a "Comments" subheading inside an article does not swallow the article.
    """
    tail_from = len(lines) * (1 - COMMENT_TAIL_FRACTION)
    for i, line in enumerate(lines):
        if line.kind == _COMMENTER_DATED:
            return i
        if line.kind in (_COMMENT_MARKER, _COMMENTER_SAYS) and (
            i >= tail_from or _comments_follow(lines, i)
        ):
            return i
    return len(lines)


def _comments_follow(lines: Sequence[_Line], index: int) -> bool:
    """Whether a commenter line, a "Reply" button or a timestamp comes in the next few lines."""
    following = [line for line in lines[index + 1 :] if line.text][:COMMENT_LOOKAHEAD_LINES]
    return any(line.kind in _COMMENT_FURNITURE or _is_timestamp(line.text) for line in following)


def _is_timestamp(line: str) -> bool:
    """A short line holding a clock time and a year or month: when a comment was posted."""
    return (
        _word_count(line) <= TIMESTAMP_MAX_WORDS
        and _TIME_OF_DAY.search(line) is not None
        and _DATE_WORD.search(line) is not None
    )


def _cut_reader_comments(lines: Sequence[_Line], cuts: dict[int, Cut], start: int) -> None:
    """Cut every line from ``start`` on that no other rule has cut whole."""
    for i in range(start, len(lines)):
        text = lines[i].text
        if text and (i not in cuts or cuts[i].kept is not None):
            cuts[i] = Cut(READER_COMMENT, text)


# -- output -------------------------------------------------------------------------------------


def assemble(
    raw: RawDocument,
    lines: Sequence[str],
    cuts: dict[int, Cut],
    *,
    title: str | None = None,
    header: tuple[str, ...] = (),
) -> CleanedDocument:
    """Join the kept lines (each line as ``lines`` gives it), record the cuts, set the flags."""
    kept: list[str] = []
    for i, line in enumerate(lines):
        cut = cuts.get(i)
        if cut is None:
            kept.append(line if line.strip() else "")
        elif cut.kept is not None:
            kept.append(cut.kept)
    removed = tuple(RemovedLine(i, cuts[i].text, cuts[i].reason) for i in sorted(cuts))
    text = "\n".join(_collapse_blank_runs(kept)).strip()
    return CleanedDocument(
        raw=raw, text=text, removed=removed, flags=_flags(removed), title=title, header=header
    )


def _collapse_blank_runs(lines: Iterable[str]) -> list[str]:
    """Replace each run of three or more blank lines by one blank line."""
    out: list[str] = []
    run = 0
    for line in [*lines, None]:
        if line == "":
            run += 1
            continue
        out.extend([""] * (1 if run >= 3 else run))
        run = 0
        if line is not None:
            out.append(line)
    return out


def _flags(removed: Iterable[RemovedLine]) -> tuple[str, ...]:
    """The flags for the kinds of line that were cut."""
    reasons = {line.reason for line in removed}
    flags: set[str] = set()
    if CAPTION in reasons:
        flags.add(HAS_CAPTIONS)
    if reasons & BOILERPLATE_REASONS:
        flags.add(HAS_BOILERPLATE)
    if READER_COMMENT in reasons:
        flags.add(HAS_READER_COMMENTS)
    return tuple(sorted(flags))


def _word_count(line: str) -> int:
    return len(line.split())


def _has_word(text: str) -> bool:
    return any(map(str.isalnum, text))
