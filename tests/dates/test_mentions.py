"""Time expressions per sentence: offsets, sentence numbers, days, and no crash on odd text."""

from __future__ import annotations

from datetime import date

from dateline.dates.mentions import mentioned_day, time_mentions
from dateline.model import TimeMention

TEXT = (
    "The two delegations met in Carrow on Wednesday. They plan to meet again next month.\n"
    "Talks first began on 4 April 2024 and went on for two weeks."
)


def test_mentions_carry_offsets_sentences_and_resolved_values() -> None:
    found = time_mentions(TEXT, date(2024, 5, 17))
    by_text = {m.text: m for m in found}
    assert by_text["Wednesday"].value == "2024-05-15"
    assert by_text["Wednesday"].sentence == 0
    assert by_text["next month"].sentence == 1
    assert by_text["4 April 2024"].sentence == 2
    assert all(TEXT[m.start : m.end] == m.text for m in found)


def test_without_a_reference_only_absolute_dates_resolve() -> None:
    days = [mentioned_day(m) for m in time_mentions(TEXT, None)]
    assert [d for d in days if d is not None] == [date(2024, 4, 4)]


def test_mentioned_day_reads_dates_and_times_but_not_months_or_durations() -> None:
    def mention(kind: str, value: str) -> TimeMention:
        return TimeMention(0, 0, 1, "x", kind, value)

    assert mentioned_day(mention("DATE", "2024-05-15")) == date(2024, 5, 15)
    assert mentioned_day(mention("TIME", "2024-05-15TEV")) == date(2024, 5, 15)
    assert mentioned_day(mention("DATE", "2024-05")) is None
    assert mentioned_day(mention("DATE", "2024-02-30")) is None
    assert mentioned_day(mention("DURATION", "P2W")) is None


def test_odd_text_gives_mentions_or_nothing_but_never_raises() -> None:
    odd = [
        "",
        "24/7 coverage; score 3-1; 2017-2018 season; $5.2bn; 99999 BC",
        "\u200b\u00a0" * 50 + "on the 31st of February",
        "Monday " * 2000,
    ]
    for text in odd:
        for mention in time_mentions(text, date(2024, 1, 1)):
            assert text[mention.start : mention.end] == mention.text
