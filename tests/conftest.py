"""Fixtures every test shares."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _restore_dateline_logger() -> Iterator[None]:
    """The CLI points the "dateline" logger at stderr and stops it propagating; a test that runs
    the CLI must not take log records away from the tests after it (caplog listens at the root)."""
    logger = logging.getLogger("dateline")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.level, logger.propagate = saved[0], saved[1], saved[2]
