"""Verbs over the store itself: demo, add, query, export, validate, reindex."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from diplograph.graph.cli.shell import (
    NETWORK_FORMATS,
    StoreOption,
    app,
    err,
    escape_text,
    fail,
    graph_iri,
    opened,
    out,
    window_and_types,
)
from diplograph.graph.error import DiplographError
from diplograph.graph.store import KnowledgeGraph


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
        written = _demo_page(kg)
        if written is not None:
            summary.pages.append(str(written))
    ref = summary.reference
    out.print(f"[bold green]Demo store ready[/bold green] at {escape_text(summary.location)}")
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
        out.print(f"  page:      {escape_text(page)}")
    where = "" if store is None else f" --store {store}"
    out.print("\nNext, try:")
    out.print(f"  diplograph timeline CHN RUS{where}")
    out.print(f"  diplograph anniversaries --year 2026 CHN RUS{where}")
    sparql = "'SELECT ?e ?date WHERE { ?e a dip:VirtualMeeting ; dip:date ?date }'"
    out.print(f"  diplograph query {sparql}{where}")
    out.print(f"  diplograph graph --focus CHN -o graph.html{where}")
    out.print(f"  diplograph serve{where}")
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
            out.print(f"added {summary.facts} facts from {escape_text(str(path))} -> <{summary.graph}>")


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

    Example: [bold]diplograph query -f graph/queries/head_of_state_on_date.rq
    -b state=id:state/IDN -b day=2019-05-01[/bold]
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


EXPORT_FORMATS = ("ttl", "trig", "nq", "nt", "jsonld", "csv")


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-F",
            help="ttl, trig, nq, nt, jsonld (RDF); csv (a table of events); graphml or gexf (a network).",
        ),
    ] = "trig",
    graph: Annotated[
        str | None,
        typer.Option("--graph", "-g", help="One named graph: full IRI or its tail, e.g. curated/chn-rus."),
    ] = None,
    level: Annotated[
        str,
        typer.Option(
            "--level",
            "-l",
            help="For graphml/gexf: states, leaders, actors (co-participation), events (actors and "
            "events, bipartite) or memberships.",
        ),
    ] = "states",
    start: Annotated[str | None, typer.Option("--from", help="For graphml/gexf: first year or date.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="For graphml/gexf: last year or date.")] = None,
    types: Annotated[
        list[str] | None,
        typer.Option("--type", "-t", help="For graphml/gexf: event types (repeat or comma-separate)."),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file.")] = None,
    store: StoreOption = None,
) -> None:
    """Export the whole store or one named graph as RDF, or a network projection as GraphML or GEXF.

    Example: [bold]diplograph export --format nq -o kg.nq[/bold]

    Example: [bold]diplograph export --format csv -o events.csv[/bold]

    Example: [bold]diplograph export --format graphml --level states --from 2000 -o states.graphml[/bold]
    """
    if fmt in NETWORK_FORMATS:
        from diplograph.graph.projection import LEVELS, network_bytes, project

        if level not in LEVELS:
            fail(f"--level must be one of {', '.join(LEVELS)}", 2)
        window, chosen = window_and_types(start, end, types)
        with opened(store, read_only=True) as kg:
            data = network_bytes(project(kg, level, start=window[0], end=window[1], types=chosen), fmt)
    else:
        if fmt not in EXPORT_FORMATS:
            fail(f"--format must be one of {', '.join(EXPORT_FORMATS + NETWORK_FORMATS)}", 2)
        with opened(store, read_only=True) as kg:
            iri = graph_iri(graph)
            if iri is not None and not kg.has_graph(iri):
                fail(f"no named graph <{iri}> in the store; `diplograph stats` lists them")
            try:
                data = kg.export(fmt, iri)
            except ValueError as error:
                fail(str(error), 2)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        err.print(f"wrote {len(data)} bytes to {escape_text(str(output))}")


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
        report = run_validation(kg, graph_iri(graph))
    out.print(report.text(), markup=False, highlight=False)
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def reindex(store: StoreOption = None) -> None:
    """Rebuild the timeline index (each event's dyads and digests) of every named graph.

    diplograph keeps it up to date for everything it writes; run this after loading data with
    another tool (a SPARQL update, a server's bulk loader). Each graph is rewritten atomically.

    Example: [bold]diplograph reindex --store http://localhost:7878[/bold]
    """
    with opened(store) as kg:
        rewritten = kg.reindex()
    err.print(f"reindexed {rewritten} named graph(s)")


def _demo_page(kg: KnowledgeGraph) -> Path | None:
    """Write the demo's graph page (China and Russia's neighbourhood) beside the store; None if it cannot."""
    location = kg.location
    remote = location.startswith(("http://", "https://", ":"))
    folder = Path.cwd() if remote else Path(location).resolve().parent
    try:
        from diplograph.viz.network import write_graph_html

        path = folder / "china-russia.html"
        write_graph_html(
            kg,
            path,
            focus=["CHN", "RUS"],
            depth=1,
            level="actors",
            title="diplograph demo · China, Russia and their neighbourhood",
        )
    except (ImportError, RuntimeError, OSError, ValueError) as error:
        err.print(f"[yellow]no demo graph page:[/yellow] {escape_text(str(error))}")
        return None
    return path
