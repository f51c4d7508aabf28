"""Rendering for the command line: rich tables and plain formats for results.

>>> from rdflib import Literal
>>> from diplograph.graph.result import QueryResult
>>> print(render_cell(Literal("Rusia", lang="id")))
"Rusia"@id
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier
from rich.console import Console
from rich.table import Table

from diplograph.graph.namespace import ID_BASE, ONTOLOGY_IRI
from diplograph.graph.result import QueryResult

_SHORT = {ID_BASE: "id:", ONTOLOGY_IRI + "#": "dip:"}
_PLAIN_TYPES = {XSD.string, XSD.integer, XSD.decimal, XSD.date, XSD.gYear, XSD.gYearMonth, XSD.boolean}


def render_cell(term: Identifier | None) -> str:
    """A compact, readable form of a term for tables."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for base, prefix in _SHORT.items():
            if text.startswith(base):
                return prefix + text[len(base) :]
        return text
    if isinstance(term, Literal):
        if term.language:
            return f'"{term}"@{term.language}'
        if term.datatype is None or term.datatype in _PLAIN_TYPES:
            return str(term)
    return term.n3()


def result_table(result: QueryResult, title: str | None = None) -> Table:
    """A rich table of a SELECT result; article text is shown as text, never as markup."""
    table = Table(title=title, show_lines=False, header_style="bold cyan")
    for name in result.variables:
        table.add_column(name, overflow="fold")
    for row in result.rows:
        table.add_row(*(_escape(render_cell(v)) for v in row))
    return table


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def print_result(console: Console, result: QueryResult) -> None:
    """Print a result as a table (SELECT), a word (ASK) or Turtle (CONSTRUCT)."""
    if result.kind == "ask":
        console.print("true" if result.boolean else "false")
    elif result.kind == "graph":
        console.print(result.serialize("turtle").decode(), markup=False, highlight=False)
    else:
        console.print(result_table(result))
        console.print(f"[dim]{len(result.rows)} row(s)[/dim]")
