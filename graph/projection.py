"""The knowledge graph as networkx graphs, at the level a question needs.

A :class:`Projection` is read from the store with a few bundled queries
(``graph/queries/projection_*.rq``, time window bound as variables) and then drawn as:

- ``states``: states only; an edge joins two states that took part in the same events, its
  ``weight`` the number of those events, with counts per event type (``n_meeting``, ...);
- ``leaders``: persons only, joined the same way;
- ``actors``: states, persons and organisations, joined the same way;
- ``events``: bipartite, actor nodes and event nodes, an edge per participation; event nodes
  carry the evidence sentences and source links;
- ``memberships``: states and organisations, an edge per dated membership (from the reference
  graph; see :func:`memberships_graph`).

Node keys are the IRI tails under ``https://w3id.org/diplograph/id/``: ``state/CHN``,
``person/xi-jinping``, ``org/SCO``, ``event/...``. Every attribute is a string, an int or a
float, so any projection can be written as GraphML or GEXF (:func:`network_bytes`).

>>> from diplograph.graph.store import KnowledgeGraph
>>> from diplograph.graph.builder import build_demo
>>> kg = KnowledgeGraph(":memory:"); _ = build_demo(kg)
>>> states = read_projection(kg, start=2001, end=2001).states_graph()
>>> states.edges["state/CHN", "state/RUS"]["weight"] >= 1
True
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
from rdflib import XSD, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Identifier

from diplograph.graph.date import PartialDate
from diplograph.graph.model import EVENT_TYPE_OF_CLASS, EVENT_TYPES
from diplograph.graph.namespace import ID_BASE
from diplograph.graph.store import KnowledgeGraph

Level = Literal["states", "leaders", "actors", "events", "memberships"]
LEVELS: tuple[Level, ...] = ("states", "leaders", "actors", "events", "memberships")
NETWORK_FORMATS = ("graphml", "gexf")
DateLike = int | str | dt.date | PartialDate
KIND_OF_PATH = {"state": "state", "person": "person", "org": "organisation", "event": "event"}
MAX_EVIDENCE = 3
_URL = re.compile(r"https?://[^\s<>\"';,]+")


def node_key(iri: str) -> str:
    """The node key of an IRI: its tail under the instance base.

    >>> node_key("https://w3id.org/diplograph/id/state/CHN")
    'state/CHN'
    """
    return iri[len(ID_BASE) :] if iri.startswith(ID_BASE) else iri


def kind_of(key: str) -> str:
    """``state``, ``person``, ``organisation``, ``event`` (or ``other``) from a node key.

    >>> kind_of("org/SCO")
    'organisation'
    """
    return KIND_OF_PATH.get(key.split("/", 1)[0], "other")


def window(start: DateLike | None = None, end: DateLike | None = None) -> dict[str, Identifier]:
    """Query bindings for a time window: ``from`` (first day of ``start``), ``to`` (last of ``end``).

    >>> {k: str(v) for k, v in window(2020, "2021-06").items()}
    {'from': '2020-01-01', 'to': '2021-06-30'}
    """
    bindings: dict[str, Identifier] = {}
    if start is not None:
        bindings["from"] = RdfLiteral(as_date(start).earliest.isoformat(), datatype=XSD.date)
    if end is not None:
        bindings["to"] = RdfLiteral(as_date(end).latest.isoformat(), datatype=XSD.date)
    return bindings


def as_date(value: DateLike) -> PartialDate:
    """A year, ``YYYY-MM(-DD)`` text, a ``date`` or a :class:`PartialDate` as a PartialDate.

    >>> as_date("2020")
    PartialDate(year=2020, month=None, day=None)
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return PartialDate(int(value))
    return PartialDate.parse(value)


def check_types(types: Iterable[str] | None) -> frozenset[str] | None:
    """Validate event type names (``meeting``, ``phone_call``, ...); None means all types.

    >>> sorted(check_types(["phone_call", "meeting"]) or [])
    ['meeting', 'phone_call']
    """
    if types is None:
        return None
    chosen = frozenset(t.strip() for t in types if t.strip())
    unknown = chosen - set(EVENT_TYPES)
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ValueError(f"unknown event type(s) {names}; one of {', '.join(EVENT_TYPES)}")
    return chosen or None


