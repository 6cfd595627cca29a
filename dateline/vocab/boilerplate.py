"""Boilerplate that survives HTML extraction: photo credits, widgets, teasers, reader comments.

These are the vocabularies of the clean stage (``dateline.clean``), kept here as data so that a
new outlet's widget text is added in one place and reviewed as a list, not hunted through code.
Each table is a tuple of regular-expression sources; ``dateline.clean`` joins every table into
one compiled alternation and says how it matches it (whole line, line start, or anywhere).

Two conventions run through every pattern:

* Text may be PTB-tokenised, as the Timeline17 benchmark is: punctuation stands apart from words
  ("Photograph : Khalil Hamra\\/AP"), brackets are written ``-LRB-`` / ``-RRB-`` and slashes are
  escaped. The fragments ``COLON``, ``SLASH``, ``OPEN`` and ``CLOSE`` accept both spellings.
* Widget and teaser tables are matched case-insensitively against the whole stripped line; the
  photo-credit tables are case-sensitive, because "AP" and "REUTERS/Name" are only credits in
  capitals ("Reuters reported that ..." is an article sentence and must stay).

English only for now, like ``dateline.vocab.dates``.
"""

from __future__ import annotations

import re

COLON = r"\s*:\s*"
"""A colon with or without spaces around it ("Photo: X", PTB "Photo : X")."""
SLASH = r"\s*\\?/\s*"
"""A slash, possibly PTB-escaped ("\\/"), with or without spaces around it."""
OPEN = r"(?:\(|-LRB-)\s*"
"""An opening bracket, plain or PTB."""
CLOSE = r"\s*(?:\)|-RRB-)"
"""A closing bracket, plain or PTB."""

AGENCIES: tuple[str, ...] = (
    "Associated Press", "AP", "AFP", "Agence France-Presse", "Reuters", "REUTERS",
    "Getty Images", "Getty images", "GETTY IMAGES", "Getty", "AFP via Getty Images", "WireImage",
    "FilmMagic", "EPA-EFE", "EPA", "EFE", "PA Wire", "PA Images", "PA", "Press Association",
    "Rex Features", "Rex", "Shutterstock", "Corbis", "Alamy", "Bloomberg", "Xinhua", "dpa", "DPA",
    "Anadolu Agency", "Anadolu", "Sipa", "NurPhoto", "SOPA Images", "LightRocket", "ZUMA Press",
    "ZUMA", "Zuma Press", "Zuma", "AAP", "Kyodo", "Yonhap", "TASS", "UPI", "Polaris", "Sygma",
    "Magnum", "Gamma", "Barcroft", "Handout", "Pool", "NASA", "BBC", "CNN",
)  # fmt: skip
"""Photo agencies and wire services as they are printed in credits (literal, case-sensitive)."""


def _longest_first(words: tuple[str, ...]) -> str:
    """An alternation that prefers "Getty Images" to "Getty" (regex takes the first that fits)."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


AGENCY = rf"(?:{_longest_first(AGENCIES)})\b"
CREDIT_PART = rf"(?:{AGENCY}|[A-Z]{{2,6}}\b)"
"""After a slash, an agency or any short capitalised acronym ("Robert Sisson/NG/Getty Images")."""
OUTLET = rf"(?:{AGENCY}|[A-Z][\w&'’-]*)"
"""After a labelled name and a slash, any capitalised word is an outlet ("Dan Chung/Guardian")."""
AGENCY_CHAIN = rf"{AGENCY}(?:{SLASH}{CREDIT_PART})*"
"""One agency, or several joined by slashes ("AFP/Getty Images")."""
PERSON = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|del|der|van|von|al|el|bin|le|la|di)){0,4}"
"""A photographer's name: capitalised words with the usual lower-case particles."""
FIRST_LAST = r"[A-Z][\w'’-]+(?:\s+[A-Z]\.)?\s+[A-Z][\w'’-]+"
"""A name with nothing to mark its end: exactly first name, optional initial, last name."""
PHOTO_LABEL = r"(?:Photo(?:graph)?s?|PHOTO(?:GRAPH)?S?|Pictures?|PICTURES?|Credit|CREDIT)"

