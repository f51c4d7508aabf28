"""The knowledge graph: named graphs in a store, queried as their union.

``KnowledgeGraph`` is the one entry point to storage. The location picks the engine:
``:memory:`` (tests, notebooks), a directory (Oxigraph on disk, the default), or an
``http(s)://`` SPARQL 1.1 endpoint (scale-out, see :mod:`diplograph.graph.backends.remote`).

>>> from rdflib import Graph, Literal, URIRef
>>> kg = KnowledgeGraph(":memory:")
>>> g = Graph(); _ = g.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("b")))
>>> kg.replace_graph(URIRef("urn:x:g"), g)
>>> kg.query("SELECT ?o WHERE { ?s ?p ?o }").values("o")
[rdflib.term.Literal('b')]
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Identifier

from diplograph.graph.backends import Backend
from diplograph.graph.backends.embedded import EmbeddedBackend
from diplograph.graph.error import QueryError
from diplograph.graph.index import needs_index, with_index
from diplograph.graph.querytext import with_values
from diplograph.graph.result import QueryResult

if TYPE_CHECKING:
    from diplograph.graph.model import FactSet

ENV_VAR = "DIPLOGRAPH_STORE"
MEMORY = ":memory:"
EXPORT_FORMATS = ("ttl", "trig", "nq", "nt", "jsonld", "csv")


def default_location() -> str:
    """Where the store lives unless told otherwise: ``$DIPLOGRAPH_STORE``, else the user data dir.

    >>> import os; os.environ["DIPLOGRAPH_STORE"] = "/tmp/kg"; default_location()
    '/tmp/kg'
    >>> del os.environ["DIPLOGRAPH_STORE"]
    """
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "diplograph" / "store")


def open_backend(location: str, *, read_only: bool = False) -> Backend:
    """The backend for a location: memory, a directory, or a SPARQL endpoint URL."""
    if location.startswith(("http://", "https://")):
        from diplograph.graph.backends.remote import RemoteBackend

        remote: Backend = RemoteBackend(location, read_only=read_only)
        return remote
    return EmbeddedBackend(location, read_only=read_only)


def read_query(name: str) -> str:
    """The text of a bundled query, ``graph/queries/<name>.rq``.

    >>> "SELECT" in read_query("state_names")
    True
    """
    path = resources.files("diplograph.graph").joinpath("queries", f"{name}.rq")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise QueryError(f"no bundled query named {name!r}") from error


class KnowledgeGraph:
    """A diplograph knowledge graph over one store.

    Args:
        location: ``":memory:"``, a directory, or a SPARQL endpoint URL; ``None`` for
            :func:`default_location`.
        read_only: open without taking the write lock (several readers may share a store).
    """

    def __init__(self, location: str | Path | None = None, *, read_only: bool = False) -> None:
        self.location = str(location) if location is not None else default_location()
        self.backend: Backend = open_backend(self.location, read_only=read_only)
        if isinstance(self.backend, EmbeddedBackend) and self.backend.needs_index and not read_only:
            self.reindex()  # a store written before the index existed: index it once
            self.backend.mark_indexed()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the store."""
        self.backend.close()

    def __len__(self) -> int:
        return self.backend.count()

    def __repr__(self) -> str:
        return f"KnowledgeGraph({self.location!r})"

    @property
    def read_only(self) -> bool:
        """Whether writes are refused."""
        return self.backend.read_only

    # Writing
    def replace_graph(self, graph: URIRef, content: Graph) -> None:
        """Make the named graph hold exactly ``content`` and its index triples (see
        :mod:`diplograph.graph.index`); readers see all of it or none."""
        self.replace_graphs({graph: content})

    def replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        """Replace several named graphs, one after the other, each with its index triples (dyads
        and digests, see :mod:`diplograph.graph.index`)."""
        for name, content in graphs.items():
            self._write(name, content)

    def _write(self, name: URIRef, content: Graph, *, owned: bool = False) -> None:
        """Write one named graph with its index (added to ``content`` itself when ``owned``)."""
        indexed = with_index(content, self._participants_elsewhere(name), in_place=owned)
        self.backend.replace_graphs({name: indexed})

    def _participants_elsewhere(self, graph: URIRef) -> Callable[[list[str]], dict[str, list[str]]]:
        """For event IRIs, the participants named graphs other than ``graph`` state for each
        (one query per graph written)."""

        def elsewhere(events: list[str]) -> dict[str, list[str]]:
            text = with_values(read_query("participants_elsewhere"), "event", events)
            found: dict[str, list[str]] = {}
            for event, _, actor in self.query(text, {"self": graph}).rows:
                if event is not None and actor is not None:
                    found.setdefault(str(event), []).append(str(actor))
            return found

        return elsewhere

    def reindex(self) -> int:
        """Rebuild the index triples (dyads, digests) of every named graph that has events or an
        index: for data written by other tools, or by a diplograph before the index existed.

        Each graph is rewritten whole, one at a time (a crash leaves each old or new, never
        half-written). Returns how many graphs were rewritten.
        """
        rewritten = 0
        for name in self.graphs():
            content = self.to_rdflib(name)
            if not needs_index(content):
                continue
            self.replace_graphs({name: content})
            rewritten += 1
        return rewritten

    def remove_graph(self, graph: URIRef) -> None:
        """Delete a named graph."""
        self.backend.remove_graph(graph)

    def add_facts(self, facts: FactSet, graph: URIRef) -> None:
        """Write one source's facts (an article, or a curated file) as its own named graph."""
        from diplograph.graph.rdf import facts_to_graph

        self._write(graph, facts_to_graph(facts), owned=True)

    # Reading
    def has_graph(self, graph: URIRef) -> bool:
        """Whether a named graph holds triples."""
        return self.backend.has_graph(graph)

    def graphs(self) -> list[URIRef]:
        """The named graphs."""
        return self.backend.graphs()

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run SPARQL over the union of the named graphs.

        Args:
            sparql: the query text.
            bindings: values for variables, substituted by the engine (never spliced into text).
                A bound variable must appear in the SELECT projection, and ``BOUND(?x)`` does
                not see a substituted value: write optional parameters as ``COALESCE(?x, default)``.
        """
        return self.backend.query(sparql, bindings)

    def query_named(self, name: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run a bundled query from ``graph/queries/<name>.rq`` with bindings."""
        return self.backend.query(read_query(name), bindings)

    def export(self, fmt: str = "trig", graph: URIRef | None = None) -> bytes:
        """Serialise the store or one named graph: ttl, trig, nq, nt or jsonld; or, as ``csv``,
        a table of every event (one row per event: type, date, states, people, sources...)."""
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"export format is one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
        if fmt == "csv":
            if graph is not None:
                raise ValueError("the csv export is a table of all events; it takes no --graph")
            return self.query_named("events_table").serialize("csv")
        return self.backend.dump(fmt, graph)

    def to_rdflib(self, graph: URIRef | None = None) -> Graph:
        """Copy the store's union (or one named graph) into an in-memory rdflib graph."""
        merged = Graph()
        merged.parse(data=self.backend.dump("nt", graph), format="nt")
        return merged

    def dataset(self) -> Dataset:
        """The embedded store as a live rdflib ``Dataset`` (through oxrdflib).

        Queries on it run in Oxigraph; prefer :meth:`query` and :meth:`replace_graph` for
        speed and atomic writes (see NOTES.md on oxrdflib's updates).
        """
        from oxrdflib import OxigraphStore

        if not isinstance(self.backend, EmbeddedBackend):
            raise TypeError("an rdflib Dataset view is available for the embedded store only")
        store = OxigraphStore(store=self.backend.oxigraph)
        # The default graph already is the union of the named graphs (see backends.embedded).
        return Dataset(store=store, default_union=False)
