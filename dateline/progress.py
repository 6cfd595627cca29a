"""The one progress helper: a rich progress bar on a terminal, silence in pipes.

Stages report progress only through ``Progress``; nothing prints. Long work shows a bar when
stderr is a terminal, or when the user asks with ``--progress``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.progress import Progress as RichProgress


class Progress(Protocol):
    """What a stage may call to report progress."""

    def advance(self, amount: int = 1) -> None:
        """Count ``amount`` more items done."""


class _Silent:
    def advance(self, amount: int = 1) -> None:
        """Do nothing: progress is not shown."""


class _Bar:
    def __init__(self, bar: RichProgress, task: int) -> None:
        self._bar = bar
        self._task = task

    def advance(self, amount: int = 1) -> None:
        self._bar.advance(self._task, amount)  # type: ignore[arg-type]


def should_show(requested: bool) -> bool:
    """Show progress when asked, or when stderr is an interactive terminal."""
    return requested or sys.stderr.isatty()


@contextmanager
def progress(label: str, total: int | None, *, show: bool) -> Iterator[Progress]:
    """A progress reporter for one stage; silent unless ``show``."""
    if not show:
        yield _Silent()
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with RichProgress(*columns, transient=True, redirect_stdout=False) as bar:
        yield _Bar(bar, bar.add_task(label, total=total))
