from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from diplograph.graph.backends.embedded import EmbeddedBackend, from_ox
from diplograph.graph.store import KnowledgeGraph

# Quads in three graphs; some triples are held by two graphs (the union must hold them once).
QUADS = b"""<urn:x:e1> <urn:x:participant> <urn:x:CHN> <urn:x:g1> .
<urn:x:e1> <urn:x:participant> <urn:x:RUS> <urn:x:g1> .
<urn:x:e1> <urn:x:day> "2001-02-03"^^<http://www.w3.org/2001/XMLSchema#date> <urn:x:g1> .
<urn:x:e1> <urn:x:label> "talks \\"quoted\\" <urn:x:fake> ."@en <urn:x:g1> .
<urn:x:e1> <urn:x:participant> <urn:x:CHN> <urn:x:g2> .
<urn:x:e1> <urn:x:day> "2001-02-03"^^<http://www.w3.org/2001/XMLSchema#date> <urn:x:g2> .
<urn:x:e2> <urn:x:label> "Rusia"@id <urn:x:g2> .
_:b1 <urn:x:note> "blank subject" <urn:x:g3> .
<urn:x:e2> <urn:x:count> "7"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:x:g3> .
"""


def statements(store: ox.Store) -> tuple[set[tuple[str, str, str, str]], set[tuple[str, str, str]]]:
    """The named-graph quads and the default-graph triples, as strings (blank nodes by kind)."""

    def show(term: object) -> str:
        return "_:" if isinstance(term, ox.BlankNode) else str(term)

    named: set[tuple[str, str, str, str]] = set()
    default: set[tuple[str, str, str]] = set()
    for quad in store:
        triple = (show(quad.subject), show(quad.predicate), show(quad.object))
        if isinstance(quad.graph_name, ox.DefaultGraph):
            default.add(triple)
        else:
            named.add((*triple, show(quad.graph_name)))
    return named, default


def assert_union(store: ox.Store, expected_named: int) -> None:
    named, default = statements(store)
    assert len(named) == expected_named
    assert default == {quad[:3] for quad in named}


