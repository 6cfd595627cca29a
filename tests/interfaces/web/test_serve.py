"""``dateline serve``: loopback by default, a warning elsewhere, the Host names it accepts, and
the CLI's usage errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn

from dateline.interfaces import cli
from dateline.interfaces.web import serve as serve_module
from dateline.interfaces.web.serve import allowed_hosts, host_warning, is_loopback


def test_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    assert host_warning("127.0.0.1") is None
    warning = host_warning("0.0.0.0")
    assert warning is not None and "anyone who can reach" in warning


def test_allowed_hosts() -> None:
    assert "localhost" in allowed_hosts("127.0.0.1") and "*" not in allowed_hosts("127.0.0.1")
    assert "10.0.0.5" in allowed_hosts("10.0.0.5")
    assert allowed_hosts("0.0.0.0") == ["*"]


def test_serve_command(web_demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def fake_serve(settings: Any, host: str, port: int, *, read_only: bool = False) -> None:
        calls.append({"db": settings.db_path, "host": host, "port": port, "ro": read_only})

    monkeypatch.setattr(serve_module, "serve", fake_serve)
    db = str(web_demo_store)
    assert cli.main(["serve", "--db", db]) == 0
    assert (
        cli.main(["serve", "--db", db, "--host", "0.0.0.0", "--port", "9000", "--read-only"]) == 0
    )
    assert calls == [
        {"db": db, "host": "127.0.0.1", "port": 8765, "ro": False},
        {"db": db, "host": "0.0.0.0", "port": 9000, "ro": True},
    ]


def test_serve_usage_errors(tmp_path: Path, web_demo_store: Path) -> None:
    assert cli.main(["serve", "--db", str(tmp_path / "missing.db")]) == cli.EXIT_USAGE
    assert not (tmp_path / "missing.db").exists(), "serve never creates a store"
    assert cli.main(["serve", "--db", str(web_demo_store), "--port", "70000"]) == cli.EXIT_USAGE


def test_warning_is_printed(
    web_demo_store: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: None)
    serve_module.serve(cli.load_settings(db_path=str(web_demo_store)), "0.0.0.0", 8765)
    assert "warning: serving on 0.0.0.0" in capsys.readouterr().err
