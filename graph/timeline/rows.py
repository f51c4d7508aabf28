"""Milestone rows from merged groups and memberships, labelled in the user's language.

>>> from diplograph.graph.date import PartialDate
>>> from diplograph.graph.timeline.labels import LabelBook
>>> from diplograph.graph.timeline.merging import Group
>>> from diplograph.graph.timeline.record import EventRecord
>>> record = EventRecord("e", "phone_call", PartialDate(2022, 2, 25),
...     actors=("https://w3id.org/diplograph/id/state/CHN", "https://w3id.org/diplograph/id/state/RUS"))
>>> group_milestone(Group([record]), LabelBook.get("id")).label
'Percakapan telepon Tiongkok dan Rusia'
"""

from __future__ import annotations

from collections.abc import Mapping

from diplograph.graph.date import PartialDate
from diplograph.graph.timeline.labels import LabelBook
from diplograph.graph.timeline.merging import Group
from diplograph.graph.timeline.milestone import Commemorated, Milestone, Participant, Source
from diplograph.graph.timeline.record import EventRecord, reference_source

_KIND_RANK = {"state": 0, "person": 1, "organisation": 2, "other": 3}
_SOURCE_RANK = {"curated": 0, "article": 1, "reference": 2}


def _participants(records: list[EventRecord], book: LabelBook) -> tuple[Participant, ...]:
    seen: dict[str, Participant] = {}
    for record in records:
        for iri in record.actors:
            if iri not in seen:
                seen[iri] = book.actor(iri)
    return tuple(sorted(seen.values(), key=lambda p: (_KIND_RANK[p.kind], p.id)))


def _sources(records: list[EventRecord]) -> tuple[Source, ...]:
    if len(records) == 1 and len(records[0].sources) <= 1:
        return tuple(records[0].sources)
    unique: dict[str, Source] = {}
    for record in records:
        for source in record.sources:
            unique.setdefault(source.mention or f"{source.event}#{len(unique)}", source)
    return tuple(
        sorted(
            unique.values(),
            key=lambda s: (
                _SOURCE_RANK[s.kind],
                (s.published or PartialDate(1)).earliest,
                s.source,
                s.mention or "",
            ),
        )
    )


def _own_label(records: list[EventRecord], lang: str) -> str | None:
    if len(records) == 1:
        return records[0].label_in(lang)
    ordered = sorted(records, key=lambda r: (0 if r.curated else 1, 0 if not r.derived else 1, r.iri))
    for record in ordered:
        label = record.label_in(lang)
        if label:
            return label
    return None


def _target(record: EventRecord, book: LabelBook, known: Mapping[str, str]) -> Commemorated | None:
    if not record.target:
        return None
    kind = record.target_type or "event"
    label = known.get(record.target)
    if not label:
        label = record.target_label_in(book.lang)
    if not label:
        participants = [book.actor(a) for a in record.actors]
        label = book.generate(kind, participants)
    return Commemorated(kind, record.target_date, label, record.target)


def group_milestone(group: Group, book: LabelBook, known: Mapping[str, str] | None = None) -> Milestone:
    """The row of one merged group (with the dates of groups in conflict with it).

    Args:
        group: the merged records.
        book: names and templates of the language.
        known: labels of milestones already built, by event IRI (what anniversaries commemorate).
    """
    records = group.all_records
    head = group.records[0]
    if len(group.records) > 1:
        head = min(group.records, key=lambda r: (0 if r.curated else 1, 0 if not r.derived else 1))
    participants = _participants(records, book)
    forum = book.actor(head.forum) if head.forum else None
    place = next((r.place for r in [head, *records] if r.place), None)
    commemorates = _target(head, book, known or {}) if head.type == "anniversary" else None
    label = _own_label(group.records, book.lang)
    if label is None and group.conflicts:
        label = _own_label(records, book.lang)
    if label is None:
        label = book.generate(
            head.type,
            participants,
            forum=forum,
            place=place,
            ordinal=head.ordinal,
            target=commemorates.label if commemorates else None,
        )
    status = "occurred" if any(r.status == "occurred" for r in records) else "planned"
    if status == "planned":
        label = book.planned(label)
    conflicts = (
        tuple(sorted({g.date for g in group.conflicts} - {group.date}, key=lambda d: (d.earliest, d.latest)))
        if group.conflicts
        else ()
    )
    return Milestone(
        date=group.date,
        type=head.type,
        label=label,
        participants=participants,
        place=place,
        forum=forum,
        derived=all(r.derived for r in records),
        status=status,
        sources=_sources(records),
        conflicts=conflicts,
        ordinal=head.ordinal,
        commemorates=commemorates,
        events=tuple(dict.fromkeys(r.iri for r in records)),
        lang=book.lang,
    )


def membership_milestones(
    record: EventRecord, book: LabelBook, founded: PartialDate | None
) -> list[Milestone]:
    """``X joins O`` (at the start) and ``X leaves O`` (at the end) rows of one membership."""
    if not record.member or not record.organisation:
        return []
    member = book.actor(record.member)
    organisation = book.actor(record.organisation)
    rows = []
    for kind, date in (("accession", record.date), ("withdrawal", record.end)):
        if date is None:
            continue
        founding = founded is not None and kind == "accession" and founded == date
        rows.append(
            Milestone(
                date=date,
                type=kind,
                label=book.membership(kind, member, organisation, founding=founding),
                participants=(member, organisation),
                forum=organisation,
                sources=(reference_source(record),),
                events=(record.iri,),
                lang=book.lang,
            )
        )
    return rows


def milestones(groups: list[Group], book: LabelBook) -> list[Milestone]:
    """The rows of merged groups; anniversaries are labelled after what they commemorate."""
    known: dict[str, str] = {}
    out = []
    for group in sorted(groups, key=lambda g: g.records[0].type == "anniversary"):
        row = group_milestone(group, book, known)
        if row.type != "anniversary":
            known.update(dict.fromkeys(row.events, row.label))
        out.append(row)
    return out
