"""TimeBank conventions the rules follow: extents, tense, anaphora, quarters, fractions.

Every sentence is invented; the reference date (``REF``) is Wednesday 2017-04-12.
"""

from __future__ import annotations

import datetime as dt

from tests.dates.timex.conftest import REF, find, values


def test_prepositions_stay_outside_the_extent() -> None:
    assert find("The ferry will return within a week.", "a week").value == "P1W"
    assert find("Rents climbed over three years.", "three years").value == "P3Y"
    assert find("The repairs took about five hours.", "five hours").value == "PT5H"
    # a modifier that TimeBank does keep
    t = find("The strike lasted nearly two months.", "nearly two months")
    assert (t.value, t.mod) == ("P2M", "APPROX")


def test_later_tags_the_span_as_a_duration() -> None:
    t = find("The pumps failed. Three days later, the mill closed.", "Three days")
    assert (t.type, t.value) == ("DURATION", "P3D")
    assert find("The vote came two weeks ago.", "two weeks ago").value == "2017-W13"


def test_hyphenated_adjectives_leave_the_article_out() -> None:
    assert find("They ended the eight-year dispute.", "eight-year").value == "P8Y"
    t = find("The bank blamed the third-quarter loss on floods.", "third-quarter")
    assert t.value == "2016-Q3"
    assert find("The third quarter was weak.", "The third quarter").value == "2016-Q3"


def test_fractions_of_units() -> None:
    assert find("Talks ran 2 1/2 years.", "2 1/2 years").value == "P2Y6M"
    assert find("The flight took 5 1/2 hours.", "5 1/2 hours").value == "PT5H30M"
    assert find("It stalled for an hour and a half.", "an hour and a half").value == "PT1H30M"


def test_a_year_number_before_a_singular_unit_is_not_a_duration() -> None:
    t = find("Profit fell in the 2016 second quarter.", "the 2016 second quarter")
    assert (t.type, t.value) == ("DATE", "2016-Q2")
    assert find("Sales in this year's first quarter rose.", "this year's first quarter").value == (
        "2017-Q1"
    )
    text = "It was better than the year-ago third quarter."
    assert find(text, "the year-ago third quarter").value == "2016-Q3"


def test_month_with_relative_year() -> None:
    assert find("The bridge opened in June last year.", "June last year").value == "2016-06"
    assert find("A vote is planned in May next year.", "May next year").value == "2018-05"


def test_the_past_year_is_the_previous_calendar_unit() -> None:
    t = find("Crime rose over the past year, police said.", "the past year")
    assert (t.type, t.value) == ("DATE", "2016")
    assert find("Crime rose over the past two years.", "the past two years").value == "P2Y"


def test_tense_cues_pick_the_weekday() -> None:
    assert find("The team planned to leave on Thursday.", "Thursday").value == "2017-04-13"
    assert find("Talks are set to resume Monday.", "Monday").value == "2017-04-17"
    assert find("The board bought the plant on Monday.", "Monday").value == "2017-04-10"
    t = find("The offer expires at 5 p.m. Friday, the firm will say.", "5 p.m. Friday")
    assert t.value == "2017-04-14T17:00"


def test_tense_cues_pick_the_year_of_a_month() -> None:
    ref = dt.date(2017, 10, 30)
    assert find("In January, the mayor brought in a new chief.", "January", ref).value == "2017-01"
    assert find("The deal is supposed to close by January.", "January", ref).value == "2018-01"


def test_weekday_counted_from_the_previous_date() -> None:
    text = "Shares closed at 90 on Friday, Oct. 27, down from the previous Friday."
    assert find(text, "the previous Friday", dt.date(2017, 10, 30)).value == "2017-10-20"


def test_the_weekend_is_counted_from_the_reference() -> None:
    text = "The plant opened in 1990. Over the weekend, the plant was shut."
    assert find(text, "the weekend").value == "2017-W14-WE"


