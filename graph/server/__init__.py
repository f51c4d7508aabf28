"""``diplograph serve``: a SPARQL 1.1 endpoint over a store, with a query page.

Modules: :mod:`.settings` (what the server was told), :mod:`.protocol` (reading operations,
content negotiation, service description), :mod:`.app` (routes and policy), :mod:`.pool`
(worker processes, time limit, demotion of long queries, spare workers), :mod:`.worker` (one
query process), :mod:`.union` (updates rewritten to keep the default graph the union),
:mod:`.cache` (optional result cache), :mod:`.pages` (viz pages).

Why worker processes: pyoxigraph cannot cancel a running query, so each query runs in a
process that the server kills when it overruns ``--timeout``; other clients keep being
answered by the other workers. The workers also run in an empty network namespace (when the
kernel allows), so the engine cannot make outbound requests even if a SERVICE slipped past
the query check. ``oxigraph serve-read-only --timeout-s`` was measured as the alternative:
it cancels in time, but answers HTTP 200 and then cuts the body with "The SPARQL operation
has been cancelled", so a front would have to buffer every response to report the error.

>>> from diplograph.graph.server.settings import ServerSettings
>>> ServerSettings(store="/tmp/kg").host
'127.0.0.1'
"""

from __future__ import annotations

import errno
import socket

from diplograph.graph.server.settings import ServerSettings


def check_port(host: str, port: int) -> None:
    """Fail early, with a clear message, when the address cannot be bound.

    Raises:
        OSError: the port is in use or the host is not an address of this machine.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise OSError(
                    f"port {port} on {host} is already in use; choose another with --port"
                ) from error
            raise OSError(f"cannot listen on {host}:{port}: {error.strerror}") from error


def run_server(settings: ServerSettings) -> None:
    """Serve until interrupted (Ctrl-C). Checks settings, the store and the port first.

    Raises:
        ValueError: contradictory settings.
        StoreError: the store cannot be opened.
        OSError: the address cannot be bound.
    """
    import uvicorn

    from diplograph.graph.server.app import create_app
    from diplograph.graph.store import KnowledgeGraph

    settings.check()
    with KnowledgeGraph(settings.store, read_only=True):
        pass  # the store exists and is a diplograph store (same messages as every verb)
    check_port(settings.host, settings.port)
    config = uvicorn.Config(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        lifespan="on",
        h11_max_incomplete_event_size=settings.max_query_bytes + 16 * 1024,
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    server.run()
    if getattr(server, "started", True) is False:
        raise OSError("the server did not start (see the messages above)")


__all__ = ["ServerSettings", "check_port", "run_server"]
