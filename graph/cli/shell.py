"""The application shell: the typer app, consoles, store opening and error exits.

This module is the application shell (DESIGN.md): the only part of ``graph/`` allowed to
call into ``viz/``, lazily, inside the verbs that draw.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rdflib import URIRef
from rich.console import Console

from diplograph.graph._version import __version__
from diplograph.graph.error import DiplographError
from diplograph.graph.store import ENV_VAR, KnowledgeGraph

app = typer.Typer(
    name="diplograph",
    help="A knowledge graph of diplomatic relations: extract, store, query, draw.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        "-s",
        help=f"Store: a directory, :memory:, or a SPARQL endpoint URL. Default: ${ENV_VAR} "
        "or ~/.local/share/diplograph/store.",
        show_default=False,
    ),
]


@contextmanager
def opened(store: str | None, *, read_only: bool = False) -> Iterator[KnowledgeGraph]:
    """Open the store for one verb, turning diplograph errors into a message and exit 1."""
    try:
        kg = KnowledgeGraph(store, read_only=read_only)
    except DiplographError as error:
        fail(str(error))
    try:
        yield kg
    except DiplographError as error:
        fail(str(error))
    finally:
        kg.close()


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print an error (as text, never markup) and exit non-zero."""
    err.print(f"[bold red]error:[/bold red] {escape_text(message)}")
    raise typer.Exit(code)


def escape_text(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def version_callback(value: bool) -> None:
    if value:
        out.print(f"diplograph {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """A knowledge graph of diplomatic relations: extract, store, query, draw."""


def graph_iri(graph: str | None) -> URIRef | None:
    from diplograph.graph.namespace import ID_BASE

    if graph is None:
        return None
    if graph.startswith(("http://", "https://", "urn:")):
        return URIRef(graph)
    return URIRef(ID_BASE + "graph/" + graph.strip("/"))


NETWORK_FORMATS = ("graphml", "gexf")


def window_and_types(
    start: str | None, end: str | None, types: list[str] | None
) -> tuple[tuple[str | None, str | None], list[str] | None]:
    """Check --from/--to (YYYY, YYYY-MM or YYYY-MM-DD) and --type (names, repeated or comma-separated)."""
    from diplograph.graph.projection import as_date, check_types

    for value in (start, end):
        if value is not None:
            try:
                as_date(value)
            except ValueError:
                fail(f"not a year or date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}", 2)
    names = [t.strip() for item in types or [] for t in item.split(",") if t.strip()]
    try:
        chosen = check_types(names) if names else None
    except ValueError as error:
        fail(str(error), 2)
    return (start, end), sorted(chosen) if chosen else None


def main() -> None:
    """Console-script entry point."""
    app()
