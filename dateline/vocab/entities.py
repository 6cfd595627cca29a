"""Vocabulary of the entity stage (``dateline.who.entities``), as data.

The rules in ``dateline/who/entities/`` read these tables: honorifics (including the garbles that
machine translation leaves, "Sir. Putin"), the words that make a title or an apposition a role,
the qualifiers stripped before two roles are compared, and the alias tables that make
"Russian Federation" and "Russia", or "U.S." and "America", one entity. Adding a spelling is a
one-line change here, never a new rule.
"""

from __future__ import annotations

from typing import Final

#: Words written before a person's name that are not part of it. Compared case-insensitively
#: with any trailing full stop removed, so "Mr", "Mr." and "MR" are one entry; "sir" covers the
#: machine-translation garble "Sir. Putin" (Russian "gospodin" rendered word for word).
HONORIFICS: Final[frozenset[str]] = frozenset(
    "mr mrs ms miss mister messrs madam madame mme mlle monsieur sir dame lord lady herr frau "
    "senor señor senora señora gospodin dr prof professor rev reverend".split()
)

#: Prefixes glued to a surname that a surname-only mention may drop ("al-Assad" -> "Assad").
SURNAME_PARTICLES: Final[tuple[str, ...]] = ("al-", "el-", "ad-", "as-", "ash-", "ar-", "an-")

#: spaCy labels kept, and the kind each maps to before rules refine it (GPE becomes "country"
#: or "place" by the country table; NORP naming a country's people becomes that country).
LABEL_KINDS: Final[dict[str, str]] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "other",
    "LAW": "other",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
}

#: Head words of a role: a title before a name ("Foreign Minister Sergei Lavrov") or an
#: apposition after it ("Lavrov, Russia's foreign minister,") is kept only when it holds one.
ROLE_HEADS: Final[frozenset[str]] = frozenset(
    "president vice-president president-elect premier minister secretary representative "
    "ambassador envoy spokesman spokeswoman spokesperson chancellor chairman chairwoman chair "
    "chief director governor senator congressman congresswoman congressman-elect "
    "representative mayor king queen prince princess emperor pope cardinal archbishop bishop "
    "general colonel lieutenant commander admiral marshal sergeant captain officer "
    "leader head deputy judge justice attorney prosecutor lawyer ceo founder executive "
    "commissioner councillor councilman adviser advisor aide counsellor diplomat "
    "sheikh emir sultan ayatollah imam rabbi cleric coach manager striker receiver "
    "quarterback player singer actor actress rapper star spokesman-elect treasurer "
    "inspector superintendent sheriff detective analyst economist editor correspondent "
    "candidate nominee speaker whip mp lawmaker legislator official negotiator "
    "monarch regent dictator strongman rebel militant commander-in-chief comedian host "
    "presenter anchor author writer novelist director producer filmmaker businessman "
    "businesswoman tycoon billionaire entrepreneur activist campaigner scientist doctor "
    "surgeon physician professor mountaineer climber skipper pilot lineman tackle guard "
    "forward defender midfielder goalkeeper pitcher boxer champion".split()
)

#: Lower-case words allowed inside a title written before a name ("Secretary of State",
#: "Deputy Representative to the UN", "wide receiver"): connectors and modifiers.
ROLE_CONNECTORS: Final[frozenset[str]] = frozenset(
    "of to the for and at on in 's ’s de del".split()
)

#: Lower-case modifiers that may open or sit inside a role ("foreign minister",
#: "acting president", "former envoy").
ROLE_MODIFIERS: Final[frozenset[str]] = frozenset(
    "foreign defence defense interior finance justice health education prime deputy "
    "acting former ex interim first second senior chief general executive vice assistant "
    "permanent special top national state federal regional local wide defensive offensive "
    "supreme grand lead principal press managing military police army navy opposition "
    "rebel party labour labor conservative democratic republican liberal "
    "trade energy environment transport culture economy economic security intelligence "
    "civil high junior associate assistant attorney".split()
)

