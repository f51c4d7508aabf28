"""Filling a knowledge graph: ontology, reference data, curated facts, the demo.

>>> from diplograph.graph.store import KnowledgeGraph
>>> kg = KnowledgeGraph(":memory:")
>>> summary = load_reference(kg)
>>> summary.states >= 195
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from diplograph.graph.curated import bundled_curated, load_curated, load_curated_text
from diplograph.graph.model import FactSet
from diplograph.graph.namespace import ONTOLOGY_GRAPH, REFERENCE_GRAPH, curated_graph_iri
from diplograph.graph.ontology import ontology_graph
from diplograph.graph.reference import DEFAULT_LANGS, ReferenceData, reference_graph
from diplograph.graph.store import KnowledgeGraph


@dataclass(frozen=True)
class ReferenceSummary:
    """What the reference graph holds."""

    states: int
    people: int
    tenures: int
    organisations: int
    memberships: int
    triples: int


@dataclass(frozen=True)
class CuratedSummary:
    """One curated file added."""

    name: str
    graph: URIRef
    facts: int
    events: int


@dataclass
class DemoSummary:
    """What ``diplograph demo`` built."""

    location: str
    reference: ReferenceSummary
    curated: list[CuratedSummary] = field(default_factory=list)
    articles: int = 0
    article_events: int = 0
    triples: int = 0
    graphs: int = 0
    pages: list[str] = field(default_factory=list)


def load_reference(kg: KnowledgeGraph, langs: Iterable[str] = DEFAULT_LANGS) -> ReferenceSummary:
    """Write the ontology graph and the reference graph (replacing earlier versions).

    Args:
        kg: the knowledge graph.
        langs: languages for CLDR state names (any CLDR locale, e.g. ``["en", "id", "fr"]``).
    """
    ref = ReferenceData.load()
    graph = reference_graph(ref, langs)
    kg.replace_graphs({ONTOLOGY_GRAPH: ontology_graph(), REFERENCE_GRAPH: graph})
    return ReferenceSummary(
        states=len(ref.states),
        people=len(ref.people),
        tenures=sum(len(p.posts) for p in ref.people.values()),
        organisations=len(ref.organisations),
        memberships=sum(len(o.members) for o in ref.organisations.values()),
        triples=len(graph),
    )


def add_facts(kg: KnowledgeGraph, facts: FactSet) -> CuratedSummary:
    """Write a curated fact set as its own named graph (replacing an earlier version)."""
    name = facts.curated_name or "curated"
    graph = curated_graph_iri(name)
    kg.add_facts(facts, graph)
    return CuratedSummary(name, graph, len(facts.mentions), len(facts.events))


def add_curated(kg: KnowledgeGraph, path: str | Path) -> CuratedSummary:
    """Check a curated YAML file and write it to the store.

    Raises:
        DataError: naming file, fact and field when the file is invalid (nothing is written).
    """
    return add_facts(kg, load_curated(path))


def add_bundled_curated(kg: KnowledgeGraph) -> list[CuratedSummary]:
    """Write every curated file shipped in ``data/curated/``."""
    return [add_facts(kg, load_curated_text(text, name)) for name, text in bundled_curated()]


def build_demo(kg: KnowledgeGraph, langs: Iterable[str] = DEFAULT_LANGS) -> DemoSummary:
    """Build the demo store: ontology, reference data and curated histories.

    Running it again rewrites the same named graphs with the same triples (idempotent).
    """
    summary = DemoSummary(kg.location, load_reference(kg, langs))
    summary.curated = add_bundled_curated(kg)
    summary.triples = len(kg)
    summary.graphs = len(kg.graphs())
    return summary
