from __future__ import annotations

import datetime as dt

import pytest

from diplograph.graph.extract.lexicon import Lexicon
from diplograph.graph.extract.temporal import find_dates
from diplograph.graph.extract.token import tokenize

PUB = dt.date(2026, 2, 5)  # a Thursday


def _dates(text: str, lang: str, planned: bool = False) -> list[tuple[str, str]]:
    found = find_dates(tokenize(text), Lexicon.load(lang))
    out = []
    for expr in found:
        value = expr.resolve(PUB, planned)
        assert value is not None
        out.append((str(value), value.precision))
    return out


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("pada Rabu (4/2/2026)", "id", ("2026-02-04", "day")),
        ("Kamis, 5 Februari 2026", "id", ("2026-02-05", "day")),
        ("on February 4, 2026", "en", ("2026-02-04", "day")),
        ("on 4 February 2026", "en", ("2026-02-04", "day")),
        ("on 2026-02-04", "en", ("2026-02-04", "day")),
        ("on Wednesday", "en", ("2026-02-04", "day")),
        ("Rabu lalu", "id", ("2026-02-04", "day")),
        ("kemarin", "id", ("2026-02-04", "day")),
        ("yesterday", "en", ("2026-02-04", "day")),
        ("3 hari lalu", "id", ("2026-02-02", "day")),
        ("two days ago", "en", ("2026-02-03", "day")),
        ("awal Februari 2026", "id", ("2026-02", "month")),
        ("early February 2026", "en", ("2026-02", "month")),
        ("in March", "en", ("2025-03", "month")),
        ("bulan lalu", "id", ("2026-01", "month")),
        ("tahun ini", "id", ("2026", "year")),
        ("this year", "en", ("2026", "year")),
        ("in 2025", "en", ("2025", "year")),
        ("sepanjang 2025", "id", ("2025", "year")),
        ("last year", "en", ("2025", "year")),
        ("di Kuala Lumpur, Oktober lalu", "id", ("2025-10", "month")),
        ("Januari lalu", "id", ("2026-01", "month")),
        ("pada Maret mendatang", "id", ("2026-03", "month")),
        ("last October", "en", ("2025-10", "month")),
        ("from 27 to 29 January 2026", "en", ("2026-01-27", "day")),
        ("dari 27 hingga 29 Januari 2026", "id", ("2026-01-27", "day")),
    ],
)
def test_date_forms(text: str, lang: str, expected: tuple[str, str]) -> None:
    assert _dates(text, lang) == [expected]


def test_planned_resolves_forward() -> None:
    assert _dates("on Wednesday", "en", planned=True) == [("2026-02-11", "day")]
    assert _dates("in March", "en", planned=True) == [("2026-03", "month")]
    assert _dates("bulan depan", "id", planned=True) == [("2026-03", "month")]


def test_weekday_decides_numeric_order() -> None:
    # 4/2/2026 read day-first in Indonesian; in English month-first unless a weekday says otherwise
    assert _dates("4/2/2026", "en") == [("2026-04-02", "day")]
    assert _dates("Wednesday (4/2/2026)", "en") == [("2026-02-04", "day")]


def test_last_week_month_or_year() -> None:
    assert _dates("pekan lalu", "id") == [("2026-01", "month")]


def test_modal_may_is_not_a_month() -> None:
    assert _dates("He may visit", "en") == []


def test_sept_is_an_abbreviated_month() -> None:
    assert _dates("signed on Sept. 14, 2024", "en") == [("2024-09-14", "day")]
    assert _dates("tiba 3 Agt 2025", "id") == [("2025-08-03", "day")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("met on Monday last week", "en", "2026-01-26"),  # PUB is Thursday 2026-02-05
        ("met last week on Friday", "en", "2026-01-30"),
        ("bertemu Senin pekan lalu", "id", "2026-01-26"),
        ("will meet on Tuesday next week", "en", "2026-02-10"),
    ],
)
def test_weekday_named_with_its_week(text: str, lang: str, expected: str) -> None:
    planned = "will" in text
    assert _dates(text, lang, planned) == [(expected, "day")]


def test_planned_yearless_date_just_past_stays_in_this_year() -> None:
    # reported on 5 Feb: a meeting scheduled for 3-4 Feb is this year's, one for January next year's
    assert _dates("dijadwalkan bertemu pada 3-4 Februari", "id", planned=True) == [("2026-02-03", "day")]
    assert _dates("is scheduled to meet on January 12", "en", planned=True) == [("2027-01-12", "day")]


def test_yearless_day_in_the_month_just_stated_takes_its_year() -> None:
    text = "The turning point came in March 2019, when the envoys met. On March 12, they signed."
    assert _dates(text, "en") == [("2019-03", "month"), ("2019-03-12", "day")]
    # another month keeps the publication's context
    assert _dates("It began in March 2019. On January 12, they signed.", "en") == [
        ("2019-03", "month"),
        ("2026-01-12", "day"),
    ]


def test_day_of_the_month_named_alone() -> None:
    # PUB is 2026-02-05: a past 27th is January's, a day before PUB this month's
    assert _dates("the envoys met on the 27th", "en") == [("2026-01-27", "day")]
    assert _dates("kedua menteri bertemu pada tanggal 3", "id") == [("2026-02-03", "day")]
    assert _dates("In March 2019 the envoys met. On the 14th they signed.", "en") == [
        ("2019-03", "month"),
        ("2019-03-14", "day"),
    ]
    assert _dates("the 27 members agreed", "en") == []  # a count, not a day


def test_n_days_earlier_counts_from_the_event_last_reported() -> None:
    from diplograph.graph.date import PartialDate

    (expr,) = find_dates(tokenize("the envoys had phoned three days earlier"), Lexicon.load("en"))
    assert str(expr.resolve(PUB, anchor=PartialDate(2025, 7, 28))) == "2025-07-25"
    assert str(expr.resolve(PUB)) == "2026-02-02"  # no event told yet: from the publication day
    (expr,) = find_dates(tokenize("dua hari kemudian"), Lexicon.load("id"))
    assert str(expr.resolve(PUB, anchor=PartialDate(2025, 7, 28))) == "2025-07-30"


def test_an_ordinal_before_a_noun_is_not_a_day() -> None:
    assert _dates("the 25th anniversary of the treaty", "en") == []
    assert _dates("the 14th ASEAN summit", "en") == []
    assert _dates("talks on the 25th, when", "en") == [("2026-01-25", "day")]


def test_last_month_named_in_that_month_is_a_year_ago() -> None:
    found = find_dates(tokenize("last February"), Lexicon.load("en"))
    assert [str(d.resolve(PUB)) for d in found] == ["2025-02"]  # PUB is in February 2026
