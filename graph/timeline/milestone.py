"""The rows a timeline lookup returns: milestones, their participants and their sources.

>>> from diplograph.graph.date import PartialDate
>>> row = Milestone(PartialDate(1996, 4), "partnership", "Strategic partnership", ())
>>> row.precision, row.mode, row.conflict
('month', None, False)
>>> row.to_dict()["date"]
'1996-04'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from diplograph.graph.date import PartialDate

ActorKind = Literal["state", "person", "organisation", "other"]
SourceKind = Literal["article", "curated", "reference"]
Mode = Literal["in_person", "virtual", "phone"]

#: Row types besides the event types: membership changes from the reference data.
MEMBERSHIP_TYPES = ("accession", "withdrawal")

_MODES: dict[str, Mode] = {
    "meeting": "in_person",
    "state_visit": "in_person",
    "treaty_signing": "in_person",
    "forum_summit": "in_person",
    "virtual_meeting": "virtual",
    "phone_call": "phone",
}


@dataclass(frozen=True)
class Participant:
    """An actor taking part in a milestone, named in the lookup's language.

    Attributes:
        kind: ``state``, ``person``, ``organisation`` (or ``other`` for an IRI we do not know).
        id: alpha-3 code, person id (``xi-jinping``) or organisation id (``SCO``).
        name: display name in the lookup's language.
        iri: the actor's IRI.
    """

    kind: ActorKind
    id: str
    name: str
    iri: str

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready mapping."""
        return {"kind": self.kind, "id": self.id, "name": self.name, "iri": self.iri}


@dataclass(frozen=True)
class Source:
    """One source stating a milestone: an article sentence, a curated record, or reference data.

    Attributes:
        kind: ``article``, ``curated`` or ``reference``.
        source: the article's URL (or file name), the curated source's id, or the reference graph.
        published: the article's publication date.
        evidence: the sentence the statement was read from (curated: the record's label).
        start, end: character offsets of the evidence in the article text.
        confidence: the extractor's confidence (0..1), when extracted.
        citation: the curated record's citation.
        title: the article's title, or the curated file's title.
        language: the article's language.
        date: the date this source gives the milestone.
        event: the IRI of the event node this source states.
        via: for a milestone known from an anniversary, the anniversary's IRI.
        mention: the mention's IRI.
    """

    kind: SourceKind
    source: str
    published: PartialDate | None = None
    evidence: str | None = None
    start: int | None = None
    end: int | None = None
    confidence: float | None = None
    citation: str | None = None
    title: str | None = None
    language: str | None = None
    date: PartialDate | None = None
    event: str | None = None
    via: str | None = None
    mention: str | None = None

    @property
    def url(self) -> str | None:
        """The source as a link, only when it is an http(s) URL.

        >>> Source("article", "javascript:alert(1)").url is None
        True
        """
        lowered = self.source.strip().lower()
        return self.source.strip() if lowered.startswith(("http://", "https://")) else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (dates as ISO strings)."""
        return {
            "kind": self.kind,
            "source": self.source,
            "url": self.url,
            "published": None if self.published is None else str(self.published),
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "confidence": self.confidence,
            "citation": self.citation,
            "title": self.title,
            "language": self.language,
            "date": None if self.date is None else str(self.date),
            "event": self.event,
            "via": self.via,
            "mention": self.mention,
        }


@dataclass(frozen=True)
class Commemorated:
    """What an anniversary commemorates."""

    type: str
    date: PartialDate | None
    label: str
    event: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "type": self.type,
            "date": None if self.date is None else str(self.date),
            "label": self.label,
            "event": self.event,
        }


@dataclass(frozen=True)
class Milestone:
    """One row of a timeline: a milestone with everything known about it and every source.

    Attributes:
        date: the most precise date the sources agree on.
        type: an event type (:data:`diplograph.graph.model.EVENT_TYPES`), or ``accession`` /
            ``withdrawal`` for a membership change.
        label: a title in the lookup's language (the event's own label, else generated).
        participants: states, people and organisations, named in the lookup's language.
        place: where, when known.
        forum: the organisation or forum (summits, membership changes).
        derived: True when the milestone is known only from an anniversary.
        status: ``occurred`` or ``planned``.
        sources: every source, curated first.
        conflicts: other dates sources give for what is evidently the same milestone.
        ordinal: the N of an N-th anniversary.
        commemorates: what an anniversary commemorates.
        events: the IRIs of the event nodes merged into this row.
        lang: the language of the labels and names.
    """

    date: PartialDate
    type: str
    label: str
    participants: tuple[Participant, ...]
    place: str | None = None
    forum: Participant | None = None
    derived: bool = False
    status: str = "occurred"
    sources: tuple[Source, ...] = ()
    conflicts: tuple[PartialDate, ...] = ()
    ordinal: int | None = None
    commemorates: Commemorated | None = None
    events: tuple[str, ...] = field(default=())
    lang: str = "en"

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return self.date.precision

    @property
    def conflict(self) -> bool:
        """Whether sources give incompatible dates."""
        return bool(self.conflicts)

    @property
    def mode(self) -> Mode | None:
        """``in_person``, ``virtual`` or ``phone`` for encounters; None otherwise."""
        return _MODES.get(self.type)

    @property
    def states(self) -> tuple[str, ...]:
        """Alpha-3 codes of the participating states."""
        return tuple(p.id for p in self.participants if p.kind == "state")

    @property
    def people(self) -> tuple[str, ...]:
        """Ids of the participating persons."""
        return tuple(p.id for p in self.participants if p.kind == "person")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping with every field (the JSON output format's row object)."""
        return {
            "date": str(self.date),
            "precision": self.precision,
            "type": self.type,
            "label": self.label,
            "mode": self.mode,
            "participants": [p.to_dict() for p in self.participants],
            "states": list(self.states),
            "place": self.place,
            "forum": None if self.forum is None else self.forum.to_dict(),
            "derived": self.derived,
            "status": self.status,
            "ordinal": self.ordinal,
            "commemorates": None if self.commemorates is None else self.commemorates.to_dict(),
            "conflict": self.conflict,
            "conflicts": [str(d) for d in self.conflicts],
            "sources": [s.to_dict() for s in self.sources],
            "events": list(self.events),
            "lang": self.lang,
        }


