"""Stage 8, timeline: dated, sourced entries from the stored events.

* ``select.py``: the event timeline and the slices a ``TimelineView`` asks for (dates,
  keywords, entity, story);
* ``summarise.py``: the summarised timeline (``--max-dates``, ``--sentences-per-date``): the
  days that matter most and cited, non-redundant sentences for each.
"""
