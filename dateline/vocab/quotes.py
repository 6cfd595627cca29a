"""Vocabulary of the quote finder (``dateline.who.quotes``), as data.

Which words introduce speech, which of them take a listener before the reported words ("told
reporters that ..."), which phrases may sit between a verb and what was said ("said on
Monday ..."), and which nouns stand for a speaker already named ("the minister", "the
ministry"). The rules in ``dateline/who/quotes/`` read only these tables, so a missed verb or
title is a one-line change here.
"""

from __future__ import annotations

from typing import Final

#: Verbs (and verb forms) that attribute words to a speaker. Lower-case, matched as whole
#: words; multi-word cues are listed in ``MULTIWORD_CUES``.
SPEECH_VERBS: Final[frozenset[str]] = frozenset(
    "say says said saying tell tells told telling add adds added adding "
    "write writes wrote writing warn warns warned warning insist insists insisted insisting "
    "stress stresses stressed stressing explain explains explained explaining "
    "note notes noted noting argue argues argued arguing claim claims claimed claiming "
    "declare declares declared announce announces announced ask asks asked "
    "reply replies replied answer answered respond responded continue continued "
    "caution cautions cautioned admit admits admitted acknowledge acknowledged "
    "concede conceded recall recalls recalled tweet tweeted posted testify testified "
    "estimate estimated predict predicted suggest suggested confirm confirms confirmed "
    "complain complained reiterate reiterated remark remarked observe observed "
    "shout shouted joke joked whisper whispered conclude concluded assure assured "
    "inform informed remind reminded allege alleged maintain maintained stated".split()
)

#: Cues of more than one word; "according to" puts the speaker after it.
MULTIWORD_CUES: Final[tuple[str, ...]] = ("according to", "pointed out", "went on")

#: Cues that attribute a direct quote but do not introduce reported speech ("asked" takes a
#: question, "continued" a quotation, "replied"/"answered" an answer in quote marks).
DIRECT_ONLY_CUES: Final[frozenset[str]] = frozenset(
    "ask asks asked reply replies replied answer answered respond responded continue continued "
    "joke joked shout shouted whisper whispered tweet tweeted posted went on".split()
)

#: Verbs whose listener comes between the verb and the reported words ("told parliament
#: that", "warned investors the ..."): the words after them are an object, never the speaker.
OBJECT_VERBS: Final[frozenset[str]] = frozenset(
    "tell tells told telling warn warns warned warning assure assured inform informed "
    "remind reminded".split()
)

#: Regular expressions (case-insensitive) of phrases that may stand between a speech verb and
#: the reported clause: "said on Monday the talks ...", "told reporters in a statement that".
ADVERBIALS: Final[tuple[str, ...]] = (
    r"(?:late |early )?(?:on|last|this|next) (?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|week|month|year|weekend|night|morning|evening)",
    r"in an? (?:\w+ ){0,2}(?:statement|interview|speech|letter|post|address|message|"
    r"briefing|broadcast|report|tweet)",
    r"(?:on|in) (?:twitter|x|facebook|instagram|telegram|social media|television|radio|"
    r"parliament|court)",
    r"at an? (?:\w+ ){0,3}(?:conference|briefing|meeting|rally|hearing|summit|ceremony|event)"
    r"(?: in [A-Z]\w+)?",
    r"afterwards|afterward|later|earlier|yesterday|today|tonight|again|also|repeatedly|"
    r"publicly|privately|recently|previously|separately|then|once",
)

#: Words a reported clause may open with when no "that" introduces it ("said the talks ...",
#: "said 300 people ..."). A capitalised word or a number also qualifies.
CLAUSE_OPENERS: Final[frozenset[str]] = frozenset(
    "the a an this that these those its his her their our my your some many most all no "
    "he she it they we i you there nobody none everyone anyone one two three four five "
    "several few more less fewer another each every such both".split()
)

#: Honorifics that tell a person's gender (compared lower-case without a full stop).
MALE_HONORIFICS: Final[frozenset[str]] = frozenset(
    "mr mister sir lord herr monsieur senor señor signor".split()
)
FEMALE_HONORIFICS: Final[frozenset[str]] = frozenset(
    "mrs ms miss madam madame mme mlle dame lady frau senora señora signora".split()
)

