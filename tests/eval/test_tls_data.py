"""TLS loaders: tilse text timelines, news-tls JSONL, the T17 tarball, and the news-tls protocol."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest

from dateline.eval.tls_data import (
    DATA,
    average_sentences_per_day,
    load_newstls_topic,
    load_t17_raw,
    parse_newstls_timelines,
    parse_tilse_timeline,
    tasks,
)

TILSE = """2021-05-03
Floods close the river road .
Schools shut for a day .
--------------------------------
2021-05-09
The road reopens .
--------------------------------
"""


def test_parse_tilse_timeline() -> None:
    gold = parse_tilse_timeline(TILSE)
    assert gold == {
        dt.date(2021, 5, 3): ["Floods close the river road .", "Schools shut for a day ."],
        dt.date(2021, 5, 9): ["The road reopens ."],
    }
    assert average_sentences_per_day(gold) == 2  # 1.5 rounds half to even


def test_parse_newstls_skips_empty_lines() -> None:
    text = '[["2021-05-03 00:00:00", ["A."]]]\n[]\n\n[["2021-06-01T00:00:00", ["B.", "C."]]]\n'
    timelines = parse_newstls_timelines(text)
    assert [sorted(t) for t in timelines] == [[dt.date(2021, 5, 3)], [dt.date(2021, 6, 1)]]


def _add(archive: tarfile.TarFile, name: str, text: str) -> None:
    data = text.encode("utf-8")
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def test_t17_raw_pools_sources_and_builds_tasks(tmp_path: Path) -> None:
    tarball = tmp_path / "t17.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        for source in ("bbc", "cnn"):
            folder = f"Timeline17/haiti_{source}"
            _add(archive, f"{folder}/keywords.json", '["haiti"]')
            _add(archive, f"{folder}/timelines/{source}.txt", TILSE)
            _add(archive, f"{folder}/InputDocs/2021-05-02/1.htm.txt", "Rain falls .\n")
            _add(archive, f"{folder}/InputDocs/2021-05-09/2.htm.txt", "Road reopens .\n")
            _add(archive, f"{folder}/InputDocs/2021-05-10/3.htm.txt", "Later .\n")
            _add(archive, f"{folder}/InputDocs/2021-05-04/4.htm.txt", "")
    keywords = tmp_path / "t17" / "haiti"
    keywords.mkdir(parents=True)
    (keywords / "keywords.json").write_text('["haiti", "quake"]')
    (collection,) = load_t17_raw(tarball, tmp_path / "t17")
    assert collection.topic == "haiti"
    assert collection.keywords == ("haiti", "quake")
    assert len(collection.articles) == 6  # the empty article is skipped
    assert len(collection.timelines) == 2
    task = tasks(collection)[0]
    assert (task.max_dates, task.sentences_per_date) == (2, 2)
    assert {a.published for a in task.articles} == {dt.date(2021, 5, 9)}
    widened = tasks(collection, extension_days=1)[0]
    assert {a.published for a in widened.articles} == {
        dt.date(2021, 5, 2),
        dt.date(2021, 5, 9),
        dt.date(2021, 5, 10),
    }


def test_newstls_topic(tmp_path: Path) -> None:
    folder = tmp_path / "Some_Person"
    folder.mkdir()
    (folder / "keywords.json").write_text('["some person"]')
    (folder / "timelines.jsonl").write_text('[["2020-01-02 00:00:00", ["Wins."]]]\n')
    records = [
        {"id": 7, "time": "2020-01-03T10:00:00Z", "title": "T", "text": "Wins a prize .\nMore ."},
        {"id": 8, "time": "2020-01-01T10:00:00Z", "title": "", "text": " "},
    ]
    with gzip.open(folder / "articles.preprocessed.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(r) for r in records) + "\n")
    collection = load_newstls_topic(folder)
    assert [a.id for a in collection.articles] == ["7"]
    assert collection.articles[0].published == dt.date(2020, 1, 3)
    (task,) = tasks(collection, extension_days=7)
    assert task.articles == collection.articles
    assert (task.max_dates, task.sentences_per_date) == (1, 1)


ENTITIES = DATA / "newstls_format" / "entities"


@pytest.mark.skipif(
    not ENTITIES.exists(), reason="../shared/bench-data absent: benchmark-backed test"
)
def test_entities_topic_loads() -> None:
    collection = load_newstls_topic(ENTITIES / "Phil_Spector")
    assert len(collection.articles) > 100
    assert len(collection.timelines) == 1
    (task,) = tasks(collection, 7)
    assert task.max_dates == len(collection.timelines[0][1])
