"""Helpers for the tests that kill dateline processes: /proc look-ups and a generated corpus.

psutil is not a dependency, so children are found by reading /proc (Linux only; the tests
using these helpers skip elsewhere).
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ON_LINUX = sys.platform.startswith("linux") and Path("/proc/self/stat").exists()
_CLOCK_TICKS = float(os.sysconf("SC_CLK_TCK")) if ON_LINUX else 100.0


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rfind(")") + 2 :].split()


def children(pid: int) -> set[int]:
    """The live processes whose parent is ``pid``."""
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting to be reaped has ended)."""
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time ``pid`` has used so far, or None once it is gone."""
    fields = _stat(pid)
    if fields is None:
        return None
    ticks = int(fields[11]) + int(fields[12])  # utime and stime: fields 14 and 15 of stat
    return ticks / _CLOCK_TICKS


def wait_for_children(pid: int, count: int, timeout: float) -> set[int]:
    """Poll until ``pid`` has at least ``count`` children (or ``timeout`` passes)."""
    deadline = time.monotonic() + timeout
    found: set[int] = set()
    while time.monotonic() < deadline and alive(pid):
        found = children(pid)
        if len(found) >= count:
            return found
        time.sleep(0.005)
    return found


def wait_until_gone(pids: set[int], timeout: float) -> set[int]:
    """Poll until none of ``pids`` runs; returns those still running at ``timeout``."""
    deadline = time.monotonic() + timeout
    left = {pid for pid in pids if alive(pid)}
    while left and time.monotonic() < deadline:
        time.sleep(0.02)
        left = {pid for pid in left if alive(pid)}
    return left


def kill_all(pids: set[int]) -> None:
    """SIGKILL each of ``pids`` that still runs (the clean-up of a failed test)."""
    for pid in pids:
        if alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


_PEOPLE = ("Marta Ilvesk", "Daniel Okoro", "Helen Varga", "Ivan Lutz", "Agnes Holm", "Karl Tamm")
_PLACES = ("Port Aldane", "Orvik", "Tessel", "Karsk", "Mirelbrug", "Lunesse")
_TOPICS = ("the dam", "the grain tariff", "the border talks", "the flood defences", "the strike")


def write_corpus(folder: Path, count: int, seed: int = 13) -> None:
    """``count`` fictional news articles as text files, each distinct, with names, dates and
    quotes for every build stage to read."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        person, other = rng.sample(_PEOPLE, 2)
        place, topic = rng.choice(_PLACES), rng.choice(_TOPICS)
        day = 1 + number % 28
        lines = [
            f"Officials in {place} reviewed {topic} on {day} March 2025 (report {number})",
            "",
            f"Officials in {place} met on {day} March 2025 to discuss {topic}, report "
            f"{number} of the series. {person} said the council would decide by Friday.",
            f'"We cannot wait another season," {person} told reporters. "Every week costs '
            f'{rng.randint(2, 90)} households their savings."',
            f"{other}, a spokeswoman for the regional authority, said that {topic} had been "
            f"reviewed {rng.randint(2, 9)} times since January and that a vote was due on "
            f"{day % 27 + 2} April.",
            f"According to the ministry, {rng.randint(100, 9000)} people in {place} were "
            f"affected. The talks resume next week.",
        ]
        (folder / f"article-{number:04d}.txt").write_text("\n".join(lines) + "\n")
