"""The embedded store: Oxigraph (pyoxigraph) on disk or in memory.

Queries run on the default graph, which every write keeps equal to the union (an RDF merge)
of the named graphs. Oxigraph's own ``use_default_graph_as_union`` is a bag: a triple held by
k article graphs is seen k times, and a join of n such patterns yields k^n rows (measured:
out of memory at 10^4 events). The materialised union is a set.

A store directory holds a marker file naming it a diplograph store and the Oxigraph
database in ``oxigraph/``; anything else is refused rather than written into.

>>> backend = EmbeddedBackend(":memory:")
>>> backend.count()
0
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from diplograph.graph import generation
from diplograph.graph.backends import bulk
from diplograph.graph.backends.union import drop
from diplograph.graph.error import (
    CorruptStoreError,
    MissingStoreError,
    NotAStoreError,
    QueryError,
    StoreError,
    StoreLockedError,
)
from diplograph.graph.namespace import PREFIXES
from diplograph.graph.querytext import inject_values
from diplograph.graph.result import QueryResult

MARKER = "diplograph-store.json"
DATABASE = "oxigraph"
FORMAT_VERSION = 2
#: Store formats this version opens: 1 lacks the timeline index (added on the first writable open).
READABLE_VERSIONS = (1, 2)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

RDF_FORMATS = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def to_ox(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term.

    >>> to_ox(URIRef("http://example.org/a"))
    <NamedNode value=http://example.org/a>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot bind {term!r}: not an RDF term")


def from_ox(term: object) -> Identifier:
    """A pyoxigraph term as an rdflib term.

    >>> from_ox(ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


class EmbeddedBackend:
    """Oxigraph in this process: ``:memory:`` or a directory on disk."""

    def __init__(self, location: str | Path, *, read_only: bool = False, create: bool = True) -> None:
        self.location = str(location)
        self.read_only = read_only
        self._lock = threading.Lock()
        #: Whether the store predates the timeline index (format 1): see ``KnowledgeGraph.reindex``.
        self.needs_index = False
        if self.location == ":memory:":
            self._store = ox.Store()
            return
        self._store = self._open_directory(Path(location), read_only=read_only, create=create)
        self.needs_index = json.loads((Path(location) / MARKER).read_text()).get("version") == 1
        if not read_only and generation.current(location) is None:
            generation.renew(location)  # a store from before generations: give it one

    def mark_indexed(self) -> None:
        """Record that the store holds the timeline index (store format 2)."""
        self._writable()
        if self.location != ":memory:":
            marker = Path(self.location) / MARKER
            marker.write_text(json.dumps({"format": "diplograph-store", "version": FORMAT_VERSION}))
        self.needs_index = False

    @staticmethod
    def _open_directory(path: Path, *, read_only: bool, create: bool) -> ox.Store:
        marker = path / MARKER
        if path.exists() and not path.is_dir():
            raise NotAStoreError(f"{path} is a file, not a diplograph store directory")
        if not marker.exists():
            if path.exists() and any(path.iterdir()):
                raise NotAStoreError(
                    f"{path} is not empty and is not a diplograph store (no {MARKER}); "
                    "choose an empty or new directory"
                )
            if read_only or not create:
                raise MissingStoreError(
                    f"no diplograph store at {path}; build one with `diplograph demo` or "
                    "`diplograph ingest`, or point --store/DIPLOGRAPH_STORE at one"
                )
            path.mkdir(parents=True, exist_ok=True)
            marker.write_text(json.dumps({"format": "diplograph-store", "version": FORMAT_VERSION}))
            generation.renew(path)
        else:
            try:
                info = json.loads(marker.read_text())
            except (OSError, ValueError) as error:
                raise CorruptStoreError(f"{marker} is unreadable: {error}") from error
            if not isinstance(info, dict) or info.get("format") != "diplograph-store":
                raise NotAStoreError(f"{marker} does not describe a diplograph store")
            if info.get("version") not in READABLE_VERSIONS:
                raise StoreError(
                    f"{path} has store format {info.get('version')}, this diplograph reads "
                    f"{', '.join(map(str, READABLE_VERSIONS))}; export it with the version that wrote it"
                )
        database = path / DATABASE
        try:
            if read_only:
                if not database.exists():
                    raise CorruptStoreError(f"{path} has no database ({DATABASE}/ is missing)")
                return ox.Store.read_only(str(database))
            return ox.Store(str(database))
        except (OSError, RuntimeError) as error:
            message = str(error)
            if "lock" in message.lower() or "resource temporarily unavailable" in message.lower():
                raise StoreLockedError(
                    f"the store at {path} is open for writing elsewhere (another diplograph "
                    "process, or opened twice); close it first, or read it with a read-only verb"
                ) from error
            raise CorruptStoreError(f"cannot open the database of {path}: {message}") from error

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only")

    def _renew(self) -> None:
        """A write is committed: a new generation (derived views of the old one are stale)."""
        if self.location != ":memory:":
            generation.renew(self.location)

    def replace_graph(self, graph: URIRef, content: Graph) -> None:
        """Write ``content`` to a staging graph, then move it over ``graph`` in one update."""
        self.replace_graphs({graph: content})

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        """Replace named graphs, keeping the default graph the union of the named graphs.

        A new graph is written in one transaction: its quads and their copies in the default
        graph together. An existing graph is first removed (with the triples only it held
        taken out of the union) in one update, then written: a crash in between leaves that
        source wholly absent, never half-written, and a re-run writes it again.
        """
        self._writable()
        with self._lock:
            for target, content in graphs.items():
                node = ox.NamedNode(str(target))
                if self._store.contains_named_graph(node):
                    # IRIs here are minted by diplograph (validated by NamedNode), never user text.
                    self._store.update(drop(str(node)))
                quads = []
                default = ox.DefaultGraph()
                for s, p, o in content:
                    subject, predicate, obj = to_ox(s), to_ox(p), to_ox(o)  # type: ignore[arg-type]
                    if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
                        raise ValueError(f"not an RDF triple: {s} {p} {o}")
                    quads.append(ox.Quad(subject, predicate, obj, node))
                    quads.append(ox.Quad(subject, predicate, obj, default))
                self._store.extend(quads)
            self._renew()

    def remove_graph(self, graph: URIRef) -> None:
        """Delete a named graph (and its triples from the union no other graph holds)."""
        self._writable()
        node = ox.NamedNode(str(graph))
        if self._store.contains_named_graph(node):
            self._store.update(drop(str(node)))
            self._renew()

    def has_graph(self, graph: URIRef) -> bool:
        """Whether the named graph exists and is not empty."""
        node = ox.NamedNode(str(graph))
        return next(iter(self._store.quads_for_pattern(None, None, None, node)), None) is not None

    def graphs(self) -> list[URIRef]:
        """The named graphs, sorted."""
        return sorted(URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run a query over the union of all graphs, with variables pre-bound."""
        try:
            substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
                ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()
            }
        except ValueError as error:
            raise QueryError(f"invalid value bound to a query variable: {error}") from error
        try:
            answer = self._run(sparql, bindings, substitutions)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from error
        except OSError as error:
            raise QueryError(f"query failed: {error}") from error
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult.ask(bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            return QueryResult.select(names, _convert_rows(answer))
        graph = Graph()
        for triple in answer:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return QueryResult.of_graph(graph)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update in one transaction."""
        self._writable()
        try:
            self._store.update(sparql)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from error
        self._renew()

    def dump(self, rdf_format: str, graph: URIRef | None = None) -> bytes:
        """Serialise the store or one named graph.

        Quad formats (nq, trig) give the named graphs; triple formats (ttl, nt, jsonld) of the
        whole store give their union (the default graph, which diplograph keeps as the union).
        """
        fmt = RDF_FORMATS[rdf_format]
        prefixes = None
        if rdf_format in {"trig", "ttl", "turtle"}:
            prefixes = {k: v for k, v in PREFIXES.items() if k != "id"}
        data: bytes | None
        if graph is not None:
            source = ox.NamedNode(str(graph))
            if rdf_format in {"nq", "trig"}:
                quads = self._store.quads_for_pattern(None, None, None, source)
                data = ox.serialize(quads, format=fmt, prefixes=prefixes)
            else:
                data = self._store.dump(format=fmt, from_graph=source, prefixes=prefixes)
        elif rdf_format in {"nq", "trig"}:
            # The named graphs only: the default graph is their union, kept for queries.
            named = (q for q in self._store if not isinstance(q.graph_name, ox.DefaultGraph))
            data = ox.serialize(named, format=fmt, prefixes=prefixes)
        else:
            data = self._store.dump(format=fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)
        return data or b""

    def count(self) -> int:
        """Number of distinct triples in the union of the named graphs."""
        answer = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(answer, ox.QuerySolutions)
        return int(next(iter(answer))[0].value)

    def bulk_load(self, data: Iterable[bytes], rdf_format: str, graph: URIRef | None) -> None:
        """Fast, non-transactional load of N-Quads or N-Triples chunks into named graphs.

        Each chunk goes to Oxigraph's loader for its named graphs and, its graph terms cut off,
        for the union (the default graph), which stays a set without a pass over the store
        (:mod:`~diplograph.graph.backends.bulk`).
        """
        self._writable()
        target = ox.NamedNode(str(graph)) if graph is not None else None
        try:
            bulk.load(self._store, data, RDF_FORMATS[rdf_format], target)
        finally:  # a failed load keeps the chunks before the error: they are new data too
            self._store.flush()
            self._renew()

    def _run(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None,
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple],
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Bindings as a VALUES block opening the query's group (the optimiser then starts from
        them: a bound event's sources in 3 ms instead of 1.2 s at 10^5 events, where pyoxigraph
        substitutions left a multi-pattern OPTIONAL evaluated over the whole store); substitutions
        when the block cannot be written (a blank node) or parsed (the query BINDs a bound name)."""
        if substitutions:
            try:
                return self._store.query(inject_values(sparql, bindings))
            except (QueryError, SyntaxError):
                pass
        return self._store.query(sparql, substitutions=substitutions or None)

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store."""
        return self._store

    def close(self) -> None:
        """Flush and release the database lock."""
        if not self.read_only and self.location != ":memory:":
            self._store.flush()
        del self._store


def _convert_rows(solutions: ox.QuerySolutions) -> list[tuple[Identifier | None, ...]]:
    """Solutions as rows of rdflib terms, each distinct term converted once.

    Building an rdflib term costs microseconds (a typed literal parses its value), and a
    result repeats terms (bound variables, classes, dates, states): a per-query cache keyed
    by the pyoxigraph term converts each distinct one once; equal terms share one object.
    """
    cache: dict[object, Identifier] = {}
    rows: list[tuple[Identifier | None, ...]] = []
    append = rows.append
    for solution in solutions:
        row: list[Identifier | None] = []
        for term in solution:
            if term is None:
                row.append(None)
                continue
            value = cache.get(term)
            if value is None:
                value = cache[term] = from_ox(term)
            row.append(value)
        append(tuple(row))
    return rows