@dataclass(frozen=True)
class RoundAnniversary:
    """A milestone reaching a round anniversary in a year.

    Attributes:
        date: the anniversary's date (the milestone's month and day, when known, in that year).
        years: N (5, 10, 20, 25, ...).
        milestone: the milestone, with its sources.
        observances: anniversary events in the store that commemorate it with this N.
        label: a title in the lookup's language ("25 years: Treaty ...").
    """

    date: PartialDate
    years: int
    milestone: Milestone
    label: str
    observances: tuple[Milestone, ...] = ()

    @property
    def sources(self) -> tuple[Source, ...]:
        """The milestone's sources."""
        return self.milestone.sources

    def as_milestone(self) -> Milestone:
        """The anniversary as a calendar row (for the table, CSV, ICS, Markdown and HTML formats)."""
        m = self.milestone
        return Milestone(
            date=self.date,
            type="anniversary",
            label=self.label,
            participants=m.participants,
            place=m.place,
            forum=m.forum,
            derived=m.derived,
            status="occurred",
            sources=m.sources,
            conflicts=(),
            ordinal=self.years,
            commemorates=Commemorated(m.type, m.date, m.label, m.events[0] if m.events else ""),
            events=m.events,
            lang=m.lang,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "date": str(self.date),
            "years": self.years,
            "label": self.label,
            "milestone": self.milestone.to_dict(),
            "observances": [o.to_dict() for o in self.observances],
        }


@dataclass(frozen=True)
class PostHolder:
    """Who held a post of a state (an answer of :func:`whois`)."""

    person: Participant
    post: str
    state: Participant
    title: str | None
    start: PartialDate | None
    end: PartialDate | None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "person": self.person.to_dict(),
            "post": self.post,
            "state": self.state.to_dict(),
            "title": self.title,
            "start": None if self.start is None else str(self.start),
            "end": None if self.end is None else str(self.end),
        }


@dataclass(frozen=True)
class SharedForum:
    """An organisation two actors were both members of on a date (an answer of :func:`common_forums`)."""

    organisation: Participant
    kind: str | None
    since_a: PartialDate | None
    since_b: PartialDate | None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "organisation": self.organisation.to_dict(),
            "kind": self.kind,
            "since_a": None if self.since_a is None else str(self.since_a),
            "since_b": None if self.since_b is None else str(self.since_b),
        }
