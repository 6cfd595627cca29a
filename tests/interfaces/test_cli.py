"""The command line end to end on a small corpus written for these tests."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dateline.interfaces.cli import main

SPILL = (
    "Floodwater spilled over the Karsk Dam on the Mirel River early on Tuesday, forcing the "
    "evacuation of 1,200 residents of Lowmarsh, regional officials said. Engineers said a "
    "spillway gate had jammed during the night."
)
SPILL_REPORT = (
    "About 1,200 people were moved out of Lowmarsh after water poured over the Karsk Dam on "
    "the Mirel River on Tuesday, officials said. A jammed spillway gate was blamed."
)
SUMMIT = (
    "Foreign ministers of Veldoria and Ostrand met in Carrow on Friday for mediated talks on "
    "sharing the waters of the Mirel River, chaired by Ines Barrow. No agreement was reached."
)


def _write_corpus(root: Path) -> None:
    root.mkdir()
    (root / "a.txt").write_text(f"Dam spills, town evacuated\n4 March 2025\n\n{SPILL}\n")
    (root / "b.txt").write_text(
        f"Lowmarsh evacuated\n5 March 2025\n\n{SPILL_REPORT}\n\nLeave a Reply\n"
    )
    (root / "reprint.txt").write_text(
        f"Dam spills, town evacuated\nMarch 4, 2025\n\n{SPILL}\n\n"
        "(Photo: Valley Courier / R. Ito)\n"
    )
    (root / "c.jsonl").write_text(
        json.dumps({"title": "Ministers meet in Carrow", "text": SUMMIT, "date": "2025-03-14"})
        + "\n"
    )


def _call(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    code = main(args, stdout=out)
    return code, out.getvalue()


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, str]:
    corpus = tmp_path / "news"
    _write_corpus(corpus)
    return corpus, str(tmp_path / "news.db")


def test_run_prints_a_sourced_markdown_timeline(store: tuple[Path, str]) -> None:
    corpus, db = store
    code, out = _call(["run", str(corpus), "--db", db])
    assert code == 0
    assert out.index("## 2025-03-04") < out.index("## 2025-03-14")
    assert out.count("Sources:") == 2


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [
        ("markdown", "## 2025-03-04"),
        ("json", '"timeline"'),
        ("html", '<h2 id="d2025-03-04">'),
        ("timelinejs", '"start_date"'),
    ],
)
def test_timeline_in_every_format(store: tuple[Path, str], fmt: str, marker: str) -> None:
    corpus, db = store
    assert _call(["ingest", str(corpus), "--db", db])[0] == 0
    assert _call(["build", "--db", db])[0] == 0
    code, out = _call(["timeline", "--db", db, "--format", fmt])
    assert code == 0
    assert marker in out


def test_json_contract_and_reprint_stored_once(store: tuple[Path, str], tmp_path: Path) -> None:
    corpus, db = store
    _call(["ingest", str(corpus), "--db", db])
    _call(["build", "--db", db])
    target = tmp_path / "timeline.json"
    assert _call(["timeline", "--db", db, "--format", "json", "--out", str(target)])[0] == 0
    document = json.loads(target.read_text())
    assert set(document) >= {"articles", "events", "timeline"}
    articles = {a["path"].rsplit("/", 1)[-1]: a for a in document["articles"]}
    assert set(articles) == {"a.txt", "b.txt", "c.jsonl"}  # the reprint is a second source of a
    assert "reprinted" in articles["a.txt"]["flags"]
    assert len(articles["a.txt"]["sources"]) == 2
    assert articles["c.jsonl"]["published"] == "2025-03-14"
    assert articles["a.txt"]["published_evidence"].startswith("dateline")
    spill = next(e for e in document["events"] if articles["a.txt"]["id"] in e["article_ids"])
    assert articles["b.txt"]["id"] in spill["article_ids"]
    assert spill["date"] == "2025-03-04"
    for entry in document["timeline"]:
        assert entry["article_ids"], "no line without a source"


def test_incremental_build_places_only_new_articles(
    store: tuple[Path, str], tmp_path: Path
) -> None:
    corpus, db = store
    _call(["ingest", str(corpus / "a.txt"), "--db", db])
    _call(["build", "--db", db])
    events_before = json.loads(_call(["events", "--db", db, "--format", "json"])[1])
    _call(["ingest", str(corpus), "--db", db])
    _call(["build", "--db", db])
    events_after = json.loads(_call(["events", "--db", db, "--format", "json"])[1])
    assert events_before[0]["id"] in {e["id"] for e in events_after}
    assert len(events_after) == 2
    assert _call(["build", "--db", db])[0] == 0  # nothing new: nothing to do


def test_listings_and_show(store: tuple[Path, str]) -> None:
    corpus, db = store
    _call(["run", str(corpus), "--db", db])
    code, table = _call(["articles", "--db", db])
    assert code == 0 and table.splitlines()[0].split() == ["id", "date", "outlet", "title", "flags"]
    events = json.loads(_call(["events", "--db", db, "--format", "json"])[1])
    code, shown = _call(["show", events[0]["id"][:6], "--db", db, "--format", "json"])
    detail = json.loads(shown)
    assert detail["kind"] == "event" and detail["articles"]
    article_id = detail["articles"][0]["id"]
    article = json.loads(_call(["show", article_id, "--db", db, "--format", "json"])[1])
    assert article["kind"] == "article" and article["event"]["id"] == events[0]["id"]
    assert "text" in article and isinstance(article["removed"], list)
    code, text = _call(["show", article_id, "--db", db])
    assert code == 0 and article_id in text
    assert "placed there by:" in text and "time expressions:" in text


def test_stdin_input(tmp_path: Path) -> None:
    out = io.StringIO()
    code = main(
        ["ingest", "-", "--db", str(tmp_path / "s.db")],
        stdin=io.BytesIO(f"Dam spills\n\n{SPILL}".encode()),
        stdout=out,
    )
    assert code == 0


def test_eval_demo_prints_one_json_object() -> None:
    root = Path(__file__).resolve().parents[2]
    out = io.StringIO()
    code = main(
        [
            "eval",
            "demo",
            "--json",
            "--corpus",
            str(root / "examples/demo"),
            "--truth",
            str(root / "tests/golden/demo_truth.json"),
        ],
        stdout=out,
    )
    assert code == 0
    figures = json.loads(out.getvalue())
    assert figures["articles_read"] == 45
    assert figures["dates"]["wrong"] == 0
    assert 0.0 < figures["events_bcubed"]["f1"] <= 1.0


@pytest.mark.parametrize("fmt", ["markdown", "json", "html", "timelinejs"])
def test_summarised_slice_in_every_format_cites_every_sentence(
    store: tuple[Path, str], fmt: str
) -> None:
    corpus, db = store
    _call(["run", str(corpus), "--db", db])
    args = ["timeline", "--db", db, "--max-dates", "1", "--sentences-per-date", "1"]
    code, out = _call([*args, "--query", "Lowmarsh", "--format", fmt])
    assert code == 0
    assert "Lowmarsh" in out and "Carrow" not in out  # the slice leaves the summit out
    if fmt == "json":
        [entry] = json.loads(out)["timeline"]
        assert entry["date"] == "2025-03-04"
        [sentence] = entry["sentences"]
        assert sentence["article_ids"] and sentence["text"] in entry["text"]


def test_entity_and_date_span_slice_the_store(store: tuple[Path, str]) -> None:
    corpus, db = store
    _call(["run", str(corpus), "--db", db])
    by_entity = json.loads(
        _call(["timeline", "--db", db, "--entity", "Ines Barrow", "--format", "json"])[1]
    )
    assert [e["date"] for e in by_entity["timeline"]] == ["2025-03-14"]
    assert by_entity["meta"]["view"]["entity_names"] == ["Ines Barrow"]
    by_span = json.loads(
        _call(["timeline", "--db", db, "--to", "2025-03-10", "--format", "json"])[1]
    )
    assert [e["date"] for e in by_span["timeline"]] == ["2025-03-04"]


@pytest.mark.parametrize(
    ("option", "message"),
    [(["--from", "14/03/2025"], "YYYY-MM-DD"), (["--max-dates", "0"], "must be positive")],
)
def test_bad_timeline_options_are_usage_errors(
    store: tuple[Path, str], option: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = store
    _call(["run", str(corpus), "--db", db])
    assert _call(["timeline", "--db", db, *option])[0] == 2
    assert message in capsys.readouterr().err


def test_entities_listing_and_entity_aliases_in_the_timeline(store: tuple[Path, str]) -> None:
    corpus, db = store
    _call(["run", str(corpus), "--db", db])
    code, table = _call(["entities", "--db", db])
    assert code == 0 and table.splitlines()[0].split()[:3] == ["id", "name", "kind"]
    listing = json.loads(_call(["entities", "--db", db, "--format", "json"])[1])
    names = {e["name"]: e for e in listing["entities"]}
    assert names["Ines Barrow"]["mention_count"] >= 1
    document = json.loads(_call(["timeline", "--db", db, "--format", "json"])[1])
    assert {"entities", "contradictions"} <= set(document)
    summit = next(a for a in document["articles"] if "Carrow" in (a["title"] or ""))
    assert "Ines Barrow" in {e["name"] for e in summit["entities"]}
    assert all("quotes" in e and "entities" in e for e in document["events"])
    titled = json.loads(
        _call(["timeline", "--db", db, "--entity", "Ms. Ines Barrow", "--format", "json"])[1]
    )
    assert "Ines Barrow" in titled["meta"]["view"]["entity_names"]  # found under her name
    assert [e["date"] for e in titled["timeline"]] == ["2025-03-14"]


def test_stories_cover_every_event_once_across_incremental_builds(
    store: tuple[Path, str],
) -> None:
    corpus, db = store
    _call(["run", str(corpus / "a.txt"), "--db", db])
    _call(["run", str(corpus), "--db", db])
    stories = json.loads(_call(["stories", "--db", db, "--format", "json"])[1])
    events = json.loads(_call(["events", "--db", db, "--format", "json"])[1])
    threaded = [e for s in stories for e in s["event_ids"]]
    assert sorted(threaded) == sorted(e["id"] for e in events)  # each event in one story
    first = stories[0]
    assert all(link["similarity"] > 0 for link in first["links"])
    code, table = _call(["stories", "--db", db])
    assert code == 0 and first["id"] in table
    sliced = json.loads(
        _call(["timeline", "--db", db, "--story", first["id"][:7], "--format", "json"])[1]
    )
    assert {e["id"] for e in sliced["events"]} <= set(first["event_ids"])
    shown = json.loads(_call(["show", first["event_ids"][0], "--db", db, "--format", "json"])[1])
    assert shown["story"]["id"] == first["id"]
    assert _call(["timeline", "--db", db, "--story", "st-none"])[0] == 2


def test_a_build_may_leave_entities_and_provenance_for_later(
    store: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = store
    assert _call(["run", str(corpus), "--db", db, "--skip", "entities,provenance"])[0] == 0
    skipped = json.loads(_call(["timeline", "--db", db, "--format", "json"])[1])
    assert all(not a["entities"] and not a["links"] for a in skipped["articles"])
    assert skipped["timeline"], "events and the timeline do not wait for the skipped stages"
    assert _call(["build", "--db", db])[0] == 0  # the later build reads what was skipped
    later = json.loads(_call(["timeline", "--db", db, "--format", "json"])[1])
    assert any(a["entities"] for a in later["articles"])
    assert _call(["build", "--db", db, "--skip", "events"])[0] == 2
    assert "cannot skip events" in capsys.readouterr().err
