"""The summary run the web app starts after its edits, in a process of its own.

    python -m dateline.interfaces.web.summary_job STORE

Summarises the store again if a correction changed what its kept summary was made from
(``api.refresh_summary``); exits 0 when the summary is current, 1 with a one-line reason when
the store could not be read or written (the next build makes the summary then).
"""

from __future__ import annotations

import sqlite3
import sys

from dateline import api
from dateline.store.db import StoreError


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m dateline.interfaces.web.summary_job STORE", file=sys.stderr)
        return 2
    try:
        conn = api.open_store(argv[0])
        try:
            api.refresh_summary(conn)
        finally:
            conn.close()
    except (sqlite3.Error, OSError, StoreError) as exc:
        print(f"dateline: {argv[0]}: the summary was not refreshed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
