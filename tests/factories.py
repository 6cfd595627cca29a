"""Records the tests build over and over, made in one place (fictional content only)."""

from __future__ import annotations

from datetime import date

from dateline.model import Article, PublishedDate


def make_article(
    ident: str, text: str = "The dam held.", day: date | None = None, **changes: object
) -> Article:
    """An article read from ``{ident}.txt``, published on ``day`` (evidence "test") or undated;
    ``changes`` sets any other field (title, times, outlet, ...)."""
    published = PublishedDate(day, "day", "test") if day else PublishedDate()
    return Article(
        id=ident,
        path=f"{ident}.txt",
        text=text,
        source_format="text",
        published=published,
        **changes,  # type: ignore[arg-type]
    )
