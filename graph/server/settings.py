"""The endpoint's settings: what ``diplograph serve`` was told, checked before anything starts.

>>> ServerSettings(store="/tmp/kg").check()
>>> ServerSettings(store="/tmp/kg", allow_update=True).check()
Traceback (most recent call last):
...
ValueError: --allow-update needs --token (clients send it as Authorization: Bearer TOKEN)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class ServerSettings:
    """Settings of the SPARQL endpoint.

    Attributes:
        store: the store directory (built by ``diplograph demo`` or ``ingest``).
        host: interface to bind; loopback unless told otherwise.
        port: TCP port.
        timeout: seconds a query may run before it is stopped (HTTP 504).
        max_results: most result rows (or triples) a query may return (HTTP 422 beyond).
        max_query_bytes: longest accepted query text (HTTP 413 for a POST, 414 for a GET).
        allow_update: accept SPARQL Update at ``/update`` (with ``token``); one writer process.
        token: the bearer token required at ``/update``.
        allow_service: allow ``SERVICE`` federation (and LOAD): workers keep network access.
        cors_origin: the origin allowed by CORS (``*`` for any); ``None``: no CORS headers.
        workers: query processes; default: twice the CPUs, at least 4 (more workers than cores
            share the CPU instead of queueing cheap queries behind long ones: benchmarks/README.md).
        demote_after: CPU seconds a query may use before it drops to a low CPU priority
            (nice 10), so cheap queries go first; 0: never.
        cache_mb: megabytes of query answers kept in memory until the store changes (64 by
            default: a read-only server's answers only change when it restarts); 0: off.
    """

    store: str
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    max_results: int = 10_000
    max_query_bytes: int = 64 * 1024
    allow_update: bool = False
    token: str | None = None
    allow_service: bool = False
    cors_origin: str | None = None
    workers: int | None = None
    demote_after: float = 0.25
    cache_mb: int = 64

    def check(self) -> None:
        """Refuse contradictory or unsafe settings with a message naming the option.

        Raises:
            ValueError: what is wrong and how to fix it.
        """
        if self.allow_update and not self.token:
            raise ValueError("--allow-update needs --token (clients send it as Authorization: Bearer TOKEN)")
        if self.token and not self.allow_update:
            raise ValueError("--token only applies with --allow-update")
        if self.timeout <= 0:
            raise ValueError("--timeout must be a positive number of seconds")
        if self.max_results < 1:
            raise ValueError("--max-results must be at least 1")
        if self.demote_after < 0:
            raise ValueError("--demote-after must be 0 (never) or a positive number of seconds")
        if self.cache_mb < 0:
            raise ValueError("--cache-mb must be 0 (off) or a positive number of megabytes")
        if self.workers is not None and self.workers < 1:
            raise ValueError("--workers must be at least 1")
        if not 0 < self.port < 65536:
            raise ValueError("--port must be between 1 and 65535")
        if self.store == ":memory:" or self.store.startswith(("http://", "https://")):
            raise ValueError(
                "serve needs a store directory (worker processes open it); a SPARQL server "
                "already is an endpoint"
            )

    @property
    def database(self) -> str:
        """The Oxigraph database inside the store directory."""
        return str(Path(self.store) / "oxigraph")

    @property
    def pool_size(self) -> int:
        """How many query workers run: one writer with updates, else ``workers`` or 2 x CPUs (>= 4)."""
        if self.allow_update:
            return 1
        return self.workers or max(4, 2 * (os.cpu_count() or 2))

    @property
    def loopback(self) -> bool:
        """Whether the server listens on the loopback interface only."""
        return self.host in LOOPBACK