@dataclass(frozen=True)
class Evidence:
    """One source stating an event: its sentence, where it came from, links found in it."""

    sentence: str
    source: str
    published: str = ""
    citation: str = ""

    @property
    def urls(self) -> tuple[str, ...]:
        """The http(s) links of this evidence: the source if it is one, then any in the citation."""
        own = _URL.fullmatch(self.source) and not self.source.startswith(ID_BASE)
        found = [self.source] if own else []
        found += _URL.findall(self.citation)
        return tuple(dict.fromkeys(u.rstrip(".)") for u in found))


@dataclass(frozen=True)
class ActorInfo:
    """A state, person or organisation: its key, kind, English label and code."""

    key: str
    kind: str
    label: str
    code: str
    state: str = ""


@dataclass
class EventInfo:
    """An event with what a tooltip needs."""

    key: str
    type: str
    date: str
    day: dt.date
    label: str = ""
    status: str = ""
    place: str = ""
    actors: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sources: int = 0

    @property
    def year(self) -> int:
        """The year of the earliest day."""
        return self.day.year

    @property
    def title(self) -> str:
        """The label, or a title made of type and date."""
        return self.label or f"{self.type.replace('_', ' ')} {self.date}"


@dataclass
class Projection:
    """Events and actors read from a store, ready to be drawn at any level."""

    events: dict[str, EventInfo]
    actors: dict[str, ActorInfo]

    def states_graph(self) -> nx.Graph:
        """States joined by shared events (weight, per-type counts ``n_<type>``, first, last)."""
        return self._co_graph({"state"})

    def leaders_graph(self) -> nx.Graph:
        """Persons joined by shared events."""
        return self._co_graph({"person"})

    def actors_graph(self) -> nx.Graph:
        """States, persons and organisations joined by shared events."""
        return self._co_graph({"state", "person", "organisation"})

    def events_graph(self) -> nx.Graph:
        """Bipartite: actors (``bipartite=0``) and events (``bipartite=1``), an edge per participation."""
        graph = nx.Graph(level="events")
        for event in self.events.values():
            graph.add_node(event.key, **_event_attributes(event))
            for actor in event.actors:
                if actor not in graph:
                    graph.add_node(actor, **self._actor_attributes(actor), bipartite=0, events=0, sources=0)
                graph.nodes[actor]["events"] += 1
                graph.nodes[actor]["sources"] += event.sources
                graph.add_edge(actor, event.key, weight=1, type=event.type, date=event.date)
        return graph

    def graph(self, level: Level) -> nx.Graph:
        """The projection at ``level`` (all but ``memberships``, which needs the store)."""
        builders = {
            "states": self.states_graph,
            "leaders": self.leaders_graph,
            "actors": self.actors_graph,
            "events": self.events_graph,
        }
        if level not in builders:
            raise ValueError(f"level is one of {', '.join(builders)}, not {level!r}")
        return builders[level]()

    def pair_events(self, kinds: set[str]) -> dict[tuple[str, str], list[EventInfo]]:
        """Events shared by each pair of actors of the given kinds (pairs sorted)."""
        pairs: dict[tuple[str, str], list[EventInfo]] = defaultdict(list)
        for event in self.events.values():
            members = sorted({a for a in event.actors if kind_of(a) in kinds})
            for a, b in itertools.combinations(members, 2):
                pairs[a, b].append(event)
        return pairs

    def _actor_attributes(self, key: str) -> dict[str, Any]:
        tail = key.rsplit("/", 1)[-1]
        info = self.actors.get(key) or ActorInfo(key, kind_of(key), tail, tail)
        return {"kind": info.kind, "label": info.label, "code": info.code, "state": info.state}

    def _co_graph(self, kinds: set[str]) -> nx.Graph:
        graph = nx.Graph(level="+".join(sorted(kinds)))
        for event in self.events.values():
            for actor in event.actors:
                if kind_of(actor) not in kinds:
                    continue
                if actor not in graph:
                    attributes = self._actor_attributes(actor)
                    graph.add_node(actor, **attributes, events=0, sources=0, first="", last="")
                node = graph.nodes[actor]
                node["events"] += 1
                node["sources"] += event.sources
                node["first"] = min(node["first"] or event.date, event.date)
                node["last"] = max(node["last"], event.date)
        for (a, b), events in self.pair_events(kinds).items():
            counts = Counter(e.type for e in events)
            graph.add_edge(
                a,
                b,
                weight=len(events),
                sources=sum(e.sources for e in events),
                first=min(e.date for e in events),
                last=max(e.date for e in events),
                types=", ".join(f"{t} {n}" for t, n in counts.most_common()),
                **{f"n_{t}": counts.get(t, 0) for t in EVENT_TYPES},
            )
        return graph