# -- caption: photo captions and credits --------------------------------------------------------

CAPTION_LINES: tuple[str, ...] = (
    r"©",
    rf"(?:\(c\)|-LRB- c -RRB-)\s*(?:\d{{4}}\s*)?(?:{AGENCY}|[A-Z]{{2,}}\b)",
    r"^(?i:Image (?:copyright|caption|source))\b",
    r"\bAFP PHOTO\b",
    rf"^(?:{PERSON}{SLASH})?{AGENCY_CHAIN}(?:\s+(?i:photos?|images?|pictures?))?\s*\.?$",
    rf"{SLASH}(?:Getty Images|Getty images|GETTY IMAGES)\s*\.?$",
)
"""Searched anywhere in a line; a hit makes the whole line a caption: the copyright sign,
"(c) AGENCY", BBC's "Image copyright"/"Image caption", "AFP PHOTO", a line that is only an
agency credit ("Reuters", "Khalil Hamra/AP"), and a line ending in "/Getty Images"."""

CAPTION_LABELS: tuple[str, ...] = (
    rf"^{PHOTO_LABEL}(?:{COLON}|\s+by\b)",
    r"^(?i:photo credit|picture credit|file photo|file picture)\b",
    r"\b(?i:file photo)\b",
)
"""Searched anywhere in a line: labels that start a caption ("Photo: ...", "Credit: ...",
"File photo"). A labelled line is a caption only when it is short (``CAPTION_MAX_WORDS`` in
``dateline.clean``): in merged text the label can run on into an article sentence."""

CAPTION_CREDITS: tuple[str, ...] = (
    # (AP Photo/Evan Vucci), (Photo: Jane Doe/AP), (Reuters Photo by X), (AP Photo)
    rf"{OPEN}(?:{AGENCY}\s+)?{PHOTO_LABEL}"
    rf"(?:(?:{SLASH}|{COLON}|\s+by\s+)(?:(?!-RRB-|-LRB-)[^()]){{1,80}}?)?{CLOSE}",
    # (Brian Snyder/Reuters), (Evan Vucci - AP), (By Alex Wong -- Getty Images For "Meet ...")
    rf"{OPEN}(?:By\s+)?{PERSON}(?:{SLASH}|\s+-{{1,2}}\s+){AGENCY_CHAIN}"
    rf"(?:\s*,\s*(?:File|Pool|Handout))?(?:\s+(?i:for)\s+(?:(?!-RRB-|-LRB-)[^()]){{1,40}}?)?{CLOSE}",
    # Photograph: Khalil Hamra/AP, Photo : Getty Images, Photograph : Liu Jin\/AFP\/Getty Images
    rf"\b{PHOTO_LABEL}{COLON}(?:{AGENCY}{SLASH}{FIRST_LAST}|{PERSON}{SLASH}{OUTLET}|{AGENCY})"
    rf"(?:{SLASH}{CREDIT_PART})*",
    # Photo : Thomas Oronti I was ... (a name, then the next sentence starts)
    rf"\b{PHOTO_LABEL}{COLON}{FIRST_LAST}(?=\s+(?:[A-Z]|``|[\"“‘']))",
    # AP Photo/Jae C. Hong, REUTERS/Suhaib Salem, AFP PHOTO / Jane Doe
    rf"\b(?:AP Photo|REUTERS|AFP PHOTO){SLASH}{FIRST_LAST}(?:\s*,\s*(?:File|Pool))?",
    # AP Photo (a credit with no name, before the article's first sentence)
    r"\b(?:AP|AFP|Reuters|REUTERS) (?:Photo|PHOTO)\b",
    # a bare credit inside a line: Michael Nagle/Getty Images
    rf"\b{FIRST_LAST}{SLASH}{AGENCY_CHAIN}",
)
"""Credits searched anywhere in a line and cut out in place. When text follows the credit, only
the credit is cut: Timeline17 runs captions, credits and article sentences together on one line
("Photograph : Reuters The gusher in the Gulf ..."), and cutting the whole line would drop the
sentence. When nothing follows it, the credit ends a caption and the whole line goes."""

