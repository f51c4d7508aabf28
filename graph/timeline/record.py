"""Event records: what the store says about one event node, folded from the query's rows.

A timeline query returns one row per event (its attributes aggregated) and one per source
(mention) of the event; memberships of the reference graph come as rows too. This module folds
them into :class:`EventRecord` objects, one per event node, before merging.

>>> rows = [{"event": "https://w3id.org/diplograph/id/event/x", "type": "PhoneCall", "date": "2022-02-25",
...          "actors": "https://w3id.org/diplograph/id/state/CHN https://w3id.org/diplograph/id/state/RUS"}]
>>> [(r.type, str(r.date), r.states) for r in fold_rows(rows)]
[('phone_call', '2022-02-25', ('CHN', 'RUS'))]
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from diplograph.graph.date import PartialDate
from diplograph.graph.model import EVENT_CLASSES
from diplograph.graph.namespace import ID_BASE, REFERENCE_GRAPH
from diplograph.graph.timeline.milestone import Source

_TYPE_OF_LOCAL = {str(iri).rsplit("#", 1)[-1]: kind for kind, iri in EVENT_CLASSES.items()}
_STATE = ID_BASE + "state/"
_PERSON = ID_BASE + "person/"
_ORG = ID_BASE + "org/"
_CURATED = ID_BASE + "curated/"


def _date(text: str | None) -> PartialDate | None:
    if not text:
        return None
    try:
        return PartialDate.parse(text[:10])
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return None


@dataclass
class EventRecord:
    """One event node (or membership) with its attributes and sources."""

    iri: str
    type: str = ""
    date: PartialDate | None = None
    statuses: set[str] = field(default_factory=set)
    place: str | None = None
    derived: bool = False
    ordinal: int | None = None
    forum: str | None = None
    actors: tuple[str, ...] = ()
    label: str | None = None
    label_en: str | None = None
    target: str | None = None
    target_type: str | None = None
    target_date: PartialDate | None = None
    target_label: str | None = None
    target_label_en: str | None = None
    sources: list[Source] = field(default_factory=list)
    member: str | None = None
    organisation: str | None = None
    end: PartialDate | None = None

    @property
    def states(self) -> tuple[str, ...]:
        """Alpha-3 codes of the participating states, sorted."""
        return tuple(sorted(a[len(_STATE) :] for a in self.actors if a.startswith(_STATE)))

    @property
    def people(self) -> tuple[str, ...]:
        """Ids of the participating persons."""
        return tuple(a[len(_PERSON) :] for a in self.actors if a.startswith(_PERSON))

    @property
    def status(self) -> str:
        """``occurred`` if any source says so, else ``planned``."""
        return "planned" if self.statuses == {"planned"} else "occurred"

    @property
    def curated(self) -> bool:
        """Whether a curated record states it."""
        return any(s.kind == "curated" for s in self.sources)


def _source(row: dict[str, str], date: PartialDate | None) -> Source:
    origin = row.get("origin", "")
    if row.get("originType") == "Article" or row.get("sha"):
        kind = "article"
        where = row.get("source") or origin
    else:
        kind = "curated"
        where = origin[len(ID_BASE) :] if origin.startswith(_CURATED) else origin
    confidence = None
    with contextlib.suppress(ValueError):
        confidence = float(row["confidence"]) if row.get("confidence") else None
    return Source(
        kind="article" if kind == "article" else "curated",
        source=where,
        published=_date(row.get("published")),
        evidence=row.get("sentence"),
        start=_int(row.get("start")),
        end=_int(row.get("end")),
        confidence=confidence,
        citation=row.get("citation"),
        title=row.get("title") or row.get("originLabel"),
        language=row.get("language"),
        date=date,
        event=row.get("event"),
        via=row.get("viaEvent"),
        mention=row.get("mention"),
    )


def fold_rows(rows: list[dict[str, str]]) -> list[EventRecord]:
    """Event records from the rows of a timeline query, in first-seen order.

    Membership rows become records of type ``membership`` with ``member``, ``organisation``,
    ``date`` (start) and ``end``; events without a type or date are dropped.
    """
    records: dict[str, EventRecord] = {}
    source_rows: list[dict[str, str]] = []
    for row in rows:
        iri = row.get("event")
        if not iri:
            continue
        record = records.get(iri)
        if record is None:
            record = records[iri] = EventRecord(iri)
        if row.get("mention"):
            source_rows.append(row)
            continue
        local = row.get("type", "")
        if local == "Membership":
            record.type = "membership"
            record.member = row.get("member")
            record.organisation = row.get("organisation")
            record.date = _date(row.get("startDate"))
            record.end = _date(row.get("endDate"))
            continue
        record.type = _TYPE_OF_LOCAL.get(local, "")
        record.date = _date(row.get("date"))
        record.statuses = set(row.get("status", "").split())
        record.place = row.get("place")
        record.derived = row.get("derived") == "true"
        record.ordinal = _int(row.get("ordinal"))
        record.forum = row.get("forum")
        record.actors = tuple(row.get("actors", "").split())
        record.label = row.get("label")
        record.label_en = row.get("labelEn")
        record.target = row.get("target")
        record.target_type = _TYPE_OF_LOCAL.get(row.get("targetType", ""))
        record.target_date = _date(row.get("targetDate"))
        record.target_label = row.get("targetLabel")
        record.target_label_en = row.get("targetLabelEn")
    for row in source_rows:
        record = records[row["event"]]
        record.sources.append(_source(row, record.date))
    return [r for r in records.values() if r.type and r.date is not None]


def reference_source(record: EventRecord) -> Source:
    """The source of a membership row: the reference graph."""
    return Source(
        kind="reference",
        source=str(REFERENCE_GRAPH),
        citation="data/organisations.yaml",
        date=record.date,
        event=record.iri,
    )
