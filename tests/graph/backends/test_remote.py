"""The remote store: location syntax, VALUES injection, and every Backend operation against a
real ``oxigraph serve`` started on a free loopback port."""

from __future__ import annotations

import socket
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import XSD, Graph, Literal, URIRef

from diplograph.graph.backends.embedded import EmbeddedBackend
from diplograph.graph.backends.remote import RemoteBackend, endpoints_of
from diplograph.graph.error import QueryError, StoreError
from diplograph.graph.namespace import ID_BASE
from diplograph.graph.querytext import inject_values
from diplograph.graph.store import KnowledgeGraph

HOSTILE = [
    'a"b',
    'x""" } ; DROP ALL ; SELECT * { "',
    "'''\n} INSERT DATA { <urn:x> <urn:y> <urn:z> } #",
    "back\\slash\\",
    'ends with quote"',
    "new\nline\r\ttab",
    "{ } } } # SERVICE <http://example.org/>",
    "ünïcödé ✓ 中文",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# Location syntax


def test_base_url_means_oxigraph_layout() -> None:
    e = endpoints_of("http://127.0.0.1:7878/")
    assert (e.query, e.update, e.store, e.union) == (
        "http://127.0.0.1:7878/query",
        "http://127.0.0.1:7878/update",
        "http://127.0.0.1:7878/store",
        "materialized",
    )


def test_overrides_relative_and_absolute() -> None:
    e = endpoints_of(
        "https://db.example.org/repositories/kg?query=.&update=statements&store=rdf-graphs/service"
        "&union=native"
    )
    assert e.query == "https://db.example.org/repositories/kg/"
    assert e.update == "https://db.example.org/repositories/kg/statements"
    assert e.store == "https://db.example.org/repositories/kg/rdf-graphs/service"
    assert e.union == "native"
    v = endpoints_of("http://h:8890?query=/sparql&update=/sparql&store=/sparql-graph-crud-auth")
    assert (v.query, v.store) == ("http://h:8890/sparql", "http://h:8890/sparql-graph-crud-auth")


def test_bad_locations_are_refused() -> None:
    with pytest.raises(StoreError, match="unknown store URL option"):
        endpoints_of("http://h:1/?qeury=x")
    with pytest.raises(StoreError, match="union="):
        endpoints_of("http://h:1/?union=maybe")


def test_credentials_become_basic_auth() -> None:
    assert endpoints_of("http://alice:s3cret@h:1").auth == ("alice", "s3cret")


# VALUES injection


def test_values_open_the_outermost_where_group() -> None:
    text = 'SELECT ?a WHERE { ?a ?p "{ not a group }" . # { comment\n FILTER(?a != <urn:x#y>) }'
    out = inject_values(text, {"a": URIRef("urn:a")})
    assert out.startswith('SELECT ?a WHERE { VALUES (?a) { (<urn:a>) } ?a ?p "{ not a group }"')
    assert out.endswith(text[text.index("{") + 1 :])


def test_values_skip_a_construct_template() -> None:
    out = inject_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("urn:s")})
    assert out == "CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<urn:s>) } ?s ?p ?o }"


def test_values_wrap_a_subselect_group() -> None:
    out = inject_values("SELECT * { SELECT ?s { ?s ?p ?o } LIMIT 1 }", {"s": URIRef("urn:s")})
    assert ox.Store().query(out) is not None  # still valid SPARQL
    assert out == "SELECT * { VALUES (?s) { (<urn:s>) } { SELECT ?s { ?s ?p ?o } LIMIT 1 }}"


def test_short_construct_gets_a_trailing_values_clause() -> None:
    out = inject_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": URIRef("urn:s")})
    assert out.endswith("VALUES (?s) { (<urn:s>) }\n")
    ox.Store().query(out)


