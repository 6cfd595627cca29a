"""The config file: what it may set, how flags override it, and its one-line errors."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.interfaces.cli import main
from dateline.settings import ConfigError, EventWindow, FieldNames, load_settings, read_config

STORY = (
    "Engineers at the Karsk reservoir opened two spillway gates on Thursday evening after three "
    "days of heavy rain, the regional water authority said in a statement issued late at night."
)


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(cwd)


def test_every_option_is_read(tmp_path: Path) -> None:
    path = tmp_path / "dateline.toml"
    path.write_text(
        'db = "news.db"\nworkers = 2\nskip = ["dense", "entities"]\nmax_bytes = 1000\n'
        'max_text_chars = 500\nmax_json_depth = 8\nlanguages = ["EN", "fr"]\n'
        '[fields]\ntext = "body"\n[events]\ngrace_days = 5\ndecay_days = 10\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings.db_path == "news.db"
    assert settings.workers == 2
    assert settings.skip == ("dense", "entities")
    assert (settings.max_bytes, settings.max_text_chars, settings.max_json_depth) == (1000, 500, 8)
    assert settings.fields == FieldNames(text="body")
    assert settings.languages == ("en", "fr")
    assert settings.events == EventWindow(grace_days=5, decay_days=10.0)


def test_flags_win_over_the_file_and_field_names_merge(tmp_path: Path) -> None:
    path = tmp_path / "dateline.toml"
    path.write_text('db = "news.db"\n[fields]\ntext = "body"\n', encoding="utf-8")
    settings = load_settings(path, db_path="other.db", fields=FieldNames(title="headline"))
    assert settings.db_path == "other.db"
    assert settings.fields == FieldNames(text="body", title="headline")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('dbpath = "x.db"\n', "unknown option 'dbpath'"),
        ('workers = "two"\n', "workers must be a int"),
        ("workers = 0\n", "workers must be positive"),
        ('skip = ["events"]\n', "cannot skip events"),
        ("db = \n", "not valid TOML"),
        ('[fields]\nbody = "text"\n', "[fields] may name"),
        ("[events]\nwindow = 3\n", "[events] may name decay_days, grace_days"),
        ('[events]\ngrace_days = "a week"\n', "events.grace_days must be a number"),
        ("[events]\ndecay_days = 0\n", "events.decay_days must be positive"),
        ('languages = ["english"]\n', "two-letter codes"),
    ],
)
def test_a_bad_file_is_one_error_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "dateline.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")) as caught:
        load_settings(path)
    assert str(caught.value).startswith(str(path))


def test_the_working_directory_file_is_used_and_flags_override_it(in_tmp: Path) -> None:
    (in_tmp / "story.txt").write_text(f"Spillway gates opened\n\n{STORY}\n", encoding="utf-8")
    (in_tmp / "dateline.toml").write_text('db = "from-config.db"\n', encoding="utf-8")
    assert main(["ingest", "story.txt"], stdout=io.StringIO()) == 0
    assert (in_tmp / "from-config.db").exists()
    assert main(["ingest", "story.txt", "--db", "flag.db"], stdout=io.StringIO()) == 0
    assert (in_tmp / "flag.db").exists()
    out = io.StringIO()
    assert main(["articles"], stdout=out) == 0
    assert "Spillway gates opened" in out.getvalue()


def test_a_bad_config_exits_2_with_one_line(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_tmp / "bad.toml").write_text("colour = 'blue'\n", encoding="utf-8")
    assert main(["articles", "--config", "bad.toml"], stdout=io.StringIO()) == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "bad.toml: unknown option 'colour'" in error


def test_read_config_reports_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        read_config(tmp_path / "missing.toml")


FRENCH = (
    "Les ingénieurs du barrage de Karsk ont ouvert deux vannes jeudi soir après trois jours de "
    "pluies abondantes, a indiqué dans un communiqué l'autorité régionale de l'eau, qui a "
    "demandé aux habitants de rester chez eux pendant la nuit."
)


def test_languages_keep_only_those_articles_and_say_how_many_were_left_out(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_tmp / "story.txt").write_text(f"Spillway gates opened\n\n{STORY}\n", encoding="utf-8")
    (in_tmp / "histoire.txt").write_text(f"Vannes ouvertes\n\n{FRENCH}\n", encoding="utf-8")
    (in_tmp / "dateline.toml").write_text('languages = ["en"]\n', encoding="utf-8")
    assert main(["ingest", "story.txt", "histoire.txt"], stdout=io.StringIO()) == 0
    assert "left out 1 in other languages (fr 1)" in capsys.readouterr().err
    out = io.StringIO()
    assert main(["articles", "--format", "json"], stdout=out) == 0
    assert "Spillway" in out.getvalue() and "Vannes" not in out.getvalue()
