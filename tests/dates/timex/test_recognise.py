"""The trigger-window scan finds exactly what scanning every rule over the whole text finds."""

from __future__ import annotations

from dateline.dates.timex import tag
from dateline.dates.timex.recognise import ALL_RULES, candidates, windows
from tests.dates.timex.conftest import REF

#: An invented bulletin touching most rule families, with expressions far apart and close by.
BULLETIN = (
    "FARLOW, Aug. 7 (Wire) -- The Farlow ferry, idle since early 1998, resumed service on "
    "Friday, Aug. 7, 1998 at 10:35 a.m. EDT, three days after the strike ended. "
    + "x "
    * 120
    + "Officials said last week that the 28-29 June talks, held during the past "
    "two months, would resume next Tuesday morning. In the 1990s the line ran daily; "
    "now it runs every other week until Christmas. A year earlier, in the third quarter, "
    "revenue rose. The company expects results soon, at noon tomorrow or in the spring."
)


def test_windowed_scan_equals_full_scan() -> None:
    assert tag(BULLETIN, REF) == tag(BULLETIN, REF, full_scan=True)
    assert len(tag(BULLETIN, REF)) >= 15


def test_rules_without_their_trigger_words_are_not_run() -> None:
    plan = windows("The ferry is idle.")
    assert plan == {i: [(0, 18)] for i, rule in enumerate(ALL_RULES) if not rule.triggers}
    assert candidates("The ferry is idle.") == []


def test_every_rule_declares_triggers() -> None:
    assert all(rule.triggers for rule in ALL_RULES)