#: Role words that tell a person's gender.
MALE_ROLE_WORDS: Final[frozenset[str]] = frozenset(
    "spokesman chairman congressman businessman king prince emperor father husband actor".split()
)
FEMALE_ROLE_WORDS: Final[frozenset[str]] = frozenset(
    "spokeswoman chairwoman congresswoman businesswoman queen princess empress mother wife "
    "actress".split()
)

#: Pronouns by gender (subject, object and possessive forms).
MALE_PRONOUNS: Final[frozenset[str]] = frozenset("he him his himself".split())
FEMALE_PRONOUNS: Final[frozenset[str]] = frozenset("she her hers herself".split())

#: Heads of a noun phrase that stands for a person named earlier by that role ("the
#: minister said" -> the last person whose role holds "minister").
PERSON_TITLES: Final[frozenset[str]] = frozenset(
    "minister president premier chancellor secretary spokesman spokeswoman spokesperson "
    "chairman chairwoman chair governor mayor senator judge general coach director "
    "ambassador envoy prosecutor lawyer attorney chief leader executive commander "
    "official negotiator statistician engineer author striker captain manager king queen "
    "prince princess pope bishop mp lawmaker candidate sheriff inspector economist "
    "analyst founder owner head diplomat deputy rector dean professor principal headteacher "
    "superintendent commissioner chairperson president-elect vice-president".split()
)

#: Heads of a noun phrase that stands for an organisation whose name holds the same word
#: ("the ministry" -> "Ministry of Energy", "the palace" -> "Palace of Varn").
ORG_NOUNS: Final[frozenset[str]] = frozenset(
    "ministry department palace embassy association institute agency council committee "
    "commission court party union bank army police office presidency authority regulator "
    "university hospital federation league board organisation organization foundation "
    "government kremlin parliament assembly church club team company firm group airline "
    "carrier corporation network broadcaster newspaper channel".split()
)

#: Organisation nouns that fit any organisation whose name is not one of the public bodies
#: below ("the company said" skips "Transport Ministry" for "Kestrel Airways").
GENERIC_ORG_NOUNS: Final[frozenset[str]] = frozenset(
    "company firm group airline carrier corporation business operator club team network "
    "broadcaster newspaper channel".split()
)

#: Words in an organisation's name that make it a public body, not a company.
PUBLIC_BODY_WORDS: Final[frozenset[str]] = frozenset(
    "ministry department government palace police army embassy parliament council court "
    "office presidency agency authority commission committee kremlin".split()
)

#: Organisation nouns that may also stand for a country ("the government said").
COUNTRY_NOUNS: Final[frozenset[str]] = frozenset("government presidency kremlin".split())

#: Determiners that open a title noun phrase; the definite ones may point back to a person
#: already named, the indefinite ones introduce somebody new ("a spokesman said").
DEFINITE_DETERMINERS: Final[frozenset[str]] = frozenset("the its his her their".split())
INDEFINITE_DETERMINERS: Final[frozenset[str]] = frozenset("a an".split())

#: Finite verb forms that show a clause follows a speech verb ("the company said demand had
#: weakened"; "observed the former chief justice" has none, so it is not reported speech).
FINITE_VERBS: Final[frozenset[str]] = frozenset(
    "is are was were has have had will would can could may might must shall should do does "
    "did won't wouldn't can't couldn't isn't aren't wasn't weren't hasn't haven't hadn't "
    # irregular past tenses; regular ones end in "-ed" and are recognised by that
    "took made came went gave knew thought found saw left felt kept lost won got began became "
    "ran paid met held brought meant sent spent stood understood wrote fell rose grew broke "
    "chose drove ate fought hid led rang sold struck swore taught threw wore".split()
)

#: Titles through which an entity named in the possessive speaks ("Winther's spokesman said"
#: -> Winther); any other possessed noun ("Ostrana's opposition said") is not the entity.
PROXY_TITLES: Final[frozenset[str]] = frozenset(
    "spokesman spokeswoman spokesperson spokespeople representative representatives office "
    "press".split()
)
