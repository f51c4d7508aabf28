"""The ``diplograph`` command: one verb, one library call, then rendering.

This module is the application shell (DESIGN.md): the only part of ``graph/`` allowed to
call into ``viz/``, lazily, inside the verbs that draw.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
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
    err.print(f"[bold red]error:[/bold red] {_escape(message)}")
    raise typer.Exit(code)


def _escape(text: str) -> str:
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


@app.command()
def demo(
    store: StoreOption = None,
    lang: Annotated[
        str, typer.Option(help="Comma-separated languages for state names (any CLDR locale).")
    ] = "en,id",
) -> None:
    """Build a store from the bundled reference data and curated facts, and show what to try next.

    Example: [bold]diplograph demo --store ./kg[/bold]
    """
    from diplograph.graph.builder import build_demo

    with opened(store) as kg:
        summary = build_demo(kg, [x.strip() for x in lang.split(",") if x.strip()])
    ref = summary.reference
    out.print(f"[bold green]Demo store ready[/bold green] at {_escape(summary.location)}")
    out.print(
        f"  reference: {ref.states} states, {ref.people} leaders ({ref.tenures} dated posts), "
        f"{ref.organisations} organisations ({ref.memberships} memberships)"
    )
    for cur in summary.curated:
        out.print(f"  curated:   {cur.name}: {cur.facts} facts")
    if summary.articles:
        out.print(f"  articles:  {summary.articles} sample articles, {summary.article_events} events")
    out.print(f"  total:     {summary.triples} triples in {summary.graphs} named graphs")
    for page in summary.pages:
        out.print(f"  page:      {_escape(page)}")
    where = "" if store is None else f" --store {store}"
    out.print("\nNext, try:")
    out.print(f"  diplograph query{where} -f graph/queries/meetings_between_leaders.rq")
    out.print(f"  diplograph query{where} 'SELECT (COUNT(*) AS ?n) WHERE {{ ?e a dip:Event }}'")
    out.print(f"  diplograph export{where} --format ttl --graph curated/chn-rus")
    out.print(f"  diplograph validate{where}")


@app.command()
def add(
    files: Annotated[list[Path], typer.Argument(help="Curated YAML files.", show_default=False)],
    store: StoreOption = None,
) -> None:
    """Add curated facts from YAML files (format in data/README.md); each file replaces its earlier version.

    Example: [bold]diplograph add my-history.yaml[/bold]
    """
    from diplograph.graph.builder import add_facts
    from diplograph.graph.curated import load_curated

    try:
        fact_sets = [load_curated(path) for path in files]  # check every file before writing any
    except DiplographError as error:
        fail(str(error))
    with opened(store) as kg:
        for path, facts in zip(files, fact_sets, strict=True):
            summary = add_facts(kg, facts)
            out.print(f"added {summary.facts} facts from {_escape(str(path))} -> <{summary.graph}>")


QUERY_FORMATS = ("table", "json", "csv", "tsv", "xml", "turtle", "nt", "jsonld")


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query text.", show_default=False)] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file.")] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-F", help="table, json, csv, tsv, xml; turtle/nt/jsonld for graphs.")
    ] = "table",
    bind: Annotated[
        list[str] | None,
        typer.Option(
            "--bind",
            "-b",
            help="Bind a variable: NAME=VALUE; VALUE is <iri>, prefix:name, or a literal "
            "(2019-05-01 becomes an xsd:date, digits an xsd:integer).",
        ),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query over the union of all named graphs.

    Prefixes dip:, sem:, schema:, prov:, rdfs:, owl:, skos:, xsd: and org: are predeclared.

    Example: [bold]diplograph query 'SELECT ?e WHERE { ?e a dip:VirtualMeeting }' --format csv[/bold]

    Example: [bold]diplograph query -f graph/queries/head_of_state_on_date.rq -b state=id:state/IDN -b day=2019-05-01[/bold]
    """
    from diplograph.graph.query import parse_binding, run_query

    if fmt not in QUERY_FORMATS:
        fail(f"--format must be one of {', '.join(QUERY_FORMATS)}", 2)
    if (sparql is None) == (file is None):
        fail("give the query as an argument or with --file, not both", 2)
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except OSError as error:
            fail(f"cannot read {file}: {error}", 2)
    assert sparql is not None
    try:
        bindings = dict(parse_binding(item) for item in bind or [])
    except ValueError as error:
        fail(str(error), 2)
    with opened(store, read_only=True) as kg:
        result = run_query(kg, sparql, bindings)
    if fmt == "table":
        from diplograph.graph.console import print_result

        print_result(out, result)
        return
    try:
        data = result.serialize("turtle" if fmt == "table" else fmt)
    except ValueError as error:
        fail(str(error), 2)
    sys.stdout.buffer.write(data)
    if not data.endswith(b"\n"):
        sys.stdout.buffer.write(b"\n")
    sys.stdout.flush()


EXPORT_FORMATS = ("ttl", "trig", "nq", "nt", "jsonld")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-F", help="ttl, trig, nq, nt or jsonld.")] = "trig",
    graph: Annotated[
        str | None,
        typer.Option("--graph", "-g", help="One named graph: full IRI or its tail, e.g. curated/chn-rus."),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file.")] = None,
    store: StoreOption = None,
) -> None:
    """Export the whole store or one named graph as RDF.

    Example: [bold]diplograph export --format nq -o kg.nq[/bold]
    """
    if fmt not in EXPORT_FORMATS:
        fail(f"--format must be one of {', '.join(EXPORT_FORMATS)}", 2)
    with opened(store, read_only=True) as kg:
        iri = _graph_iri(graph)
        if iri is not None and not kg.has_graph(iri):
            fail(f"no named graph <{iri}> in the store; `diplograph stats` lists them")
        data = kg.export(fmt, iri)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        err.print(f"wrote {len(data)} bytes to {_escape(str(output))}")


def _graph_iri(graph: str | None) -> URIRef | None:
    from diplograph.graph.namespace import ID_BASE

    if graph is None:
        return None
    if graph.startswith(("http://", "https://", "urn:")):
        return URIRef(graph)
    return URIRef(ID_BASE + "graph/" + graph.strip("/"))


@app.command()
def validate(
    graph: Annotated[
        str | None, typer.Option("--graph", "-g", help="Check one named graph (with the reference data).")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Check the store against the SHACL shapes in ontology/shapes.ttl; exit 1 when it does not conform.

    Example: [bold]diplograph validate[/bold]
    """
    from diplograph.graph.validation import validate as run_validation

    with opened(store, read_only=True) as kg:
        report = run_validation(kg, _graph_iri(graph))
    out.print(report.text(), markup=False, highlight=False)
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def stats(store: StoreOption = None) -> None:
    """Count what the store holds: triples, named graphs, events by type, actors.

    Example: [bold]diplograph stats[/bold]
    """
    from diplograph.graph.console import result_table

    with opened(store, read_only=True) as kg:
        counts = kg.query_named("count_by_class")
        graphs = kg.graphs()
        total = len(kg)
    out.print(f"{total} triples in {len(graphs)} named graphs")
    out.print(result_table(counts, title="Instances by class"))


def main() -> None:
    """Console-script entry point."""
    app()
