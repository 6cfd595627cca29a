"""HTML pages rendered to plain text the ways people save them, to test page structure on text.

People who collect news by hand rarely keep the HTML: they select the whole page and copy it,
save it "as text", or run a converter. Each way lays the same page out differently, and the
clean stage must read them all, so the page benchmark renders every page several ways:

* ``browser``: what a browser's select-all-and-copy gives, written here after the ``innerText``
  algorithm of the HTML standard: hidden elements (scripts, styles, ``hidden``, ``display:
  none``) give nothing, a paragraph is set off by a blank line, every other block starts a new
  line, table cells are separated by tabs, images give nothing and white space is collapsed
  outside ``<pre>``.
* ``markdown``: html2text (the converter behind many "save as markdown" tools) with lines left
  unwrapped; menus come out as ``*`` bullets, links as ``[text](url)``.
* ``inscriptis``: the inscriptis converter, which keeps the page's layout with indentation.
* ``lynx``: the layout of ``lynx -dump`` (a text browser's "save as text", and what many
  scrapers of the 2000s kept), written here from the same walk as ``browser``: every link's text
  follows a numbered reference (``[12]Home``), list items are ``*`` bullets indented five
  columns, headings start at the margin and every other line is indented three columns and
  wrapped at 77.

The two converters are bench-only dependencies (the ``dev`` extra); the browser rendering needs
nothing beyond lxml, which trafilatura already brings.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator

import lxml.html
from lxml import etree

RENDERERS = ("browser", "markdown", "inscriptis", "lynx")

_SKIPPED = frozenset(
    {
        "head", "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object",
        "embed", "select", "option", "datalist", "audio", "video", "map", "input", "textarea",
        "img", "picture", "source", "track", "meta", "link", "title", "base",
    }
)  # fmt: skip
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
        "menu", "nav", "ol", "pre", "section", "summary", "table", "ul", "tbody", "thead",
        "tfoot", "caption", "tr",
    }
)  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\n\r\f\u00a0]+")
_MANY_SPACES = re.compile(r" {2,}")

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HEADING = "\x00"
"""Marks a heading's line in the lynx layout until it is laid out (then removed)."""
LYNX_WIDTH = 77
"""lynx's default dump width (80 columns less its margin)."""

_Piece = str | int
"""Rendered output before line breaks are settled: text, or a number of required line breaks."""


def render(html: str, how: str) -> str:
    """The page as text, rendered by ``how`` (one of RENDERERS)."""
    renderers: dict[str, Callable[[str], str]] = {
        "browser": browser_copy,
        "markdown": markdown_copy,
        "inscriptis": inscriptis_copy,
        "lynx": lynx_copy,
    }
    return renderers[how](html)


def browser_copy(html: str) -> str:
    """The page's text as a browser's select-all-and-copy gives it (``innerText`` of body)."""
    body = _body(html)
    return "" if body is None else _settle(_pieces(body))


def _body(html: str) -> etree._Element | None:
    """The page's ``<body>`` (the whole document when it has none), or None if unparsable."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    body = root.find("body")
    return body if body is not None else root


def markdown_copy(html: str) -> str:
    """The page through html2text, unwrapped (``body_width=0``)."""
    import html2text  # noqa: PLC0415 - a bench-only dependency, imported where it is used

    converter = html2text.HTML2Text()
    converter.body_width = 0
    return str(converter.handle(html))


def lynx_copy(html: str) -> str:
    """The page laid out as ``lynx -dump`` lays it out (see the module docstring)."""
    body = _body(html)
    if body is None:
        return ""
    text = _settle(_pieces(body, lynx=True))
    lines: list[str] = []
    for line in text.split("\n"):
        if line.startswith(_HEADING):
            lines.append(line[len(_HEADING) :].strip())
        elif line.startswith("* "):
            lines.extend(_wrap(line[2:], "     * ", "       "))
        else:
            lines.extend(_wrap(line, "   ", "   "))
    return "\n".join(lines).strip("\n") + "\n"


def _wrap(line: str, first: str, rest: str) -> list[str]:
    if not line.strip():
        return [""]
    return textwrap.wrap(
        line,
        width=LYNX_WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def inscriptis_copy(html: str) -> str:
    """The page through inscriptis with its default layout."""
    from inscriptis import get_text  # noqa: PLC0415 - a bench-only dependency

    return str(get_text(html))


def _hidden(element: etree._Element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in _SKIPPED or not isinstance(element.tag, str):
        return True
    if element.get("hidden") is not None:
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def _pieces(top: etree._Element, *, lynx: bool = False) -> list[_Piece]:
    """Walk the tree without recursion (pages nest deeper than Python's stack allows); with
    ``lynx``, mark headings, list items and numbered link references the lynx way."""
    out: list[_Piece] = []
    links = 0
    for event, element, in_pre in _walk(top):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            out.extend(_opening(tag))
            if lynx and tag in _HEADINGS:
                out.append(_HEADING)
            elif lynx and tag == "li":
                out.append("* ")
            elif lynx and tag == "a" and element.get("href"):
                links += 1
                out.append(f"[{links}]")
            if element.text:
                out.append(_text(element.text, in_pre))
        elif event == "end":
            out.extend(_closing(tag))
        if event != "start" and element is not top and element.tail:
            out.append(_text(element.tail, in_pre))
    return out


def _walk(top: etree._Element) -> Iterator[tuple[str, etree._Element, bool]]:
    """("start" | "end", element, inside <pre>) for every visible element; hidden ones give
    only an "end" so their tail text is kept."""
    stack: list[tuple[etree._Element, bool, bool]] = [(top, False, False)]
    while stack:
        element, in_pre, opened = stack.pop()
        if opened:
            yield "end", element, in_pre
            continue
        if element is not top and _hidden(element):
            yield "skipped", element, in_pre
            continue
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        inner_pre = in_pre or tag == "pre"
        yield "start", element, inner_pre
        stack.append((element, in_pre, True))
        stack.extend((child, inner_pre, False) for child in reversed(element))


def _opening(tag: str) -> list[_Piece]:
    if tag == "p":
        return [2]
    if tag in ("td", "th"):
        return ["\t"]
    if tag == "br":
        return ["\n"]
    return [1] if tag in _BLOCKS else []


def _closing(tag: str) -> list[_Piece]:
    if tag == "p":
        return [2]
    return [1] if tag in _BLOCKS else []


def _text(text: str, in_pre: bool) -> str:
    return text if in_pre else _SPACES.sub(" ", text)


def _settle(pieces: list[_Piece]) -> str:
    """Turn required line breaks into newlines (the largest of a run wins, none at the ends) and
    trim the spaces a browser would not copy at line ends."""
    parts: list[str] = []
    pending = 0
    for piece in pieces:
        if isinstance(piece, int):
            pending = max(pending, piece)
            continue
        if not piece or (not piece.strip() and (pending or not parts)):
            continue
        if pending and parts:
            parts.append("\n" * pending)
        pending = 0
        parts.append(piece)
    lines = "".join(parts).split("\n")
    return "\n".join(_MANY_SPACES.sub(" ", line).strip(" ") for line in lines).strip() + "\n"
