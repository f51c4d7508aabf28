"""Updates rewritten to keep the default graph the set union of the named graphs, run on a
real Oxigraph store (each request is one transaction, as at ``/update``)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from diplograph.graph.server.union import UpdateRefusedError, keep_union

SCRATCH = "urn:test:scratch"
E = "PREFIX e: <urn:e:>\n"


def triples(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph | None) -> set[tuple[object, ...]]:
    quads = store.quads_for_pattern(None, None, None, graph)
    keep = [q for q in quads if graph is not None or q.graph_name != ox.DefaultGraph()]
    return {(q.subject, q.predicate, q.object) for q in keep}


def assert_union(store: ox.Store) -> None:
    assert ox.NamedNode(SCRATCH) not in set(store.named_graphs())
    assert triples(store, ox.DefaultGraph()) == triples(store, None)


def run(store: ox.Store, update: str) -> None:
    store.update(keep_union(update, SCRATCH))
    assert_union(store)


def default_has(store: ox.Store, s: str, p: str, o: ox.NamedNode | ox.Literal) -> bool:
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, ox.DefaultGraph()) in store


@pytest.fixture()
def store() -> ox.Store:
    kept = ox.Store()
    run(
        kept,
        E + "INSERT DATA { GRAPH e:g1 { e:a e:p 1, 2 ; e:q e:b . } GRAPH e:g2 { e:a e:p 1 . _:x e:p e:a } }",
    )
    return kept


def test_insert_data_reaches_the_union_with_the_same_blank_node(store: ox.Store) -> None:
    assert default_has(store, "urn:e:a", "urn:e:p", ox.Literal(1))
    blank = [q.subject for q in store.quads_for_pattern(None, None, ox.NamedNode("urn:e:a"), None)]
    assert len(blank) == 2 and blank[0] == blank[1]


def test_delete_data_keeps_what_another_graph_holds(store: ox.Store) -> None:
    run(store, E + "DELETE DATA { GRAPH e:g1 { e:a e:p 1, 2 } }")
    assert default_has(store, "urn:e:a", "urn:e:p", ox.Literal(1))  # g2 still holds it
    assert not default_has(store, "urn:e:a", "urn:e:p", ox.Literal(2))
    run(store, E + "DELETE DATA { GRAPH e:g2 { e:a e:p 1 } }")
    assert not default_has(store, "urn:e:a", "urn:e:p", ox.Literal(1))


def test_delete_insert_where_with_a_graph_variable(store: ox.Store) -> None:
    run(
        store,
        E + "DELETE { GRAPH ?g { ?s e:q ?o } } INSERT { GRAPH e:g3 { ?o e:r ?s } } "
        "WHERE { GRAPH ?g { ?s e:q ?o } }",
    )
    assert not default_has(store, "urn:e:a", "urn:e:q", ox.NamedNode("urn:e:b"))
    assert default_has(store, "urn:e:b", "urn:e:r", ox.NamedNode("urn:e:a"))


def test_delete_where_and_graph_management(store: ox.Store) -> None:
    run(store, E + "DELETE WHERE { GRAPH e:g2 { ?x e:p ?y } }")
    assert default_has(store, "urn:e:a", "urn:e:p", ox.Literal(1))  # g1 holds it
    run(store, E + "INSERT { GRAPH e:g4 { ?s ?p ?o } } WHERE { ?s ?p ?o } ; COPY e:g4 TO e:g4")
    run(store, E + "MOVE e:g4 TO e:g5 ; DROP GRAPH e:g1 ; ADD e:g5 TO e:g6 ; CREATE SILENT GRAPH e:g7")
    assert default_has(store, "urn:e:a", "urn:e:p", ox.Literal(2))  # g5 holds it
    run(store, E + "CLEAR SILENT GRAPH e:g5 ; DROP GRAPH e:g6")
    assert len(store) == 0
    run(store, E + "INSERT DATA { GRAPH e:g1 { e:a e:p 3 } } ; CLEAR NAMED")
    assert len(store) == 0


def test_a_failed_request_changes_nothing(store: ox.Store) -> None:
    before = set(store)
    with pytest.raises(OSError):
        run(
            store,
            E + "DELETE DATA { GRAPH e:g1 { e:a e:p 2 } } ; LOAD <http://127.0.0.1:9/x.ttl> INTO GRAPH e:g9",
        )
    assert set(store) == before


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> 1 }",
        "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } <urn:a> <urn:b> 2 }",
        "DELETE DATA { <urn:a> <urn:b> 1 }",
        "DELETE WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "INSERT { ?s ?p 1 } WHERE { GRAPH ?g { ?s ?p ?o } }",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "CLEAR DEFAULT",
        "DROP SILENT DEFAULT",
        "LOAD <http://127.0.0.1:9/x.ttl>",
        "COPY <urn:g> TO DEFAULT",
        "MOVE DEFAULT TO <urn:g>",
        "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 }",
    ],
)
def test_writes_to_the_default_graph_are_refused(update: str) -> None:
    with pytest.raises(UpdateRefusedError):
        keep_union(update, SCRATCH)


def test_strings_and_comments_are_data() -> None:
    text = 'INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> "} GRAPH ; DELETE" } } # DROP DEFAULT'
    store = ox.Store()
    run(store, text)
    assert default_has(store, "urn:a", "urn:b", ox.Literal("} GRAPH ; DELETE"))
