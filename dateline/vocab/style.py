"""What the style-flag detector (``dateline.provenance.flags``) knows: the tell-tale phrases of
article spinners and of clumsy machine translation into English.

Written for dateline from general knowledge of how such texts read. The perturbation benchmark
(``bench/provenance_gen.py``) draws its own, separate tables; about half of its swaps and
garbles appear here, so the benchmark measures the detector's reach beyond its own vocabulary.
Patterns are regular expressions matched case-sensitively unless they say otherwise; each must
be rare in ordinary news copy, because a single hit is evidence.
"""

from __future__ import annotations

SPIN_VARIANTS: dict[str, str] = {
    "Russian Federation": "Russia",
    "the Veldorian Republic": "Veldoria",
    "head of state": "president",
    "law enforcement officers": "police",
    "law enforcement": "police",
    "individuals": "people",
    "metropolis": "city",
    "commenced": "began",
    "barrage": "dam",
    "discussions": "talks",
    "arrangement": "agreement",
    "head office": "headquarters",
    "press conference": "news conference",
    "consents": "agrees",
    "tangible": "concrete",
    "nations": "countries",
    "stated": "said",
    "states": "says",
    "informed": "told",
    "slain": "killed",
    "demonstrate": "show",
    "numerous": "many",
    "residence": "home",
    "assault": "attack",
    "additionally": "also",
    "prior to": "before",
    "seven days": "week",
    "pecuniary": "financial",
    "administration": "government",
    "medical practitioners": "doctors",
    "armed force": "army",
}
"""Spun wording -> the plain word it replaces. Some are ordinary English ("stated", "nations"):
they count only in numbers (``SPIN_RATE``), never one hit alone. The phrases that are not
ordinary in news ("Russian Federation" for Russia in running text, "barrage" for a dam) weigh
the same; the detector does not know which is which."""

MT_MARKERS: dict[str, str] = {
    r"\bSir\. [A-Z][a-z]+": "'Sir.' as a title before a surname (English uses Mr)",
    r"\bMister (?:[A-Z][a-z]+|[Mm]inister|[Pp]resident)": (
        "'Mister' spelled out before a name or office"
    ),
    r"\bMadam [A-Z][a-z]+": "'Madam' before a surname",
    r"\b(?:US|U\.S\.|American) Prime Minister\b": "a prime minister of the United States",
    r"\bBritish President\b": "a president of Britain",
    r"\b[Mm]inister of (?:Exteriors|the Exterior|Foreign Relations)\b": (
        "literal 'minister of exteriors'"
    ),
    r"\bhas (?:declared|affirmed|precised)\b": "compound past for a one-off statement",
    r"\bin the days which come\b": "literal 'in the days which come'",
    r"\b\d+ millions of\b": "'millions of' after a number",
    r"\bfor to [a-z]+\b": "'for to' before a verb",
    r"\bwent in the water\b": "literal idiom 'went in the water' (fell through)",
    r"\bhad place\b": "literal 'had place' (took place)",
    r"\bmade (?:a )?(?:call|appeal) to\b": "literal 'made appeal to'",
    r"\bsearched a\b": "'searched a' (looked for a)",
    (  # "the" not after "in", "over", "during" or "for" (checked once "the" is found: fast)
        r"\bthe(?<![Ii]n the)(?<![Oo]ver the)(?<![Dd]uring the)(?<![Ff]or the)"
        r" last (?:month|week|year)\b"
    ): ("'the last month' for 'last month'"),
    r"\bin the frame of\b": "literal 'in the frame of' (as part of)",
    r"\bgave (?:his|her|their) accord\b": "literal 'gave his accord'",
    r"\bdid not move (?:himself|herself|themselves)\b": "reflexive verb carried over",
    r"\bthe (?:President|Minister|Prime Minister) Sir\.": "article before a garbled title",
    r"\bthe President [A-Z][a-z]+ has\b": "article before 'President Name' with a compound past",
}
"""Regular expression -> what is wrong, shown to the user as the evidence's explanation."""

OFF_TOPIC_MIN_WORDS = 6
"""A sentence needs this many content words before sharing none with the rest of its article
counts as an inserted, off-topic sentence."""
