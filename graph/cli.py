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
        written = _demo_page(kg)
        if written is not None:
            summary.pages.append(str(written))
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


EXPORT_FORMATS = ("ttl", "trig", "nq", "nt", "jsonld")


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-F", help="ttl, trig, nq, nt, jsonld (RDF); graphml or gexf (a network: --level)."
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

    Example: [bold]diplograph export --format graphml --level states --from 2000 -o states.graphml[/bold]
    """
    if fmt in NETWORK_FORMATS:
        from diplograph.graph.projection import LEVELS, network_bytes, project

        if level not in LEVELS:
            fail(f"--level must be one of {', '.join(LEVELS)}", 2)
        window, chosen = _window_and_types(start, end, types)
        with opened(store, read_only=True) as kg:
            data = network_bytes(project(kg, level, start=window[0], end=window[1], types=chosen), fmt)
    else:
        if fmt not in EXPORT_FORMATS:
            fail(f"--format must be one of {', '.join(EXPORT_FORMATS + NETWORK_FORMATS)}", 2)
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


STATS_FORMATS = ("table", "json", "csv")


@app.command()
def stats(
    fmt: Annotated[
        str, typer.Option("--format", "-F", help="table, json, or csv (states ranking, or --pair by year).")
    ] = "table",
    start: Annotated[str | None, typer.Option("--from", help="First year (or date) of the network.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last year (or date) of the network.")] = None,
    types: Annotated[
        list[str] | None, typer.Option("--type", "-t", help="Event types to count (repeat or comma-separate)")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="States in the ranking (table format).")] = 15,
    pair: Annotated[
        str | None, typer.Option("--pair", help="Two alpha-3 codes, e.g. CHN,RUS: events per year and type.")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Count what the store holds, and rank states in the network of shared events.

    Counts triples, named graphs and instances by class; then, on the states network (two
    states are linked by the events they shared), degree, weighted degree, betweenness and
    eigenvector centrality, Louvain communities and the most active pairs per year.

    Example: [bold]diplograph stats --from 2015 --to 2026 --type meeting,state_visit --top 10[/bold]

    Example: [bold]diplograph stats --pair CHN,RUS --format csv[/bold]
    """
    from diplograph.graph.analytics import network_stats, pair_intensity
    from diplograph.graph.console import result_table

    if fmt not in STATS_FORMATS:
        fail(f"--format must be one of {', '.join(STATS_FORMATS)}", 2)
    window, chosen = _window_and_types(start, end, types)
    codes = [c.strip() for c in (pair or "").split(",") if c.strip()]
    if pair is not None and len(codes) != 2:
        fail("--pair takes two alpha-3 codes, e.g. CHN,RUS", 2)
    with opened(store, read_only=True) as kg:
        counts = kg.query_named("count_by_class")
        graphs = kg.graphs()
        total = len(kg)
        try:
            network = network_stats(kg, start=window[0], end=window[1], types=chosen, top=3)
            intensity = None
            if codes:
                a, b = codes
                intensity = pair_intensity(kg, a, b, start=window[0], end=window[1], types=chosen)
        except ValueError as error:
            fail(str(error), 2)
    if fmt == "json":
        classes = {str(r["class"]).rsplit("#", 1)[-1]: int(str(r["count"])) for r in counts.dicts()}
        document: dict[str, object] = {
            "triples": total,
            "graphs": len(graphs),
            "classes": classes,
            "network": network.to_dict(),
        }
        if intensity is not None:
            document["pair"] = {"a": intensity.a, "b": intensity.b, "years": intensity.rows()}
        out.print_json(data=document)
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        if intensity is not None:
            rows = intensity.rows()
            writer.writerow(["a", "b", *(rows[0].keys() if rows else ["year", "total"])])
            writer.writerows([intensity.a, intensity.b, *r.values()] for r in rows)
        else:
            writer.writerow(
                [
                    "code",
                    "label",
                    "events",
                    "degree",
                    "weighted_degree",
                    "betweenness",
                    "eigenvector",
                    "community",
                ]
            )
            writer.writerows(
                [
                    r.code,
                    r.label,
                    r.events,
                    r.degree,
                    r.weighted_degree,
                    r.betweenness,
                    r.eigenvector,
                    r.community,
                ]
                for r in network.centrality
            )
        sys.stdout.flush()
        return
    out.print(f"{total} triples in {len(graphs)} named graphs")
    out.print(result_table(counts, title="Instances by class"))
    for table in _network_tables(network, intensity, top):
        out.print(table)


LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Language (ISO 639-1) of articles that state none; else detected."),
]
PublishedOption = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) of articles that state none."),
]
SourceOption = Annotated[
    str | None, typer.Option("--source", help="Source URL of articles that state none (else the file name).")
]


def _published(value: str | None) -> str | None:
    """Check a --published value (YYYY, YYYY-MM or YYYY-MM-DD); exit 2 when it is not a date."""
    from diplograph.graph.date import PartialDate

    if value is not None:
        try:
            PartialDate.parse(value)
        except ValueError as error:
            fail(f"--published: {error}", 2)
    return value


def _print_skipped(lines: list[str]) -> None:
    for line in lines:
        err.print(f"[yellow]skipped[/yellow] {_escape(line)}", highlight=False)


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Files (.txt, .html, .htm, .jsonl) and folders.", show_default=False)
    ],
    lang: LangOption = None,
    published: PublishedOption = None,
    source: SourceOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Extract articles already in the store again, replacing them.")
    ] = False,
    max_size: Annotated[float, typer.Option("--max-size", help="Size limit per article, in MB.")] = 10.0,
    store: StoreOption = None,
) -> None:
    """Extract events from articles and add them to the store, one named graph per article.

    Articles already in the store (same text) are left as they are, so running a batch again
    completes it after an interruption. Each article needs a publication date: stated by the
    item (JSON Lines field, HTML metadata) or given with --published.

    Exit code: 0 when every article was ingested or already present; 3 when some items were
    skipped (each is listed with file, line and reason); 1 on a fatal error (e.g. the store
    cannot be opened); 130 when interrupted (run the same command again to finish).

    Example: [bold]diplograph ingest news/ --published 2026-02-05[/bold]
    """
    from diplograph.graph.date import PartialDate
    from diplograph.graph.ingest import ingest as run_ingest

    if max_size <= 0:
        fail("--max-size must be a positive number of MB", 2)
    checked = _published(published)
    day = PartialDate.parse(checked) if checked else None
    with opened(store) as kg:
        if err.is_terminal:
            from rich.progress import Progress

            with Progress(console=err, transient=True) as bar:
                task = bar.add_task("ingesting", total=None)

                def advance(done: int, total: int, where: str) -> None:
                    bar.update(task, completed=done, total=total, description=_escape(Path(where).name))

                summary = run_ingest(
                    kg, paths, lang=lang, published=day, source=source, force=force,
                    max_bytes=int(max_size * 1e6), progress=advance,
                )  # fmt: skip
        else:
            summary = run_ingest(
                kg, paths, lang=lang, published=day, source=source, force=force, max_bytes=int(max_size * 1e6)
            )
    _print_skipped([str(item) for item in summary.skipped])
    from rich.table import Table

    table = Table(title="Ingest", show_header=False)
    for label, value in (
        ("articles read", summary.read),
        ("ingested", summary.ingested),
        ("unchanged (already in the store)", summary.unchanged),
        ("skipped", len(summary.skipped)),
        ("events new", summary.events_new),
        ("events merged with known ones", summary.events_merged),
        ("mentions", summary.mentions),
    ):
        table.add_row(label, str(value))
    out.print(table)
    if summary.interrupted:
        err.print(
            f"[bold red]interrupted[/bold red] after {summary.ingested} article(s) were written; "
            "run the same command again to complete the batch"
        )
    raise typer.Exit(summary.exit_code)


EXTRACT_FORMATS = ("json", "turtle")