CAPTION_TRIGGERS: tuple[str, ...] = (
    "©",
    "(c)",
    "-lrb- c",
    "image",
    "photo",
    "picture",
    "credit",
    "/",
    " - ",
    " -- ",
)
"""Lower-case. A longer line can hold a caption or credit only if its lower-cased text holds one
of these: the caption rules are the costliest, and this test lets most lines skip them."""
CAPTION_TRIGGER_MIN_CHARS = 30
"""Shorter lines are always checked: a bare agency credit ("Reuters", "EPA") has no trigger."""

# -- share-widget -------------------------------------------------------------------------------

SOCIAL_NETWORKS = (
    "Facebook|Twitter|X|LinkedIn|WhatsApp|Reddit|Pinterest|Email|E-mail|Messenger|Telegram"
    "|Tumblr|Flipboard|Instagram|YouTube|Threads|Bluesky|Mastodon|Google\\+?"
)

SHARE_WIDGET: tuple[str, ...] = (
    r"share(?: this(?: article| story| post| page)?)?\s*:?",
    # a share bar written out as one line: "Share this: Facebook  X  WhatsApp  Email",
    # "Share this article: Facebook | X | Email | Print"
    rf"share(?: this(?: article| story| post| page)?)?\s*:\s*"
    rf"(?:(?:{SOCIAL_NETWORKS}|Tweet|Print|Copy link)\s*[|·•,/]?\s*)+",
    rf"share (?:on|via|to|with) (?:{SOCIAL_NETWORKS})\b.*",
    rf"(?:{SOCIAL_NETWORKS}|Tweet|Print|Copy link|Pin it|Like|Like Loading\.*)\s*",
    r"click to (?:share|email|print|tweet)\b.*",
    r"like this\s*:?",
    r"(?:email|e-mail|print|save) this(?: page| article| story| post)?\s*:?",
    r"(?:subscribe|sign up) (?:to|for) our (?:\w+ )?newsletters?\b.*",
    rf"follow us on (?:{SOCIAL_NETWORKS})\b.*",
    r"follow us\s*:?",
    r"enter your e-?mail address to (?:follow|subscribe to) this (?:blog|site)\b.*",
)
"""Whole-line, case-insensitive: share and follow buttons, newsletter boxes."""

# -- comment-widget -----------------------------------------------------------------------------

COMMENT_WIDGET: tuple[str, ...] = (
    r"leave a (?:reply|comment|response)\b.*",
    r"your email address will not be published\b.*",
    r"required fields are marked\b.*",
    r"this site uses akismet to reduce spam\b.*",
    r"(?:post|add|submit|write) (?:a |your )?comment\s*:?",
    r"notify me of (?:follow-up comments|new posts|new comments)\b.*",
    r"cancel reply",
    r"you must be (?:logged|signed) in to (?:post a )?comment\b.*",
    r"(?:sign|log) in to (?:comment|reply)\b.*",
    r"comments? (?:are|is) (?:now )?closed\b.*",
    r"(?:show|view|load|hide) (?:all )?(?:\d+ )?comments\s*:?",
    # calibrated on Timeline17 (Guardian, Reuters, Washington Post comment policies)
    r"this discussion is (?:now )?closed\b.*",
    r"comments are not pre-screened\b.*",
    r"we welcome comments\b.*",
    r"views expressed in the comments do not represent\b.*",
    r"all posts are reactively-moderated\b.*",
)
"""Whole-line, case-insensitive: the comment form and its fine print."""

# -- related-teaser -----------------------------------------------------------------------------

TEASER_HEADERS: tuple[str, ...] = (
    r"check (?:also|this out)",
    r"other (?:news|stories)",
    r"related(?: articles?| stories| posts| content| coverage| news| links| reading| topics)?",
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)",
    r"see also",
    r"also read",
    r"more from\b.{0,60}",
    r"more (?:stories|news|on this story|in this section)",
    r"recommended(?: for you| stories| articles| reading)?",
    r"most (?:popular|read|viewed|shared|watched)(?: stories| articles)?",
    r"read next",
    r"(?:top|trending) stories",
)
"""Whole-line, case-insensitive, with an optional colon: section headers of teaser boxes. The
short headline-like lines after one are teasers too, up to the next prose paragraph."""

