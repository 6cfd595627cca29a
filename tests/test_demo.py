"""The bundled demo corpus end to end: a golden output file and checks against its ground truth.

The demo (examples/demo, ground truth in examples/demo-TRUTH.md) has 45 articles in five
formats reporting 12 events, with a verbatim reprint, a spun rewrite, a machine-translated copy,
boilerplate of every kind and undated articles. ``tests/golden/demo_truth.json`` maps each
article's locator (path under examples/demo, "#record" for feeds and crawls) to its true event
and publication date.

The golden file pins the whole output document, so any change in behaviour shows up as a diff to
review. After an intended change, regenerate it with::

    DATELINE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_demo.py
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from dateline import api
from dateline.eval.demo_cli import locator, score_document
from dateline.export.markdown import to_markdown
from dateline.export.records import TimelineDocument
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEMO = "examples/demo"
GOLDEN = ROOT / "tests" / "golden" / "demo.json"
TRUTH = json.loads((ROOT / "tests" / "golden" / "demo_truth.json").read_text())
NOW = datetime(2025, 6, 1, tzinfo=UTC)

BCUBED_F1_FLOOR = 0.85
"""Measured 0.90 when this test was written; a drop below the floor is a regression."""
PUBDATE_COVERAGE_FLOOR = 0.8
"""Share of articles dated (rightly); measured 37 of 45: the other 8 carry no date evidence."""


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Ingest and build the demo once, from the repository root so paths are relative."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        conn = api.open_store(str(db))
        report = api.ingest(conn, [DEMO], Settings(now=NOW))
        assert report.skipped == 0, report.issues
        api.build(conn)
        return api.timeline_document(conn)
    finally:
        os.chdir(cwd)


def _by_locator(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        locator(source, DEMO): article
        for article in document["articles"]
        for source in article["sources"]
    }


def _event_of(document: dict[str, Any]) -> dict[str, str]:
    return {aid: event["id"] for event in document["events"] for aid in event["article_ids"]}


def test_output_matches_golden_file(document: dict[str, Any]) -> None:
    rendered = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("DATELINE_UPDATE_GOLDEN"):
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8"), (
        "output changed; review the diff and regenerate with DATELINE_UPDATE_GOLDEN=1"
    )


def test_every_true_article_is_read(document: dict[str, Any]) -> None:
    assert set(_by_locator(document)) == set(TRUTH)


def test_verbatim_reprint_is_stored_once_with_both_sources(document: dict[str, Any]) -> None:
    articles = _by_locator(document)
    original = articles["txt/cp-2025-04-08-lunesse-walkout.txt"]
    reprint = articles["html/newsline24-2025-04-08-lunesse-talks-collapse.html"]
    assert original["id"] == reprint["id"]
    assert len(original["sources"]) == 2
    assert "reprinted" in original["flags"]
    assert len(document["articles"]) == len(TRUTH) - 1


def test_events_agree_with_truth(document: dict[str, Any]) -> None:
    score = score_document(document, DEMO, TRUTH)["events_bcubed"]
    assert score["f1"] >= BCUBED_F1_FLOOR, score


def test_first_and_second_flood_are_different_events(document: dict[str, Any]) -> None:
    articles = _by_locator(document)
    event_of = _event_of(document)
    first = {event_of[articles[loc]["id"]] for loc, t in TRUTH.items() if t["event"] == "E01-spill"}
    second = {
        event_of[articles[loc]["id"]] for loc, t in TRUTH.items() if t["event"] == "E08-flood2"
    }
    assert first and second and not first & second


def test_publication_dates_are_right_or_unknown(document: dict[str, Any]) -> None:
    """Every date given is the true one; only articles with no date evidence stay unknown."""
    outcome = score_document(document, DEMO, TRUTH)["dates"]
    assert outcome["wrong"] == 0, outcome
    assert outcome["right"] / len(TRUTH) >= PUBDATE_COVERAGE_FLOOR, outcome


def test_estimated_ranges_of_undated_articles_hold_the_true_date(
    document: dict[str, Any],
) -> None:
    """Undated reports get a range from their event's dated reports; none may miss the truth."""
    outcome = score_document(document, DEMO, TRUTH)["estimated_dates"]
    assert outcome["misses"] == 0, outcome
    assert outcome["contains"] >= 6, outcome  # measured 7 of 8 (one has no date evidence)


