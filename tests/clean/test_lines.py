"""Clean stage: every kind of cut, the kept text, and what must survive (all text invented)."""

from __future__ import annotations

from dateline import clean
from dateline.clean.markup import plain_line
from dateline.model import CleanedDocument, RawDocument

PROSE = (
    "Officials in Brenna said on Tuesday that the river commission would meet again next week, "
    "after two days of talks produced an agreement on sharing gauge data from the dam."
)
PROSE_2 = (
    "The agreement covers the six gauges upstream of Tessel and obliges both sides to publish "
    "readings every hour, a demand that Veldoria has made since the first flood in March."
)


def _clean(*lines: str) -> CleanedDocument:
    """Clean text with its headline given, so only the line rules act (no first-line title)."""
    return clean.clean_document(
        RawDocument(path="a.txt", text="\n".join(lines), source_format="text", title="Headline")
    )


def _reasons(doc: CleanedDocument) -> list[tuple[int, str]]:
    return [(line.line_no, line.reason) for line in doc.removed]


def test_plain_article_is_untouched() -> None:
    doc = _clean(PROSE, "", PROSE_2)
    assert doc.text == f"{PROSE}\n\n{PROSE_2}"
    assert doc.removed == ()
    assert doc.flags == ()


def test_copyright_caption_line_is_cut_and_recorded() -> None:
    doc = _clean("© REUTERS/Jana Holm", PROSE)
    assert doc.text == PROSE
    assert _reasons(doc) == [(0, clean.CAPTION)]
    assert doc.removed[0].text == "© REUTERS/Jana Holm"
    assert clean.HAS_CAPTIONS in doc.flags


def test_inline_credit_is_cut_and_the_sentence_kept() -> None:
    doc = _clean(f"(AP Photo/Evan Marsh) {PROSE}")
    assert doc.text == PROSE
    assert doc.removed[0].text == "(AP Photo/Evan Marsh)"


def test_reuters_in_a_sentence_is_not_a_credit() -> None:
    line = "Reuters reported that the spillway stayed open for six hours on Monday night."
    assert _clean(line).text == line


def test_share_and_comment_widgets_are_cut() -> None:
    doc = _clean(
        PROSE,
        "Share this article",
        "Facebook",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "This site uses Akismet to reduce spam.",
    )
    assert doc.text == PROSE
    reasons = {reason for _, reason in _reasons(doc)}
    assert reasons == {clean.SHARE_WIDGET, clean.COMMENT_WIDGET}
    assert clean.HAS_BOILERPLATE in doc.flags


def test_teaser_block_takes_headlines_until_prose() -> None:
    doc = _clean(
        PROSE,
        "Check Also",
        "Five things to know about the Karsk Dam",
        "Tessel mayor calls for new levees",
        PROSE_2,
    )
    assert doc.text == f"{PROSE}\n{PROSE_2}"
    assert [reason for _, reason in _reasons(doc)] == [clean.RELATED_TEASER] * 3


def test_read_more_line_and_tags_are_cut() -> None:
    doc = _clean(PROSE, "Read more: Floods return to the Mirel", "Tags: Veldoria, Ostrand, dams")
    assert doc.text == PROSE
    assert [reason for _, reason in _reasons(doc)] == [clean.RELATED_TEASER, clean.TAGS]


def test_reader_comments_after_the_article_are_cut() -> None:
    doc = _clean(
        PROSE,
        PROSE_2,
        "3 Comments",
        "riverwatcher says:",
        "They should have opened the dam earlier, everyone knew the rain was coming.",
        "Reply",
    )
    assert doc.text == f"{PROSE}\n{PROSE_2}"
    assert {reason for _, reason in _reasons(doc)} == {clean.READER_COMMENT}
    assert clean.HAS_READER_COMMENTS in doc.flags


def test_comments_subheading_inside_article_does_not_swallow_it() -> None:
    lines = ["Comments", PROSE, PROSE_2, PROSE, PROSE_2, PROSE]
    doc = _clean(*lines)
    assert PROSE_2 in doc.text
    assert clean.READER_COMMENT not in {reason for _, reason in _reasons(doc)}


def test_reporter_lead_in_is_not_a_commenter() -> None:
    doc = _clean(PROSE, PROSE_2, "The minister said:", "We will not accept this.")
    assert "We will not accept this." in doc.text


def test_syndication_note_is_cut_so_reprints_match_the_original() -> None:
    note = (
        "This article was published automatically from a wire agency feed; "
        "newsline24 staff did not edit its text."
    )
    reprint = _clean(PROSE, note)
    original = _clean(PROSE)
    assert reprint.text == original.text
    assert _reasons(reprint) == [(1, clean.SYNDICATION_NOTE)]


def test_separator_lines_are_noise_and_blank_runs_collapse() -> None:
    doc = _clean(PROSE, "", "", "", "***", "", "", PROSE_2)
    assert doc.text == f"{PROSE}\n\n{PROSE_2}"
    assert _reasons(doc) == [(4, clean.EMPTY_NOISE)]


def test_ptb_tokenised_credit_is_cut() -> None:
    doc = _clean(f"Photograph : Khalil Hamra\\/AP {PROSE}")
    assert doc.text == PROSE
    assert doc.removed[0].reason == clean.CAPTION


def test_article_of_only_boilerplate_cleans_to_empty() -> None:
    doc = _clean("Share this", "Leave a Reply", "© AFP")
    assert doc.text == ""
    assert len(doc.removed) == 3


def test_a_day_number_before_a_month_is_a_date_not_a_list_number() -> None:
    assert plain_line("04. Februar 2022, 15:29 Uhr").text == "04. Februar 2022, 15:29 Uhr"
    assert not plain_line("4. May 2022").bullet
    assert plain_line("4. Sources and methods").bullet


def test_a_share_bar_written_on_one_line_is_cut() -> None:
    for bar in (
        "Share this: Facebook  X  WhatsApp  Email",
        "Share this article: Facebook | X | Print",
    ):
        doc = _clean(PROSE, bar)
        assert doc.text == PROSE
        assert [reason for _, reason in _reasons(doc)] == [clean.SHARE_WIDGET]
    kept = "Share this: the union will vote on Friday and the result is binding"
    assert kept in _clean(PROSE, kept).text  # a sentence after "Share this:" is not a bar


def test_a_markdown_link_whose_title_runs_past_the_line_is_read_as_a_link() -> None:
    """html2text keeps a link's multi-line title attribute as it is (a code host's commit links)."""
    line = '[Raise the ferry timetable limit](/harbour/app/commit/41fd "Raise the ferry timetable'
    assert plain_line(line).text == "Raise the ferry timetable limit"
    assert plain_line('See [the report](/a "Report") and [more](/b).').text == (
        "See the report and more."
    )
