"""Running a bundled SELECT for plain strings, fast.

Timeline queries return thousands of cells; building an rdflib term for each costs more than
the query itself. On the embedded store the solutions are read straight from pyoxigraph as
lexical forms; any other backend goes through :meth:`KnowledgeGraph.query`.

>>> from diplograph.graph.store import KnowledgeGraph
>>> from diplograph.graph.namespace import state_iri
>>> from rdflib import Literal
>>> select(KnowledgeGraph(":memory:"), "as_of_post", {"state": state_iri("IDN"), "post": state_iri("X"),
...        "day": Literal("2019-05-01")})
[]
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib.term import Identifier

from diplograph.graph.backends.embedded import EmbeddedBackend, to_ox
from diplograph.graph.error import QueryError
from diplograph.graph.store import KnowledgeGraph, read_query

Row = dict[str, str]


def select(kg: KnowledgeGraph, name: str, bindings: Mapping[str, Identifier]) -> list[Row]:
    """Rows of the bundled query ``graph/queries/<name>.rq`` as {variable: lexical form}.

    Unbound cells and empty strings are left out of the rows. Bindings are substituted by the
    engine, never spliced into the query text.
    """
    text = read_query(name)
    backend = kg.backend
    if isinstance(backend, EmbeddedBackend):
        import pyoxigraph as ox

        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): to_ox(v) for k, v in bindings.items()
        }
        try:
            solutions = backend.oxigraph.query(
                text, use_default_graph_as_union=True, substitutions=substitutions
            )
        except (SyntaxError, OSError, RuntimeError) as error:
            raise QueryError(f"query {name} failed: {error}") from error
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError(f"query {name} is not a SELECT query")
        names = [v.value for v in solutions.variables]
        rows: list[Row] = []
        for solution in solutions:
            row: Row = {}
            for key, term in zip(names, solution, strict=True):
                if term is not None:
                    value = term.value
                    if value:
                        row[key] = value
            rows.append(row)
        return rows
    result = kg.query(text, bindings)
    return [
        {k: str(v) for k, v in zip(result.variables, row, strict=True) if v is not None and str(v)}
        for row in result.rows
    ]