#: Words that open an apposition but are not part of the role ("Lavrov, the foreign
#: minister,", "Lavrov, Russia's top diplomat,").
ROLE_DETERMINERS: Final[frozenset[str]] = frozenset("the a an its his her their".split())

#: Words that make the text after a name's comma a clause, not an apposition ("Lavrov, who
#: met the minister,").
CLAUSE_WORDS: Final[frozenset[str]] = frozenset(
    "who whom whose which that where when while but is was are were has have had will would "
    "said says told added did does not also".split()
)

#: Last words of an organisation's name: "UN Development Programme" after a title is not
#: "UN" plus a person called "Development Programme".
ORGANISATION_WORDS: Final[frozenset[str]] = frozenset(
    "council programme program agency committee commission mission fund organization "
    "organisation office ministry department bank court assembly party union force forces "
    "corporation company group institute university school college association federation "
    "board authority service services team club network news times post press".split()
)

#: Qualifiers dropped before two roles are compared, so "US Secretary of State" and
#: "Secretary of State" agree: countries, demonyms and possessives name the employer, not the
#: job. Country names and demonyms from the tables below are dropped as well.
ROLE_QUALIFIERS: Final[frozenset[str]] = frozenset(
    "the a an then current newly new incoming outgoing country's nation's".split()
)

#: Role words that fit any office: a role made only of these (and employer words) never
#: contradicts another ("Libyan leader" and "President").
ROLE_GENERIC: Final[frozenset[str]] = frozenset(
    "leader head chief official boss figure member top senior strongman".split()
)

#: Role words that mean a role is not current, so it never contradicts another role.
ROLE_PAST: Final[frozenset[str]] = frozenset("former ex ex- then late previous onetime".split())

#: Role synonyms mapped to one spelling before comparison ("envoy" and "representative",
#: "defense" and "defence").
ROLE_SYNONYMS: Final[dict[str, str]] = {
    "defense": "defence",
    "envoy": "representative",
    "ambassador": "representative",
    "spokeswoman": "spokesperson",
    "spokesman": "spokesperson",
    "chairwoman": "chair",
    "chairman": "chair",
    "advisor": "adviser",
    "labor": "labour",
    "u.n.": "un",
    "united nations": "un",
}

#: Countries: canonical name -> other names written in news (lower-cased on lookup). The
#: canonical name is what the entity is called; every alias is listed under it.
COUNTRY_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "United States": (
        "US",
        "U.S.",
        "U.S",
        "USA",
        "U.S.A.",
        "United States of America",
        "America",
        "the United States",
        "the US",
        "the U.S.",
        "the States",
    ),
    "Russia": ("Russian Federation", "the Russian Federation", "RF"),
    "United Kingdom": (
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "the United Kingdom",
        "the UK",
        "the U.K.",
    ),
    "China": ("People's Republic of China", "PRC", "mainland China"),
    "Taiwan": ("Republic of China",),
    "South Korea": ("Republic of Korea", "ROK"),
    "North Korea": ("DPRK", "Democratic People's Republic of Korea"),
    "Iran": ("Islamic Republic of Iran",),
    "Syria": ("Syrian Arab Republic",),
    "Czech Republic": ("Czechia",),
    "Netherlands": ("the Netherlands", "Holland"),
    "Ivory Coast": ("Côte d'Ivoire", "Cote d'Ivoire"),
    "Myanmar": ("Burma",),
    "Democratic Republic of the Congo": ("DRC", "DR Congo", "Congo-Kinshasa"),
    "United Arab Emirates": ("UAE", "the UAE", "U.A.E."),
    "Vatican City": ("the Vatican", "Vatican", "Holy See"),
    "Philippines": ("the Philippines",),
    "Gambia": ("the Gambia",),
    "Bahamas": ("the Bahamas",),
}

