"""Cue words the page-structure features look for (``dateline.clean.features``).

These are not rules that cut a line: each is one feature among thirty for a learned model, so a
cue word in a body sentence costs nothing when the line looks like prose. They are kept short
and general (words that furniture uses on any site), never a list of one site's menu.
"""

from __future__ import annotations

FURNITURE = (
    r"cookies?", r"subscribe[sd]?", r"subscription", r"sign (?:in|up)", r"log ?in", r"log out",
    r"register", r"newsletters?", r"privacy", r"terms (?:of|and)", r"all rights reserved",
    r"copyright", r"advertis\w*", r"follow us", r"share (?:this|on)", r"skip to", r"menu",
    r"search", r"accept", r"consent", r"download (?:the|our) app", r"contact us", r"about us",
    r"careers", r"sitemap", r"read more", r"load more", r"show more", r"see all", r"view all",
    r"most (?:popular|read|viewed|shared)", r"trending", r"latest (?:news|stories|videos)",
    r"sponsored", r"promoted", r"comments?", r"reply", r"tweet", r"whatsapp", r"facebook",
    r"instagram", r"linkedin", r"back to top", r"print", r"e-?mail", r"continue reading",
    r"in partnership", r"powered by",
)  # fmt: skip
"""Words of buttons, banners, menus and footers (regex alternatives, lower case)."""

AUTHOR_BIO = (
    r"^(?:[A-Z][\w.'’-]*\s+){1,3}(?:is|was|has been)\s+(?:a|an|the)\b[^.]{0,80}?"
    r"\b(?:correspondent|reporter|writer|editor|journalist|columnist|contributor|author|"
    r"producer|photographer|critic)s?\b"
)
"""The opening of an author's note after an article: "Jo Roe is the Courier's environment
correspondent", "Ana Lind is a senior writer at The Orbit"."""

SUBSCRIBE_ASK = r"subscribe|sign up|newsletters?"
"""A box asking the reader to subscribe (regex alternatives, lower case): never the article's
prose nor its headline (``clean.page``)."""

CREDIT = (
    r"photo(?:graph)?s?", r"image", r"picture", r"credit", r"getty", r"reuters", r"ap photo",
    r"afp", r"epa", r"shutterstock", r"alamy", r"file photo", r"caption",
)  # fmt: skip
"""Words of photo credits (regex alternatives, lower case)."""


def by_first_letter(words: tuple[str, ...]) -> str:
    """The alternation of ``words`` with those sharing a first letter grouped under it
    ("c(?:ookies?|opyright|...)|s(?:...)"): the same matches (words of different first letters
    never match at one place, and each group keeps its words' order), but the regex engine
    tries one group at each word instead of every word: twice as fast over page lines."""
    groups: dict[str, list[str]] = {}
    for word in words:
        if not ("a" <= word[:1] <= "z") or word[1:2] in ("", "?", "*", "+", "{"):
            raise ValueError(f"not a word alternative starting with a letter: {word!r}")
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(
        letter + (rest[0] if len(rest) == 1 else f"(?:{'|'.join(rest)})")
        for letter, rest in groups.items()
    )


FURNITURE_WORDS = rf"\b(?:{by_first_letter(FURNITURE)})\b|©"
CREDIT_WORDS = rf"©|\(c\)|\b(?:{by_first_letter(CREDIT)})\b"
CREDIT_LINE = r"^\w[\w. ]{0,30} ?/ ?\w[\w. ]{0,30}$"
CREDIT_CUE = f"{CREDIT_WORDS}|{CREDIT_LINE}"
"""Photo captions and credits ("Photograph: Jane Roe/Agency", "(Image: GETTY)", "Jane Roe /
Agency"); matched case-insensitively against a stripped line. Its two parts are kept apart for
the page features, which look for the "Jane Roe / Agency" line only where a slash is."""

TEASER_CUE = (
    r"^(?:related|read (?:more|also|next)|see also|more (?:on|from|stories)|recommended|"
    r"you (?:may|might) (?:also )?like|also (?:read|on)|watch|listen|video|podcast|opinion|"
    r"editor'?s picks?|top stories)\b"
)
"""Headers of boxes that point to other stories."""
