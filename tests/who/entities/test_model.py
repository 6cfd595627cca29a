"""The pinned spaCy model: its hash is checked, and loading it needs no network."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from dateline.who.entities.nlp import (
    DEFAULT_EXCLUDE,
    WEIGHTS_SHA256,
    ModelIntegrityError,
    load_nlp,
    model_dir,
    verify_model,
    weights_sha256,
)


def test_installed_model_matches_the_pinned_hash() -> None:
    assert weights_sha256(model_dir()) == WEIGHTS_SHA256
    assert verify_model() == model_dir()


def test_a_changed_hash_is_refused_with_a_clear_error() -> None:
    with pytest.raises(ModelIntegrityError, match="does not match the pinned weights"):
        verify_model(expected="0" * 64)


def test_a_folder_without_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelIntegrityError, match=r"no config\.cfg"):
        verify_model(tmp_path)


def test_hash_changes_with_any_file(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    (folder / "ner").mkdir(parents=True)
    (folder / "config.cfg").write_text("[nlp]\n")
    (folder / "ner" / "model").write_bytes(b"\x00\x01weights")
    before = weights_sha256(folder)
    (folder / "ner" / "model").write_bytes(b"\x00\x02weights")
    assert weights_sha256(folder) != before
    shutil.copytree(folder, tmp_path / "copy")
    assert weights_sha256(tmp_path / "copy") == weights_sha256(folder)


def test_loading_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    nlp = load_nlp.__wrapped__(DEFAULT_EXCLUDE)  # uncached: a real load
    assert nlp.pipe_names == ["ner"]
    assert [e.label_ for e in nlp("Anna Lind flew to Oslo.").ents] == ["PERSON", "GPE"]
