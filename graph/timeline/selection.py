"""Running a bundled SELECT for plain strings, fast.

Timeline queries return thousands of cells; building an rdflib term for each costs more than
the query itself. On the embedded store the solutions are read straight from pyoxigraph as
lexical forms; any other backend goes through :meth:`KnowledgeGraph.query`. Queries run on the
default graph, which the store keeps as the set union of its named graphs.

Every cell a query returns is decoded (on the embedded store, one dictionary read per term),
and a variable bound by substitution must be projected, so it is decoded again on every row.
Terms diplograph minted itself (resolved actor IRIs, dates, event IRIs read from the store)
can instead be written into the query text as terms (see :mod:`diplograph.graph.querytext`):
``$name`` variables and ``VALUES ?name {}`` blocks. User text never is.

>>> from diplograph.graph.store import KnowledgeGraph
>>> from diplograph.graph.namespace import state_iri
>>> from rdflib import Literal
>>> select(KnowledgeGraph(":memory:"), "as_of_post", {"state": state_iri("IDN"), "post": state_iri("X"),
...        "day": Literal("2019-05-01")})
[]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib.term import Identifier

from diplograph.graph.backends.embedded import EmbeddedBackend, to_ox
from diplograph.graph.error import QueryError
from diplograph.graph.querytext import inline, with_values
from diplograph.graph.store import KnowledgeGraph, read_query

Row = dict[str, str]


def select(
    kg: KnowledgeGraph,
    name: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    constants: Mapping[str, Identifier] | None = None,
    values: Mapping[str, Iterable[str]] | None = None,
) -> list[Row]:
    """Rows of the bundled query ``graph/queries/<name>.rq`` as {variable: lexical form}.

    Unbound cells and empty strings are left out of the rows. ``bindings`` are substituted by
    the engine, never spliced into the query text; ``constants`` (see :func:`inline`) and
    ``values`` (IRIs for ``VALUES ?name {}`` blocks, see :func:`with_values`) are written into it as terms.
    """
    text = read_query(name)
    text = inline(text, constants or {})
    for variable, iris in (values or {}).items():
        text = with_values(text, variable, iris)
    bindings = bindings or {}
    backend = kg.backend
    if isinstance(backend, EmbeddedBackend):
        import pyoxigraph as ox

        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): to_ox(v) for k, v in bindings.items()
        }
        try:
            solutions = backend.oxigraph.query(text, substitutions=substitutions or None)
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
    result = kg.query(text, bindings or None)
    return [
        {k: str(v) for k, v in zip(result.variables, row, strict=True) if v is not None and str(v)}
        for row in result.rows
    ]