def _event_attributes(event: EventInfo) -> dict[str, Any]:
    return {
        "kind": "event",
        "bipartite": 1,
        "type": event.type,
        "label": event.title,
        "date": event.date,
        "year": event.year,
        "status": event.status,
        "place": event.place,
        "sources": event.sources,
        "evidence": "\n".join(e.sentence for e in event.evidence),
        "urls": " ".join(dict.fromkeys(u for e in event.evidence for u in e.urls)),
    }


def _text(value: Identifier | None) -> str:
    return "" if value is None else str(value)


def read_actors(kg: KnowledgeGraph) -> dict[str, ActorInfo]:
    """Every actor of the reference graph with its English label (and state, for a person)."""
    actors: dict[str, ActorInfo] = {}
    for row in kg.query_named("projection_actors").dicts():
        key = node_key(str(row["actor"]))
        if key in actors:
            continue
        tail = key.rsplit("/", 1)[-1]
        state = node_key(str(row["ofState"])).rsplit("/", 1)[-1] if "ofState" in row else ""
        actors[key] = ActorInfo(key, kind_of(key), _text(row.get("label")) or tail, tail, state)
    return actors


def read_projection(
    kg: KnowledgeGraph,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    types: Iterable[str] | None = None,
    evidence: bool = True,
) -> Projection:
    """Read events (in a time window, of some types) with their participants and evidence.

    Args:
        kg: the knowledge graph.
        start, end: keep events whose earliest day lies from the start of ``start`` to the end
            of ``end`` (years, ``YYYY-MM(-DD)`` or dates); None leaves that side open.
        types: event types to keep (``meeting``, ``phone_call``, ...); None keeps all.
        evidence: also read the mentions (sentences and sources) for tooltips.

    >>> from diplograph.graph.store import KnowledgeGraph
    >>> read_projection(KnowledgeGraph(":memory:")).events
    {}
    """
    chosen = check_types(types)
    bindings = window(start, end)
    events: dict[str, EventInfo] = {}
    for row in kg.query_named("projection_events", bindings).dicts():
        kind = EVENT_TYPE_OF_CLASS.get(URIRef(str(row["class"])))
        if kind is None or (chosen is not None and kind not in chosen):
            continue
        key = node_key(str(row["event"]))
        event = events.get(key)
        if event is None:
            day = dt.date.fromisoformat(str(row["day"]))
            event = events[key] = EventInfo(
                key,
                kind,
                _text(row.get("date")),
                day,
                _text(row.get("label")),
                _text(row.get("status")),
                _text(row.get("place")),
            )
        for iri in str(row.get("actors", "")).split():
            actor = node_key(iri)
            if actor not in event.actors:
                event.actors.append(actor)
    if evidence and events:
        seen: set[str] = set()
        for row in kg.query_named("projection_evidence", bindings).dicts():
            found = events.get(node_key(str(row["event"])))
            mention = str(row["mention"])
            if found is None or mention in seen:
                continue
            seen.add(mention)
            found.sources += 1
            if len(found.evidence) < MAX_EVIDENCE:
                found.evidence.append(
                    Evidence(
                        _text(row.get("sentence")),
                        _text(row.get("source")),
                        _text(row.get("published")),
                        _text(row.get("citation")),
                    )
                )
    ordered = dict(sorted(events.items(), key=lambda item: (item[1].day, item[0])))
    return Projection(ordered, read_actors(kg) if events else {})


