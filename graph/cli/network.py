"""Verbs that measure and draw the network: stats, graph (viz is imported lazily here)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, cast

import typer

from diplograph.graph.cli.shell import (
    StoreOption,
    app,
    escape_text,
    fail,
    opened,
    out,
    window_and_types,
)

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
    window, chosen = window_and_types(start, end, types)
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
            escape_text(r.label),
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
    from diplograph.viz.network import VIEW_LEVELS, ViewLevel, write_graph_html

    if level not in VIEW_LEVELS:
        fail(f"--level must be one of {', '.join(VIEW_LEVELS)}", 2)
    window, chosen = window_and_types(start, end, types)
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
                level=cast(ViewLevel, level),
                node_budget=budget,
            )
        except ValueError as error:
            fail(str(error), 2)
    out.print(
        f"wrote {escape_text(str(output))}: {page.nodes} nodes, {page.edges} links, {page.events} events "
        f"({page.level} level)"
    )
    if page.notice:
        out.print(f"[yellow]note:[/yellow] {escape_text(page.notice)}")
