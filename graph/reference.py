"""Reference data: states, leaders with dated posts, organisations with dated memberships.

Read from the YAML files in ``data/`` (formats in ``data/README.md``), checked, and turned
into the reference graph. State names in any CLDR locale come from babel.

>>> ref = ReferenceData.load()
>>> ref.states["IDN"].name("id")
'Indonesia'
>>> ref.states["CHN"].name("id")
'Tiongkok'
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

import yaml
from babel import Locale, UnknownLocaleError
from rdflib import Graph
from rdflib import Literal as RdfLiteral
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from diplograph.graph.date import PartialDate
from diplograph.graph.error import DataError
from diplograph.graph.namespace import DIP, ID, WD, org_iri, person_iri, slugify, state_iri
from diplograph.graph.rdf import date_literal, day_literal, new_graph

PostKind = Literal["head_of_state", "head_of_government", "foreign_minister"]
POSTS: dict[str, Any] = {
    "head_of_state": DIP.HeadOfState,
    "head_of_government": DIP.HeadOfGovernment,
    "foreign_minister": DIP.ForeignMinister,
}
ORG_KINDS = {"organisation": DIP.Organisation, "forum": DIP.Forum, "organ": DIP.Organ}
DEFAULT_LANGS = ("en", "id")


def _names(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise DataError(f"{where}: expected a mapping from language code to a list of names")
    out: dict[str, tuple[str, ...]] = {}
    for lang, names in value.items():
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise DataError(f"{where}.{lang}: expected a list of names")
        out[str(lang)] = tuple(n for n in names if n.strip())
    return out


def _date(value: Any, where: str) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value if isinstance(value, dt.date | int) else str(value))
    except ValueError as error:
        raise DataError(f"{where}: {error}") from error


@dataclass(frozen=True)
class StateRecord:
    """A state: ISO codes, UN status, capital, other cities, aliases and demonyms.

    ``cities`` are other cities where summits and visits take place ("in Tianjin"): named as
    the place of an event they give its host state, but they never stand for the state.
    """

    alpha3: str
    alpha2: str
    status: str = "member"
    un_member_since: PartialDate | None = None
    capital: str | None = None
    capital_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    cities: tuple[str, ...] = ()
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    demonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    wikidata: str | None = None

    def name(self, lang: str = "en") -> str:
        """The CLDR name in ``lang`` (English when the locale is unknown).

        >>> ReferenceData.load().states["RUS"].name("fr")
        'Russie'
        """
        return cldr_territory_name(self.alpha2, lang) or cldr_territory_name(self.alpha2, "en") or self.alpha3


@dataclass(frozen=True)
class Tenure:
    """One person in one post of one state over an interval."""

    person: str
    post: PostKind
    state: str
    title: str | None
    start: PartialDate | None
    end: PartialDate | None

    def holds_on(self, day: dt.date) -> bool:
        """Whether the post was held on ``day`` (inclusive at both ends, at their precision)."""
        if self.start is not None and day < self.start.earliest:
            return False
        return not (self.end is not None and day > self.end.latest)


@dataclass(frozen=True)
class PersonRecord:
    """A leader: names and dated posts."""

    id: str
    name: str
    surname: str | None = None
    wikidata: str | None = None
    names: Mapping[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    posts: tuple[Tenure, ...] = ()

    def posts_on(self, day: dt.date) -> list[Tenure]:
        """The posts held on ``day``."""
        return [p for p in self.posts if p.holds_on(day)]


@dataclass(frozen=True)
class MembershipRecord:
    """A member of an organisation over an interval."""

    organisation: str
    member: str
    start: PartialDate | None
    end: PartialDate | None

    def holds_on(self, day: dt.date) -> bool:
        """Whether the membership was in force on ``day``."""
        if self.start is not None and day < self.start.earliest:
            return False
        return not (self.end is not None and day > self.end.latest)


@dataclass(frozen=True)
class OrganisationRecord:
    """An international organisation, forum or organ."""

    id: str
    kind: str = "organisation"
    part_of: str | None = None
    wikidata: str | None = None
    founded: PartialDate | None = None
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    acronyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    members: tuple[MembershipRecord, ...] = ()

    def name(self, lang: str = "en") -> str:
        """The first full name in ``lang``, falling back to English, then the id."""
        for key in (lang, "en"):
            if self.names.get(key):
                return self.names[key][0]
        return self.id


@functools.lru_cache(maxsize=4096)
def cldr_territory_name(alpha2: str, lang: str) -> str | None:
    """A territory name from CLDR, or None for an unknown locale or code.

    >>> cldr_territory_name("RU", "id")
    'Rusia'
    """
    try:
        name = Locale.parse(lang).territories.get(alpha2)
    except (UnknownLocaleError, ValueError):
        return None
    return str(name) if name else None


def _cities(value: Any, where: str) -> tuple[str, ...]:
    """A list of city names (strings)."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(f"{where} must be a list of names")
    return tuple(v.strip() for v in value)


