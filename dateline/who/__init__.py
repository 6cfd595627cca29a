"""Stage 5: who is in the news and who said what.

* ``entities/``: names per article (spaCy NER over the lead and over the words the lead's names
  do not explain, those names matched everywhere else; honorifics, titles and appositions read
  as roles, alias tables), merged into corpus-wide entities with dated roles and
  contradictions;
* ``quotes/``: direct quotes and reported speech, each with its speaker, read from the
  article's text and its entity mentions (the mentions carry the roles the entity stage read);
* ``highlights.py``: the key quotes and main entities an event or story shows;
* ``stage.py``: the build stage (``find_who_said``) that reads and stores both per article.

Contract: in, an ``Article``'s cleaned text; out, ``EntityMention`` and ``Quote`` records
(``dateline.model``) stored per article, and an ``EntityCatalogue`` over the corpus.
"""

from dateline.stages import StageVersion

STAGE = StageVersion("entities+quotes", "entities-5/quotes-2")
"""Recorded for each article read; change the version when entities or quotes change, and the
next build reads every article again."""
