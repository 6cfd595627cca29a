"""``tag`` never raises on messy article text, and what it returns is well-formed."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.dates.timex import tag

#: Invented snippets of the kinds of text a news pipeline meets.
MESSY = [
    "",
    " \n\t ",
    "Open 24/7, the clinic saw 2017-2018 funding cut by $1.2bn (3-1 vote).",
    "Score: 3-1, 2-2, 10-0. Odds 5/2. Phone 555-2017-88. Ref #1999-12-31-A.",
    "Prices: £1,000,000 ... €2.5m ... ¥300; 99% of 2,016 voters; 12:61 and 25:00 and 0:00.",
    "Ｆｕｌｌｗｉｄｔｈ ２０１７年 and emoji 🎉🔥 on Friday 📅 at 9 a.m. \u200b\u00a0\u2028",
    "31/02/2017, 02/31/17, 13/13/13, 00/00/0000, Feb. 30, April 31st, 0th of May.",
    "the the the year year-end year-ago year-earlier quarter quarters half half-year",
    "Mon. Tue. Wed. Thu. Fri. Sat. Sun. Jan Feb Mar. Apr Jun. Jul. Aug Sept Oct Nov Dec",
    "a " * 500 + "two and a half and a half years ago later earlier",
    "In 0001, 9999 and 10000 BC, the 99th century and the 1st quarter of 2099.",
    "He was born 1 January 1900 and died 31 December 2099 at 11:59 p.m. EST.",
    "last last week next next year this this Monday the previous the following",
    "\x00\x01\x02 control chars; RTL \u202e text; combining e\u0301 and ligature ﬁ.",
    "1-2-3 and 2017-13-45 and 2017-02-29 and 1900-02-29 and 12/12/1212",
    "A fortnight and a half later; 3 1/2 decades; half a century ago; 1,000 years.",
    "On Friday, Aug. 7, 1998 - 28-29 June - 1917-18 - '99 - the '80s - mid-2000s.",
]


@pytest.mark.parametrize("text", MESSY)
@pytest.mark.parametrize("reference", [dt.date(2017, 4, 12), None, dt.date(1, 1, 1)])
def test_tag_never_raises_and_spans_are_sound(text: str, reference: dt.date | None) -> None:
    found = tag(text, reference)
    last_end = 0
    for timex in found:
        assert 0 <= timex.start < timex.end <= len(text)
        assert timex.start >= last_end, found  # sorted, no overlaps
        assert timex.text == text[timex.start : timex.end]
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
        assert timex.value
        last_end = timex.end


def test_long_text_is_tagged() -> None:
    text = "The dam failed on Monday. " * 2000
    assert len(tag(text, dt.date(2017, 4, 12))) == 2000