def _read_yaml(name: str) -> Any:
    try:
        text = resources.files("diplograph.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DataError(f"reference file data/{name} is missing") from error
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DataError(f"data/{name}: not valid YAML: {error}") from error


def _list(document: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(document, list) or not all(isinstance(e, dict) for e in document):
        raise DataError(f"data/{name}: expected a list of entries")
    return document


@dataclass
class ReferenceData:
    """All reference records, indexed by id."""

    states: dict[str, StateRecord]
    people: dict[str, PersonRecord]
    organisations: dict[str, OrganisationRecord]

    @classmethod
    @functools.cache
    def load(cls) -> ReferenceData:
        """Load and check the bundled reference data (cached)."""
        return cls.from_documents(
            _list(_read_yaml("states.yaml"), "states.yaml"),
            _list(_read_yaml("leaders.yaml"), "leaders.yaml"),
            _list(_read_yaml("organisations.yaml"), "organisations.yaml"),
        )

    @classmethod
    def from_documents(
        cls,
        states: Iterable[Mapping[str, Any]],
        leaders: Iterable[Mapping[str, Any]],
        organisations: Iterable[Mapping[str, Any]],
    ) -> ReferenceData:
        """Build from parsed YAML entries; raises DataError naming file, entry and field."""
        state_map: dict[str, StateRecord] = {}
        for index, entry in enumerate(states):
            where = f"data/states.yaml entry {index + 1} ({entry.get('alpha3', '?')})"
            alpha3 = str(entry.get("alpha3", "")).upper()
            alpha2 = str(entry.get("alpha2", "")).upper()
            if len(alpha3) != 3 or not alpha3.isalpha():
                raise DataError(f"{where}: field alpha3 must be three letters")
            if len(alpha2) != 2 or not alpha2.isalpha():
                raise DataError(f"{where}: field alpha2 must be two letters")
            if alpha3 in state_map:
                raise DataError(f"{where}: alpha3 {alpha3} appears twice")
            state_map[alpha3] = StateRecord(
                alpha3=alpha3,
                alpha2=alpha2,
                status=str(entry.get("status", "member")),
                un_member_since=_date(entry.get("un_member_since"), f"{where}: field un_member_since"),
                capital=entry.get("capital"),
                capital_aliases=_names(entry.get("capital_aliases"), f"{where}: field capital_aliases"),
                cities=_cities(entry.get("cities"), f"{where}: field cities"),
                aliases=_names(entry.get("aliases"), f"{where}: field aliases"),
                demonyms=_names(entry.get("demonyms"), f"{where}: field demonyms"),
                wikidata=entry.get("wikidata"),
            )
        org_map: dict[str, OrganisationRecord] = {}
        org_entries = list(organisations)
        org_ids = {str(e.get("id")) for e in org_entries}
        for index, entry in enumerate(org_entries):
            org_id = str(entry.get("id", ""))
            where = f"data/organisations.yaml entry {index + 1} ({org_id or '?'})"
            if not org_id:
                raise DataError(f"{where}: field id is missing")
            if org_id in org_map:
                raise DataError(f"{where}: id {org_id} appears twice")
            kind = str(entry.get("kind", "organisation"))
            if kind not in ORG_KINDS:
                raise DataError(f"{where}: field kind must be one of {', '.join(ORG_KINDS)}")
            members = []
            for m_index, member in enumerate(entry.get("members") or []):
                m_where = f"{where}: members[{m_index}]"
                code = str(member.get("member", ""))
                if code.upper() in state_map:
                    code = code.upper()
                elif code not in org_ids:
                    raise DataError(
                        f"{m_where}: field member {code!r} is neither a state nor an organisation"
                    )
                members.append(
                    MembershipRecord(
                        org_id,
                        code,
                        _date(member.get("from"), f"{m_where}: field from"),
                        _date(member.get("until"), f"{m_where}: field until"),
                    )
                )
            org_map[org_id] = OrganisationRecord(
                id=org_id,
                kind=kind,
                part_of=entry.get("part_of"),
                wikidata=entry.get("wikidata"),
                founded=_date(entry.get("founded"), f"{where}: field founded"),
                names=_names(entry.get("names"), f"{where}: field names"),
                acronyms=_names(entry.get("acronyms"), f"{where}: field acronyms"),
                members=tuple(members),
            )
        people: dict[str, PersonRecord] = {}
        for index, entry in enumerate(leaders):
            person_id = str(entry.get("id", ""))
            where = f"data/leaders.yaml entry {index + 1} ({person_id or '?'})"
            if not person_id or slugify(person_id) != person_id:
                raise DataError(f"{where}: field id must be a lowercase slug")
            if person_id in people:
                raise DataError(f"{where}: id {person_id} appears twice")
            if not entry.get("name"):
                raise DataError(f"{where}: field name is missing")
            posts = []
            for p_index, post in enumerate(entry.get("posts") or []):
                p_where = f"{where}: posts[{p_index}]"
                kind = post.get("post")
                if kind not in POSTS:
                    raise DataError(f"{p_where}: field post must be one of {', '.join(POSTS)}")
                state = str(post.get("state", "")).upper()
                if state not in state_map:
                    raise DataError(f"{p_where}: field state {state!r} is not a known state")
                start = _date(post.get("from"), f"{p_where}: field from")
                end = _date(post.get("until"), f"{p_where}: field until")
                if start and end and end.latest < start.earliest:
                    raise DataError(f"{p_where}: until {end} is before from {start}")
                posts.append(Tenure(person_id, kind, state, post.get("title"), start, end))
            names = entry.get("names") or {}
            people[person_id] = PersonRecord(
                id=person_id,
                name=str(entry["name"]),
                surname=entry.get("surname"),
                wikidata=entry.get("wikidata"),
                names={str(k): str(v) for k, v in names.items()},
                aliases=tuple(str(a) for a in entry.get("aliases") or ()),
                posts=tuple(posts),
            )
        return cls(state_map, people, org_map)

    def tenures(self) -> Iterator[Tenure]:
        """Every tenure of every person."""
        for person in self.people.values():
            yield from person.posts

    def holders(self, state: str, post: str, day: dt.date) -> list[PersonRecord]:
        """Who held ``post`` of ``state`` on ``day``.

        >>> [p.name for p in ReferenceData.load().holders("IDN", "head_of_state", dt.date(2019, 5, 1))]
        ['Joko Widodo']
        """
        return [
            self.people[t.person]
            for t in self.tenures()
            if t.state == state and t.post == post and t.holds_on(day)
        ]

    def members_on(self, organisation: str, day: dt.date) -> set[str]:
        """Members of an organisation on ``day``."""
        org = self.organisations[organisation]
        return {m.member for m in org.members if m.holds_on(day)}


def reference_graph(ref: ReferenceData | None = None, langs: Iterable[str] = DEFAULT_LANGS) -> Graph:
    """The reference data as RDF: states, people and tenures, organisations and memberships.

    Args:
        ref: the records (the bundled data by default).
        langs: languages to give CLDR state names in (English and Indonesian by default; any
            CLDR locale works).

    >>> g = reference_graph(langs=["en", "id"])
    >>> (state_iri("IDN"), DIP.alpha2, RdfLiteral("ID")) in g
    True
    """
    ref = ref or ReferenceData.load()
    langs = list(dict.fromkeys(langs))
    graph = new_graph()
    graph.bind("skos", SKOS)
    for state in ref.states.values():
        node = state_iri(state.alpha3)
        graph.add((node, RDF.type, DIP.State))
        graph.add((node, RDF.type, DIP.Actor))
        graph.add((node, DIP.alpha3, RdfLiteral(state.alpha3)))
        graph.add((node, DIP.alpha2, RdfLiteral(state.alpha2)))
        graph.add((node, DIP.unStatus, RdfLiteral(state.status)))
        for lang in langs:
            name = cldr_territory_name(state.alpha2, lang)
            if name:
                graph.add((node, RDFS.label, RdfLiteral(name, lang=lang)))
        if state.capital:
            graph.add((node, DIP.capital, RdfLiteral(state.capital, lang="en")))
        for lang, aliases in state.aliases.items():
            for alias in aliases:
                graph.add((node, SKOS.altLabel, RdfLiteral(alias, lang=lang)))
        for lang, demonyms in state.demonyms.items():
            for demonym in demonyms:
                graph.add((node, DIP.demonym, RdfLiteral(demonym, lang=lang)))
        if state.wikidata:
            graph.add((node, OWL.sameAs, WD[state.wikidata]))
    for post in POSTS.values():
        graph.add((post, RDF.type, DIP.Post))
    for person in ref.people.values():
        node = person_iri(person.id)
        graph.add((node, RDF.type, DIP.Person))
        graph.add((node, RDF.type, DIP.Actor))
        graph.add((node, RDFS.label, RdfLiteral(person.name, lang="en")))
        if person.surname:
            graph.add((node, DIP.surname, RdfLiteral(person.surname)))
        for lang, name in person.names.items():
            graph.add((node, RDFS.label, RdfLiteral(name, lang=lang)))
        for alias in person.aliases:
            graph.add((node, SKOS.altLabel, RdfLiteral(alias)))
        if person.wikidata:
            graph.add((node, OWL.sameAs, WD[person.wikidata]))
        for tenure in person.posts:
            start = str(tenure.start) if tenure.start else "open"
            tnode = ID[f"tenure/{person.id}/{tenure.post}/{tenure.state}/{start}"]
            graph.add((tnode, RDF.type, DIP.Tenure))
            graph.add((tnode, DIP.holder, node))
            graph.add((tnode, DIP.post, POSTS[tenure.post]))
            graph.add((tnode, DIP.ofState, state_iri(tenure.state)))
            if tenure.title:
                graph.add((tnode, DIP.title, RdfLiteral(tenure.title, lang="en")))
            _add_interval(graph, tnode, tenure.start, tenure.end)
    for org in ref.organisations.values():
        node = org_iri(org.id)
        graph.add((node, RDF.type, ORG_KINDS[org.kind]))
        graph.add((node, RDF.type, DIP.Organisation))
        graph.add((node, RDF.type, DIP.Actor))
        graph.add((node, DIP.orgKind, RdfLiteral(org.kind)))
        graph.add((node, DIP.acronym, RdfLiteral(org.id)))
        graph.add((node, RDFS.label, RdfLiteral(org.name("en"), lang="en")))
        for lang, names in org.names.items():
            for name in names:
                graph.add(
                    (node, RDFS.label if name == names[0] else SKOS.altLabel, RdfLiteral(name, lang=lang))
                )
        for lang, acronyms in org.acronyms.items():
            for acronym in acronyms:
                graph.add((node, DIP.acronym, RdfLiteral(acronym, lang=lang)))
        if org.part_of:
            graph.add((node, DIP.partOf, org_iri(org.part_of)))
        if org.founded:
            graph.add((node, DIP.founded, date_literal(org.founded)))
        if org.wikidata:
            graph.add((node, OWL.sameAs, WD[org.wikidata]))
        for membership in org.members:
            mnode = ID[f"membership/{org.id}/{membership.member}/{membership.start or 'open'}"]
            member = (
                state_iri(membership.member)
                if membership.member in ref.states
                else org_iri(membership.member)
            )
            graph.add((mnode, RDF.type, DIP.Membership))
            graph.add((mnode, DIP.member, member))
            graph.add((mnode, DIP.organisation, node))
            _add_interval(graph, mnode, membership.start, membership.end)
    return graph


def _add_interval(graph: Graph, node: Any, start: PartialDate | None, end: PartialDate | None) -> None:
    if start is not None:
        graph.add((node, DIP.startDate, date_literal(start)))
        graph.add((node, DIP.startDay, day_literal(start.earliest)))
    if end is not None:
        graph.add((node, DIP.endDate, date_literal(end)))
        graph.add((node, DIP.endDay, day_literal(end.latest)))
