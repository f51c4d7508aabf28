"""Timeline lookups: the milestones of a pair of actors, of one actor, of an organisation.

One SPARQL query per lookup, in plain SPARQL 1.1 over the store's default graph (the set
union of its named graphs), reads the index the store keeps beside every event (see
:mod:`diplograph.graph.index`): ``graph/queries/timeline_pair.rq`` finds a pair's events by
their dyad (one index lookup), ``timeline_actor.rq`` one actor's by participant, and both return
each event's digests (its facts, mentions and sources, one JSON literal per named graph stating
it). Organisation lookups add the membership changes of the reference graph
(``timeline_memberships.rq``). Digests are folded into records, merged and labelled in Python.

Kinds of lookup, by what the names resolve to:

- two states: their bilateral milestones;
- one state: all its milestones, and its membership changes ("Indonesia joins ASEAN");
- a state (or leader) and an organisation: the events with both, and the state's
  membership changes in that organisation ("RUS" "SCO");
- one organisation: its summits and every membership change;
- leaders: every event both take part in (see :mod:`diplograph.graph.timeline.actor` for how
  a leader is matched through his state on the event's date); with two leaders and no
  ``types``, only encounters (meetings, virtual meetings, phone calls, visits, signings,
  summits), each row's ``mode`` telling in-person, virtual and phone apart.

>>> from diplograph.graph.store import KnowledgeGraph
>>> timeline(KnowledgeGraph(":memory:"), "CHN", "RUS")
[]
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable
from typing import Any

from rdflib import XSD, Literal
from rdflib.term import Identifier

from diplograph.graph.date import PartialDate
from diplograph.graph.gazetteer import Gazetteer
from diplograph.graph.index import dyad_iri
from diplograph.graph.model import EVENT_TYPES
from diplograph.graph.store import KnowledgeGraph
from diplograph.graph.timeline import view
from diplograph.graph.timeline.actor import NOTHING, Actor, UnknownActorWarning, resolve_actor, takes_part
from diplograph.graph.timeline.labels import LabelBook
from diplograph.graph.timeline.merging import group_records
from diplograph.graph.timeline.milestone import MEMBERSHIP_TYPES, Milestone
from diplograph.graph.timeline.record import EventRecord, fold_digests
from diplograph.graph.timeline.rows import membership_milestones, milestones
from diplograph.graph.timeline.selection import select

#: Every row type a timeline can hold.
TIMELINE_TYPES: tuple[str, ...] = (*EVENT_TYPES, *MEMBERSHIP_TYPES)
#: The types of a leaders' lookup when none are given.
ENCOUNTER_TYPES = (
    "meeting",
    "virtual_meeting",
    "phone_call",
    "state_visit",
    "treaty_signing",
    "forum_summit",
)

DateLike = PartialDate | dt.date | str | int


def as_partial_date(value: DateLike) -> PartialDate:
    """A date given as ``PartialDate``, ``date``, ``"YYYY[-MM[-DD]]"`` or an int year.

    >>> as_partial_date(2000), as_partial_date("2026-02")
    (PartialDate(year=2000, month=None, day=None), PartialDate(year=2026, month=2, day=None))
    """
    return value if isinstance(value, PartialDate) else PartialDate.parse(value)


def _day(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def check_types(types: Iterable[str] | None) -> tuple[str, ...] | None:
    """The types asked for, checked (None: all).

    >>> check_types(["treaty_signing"])
    ('treaty_signing',)
    """
    if types is None:
        return None
    chosen = tuple(dict.fromkeys(types))
    unknown = [t for t in chosen if t not in TIMELINE_TYPES]
    if unknown:
        raise ValueError(f"unknown milestone type {unknown[0]!r}; one of {', '.join(TIMELINE_TYPES)}")
    return chosen


def resolve_actors(names: Iterable[str | None], gazetteer: Gazetteer | None = None) -> list[Actor] | None:
    """Resolve names; None (with an :class:`UnknownActorWarning`) when one is unknown."""
    actors = []
    for name in names:
        if name is None:
            continue
        actor = resolve_actor(name, gazetteer)
        if actor is None:
            warnings.warn(
                UnknownActorWarning(f"no state, leader or organisation is named {name!r}: no milestones"),
                stacklevel=3,
            )
            return None
        actors.append(actor)
    return actors


def fetch_records(
    kg: KnowledgeGraph, actors: list[Actor], start: PartialDate | None, end: PartialDate | None, ref: Any
) -> list[EventRecord]:
    """The event and membership records of a lookup: events with their digests, then memberships.

    The actor IRIs, dyad IRIs and dates are resolved by diplograph (never user text) and written
    into the queries as terms, so the engine does not return them on every row.
    """
    sides = [[x for x in (actor.iri, actor.leader_state(ref)) if x != NOTHING] for actor in actors]
    orgs = [a for a in actors if a.kind == "organisation"]
    period: dict[str, Identifier] = {}
    if start is not None or end is not None:
        period["from"] = _day(start.earliest if start else dt.date(1, 1, 1))
        period["to"] = _day(end.latest if end else dt.date(9999, 12, 31))
    members: dict[str, Identifier] = {"org": orgs[0].iri if orgs else NOTHING, "memberOf": NOTHING}
    if len(actors) == 1:
        if actors[0].kind == "state":
            members["memberOf"] = actors[0].iri
        rows = select(kg, "timeline_actor", constants=period, values={"actor": sides[0]})
    else:
        if len(orgs) == 2:
            members["memberOf"] = orgs[1].iri
        dyads = dict.fromkeys(dyad_iri(x, y) for x in sides[0] for y in sides[1] if x != y)
        rows = select(kg, "timeline_pair", constants=period, values={"dyad": dyads}) if dyads else []
    memberships = (
        select(kg, "timeline_memberships", constants=members)
        if members["org"] != NOTHING or members["memberOf"] != NOTHING
        else []
    )
    records = fold_digests(rows, memberships)
    if len(actors) == 2:  # a dyad left by a removed graph may over-state a pair: check the digests
        first, second = ({str(x) for x in side} for side in sides)
        records = [
            r for r in records if r.type == "membership" or (first & set(r.actors) and second & set(r.actors))
        ]
    return records


def _keeps_membership(record: EventRecord, actors: list[Actor]) -> bool:
    iris = {str(a.iri) for a in actors}
    if len(actors) == 1:
        return record.organisation in iris or record.member in iris
    return {record.organisation, record.member} == iris


def _matches_leaders(record: EventRecord, actors: list[Actor], ref: Any) -> bool:
    assert record.date is not None
    for actor in actors:
        if actor.kind == "person" and not takes_part(
            ref, actor.id, record.date, record.states, record.people
        ):
            return False
    return True


def timeline(
    kg: KnowledgeGraph,
    a: str,
    b: str | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    types: Iterable[str] | None = None,
    include_derived: bool = True,
    lang: str = "en",
    gazetteer: Gazetteer | None = None,
) -> list[Milestone]:
    """The milestones of one actor or a pair, in date order, each with all its sources.

    Args:
        kg: the knowledge graph.
        a: an actor's name: alpha-3 code, state name in any indexed language ("Tiongkok",
            "Rusia", "China"), leader's name ("Xi Jinping"), organisation ("SCO").
        b: a second actor for a bilateral lookup, or None.
        start, end: the period (inclusive; ``2000`` means from 1 January 2000, to 31 December).
        types: row types to keep (:data:`TIMELINE_TYPES`); all by default.
        include_derived: keep milestones known only from an anniversary.
        lang: language of labels and names (``en``, ``id``; others fall back to English).
        gazetteer: the name index (the bundled one by default).

    Returns:
        Milestones; empty, with an :class:`UnknownActorWarning`, when a name is unknown.

    Raises:
        AmbiguousActorError: when a name denotes several actors.
        ValueError: for an unknown type or a malformed date.

    >>> from diplograph.graph.builder import add_bundled_curated, load_reference
    >>> kg = KnowledgeGraph(":memory:"); _ = load_reference(kg); _ = add_bundled_curated(kg)
    >>> rows = timeline(kg, "Tiongkok", "Rusia", types=["treaty_signing"], start=2001, end=2001)
    >>> [str(m.date) for m in rows]
    ['2001-07-16']
    """
    chosen = check_types(types)
    first = as_partial_date(start) if start is not None else None
    last = as_partial_date(end) if end is not None else None
    actors = resolve_actors([a, b], gazetteer)
    if not actors:
        return []
    if len(actors) == 2 and actors[0] == actors[1]:
        actors = actors[:1]
    book = LabelBook.get(lang)
    if chosen is None and len(actors) == 2 and all(x.kind == "person" for x in actors):
        chosen = ENCOUNTER_TYPES
    pair = [a.id for a in actors] if len(actors) == 2 and all(x.kind == "state" for x in actors) else None
    if pair is not None and first is None and last is None:  # the pair's view, when kept
        kept = view.load(kg, pair[0], pair[1], book.lang)
        if kept is None:
            token = view.token_of(kg)
            kept = sort_rows(_rows(kg, actors, None, None, book))
            view.save(kg, pair[0], pair[1], book.lang, kept, token)
        return filter_rows(kept, chosen, include_derived)
    return sort_rows(filter_rows(_rows(kg, actors, first, last, book), chosen, include_derived, first, last))


def _rows(
    kg: KnowledgeGraph,
    actors: list[Actor],
    first: PartialDate | None,
    last: PartialDate | None,
    book: LabelBook,
) -> list[Milestone]:
    """Every row of a lookup (all types, derived ones too) in no particular order."""
    ref = book.ref
    records = fetch_records(kg, actors, first, last, ref)
    events = [r for r in records if r.type != "membership"]
    if any(x.kind == "person" for x in actors):
        events = [r for r in events if _matches_leaders(r, actors, ref)]
    rows = milestones(group_records(events), book)
    for record in records:
        if record.type == "membership" and _keeps_membership(record, actors):
            assert record.organisation is not None
            org = ref.organisations.get(record.organisation.rsplit("/", 1)[-1])
            rows.extend(membership_milestones(record, book, org.founded if org else None))
    return rows


def filter_rows(
    rows: list[Milestone],
    types: tuple[str, ...] | None,
    include_derived: bool,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
) -> list[Milestone]:
    """Rows of the given types, without derived ones unless asked, within the period."""
    out = []
    for row in rows:
        if types is not None and row.type not in types:
            continue
        if row.derived and not include_derived:
            continue
        if start is not None and row.date.latest < start.earliest:
            continue
        if end is not None and row.date.earliest > end.latest:
            continue
        out.append(row)
    return out


def sort_rows(rows: list[Milestone]) -> list[Milestone]:
    """Rows in date order (then type, label and event IRIs: the same order on every backend)."""
    return sorted(rows, key=lambda m: (m.date.earliest, m.date.latest, m.type, m.label, m.events))
