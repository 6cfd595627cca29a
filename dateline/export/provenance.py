"""Which reports are copies or rewrites of which: the provenance parts of the contract.

Per article its ``links`` (copy, partial-copy, rewrite, stitched; which side it is on, the other
article, the evidence) and its ``quality_flags`` (``spun``, ``machine-translated``, ... with
evidence; their names also join ``flags``); per event and timeline entry its
``independent_sources``: the number of groups of its articles once copies and rewrites of one
another count as one source. ``document.timeline_document`` reads them from a ``Provenance``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dateline.export import records
from dateline.model import StyleFlag
from dateline.provenance.relations import independent_groups
from dateline.store.analysis import StoredLink


@dataclass(frozen=True)
class Provenance:
    """The stored links and quality flags, indexed for the document's articles."""

    links: Sequence[StoredLink]
    flags: Mapping[str, Sequence[StyleFlag]]
    _by_article: dict[str, list[records.LinkRecord]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _touching: dict[str, list[StoredLink]] = field(default_factory=dict, compare=False, repr=False)
    _counted: dict[tuple[str, ...], int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for link in self.links:
            self._by_article.setdefault(link.derived, []).append(link_record(link, link.derived))
            self._by_article.setdefault(link.source, []).append(link_record(link, link.source))
            self._touching.setdefault(link.derived, []).append(link)

    def links_of(self, article_id: str) -> tuple[records.LinkRecord, ...]:
        return tuple(self._by_article.get(article_id, ()))

    def quality_flags(self, article_id: str) -> tuple[records.QualityFlag, ...]:
        return tuple(flag_record(flag) for flag in self.flags.get(article_id, ()))

    def independent(self, article_ids: Sequence[str]) -> int:
        """How many independent sources the articles are, copies and rewrites counted once
        (remembered: an event and its timeline entry ask for the same articles)."""
        key = tuple(article_ids)
        if key not in self._counted:
            touching = (link for a in key for link in self._touching.get(a, ()))
            self._counted[key] = len(independent_groups(key, touching))
        return self._counted[key]


def flag_record(flag: StyleFlag) -> records.QualityFlag:
    """A quality flag with its score and the evidence a reader can check."""
    return records.QualityFlag(flag.name, round(flag.score, 3), tuple(flag.evidence))


def link_record(link: StoredLink, seen_from: str) -> records.LinkRecord:
    """A link as one of its two articles sees it: what it is to the other, and the evidence."""
    derived = seen_from == link.derived
    return records.LinkRecord(
        relation=link.relation,
        role="derived" if derived else "source",
        other_id=link.source if derived else link.derived,
        score=link.score,
        evidence=link.evidence,
    )
