"""SPARQL query results: one type for every backend, written in the standard formats.

>>> from rdflib import Literal
>>> result = QueryResult.select(["n"], [(Literal(1),)])
>>> result.serialize("csv")
b'n\\r\\n1\\r\\n'
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Identifier

ResultKind = TypingLiteral["select", "ask", "graph"]
Row = tuple[Identifier | None, ...]

SELECT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "nt", "jsonld", "xml")
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


@dataclass
class QueryResult:
    """The answer to a query: rows (SELECT), a boolean (ASK) or a graph (CONSTRUCT/DESCRIBE)."""

    kind: ResultKind
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    @classmethod
    def select(cls, variables: Sequence[str], rows: Sequence[Row]) -> QueryResult:
        """A SELECT result."""
        return cls("select", list(variables), list(rows))

    @classmethod
    def ask(cls, value: bool) -> QueryResult:
        """An ASK result."""
        return cls("ask", boolean=value)

    @classmethod
    def of_graph(cls, graph: Graph) -> QueryResult:
        """A CONSTRUCT or DESCRIBE result."""
        return cls("graph", graph=graph)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        if self.kind == "graph" and self.graph is not None:
            return len(self.graph)
        return len(self.rows)

    def dicts(self) -> list[dict[str, Identifier]]:
        """Rows as dictionaries from variable name to term (unbound variables left out).

        >>> QueryResult.select(["a"], [(Literal("x"),)]).dicts()
        [{'a': rdflib.term.Literal('x')}]
        """
        return [
            {name: value for name, value in zip(self.variables, row, strict=True) if value is not None}
            for row in self.rows
        ]

    def values(self, variable: str) -> list[Identifier | None]:
        """One column."""
        index = self.variables.index(variable)
        return [row[index] for row in self.rows]

    def serialize(self, fmt: str = "json") -> bytes:
        """Write in a SPARQL results format (json, xml, csv, tsv) or, for graphs, an RDF format.

        Args:
            fmt: ``json``, ``xml``, ``csv`` or ``tsv`` for SELECT/ASK; ``turtle``, ``nt``,
                ``jsonld`` or ``xml`` (RDF/XML) for CONSTRUCT/DESCRIBE.
        """
        if self.kind == "graph":
            assert self.graph is not None
            rdf_format = {
                "turtle": "turtle",
                "ttl": "turtle",
                "nt": "nt",
                "jsonld": "json-ld",
                "xml": "xml",
                "rdfxml": "xml",
            }.get(fmt)
            if rdf_format is None:
                raise ValueError(f"a graph result is written as {', '.join(GRAPH_FORMATS)}, not {fmt}")
            return self.graph.serialize(format=rdf_format, encoding="utf-8")
        if fmt == "tsv":
            return self._tsv()
        if fmt == "json":
            return self._json()
        if fmt not in {"xml", "csv"}:
            raise ValueError(f"results are written as {', '.join(SELECT_FORMATS)}, not {fmt}")
        if self.kind == "ask" and fmt == "csv":
            return b"_askResult\r\n" + (b"true" if self.boolean else b"false") + b"\r\n"
        result = Result("ASK" if self.kind == "ask" else "SELECT")
        if self.kind == "ask":
            result.askAnswer = bool(self.boolean)
        else:
            result.vars = [Variable(v) for v in self.variables]
            result.bindings = [
                {Variable(k): v for k, v in zip(self.variables, row, strict=True) if v is not None}
                for row in self.rows
            ]
        buffer = io.BytesIO()
        result.serialize(buffer, encoding="utf-8", format=fmt)
        return buffer.getvalue()

    def _json(self) -> bytes:
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(self.boolean)}).encode()
        bindings = []
        for row in self.rows:
            binding = {}
            for name, value in zip(self.variables, row, strict=True):
                if value is not None:
                    binding[name] = term_to_json(value)
            bindings.append(binding)
        document = {"head": {"vars": self.variables}, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False).encode("utf-8")

    def _tsv(self) -> bytes:
        if self.kind == "ask":
            return b"?_askResult\n" + (b"true" if self.boolean else b"false") + b"\n"
        lines = ["\t".join("?" + v for v in self.variables)]
        for row in self.rows:
            lines.append("\t".join("" if v is None else v.n3() for v in row))
        return ("\n".join(lines) + "\n").encode("utf-8")


def term_to_json(term: Identifier) -> dict[str, str]:
    """A term in SPARQL 1.1 results JSON form.

    >>> term_to_json(Literal("Rusia", lang="id"))
    {'type': 'literal', 'value': 'Rusia', 'xml:lang': 'id'}
    """
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    raise TypeError(f"not an RDF term: {term!r}")


def term_from_json(data: dict[str, str]) -> Identifier:
    """Read a term from SPARQL 1.1 results JSON.

    >>> term_from_json({"type": "uri", "value": "http://example.org/"})
    rdflib.term.URIRef('http://example.org/')
    """
    kind = data["type"]
    if kind == "uri":
        return URIRef(data["value"])
    if kind == "bnode":
        return BNode(data["value"])
    if kind in {"literal", "typed-literal"}:
        datatype = data.get("datatype")
        return Literal(
            data["value"], lang=data.get("xml:lang"), datatype=URIRef(datatype) if datatype else None
        )
    raise ValueError(f"unknown term type in results: {kind!r}")