def halves(data: bytes) -> list[bytes]:
    lines = data.splitlines(keepends=True)
    return [b"".join(lines[: len(lines) // 2]), b"".join(lines[len(lines) // 2 :])]


def test_bulk_load_keeps_the_default_graph_the_set_union(tmp_path: Path) -> None:
    backend = EmbeddedBackend(tmp_path / "store")
    backend.bulk_load(halves(QUADS), "nq", None)
    assert_union(backend.oxigraph, 9)
    assert backend.count() == 7  # two triples are held by both g1 and g2
    # Loading again changes nothing: the union stays a set.
    backend.bulk_load([QUADS], "nq", None)
    assert_union(backend.oxigraph, 9)
    backend.close()


@pytest.mark.parametrize(
    "odd",
    [
        b"# a comment line\n",
        b"\n",
        b'<urn:x:e3> <urn:x:label> "in a blank-node graph" _:g .\n',
        # A triple with an IRI object: cutting its last term would be wrong (and fails to parse).
        b"<urn:x:e3> <urn:x:participant> <urn:x:IDN> .\n",
        b'<urn:x:e3> <urn:x:label> "a triple" .\n',
    ],
)
def test_bulk_load_safe_path_gives_the_same_union(odd: bytes) -> None:
    fast = EmbeddedBackend(":memory:")
    fast.bulk_load([QUADS], "nq", None)
    mixed = EmbeddedBackend(":memory:")
    mixed.bulk_load([QUADS + odd], "nq", None)
    named, default = statements(mixed.oxigraph)
    assert default == {quad[:3] for quad in named} | _default_triples(odd)
    fast_named, _ = statements(fast.oxigraph)
    assert named - fast_named == _named_quads(odd)


def _default_triples(line: bytes) -> set[tuple[str, str, str]]:
    return {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in ox.parse(line, format=ox.RdfFormat.N_QUADS)
        if isinstance(q.graph_name, ox.DefaultGraph)
    }


def _named_quads(line: bytes) -> set[tuple[str, str, str, str]]:
    return {
        (str(q.subject), str(q.predicate), str(q.object), "_:")
        for q in ox.parse(line, format=ox.RdfFormat.N_QUADS)
        if not isinstance(q.graph_name, ox.DefaultGraph)
    }


def test_bulk_load_of_invalid_input_still_fails() -> None:
    backend = EmbeddedBackend(":memory:")
    with pytest.raises(SyntaxError):
        backend.bulk_load([QUADS + b"<urn:x:a> <urn:x:p> .\n"], "nq", None)


def test_bulk_load_of_triples_into_a_named_graph() -> None:
    backend = EmbeddedBackend(":memory:")
    triples = b'<urn:x:a> <urn:x:p> <urn:x:b> .\n<urn:x:a> <urn:x:q> "v"@en .\n'
    backend.bulk_load([triples], "nt", URIRef("urn:x:g"))
    assert_union(backend.oxigraph, 2)
    assert backend.graphs() == [URIRef("urn:x:g")]


def test_query_rows_are_the_same_terms_as_converted_one_by_one(tmp_path: Path) -> None:
    kg = KnowledgeGraph(tmp_path / "store")
    assert isinstance(kg.backend, EmbeddedBackend)
    kg.backend.bulk_load([QUADS], "nq", None)
    text = "SELECT ?s ?p ?o ?a WHERE { ?s ?p ?o OPTIONAL { ?s <urn:x:missing> ?none } } ORDER BY ?s ?p ?o"
    result = kg.query(
        text, {"a": Literal("2001-02-03", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))}
    )
    answer = kg.backend.oxigraph.query(text.replace("?a WHERE", "WHERE"))
    assert isinstance(answer, ox.QuerySolutions)
    expected = [tuple(from_ox(term) for term in solution) for solution in answer]
    got = [row[:3] for row in result.rows]
    assert got == expected
    for row, want in zip(got, expected, strict=True):
        for term, other in zip(row, want, strict=True):
            assert type(term) is type(other)
            if isinstance(term, Literal):
                assert (term.datatype, term.language, term.value) == (
                    other.datatype,
                    other.language,
                    other.value,
                )
    assert any(isinstance(row[0], BNode) for row in got)
    # Equal terms are one object; the bound variable comes back as the bound value.
    participants = [row[1] for row in result.rows if row[1] == URIRef("urn:x:participant")]
    assert len(participants) == 2
    assert participants[0] is participants[1]
    assert {row[3] for row in result.rows} == {
        Literal("2001-02-03", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))
    }
    assert len({id(row[3]) for row in result.rows}) == 1
    kg.close()


def test_bindings_open_the_group_and_need_no_projection() -> None:
    backend = EmbeddedBackend(":memory:")
    backend.bulk_load([QUADS], "nq", None)
    rows = backend.query("SELECT ?p WHERE { ?s ?p ?o }", {"s": URIRef("urn:x:e1")}).rows
    assert rows and all(isinstance(row[0], URIRef) for row in rows)  # ?s not projected: still bound
    none = backend.query("SELECT ?p WHERE { ?s ?p ?o }", {"s": URIRef("urn:x:nothing")}).rows
    assert none == []


def test_a_binding_the_query_also_binds_falls_back_to_substitution() -> None:
    # VALUES ?x before BIND(... AS ?x) would not parse: the engine's substitution is used instead
    backend = EmbeddedBackend(":memory:")
    text = "SELECT ?x ?y WHERE { BIND(<urn:a> AS ?y) BIND(?y AS ?x) }"
    assert backend.query(text, {"x": URIRef("urn:b")}).rows == []  # ?x is <urn:b>, not <urn:a>
    assert backend.query(text, {"x": URIRef("urn:a")}).rows == [(URIRef("urn:a"), URIRef("urn:a"))]


def test_a_blank_node_binding_uses_substitution() -> None:
    backend = EmbeddedBackend(":memory:")
    rows = backend.query("SELECT ?b WHERE { }", {"b": BNode("x")}).rows
    assert len(rows) == 1 and isinstance(rows[0][0], BNode)
