"""`dateline eval BENCHMARK ...`: score dateline on a benchmark and print the table.

Each benchmark lives in its own module under ``dateline/eval/`` and plugs in here through a
``register(evals)`` function that adds its sub-command and sets ``handler(args, out) -> int``.
Every eval command accepts ``--json`` and then prints one JSON object with the averaged figures,
so that scripts can read them. Eval commands never open a store.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from dateline.eval import demo_cli, events_cli, pages_cli, timex_cli, tls_cli

if TYPE_CHECKING:
    EvalParsers = argparse._SubParsersAction[argparse.ArgumentParser]

REGISTRARS: list[Callable[[EvalParsers], None]] = [
    demo_cli.register,
    events_cli.register,
    pages_cli.register,
    timex_cli.register,
    tls_cli.register,
]
"""One ``register`` per benchmark module; add a line here to add a benchmark."""


def add_eval(commands: EvalParsers) -> None:
    """The ``eval`` command and one sub-command per registered benchmark."""
    parser = commands.add_parser("eval", help="score dateline on a benchmark")
    evals = parser.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    for register in REGISTRARS:
        register(evals)