@app.command()
def extract(
    file: Annotated[
        Path, typer.Argument(help="An article: .txt, .html, .htm or .jsonl.", show_default=False)
    ],
    lang: LangOption = None,
    published: PublishedOption = None,
    source: SourceOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-F", help="json (the extract contract) or turtle.")
    ] = "json",
) -> None:
    """Print the events extracted from one article, without any store.

    JSON is one object per article (DESIGN.md's contract), indented for a single article and
    one per line (JSON Lines) for a .jsonl file of several. Exit code: 0 when everything was
    extracted, 3 when an item was skipped (reason on stderr), 2 on bad options.

    Example: [bold]diplograph extract article.txt --published 2026-02-05 --format json[/bold]
    """
    import json

    from diplograph.graph.date import PartialDate
    from diplograph.graph.ingest import extract_file

    if fmt not in EXTRACT_FORMATS:
        fail(f"--format must be one of {', '.join(EXTRACT_FORMATS)}", 2)
    checked = _published(published)
    day = PartialDate.parse(checked) if checked else None
    try:
        result = extract_file(file, lang=lang, published=day, source=source)
    except DiplographError as error:
        fail(str(error))
    _print_skipped([str(item) for item in result.skipped])
    if fmt == "json":
        from diplograph.graph.extract import to_contract

        contracts = [to_contract(facts) for facts in result.facts]
        if len(contracts) == 1:
            sys.stdout.write(json.dumps(contracts[0], ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.writelines(json.dumps(c, ensure_ascii=False) + "\n" for c in contracts)
    elif result.facts:
        from diplograph.graph.rdf import facts_to_graph, new_graph

        graph = new_graph()
        for facts in result.facts:
            graph += facts_to_graph(facts)
        sys.stdout.write(graph.serialize(format="turtle"))
    sys.stdout.flush()
    if result.skipped:
        raise typer.Exit(3)


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (loopback unless told otherwise).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="TCP port.")] = 7878,
    timeout: Annotated[
        float, typer.Option(help="Seconds a query may run; then it is stopped (HTTP 504).")
    ] = 10.0,
    max_results: Annotated[
        int, typer.Option(help="Most rows/triples a query may return (HTTP 422 beyond).")
    ] = 10_000,
    allow_update: Annotated[
        bool, typer.Option(help="Accept SPARQL Update at /update (needs --token).")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(help="Bearer token for /update (Authorization: Bearer TOKEN).", show_default=False),
    ] = None,
    allow_service: Annotated[
        bool, typer.Option(help="Allow SERVICE federation and LOAD (workers get network access).")
    ] = False,
    cors_origin: Annotated[
        str | None, typer.Option(help="Origin allowed by CORS, e.g. '*' (default: no CORS headers).")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Query worker processes (default: 2 x CPUs, at least 4).", show_default=False),
    ] = None,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint at /sparql, with a query page at /.

    Read-only by default: updates, LOAD and SERVICE are refused; each query runs in a worker
    process and is stopped after --timeout seconds while other clients keep being answered.

    Example: [bold]diplograph serve --store ./kg --port 7878[/bold]
    """
    from diplograph.graph.server import ServerSettings, run_server
    from diplograph.graph.store import default_location

    settings = ServerSettings(
        store=store or default_location(),
        host=host,
        port=port,
        timeout=timeout,
        max_results=max_results,
        allow_update=allow_update,
        token=token,
        allow_service=allow_service,
        cors_origin=cors_origin,
        workers=workers,
    )
    try:
        settings.check()
    except ValueError as error:
        fail(str(error), 2)
    try:
        run_server(settings)
    except (DiplographError, OSError) as error:
        fail(str(error))


NETWORK_FORMATS = ("graphml", "gexf")


def _window_and_types(
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


def _network_tables(network: object, intensity: object | None, top: int) -> list[object]:
    """Rich tables of :class:`~diplograph.graph.analytics.NetworkStats` (and a pair's intensity)."""
    from rich.table import Table

    from diplograph.graph.analytics import NetworkStats, PairIntensity

    assert isinstance(network, NetworkStats)
    span = f"{network.start or '…'} to {network.end or '…'}" if network.start or network.end else "all dates"
    kinds = ", ".join(network.types) or "all event types"
    ranking = Table(
        title=f"States network ({span}; {kinds}): {network.events} events, {network.states} states, "
        f"{network.edges} links",
        header_style="bold cyan",
    )
    for name in ("state", "name", "events", "degree", "weighted", "betweenness", "eigenvector", "community"):
        ranking.add_column(name, justify="left" if name in {"state", "name"} else "right")
    for r in network.centrality[:top]:
        ranking.add_row(
            r.code,
            _escape(r.label),
            str(r.events),
            str(r.degree),
            f"{r.weighted_degree:g}",
            f"{r.betweenness:.3f}",
            f"{r.eigenvector:.3f}",
            str(r.community),
        )
    groups = Table(title="Communities (Louvain, weighted, seed 42)", header_style="bold cyan")
    groups.add_column("#", justify="right")
    groups.add_column("states")
    for index, members in enumerate(network.communities):
        groups.add_row(str(index), " ".join(members))
    years = sorted({p.year for p in network.pairs_by_year})[-12:]
    pairs = Table(title="Most active pairs per year (last 12 years with events)", header_style="bold cyan")
    for name in ("year", "pairs (shared events)"):
        pairs.add_column(name)
    for year in years:
        ranked = [f"{p.a}-{p.b} ({p.events})" for p in network.pairs_by_year if p.year == year]
        pairs.add_row(str(year), ", ".join(ranked))
    tables: list[object] = [ranking, groups, pairs]
    if isinstance(intensity, PairIntensity):
        title = f"{intensity.a}-{intensity.b}: {intensity.total} events by year"
        by_year = Table(title=title, header_style="bold cyan")
        by_year.add_column("year")
        by_year.add_column("events", justify="right")
        by_year.add_column("by type")
        for row in intensity.rows():
            detail = ", ".join(f"{k} {v}" for k, v in row.items() if k not in {"year", "total"} and v)
            by_year.add_row(str(row["year"]), str(row["total"]), detail)
        tables.append(by_year)
    return tables


@app.command("graph")
def draw_graph(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("graph.html"),
    focus: Annotated[
        list[str] | None,
        typer.Option("--focus", "-f", help="Actor(s) to centre on: CHN, xi-jinping, SCO or a name."),
    ] = None,
    depth: Annotated[int, typer.Option("--depth", "-d", min=1, help="Hops around the focus.")] = 1,
    start: Annotated[str | None, typer.Option("--from", help="First year (or date).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last year (or date).")] = None,
    types: Annotated[
        list[str] | None, typer.Option("--type", "-t", help="Event types (repeat or comma-separate).")
    ] = None,
    level: Annotated[str, typer.Option("--level", "-l", help="states, actors or events.")] = "states",
    budget: Annotated[int, typer.Option("--budget", min=10, help="Most nodes before aggregating.")] = 2000,
    store: StoreOption = None,
) -> None:
    """Write an interactive HTML graph (offline): search, filters by type and time, tooltips with sources.

    Example: [bold]diplograph graph --focus CHN --depth 2 --from 2020 --to 2026 -o china.html[/bold]
    """
    from diplograph.viz.network import VIEW_LEVELS, write_graph_html

    if level not in VIEW_LEVELS:
        fail(f"--level must be one of {', '.join(VIEW_LEVELS)}", 2)
    window, chosen = _window_and_types(start, end, types)
    focus_list = [f.strip() for item in focus or [] for f in item.split(",") if f.strip()]
    with opened(store, read_only=True) as kg:
        try:
            page = write_graph_html(
                kg,
                output,
                focus=focus_list or None,
                depth=depth,
                start=window[0],
                end=window[1],
                types=chosen,
                level=level,
                node_budget=budget,
            )  # type: ignore[arg-type]
        except ValueError as error:
            fail(str(error), 2)
    out.print(
        f"wrote {_escape(str(output))}: {page.nodes} nodes, {page.edges} links, {page.events} events "
        f"({page.level} level)"
    )
    if page.notice:
        out.print(f"[yellow]note:[/yellow] {_escape(page.notice)}")


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
        err.print(f"[yellow]no demo graph page:[/yellow] {_escape(str(error))}")
        return None
    return path


TIMELINE_FORMATS = ("table", "json", "csv", "ics", "html", "md")
TimelineLangOption = Annotated[str, typer.Option("--lang", help="Language of labels and names: en, id.")]
TimelineFormatOption = Annotated[
    str, typer.Option("--format", "-F", help="table, json, csv, ics, html or md.")
]
TimelineOutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file.")]


@contextmanager
def _warnings_to_stderr() -> Iterator[None]:
    """Show the library's warnings (unknown names) as notes on stderr."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for warning in caught:
        err.print(f"[yellow]note:[/yellow] {_escape(str(warning.message))}")


def _types_option(types: list[str] | None) -> list[str] | None:
    names = [t.strip() for item in types or [] for t in item.split(",") if t.strip()]
    return names or None


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {len(text.encode('utf-8'))} bytes to {_escape(str(output))}")


def _render_rows(rows: list[object], fmt: str, title: str, output: Path | None, raw: list[object]) -> None:
    """Write milestone rows in a timeline format (``raw`` are the objects the JSON shows)."""
    from diplograph.graph.timeline import Milestone, milestone_table, to_csv, to_ics, to_json, to_markdown

    milestones = [r for r in rows if isinstance(r, Milestone)]
    if fmt == "table":
        console = out if output is None else Console(file=output.open("w", encoding="utf-8"), width=160)
        console.print(milestone_table(milestones, title))
        console.print(f"[dim]{len(milestones)} milestone(s)[/dim]")
        return
    if fmt == "json":
        _emit(to_json(raw), output)  # type: ignore[arg-type]
    elif fmt == "csv":
        _emit(to_csv(milestones), output)
    elif fmt == "ics":
        _emit(to_ics(milestones, name=title), output)
    elif fmt == "md":
        _emit(to_markdown(milestones, title), output)
    else:
        from diplograph.viz.timeline_page import timeline_html

        _emit(timeline_html(milestones, title), output)


@app.command("timeline")
def timeline_verb(
    a: Annotated[
        str, typer.Argument(help="An actor: CHN, China, Tiongkok, Xi Jinping, SCO.", show_default=False)
    ],
    b: Annotated[str | None, typer.Argument(help="A second actor, for a bilateral timeline.")] = None,
    start: Annotated[str | None, typer.Option("--from", help="First year (or date).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last year (or date).")] = None,
    types: Annotated[
        list[str] | None, typer.Option("--type", "-t", help="Milestone types (repeat or comma-separate).")
    ] = None,
    lang: TimelineLangOption = "en",
    no_derived: Annotated[
        bool, typer.Option("--no-derived", help="Leave out milestones known only from an anniversary.")
    ] = False,
    fmt: TimelineFormatOption = "table",
    output: TimelineOutputOption = None,
    store: StoreOption = None,
) -> None:
    """Milestones of a pair of actors (or of one), in date order, each with its sources.

    Example: [bold]diplograph timeline Tiongkok Rusia --from 2000 --lang id --format html -o cr.html[/bold]
    """
    from diplograph.graph.timeline import timeline

    if fmt not in TIMELINE_FORMATS:
        fail(f"--format must be one of {', '.join(TIMELINE_FORMATS)}", 2)
    with opened(store, read_only=True) as kg, _warnings_to_stderr():
        try:
            rows = timeline(
                kg,
                a,
                b,
                start=start,
                end=end,
                types=_types_option(types),
                include_derived=not no_derived,
                lang=lang,
            )
        except ValueError as error:
            fail(str(error), 2)
    title = f"{a} – {b}" if b else a
    _render_rows(list(rows), fmt, title, output, list(rows))


@app.command("anniversaries")
def anniversaries_verb(
    year: Annotated[int, typer.Option("--year", "-y", help="The year of the calendar.")],
    a: Annotated[str | None, typer.Argument(help="Only this actor's milestones.")] = None,
    b: Annotated[str | None, typer.Argument(help="Only this pair's milestones.")] = None,
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            "-t",
            help="Milestone types (default: relations, partnerships, treaties, visits, summits, accessions).",
        ),
    ] = None,
    lang: TimelineLangOption = "en",
    fmt: TimelineFormatOption = "table",
    output: TimelineOutputOption = None,
    store: StoreOption = None,
) -> None:
    """Round anniversaries (5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 100 years) falling in a year.

    Example: [bold]diplograph anniversaries --year 2026 CHN RUS --format ics -o 2026.ics[/bold]
    """
    from diplograph.graph.timeline import ANNIVERSARY_TYPES, anniversaries

    if fmt not in TIMELINE_FORMATS:
        fail(f"--format must be one of {', '.join(TIMELINE_FORMATS)}", 2)
    with opened(store, read_only=True) as kg, _warnings_to_stderr():
        try:
            found = anniversaries(kg, year, a, b, types=_types_option(types) or ANNIVERSARY_TYPES, lang=lang)
        except ValueError as error:
            fail(str(error), 2)
    who = " – ".join(x for x in (a, b) if x) or "all"
    _render_rows([r.as_milestone() for r in found], fmt, f"Anniversaries {year} ({who})", output, list(found))


@app.command("whois")
def whois_verb(
    post: Annotated[
        str, typer.Option("--post", help="head_of_state, head_of_government or foreign_minister.")
    ],
    state: Annotated[str, typer.Option("--state", help="The state: code or name.")],
    on: Annotated[str | None, typer.Option("--on", help="The day (YYYY-MM-DD); today by default.")] = None,
    lang: TimelineLangOption = "en",
    fmt: Annotated[str, typer.Option("--format", "-F", help="table or json.")] = "table",
    store: StoreOption = None,
) -> None:
    """Who held a post of a state on a day.

    Example: [bold]diplograph whois --post head_of_state --state IDN --on 2019-05-01[/bold]
    """
    import json

    from rich.table import Table

    from diplograph.graph.timeline import whois

    with opened(store, read_only=True) as kg, _warnings_to_stderr():
        try:
            holders = whois(kg, post, state, on, lang=lang)
        except ValueError as error:
            fail(str(error), 2)
    if fmt == "json":
        _emit(json.dumps([h.to_dict() for h in holders], ensure_ascii=False, indent=2), None)
        return
    table = Table(header_style="bold cyan")
    for name in ("person", "title", "state", "from", "until"):
        table.add_column(name)
    for h in holders:
        table.add_row(
            _escape(h.person.name),
            _escape(h.title or h.post),
            _escape(h.state.name),
            str(h.start or ""),
            str(h.end or ""),
        )
    out.print(table)


@app.command("forums")
def forums_verb(
    a: Annotated[str, typer.Argument(help="A state or organisation.", show_default=False)],
    b: Annotated[str, typer.Argument(help="Another one.", show_default=False)],
    on: Annotated[str | None, typer.Option("--on", help="The day (YYYY-MM-DD); today by default.")] = None,
    lang: TimelineLangOption = "en",
    fmt: Annotated[str, typer.Option("--format", "-F", help="table or json.")] = "table",
    store: StoreOption = None,
) -> None:
    """Organisations and forums both actors were members of on a day.

    Example: [bold]diplograph forums IDN RUS --on 2024-06-01[/bold]
    """
    import json

    from rich.table import Table

    from diplograph.graph.timeline import common_forums

    with opened(store, read_only=True) as kg, _warnings_to_stderr():
        try:
            shared = common_forums(kg, a, b, on, lang=lang)
        except ValueError as error:
            fail(str(error), 2)
    if fmt == "json":
        _emit(json.dumps([f.to_dict() for f in shared], ensure_ascii=False, indent=2), None)
        return
    table = Table(header_style="bold cyan")
    for name in ("organisation", "name", "kind", f"{a} since", f"{b} since"):
        table.add_column(_escape(name))
    for f in shared:
        table.add_row(
            f.organisation.id,
            _escape(f.organisation.name),
            f.kind or "",
            str(f.since_a or ""),
            str(f.since_b or ""),
        )
    out.print(table)


def main() -> None:
    """Console-script entry point."""
    app()
