"""Date expressions: explicit, partial, relative and weekday dates, resolved to PartialDates.

Recognised forms (month and weekday names from CLDR for the article's language; cue words
from its lexicon): "Rabu (4/2/2026)" (numeric order from the lexicon, or whichever order
agrees with the weekday given), "2026-02-04", "5 Februari 2026", "February 4, 2026",
"4 February 2026", "Feb. 4", "awal Februari 2026" and "in March" (month precision), "in 2025",
"sepanjang 2025", "tahun 2026" (year precision), "on Wednesday", "Rabu lalu", and the
lexicon's relative dates ("kemarin", "last week", "3 hari lalu", "tahun ini"), a weekday with
its week ("Tuesday last week", "Selasa pekan lalu") and a day alone ("on the 27th", "tanggal
27": in the month just stated with its year, else the publication's month or the one before).
A yearless day in the month just stated with its year takes that year.

Dates lacking a year, weekdays and relative dates are resolved against the publication date:
past tense takes the latest matching date on or before it, planned events the next one.

>>> import datetime as dt
>>> from diplograph.graph.extract.token import tokenize
>>> from diplograph.graph.extract.lexicon import Lexicon
>>> lex = Lexicon.load("id")
>>> [str(d.resolve(dt.date(2026, 2, 5))) for d in find_dates(tokenize("pada Rabu (4/2/2026)"), lex)]
['2026-02-04']
>>> [str(d.resolve(dt.date(2026, 2, 5))) for d in find_dates(tokenize("awal Februari 2026"), lex)]
['2026-02']
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import compress

from diplograph.graph.date import PartialDate
from diplograph.graph.extract.lexicon import Entry, Lexicon
from diplograph.graph.extract.phrase import PhraseMatch, number_value
from diplograph.graph.extract.token import Token, token_norms


@dataclass(frozen=True)
class DateExpr:
    """One date expression found in a text (token span ``[start, end)``).

    Attributes:
        kind: ``absolute`` (year given), ``yearless`` (day/month without year), ``relative``
            (``unit`` and ``offset`` from the publication date), ``anaphoric`` (``offset``
            days from the event last reported: "the same day"), ``opening`` (``offset`` days from
            the first day of the summit being reported: "on the opening day") or ``weekday``.
        direction: for a weekday or a month without its year, ``past``/``future`` when a modifier
            says so ("last Wednesday", "Oktober lalu", "Februari mendatang").
        unit, offset: for a relative date, its unit and offset; for a weekday named with its
            week ("Tuesday last week"), ``week`` and the week's offset.
        since: the date follows "since"/"sejak": it bounds an earlier event, it does not
            date the one reported.
    """

    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    unit: str | None = None
    offset: int = 0
    weekday: int | None = None
    direction: str | None = None
    since: bool = False

    @property
    def explicit(self) -> bool:
        """Whether the text states the date itself (with its year)."""
        return self.kind == "absolute"

    def resolve(
        self, published: dt.date | None, planned: bool = False, anchor: PartialDate | None = None
    ) -> PartialDate | None:
        """The date denoted, given the publication date and whether the event is planned.

        ``anchor`` is the date of the event last reported, for anaphoric dates (without
        one, they count from the publication date).

        >>> DateExpr(0, 1, "weekday", weekday=2).resolve(dt.date(2026, 2, 5))
        PartialDate(year=2026, month=2, day=4)
        >>> DateExpr(0, 1, "yearless", month=3).resolve(dt.date(2026, 2, 5))
        PartialDate(year=2025, month=3, day=None)
        """
        try:
            return self._resolve(published, planned, anchor)
        except ValueError:
            return None

    def _resolve(
        self, published: dt.date | None, planned: bool, anchor: PartialDate | None
    ) -> PartialDate | None:
        if self.kind == "opening":  # the opening day of the summit being reported
            if anchor is None or anchor.precision != "day":
                return None
            return PartialDate.from_date(anchor.earliest + dt.timedelta(days=self.offset))
        if self.kind == "anaphoric":
            if anchor is not None and anchor.precision == "day":
                return PartialDate.from_date(anchor.earliest + dt.timedelta(days=self.offset))
            if anchor is not None:
                return anchor if self.offset == 0 else None
            return None if published is None else _shift(published, "day", self.offset)
        if self.kind == "absolute" and self.year is not None:
            return PartialDate(self.year, self.month, self.day if self.month else None)
        if published is None:
            return None
        if self.kind == "yearless" and self.month is None and self.day is not None:
            return _day_of_month(published, self.day, planned)
        if self.kind == "yearless" and self.month is not None and self.unit == "year":
            return PartialDate(published.year + self.offset, self.month, self.day)  # "April last year"
        if self.kind == "yearless" and self.month is not None:
            planned = self.direction == "future" or (planned and self.direction != "past")
            year = published.year
            if self.direction == "past" and self.day is None and self.month == published.month:
                year -= 1  # "last August", written in August: a year ago
            candidate = PartialDate(year, self.month, self.day)
            if planned and candidate.latest < published - _PLANNED_SLACK:
                year += 1  # "scheduled for 21-22 June" in a report of 22 June: this year's
            elif not planned and candidate.earliest > published:
                year -= 1
            return PartialDate(year, self.month, self.day)
        if self.kind == "weekday" and self.weekday is not None and self.unit == "week":
            monday = published - dt.timedelta(days=published.weekday())
            return PartialDate.from_date(monday + dt.timedelta(days=7 * self.offset + self.weekday))
        if self.kind == "weekday" and self.weekday is not None:
            future = self.direction == "future" or (self.direction is None and planned)
            if future:
                delta = (self.weekday - published.weekday()) % 7 or (7 if self.direction else 0)
                return PartialDate.from_date(published + dt.timedelta(days=delta))
            delta = (published.weekday() - self.weekday) % 7 or (7 if self.direction else 0)
            return PartialDate.from_date(published - dt.timedelta(days=delta))
        if self.kind == "relative":
            return _shift(published, self.unit or "day", self.offset)
        return None


def _day_of_month(published: dt.date, day: int, planned: bool) -> PartialDate:
    """The day ``day`` of the publication's month, or of the month before (after) when past (planned)."""
    months = published.year * 12 + published.month - 1
    if planned and day < published.day:
        months += 1
    elif not planned and day > published.day:
        months -= 1
    return PartialDate(months // 12, months % 12 + 1, day)


def _shift(published: dt.date, unit: str, offset: int) -> PartialDate:
    if unit == "day":
        return PartialDate.from_date(published + dt.timedelta(days=offset))
    if unit == "week":
        day = published + dt.timedelta(days=7 * offset)
        return PartialDate(day.year, day.month)
    if unit == "month":
        months = published.year * 12 + published.month - 1 + offset
        return PartialDate(months // 12, months % 12 + 1)
    return PartialDate(published.year + offset)


def _year(norm: str | None) -> int | None:
    if norm is None or len(norm) != 4 or not norm.isdigit():
        return None
    value = int(norm)
    return value if 1000 <= value <= 2200 else None


def _day(norm: str | None) -> int | None:
    if norm is None:
        return None
    digits = norm.rstrip("stndrh") if norm[:1].isdigit() else ""
    if digits.isdigit() and len(digits) <= 2 and 1 <= int(digits) <= 31:
        return int(digits)
    return None


def _numeric(text: str, lex: Lexicon, weekday: int | None) -> tuple[int, int, int] | None:
    if "-" in text:
        y, m, d = (int(p) for p in text.split("-"))
        return y, m, d
    parts = [int(p) for p in text.replace(".", "/").split("/")]
    if len(parts) == 2 and weekday is not None:  # "Rabu (18/6)": the year comes from context
        parts.append(0)
    if len(parts) != 3:
        return None
    a, b, y = parts
    if y == 0:
        return _yearless(a, b, lex)
    if y < 100:
        y += 2000
    if a > 31:  # 2026/02/04
        return a, b, y
    orders = [(a, b), (b, a)] if lex.numeric_date_order == "dmy" else [(b, a), (a, b)]
    valid: list[tuple[int, int]] = []
    for d, m in orders:
        try:
            day = dt.date(y, m, d)
        except ValueError:
            continue
        if weekday is None or day.weekday() == weekday:
            valid.append((d, m))
    if not valid:
        return None
    d, m = valid[0]
    return y, m, d


def _yearless(a: int, b: int, lex: Lexicon) -> tuple[int, int, int] | None:
    d, m = (a, b) if lex.numeric_date_order == "dmy" else (b, a)
    return (0, m, d) if 1 <= m <= 12 and 1 <= d <= 31 else None


def _prefixed(norms: Sequence[str], i: int, prefixes: frozenset[str]) -> bool:
    if i <= 0:
        return False
    if norms[i - 1] in prefixes:
        return True
    return i >= 2 and f"{norms[i - 2]} {norms[i - 1]}" in prefixes


def find_dates(
    tokens: Sequence[Token],
    lex: Lexicon,
    lexicon_matches: Sequence[PhraseMatch[Entry]] | None = None,
) -> list[DateExpr]:
    """Every date expression in ``tokens``, in text order.

    >>> from diplograph.graph.extract.token import tokenize
    >>> [d.kind for d in find_dates(tokenize("on February 4, 2026 and yesterday"), Lexicon.load("en"))]
    ['absolute', 'relative']
    """
    found: list[DateExpr] = []
    used: set[int] = set()
    for match in lexicon_matches if lexicon_matches is not None else lex.index.scan(tokens):
        for category, payload in match.values:
            if category in ("anaphoric", "opening") and not used.intersection(range(match.start, match.end)):
                count = next(  # "{N} days earlier": N times the offset
                    (v for t in tokens[match.start : match.end] if (v := number_value(t, lex.numbers))), 1
                )
                found.append(DateExpr(match.start, match.end, category, offset=int(str(payload)) * count))
                used.update(range(match.start, match.end))
                break
            if category == "relative" and not used.intersection(range(match.start, match.end)):
                unit, offset = payload
                count = next(
                    (v for t in tokens[match.start : match.end] if (v := number_value(t, lex.numbers))), 1
                )
                found.append(DateExpr(match.start, match.end, "relative", unit=unit, offset=offset * count))
                used.update(range(match.start, match.end))
                break
    norms = token_norms(tokens)
    position = 0
    for i in _candidates(norms, lex):
        if i < position or i in used:
            continue
        norm = norms[i]
        expr: DateExpr | None = None
        if norm[:1].isdigit() and ("/" in norm or norm.count("-") == 2 or norm.count(".") == 2):
            weekday = _weekday_near(norms, i, lex)
            parsed = _numeric(norm, lex, weekday)
            if parsed:
                y, m, d = parsed
                first = max(0, i - 3) if weekday is not None else i
                if y == 0:
                    expr = DateExpr(first, i + 1, "yearless", None, m, d)
                else:
                    expr = DateExpr(first, i + 1, "absolute", y, m, d)
        elif (norm in lex.months or norm in lex.short_months) and tokens[i].text[:1].isupper():
            expr = _month_expr(norms, i, lex, used)
        elif _year(norm) and _prefixed(norms, i, lex.year_prefixes) and not _named_period(norms, i, lex):
            expr = DateExpr(i, i + 1, "absolute", _year(norm))
        elif norm in lex.weekdays and tokens[i].text[:1].isupper():
            expr = _weekday_expr(norms, i, lex)
        elif i > 0 and (lex.day_prefixes or lex.ordinal_day_prefixes):
            expr = _day_alone(norms, i, lex)
        if expr is not None:
            found.append(expr)
            used.update(range(expr.start, expr.end))
            position = max(expr.end, i + 1)
    found.sort(key=lambda d: d.start)
    if len(found) > 1:
        found = _years_from_context(_relative_years(_weeks_named(found), norms))
    if lex.since_markers:
        found = [replace(d, since=True) if after_since(norms, d.start, lex) else d for d in found]
    return found


def _named_period(norms: Sequence[str], i: int, lex: Lexicon) -> bool:
    """Whether the year at ``i`` closes a period named without a date cue ("rencana aksi
    2026-2030", "the 2021-2025 plan"): a name, not when anything happened."""
    return (
        i >= 2
        and norms[i - 1] in _RANGE_DASHES
        and _year(norms[i - 2]) is not None
        and not _prefixed(norms, i - 2, lex.year_prefixes)
    )


_RANGE_DASHES = frozenset({"-", "–", "—"})


def _day_alone(norms: Sequence[str], i: int, lex: Lexicon) -> DateExpr | None:
    """ "tanggal 27", "on the 27th": a day of the month without the month."""
    day = _day(norms[i])
    if day is None or (i + 1 < len(norms) and norms[i + 1] in lex.calendar_words):
        return None
    before = norms[i - 1]
    if before in lex.ordinal_day_prefixes and any(
        n in lex.ordinal_nouns for n in norms[i + 1 : i + _ORDINAL_REACH]
    ):
        return None  # "the 25th anniversary", "the 17th ASEAN summit": an ordinal, not a day
    if before in lex.day_prefixes or (before in lex.ordinal_day_prefixes and not norms[i].isdigit()):
        return DateExpr(i - 1, i + 1, "yearless", None, None, day)
    return None


def _years_from_context(found: list[DateExpr]) -> list[DateExpr]:
    """A yearless day in the month just stated with its year takes that year ("in September
    2023, when ... On September 10, ..."): it is the same month, not this year's."""
    out: list[DateExpr] = []
    stated: DateExpr | None = None
    for expr in found:
        if expr.kind == "absolute" and expr.month is not None:
            stated = expr
        elif expr.kind == "yearless" and expr.month is None and stated is not None and stated.year:
            if expr.start - stated.end <= _CONTEXT_REACH:  # "in March 2019 ... on the 27th"
                expr = replace(expr, kind="absolute", year=stated.year, month=stated.month)
        elif (
            expr.kind == "yearless"
            and stated is not None
            and stated.year is not None
            and expr.month == stated.month
            and expr.start - stated.end <= _CONTEXT_REACH
        ):
            expr = replace(expr, kind="absolute", year=stated.year)
        out.append(expr)
    return out


def _relative_years(found: list[DateExpr], norms: Sequence[str]) -> list[DateExpr]:
    """A month without its year in the sentence of a relative year ("in April last year", "Last
    year, during his visit to Beijing in April", "pada April tahun lalu") is that year's month.

    Right next to each other ("April of last year"), the two are one expression; further off in
    the sentence, the relative year stays a date of its own.
    """
    out = list(found)
    dropped: set[int] = set()
    for k, expr in enumerate(found):
        if expr.kind != "yearless" or expr.month is None or expr.direction is not None:
            continue
        near = [j for j in (k - 1, k + 1) if 0 <= j < len(found) and j not in dropped]
        years = [j for j in near if found[j].kind == "relative" and found[j].unit == "year"]
        year = next((j for j in years if _same_sentence(norms, expr, found[j])), None)
        if year is None:
            continue
        other = found[year]
        out[k] = replace(expr, unit="year", offset=other.offset)
        if max(expr.start, other.start) - min(expr.end, other.end) <= 1:  # "April (of) last year": one date
            out[k] = replace(out[k], start=min(expr.start, other.start), end=max(expr.end, other.end))
            dropped.add(year)
    return [e for j, e in enumerate(out) if j not in dropped]


def _same_sentence(norms: Sequence[str], a: DateExpr, b: DateExpr) -> bool:
    """Whether two date expressions stand in one sentence, near enough to speak of one date."""
    low, high = min(a.end, b.end), max(a.start, b.start)
    return high - low <= _YEAR_REACH and not any(n in _SENTENCE_ENDS for n in norms[low:high])


def _weeks_named(found: list[DateExpr]) -> list[DateExpr]:
    """A weekday next to a week ("Tuesday last week", "Selasa pekan lalu") is that week's day."""
    out: list[DateExpr] = []
    for expr in found:
        last = out[-1] if out else None
        if last is not None and expr.start <= last.end + 1:
            pair = {last.kind, expr.kind}
            week = last if last.kind == "relative" else expr
            day = expr if week is last else last
            if pair == {"weekday", "relative"} and week.unit == "week" and week.offset != 0:
                out[-1] = replace(
                    day,
                    start=min(last.start, expr.start),
                    end=max(last.end, expr.end),
                    unit="week",
                    offset=week.offset,
                    direction=None,
                )
                continue
        out.append(expr)
    return out


_LEAD = operator.itemgetter(slice(0, 1))
#: Per lexicon, whether a normalised token may start a date: memoised (a pure function of both).
_STARTERS: dict[str, dict[str, bool]] = {}
_STARTERS_MAX = 200_000


def _candidates(norms: list[str], lex: Lexicon) -> list[int]:
    """The tokens a date may start from: a number, or a month or weekday name (looked up in C)."""
    known = _STARTERS.setdefault(lex.lang, {})
    if len(known) > _STARTERS_MAX:
        known.clear()
    flags = list(map(known.get, norms))
    if None in flags:  # words not seen before (a name, a number): only those are looked at
        new = list(set(norms).difference(known))
        leads = map(_LEAD, new)
        found = map(operator.or_, map(str.isdigit, leads), map(lex.calendar_words.__contains__, new))
        known.update(zip(new, found, strict=True))
        flags = list(map(known.__getitem__, norms))
    return list(compress(range(len(norms)), flags))


#: How long before the publication day a planned yearless date still means this year (reports
#: of plans often appear on the day or just after: "dijadwalkan ... pada 21-22 Juni").
_PLANNED_SLACK = dt.timedelta(days=7)
#: How far after an ordinal its noun may stand ("the 25th EU-China summit": not the 25th day).
_ORDINAL_REACH = 6
#: How many tokens after a month stated with its year a yearless date of that month takes its year.
_CONTEXT_REACH = 60
#: How far apart a month without its year and a relative year ("last year") may stand in a sentence.
_YEAR_REACH = 20
_SENTENCE_ENDS = frozenset({".", "!", "?", ";"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "(", ")", "-"})
#: How many tokens back "since" may govern a date: "since Trump returned to the White House in January".
_SINCE_REACH = 8


def after_since(norms: Sequence[str], i: int, lex: Lexicon) -> bool:
    """Whether "since" governs the token at ``i`` ("since 2014", "since he took office in October").

    >>> after_since(["first", "visit", "since", "they", "upgraded", "ties"], 4, Lexicon.load("en"))
    True
    """
    for j in range(i - 1, max(-1, i - _SINCE_REACH - 1), -1):
        norm = norms[j]
        if norm in _CLAUSE_BREAKS:
            return False
        if norm in lex.since_markers or (j > 0 and f"{norms[j - 1]} {norm}" in lex.since_markers):
            return True
    return False


def _weekday_near(norms: Sequence[str], i: int, lex: Lexicon) -> int | None:
    for j in range(i - 1, max(-1, i - 4), -1):
        if norms[j] in lex.weekdays:
            return lex.weekdays[norms[j]]
    return None


def _month_expr(norms: Sequence[str], i: int, lex: Lexicon, taken: set[int]) -> DateExpr | None:
    """A month name with what goes with it: its day(s), year or direction ("Oktober lalu"); tokens
    in ``taken`` belong to another date ("April last year": "last year" is one)."""
    norm = norms[i]
    month = lex.months.get(norm) or lex.short_months[norm]
    n = len(norms)
    start, end = i, i + 1
    if end < n and norms[end] == "." and norm in lex.short_months:
        end += 1
    day = _day(norms[i - 1]) if i > 0 else None
    if day is not None:
        start = i - 1
        if start >= 2 and norms[start - 1] in lex.range_connectors and _day(norms[start - 2]) is not None:
            start, day = start - 2, _day(norms[start - 2])  # "27-29 April", "27 to 29 April": the first day
    elif end < n and _day(norms[end]) is not None and _year(norms[end]) is None:
        day = _day(norms[end])
        end += 1
        if end + 1 < n and norms[end] == "-" and _day(norms[end + 1]) is not None:
            end += 2
        if end < n and norms[end] == ",":
            end += 1 if end + 1 < n and _year(norms[end + 1]) else 0
    year = _year(norms[end]) if end < n else None
    direction = None
    if (
        year is None
        and end < n
        and end not in taken
        and (norms[end] in lex.weekday_past or norms[end] in lex.weekday_future)
    ):
        direction = "past" if norms[end] in lex.weekday_past else "future"  # "Oktober lalu"
        end += 1
    elif year is None and start > 0 and norms[start - 1] in lex.weekday_past | lex.weekday_future:
        direction = "past" if norms[start - 1] in lex.weekday_past else "future"  # "last October"
    if year is not None:
        end += 1
    elif (
        day is None
        and direction is None
        and (norm in lex.short_months or not _prefixed(norms, i, lex.month_prefixes))
    ):
        return None
    if start > 0 and norms[start - 1] in lex.weekdays:
        start -= 1
    elif start > 1 and norms[start - 1] == "," and norms[start - 2] in lex.weekdays:
        start -= 2
    if year is None:
        return DateExpr(start, end, "yearless", None, month, day, direction=direction)
    return DateExpr(start, end, "absolute", year, month, day)


def _weekday_expr(norms: Sequence[str], i: int, lex: Lexicon) -> DateExpr | None:
    weekday = lex.weekdays[norms[i]]
    for norm in norms[i + 1 : i + 4]:  # "Rabu (4/2/2026)", "Wednesday, Feb. 4": the date says it
        if norm[:1].isdigit() or norm in lex.months or norm in lex.short_months:
            return None
    start, end = i, i + 1
    direction = None
    if i > 0 and norms[i - 1] in lex.weekday_past:
        direction, start = "past", i - 1
    elif i > 0 and norms[i - 1] in lex.weekday_future:
        direction, start = "future", i - 1
    elif end < len(norms) and norms[end] in lex.weekday_past:
        direction, end = "past", end + 1
    elif end < len(norms) and norms[end] in lex.weekday_future:
        direction, end = "future", end + 1
    return DateExpr(start, end, "weekday", weekday=weekday, direction=direction)
