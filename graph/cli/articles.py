"""Verbs that read articles: ingest, extract."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from diplograph.graph.cli.shell import (
    StoreOption,
    app,
    err,
    escape_text,
    fail,
    opened,
    out,
)
from diplograph.graph.error import DiplographError

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
        err.print(f"[yellow]skipped[/yellow] {escape_text(line)}", highlight=False)


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
                    bar.update(task, completed=done, total=total, description=escape_text(Path(where).name))

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
