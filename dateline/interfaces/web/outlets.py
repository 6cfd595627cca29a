"""How a source is named on a page: by its outlet, never by a file path on this machine.

A reader wants "Northgate Post", not ``/home/ana/leaks/2025/np-0412.html``: the path says
nothing about who published the text and exposes the analyst's disk to anyone shown the
screen. So a source is named by the outlet the input gave, else by its URL's domain
(``www.`` dropped), else, where the file path is all there is, by the file's name alone (a feed
file names its feed). URLs are linked only when they are plain ``http``/``https`` links
(``dateline.export.html.safe_url``); the server never fetches them.
"""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import urlsplit

from dateline.export.html import safe_url
from dateline.export.records import Article, Source


def outlet_name(article: Article | Source) -> str:
    """The name a page shows for an article's or a source's outlet."""
    if article.outlet and article.outlet.strip():
        return article.outlet.strip()
    domain = url_domain(article.url)
    if domain:
        return domain
    return file_name(article.path) or "unknown source"


def url_domain(url: str | None) -> str | None:
    """The host of a safe web URL, without ``www.``; None for anything else."""
    safe = safe_url(url)
    if safe is None:
        return None
    try:
        host = urlsplit(safe).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def file_name(path: str | None) -> str:
    """The last part of a path (both separators), so no directory is ever shown."""
    if not path:
        return ""
    return PurePath(path.replace("\\", "/")).name


def place_label(source: Source) -> str:
    """One place an article was read from: outlet, then the file name and record number."""
    name = file_name(source.path)
    if source.record is not None:
        name += f" #{source.record}"
    return f"{outlet_name(source)} ({name})" if name else outlet_name(source)
