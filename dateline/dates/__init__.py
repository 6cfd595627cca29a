"""Stage 3 and the build's time stages: when each article was published and when things happen.

* ``published.py``: an article's publication date with its precision and evidence (metadata,
  a page dump's date block, a dateline, the path, a crawl date; unknown stays unknown);
* ``timex/``: the temporal tagger (time expressions in a sentence, resolved against a day);
* ``mentions.py``: every sentence's time expressions for the store, versioned;
* ``events.py``: the day each event happened (from the days its reports' leads name) and date
  ranges for undated articles.
"""
