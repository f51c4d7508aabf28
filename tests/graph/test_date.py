from __future__ import annotations

import datetime as dt

import pytest

from diplograph.graph.date import PartialDate


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("1996", "year", dt.date(1996, 1, 1), dt.date(1996, 12, 31)),
        ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2001-07-16", "day", dt.date(2001, 7, 16), dt.date(2001, 7, 16)),
    ],
)
def test_parse_precision_and_bounds(text: str, precision: str, earliest: dt.date, latest: dt.date) -> None:
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert (date.earliest, date.latest) == (earliest, latest)
    assert str(date) == text


@pytest.mark.parametrize("text", ["96", "2001-13", "2001-02-30", "July 2001", ""])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_compatible_and_contains() -> None:
    assert PartialDate(2001).contains(PartialDate(2001, 7, 16))
    assert not PartialDate(2001, 7, 16).contains(PartialDate(2001))
    assert PartialDate(2001, 7).compatible(PartialDate(2001, 7, 16))
    assert not PartialDate(2001, 6).compatible(PartialDate(2001, 7, 16))
