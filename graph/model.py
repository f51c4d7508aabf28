"""The facts diplograph knows: articles, events, mentions of events in sources.

Events are identified by type, date and participants (DESIGN.md): the same event reported
by two articles gets the same IRI, so the store holds one node with two mentions.

>>> from diplograph.graph.model import Event
>>> from diplograph.graph.date import PartialDate
>>> event = Event("virtual_meeting", PartialDate(2026, 2, 4), states=("RUS", "CHN"))
>>> event.iri.rsplit("/", 3)[1:]
['virtual_meeting', '2026-02-04', 'CHN-RUS']
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

from rdflib import URIRef

from diplograph.graph.date import PartialDate
from diplograph.graph.namespace import DIP, ID_BASE, slugify

EventType = Literal[
    "meeting",
    "virtual_meeting",
    "phone_call",
    "state_visit",
    "treaty_signing",
    "forum_summit",
    "anniversary",
    "relations_established",
    "partnership",
]
Status = Literal["occurred", "planned"]

EVENT_TYPES: tuple[EventType, ...] = (
    "meeting",
    "virtual_meeting",
    "phone_call",
    "state_visit",
    "treaty_signing",
    "forum_summit",
    "anniversary",
    "relations_established",
    "partnership",
)

EVENT_CLASSES: dict[EventType, URIRef] = {
    "meeting": DIP.Meeting,
    "virtual_meeting": DIP.VirtualMeeting,
    "phone_call": DIP.PhoneCall,
    "state_visit": DIP.StateVisit,
    "treaty_signing": DIP.TreatySigning,
    "forum_summit": DIP.ForumSummit,
    "anniversary": DIP.Anniversary,
    "relations_established": DIP.RelationsEstablished,
    "partnership": DIP.Partnership,
}
EVENT_TYPE_OF_CLASS: dict[URIRef, EventType] = {v: k for k, v in EVENT_CLASSES.items()}

_MAX_READABLE_PARTICIPANTS = 4


@dataclass(frozen=True)
class Event:
    """One diplomatic event or milestone.

    Attributes:
        type: one of :data:`EVENT_TYPES`.
        date: when, as precise as known.
        states: ISO alpha-3 codes of the participating states.
        people: reference ids of participating persons (``xi-jinping``).
        organisations: ids of organisations involved (``SCO``); the forum of a forum summit.
        place: place name, or ``None``.
        status: ``occurred`` or ``planned``.
        label: short titles by language code.
        hosts: actors (state codes or person ids) hosting; guests: visiting actors.
        ordinal: the N of an N-th anniversary.
        commemorates: for an anniversary, the milestone it commemorates.
        derived: True for a milestone known only from an anniversary.
        refers_to_year: for an anniversary, the year of what it commemorates (taken from
            ``commemorates`` when that is given; needed alone when the commemorated event is
            not a diplomatic event, e.g. the end of the Second World War).
    """

    type: EventType
    date: PartialDate
    states: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    place: str | None = None
    status: Status = "occurred"
    label: tuple[tuple[str, str], ...] = ()
    hosts: tuple[str, ...] = ()
    guests: tuple[str, ...] = ()
    ordinal: int | None = None
    commemorates: Event | None = None
    derived: bool = False
    refers_to_year: int | None = None

    def __post_init__(self) -> None:
        if self.type not in EVENT_CLASSES:
            raise ValueError(f"unknown event type {self.type!r}; one of {', '.join(EVENT_TYPES)}")
        object.__setattr__(self, "states", tuple(sorted({s.upper() for s in self.states})))
        object.__setattr__(self, "people", tuple(dict.fromkeys(self.people)))
        object.__setattr__(self, "organisations", tuple(dict.fromkeys(self.organisations)))
        if self.commemorates is not None and self.refers_to_year is None:
            object.__setattr__(self, "refers_to_year", self.commemorates.date.year)

    @property
    def key(self) -> str:
        """The identity path: type, date and participants (forum for a forum summit)."""
        if self.type == "forum_summit" and self.organisations:
            who = list(self.organisations[:1])
        elif self.states:
            who = list(self.states)
        elif self.organisations:
            who = sorted(self.organisations)
        else:
            who = sorted(slugify(p) for p in self.people)
        joined = "-".join(who)
        if len(who) > _MAX_READABLE_PARTICIPANTS or len(joined) > 60:
            joined = "g" + hashlib.sha256(joined.encode()).hexdigest()[:16]
        if self.type == "anniversary":
            if self.commemorates is not None:
                target = hashlib.sha256(self.commemorates.key.encode()).hexdigest()[:8]
            else:
                target = f"y{self.refers_to_year}" if self.refers_to_year is not None else "unknown"
            joined = f"{joined}/{self.ordinal or 0}-{target}"
        return f"{self.type}/{self.date}/{joined}"

    @property
    def iri(self) -> URIRef:
        """The event's IRI under ``id/event/``."""
        return URIRef(f"{ID_BASE}event/{self.key}")

    def label_in(self, lang: str = "en") -> str | None:
        """The label in ``lang``, falling back to English."""
        labels = dict(self.label)
        return labels.get(lang) or labels.get("en")


@dataclass(frozen=True)
class Article:
    """A source article: its text and what we know about it."""

    text: str
    sha256: str
    source: str | None = None
    title: str | None = None
    published: PartialDate | None = None
    lang: str | None = None

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        source: str | None = None,
        title: str | None = None,
        published: PartialDate | None = None,
        lang: str | None = None,
    ) -> Article:
        """Build an article, computing its content hash.

        >>> Article.from_text("Hello").sha256[:8]
        '185f8db3'
        """
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return cls(text, digest, source, title, published, lang)


@dataclass(frozen=True)
class Mention:
    """One statement of an event in one source.

    Attributes:
        event: the event stated.
        sentence: the evidence text (sentence) it was read from, or the curated label.
        start, end: character offsets of the evidence in the article text.
        confidence: 0..1.
        citation: for curated facts, the citation given.
    """

    event: Event
    sentence: str
    start: int | None = None
    end: int | None = None
    confidence: float = 1.0
    citation: str | None = None


@dataclass
class FactSet:
    """The facts of one source: an article with its mentions, or one curated file."""

    mentions: list[Mention] = field(default_factory=list)
    article: Article | None = None
    curated_name: str | None = None
    curated_title: str | None = None

    @property
    def events(self) -> list[Event]:
        """The distinct events mentioned, in order of first mention."""
        seen: dict[str, Event] = {}
        for mention in self.mentions:
            seen.setdefault(mention.event.key, mention.event)
            if mention.event.commemorates is not None:
                seen.setdefault(mention.event.commemorates.key, mention.event.commemorates)
        return list(seen.values())
