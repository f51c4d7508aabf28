"""``diplograph serve``: the SPARQL 1.1 endpoint, tested over HTTP with clients not written for
us (SPARQLWrapper, curl), against a server process started on a free loopback port."""

from __future__ import annotations

import asyncio
import csv
import http.client
import io
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

import httpx
import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, XML, SPARQLWrapper
from typer.testing import CliRunner

from diplograph.graph import generation
from diplograph.graph.cli import app
from diplograph.graph.server.pool import DEMOTED_NICE
from diplograph.graph.store import KnowledgeGraph

STATES = "SELECT ?s WHERE { ?s a <https://w3id.org/diplograph/ontology#State> } ORDER BY ?s"
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
UNION = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
UNION_NAMED = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
CURL = shutil.which("curl")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"


def start_server(store: Path, *options: str) -> Server:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "diplograph", "serve", "--store", str(store), "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/sparql", timeout=2).status_code == 200:
                return Server(url, process)
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(
                f"serve did not start: {process.stderr.read().decode() if process.stderr else ''}"
            )
        time.sleep(0.2)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(5)


@pytest.fixture(scope="module")
def server(demo_store: Path) -> Iterator[Server]:
    running = start_server(
        demo_store,
        "--timeout",
        "1",
        "--max-results",
        "500",
        "--workers",
        "3",
        "--cors-origin",
        "https://client.example",
    )
    yield running
    stop_server(running)


