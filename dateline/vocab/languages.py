"""The most frequent function words of the languages news corpora mix most often.

A short list per language is enough to tell them apart on an article's worth of text, with no
model to download.
"""

from __future__ import annotations

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to in is that for it was on with as by at from are have has".split()
    ),
    "fr": frozenset(
        "le la les de des et est un une du en que qui dans pour pas sur au avec".split()
    ),
    "de": frozenset(
        "der die das und ist nicht ein eine zu den mit sich des auf für im dem von".split()
    ),
    "es": frozenset("el la los las de y que en un una por con para del se es al lo como".split()),
    "it": frozenset("il la di e che un una per non con del della sono gli le nel alla si".split()),
    "pt": frozenset("o a os as de e que um uma para com não do da em no na por se".split()),
    "nl": frozenset("de het een en van is dat op te in niet met voor zijn er aan ook".split()),
    "ru": frozenset("и в не на что с по как это он она они из за от для но".split()),
}
