"""Timeline verbs: timeline, anniversaries, whois, forums (viz is imported lazily here)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from diplograph.graph.cli.shell import (
    StoreOption,
    app,
    err,
    escape_text,
    fail,
    opened,
    out,
)

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
        err.print(f"[yellow]note:[/yellow] {escape_text(str(warning.message))}")


def _types_option(types: list[str] | None) -> list[str] | None:
    names = [t.strip() for item in types or [] for t in item.split(",") if t.strip()]
    return names or None


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {len(text.encode('utf-8'))} bytes to {escape_text(str(output))}")


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
            escape_text(h.person.name),
            escape_text(h.title or h.post),
            escape_text(h.state.name),
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
        table.add_column(escape_text(name))
    for f in shared:
        table.add_row(
            f.organisation.id,
            escape_text(f.organisation.name),
            f.kind or "",
            str(f.since_a or ""),
            str(f.since_b or ""),
        )
    out.print(table)
