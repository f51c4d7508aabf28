"""The serve verb: the SPARQL 1.1 endpoint."""

from __future__ import annotations

from typing import Annotated

import typer

from diplograph.graph.cli.shell import (
    StoreOption,
    app,
    fail,
)
from diplograph.graph.error import DiplographError


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
    demote_after: Annotated[
        float, typer.Option(help="CPU seconds after which a running query drops to nice 10 (0: never).")
    ] = 0.25,
    cache_mb: Annotated[
        int, typer.Option(help="MB of answers kept until the store changes (0: no cache).")
    ] = 64,
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
        demote_after=demote_after,
        cache_mb=cache_mb,
    )
    try:
        settings.check()
    except ValueError as error:
        fail(str(error), 2)
    try:
        run_server(settings)
    except (DiplographError, OSError) as error:
        fail(str(error))
