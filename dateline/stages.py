"""Stage versions: the one mechanism that decides what a build redoes.

A stage whose output the store keeps declares its ``StageVersion`` once, beside its code
(``dates.mentions.STAGE``, ``who.STAGE``, ``provenance.build.STAGE``, ``grouping.dense.STAGE``,
``grouping.sparse.STAGE``). Changing the version string is how a stage says its output changed.

* A per-article stage ("article" scope) records, for every article it reads, the version that
  produced the article's rows (``store.stages``, table ``article_stages``). A build runs it on
  the articles that have no record at the current version, in ingest order, and says how many
  of them it reads again because an older version made them.
* A corpus stage ("corpus" scope: the grouping into events and stories, whose vectors are only
  comparable within one representation) records one version for the whole store; a build
  under another version regroups every article, and says so. The whole store's kept summary
  (``timeline.precomputed.STAGE``) records its version with a digest of its inputs, so any
  change to them makes it stale.

Nothing else decides what a build redoes: no column per stage, no model name compared by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Scope = Literal["article", "corpus"]


@dataclass(frozen=True)
class StageVersion:
    """A stage's stored name and the version of the output it writes now."""

    name: str
    version: str
    scope: Scope = "article"


@dataclass(frozen=True)
class StageRun:
    """What one stage did in a build: the articles it read, and how many of them it read again
    because an earlier version of the stage made their rows (by that version)."""

    name: str
    version: str
    articles: int
    redone: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        """One line for the build summary, e.g. "times (timex-3): read 12 article(s), 3 of them
        again (made by timex-2)"."""
        text = f"{self.name} ({self.version}): read {self.articles} article(s)"
        if self.redone:
            again = sum(self.redone.values())
            if len(self.redone) == 1:
                made_by = f"made by {next(iter(self.redone))}"
            else:
                made_by = ", ".join(f"{n} made by {v}" for v, n in sorted(self.redone.items()))
            text += f", {again} of them again ({made_by})"
        return text
