"""The CLI's terminal: standard output that stops quietly when its reader goes away, and one-line
messages on standard error (problems repeated over a file's records summarised, tracebacks only
with ``--verbose``, control characters always escaped).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import sys
import traceback
from pathlib import Path
from typing import TextIO

from dateline.export.safe import visible

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130
EXIT_OUTPUT_CLOSED = 141
"""128 + SIGPIPE: what the shell reports for a tool killed because its reader went away."""
REPEATS_SHOWN = 5
"""Log lines shown for one problem repeated in one file (records of a feed, a JSON lines file,
a WARC); the rest are counted and summarised in one line (all are shown with --verbose)."""
log = logging.getLogger("dateline")


class UsageError(Exception):
    """A mistake in how dateline was called; exits with code 2."""


class OutputClosedError(Exception):
    """Standard output's reader went away (``| head``): stop quietly."""


class Output(io.TextIOBase):
    """Standard output for the commands; a reader that went away becomes ``OutputClosedError``
    (a ``BrokenPipeError`` from anywhere else stays an internal error)."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self._target = target

    def write(self, text: str) -> int:
        try:
            return self._target.write(text)
        except BrokenPipeError as exc:
            raise OutputClosedError from exc

    def flush(self) -> None:
        try:
            self._target.flush()
        except BrokenPipeError as exc:
            raise OutputClosedError from exc

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        """Nothing to do: the target belongs to the caller, and flushing a closed pipe again
        when this wrapper is collected would print "Exception ignored" at exit."""

    def isatty(self) -> bool:
        return self._target.isatty()


class FileOutput(io.TextIOBase):
    """``--out FILE`` for a document written piece by piece (``timeline --format json``): a
    failed open or write is a ``UsageError`` naming the file, as a whole document's failed
    ``write_text`` is, and never an internal error."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = path
        try:
            self._file = Path(path).open("w", encoding="utf-8")  # noqa: SIM115 - see close()
        except OSError as exc:
            raise self._failed(exc) from exc

    def _failed(self, exc: OSError) -> UsageError:
        return UsageError(f"cannot write {self._path} ({exc.strerror or exc})")

    def write(self, text: str) -> int:
        try:
            return self._file.write(text)
        except OSError as exc:
            raise self._failed(exc) from exc

    def close(self) -> None:
        try:
            self._file.close()
        except OSError as exc:
            raise self._failed(exc) from exc
        finally:
            super().close()

    def writable(self) -> bool:
        return True


def discard_output(target: TextIO) -> None:
    """Point the closed stdout at /dev/null, so that what is still buffered is dropped at exit
    instead of raising again there (the recipe of Python's signal documentation)."""
    try:
        fd = target.fileno()
    except (OSError, ValueError):  # not a real file (a StringIO in tests)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def error_line(message: str) -> None:
    """One line on stderr, control characters and newlines escaped; silent if stderr is gone."""
    with contextlib.suppress(OSError, ValueError):
        print(f"dateline: {visible(message)}", file=sys.stderr, flush=True)


def internal_error(exc: BaseException, verbose: bool) -> None:
    """An unexpected exception: one line, or the traceback first with ``--verbose``."""
    line = f"internal error: {type(exc).__name__}: {exc}"
    if verbose:
        with contextlib.suppress(OSError, ValueError):
            traceback.print_exception(exc, file=sys.stderr)
        error_line(line)
    else:
        error_line(f"{line} (run with --verbose for the traceback)")


def summarise_repeats() -> None:
    for handler in log.handlers:
        if isinstance(handler, LineHandler):
            handler.summarise()


def configure_logging(verbose: bool) -> LineHandler:
    """Ingest problems are logged as they happen, one line each, on stderr."""
    handler = LineHandler(verbose)
    handler.setFormatter(_OneLineFormatter(verbose))
    log.handlers[:] = [handler]
    log.setLevel(logging.DEBUG if verbose else logging.INFO)
    log.propagate = False
    return handler


class _OneLineFormatter(logging.Formatter):
    """``dateline: MESSAGE`` on one line, whatever the message holds: newlines and control
    characters (from file names, titles, exception messages) are written as visible escapes. An
    exception attached to the record adds ``(Type: message)``; its traceback follows only with
    ``--verbose``."""

    def __init__(self, verbose: bool) -> None:
        super().__init__()
        self.verbose = verbose

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.exc_info is None or record.exc_info[1] is None:
            return f"dateline: {visible(message)}"
        exc = record.exc_info[1]
        line = f"dateline: {visible(f'{message} ({type(exc).__name__}: {exc})')}"
        if self.verbose:
            line += "\n" + self.formatException(record.exc_info).rstrip()
        return line


_RECORD = re.compile(r"(?s)^(?P<path>.*)#\d+: (?P<reason>.*)$")
"""``error: PATH#RECORD: reason``: a problem with one record of a file (``IngestIssue``)."""


class LineHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes the log to stderr, but shows one problem repeated over the records of one file
    (10,000 empty items of a feed) only ``REPEATS_SHOWN`` times, then summarises the rest in one
    line; ``--verbose`` shows every line. Nothing is lost: every issue is also in the store."""

    def __init__(self, verbose: bool) -> None:
        super().__init__(sys.stderr)
        self.verbose = verbose
        self.seen: dict[str, int] = {}
        self.hidden: dict[str, tuple[str, int]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if not self.verbose and record.levelno >= logging.WARNING:
            message = record.getMessage()
            match = _RECORD.match(message)
            key = f"{match['path']}: {match['reason']}" if match else message
            self.seen[key] = self.seen.get(key, 0) + 1
            if self.seen[key] > REPEATS_SHOWN:
                self.hidden[key] = (
                    "records" if match else "times",
                    self.seen[key] - REPEATS_SHOWN,
                )
                return
        super().emit(record)

    def summarise(self) -> None:
        """One line per repeated problem whose lines were not all shown."""
        for key, (unit, count) in self.hidden.items():
            error_line(
                f"{key} (and {count:,} more {unit} with this problem, not shown; see --verbose)"
            )
        self.hidden.clear()
        self.seen.clear()