def test_bindings_need_a_query_and_plain_terms() -> None:
    with pytest.raises(QueryError):
        inject_values("INSERT DATA { <urn:a> <urn:b> <urn:c> }", {"a": URIRef("urn:a")})
    with pytest.raises(QueryError, match="variable name"):
        inject_values("SELECT * {}", {"a) } DROP ALL": Literal("x")})
    with pytest.raises(QueryError):
        inject_values("SELECT ?a {}", {"a": URIRef("http://x> } ; DROP ALL #")})


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_literals_bind_as_data(value: str) -> None:
    """A bound literal is matched as the exact value it is, whatever characters it holds."""
    store = ox.Store()
    for index, text in enumerate(HOSTILE):
        store.add(ox.Quad(ox.NamedNode(f"urn:s{index}"), ox.NamedNode("urn:p"), ox.Literal(text)))
    query = "SELECT ?s ?v WHERE { ?s <urn:p> ?v . FILTER(STRLEN(?v) > 0) }"
    rows = list(store.query(inject_values(query, {"v": Literal(value)})))
    assert [r["s"].value for r in rows] == [f"urn:s{HOSTILE.index(value)}"]
    assert len(store) == len(HOSTILE)


def test_filters_in_the_group_see_the_bindings() -> None:
    backend = EmbeddedBackend(":memory:")
    text = "SELECT ?from ?n WHERE { VALUES ?n { 1 2 3 } FILTER(?n >= COALESCE(?from, 0)) }"
    injected = inject_values(text, {"from": Literal(2, datatype=XSD.integer)})
    assert sorted(int(r[1]) for r in backend.query(injected).rows) == [2, 3]  # type: ignore[arg-type]
    assert sorted(int(r[1]) for r in backend.query(text, {"from": Literal(2)}).rows) == [2, 3]  # type: ignore[arg-type]


# Against a real Oxigraph server


@pytest.fixture(scope="module")
def remote_demo(oxigraph_url: str) -> str:
    from diplograph.graph.builder import build_demo

    with KnowledgeGraph(oxigraph_url) as kg:
        build_demo(kg)
    return oxigraph_url


PAIR = {"a": URIRef(ID_BASE + "state/CHN"), "b": URIRef(ID_BASE + "state/RUS")}


@pytest.mark.server
def test_demo_on_the_server_matches_the_embedded_store(remote_demo: str, demo_kg: KnowledgeGraph) -> None:
    with KnowledgeGraph(remote_demo, read_only=True) as remote:
        assert len(remote) == len(demo_kg)
        assert remote.graphs() == demo_kg.graphs()
        counts = "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c"
        assert remote.query(counts).rows == demo_kg.query(counts).rows


@pytest.mark.server
def test_pair_query_with_bindings_matches_the_embedded_store(
    remote_demo: str, demo_kg: KnowledgeGraph
) -> None:
    bindings = {**PAIR, "from": Literal("2001-01-01", datatype=XSD.date)}
    with KnowledgeGraph(remote_demo, read_only=True) as remote:
        got = remote.query_named("pair_events", bindings)
    want = demo_kg.query_named("pair_events", bindings)
    assert len(want) > 3
    assert got.variables == want.variables
    assert got.rows == want.rows
    days = [str(row[4]) for row in got.rows]
    assert all(day[:4] >= "2001" for day in days)


@pytest.mark.server
def test_export_and_construct(remote_demo: str, demo_kg: KnowledgeGraph) -> None:
    with KnowledgeGraph(remote_demo, read_only=True) as remote:
        quads = remote.export("nq")
        one = remote.export("ttl", URIRef(ID_BASE + "graph/curated/chn-rus"))
        construct = remote.query(
            "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c . ?s a dip:State }".replace(
                "dip:", "<https://w3id.org/diplograph/ontology#>"
            ).replace(
                "<https://w3id.org/diplograph/ontology#>State", "<https://w3id.org/diplograph/ontology#State>"
            )
        )
    remote_quads = list(ox.parse(quads, format=ox.RdfFormat.N_QUADS))
    local_quads = list(ox.parse(demo_kg.export("nq"), format=ox.RdfFormat.N_QUADS))
    assert len(remote_quads) == len(local_quads)

    def ground(qs: list[ox.Quad]) -> set[ox.Quad]:  # blank node labels differ between stores
        return {
            q
            for q in qs
            if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
        }

    assert ground(remote_quads) == ground(local_quads)
    assert len(Graph().parse(data=one, format="turtle")) == len(
        Graph().parse(data=demo_kg.export("ttl", URIRef(ID_BASE + "graph/curated/chn-rus")), format="turtle")
    )
    assert construct.kind == "graph" and len(construct) >= 195


