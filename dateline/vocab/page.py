"""Cue words the page-structure features look for (``dateline.clean.features``).

These are not rules that cut a line: each is one feature among thirty for a learned model, so a
cue word in a body sentence costs nothing when the line looks like prose. They are kept short
and general (words that furniture uses on any site), never a list of one site's menu.
"""

from __future__ import annotations

FURNITURE_WORDS = (
    r"\b(?:cookies?|subscribe[sd]?|subscription|sign (?:in|up)|log ?in|log out|register|"
    r"newsletters?|privacy|terms (?:of|and)|all rights reserved|copyright|advertis\w*|"
    r"follow us|share (?:this|on)|skip to|menu|search|accept|consent|download (?:the|our) app|"
    r"contact us|about us|careers|sitemap|read more|load more|show more|see all|view all|"
    r"most (?:popular|read|viewed|shared)|trending|latest (?:news|stories|videos)|"
    r"sponsored|promoted|comments?|reply|tweet|whatsapp|facebook|instagram|linkedin|"
    r"back to top|print|e-?mail|continue reading|in partnership|powered by)\b|©"
)
"""Words of buttons, banners, menus and footers."""

AUTHOR_BIO = (
    r"^(?:[A-Z][\w.'’-]*\s+){1,3}(?:is|was|has been)\s+(?:a|an|the)\b[^.]{0,80}?"
    r"\b(?:correspondent|reporter|writer|editor|journalist|columnist|contributor|author|"
    r"producer|photographer|critic)s?\b"
)
"""The opening of an author's note after an article: "Jo Roe is the Courier's environment
correspondent", "Ana Lind is a senior writer at The Orbit"."""

CREDIT_WORDS = (
    r"©|\(c\)|\b(?:photo(?:graph)?s?|image|picture|credit|getty|reuters|ap photo|afp|epa|"
    r"shutterstock|alamy|file photo|caption)\b"
)
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