TEASER_LINES: tuple[str, ...] = (
    r"read more\b.*",
    r"(?:related|see also|also read|other news|check also|read next|more)\s*:\s*\S.*",
)
"""Whole-line, case-insensitive: a single teaser ("Read more: ...", "Related: ...")."""

# -- syndication-note ---------------------------------------------------------------------------

SYNDICATION_NOTES: tuple[str, ...] = (
    r"(?:this|the above) (?:article|story|report|content) (?:was|has been|is) "
    r"(?:published|generated|posted|auto-?generated|republished) "
    r"(?:automatically )?(?:from|via|through) (?:an? |the )?(?:syndicated |wire |news )"
    r"?(?:agency |service )?(?:feed|wire|agency|service)\b.*",
    r"(?:this|the above) (?:article|story|report) (?:has not been|was not|is not) "
    r"(?:edited|modified|changed) by\b.*",
    r"(?:only the )?headline(?: and picture)? (?:of this (?:article|story|report) )?"
    r"(?:may have been|has been|was) (?:reworked|changed|edited) by\b.*",
    r"(?:published|distributed) (?:by|via) arrangement with\b.*",
)
"""Whole-line, case-insensitive: the note a reprinting site adds to a wire story ("This article
was published automatically from a wire agency feed; our staff did not edit its text"). Cutting
it makes a verbatim reprint's cleaned text equal the wire original, so both get one article id."""

# -- tags ---------------------------------------------------------------------------------------

TAGS: tuple[str, ...] = (
    r"(?:tags?|tagged(?: with)?|filed under|categories|category|topics|keywords)\s*:.*",
)
"""Whole-line, case-insensitive: taxonomy lines."""

# -- reader-comment -----------------------------------------------------------------------------

NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten"

COMMENT_MARKERS: tuple[str, ...] = (
    rf"(?:\d+|{NUMBER_WORDS})\s+(?:comments?|responses?|replies|thoughts?)"
    r"(?:\s+(?:to|on)\b.*)?\s*:?",
    r"(?:reader |readers' |readers’ |user |your )?comments?(?:\s*\(\d+\))?\s*:?",
    r"(?:\d+\s+)?responses? to\s*(?:[\"“‘'`«].*)?",
    r"(?:join the )?discussion\s*:?",
)
"""Whole-line, case-insensitive: headers that open a reader-comment section."""

COMMENTER_LINES: tuple[str, ...] = (
    # John Smith on March 4, 2025 at 10:15 am said:
    r"[^.!?]{1,60}?\s+(?:on|at)\s+.{0,40}?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*"
    r"(?:said|says|wrote)\s*:?",
)
"""Whole-line, case-insensitive: a commenter's byline with a date and time."""

COMMENTER_SAYS = r"(?P<name>[^\s:]+(?:\s+[^\s:]+){0,2})\s+(?:says|said|wrote)\s*:"
"""Whole-line, case-insensitive: "riverwatcher says:". Weaker than a dated byline, so
``dateline.clean`` checks the name (``NOT_COMMENTER_NAMES``) and the line's position."""

NOT_COMMENTER_NAMES = frozenset(
    "he she they it we i you this that the a an one who which someone everyone nobody "
    "spokesman spokeswoman spokesperson minister president officials official police".split()
)
"""First words that make "X says:" a reporter's lead-in to a quote, not a commenter."""

COMMENT_REPLY_LINES: tuple[str, ...] = (
    r"(?:reply|reply ↓|report|report abuse|like|like reply|reply report|recommend|permalink)",
    r"\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago",
)
"""Whole-line, case-insensitive: the buttons and ages printed under each comment."""

TIME_OF_DAY = r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\b)?"
"""A clock time; with a year or a month name on a short line it is a comment's timestamp."""

# -- empty-noise --------------------------------------------------------------------------------

EMPTY_NOISE = r"[\W_]+"
"""Whole-line: separators and stray punctuation ("***", "------", "|"), no letter or digit."""