@pytest.mark.server
def test_replace_and_remove_graphs(oxigraph_url: str) -> None:
    g1, g2 = URIRef("urn:test:g1"), URIRef("urn:test:g2")
    with KnowledgeGraph(oxigraph_url) as kg:
        before = len(kg)
        content = Graph()
        for text in HOSTILE:
            content.add((URIRef("urn:test:s"), URIRef("urn:test:p"), Literal(text)))
        kg.replace_graphs({g1: content, g2: content})
        assert kg.has_graph(g1) and kg.has_graph(g2)
        assert len(kg) == before + len(HOSTILE)  # the union is a set: shared triples count once
        smaller = Graph()
        smaller.add((URIRef("urn:test:s"), URIRef("urn:test:p"), Literal("only")))
        kg.replace_graph(g1, smaller)
        assert len(kg) == before + len(HOSTILE) + 1
        assert kg.query("ASK { <urn:test:s> <urn:test:p> 'only' }").boolean
        for text in HOSTILE:  # hostile values bound through VALUES match exactly one stored literal
            found = kg.query("SELECT ?g ?v WHERE { GRAPH ?g { ?s <urn:test:p> ?v } }", {"v": Literal(text)})
            assert found.values("g") == [g2]
        kg.remove_graph(g1)
        kg.remove_graph(g2)
        kg.remove_graph(g2)  # absent: no error
        assert not kg.has_graph(g1)
        assert len(kg) == before
        assert not kg.query("ASK { <urn:test:s> ?p ?o }").boolean


@pytest.mark.server
def test_bulk_load_and_read_only(oxigraph_url: str) -> None:
    graph = URIRef("urn:test:bulk")
    with KnowledgeGraph(oxigraph_url) as kg:
        kg.backend.bulk_load([b"<urn:a> <urn:b> <urn:c> .\n", b"<urn:a> <urn:b> <urn:d> .\n"], "nt", graph)
        found = kg.query("SELECT ?g ?o WHERE { GRAPH ?g { <urn:a> <urn:b> ?o } }", {"g": graph})
        assert sorted(found.values("o")) == [URIRef("urn:c"), URIRef("urn:d")]  # type: ignore[type-var]
        kg.remove_graph(graph)
    with KnowledgeGraph(oxigraph_url, read_only=True) as kg, pytest.raises(StoreError, match="read-only"):
        kg.remove_graph(graph)


@pytest.mark.server
def test_errors_are_raised_not_swallowed(oxigraph_url: str) -> None:
    with KnowledgeGraph(oxigraph_url) as kg:
        with pytest.raises(QueryError, match="HTTP 400"):
            kg.query("SELECT * WHERE { ?s ?p }")
        with pytest.raises(QueryError, match="HTTP 400"):
            kg.backend.update("INSERT DATA { <urn:a> }")
    broken = RemoteBackend(f"{oxigraph_url}?store=no-such-endpoint&union=native")
    with pytest.raises(StoreError, match="HTTP 404"):
        broken.replace_graph(URIRef("urn:test:x"), Graph())
    broken.close()
    broken = RemoteBackend(f"{oxigraph_url}?update=no-such-endpoint")
    with pytest.raises(StoreError, match="HTTP 404"):
        broken.replace_graph(URIRef("urn:test:x"), Graph())
    broken.close()


def test_connection_refused_is_a_clear_error() -> None:
    with (
        KnowledgeGraph(f"http://127.0.0.1:{free_port()}") as kg,
        pytest.raises(StoreError, match="cannot reach"),
    ):
        kg.query("ASK {}")


@pytest.mark.server
def test_cli_verbs_work_against_the_server(remote_demo: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from diplograph.graph.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["stats", "--store", remote_demo])
    assert result.exit_code == 0, result.output
    assert "named graphs" in result.output
    result = runner.invoke(
        app,
        [
            "query",
            "--store",
            remote_demo,
            "--format",
            "csv",
            "-b",
            "a=id:state/CHN",
            "-b",
            "b=id:state/RUS",
            "-f",
            str(Path(__file__).parents[3] / "graph" / "queries" / "pair_events.rq"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") > 3
    out = tmp_path / "kg.nq"
    result = runner.invoke(app, ["export", "--store", remote_demo, "--format", "nq", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000
