"""Network analytics of states: centralities, communities, the most active pairs, pair intensity.

Everything is computed on the weighted states projection (:mod:`diplograph.graph.projection`):
two states are joined when they took part in the same events, the edge weight is how many.

>>> import networkx as nx
>>> star = nx.Graph([("state/CHN", s) for s in ("state/RUS", "state/IDN", "state/USA", "state/IND")])
>>> rows = {r.key: r for r in centrality(star)}
>>> rows["state/CHN"].degree, rows["state/CHN"].betweenness
(4, 1.0)
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from diplograph.graph.model import EVENT_CLASSES, EVENT_TYPES
from diplograph.graph.namespace import state_iri
from diplograph.graph.projection import (
    DateLike,
    Projection,
    check_types,
    kind_of,
    read_projection,
    window,
)
from diplograph.graph.store import KnowledgeGraph

DEFAULT_SEED = 42
_TYPE_OF_LOCAL_NAME = {str(cls).rsplit("#", 1)[1]: name for name, cls in EVENT_CLASSES.items()}


@dataclass(frozen=True)
class StateCentrality:
    """The centralities of one node of the states projection."""

    key: str
    code: str
    label: str
    events: int
    degree: int
    weighted_degree: float
    betweenness: float
    eigenvector: float
    community: int


@dataclass(frozen=True)
class PairActivity:
    """How many events two states shared in one year."""

    year: int
    a: str
    b: str
    events: int


@dataclass
class PairIntensity:
    """The events of one pair of states, per year and type."""

    a: str
    b: str
    counts: dict[int, dict[str, int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """All events of the pair."""
        return sum(sum(by_type.values()) for by_type in self.counts.values())

    def per_year(self) -> dict[int, int]:
        """Events per year, all types together."""
        return {year: sum(by_type.values()) for year, by_type in sorted(self.counts.items())}

    def rows(self) -> list[dict[str, Any]]:
        """One row per year: ``year``, ``total`` and a count per event type."""
        return [
            {"year": year, "total": sum(by_type.values()), **{t: by_type.get(t, 0) for t in EVENT_TYPES}}
            for year, by_type in sorted(self.counts.items())
        ]


@dataclass
class NetworkStats:
    """The states network of a store (or of a time window and some event types)."""

    start: str
    end: str
    types: list[str]
    events: int
    states: int
    edges: int
    centrality: list[StateCentrality]
    communities: list[list[str]]
    pairs_by_year: list[PairActivity]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dictionary."""
        return asdict(self)


def eigenvector(graph: nx.Graph, weight: str | None = "weight") -> dict[Any, float]:
    """Eigenvector centrality that also works on disconnected graphs.

    Computed per connected component (power iteration with ``max_iter=1000``, falling back to
    the numpy eigensolver if it does not converge), each component's values scaled by the
    share of nodes it holds; isolated nodes get 0.

    >>> g = nx.Graph([("a", "b"), ("c", "d"), ("d", "e")])
    >>> values = eigenvector(g)
    >>> values["d"] > values["a"] > 0
    True
    """
    values: dict[Any, float] = dict.fromkeys(graph, 0.0)
    total = graph.number_of_nodes()
    for component in nx.connected_components(graph):
        if len(component) < 2:
            continue
        sub = graph.subgraph(component)
        try:
            found = nx.eigenvector_centrality(sub, max_iter=1000, tol=1e-9, weight=weight)
        except nx.PowerIterationFailedConvergence:
            found = nx.eigenvector_centrality_numpy(sub, weight=weight)
        share = len(component) / total
        values.update({node: abs(float(v)) * share for node, v in found.items()})
    return values


def communities(graph: nx.Graph, seed: int = DEFAULT_SEED) -> list[list[str]]:
    """Louvain communities (weighted, fixed seed), largest first, members sorted.

    >>> two = nx.union(nx.complete_graph(["a", "b", "c", "d"]), nx.complete_graph(["w", "x", "y", "z"]))
    >>> two.add_edge("d", "w")
    >>> communities(two)
    [['a', 'b', 'c', 'd'], ['w', 'x', 'y', 'z']]
    """
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def centrality(graph: nx.Graph, seed: int = DEFAULT_SEED) -> list[StateCentrality]:
    """Degree, weighted degree, betweenness, eigenvector centrality and community of each node.

    Betweenness is normalised and treats a heavier edge as a shorter path (distance
    ``1/weight``); eigenvector centrality is weighted (see :func:`eigenvector`). Sorted by
    weighted degree, then betweenness, then key.
    """
    lengths = nx.Graph()
    lengths.add_nodes_from(graph)
    lengths.add_weighted_edges_from(
        ((a, b, 1.0 / float(d.get("weight", 1) or 1)) for a, b, d in graph.edges(data=True)),
        weight="distance",
    )
    between = nx.betweenness_centrality(lengths, weight="distance", normalized=True)
    eigen = eigenvector(graph)
    community_of = {node: index for index, members in enumerate(communities(graph, seed)) for node in members}
    rows = [
        StateCentrality(
            key=str(node),
            code=str(data.get("code", node)),
            label=str(data.get("label", node)),
            events=int(data.get("events", 0)),
            degree=int(graph.degree(node)),
            weighted_degree=float(graph.degree(node, weight="weight")),
            betweenness=round(float(between[node]), 6),
            eigenvector=round(float(eigen[node]), 6),
            community=community_of.get(node, -1),
        )
        for node, data in graph.nodes(data=True)
    ]
    return sorted(rows, key=lambda r: (-r.weighted_degree, -r.betweenness, r.key))


