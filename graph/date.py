"""Dates as precise as a source allows: a year, a month or a day.

>>> PartialDate.parse("2026-02")
PartialDate(year=2026, month=2, day=None)
>>> PartialDate.parse("2001-07-16").precision
'day'
>>> str(PartialDate(1996))
'1996'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            dt.date(self.year, self.month or 1, self.day)  # raises ValueError when invalid

    @classmethod
    def parse(cls, text: str | int | dt.date) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or a ``date``, or an int year).

        >>> PartialDate.parse("1945")
        PartialDate(year=1945, month=None, day=None)
        """
        if isinstance(text, dt.datetime):
            text = text.date()
        if isinstance(text, dt.date):
            return cls(text.year, text.month, text.day)
        if isinstance(text, int):
            return cls(text)
        match = _ISO.match(str(text).strip())
        if not match:
            raise ValueError(f"not a date as YYYY, YYYY-MM or YYYY-MM-DD: {text!r}")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        """A day-precision date.

        >>> PartialDate.from_date(dt.date(2026, 2, 4))
        PartialDate(year=2026, month=2, day=4)
        """
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        """``"day"``, ``"month"`` or ``"year"``."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def earliest(self) -> dt.date:
        """The first day this date can denote.

        >>> PartialDate(2026, 2).earliest
        datetime.date(2026, 2, 1)
        """
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this date can denote.

        >>> PartialDate(2024, 2).latest
        datetime.date(2024, 2, 29)
        """
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def contains(self, other: PartialDate) -> bool:
        """Whether ``other`` falls within this date (at this date's precision).

        >>> PartialDate(2001).contains(PartialDate(2001, 7, 16))
        True
        """
        return self.earliest <= other.earliest and other.latest <= self.latest

    def compatible(self, other: PartialDate) -> bool:
        """Whether the two dates can denote the same day (one contains the other).

        >>> PartialDate(1996, 4).compatible(PartialDate(1996))
        True
        >>> PartialDate(1996, 4).compatible(PartialDate(1996, 5))
        False
        """
        return self.contains(other) or other.contains(self)

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"
