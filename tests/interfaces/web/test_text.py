"""Article text as segments (dateline/interfaces/web/text.py): marks, cut lines, snippets."""

from __future__ import annotations

from dateline.export import records
from dateline.interfaces.web.snapshot import Snapshot
from dateline.interfaces.web.text import Mark, marked_lines, non_overlapping, snippet
from dateline.model import RemovedLine


def _render(lines: list, show: bool = False) -> list[str]:  # type: ignore[type-arg]
    out = []
    for line in lines:
        text = "".join(f"[{s.text}]" if s.kind else s.text for s in line.segments)
        out.append(f"CUT({line.cut_reason}) {text}" if line.cut_reason else text)
    return out


def test_marks_split_lines_into_segments() -> None:
    text = "On Monday the dam\nheld in Tessel."
    marks = [Mark(3, 9, "time", "2025-03-03"), Mark(26, 32, "entity", "Tessel", "/entities/x")]
    lines = marked_lines(text, marks)
    assert _render(lines) == ["On [Monday] the dam", "held in [Tessel]."]
    assert lines[0].segments[1].note == "2025-03-03" and lines[1].segments[1].href == "/entities/x"


def test_overlapping_and_out_of_range_marks_are_dropped() -> None:
    marks = [Mark(0, 5, "time"), Mark(2, 8, "entity"), Mark(0, 9, "entity"), Mark(5, 99, "time")]
    kept = non_overlapping(marks, 10)
    assert [(m.start, m.end) for m in kept] == [(0, 9)]


def test_a_mark_across_a_line_break_continues_on_the_next_line() -> None:
    lines = marked_lines("ab\ncd", [Mark(1, 4, "time")])
    assert _render(lines) == ["a[b]", "[c]d"]


def test_cut_lines_go_back_in_place() -> None:
    text = "By Ann\n\n\nThe dam held."
    removed = [RemovedLine(2, "Check also: more", "related-teaser"), RemovedLine(9, "Ad", "ad")]
    assert _render(marked_lines(text, [], removed, show_cuts=False)) == text.split("\n")
    shown = _render(marked_lines(text, [], removed, show_cuts=True))
    assert shown == [
        "By Ann",
        "",
        "CUT(related-teaser) Check also: more",
        "",
        "The dam held.",
        "CUT(ad) Ad",
    ]


def test_snippet_marks_hits_around_the_first_one() -> None:
    text = "x " * 200 + "the Karsk dam held; karsk again\nnext line" + " y" * 100
    pieces = snippet(text, ["karsk"], width=60)
    assert pieces[0].text == "…" and pieces[-1].text == "…"
    hits = [p.text for p in pieces if p.kind == "hit"]
    assert hits == ["Karsk", "karsk"]
    assert "\n" not in "".join(p.text for p in pieces)
    assert snippet("short", [])[0].text == "short"


def test_scrub_removes_the_directories_of_source_paths() -> None:
    paths = ("/home/ana/leaks/a.txt", "/home/ana/b.txt", "plain.txt")
    articles = tuple(records.Article(id=str(n), path=p) for n, p in enumerate(paths))
    document = records.TimelineDocument(articles=articles)
    snapshot = Snapshot(document, [], None, None)  # type: ignore[arg-type]
    scrub = snapshot.scrub
    assert scrub("the lead of /home/ana/leaks/a.txt") == "the lead of a.txt"  # the longest
    assert scrub("copied from /home/ana/b.txt and /home/ana/leaks/a.txt.") == (
        "copied from b.txt and a.txt."
    )
    assert scrub("read /srv/ana/d.txt") == "read /srv/ana/d.txt"  # no source there
    assert scrub("/home/anab.txt, /home/ana\\x") == "/home/anab.txt, x"
    assert scrub("plain.txt said so") == "plain.txt said so"
    assert scrub(None) == "" and scrub("") == ""
