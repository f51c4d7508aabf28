"""Round anniversaries: the calendar a newsroom or a ministry plans a year with.

A milestone reaches a round anniversary in ``year`` when ``year - its year`` is one of
:data:`ROUND_YEARS`. The anniversary is dated by the milestone's month and day when they are
known (29 February falls on the 28th in a common year).

>>> from diplograph.graph.builder import add_bundled_curated, load_reference
>>> from diplograph.graph.store import KnowledgeGraph
>>> kg = KnowledgeGraph(":memory:"); _ = load_reference(kg); _ = add_bundled_curated(kg)
>>> [(str(r.date), r.years) for r in anniversaries(kg, 2026, "CHN", "RUS", types=["treaty_signing"])]
[('2026-07-16', 25)]
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable

from rdflib import XSD, Literal

from diplograph.graph.date import PartialDate
from diplograph.graph.gazetteer import Gazetteer
from diplograph.graph.store import KnowledgeGraph
from diplograph.graph.timeline.labels import LabelBook
from diplograph.graph.timeline.lookup import check_types, sort_rows, timeline
from diplograph.graph.timeline.merging import group_records
from diplograph.graph.timeline.milestone import Milestone, RoundAnniversary
from diplograph.graph.timeline.record import fold_rows
from diplograph.graph.timeline.rows import membership_milestones, milestones
from diplograph.graph.timeline.selection import select

#: The anniversaries worth a calendar entry (also listed in ``anniversaries.rq``).
ROUND_YEARS = (5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 100)
#: Milestone types whose anniversaries are marked by default.
ANNIVERSARY_TYPES = (
    "relations_established",
    "partnership",
    "treaty_signing",
    "state_visit",
    "forum_summit",
    "accession",
)


def anniversary_date(date: PartialDate, year: int) -> PartialDate:
    """The milestone's date moved to ``year`` (at the same precision).

    >>> anniversary_date(PartialDate(2000, 2, 29), 2025)
    PartialDate(year=2025, month=2, day=28)
    """
    if date.month is None:
        return PartialDate(year)
    if date.day is None:
        return PartialDate(year, date.month)
    return PartialDate(year, date.month, min(date.day, calendar.monthrange(year, date.month)[1]))


def _all_rows(kg: KnowledgeGraph, year: int, lang: str) -> list[Milestone]:
    book = LabelBook.get(lang)
    rows = select(kg, "anniversaries", {"year": Literal(year, datatype=XSD.integer)})
    records = fold_rows(rows)
    out = milestones(group_records([r for r in records if r.type != "membership"]), book)
    for record in records:
        if record.type == "membership" and record.organisation:
            org = book.ref.organisations.get(record.organisation.rsplit("/", 1)[-1])
            out.extend(membership_milestones(record, book, org.founded if org else None))
    return sort_rows(out)


def anniversaries(
    kg: KnowledgeGraph,
    year: int,
    a: str | None = None,
    b: str | None = None,
    *,
    types: Iterable[str] | None = ANNIVERSARY_TYPES,
    lang: str = "en",
    gazetteer: Gazetteer | None = None,
) -> list[RoundAnniversary]:
    """Milestones reaching a round anniversary in ``year``, in calendar order.

    Args:
        kg: the knowledge graph.
        year: the year of the calendar.
        a, b: restrict to one actor's or a pair's milestones (names as for :func:`timeline`);
            None for every milestone in the store.
        types: milestone types to consider (:data:`ANNIVERSARY_TYPES` by default; None: all
            but anniversaries themselves).
        lang: language of labels and names.
        gazetteer: the name index.

    Returns:
        One :class:`RoundAnniversary` per milestone, with the anniversary events already in the
        store that commemorate it with the same N (``observances``).
    """
    chosen = check_types(types)
    if a is None and b is None:
        rows = _all_rows(kg, year, lang)
    else:
        rows = timeline(kg, a or b or "", b if a else None, end=year, lang=lang, gazetteer=gazetteer)
    book = LabelBook.get(lang)
    observed = [r for r in rows if r.type == "anniversary" and r.commemorates is not None]
    out = []
    for row in rows:
        if row.type == "anniversary" or row.status != "occurred":
            continue
        if chosen is not None and row.type not in chosen:
            continue
        n = year - row.date.year
        if n not in ROUND_YEARS:
            continue
        observances = tuple(
            o for o in observed if o.ordinal == n and o.commemorates and o.commemorates.event in row.events
        )
        out.append(
            RoundAnniversary(
                date=anniversary_date(row.date, year),
                years=n,
                milestone=row,
                label=book.round_anniversary(n, row.label),
                observances=observances,
            )
        )
    return sorted(out, key=lambda r: (r.date.earliest, r.date.latest, -r.years, r.label))
