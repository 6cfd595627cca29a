"""Fuzzy references to the present, past and future."""

from __future__ import annotations

from tests.dates.timex.conftest import find, values


def test_present_past_future_refs() -> None:
    assert find("The firm now employs 40 people.", "now").value == "PRESENT_REF"
    assert find("She is currently abroad.", "currently").value == "PRESENT_REF"
    assert find("Costs have risen recently.", "recently").value == "PAST_REF"
    assert find("Such floods were rare in the past.", "the past").value == "PAST_REF"
    assert find("Rules may tighten in the near future.", "the near future").value == "FUTURE_REF"


def test_fuzzy_values_need_no_reference() -> None:
    t = find("Prices will fall in the near future.", "the near future", reference=None)
    assert t.value == "FUTURE_REF"
    assert values("Prices will fall soon.") == []  # never tagged in TimeBank
