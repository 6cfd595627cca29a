"""Stages 6-7b: article vectors, events, stories.

* ``sparse.py``: hashed full-text TF-IDF with weight on names and numbers;
* ``dense.py``: all-MiniLM-L6-v2 over each article's lead, in numpy from a hash-checked wheel;
* ``index.py``: the one time-decayed candidate index both levels use (terms x date buckets,
  decay, placement order, the merge heap), parameterised per level;
* ``events.py``: reports of the same happening grouped into events, incrementally;
* ``stories.py``: events threaded into stories over months;
* ``explain.py``: the names, numbers and words behind a placement, for ``dateline show``.
"""