#: Every other country, by its usual English name (no aliases needed).
COUNTRIES: Final[tuple[str, ...]] = tuple(
    name.strip()
    for name in (
        "Afghanistan, Albania, Algeria, Andorra, Angola, Argentina, Armenia, Australia, Austria, "
        "Azerbaijan, Bahrain, Bangladesh, Barbados, Belarus, Belgium, Belize, Benin, Bhutan, "
        "Bolivia, Bosnia and Herzegovina, Bosnia, Botswana, Brazil, Brunei, Bulgaria, "
        "Burkina Faso, Burundi, Cambodia, Cameroon, Canada, Cape Verde, Chad, Chile, Colombia, "
        "Comoros, Congo, Costa Rica, Croatia, Cuba, Cyprus, Denmark, Djibouti, Dominica, "
        "Dominican Republic, East Timor, Ecuador, Egypt, El Salvador, Equatorial Guinea, "
        "Eritrea, Estonia, Eswatini, Ethiopia, Fiji, Finland, France, Gabon, Georgia, Germany, "
        "Ghana, Greece, Grenada, Guatemala, Guinea, Guinea-Bissau, Guyana, Haiti, Honduras, "
        "Hungary, Iceland, India, Indonesia, Iraq, Ireland, Israel, Italy, Jamaica, Japan, "
        "Jordan, Kazakhstan, Kenya, Kiribati, Kosovo, Kuwait, Kyrgyzstan, Laos, Latvia, "
        "Lebanon, Lesotho, Liberia, Libya, Liechtenstein, Lithuania, Luxembourg, Madagascar, "
        "Malawi, Malaysia, Maldives, Mali, Malta, Mauritania, Mauritius, Mexico, Moldova, "
        "Monaco, Mongolia, Montenegro, Morocco, Mozambique, Namibia, Nauru, Nepal, "
        "New Zealand, Nicaragua, Niger, Nigeria, North Macedonia, Macedonia, Norway, Oman, "
        "Pakistan, Palau, Palestine, Panama, Papua New Guinea, Paraguay, Peru, Poland, "
        "Portugal, Qatar, Romania, Rwanda, Samoa, San Marino, Saudi Arabia, Senegal, Serbia, "
        "Seychelles, Sierra Leone, Singapore, Slovakia, Slovenia, Somalia, South Africa, "
        "South Sudan, Spain, Sri Lanka, Sudan, Suriname, Sweden, Switzerland, Tajikistan, "
        "Tanzania, Thailand, Togo, Tonga, Trinidad and Tobago, Tunisia, Turkey, Turkmenistan, "
        "Tuvalu, Uganda, Ukraine, Uruguay, Uzbekistan, Vanuatu, Venezuela, Vietnam, Yemen, "
        "Zambia, Zimbabwe, Crimea, Gaza, West Bank, Chechnya, Tibet, Kurdistan"
    ).split(",")
)

