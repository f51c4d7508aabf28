"""SHACL validation of a knowledge graph against the bundled shapes.

>>> from diplograph.graph.store import KnowledgeGraph
>>> report = validate(KnowledgeGraph(":memory:"))
>>> report.conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from diplograph.graph.ontology import ontology_graph, shapes_graph
from diplograph.graph.store import KnowledgeGraph


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which shape, which node, which property, and why."""

    severity: str
    focus: str
    shape: str
    path: str | None
    message: str
    value: str | None = None


@dataclass
class ValidationReport:
    """The outcome of a validation run."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def text(self) -> str:
        """A readable report, one block per result."""
        if self.conforms:
            return f"Conforms: {self.triples} triples checked against the diplograph shapes."
        lines = [f"Does not conform: {len(self.violations)} result(s) over {self.triples} triples."]
        for v in self.violations:
            lines.append(f"- [{v.severity}] {v.message}")
            lines.append(f"    focus node: {v.focus}")
            lines.append(f"    shape:      {v.shape}")
            if v.path:
                lines.append(f"    path:       {v.path}")
            if v.value:
                lines.append(f"    value:      {v.value}")
        return "\n".join(lines)


def _short(term: object) -> str:
    text = str(term)
    return text.split("#")[-1] if text.startswith("http://www.w3.org/ns/shacl#") else text


def validate_graph(data: Graph) -> ValidationReport:
    """Validate an rdflib graph (already merged) against the shapes, with the ontology."""
    conforms, results, _ = shacl_validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations = []
    for result in results.subjects(SH.focusNode, None):

        def one(predicate: URIRef, node: object = result) -> str | None:
            value = results.value(node, predicate)
            return None if value is None else str(value)

        shape = results.value(result, SH.sourceShape)
        violations.append(
            Violation(
                severity=_short(results.value(result, SH.resultSeverity)),
                focus=one(SH.focusNode) or "",
                shape=str(shape) if shape is not None else "",
                path=one(SH.resultPath),
                message=one(SH.resultMessage) or "constraint violated",
                value=one(SH.value),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.shape))
    return ValidationReport(bool(conforms), violations, len(data))


def validate(kg: KnowledgeGraph, graph: URIRef | None = None) -> ValidationReport:
    """Run the SHACL shapes over the store's union, or over one named graph.

    A single named graph is checked together with the reference graph, whose actors its
    events point at.
    """
    from diplograph.graph.namespace import REFERENCE_GRAPH

    data = kg.to_rdflib(graph)
    if graph is not None and graph != REFERENCE_GRAPH and kg.has_graph(REFERENCE_GRAPH):
        data += kg.to_rdflib(REFERENCE_GRAPH)
    return validate_graph(data)
