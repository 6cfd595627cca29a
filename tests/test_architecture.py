"""The import direction: each stage imports only shared ground, the store and earlier stages.

docs/ARCHITECTURE.md draws one direction of flow; this test keeps the code to it, so a stage
can be read and changed without the ones after it. A new top-level package must be given a
place here.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "dateline"

SHARED = {"__init__", "__version__", "model", "stages", "settings", "parallel", "progress"}
SHARED |= {"sentences", "vocab"}
RANK = {
    **dict.fromkeys(SHARED, 0),
    "store": 1,
    "ingest": 2,
    "clean": 3,
    "dates": 4,
    "who": 5,
    "provenance": 6,
    "grouping": 7,
    "timeline": 8,
    "pipeline": 9,
    "export": 10,
    "api": 11,
    "eval": 12,
    "interfaces": 13,
}


def _package(path: Path) -> str:
    first = path.relative_to(ROOT).parts[0]
    return first.removesuffix(".py")


def _imported(tree: ast.AST) -> set[str]:
    """The top-level dateline packages a module imports."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] == "dateline":
                found |= {parts[1]} if len(parts) > 1 else {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("dateline.")}
    return found


def test_every_import_points_back_along_the_pipeline() -> None:
    wrong = []
    for path in sorted(ROOT.rglob("*.py")):
        source = _package(path)
        assert source in RANK, f"{source}: give the new package its place in RANK"
        for target in _imported(ast.parse(path.read_text(encoding="utf-8"))) - {source}:
            assert target in RANK, f"{path}: imports unknown package {target}"
            if RANK[target] >= RANK[source] and not RANK[source] == RANK[target] == 0:
                wrong.append(f"{path.relative_to(ROOT)} imports dateline.{target}")
    assert wrong == []


def test_the_check_sees_a_backward_import() -> None:
    tree = ast.parse("from dateline.pipeline import build\nimport dateline.store.db\n")
    assert _imported(tree) == {"pipeline", "store"}
    assert RANK["pipeline"] > RANK["who"]
