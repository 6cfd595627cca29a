"""Durations and sets."""

from __future__ import annotations

from tests.dates.timex.conftest import find, values


def test_plain_durations() -> None:
    assert find("The siege lasted three years.", "three years").value == "P3Y"
    assert find("A two-hour delay followed.", "two-hour").value == "PT2H"
    assert find("It took 45 minutes.", "45 minutes").value == "PT45M"
    assert find("A fortnight passed.", "A fortnight").value == "P2W"


def test_modifiers_are_inside_the_extent() -> None:
    t = find("The talks went on for nearly two hours.", "nearly two hours")
    assert (t.type, t.value, t.mod) == ("DURATION", "PT2H", "APPROX")
    t = find("He waited more than four days.", "more than four days")
    assert t.mod == "MORE_THAN"


def test_spans_with_determiners() -> None:
    assert find("Rates fell over the past two months.", "the past two months").value == "P2M"
    assert find("Sales for the first nine months rose.", "the first nine months").value == "P9M"


def test_vague_quantities() -> None:
    assert find("The feud has run for several years.", "several years").value == "PXY"
    assert find("They argued for decades.", "decades").value == "PXY"


def test_ages_and_rates_are_not_durations() -> None:
    assert values("A 12-year-old boy and his 40 years old uncle.") == []
    assert values("It earns $3 million a year.") == []


def test_sets() -> None:
    assert find("The paper is published daily.", "daily").value == "P1D"
    t = find("Crews inspect the line every week.", "every week")
    assert (t.type, t.value) == ("SET", "P1W")
    assert find("The club meets each Thursday.", "each Thursday").value == "XXXX-WXX-4"
    assert find("Markets open on Sundays.", "Sundays").value == "XXXX-WXX-7"
