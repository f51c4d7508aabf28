"""Storage engines behind :class:`~diplograph.graph.store.KnowledgeGraph`.

Each backend is one small module; all speak the :class:`Backend` protocol: atomic
replacement of a named graph, SPARQL queries with bindings, and dumps.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from rdflib import Graph, URIRef
from rdflib.term import Identifier

from diplograph.graph.result import QueryResult


class Backend(Protocol):
    """What a store engine must do for diplograph."""

    location: str
    read_only: bool

    def replace_graph(self, graph: URIRef, content: Graph) -> None:
        """Make ``graph`` hold exactly ``content``, atomically."""

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        """Replace several named graphs at once (one transaction where the engine allows)."""

    def remove_graph(self, graph: URIRef) -> None:
        """Delete a named graph (no error when absent)."""

    def has_graph(self, graph: URIRef) -> bool:
        """Whether a named graph exists and holds triples."""

    def graphs(self) -> list[URIRef]:
        """The named graphs."""

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of the named graphs."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (only used with updates built from our own terms)."""

    def dump(self, rdf_format: str, graph: URIRef | None = None) -> bytes:
        """Serialise the store (or one named graph) as N-Quads, TriG, Turtle, N-Triples."""

    def count(self) -> int:
        """Number of quads."""

    def bulk_load(self, data: Iterable[bytes], rdf_format: str, graph: URIRef | None) -> None:
        """Load big N-Quads/N-Triples input fast (not transactional)."""

    def close(self) -> None:
        """Release the engine (locks, connections)."""
