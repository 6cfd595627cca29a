"""Where inputs come from: files, directories (recursive), and standard input.

Yields the bytes of each input with the path the user will see (the path as given on the command
line joined with the file's relative path), or an IngestIssue when an input cannot be read:
a missing file, a broken link, a symlink loop, a file over the size limit. One bad input never
stops the walk.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dateline.model import IngestIssue

STDIN_NAME = "-"


@dataclass(frozen=True)
class InputFile:
    """The raw bytes of one input and the path shown to the user."""

    path: str
    data: bytes


def iter_input_files(
    paths: Sequence[str], *, max_bytes: int, stdin: BinaryIO | None = None
) -> Iterator[InputFile | IngestIssue]:
    """Read every input named in ``paths``; directories are walked recursively in name order."""
    for given in paths:
        if given == STDIN_NAME:
            yield _read_stream(stdin or sys.stdin.buffer, STDIN_NAME, max_bytes)
        elif Path(given).is_dir():
            yield from _walk_directory(given, max_bytes)
        else:
            yield _read_file(given, max_bytes)


def _read_stream(stream: BinaryIO, name: str, max_bytes: int) -> InputFile | IngestIssue:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return IngestIssue(name, f"input is over the size limit of {max_bytes} bytes (--max-bytes)")
    return InputFile(name, data)


def _read_file(path: str, max_bytes: int) -> InputFile | IngestIssue:
    file_path = Path(path)
    if file_path.is_symlink() and not file_path.exists():
        return IngestIssue(path, "broken symbolic link")
    try:
        size = file_path.stat().st_size
        if size > max_bytes:
            return IngestIssue(
                path, f"file is {size} bytes, over the size limit of {max_bytes} (--max-bytes)"
            )
        if not file_path.is_file():
            return IngestIssue(path, "not a regular file")
        return InputFile(path, file_path.read_bytes())
    except OSError as exc:
        return IngestIssue(path, f"cannot read file ({exc.strerror or exc})")


def _walk_directory(root: str, max_bytes: int) -> Iterator[InputFile | IngestIssue]:
    """Walk ``root`` following links, refusing to enter a directory twice (symlink loops)."""
    seen: set[str] = set()
    for directory, subdirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(directory)
        if real in seen:
            subdirs[:] = []
            yield IngestIssue(directory, f"symlink loop: {real} was already read; skipped")
            continue
        seen.add(real)
        subdirs[:] = sorted(name for name in subdirs if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield _read_file(str(Path(directory) / name), max_bytes)
