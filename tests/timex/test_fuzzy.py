"""Fuzzy references to the present, past and future."""

from __future__ import annotations

from tests.timex.conftest import find


def test_present_past_future_refs() -> None:
    assert find("The firm now employs 40 people.", "now").value == "PRESENT_REF"
    assert find("She is currently abroad.", "currently").value == "PRESENT_REF"
    assert find("Costs have risen recently.", "recently").value == "PAST_REF"
    assert find("Such floods were rare in the past.", "the past").value == "PAST_REF"
    assert find("Rules may tighten in the near future.", "the near future").value == "FUTURE_REF"


def test_fuzzy_values_need_no_reference() -> None:
    assert find("Prices will fall soon.", "soon", reference=None).value == "FUTURE_REF"
