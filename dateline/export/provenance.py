"""Which reports are copies or rewrites of which: the provenance keys of the contract.

Added to a document built by ``document.timeline_document``: per article its ``links`` (copy,
partial-copy, rewrite, stitched; which side it is on, the other article, the evidence) and its
``quality_flags`` (``spun``, ``machine-translated``, ... with evidence; their names also join
``flags``); per event and timeline entry its ``independent_sources``: the number of groups of
its articles once copies and rewrites of one another count as one source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dateline.export.document import JsonDict
from dateline.model import StyleFlag
from dateline.provenance.relations import independent_groups
from dateline.store.analysis import StoredLink


def add_provenance(
    document: JsonDict,
    links: Sequence[StoredLink],
    flags: Mapping[str, Sequence[StyleFlag]],
) -> None:
    """Add links, quality flags and independent-source counts to the document."""
    by_article: dict[str, list[JsonDict]] = {}
    for link in links:
        by_article.setdefault(link.derived, []).append(link_dict(link, link.derived))
        by_article.setdefault(link.source, []).append(link_dict(link, link.source))
    for article in document["articles"]:
        article["links"] = by_article.get(article["id"], [])
        own = flags.get(article["id"], ())
        article["quality_flags"] = [flag_dict(flag) for flag in own]
        article["flags"] = sorted({*article["flags"], *(f.name for f in own)})
    for item in (*document["events"], *document["timeline"]):
        item["independent_sources"] = len(independent_groups(item["article_ids"], links))


def flag_dict(flag: StyleFlag) -> JsonDict:
    """A quality flag with its score and the evidence a reader can check."""
    return {"name": flag.name, "score": round(flag.score, 3), "evidence": list(flag.evidence)}


def link_dict(link: StoredLink, seen_from: str) -> JsonDict:
    """A link as one of its two articles sees it: what it is to the other, and the evidence."""
    derived = seen_from == link.derived
    return {
        "relation": link.relation,
        "role": "derived" if derived else "source",
        "other_id": link.source if derived else link.derived,
        "score": link.score,
        "evidence": link.evidence,
    }