def memberships_graph(
    kg: KnowledgeGraph, *, start: DateLike | None = None, end: DateLike | None = None
) -> nx.Graph:
    """States and organisations, an edge from member to organisation per membership in the window.

    Edges carry ``since`` and ``until`` (ISO dates as precise as known, empty when open) and
    ``periods`` (how many memberships of that member in that organisation, ``;``-joined in
    ``dates`` when more than one).
    """
    graph = nx.Graph(level="memberships")
    for row in kg.query_named("projection_memberships", window(start, end)).dicts():
        member, org = node_key(str(row["member"])), node_key(str(row["organisation"]))
        for key, label in ((member, row.get("memberLabel")), (org, row.get("organisationLabel"))):
            if key not in graph:
                tail = key.rsplit("/", 1)[-1]
                graph.add_node(key, kind=kind_of(key), label=_text(label) or tail, code=tail, members=0)
        since, until = _text(row.get("start")), _text(row.get("end"))
        if graph.has_edge(member, org):
            edge = graph.edges[member, org]
            edge["periods"] += 1
            edge["since"] = min(edge["since"], since) if edge["since"] and since else ""
            edge["until"] = max(edge["until"], until) if edge["until"] and until else ""
            edge["dates"] += f"; {since}–{until}"
        else:
            dates = f"{since}–{until}"
            graph.add_edge(member, org, since=since, until=until, periods=1, dates=dates, weight=1)
            graph.nodes[org]["members"] += 1
    return graph


def project(
    kg: KnowledgeGraph,
    level: str = "states",
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    types: Iterable[str] | None = None,
) -> nx.Graph:
    """The projection of the store at ``level`` (one of :data:`LEVELS`).

    >>> from diplograph.graph.store import KnowledgeGraph
    >>> project(KnowledgeGraph(":memory:"), "states").number_of_nodes()
    0
    """
    if level == "memberships":
        return memberships_graph(kg, start=start, end=end)
    if level not in LEVELS:
        raise ValueError(f"level is one of {', '.join(LEVELS)}, not {level!r}")
    return read_projection(kg, start=start, end=end, types=types, evidence=level == "events").graph(level)


def scalar_graph(graph: nx.Graph) -> nx.Graph:
    """A copy whose graph, node and edge attributes are all str, int, float or bool (None -> "").

    >>> g = nx.Graph(); g.add_node("a", tags=["x", "y"], note=None)
    >>> scalar_graph(g).nodes["a"]
    {'tags': 'x y', 'note': ''}
    """

    def clean(attributes: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in attributes.items():
            if value is None:
                out[name] = ""
            elif isinstance(value, bool | int | float | str):
                out[name] = value
            elif isinstance(value, list | tuple | set | frozenset):
                out[name] = " ".join(str(v) for v in value)
            else:
                out[name] = str(value)
        return out

    copy = graph.__class__()
    copy.graph.update(clean(graph.graph))
    copy.add_nodes_from((n, clean(d)) for n, d in graph.nodes(data=True))
    copy.add_edges_from((a, b, clean(d)) for a, b, d in graph.edges(data=True))
    return copy


def network_bytes(graph: nx.Graph, fmt: str = "graphml") -> bytes:
    """The graph written as GraphML or GEXF (UTF-8), attributes made scalar first.

    >>> g = nx.Graph(); g.add_edge("state/CHN", "state/RUS", weight=3)
    >>> b"state/CHN" in network_bytes(g, "gexf")
    True
    """
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"network format is one of {', '.join(NETWORK_FORMATS)}, not {fmt!r}")
    buffer = io.BytesIO()
    clean = scalar_graph(graph)
    if fmt == "graphml":
        nx.write_graphml(clean, buffer, encoding="utf-8")
    else:
        nx.write_gexf(clean, buffer, encoding="utf-8")
    return buffer.getvalue()