#: Demonyms (singular adjective and plural noun) -> country. "Russian officials" is a mention
#: of Russia; groups that are not a country's people ("Muslims", "Democrats") stay groups.
DEMONYMS: Final[dict[str, str]] = {
    "American": "United States",
    "Americans": "United States",
    "Russian": "Russia",
    "Russians": "Russia",
    "British": "United Kingdom",
    "Briton": "United Kingdom",
    "Britons": "United Kingdom",
    "Chinese": "China",
    "French": "France",
    "German": "Germany",
    "Germans": "Germany",
    "Syrian": "Syria",
    "Syrians": "Syria",
    "Iranian": "Iran",
    "Iranians": "Iran",
    "Iraqi": "Iraq",
    "Iraqis": "Iraq",
    "Israeli": "Israel",
    "Israelis": "Israel",
    "Palestinian": "Palestine",
    "Palestinians": "Palestine",
    "Egyptian": "Egypt",
    "Egyptians": "Egypt",
    "Libyan": "Libya",
    "Libyans": "Libya",
    "Turkish": "Turkey",
    "Ukrainian": "Ukraine",
    "Ukrainians": "Ukraine",
    "Japanese": "Japan",
    "Indian": "India",
    "Indians": "India",
    "Pakistani": "Pakistan",
    "Pakistanis": "Pakistan",
    "Afghan": "Afghanistan",
    "Afghans": "Afghanistan",
    "Haitian": "Haiti",
    "Haitians": "Haiti",
    "Mexican": "Mexico",
    "Mexicans": "Mexico",
    "Canadian": "Canada",
    "Canadians": "Canada",
    "Italian": "Italy",
    "Italians": "Italy",
    "Spanish": "Spain",
    "Saudi": "Saudi Arabia",
    "Saudis": "Saudi Arabia",
    "Yemeni": "Yemen",
    "Yemenis": "Yemen",
    "Lebanese": "Lebanon",
    "Jordanian": "Jordan",
    "Australian": "Australia",
    "Australians": "Australia",
    "Brazilian": "Brazil",
    "Brazilians": "Brazil",
    "South African": "South Africa",
    "North Korean": "North Korea",
    "South Korean": "South Korea",
    "Nigerian": "Nigeria",
    "Kenyan": "Kenya",
    "Zimbabwean": "Zimbabwe",
    "Greek": "Greece",
    "Polish": "Poland",
    "Dutch": "Netherlands",
    "Swedish": "Sweden",
    "Norwegian": "Norway",
    "Irish": "Ireland",
    "Scottish": "United Kingdom",
    "Welsh": "United Kingdom",
    "English": "United Kingdom",
    "Belarusian": "Belarus",
    "Georgian": "Georgia",
    "Tunisian": "Tunisia",
    "Venezuelan": "Venezuela",
    "Cuban": "Cuba",
    "Qatari": "Qatar",
    "Emirati": "United Arab Emirates",
    "Kuwaiti": "Kuwait",
    "Bahraini": "Bahrain",
    "Sudanese": "Sudan",
    "Somali": "Somalia",
    "Ethiopian": "Ethiopia",
    "Liberian": "Liberia",
    "Vietnamese": "Vietnam",
    "Thai": "Thailand",
    "Indonesian": "Indonesia",
    "Filipino": "Philippines",
}

#: Organisations spaCy often labels wrongly (the UN as a facility or a place) or that news
#: names in several ways: canonical name -> aliases. Their kind is always "organisation".
ORGANISATION_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "United Nations": ("UN", "U.N.", "the UN", "the U.N.", "the United Nations", "UNO"),
    "UN Security Council": (
        "United Nations Security Council",
        "U.N. Security Council",
        "UNSC",
        "the Security Council",
        "Security Council",
        "the UN Security Council",
    ),
    "NATO": ("Nato", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"),
    "European Union": ("EU", "E.U.", "the EU", "the European Union"),
    "World Health Organization": ("WHO", "World Health Organisation", "the WHO"),
    "International Monetary Fund": ("IMF", "the IMF"),
    "Federal Bureau of Investigation": ("FBI", "the FBI"),
    "Central Intelligence Agency": ("CIA", "the CIA"),
    "Organisation for the Prohibition of Chemical Weapons": (
        "OPCW",
        "Organization for the Prohibition of Chemical Weapons",
    ),
    "Kremlin": ("the Kremlin",),
    "White House": ("the White House",),
    "Pentagon": ("the Pentagon",),
}

#: Words that are never a name nor a name's part by themselves, in any case ("The", "THE"):
#: pronouns, determiners and conjunctions opening a sentence or written in capitals, days of
#: the week, time zones, Penn Treebank bracket escapes. NER need not read the text around them
#: (``dateline.who.entities.ner``); a name beside one ("Black Friday") is still read for its
#: own capitalised words. Not "us", "it" nor "is": "US" is a country, "IS" a group.
NOT_NAMES: Final[frozenset[str]] = frozenset(
    "i i'm i've i'd i'll we you he she they its our their my your his her them "
    "this that these those there here a an but and or so if when while where what why how "
    "yet also then now most some many much more all any each every no not both either neither "
    "such after before as because although though since until unless whether the of to in on "
    "are was were be for with at by from "
    "monday tuesday wednesday thursday friday saturday sunday et gmt est edt "
    "-lrb- -rrb- -lsb- -rsb- -lcb- -rcb-".split()
)
