"""The query worker: a child process that runs SPARQL on the store and answers in bytes.

Each worker opens the store itself (read-only unless the server allows updates), cut off
from the network first when federation is off, then answers jobs from its pipe one at a time.
The supervisor (:mod:`diplograph.graph.server.pool`) kills a worker that overruns the time
limit: pyoxigraph cannot cancel a running query, a process can always be ended.

This module stays light (no web framework): every worker process imports it.

>>> store = ox.Store()
>>> run_job(store, Job("query", "ASK { ?s ?p ?o }", "json"))
Answer(status=200, body=b'{"head":{},"boolean":false}', media_type='application/sparql-results+json')
"""

from __future__ import annotations

import ctypes
import json
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox

from diplograph.graph import generation
from diplograph.graph.namespace import PREFIXES

JobKind = Literal["query", "update"]

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
TURTLE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "id"}  # id:state/X is not a local name
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


@dataclass(frozen=True)
class Job:
    """One request for a worker: a query (answered in ``fmt``) or an update."""

    kind: JobKind
    text: str
    fmt: str = "json"
    max_results: int = 10_000
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """A worker's reply: an HTTP status, the body, and its media type."""

    status: int
    body: bytes
    media_type: str = "text/plain; charset=utf-8"


@dataclass
class WorkerState:
    """What a worker reports once it is ready."""

    isolated: bool
    notes: list[str] = field(default_factory=list)


def isolate_network() -> str | None:
    """Move this process into a new, empty network namespace (only a down loopback).

    Must run before any thread starts (RocksDB starts threads when the store opens).

    Returns:
        ``None`` on success, else why it was not possible (the parser check still applies).
    """
    libc = ctypes.CDLL(None, use_errno=True)
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return None
    import os

    return f"unshare(CLONE_NEWNET) failed: {os.strerror(ctypes.get_errno())}"


def open_store(database: str, *, writable: bool) -> ox.Store:
    """Open the Oxigraph database directory (``<store>/oxigraph``)."""
    return ox.Store(database) if writable else ox.Store.read_only(database)


def _term_json(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _term_json(term.subject),
                "predicate": _term_json(term.predicate),
                "object": _term_json(term.object),
            },
        }
    raise TypeError(f"unsupported term {term!r}")


def _too_many(limit: int) -> Answer:
    return Answer(
        422,
        f"result too large: more than {limit} results (the server's --max-results); "
        "add a LIMIT or narrow the query".encode(),
    )


def run_job(store: ox.Store, job: Job) -> Answer:
    """Run one job on the store; errors become answers (400 for the parser's messages).

    Results are read one at a time and stop at ``job.max_results + 1``, so a huge result
    ends with an error instead of filling memory.
    """
    if job.kind == "update":
        try:
            store.update(job.text, prefixes=PREFIXES)
        except SyntaxError as error:
            return Answer(400, f"SPARQL syntax error: {error}".encode())
        except OSError as error:
            return Answer(500, f"update failed: {error}".encode())
        return Answer(204, b"")
    # The store's default graph is the union (a set) of the named graphs, kept so by every
    # diplograph write (see diplograph.graph.backends.embedded): plain queries just use it.
    options: dict[str, Any] = {"prefixes": PREFIXES}
    try:
        if job.default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        if job.named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    except ValueError as error:
        return Answer(400, f"default-graph-uri/named-graph-uri must be IRIs: {error}".encode())
    try:
        answer = store.query(job.text, **options)
        return _serialize(answer, job)
    except SyntaxError as error:
        return Answer(400, f"SPARQL syntax error: {error}".encode())
    except (OSError, ValueError, TypeError) as error:
        return Answer(500, f"query failed: {error}".encode())


def _serialize(answer: Any, job: Job) -> Answer:
    if isinstance(answer, ox.QueryTriples):
        if job.fmt not in GRAPH_FORMATS:
            return Answer(406, f"a graph result cannot be written as {job.fmt}".encode())
        triples: list[ox.Triple] = []
        for triple in answer:
            if len(triples) >= job.max_results:
                return _too_many(job.max_results)
            triples.append(triple)
        prefixes = TURTLE_PREFIXES if job.fmt in {"turtle", "rdfxml"} else None
        body = ox.serialize(triples, format=GRAPH_FORMATS[job.fmt], prefixes=prefixes)
        return Answer(200, bytes(body or b""), MEDIA_TYPES[job.fmt])
    if job.fmt not in RESULT_FORMATS:
        return Answer(406, f"query results cannot be written as {job.fmt}".encode())
    if isinstance(answer, ox.QueryBoolean):
        document: dict[str, Any] = {"head": {}, "boolean": bool(answer)}
    else:
        names = [v.value for v in answer.variables]
        bindings: list[dict[str, Any]] = []
        for solution in answer:
            if len(bindings) >= job.max_results:
                return _too_many(job.max_results)
            row = {}
            for name, term in zip(names, solution, strict=True):
                if term is not None:
                    row[name] = _term_json(term)
            bindings.append(row)
        document = {"head": {"vars": names}, "results": {"bindings": bindings}}
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if job.fmt != "json":
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        body = bytes(parsed.serialize(format=RESULT_FORMATS[job.fmt]) or b"")
    return Answer(200, body, MEDIA_TYPES[job.fmt])


def serve_jobs(conn: Connection, database: str, writable: bool, isolate: bool) -> None:
    """A worker's life: isolate, open the store, report ready, answer jobs until the pipe closes."""
    notes = []
    isolated = False
    if isolate:
        problem = isolate_network()
        isolated = problem is None
        if problem:
            notes.append(problem)
    try:
        store = open_store(database, writable=writable)
    except (OSError, RuntimeError) as error:
        conn.send(("failed", str(error)))
        return
    conn.send(("ready", WorkerState(isolated=isolated, notes=notes)))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break
        answer = run_job(store, job)
        if job.kind == "update" and answer.status == 204:
            generation.renew(Path(database).parent)  # views of the store before it are stale
        conn.send(answer)
    if writable:
        store.flush()