def child_nices(parent: int) -> set[int]:
    """The nice values of the processes whose parent is ``parent`` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.add(int(fields[16]))
    return found


def ask(
    server: Server, query: str, accept: str = "application/sparql-results+json", **params: str
) -> httpx.Response:
    return httpx.get(server.sparql, params={"query": query, **params}, headers={"Accept": accept}, timeout=30)


def triples(server: Server, query: str = QUADS) -> int:
    return int(ask(server, query).json()["results"]["bindings"][0]["n"]["value"])


# Results in every format, through SPARQLWrapper


@pytest.mark.server
@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_json(server: Server, demo_kg: KnowledgeGraph, method: str) -> None:
    client = SPARQLWrapper(server.sparql)
    client.setMethod(method)
    client.setQuery(STATES)
    client.setReturnFormat(JSON)
    document = client.query().convert()
    got = [b["s"]["value"] for b in document["results"]["bindings"]]  # type: ignore[index]
    want = [str(s) for s in demo_kg.query(STATES).values("s")]
    assert got == want and len(got) > 190


@pytest.mark.server
def test_sparqlwrapper_xml_csv_tsv(server: Server, demo_kg: KnowledgeGraph) -> None:
    want = [str(s) for s in demo_kg.query(STATES).values("s")]
    client = SPARQLWrapper(server.sparql)
    client.setQuery(STATES)
    client.setReturnFormat(XML)
    tree = client.query().convert()
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert [u.firstChild.data for u in tree.getElementsByTagName("uri")] == want  # type: ignore[union-attr]
    client.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(client.query().convert().decode())))  # type: ignore[union-attr]
    assert rows[0] == ["s"] and [r[0] for r in rows[1:]] == want
    client.setReturnFormat(TSV)
    lines = client.query().convert().decode().splitlines()  # type: ignore[union-attr]
    assert lines[0] == "?s" and lines[1:] == [f"<{s}>" for s in want]
    assert (
        ET.fromstring(ask(server, "ASK { ?s ?p ?o }", "application/sparql-results+xml").content)
        .find(f"{ns}boolean")
        .text
        == "true"
    )  # type: ignore[union-attr]


@pytest.mark.server
def test_sparqlwrapper_construct(server: Server, demo_kg: KnowledgeGraph) -> None:
    query = (
        "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c . ?s a <https://w3id.org/diplograph/ontology#Organisation> }"
    )
    want = demo_kg.query(query).graph
    assert want is not None and len(want) > 10
    client = SPARQLWrapper(server.sparql)
    client.setQuery(query)
    client.setReturnFormat(TURTLE)
    turtle = Graph().parse(data=client.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert set(turtle) == set(want)
    client.setReturnFormat(JSONLD)
    assert set(client.query().convert()) == set(want)  # type: ignore[call-overload]
    nt = ask(server, query, "application/n-triples")
    assert nt.headers["content-type"].startswith("application/n-triples")
    assert set(Graph().parse(data=nt.text, format="nt")) == set(want)
    jsonld = ask(server, query, "application/ld+json")
    assert set(Graph().parse(data=jsonld.text, format="json-ld")) == set(want)


@pytest.mark.server
def test_format_parameter_and_content_negotiation(server: Server) -> None:
    assert (
        ask(server, STATES, "text/csv;q=0.5, text/tab-separated-values")
        .headers["content-type"]
        .startswith("text/tab-separated-values")
    )
    assert ask(server, STATES, "*/*").headers["content-type"] == "application/sparql-results+json"
    assert ask(server, STATES, "application/sparql-results+json", format="csv").text.startswith("s\r\n")
    refused = ask(server, STATES, "image/png")
    assert refused.status_code == 406 and "acceptable" in refused.text
    assert ask(server, "CONSTRUCT WHERE { ?s a ?c } LIMIT 1", "text/csv").status_code == 406


@pytest.mark.server
@pytest.mark.skipif(CURL is None, reason="curl is not installed")
def test_curl_get_and_both_posts(server: Server) -> None:
    assert CURL is not None
    get = subprocess.run(
        [CURL, "-sf", "-G", server.sparql, "--data-urlencode", f"query={STATES}", "-H", "Accept: text/csv"],
        capture_output=True,
        check=True,
        text=True,
    )
    form = subprocess.run(
        [CURL, "-sf", server.sparql, "--data-urlencode", f"query={STATES}", "-H", "Accept: text/csv"],
        capture_output=True,
        check=True,
        text=True,
    )
    direct = subprocess.run(
        [
            CURL,
            "-sf",
            server.sparql,
            "-H",
            "Content-Type: application/sparql-query",
            "-H",
            "Accept: text/csv",
            "--data-binary",
            STATES,
        ],
        capture_output=True,
        check=True,
        text=True,
    )
    assert get.stdout == form.stdout == direct.stdout
    assert get.stdout.count("\n") > 190


# Errors and refusals


@pytest.mark.server
def test_malformed_query_gets_the_parser_message(server: Server) -> None:
    response = ask(server, "SELECT * WHERE { ?s ?p }")
    assert response.status_code == 400
    assert "SPARQL syntax error" in response.text and "error at 1:" in response.text


@pytest.mark.server
@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "CLEAR ALL",
        "DROP ALL",
        "CREATE GRAPH <urn:x:g>",
        "PREFIX x: <urn:x:> WITH <urn:g> INSERT { ?s x:p 1 } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused_and_change_nothing(server: Server, demo_kg: KnowledgeGraph, text: str) -> None:
    before = triples(server)
    via_get = ask(server, text)
    via_form = httpx.post(server.sparql, data={"query": text}, timeout=30)
    via_update_form = httpx.post(server.sparql, data={"update": text}, timeout=30)
    via_update = httpx.post(
        f"{server.url}/update",
        content=text,
        headers={"Content-Type": "application/sparql-update"},
        timeout=30,
    )
    assert via_get.status_code == via_form.status_code == 403
    assert via_update.status_code == 403
    assert via_update_form.status_code == 400  # a form without query= is not a query request
    assert triples(server) == before
    assert triples(server, UNION) == len(demo_kg)


@pytest.mark.server
@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * { optional { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } } }",
    ],
)
def test_service_is_refused(server: Server, text: str) -> None:
    response = httpx.post(server.sparql, content=text, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 403 and "SERVICE" in response.text


@pytest.mark.server
def test_service_inside_a_string_is_data(server: Server) -> None:
    response = ask(server, 'ASK { FILTER("SERVICE <http://127.0.0.1:9/> { }" != "") }')
    assert response.status_code == 200 and response.json()["boolean"] is True


@pytest.mark.server
def test_oversize_and_unsupported_requests(server: Server) -> None:
    long_query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 70_000
    assert (
        httpx.post(
            server.sparql, content=long_query, headers={"Content-Type": "application/sparql-query"}
        ).status_code
        == 413
    )
    connection = http.client.HTTPConnection(server.url.removeprefix("http://"), timeout=30)
    connection.request(
        "GET", "/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + "x" * 66_000)
    )
    assert connection.getresponse().status == 414
    connection.close()
    assert (
        httpx.post(server.sparql, content=STATES, headers={"Content-Type": "text/plain"}).status_code == 415
    )
    assert (
        httpx.get(server.sparql, params={"query": STATES}, headers={"Host": "evil.example"}).status_code
        == 400
    )


@pytest.mark.server
def test_result_size_limit(server: Server) -> None:
    too_many = ask(server, "SELECT * WHERE { ?s ?p ?o }")
    assert too_many.status_code == 422 and "more than 500" in too_many.text
    assert ask(server, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle").status_code == 422
    assert len(ask(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 500").json()["results"]["bindings"]) == 500


@pytest.mark.server
def test_time_limit_stops_a_runaway_query_while_others_are_served(server: Server) -> None:
    nices: set[int] = set()

    async def scenario() -> tuple[httpx.Response, float, list[float], list[int]]:
        async with httpx.AsyncClient(timeout=30) as runaway_client, httpx.AsyncClient(timeout=30) as client:
            started = time.perf_counter()
            runaway = asyncio.create_task(runaway_client.get(server.sparql, params={"query": EXPENSIVE}))
            await asyncio.sleep(0.2)
            latencies, statuses = [], []
            while not runaway.done():
                t0 = time.perf_counter()
                answer = await client.get(server.sparql, params={"query": "ASK { ?s a ?c }"})
                latencies.append(time.perf_counter() - t0)
                statuses.append(answer.status_code)
                nices.update(child_nices(server.process.pid))
                await asyncio.sleep(0.05)
            response = await runaway
            return response, time.perf_counter() - started, latencies, statuses

    response, elapsed, latencies, statuses = asyncio.run(scenario())
    assert response.status_code == 504
    assert "stopped after 1 s" in response.text
    assert elapsed < 5
    assert len(latencies) >= 3 and set(statuses) == {200}
    assert max(latencies) < 0.5
    assert DEMOTED_NICE in nices  # past --demote-after, the runaway's worker ran at a lower priority
    time.sleep(3)  # the killed worker is replaced; the server answers everything again
    with ThreadPoolExecutor(6) as pool:
        assert set(pool.map(lambda _: ask(server, "ASK {}").status_code, range(12))) == {200}


# Browser support


@pytest.mark.server
def test_cors_preflight_and_headers(server: Server) -> None:
    preflight = httpx.options(
        server.sparql,
        headers={
            "Origin": "https://client.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://client.example"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    simple = httpx.get(
        server.sparql, params={"query": "ASK {}"}, headers={"Origin": "https://client.example"}
    )
    assert simple.headers["access-control-allow-origin"] == "https://client.example"
    other = httpx.options(
        server.sparql, headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert other.status_code == 400


@pytest.mark.server
def test_service_description(server: Server) -> None:
    sd = "http://www.w3.org/ns/sparql-service-description#"
    turtle = httpx.get(server.sparql, headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert (None, URIRef(sd + "endpoint"), URIRef(server.sparql)) in graph
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph
    assert (None, URIRef(sd + "feature"), URIRef(sd + "UnionDefaultGraph")) in graph
    assert (
        None,
        URIRef(sd + "resultFormat"),
        URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON"),
    ) in graph
    assert (None, URIRef(sd + "defaultDataset"), None) in graph
    jsonld = httpx.get(server.sparql, headers={"Accept": "application/ld+json"})
    assert set(Graph().parse(data=jsonld.text, format="json-ld").predicates()) == set(graph.predicates())


@pytest.mark.server
def test_query_page_lists_examples_and_escapes(server: Server) -> None:
    from diplograph.graph.query import example_queries

    page = httpx.get(server.url + "/")
    assert page.status_code == 200 and "<textarea" in page.text
    assert "cdn" not in page.text.lower() and "<script src" not in page.text
    data = page.text.split('id="data">', 1)[1].split("</script>", 1)[0]
    assert set(json.loads(data)["examples"]) == set(example_queries())
    assert "textContent" in page.text and "innerHTML" not in page.text


@pytest.mark.server
def test_default_graph_uri_is_honoured(server: Server) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    union = int(ask(server, query).json()["results"]["bindings"][0]["n"]["value"])
    graph = "https://w3id.org/diplograph/id/graph/curated/chn-rus"
    one = ask(server, query, **{"default-graph-uri": graph}).json()
    assert 0 < int(one["results"]["bindings"][0]["n"]["value"]) < union


@pytest.mark.server
def test_viz_pages_when_available(server: Server) -> None:
    from diplograph.graph.server.app import Endpoint

    pages = Endpoint.pages()
    for path in ("/graph", "/timeline"):
        response = httpx.get(server.url + path, params={"a": "CHN", "b": "RUS"}, timeout=60)
        if path in pages:
            assert response.status_code == 200 and "<html" in response.text.lower()
        else:
            assert response.status_code == 404


# Network isolation of the workers (belt and braces behind the SERVICE check)


class _Recorder(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        _Recorder.hits.append(self.path)
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"outside"}}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.server
def test_isolated_workers_cannot_reach_the_network(demo_store: Path) -> None:
    from diplograph.graph.server.pool import WorkerPool
    from diplograph.graph.server.worker import Job

    outside = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=outside.serve_forever, daemon=True)
    thread.start()
    query = (
        f"SELECT ?x WHERE {{ SERVICE <http://127.0.0.1:{outside.server_address[1]}/sparql> {{ ?x ?y ?z }} }}"
    )

    async def run(isolate: bool) -> tuple[bool, int, bytes]:
        pool = WorkerPool(str(demo_store / "oxigraph"), 1, isolate=isolate)
        await pool.start()
        try:
            answer = await pool.run(Job("query", query, "json"), 10)
        finally:
            await pool.close()
        return pool.isolated, answer.status, answer.body

    try:
        isolated, status, _ = asyncio.run(run(True))
        if not isolated:
            pytest.skip("this kernel does not allow network namespaces")
        assert status == 500 and not _Recorder.hits
        open_status, open_body = asyncio.run(run(False))[1:]
        assert open_status == 200 and b"outside" in open_body and _Recorder.hits
    finally:
        outside.shutdown()


# Updates, when allowed


@pytest.mark.server
def test_updates_with_a_token(demo_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(demo_store, store)
    running = start_server(store, "--allow-update", "--token", "s3cret", "--cache-mb", "4")
    try:
        update = "INSERT DATA { GRAPH <urn:test:g> { <urn:test:a> <urn:test:b> 'c' } }"
        before = triples(running)
        no_token = httpx.post(f"{running.url}/update", data={"update": update})
        wrong = httpx.post(
            f"{running.url}/update", data={"update": update}, headers={"Authorization": "Bearer nope"}
        )
        assert no_token.status_code == wrong.status_code == 401
        at_query = httpx.post(running.sparql, data={"query": update})
        assert at_query.status_code == 403
        load = httpx.post(
            f"{running.url}/update",
            data={"update": "LOAD <http://127.0.0.1:9/x.ttl>"},
            headers={"Authorization": "Bearer s3cret"},
        )
        assert load.status_code == 403
        assert triples(running) == before
        token = generation.current(store)
        done = httpx.post(
            f"{running.url}/update",
            content=update,
            headers={"Authorization": "Bearer s3cret", "Content-Type": "application/sparql-update"},
        )
        assert done.status_code == 204
        assert triples(running) == before + 1
        assert generation.current(store) not in (None, token)  # views of the old store are stale
        # the default graph (what queries see) stays the set union of the named graphs
        seen = "ASK { <urn:test:a> <urn:test:b> 'c' }"
        union_before = triples(running, UNION)
        assert ask(running, seen).json()["boolean"] is True
        assert union_before == triples(running, UNION_NAMED)

        def write(text: str) -> httpx.Response:
            return httpx.post(
                f"{running.url}/update", data={"update": text}, headers={"Authorization": "Bearer s3cret"}
            )

        assert write(update.replace("urn:test:g", "urn:test:h")).status_code == 204
        assert triples(running, UNION) == union_before  # a set: held twice, counted once
        deleted = write("DELETE DATA { GRAPH <urn:test:g> { <urn:test:a> <urn:test:b> 'c' } }")
        assert deleted.status_code == 204
        assert ask(running, seen).json()["boolean"] is True  # urn:test:h still holds it
        assert write("DELETE WHERE { GRAPH <urn:test:h> { ?s <urn:test:b> ?o } }").status_code == 204
        assert ask(running, seen).json()["boolean"] is False
        assert triples(running, UNION) == triples(running, UNION_NAMED) == union_before - 1
        refused = write("INSERT DATA { <urn:test:a> <urn:test:b> 'd' }")
        assert refused.status_code == 400 and "named graph" in refused.text
        assert triples(running, UNION) == union_before - 1
        assert write(update).status_code == 204
        description = httpx.get(running.sparql, headers={"Accept": "text/turtle"}).text
        assert "SPARQL11Update" in description
    finally:
        stop_server(running)
    with KnowledgeGraph(store, read_only=True) as kg:
        assert kg.has_graph(URIRef("urn:test:g"))


# The CLI verb


def test_serve_help() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in (
        "--timeout",
        "--max-results",
        "--allow-update",
        "--token",
        "--allow-service",
        "--cors-origin",
    ):
        assert option in result.output


def test_serve_startup_errors(tmp_path: Path, demo_store: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["serve", "--store", str(tmp_path / "nothing")])
    assert missing.exit_code == 1 and "no diplograph store" in missing.output
    no_token = runner.invoke(app, ["serve", "--store", str(demo_store), "--allow-update"])
    assert no_token.exit_code == 2 and "--token" in no_token.output
    remote = runner.invoke(app, ["serve", "--store", "http://127.0.0.1:9/"])
    assert remote.exit_code == 2 and "store directory" in remote.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = runner.invoke(app, ["serve", "--store", str(demo_store), "--port", str(port)])
    assert busy.exit_code == 1 and "already in use" in busy.output