def test_frequency_adjectives_are_not_sets() -> None:
    assert values("The firm raised its quarterly dividend.") == []
    assert find("The reserve is adjusted quarterly and published.", "quarterly").value == "P3M"


def test_wire_ranges_and_pairs_of_days() -> None:
    found = values("The summit meets on April 24 and 25.")
    assert found == [("April 24", "DATE", "2017-04-24"), ("25", "DATE", "2017-04-25")]


def test_informal_spellings() -> None:
    assert find("see u on friday!!", "friday").value == "2017-04-07"
    assert find("queued 4 hrs for tickets", "4 hrs").value == "PT4H"
    assert find("left school, reached home 50mins later", "50mins").value == "PT50M"
    assert find("Xmas shopping done", "Xmas").value == "2016-12-25"
    assert find("merry xmas all", "xmas").value == "2016-12-25"
    assert find("left camp at 5+am", "5+am").value == "2017-04-12T05:00"
    assert REF.isoweekday() == 3


def test_tense_auxiliaries_and_intentions() -> None:
    # a participle defers to its auxiliary; an intention makes what follows future
    ref = dt.date(2017, 3, 4)
    assert find("She will be named captain for a voyage in December.", "December", ref).value == (
        "2017-12"
    )
    assert find("The mill agreed to buy the quarry in January.", "January", ref).value == "2018-01"
    assert find("The mill was flooded in January.", "January", ref).value == "2017-01"
    # "next to" is a place, not the future
    text = "A blast hit the hall next to the station on Friday."
    assert find(text, "Friday").value == "2017-04-07"


def test_year_ranges_and_bc_years() -> None:
    assert values("The famine of 1845-49 emptied the valley.") == [
        ("1845", "DATE", "1845"),
        ("49", "DATE", "1849"),
    ]
    assert values("The siege lasted from 1915-1916 onward.")[1] == ("1916", "DATE", "1916")
    assert values("The score was 3-1 at half time.") == []
    assert find("The city was founded in 493 BC by settlers.", "493 BC").value == "BC0493"


def test_bare_seasons_and_informal_days() -> None:
    assert find("The pass is closed in winter.", "winter").value == "2016-WI"
    assert values("Prices fall when demand drops.") == []
    t = find("gig is tmr night, cant wait", "tmr night")
    assert (t.type, t.value) == ("TIME", "2017-04-13TNI")
    assert find("so tired tdy", "tdy").value == "2017-04-12"


def test_unhyphenated_adjective_durations_and_vague_spans() -> None:
    assert find("The index hit a five year low.", "five year").value == "P5Y"
    assert find("They met for a three hour session.", "three hour").value == "PT3H"
    t = find("Thefts have risen in recent years.", "recent years")
    assert (t.type, t.value) == ("DURATION", "PXY")
    assert find("Rates may fall in the coming weeks.", "the coming weeks").value == "PXW"
    assert find("Thefts have risen recently.", "recently").value == "PAST_REF"


def test_a_year_named_by_its_end_is_a_span() -> None:
    t = find("Revenue grew in the year ended March 31.", "the year")
    assert (t.type, t.value) == ("DURATION", "P1Y")
    assert find("For the year, volume was flat.", "the year").value == "2017"


def test_a_possessive_weekday_is_the_past_one() -> None:
    text = "The council will try to get around Wednesday's ruling."
    assert find(text, "Wednesday", dt.date(2017, 4, 14)).value == "2017-04-12"


def test_a_year_period_takes_the_quarter_last_named() -> None:
    text = "Profit rose in the third quarter. In the 2016 period, it fell."
    assert find(text, "the 2016 period").value == "2016-Q3"
    assert find("In the 2016 period, it fell.", "the 2016 period").value == "2016"


def test_ambiguous_month_names_need_a_temporal_preposition() -> None:
    assert values("Sales fell during March, and May said so.") == [("March", "DATE", "2017-03")]