def test_event_dates_come_from_the_leads_with_evidence(document: dict[str, Any]) -> None:
    """Reyl's counter-measures were announced "on Wednesday" (16 April), a day the
    lead names; the sanctions the lead also mentions ("imposed on Monday") are background."""
    [event] = [e for e in document["events"] if "Ostby" in e["title"]]
    assert event["date"] == "2025-04-16"
    assert "in the lead of" in event["date_evidence"]


def test_no_article_is_dated_wrongly_by_a_footer_year(document: dict[str, Any]) -> None:
    """H08 has only "© 2025" in its footer; guessing 1 January 2025 from it would be wrong."""
    ratified = _by_locator(document)["html/valley-courier-parliament-ratifies.html"]
    assert ratified["published"] in (None, "2025-05-15")


def test_every_timeline_entry_has_existing_sources(document: dict[str, Any]) -> None:
    ids = {article["id"] for article in document["articles"]}
    assert document["timeline"]
    for entry in document["timeline"]:
        assert entry["article_ids"] and set(entry["article_ids"]) <= ids


def test_markdown_of_demo_has_no_raw_html(document: dict[str, Any]) -> None:
    rendered = to_markdown(TimelineDocument.from_json(document))
    assert "<" not in rendered
    assert len(re.findall(r"^Sources( \(\d+ independent\))?: ", rendered, re.M)) == len(
        document["timeline"]
    )


def test_the_translated_copys_wrong_title_is_a_contradiction(document: dict[str, Any]) -> None:
    """The machine-translated copy calls Foreign Minister Kovac "Prime Minister"; every other
    report agrees she is the foreign minister, so exactly that conflict is reported."""
    [conflict] = document["contradictions"]
    assert conflict["person"] == "Anna Kovac"
    assert {conflict["role_a"], conflict["role_b"]} == {
        "Veldorian Foreign Minister",
        "Veldorian Prime Minister",
    }
    assert len(conflict["article_ids_b"]) == 1


@pytest.mark.parametrize(
    ("derived", "source", "flag"),
    [
        (
            "txt/worldnews-digest-lunesse-discussions.txt",
            "txt/harbor-times-2025-03-25-lunesse-mediation.txt",
            "spun",
        ),
        (
            "txt/euronewshub-ostrand-delegation-leaves.txt",
            "txt/daily-meridian-2025-04-08-walkout.txt",
            "machine-translated",
        ),
    ],
)
def test_spun_and_translated_copies_are_linked_to_their_originals_and_flagged(
    document: dict[str, Any], derived: str, source: str, flag: str
) -> None:
    articles = _by_locator(document)
    copy, original = articles[derived], articles[source]
    [link] = copy["links"]
    assert (link["relation"], link["role"], link["other_id"]) == (
        "rewrite",
        "derived",
        original["id"],
    )
    assert link["evidence"]["passages"], "a link shows the shared passages"
    assert flag in copy["flags"] and flag not in original["flags"]
    event = next(e for e in document["events"] if copy["id"] in e["article_ids"])
    assert original["id"] in event["article_ids"]
    assert event["independent_sources"] == len(event["article_ids"]) - 1


def test_the_verbatim_reprint_is_one_article_and_never_flagged_as_a_rewrite(
    document: dict[str, Any],
) -> None:
    reprinted = [a for a in document["articles"] if "reprinted" in a["flags"]]
    assert len(reprinted) == 1 and len(reprinted[0]["sources"]) == 2
    assert not {"spun", "machine-translated"} & set(reprinted[0]["flags"])


@pytest.mark.xfail(
    strict=True,
    reason="known wrong, pinned by the golden file: spaCy's small English model types the "
    "demo's invented countries as persons and its towns as organisations (ROADMAP, entities)",
)
def test_the_invented_countries_and_towns_are_typed_as_such(document: dict[str, Any]) -> None:
    kinds = {entity["name"]: entity["kind"] for entity in document["entities"]}
    assert kinds["Ostrand"] == kinds["Veldoria"] == "country"
    assert all(kinds[town] == "place" for town in ("Tessel", "Orvik", "Mirelbrug"))
