"""Running SPARQL for researchers: common prefixes predeclared, bundled example queries.

>>> from diplograph.graph.store import KnowledgeGraph
>>> run_query(KnowledgeGraph(":memory:"), "ASK { ?e a dip:Event }").boolean
False
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib import resources

from rdflib import XSD, Literal, URIRef
from rdflib.term import Identifier

from diplograph.graph.namespace import PREFIXES
from diplograph.graph.result import QueryResult
from diplograph.graph.store import KnowledgeGraph

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def with_prefixes(sparql: str) -> str:
    """The query with the common prefixes declared first (a query may redeclare them).

    >>> with_prefixes("SELECT * {}").startswith("PREFIX dip:")
    True
    """
    return PROLOGUE + sparql


def run_query(
    kg: KnowledgeGraph, sparql: str, bindings: Mapping[str, Identifier] | None = None
) -> QueryResult:
    """Run a researcher's query, with the common prefixes and optional variable bindings.

    Raises:
        QueryError: with the parser's message when the query is malformed.
    """
    return kg.query(with_prefixes(sparql), bindings)


def example_queries() -> dict[str, str]:
    """The bundled example queries (``graph/queries/*.rq``) by name.

    >>> "meetings_between_leaders" in example_queries()
    True
    """
    folder = resources.files("diplograph.graph").joinpath("queries")
    return {
        item.name[:-3]: item.read_text(encoding="utf-8")
        for item in sorted(folder.iterdir(), key=lambda p: p.name)
        if item.name.endswith(".rq")
    }


def describe_query(text: str) -> str:
    """The first comment line of a query file: what it answers.

    >>> describe_query("# All meetings\\nSELECT * {}")
    'All meetings'
    """
    for line in text.splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse_term(value: str) -> Identifier:
    """Read a binding value: ``<iri>``, ``prefix:name`` with a known prefix, or a literal.

    >>> parse_term("id:state/IDN")
    rdflib.term.URIRef('https://w3id.org/diplograph/id/state/IDN')
    >>> parse_term("2019-05-01").datatype == XSD.date
    True
    """
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return URIRef(PREFIXES[prefix] + local)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"-?\d+", value):
        return Literal(int(value), datatype=XSD.integer)
    return Literal(value)


def parse_binding(text: str) -> tuple[str, Identifier]:
    """Read ``NAME=VALUE`` into a variable name and a term.

    >>> parse_binding("year=2024")
    ('year', rdflib.term.Literal('2024', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')))
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _NAME.match(name):
        raise ValueError(f"a binding is NAME=VALUE, got {text!r}")
    return name, parse_term(value.strip())
