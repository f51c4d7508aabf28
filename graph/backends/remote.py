"""A store on any SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, Virtuoso, Neptune) over HTTP.

Location syntax (the ``--store`` value)::

    http[s]://[user:password@]host[:port][/path][?query=Q&update=U&store=S&union=materialized|native]

The base URL is the server; ``query``, ``update`` and ``store`` name the SPARQL query, SPARQL
update and Graph Store Protocol endpoints, relative to the base (or absolute URLs). They
default to ``query``, ``update`` and ``store``: the layout of ``oxigraph serve``, so
``http://localhost:7878`` just works.

Queries see the union of the named graphs, as a set (a triple stated by k article graphs is
one triple, as in the embedded store). ``union=materialized`` (default) keeps that union in
the server's default graph, as the embedded store does: each write is one SPARQL update
request (atomic on Oxigraph, Fuseki/TDB2, GraphDB) that replaces the named graph and brings
the default graph up to date. ``union=native`` is for servers whose default graph already is
the union of the named graphs (Virtuoso, GraphDB, Neptune, Fuseki with ``unionDefaultGraph``):
writes are then Graph Store Protocol ``PUT``/``DELETE`` of the named graph only.
(Oxigraph's ``union-default-graph`` parameter is not used: it is a bag, and joins over
triples restated by many articles multiply rows.)

``user:password@`` sends HTTP basic auth; a bearer token is read from ``$DIPLOGRAPH_REMOTE_TOKEN``.

Queries with bindings: the protocol has no substitution, so the bindings become a ``VALUES``
block at the start of the outermost ``WHERE`` group (FILTERs and COALESCE in that group see
them), with terms written by rdflib's ``n3()``; the rest of the query text is untouched.

Writes are per graph: ``replace_graphs`` replaces graph after graph (each graph whole, the set
not one transaction). Every failed request raises: nothing is silently dropped.

>>> endpoints_of("http://localhost:7878").query
'http://localhost:7878/query'
>>> inject_values("SELECT ?x WHERE { ?x ?p ?o }", {"x": URIRef("urn:a")})
'SELECT ?x WHERE { VALUES (?x) { (<urn:a>) } ?x ?p ?o }'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from diplograph.graph.backends.union import drop
from diplograph.graph.error import QueryError, StoreError
from diplograph.graph.querytext import inject_values
from diplograph.graph.result import QueryResult, term_from_json

if TYPE_CHECKING:
    from diplograph.graph.backends.embedded import EmbeddedBackend

TOKEN_VAR = "DIPLOGRAPH_REMOTE_TOKEN"  # noqa: S105 (a variable name, not a secret)
TIMEOUT = httpx.Timeout(300.0, connect=10.0)
_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_NQUADS = "application/n-quads"
_UPLOAD_TYPES = {"nq": _NQUADS, "nt": _NTRIPLES, "ttl": "text/turtle", "trig": "application/trig"}


@dataclass(frozen=True)
class Endpoints:
    """Where a SPARQL server answers, and how to ask it."""

    base: str
    query: str
    update: str
    store: str
    union: str = "materialized"
    auth: tuple[str, str] | None = None


def endpoints_of(location: str) -> Endpoints:
    """Read a remote store location (see the module docstring for the syntax).

    >>> e = endpoints_of("http://u:p@h:3030/ds?store=data&union=native")
    >>> (e.query, e.store, e.union, e.auth)
    ('http://h:3030/ds/query', 'http://h:3030/ds/data', 'native', ('u', 'p'))
    """
    parts = urlsplit(location)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise StoreError(f"{location!r} is not an http(s) URL of a SPARQL server")
    options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    unknown = set(options) - {"query", "update", "store", "union"}
    if unknown:
        raise StoreError(
            f"unknown store URL option(s) {', '.join(sorted(unknown))}: use query, update, store, union"
        )
    union = options.get("union", "materialized")
    if union not in {"materialized", "native"}:
        raise StoreError(
            "union= is 'materialized' (default) or 'native' (the server's default graph is the union)"
        )
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if parts.port:
        netloc += f":{parts.port}"
    base = urlunsplit((parts.scheme, netloc, parts.path.rstrip("/") + "/", "", ""))
    auth = (parts.username or "", parts.password or "") if parts.username else None
    return Endpoints(
        base=base.rstrip("/"),
        query=urljoin(base, options.get("query", "query")),
        update=urljoin(base, options.get("update", "update")),
        store=urljoin(base, options.get("store", "store")),
        union=union,
        auth=auth,
    )


class RemoteBackend:
    """The :class:`~diplograph.graph.backends.Backend` protocol over SPARQL 1.1 Protocol and GSP."""

    def __init__(self, location: str, *, read_only: bool = False, client: httpx.Client | None = None) -> None:
        self.location = location
        self.read_only = read_only
        self.endpoints = endpoints_of(location)
        headers = {"User-Agent": "diplograph"}
        token = os.environ.get(TOKEN_VAR)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._client = client or httpx.Client(timeout=TIMEOUT, headers=headers, auth=self.endpoints.auth)

    # HTTP
    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.ConnectError as error:
            raise StoreError(
                f"cannot reach the SPARQL server at {url}: {error}; is it running, and is the "
                "store URL right? (syntax in diplograph.graph.backends.remote)"
            ) from error
        except httpx.TimeoutException as error:
            raise StoreError(f"the SPARQL server at {url} did not answer in time: {error}") from error
        except httpx.HTTPError as error:
            raise StoreError(f"request to {url} failed: {error}") from error
        return response

    @staticmethod
    def _check(response: httpx.Response, what: str, *, query: bool = False) -> httpx.Response:
        if response.is_success:
            return response
        message = response.text.strip()[:2000] or response.reason_phrase
        where = response.request.url.copy_with(query=None)
        text = f"{what} failed: HTTP {response.status_code} from {where}: {message}"
        if query and response.status_code == 400:
            raise QueryError(text)
        raise StoreError(text)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only")

    def _post_query(self, sparql: str, accept: str) -> httpx.Response:
        form = {"query": sparql}
        response = self._send("POST", self.endpoints.query, data=form, headers={"Accept": accept})
        return self._check(response, "query", query=True)

    # Backend protocol
    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run a query over the union of the named graphs; bindings become a VALUES block."""
        text = inject_values(sparql, bindings)
        response = self._post_query(text, f"{_RESULTS_JSON}, {_NTRIPLES};q=0.9, text/turtle;q=0.8")
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media in {_RESULTS_JSON, "application/json"}:
            return _parse_results(response.content)
        graph = Graph()
        rdf_format = {"text/turtle": "turtle", "application/rdf+xml": "xml"}.get(media, "nt")
        graph.parse(data=response.content, format=rdf_format)
        return QueryResult.of_graph(graph)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (form-encoded POST, which every SPARQL 1.1 server accepts)."""
        self._writable()
        self._check(self._send("POST", self.endpoints.update, data={"update": sparql}), "update", query=True)

    @property
    def materialized(self) -> bool:
        """Whether this backend keeps the union in the server's default graph."""
        return self.endpoints.union == "materialized"

    def replace_graph(self, graph: URIRef, content: Graph) -> None:
        """Make the named graph hold exactly ``content``.

        Materialized union: one update request (unmerge the old version from the default
        graph, drop, insert the N-Triples, add to the default graph). Native union: a Graph
        Store Protocol PUT of N-Triples.
        """
        self._writable()
        data = content.serialize(format="nt", encoding="utf-8")
        if self.materialized:
            node = _iri(graph)
            self.update(
                f"{drop(node)} ;\n"
                f"INSERT DATA {{ GRAPH {node} {{\n{data.decode('utf-8')}\n}} }} ;\n"
                f"ADD SILENT GRAPH {node} TO DEFAULT"
            )
            return
        response = self._send(
            "PUT",
            self.endpoints.store,
            params={"graph": str(graph)},
            content=data,
            headers={"Content-Type": _NTRIPLES},
        )
        self._check(response, f"replacing <{graph}>")

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        """One PUT per graph: each graph is replaced whole, the set is not one transaction."""
        for graph, content in graphs.items():
            self.replace_graph(graph, content)

    def remove_graph(self, graph: URIRef) -> None:
        """Delete a named graph (and, materialized, its triples no other graph holds from the union)."""
        self._writable()
        if self.materialized:
            node = _iri(graph)
            self.update(drop(node))
            return
        response = self._send("DELETE", self.endpoints.store, params={"graph": str(graph)})
        if response.status_code != 404:
            self._check(response, f"removing <{graph}>")

    def has_graph(self, graph: URIRef) -> bool:
        """ASK whether the named graph holds a triple."""
        answer = self.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
        return bool(answer.boolean)

    def graphs(self) -> list[URIRef]:
        """The named graphs that hold triples, sorted."""
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(g for g in result.values("g") if isinstance(g, URIRef))

    def count(self) -> int:
        """Number of distinct triples in the union of the named graphs (the default graph)."""
        response = self._post_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", _RESULTS_JSON)
        value = _parse_results(response.content).values("n")[0]
        return int(str(value)) if value is not None else 0

    def dump(self, rdf_format: str, graph: URIRef | None = None) -> bytes:
        """Serialise the store (or one graph): fetched as N-Quads/N-Triples, written locally."""
        from diplograph.graph.backends.embedded import EmbeddedBackend

        local = EmbeddedBackend(":memory:")
        try:
            if graph is not None:
                data = self._get_graph(graph)
                local.bulk_load([data], "nt", graph)
            else:
                self._copy_dataset(local)
            return local.dump(rdf_format, graph)
        finally:
            local.close()

    def _get_graph(self, graph: URIRef) -> bytes:
        response = self._send(
            "GET", self.endpoints.store, params={"graph": str(graph)}, headers={"Accept": _NTRIPLES}
        )
        if response.status_code == 404:
            return b""
        return self._check(response, f"reading <{graph}>").content

    def _copy_dataset(self, local: EmbeddedBackend) -> None:
        response = self._send("GET", self.endpoints.store, headers={"Accept": _NQUADS})
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if response.is_success and media == _NQUADS:  # the named graphs; the union is rebuilt
            named = (
                q
                for q in ox.parse(response.content, format=ox.RdfFormat.N_QUADS)
                if not isinstance(q.graph_name, ox.DefaultGraph)
            )
            local.oxigraph.extend(named)
            local.oxigraph.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            return
        # No dataset GET on this server: read every named graph's quads with a query.
        from diplograph.graph.backends.embedded import to_ox

        result = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        local.oxigraph.extend(
            ox.Quad(*(to_ox(term) for term in row if term is not None))  # type: ignore[arg-type]
            for row in result.rows
        )
        local.oxigraph.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def bulk_load(self, data: Iterable[bytes], rdf_format: str, graph: URIRef | None) -> None:
        """POST each chunk to the graph store (added to what is there; not transactional)."""
        self._writable()
        media = _UPLOAD_TYPES.get(rdf_format)
        if media is None:
            raise StoreError(f"cannot upload {rdf_format}; use one of {', '.join(_UPLOAD_TYPES)}")
        params: dict[str, str] = {}
        if graph is not None:
            params["graph"] = str(graph)
        elif rdf_format in {"nt", "ttl"}:
            params["default"] = ""
        for chunk in data:
            response = self._send(
                "POST", self.endpoints.store, params=params, content=chunk, headers={"Content-Type": media}
            )
            self._check(response, "bulk load")
        if self.materialized:
            self.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()


def _iri(graph: URIRef) -> str:
    """A graph IRI in SPARQL syntax, refused unless it is a valid IRI (NamedNode checks it)."""
    try:
        return str(ox.NamedNode(str(graph)))
    except ValueError as error:
        raise StoreError(f"not a valid graph IRI: {graph!r}") from error


def _parse_results(content: bytes) -> QueryResult:
    import json

    try:
        document = json.loads(content)
    except ValueError as error:
        raise QueryError(f"the server's results are not JSON: {error}") from error
    if "boolean" in document:
        return QueryResult.ask(bool(document["boolean"]))
    names = list(document.get("head", {}).get("vars", []))
    rows = [tuple(_term(binding.get(name)) for name in names) for binding in document["results"]["bindings"]]
    return QueryResult.select(names, rows)


def _term(data: dict[str, str] | None) -> Identifier | None:
    return None if data is None else term_from_json(data)


__all__ = ["Endpoints", "RemoteBackend", "endpoints_of", "inject_values"]
