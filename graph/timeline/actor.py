"""Who a lookup is about: names resolved to actors, and leaders attributed to events by date.

Names go through :class:`~diplograph.graph.gazetteer.Gazetteer` only (codes, CLDR names in any
indexed language, aliases, leaders' names, organisations' names and acronyms); they never reach
a query string. An ambiguous name raises :class:`AmbiguousActorError` listing the candidates;
an unknown one gives ``None`` (callers return an empty result with an
:class:`UnknownActorWarning`).

**Leaders.** A lookup by a leader's name matches an event when the person takes part in it
explicitly, or when, on the event's date, the person was head of state or head of government
of a participating state *and the event names no one else for that state* (so a state-only
"China and Russia signed..." during Xi Jinping's presidency counts as his, while a meeting of
the foreign ministers, or of a president while the leader was prime minister, does not).
When both the head of state and the head of government held office and the event names no
one, it counts for both.

>>> resolve_actor("Tiongkok").id, resolve_actor("Xi Jinping").kind
('CHN', 'person')
>>> resolve_actor("no such place") is None
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import URIRef

from diplograph.graph.date import PartialDate
from diplograph.graph.error import DiplographError
from diplograph.graph.gazetteer import _VIA_RANK, Entity, Gazetteer
from diplograph.graph.namespace import ID_BASE, org_iri, person_iri, state_iri
from diplograph.graph.reference import ReferenceData

#: An IRI that names nothing: the value of an unused query parameter.
NOTHING = URIRef(ID_BASE + "nothing")
LEADER_POSTS = ("head_of_state", "head_of_government")


class AmbiguousActorError(DiplographError, ValueError):
    """A name denotes several actors; the message lists them and how to name each one."""

    def __init__(self, name: str, candidates: list[Actor]) -> None:
        self.name = name
        self.candidates = candidates
        listed = "; ".join(f"{c.display} ({c.kind} {c.id})" for c in candidates)
        super().__init__(
            f"the name {name!r} is ambiguous: it can mean {listed}. Give the full name or the code instead."
        )


class UnknownActorWarning(UserWarning):
    """A name the gazetteer does not know: the lookup returns no rows."""


@dataclass(frozen=True)
class Actor:
    """A resolved actor: a state, a person (leader) or an organisation."""

    kind: str
    id: str
    display: str

    @property
    def iri(self) -> URIRef:
        """The actor's IRI."""
        if self.kind == "state":
            return state_iri(self.id)
        if self.kind == "person":
            return person_iri(self.id)
        return org_iri(self.id)

    def leader_state(self, ref: ReferenceData) -> URIRef:
        """For a person, the state he led as head of state or government (else ``NOTHING``)."""
        if self.kind != "person" or self.id not in ref.people:
            return NOTHING
        for tenure in ref.people[self.id].posts:
            if tenure.post in LEADER_POSTS:
                return state_iri(tenure.state)
        return NOTHING


def _actor(entity: Entity, ref: ReferenceData) -> Actor:
    if entity.kind == "state":
        state = ref.states.get(entity.id)
        return Actor("state", entity.id, state.name("en") if state else entity.id)
    if entity.kind == "person":
        person = ref.people.get(entity.id)
        return Actor("person", entity.id, person.name if person else entity.id)
    org = ref.organisations.get(entity.id)
    return Actor("organisation", entity.id, org.name("en") if org else entity.id)


def resolve_actor(name: str, gazetteer: Gazetteer | None = None) -> Actor | None:
    """The actor ``name`` denotes, or None when unknown.

    Args:
        name: an alpha-3 code, a state name in any indexed language, a leader's name or
            surname, an organisation's name or acronym.
        gazetteer: the name index (the bundled one by default).

    Raises:
        AmbiguousActorError: when the best readings of the name are several actors.

    >>> resolve_actor("Rusia").id
    'RUS'
    """
    gaz = gazetteer or Gazetteer.default()
    entities = gaz.lookup(name)
    if not entities:
        return None
    best = _VIA_RANK[entities[0].via]
    top = [e for e in entities if _VIA_RANK[e.via] == best]
    distinct = list({(e.kind, e.id): e for e in top}.values())
    if len(distinct) > 1:
        raise AmbiguousActorError(name, [_actor(e, gaz.ref) for e in distinct])
    return _actor(distinct[0], gaz.ref)


def _overlaps(start: PartialDate | None, end: PartialDate | None, first: dt.date, last: dt.date) -> bool:
    if start is not None and start.earliest > last:
        return False
    return not (end is not None and end.latest < first)


def represents(
    ref: ReferenceData, person: str, state: str, date: PartialDate, posts: tuple[str, ...]
) -> bool:
    """Whether ``person`` held one of ``posts`` of ``state`` at some time within ``date``.

    >>> represents(ReferenceData.load(), "joko-widodo", "IDN", PartialDate(2019), ("head_of_state",))
    True
    """
    record = ref.people.get(person)
    if record is None:
        return False
    first, last = date.earliest, date.latest
    return any(
        t.state == state and t.post in posts and _overlaps(t.start, t.end, first, last) for t in record.posts
    )


def takes_part(
    ref: ReferenceData, person: str, date: PartialDate, states: tuple[str, ...], people: tuple[str, ...]
) -> bool:
    """Whether a leader takes part in an event (the rule in the module docstring).

    >>> ref = ReferenceData.load()
    >>> takes_part(ref, "xi-jinping", PartialDate(2019, 6, 5), ("CHN", "RUS"), ())
    True
    >>> takes_part(ref, "vladimir-putin", PartialDate(2009, 6, 16), ("CHN", "RUS"), ("dmitry-medvedev",))
    False
    """
    if person in people:
        return True
    all_posts = ("head_of_state", "head_of_government", "foreign_minister")
    for state in states:
        if not represents(ref, person, state, date, LEADER_POSTS):
            continue
        if not any(represents(ref, other, state, date, all_posts) for other in people if other != person):
            return True
    return False
