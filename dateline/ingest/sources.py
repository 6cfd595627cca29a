"""Where inputs come from: files, directories (recursive), and standard input.

Yields the bytes of each input with the path the user will see (the path as given on the command
line joined with the file's relative path), or an IngestIssue when an input cannot be read:
a missing file, a broken link, a symlink loop, a file over the size limit, a directory that
cannot be listed (no permission, a path longer than the system allows). One bad input never
stops the walk, and none is skipped without a message (hidden files and folders, whose names
start with a dot, are the one silent exception: they are editor and VCS state, not inputs).
"""

from __future__ import annotations

import errno
import os
import stat
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
        elif _is_directory(given):
            yield from _walk_directory(given, max_bytes)
        else:
            yield _read_file(given, max_bytes)


def _is_directory(path: str) -> bool:
    """True for a directory (or a link to one); errors are left to the file reader to report."""
    try:
        return stat.S_ISDIR(Path(path).stat().st_mode)
    except (OSError, ValueError):
        return False


def _read_stream(stream: BinaryIO, name: str, max_bytes: int) -> InputFile | IngestIssue:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return IngestIssue(name, f"input is over the size limit of {max_bytes} bytes (--max-bytes)")
    return InputFile(name, data)


def _read_file(path: str, max_bytes: int) -> InputFile | IngestIssue:
    """The file's bytes, read to at most ``max_bytes`` (a file may grow after its size is
    checked); every failure, from stat to read, is an issue."""
    file_path = Path(path)
    try:
        refusal = _refusal(file_path, max_bytes)
        if refusal:
            return IngestIssue(path, refusal)
        with file_path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return IngestIssue(path, f"cannot read file ({_os_reason(exc)})")
    except ValueError as exc:  # a NUL byte in the name
        return IngestIssue(path, f"cannot read file ({exc})")
    if len(data) > max_bytes:
        return IngestIssue(path, f"file is over the size limit of {max_bytes} (--max-bytes)")
    return InputFile(path, data)


def _refusal(file_path: Path, max_bytes: int) -> str | None:
    """Why the file is not read, or None to read it (raises OSError when stat fails)."""
    if file_path.is_symlink() and not file_path.exists():
        return "broken symbolic link"
    info = file_path.stat()
    if info.st_size > max_bytes:
        return f"file is {info.st_size} bytes, over the size limit of {max_bytes} (--max-bytes)"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    return None


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "path is longer than the system allows"
    return exc.strerror or str(exc)


def _walk_directory(root: str, max_bytes: int) -> Iterator[InputFile | IngestIssue]:
    """Walk ``root`` following links, refusing to enter a directory twice (symlink loops).

    A directory that cannot be listed (no permission, a path over PATH_MAX) is reported, not
    skipped: os.walk would drop it silently without ``onerror``.
    """
    seen: set[str] = set()
    errors: list[OSError] = []
    for directory, subdirs, files in os.walk(root, followlinks=True, onerror=errors.append):
        yield from _directory_issues(errors, directory)
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
    yield from _directory_issues(errors, root)


def _directory_issues(errors: list[OSError], fallback: str) -> Iterator[IngestIssue]:
    for error in errors:
        where = error.filename if isinstance(error.filename, str) else fallback
        yield IngestIssue(where, f"cannot read directory ({_os_reason(error)}); skipped")
    errors.clear()
