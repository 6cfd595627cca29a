"""Fixtures of the web app tests: apps over the demo store and over the XSS corpus store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from dateline.interfaces.web import create_app
from dateline.settings import Settings
from tests.interfaces.conftest import build_corpus_store, copy_store
from tests.interfaces.web.xss_corpus import PAYLOADS, write_xss_corpus


@pytest.fixture(scope="session")
def web_demo_store(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the demo store for the app: searching writes its full-text index,
    and the shared demo store must stay as built."""
    return copy_store(demo_store, tmp_path_factory.mktemp("web-demo") / "news.db")


@pytest.fixture(scope="session")
def demo_client(web_demo_store: Path) -> Iterator[TestClient]:
    """A client of the app over (a copy of) the demo store."""
    with TestClient(create_app(Settings(db_path=str(web_demo_store)))) as client:
        yield client


@pytest.fixture(scope="session")
def xss_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The XSS corpus ingested from its absolute path and built, once."""
    return build_corpus_store(tmp_path_factory.mktemp("xss"), write_xss_corpus, len(PAYLOADS))


@pytest.fixture(scope="session")
def xss_client(xss_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_path=str(xss_store)))) as client:
        yield client
