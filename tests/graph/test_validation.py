from __future__ import annotations

from rdflib import Literal, URIRef

from diplograph.graph.date import PartialDate
from diplograph.graph.model import Event, FactSet, Mention
from diplograph.graph.namespace import DIP, REFERENCE_GRAPH
from diplograph.graph.rdf import facts_to_graph
from diplograph.graph.reference import reference_graph
from diplograph.graph.store import KnowledgeGraph
from diplograph.graph.validation import validate, validate_graph


def test_a_broken_fact_is_reported_with_shape_and_focus_node(memory_kg: KnowledgeGraph) -> None:
    event = Event(
        "anniversary",
        PartialDate(2026),
        states=("CHN", "RUS"),
        ordinal=25,
        commemorates=Event("treaty_signing", PartialDate(2001), states=("CHN", "RUS"), derived=True),
    )
    facts = FactSet([Mention(event, "25 years of the treaty", confidence=0.8)], curated_name="t")
    graph = facts_to_graph(facts)
    # Break it: the anniversary claims the wrong ordinal, and the mention a confidence above 1.
    graph.set((event.iri, DIP.ordinal, Literal(24)))
    mention = next(graph.subjects(DIP.about, event.iri))
    graph.set((mention, DIP.confidence, Literal(1.5)))
    memory_kg.replace_graph(REFERENCE_GRAPH, reference_graph())
    memory_kg.replace_graph(URIRef("urn:test:broken"), graph)
    report = validate(memory_kg, URIRef("urn:test:broken"))
    assert not report.conforms
    focus = {v.focus for v in report.violations}
    assert str(event.iri) in focus and str(mention) in focus
    assert all(v.shape for v in report.violations)
    text = report.text()
    assert "Does not conform" in text and "shape:" in text and str(event.iri) in text


def test_clean_facts_conform() -> None:
    event = Event("phone_call", PartialDate(2024, 3, 1), states=("IDN", "AUS"))
    data = facts_to_graph(FactSet([Mention(event, "They spoke.", citation="notes")], curated_name="x"))
    data += reference_graph()
    assert validate_graph(data).conforms
