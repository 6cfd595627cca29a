"""`dateline eval BENCHMARK ...`: score dateline on a benchmark and print the table.

Each benchmark lives in its own module under ``dateline/eval/`` and plugs in here through a
``register(evals)`` function that adds its sub-command and sets ``handler(args, out) -> int``.
Every eval command accepts ``--json`` and then prints one JSON object with the averaged figures,
so that scripts can read them. Eval commands never open a store.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    EvalParsers = argparse._SubParsersAction[argparse.ArgumentParser]

BENCHMARK_MODULES = ("demo_cli", "events_cli", "pages_cli", "timex_cli", "tls_cli")
"""One module per benchmark under ``dateline.eval``, each with a ``register``; add a name here
to add a benchmark."""


def add_eval(commands: EvalParsers, benchmarks: bool = True) -> None:
    """The ``eval`` command and one sub-command per registered benchmark.

    The benchmark modules import the whole pipeline and the peers' libraries (a second of
    imports), so other commands add ``eval`` without them (``benchmarks=False``): it still shows
    in ``dateline --help``.
    """
    parser = commands.add_parser("eval", help="score dateline on a benchmark")
    if not benchmarks:
        return
    evals = parser.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    for register in registrars():
        register(evals)


def registrars() -> list[Callable[[EvalParsers], None]]:
    """Each benchmark module's ``register``, importing the modules."""
    return [importlib.import_module(f"dateline.eval.{name}").register for name in BENCHMARK_MODULES]