def active_pairs_by_year(projection: Projection, top: int = 3) -> list[PairActivity]:
    """The ``top`` pairs of states with the most shared events in each year (ties by code).

    >>> from diplograph.graph.projection import EventInfo
    >>> import datetime as dt
    >>> e = EventInfo("event/x", "meeting", "2020", dt.date(2020, 1, 1), actors=["state/CHN", "state/RUS"])
    >>> active_pairs_by_year(Projection({"event/x": e}, {}))
    [PairActivity(year=2020, a='CHN', b='RUS', events=1)]
    """
    per_year: dict[int, Counter[tuple[str, str]]] = defaultdict(Counter)
    for event in projection.events.values():
        states = sorted({a.rsplit("/", 1)[-1] for a in event.actors if kind_of(a) == "state"})
        for pair in itertools.combinations(states, 2):
            per_year[event.year][pair] += 1
    out: list[PairActivity] = []
    for year in sorted(per_year):
        ranked = sorted(per_year[year].items(), key=lambda item: (-item[1], item[0]))
        out += [PairActivity(year, a, b, n) for (a, b), n in ranked[:top]]
    return out


def pair_intensity(
    kg: KnowledgeGraph,
    a: str,
    b: str,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    types: Iterable[str] | None = None,
) -> PairIntensity:
    """Events of two states per year and type (``graph/queries/pair_intensity.rq``).

    Args:
        kg: the knowledge graph.
        a, b: alpha-3 codes of the two states.
        start, end: optional time window (years or dates).
        types: event types to count; None counts all.

    >>> from diplograph.graph.builder import build_demo
    >>> kg = KnowledgeGraph(":memory:"); _ = build_demo(kg)
    >>> pair_intensity(kg, "CHN", "RUS", start=2001, end=2001).counts[2001]["treaty_signing"] >= 1
    True
    """
    chosen = check_types(types)
    codes = sorted({a.strip().upper(), b.strip().upper()})
    if len(codes) != 2 or not all(len(c) == 3 and c.isalpha() for c in codes):
        raise ValueError(f"a pair is two different alpha-3 codes, not {a!r} and {b!r}")
    bindings = {"a": state_iri(codes[0]), "b": state_iri(codes[1]), **window(start, end)}
    result = PairIntensity(codes[0], codes[1])
    for row in kg.query_named("pair_intensity", bindings).dicts():
        kind = _TYPE_OF_LOCAL_NAME.get(str(row["type"]))
        if kind is None or (chosen is not None and kind not in chosen):
            continue
        year = int(str(row["year"]))
        by_type = result.counts.setdefault(year, {})
        by_type[kind] = by_type.get(kind, 0) + int(str(row["events"]))
    return result


def network_stats(
    kg: KnowledgeGraph,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    types: Iterable[str] | None = None,
    top: int = 3,
    seed: int = DEFAULT_SEED,
) -> NetworkStats:
    """Centralities and communities of the states network, and the most active pairs per year.

    >>> stats = network_stats(KnowledgeGraph(":memory:"))
    >>> stats.states, stats.centrality
    (0, [])
    """
    chosen = check_types(types)
    projection = read_projection(kg, start=start, end=end, types=chosen, evidence=False)
    graph = projection.states_graph()
    rows = centrality(graph, seed)
    return NetworkStats(
        start="" if start is None else str(start),
        end="" if end is None else str(end),
        types=sorted(chosen or []),
        events=len(projection.events),
        states=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        centrality=rows,
        communities=[[m.rsplit("/", 1)[-1] for m in c] for c in communities(graph, seed)],
        pairs_by_year=active_pairs_by_year(projection, top),
    )
