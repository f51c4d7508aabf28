"""The SPARQL lexer: keywords are found where they are keywords, never inside data."""

from __future__ import annotations

import pytest

from diplograph.graph.lexer import shape_of, tokens


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * { service <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * { OPTIONAL { { SeRvIcE SILENT ?endpoint { ?s ?p ?o } } } }",
        "PREFIX ex: <urn:x:> ASK {\n  # a comment\n  SERVICE\n<http://x/>{}}",
        r"SELECT * { \u0053ERVICE <http://example.org/> { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o } ; SERVICE",
    ],
)
def test_service_clauses_are_found(text: str) -> None:
    assert shape_of(text).has_service


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * { ?s ?p "SERVICE <http://example.org/> { }" }',
        "SELECT * { ?s ?p '''\nservice <http://x/> {}''' }",
        "SELECT * { ?s <http://example.org/SERVICE> ?o }",
        "SELECT ?service { ?service ?p ?o } # SERVICE <http://x/> {}",
        "PREFIX service: <urn:s:> SELECT * { ?s service:service ?o }",
        "SELECT * { ?s ?p $service }",
    ],
)
def test_service_in_data_is_not_a_clause(text: str) -> None:
    assert not shape_of(text).has_service


@pytest.mark.parametrize(
    ("text", "operation"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
        ("PREFIX ex: <urn:x:> BASE <urn:b> delete where { ?s ?p ?o }", "DELETE"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("CLEAR ALL", "CLEAR"),
        ("DROP SILENT GRAPH <urn:g>", "DROP"),
        ("CREATE GRAPH <urn:g>", "CREATE"),
        ("ADD <urn:a> TO <urn:b>", "ADD"),
        ("MOVE DEFAULT TO <urn:b>", "MOVE"),
        ("COPY <urn:a> TO <urn:b>", "COPY"),
        ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ],
)
def test_updates_are_recognised(text: str, operation: str) -> None:
    shape = shape_of(text)
    assert shape.is_update
    assert operation in shape.operations
    assert shape.form is None


def test_queries_mentioning_update_words_are_queries() -> None:
    shape = shape_of('PREFIX drop: <urn:d:> SELECT ?insert WHERE { ?insert drop:x "DELETE DATA" }')
    assert shape.form == "SELECT"
    assert not shape.is_update


def test_token_positions_cover_the_text() -> None:
    text = 'ASK { ?s <urn:p> "x" }'
    assert [text[t.start : t.end] for t in tokens(text)] == [t.text for t in tokens(text)]
