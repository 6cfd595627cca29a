"""Dedup: which articles are the same article.

Stage 4 of the pipeline. An article's id is a stable hash of its cleaned text, normalised for
whitespace and case, so the same story read twice, or reprinted verbatim under different
captions, widgets and datelines (which clean and pubdate remove), is stored once with several
sources. Near-duplicates and rewrites are the provenance stage's job (see docs/ROADMAP.md).
"""

from __future__ import annotations

import hashlib
import re

ID_HEX_CHARS = 16
"""64 bits: a collision is unlikely below billions of articles, and ids stay typeable."""

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def content_key(text: str) -> str:
    """The text reduced to what identifies it: lower-case words separated by single spaces."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def article_id(text: str) -> str:
    """The stable id of an article with this cleaned text (blake2b, hex)."""
    digest = hashlib.blake2b(content_key(text).encode("utf-8"), digest_size=ID_HEX_CHARS // 2)
    return digest.hexdigest()
