"""Merging event records into milestones: one row per milestone, however many sources.

Rules (issue 4):

1. **Same milestone, compatible dates.** Records of the same type whose state sets are equal
   (for a summit: whose forum is the same) and whose dates are compatible (one contains the
   other, :meth:`PartialDate.compatible`) are one milestone, dated by the most precise
   date. A coarser record joins a finer group only when exactly one group is compatible: a
   "partnership, 1996" known from an anniversary is not guessed into one of two 1996
   partnerships; it stays its own row.
2. **Same milestone, incompatible dates.** Groups of the same type and states, in the same
   year but on different days or months, that are evidently the same milestone (they share a
   label in some language, or anniversaries with the same N commemorate both) become one row
   whose ``conflicts`` lists the other dates; the date shown is the best-sourced one (curated,
   then reported rather than derived, then more sources, then more precise).
3. **Anniversaries** merge only with anniversaries of the same N commemorating the same
   milestone (its group, else its type and year); when their own dates disagree, likewise a
   conflict.

>>> from diplograph.graph.date import PartialDate
>>> from diplograph.graph.timeline.record import EventRecord
>>> chn = ("https://w3id.org/diplograph/id/state/CHN",)
>>> a = EventRecord("e1", "treaty_signing", PartialDate(2001, 7, 16), actors=chn)
>>> b = EventRecord("e2", "treaty_signing", PartialDate(2001), actors=a.actors, derived=True)
>>> [[r.iri for r in g.records] for g in group_records([a, b])]
[['e1', 'e2']]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

from diplograph.graph.date import PartialDate
from diplograph.graph.timeline.record import EventRecord

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass
class Group:
    """Records that are one milestone."""

    records: list[EventRecord]
    conflicts: list[Group] = field(default_factory=list)

    @property
    def date(self) -> PartialDate:
        """The most precise date of the group's own records (the first: records join finest first)."""
        date = self.records[0].date
        assert date is not None
        return date

    @property
    def all_records(self) -> list[EventRecord]:
        """The group's records and those of the groups in conflict with it."""
        return self.records + [r for g in self.conflicts for r in g.records]

    def authority(self) -> tuple[int, int, int, int]:
        """Sort key: better-sourced groups first."""
        return (
            0 if any(r.curated for r in self.records) else 1,
            0 if any(not r.derived for r in self.records) else 1,
            -sum(len(r.sources) for r in self.records),
            _PRECISION_RANK[self.date.precision],
        )


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _labels(group: Group) -> set[str]:
    return {_norm(x) for r in group.records for x in r.all_labels()}


def _merge_compatible(records: list[EventRecord]) -> list[Group]:
    groups: list[Group] = []
    by_year: dict[int, list[Group]] = defaultdict(list)  # compatible dates share their year
    ordered = sorted(records, key=lambda r: (_PRECISION_RANK[r.date.precision], r.date.earliest, r.iri))  # type: ignore[union-attr]
    for record in ordered:
        assert record.date is not None
        candidates = [g for g in by_year[record.date.year] if g.date.compatible(record.date)]
        if len(candidates) == 1:
            candidates[0].records.append(record)
        else:
            group = Group([record])
            groups.append(group)
            by_year[record.date.year].append(group)
    return groups


def _merge_conflicts(groups: list[Group], same: dict[int, set[Hashable]], always: bool) -> list[Group]:
    by_year: dict[int, list[Group]] = defaultdict(list)
    for group in groups:
        by_year[group.date.year].append(group)
    out: list[Group] = []
    for year_groups in by_year.values():
        pending = sorted(year_groups, key=Group.authority)
        while pending:
            head = pending.pop(0)
            rest = []
            for other in pending:
                evident = (
                    always
                    or bool(_labels(head) & _labels(other))
                    or bool(same.get(id(head), set()) & same.get(id(other), set()))
                )
                if evident and not head.date.compatible(other.date):
                    head.conflicts.append(other)
                else:
                    rest.append(other)
            pending = rest
            out.append(head)
    return out


def _actors_key(record: EventRecord) -> tuple[str, ...]:
    if record.type == "forum_summit" and record.forum:
        return (record.forum,)  # a summit is identified by its forum and date (as in the model)
    return record.states or tuple(sorted(record.actors))


def group_records(records: list[EventRecord]) -> list[Group]:
    """Merge event records (not memberships) into groups, one per milestone."""
    anniversaries = [r for r in records if r.type == "anniversary"]
    others = [r for r in records if r.type not in ("anniversary", "membership")]
    # Which anniversary ordinals commemorate each record ("same commemoration").
    ordinals: dict[str, set[Hashable]] = defaultdict(set)
    for ann in anniversaries:
        if ann.target and ann.ordinal is not None:
            ordinals[ann.target].add(ann.ordinal)
    clusters: dict[tuple[str, tuple[str, ...]], list[EventRecord]] = defaultdict(list)
    for record in others:
        clusters[(record.type, _actors_key(record))].append(record)
    result: list[Group] = []
    group_of: dict[str, int] = {}
    for cluster in clusters.values():
        groups = _merge_compatible(cluster)
        same = {id(g): {o for r in g.records for o in ordinals.get(r.iri, set())} for g in groups}
        for group in _merge_conflicts(groups, same, always=False):
            for record in group.all_records:
                group_of[record.iri] = len(result)
            result.append(group)
    ann_clusters: dict[tuple[Hashable, ...], list[EventRecord]] = defaultdict(list)
    for ann in anniversaries:
        target_key: Hashable
        if ann.target in group_of:
            target_key = ("group", group_of[ann.target])
        else:
            year = ann.target_date.year if ann.target_date else None
            target_key = ("target", ann.target_type, year)
        ann_clusters[(_actors_key(ann), ann.ordinal, target_key)].append(ann)
    for cluster in ann_clusters.values():
        result.extend(_merge_conflicts(_merge_compatible(cluster), {}, always=True))
    return result
