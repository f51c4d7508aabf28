"""The Starlette application: ``/sparql`` (SPARQL 1.1 Protocol), ``/update``, the query page,
and the graph and timeline pages when ``diplograph.viz`` provides them.

Policy lives here, before any query reaches a worker: updates are refused at ``/sparql`` and
everywhere unless the server allows them with a token; ``SERVICE`` is refused unless allowed.
An accepted update is rewritten (:mod:`diplograph.graph.server.union`) so that the same
transaction keeps the default graph the union of the named graphs; one that would write the
default graph itself is refused with 400.

Status codes: 400 malformed query (the parser's message), 401 missing or wrong token,
403 refused operation (update, LOAD, SERVICE), 406 no acceptable format, 413 request body
too large, 414 GET query too long, 415 unknown body type, 422 result over ``--max-results``,
503 every worker stayed busy for the whole time limit (with ``Retry-After``), 504 a query
stopped after ``--timeout`` seconds.

>>> app = create_app(ServerSettings(store="/nonexistent"))
>>> sorted(r.path for r in app.routes)[:3]
['/', '/examples', '/graph']
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import uuid
from collections.abc import AsyncIterator, Hashable
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from diplograph.graph.error import DiplographError
from diplograph.graph.lexer import shape_of
from diplograph.graph.query import describe_query, example_queries
from diplograph.graph.server.cache import ResultCache
from diplograph.graph.server.pool import BusyError, OverrunError, WorkerPool
from diplograph.graph.server.protocol import (
    ProtocolError,
    choose_format,
    read_operation,
    service_description,
)
from diplograph.graph.server.settings import LOOPBACK, ServerSettings
from diplograph.graph.server.union import UpdateRefusedError, keep_union
from diplograph.graph.server.worker import MEDIA_TYPES, Answer, Job

log = logging.getLogger("diplograph.serve")
PAGE_SECONDS = 60.0  # pages run in a thread of this process (not killable): a generous wait
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


class Endpoint:
    """The request handlers, sharing the settings and the worker pool."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self.pool = WorkerPool(
            settings.database,
            settings.pool_size,
            writable=settings.allow_update,
            isolate=not settings.allow_service,
            demote_after=settings.demote_after or None,
        )
        self.cache = ResultCache(settings.cache_mb << 20)
        self._running: dict[Hashable, asyncio.Future[tuple[Answer, dict[str, str] | None]]] = {}
        self.shared = 0

    async def _run(self, job: Job) -> Response:
        key = self.cache.key(job)
        cached = self.cache.get(key)
        if cached is not None:
            return Response(cached.body, status_code=cached.status, media_type=cached.media_type)
        if key is None:
            answer, headers = await self._execute(job)
        else:  # identical queries arriving while one runs share its answer (one worker, not N)
            task = self._running.get(key)
            if task is None:
                task = asyncio.ensure_future(self._execute(job))
                self._running[key] = task
                task.add_done_callback(lambda _: self._running.pop(key, None))
            else:
                self.shared += 1
            answer, headers = await asyncio.shield(task)
            self.cache.put(key, answer)
        return Response(answer.body, status_code=answer.status, media_type=answer.media_type, headers=headers)

    async def _execute(self, job: Job) -> tuple[Answer, dict[str, str] | None]:
        """Run a job on the pool; the answer and any extra headers (time limit, busy)."""
        timeout = self.settings.timeout
        if job.kind == "update":
            self.cache.invalidate()  # queries running meanwhile must not store what they saw
        try:
            return await self.pool.run(job, timeout), None
        except OverrunError:
            message = f"query stopped after {timeout:g} s (the server's time limit, --timeout)\n"
            return Answer(504, message.encode()), None
        except BusyError:
            message = f"every query worker stayed busy for {timeout:g} s; try again\n"
            return Answer(503, message.encode()), {"Retry-After": "1"}
        finally:
            if job.kind == "update":
                self.cache.invalidate()

    async def sparql(self, request: Request) -> Response:
        """SPARQL 1.1 Protocol query operation (GET, POST direct, POST form)."""
        try:
            operation = await read_operation(request, "query", self.settings.max_query_bytes)
            if operation is None:
                return self._description(request)
            shape = shape_of(operation.text)
            if shape.form is None and shape.operations:
                where = (
                    "send it to /update with the token"
                    if self.settings.allow_update
                    else ("this endpoint is read-only")
                )
                raise ProtocolError(
                    403, f"SPARQL Update ({', '.join(sorted(shape.operations))}) is refused here: {where}"
                )
            if shape.has_service and not self.settings.allow_service:
                raise ProtocolError(403, "SERVICE (federated query) is disabled on this endpoint")
            fmt = choose_format(shape.form or "SELECT", request.headers.get("accept"), operation.format)
        except ProtocolError as error:
            return _error(error.status, error.message, error.headers)
        job = Job(
            "query",
            operation.text,
            fmt,
            self.settings.max_results,
            operation.default_graphs,
            operation.named_graphs,
        )
        return await self._run(job)

    def _description(self, request: Request) -> Response:
        accept = request.headers.get("accept")
        try:
            fmt = choose_format("DESCRIBE", accept, request.query_params.get("format"))
        except ProtocolError as error:
            return _error(error.status, error.message)
        endpoint = str(request.url.replace(query="", fragment=""))
        graph = service_description(endpoint, update=self.settings.allow_update)
        body = graph.serialize(format=RDFLIB_FORMATS[fmt], encoding="utf-8")
        return Response(body, media_type=MEDIA_TYPES[fmt])

    async def update(self, request: Request) -> Response:
        """SPARQL 1.1 Protocol update operation: only with --allow-update and the bearer token."""
        if not self.settings.allow_update:
            return _error(403, "SPARQL Update is refused: this endpoint is read-only")
        token = self.settings.token or ""
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
            return _error(401, "updates need Authorization: Bearer <token>", {"WWW-Authenticate": "Bearer"})
        try:
            operation = await read_operation(request, "update", self.settings.max_query_bytes)
            if operation is None:
                raise ProtocolError(400, "no update given")
            if operation.default_graphs or operation.named_graphs:
                raise ProtocolError(400, "using-graph-uri parameters are not supported; use WITH/USING")
            shape = shape_of(operation.text)
            if not self.settings.allow_service and (shape.has_service or "LOAD" in shape.operations):
                raise ProtocolError(403, "SERVICE and LOAD reach the network: disabled on this endpoint")
            if shape.form is not None:
                raise ProtocolError(400, "that is a query: send it to /sparql")
            text = keep_union(operation.text, f"urn:diplograph:scratch:{uuid.uuid4().hex}")
        except ProtocolError as error:
            return _error(error.status, error.message, error.headers)
        except UpdateRefusedError as error:
            return _error(400, str(error))
        return await self._run(Job("update", text))

    async def page(self, request: Request) -> Response:
        """The HTML query page."""
        return HTMLResponse(render_page(self.pages()))

    async def examples(self, request: Request) -> Response:
        """The bundled example queries as JSON: name -> {description, text}."""
        queries = example_queries().items()
        return JSONResponse({n: {"description": describe_query(t), "text": t} for n, t in queries})

    @staticmethod
    def pages() -> dict[str, str]:
        """The extra pages available: path -> title (those whose viz module is importable)."""
        found = {}
        for path, module, title in (
            ("/graph", "network", "Network graph"),
            ("/timeline", "timeline_page", "Bilateral timeline"),
        ):
            with contextlib.suppress(ImportError):
                __import__(f"diplograph.viz.{module}")
                found[path] = title
        return found

    async def graph_page(self, request: Request) -> Response:
        """The interactive network page (viz.network.graph_html), when that module exists."""
        return await self._viz_page(request, "graph")

    async def timeline_page(self, request: Request) -> Response:
        """The bilateral timeline page (viz.timeline_page) for ?a=CHN&b=RUS, when that module exists."""
        return await self._viz_page(request, "timeline")

    async def _viz_page(self, request: Request, which: str) -> Response:
        from diplograph.graph.server import pages

        params = dict(request.query_params)
        limit = max(self.settings.timeout, PAGE_SECONDS)
        try:
            rendering = asyncio.to_thread(pages.render, which, self.settings.store, params)
            html = await asyncio.wait_for(rendering, limit)
        except pages.UnavailableError as error:
            return _error(404, str(error))
        except (ValueError, DiplographError) as error:
            return _error(400, str(error))
        except TimeoutError:
            return _error(504, f"the {which} page took longer than {limit:g} s")
        return HTMLResponse(html)


def render_page(extra_pages: dict[str, str]) -> str:
    """The query page with the example queries embedded as inert JSON (no markup can break out).

    >>> "</script><script>" in render_page({})
    False
    """
    template = resources.files("diplograph.graph.server").joinpath("page.html").read_text(encoding="utf-8")
    data: dict[str, Any] = {
        "examples": {n: {"description": describe_query(t), "text": t} for n, t in example_queries().items()},
        "pages": extra_pages,
    }
    text = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return template.replace("/*DATA*/null", text)


def create_app(settings: ServerSettings) -> Starlette:
    """The ASGI application for these settings (workers start with the app's lifespan)."""
    endpoint = Endpoint(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await endpoint.pool.start()
        if not endpoint.pool.isolate:
            log.warning("SERVICE and LOAD are allowed: query workers can reach the network")
        elif not endpoint.pool.isolated:
            log.warning(
                "workers could not be cut off the network (%s); SERVICE is still refused by the query check",
                "; ".join(endpoint.pool.notes),
            )
        try:
            yield
        finally:
            await endpoint.pool.close()

    middleware = []
    if settings.loopback:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=[*LOOPBACK, "[::1]"]))
    if settings.cors_origin:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=[settings.cors_origin],
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["Accept", "Content-Type", "Authorization"],
                max_age=600,
            )
        )
    routes = [
        Route("/", endpoint.page, methods=["GET"]),
        Route("/examples", endpoint.examples, methods=["GET"]),
        Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
        Route("/update", endpoint.update, methods=["POST"]),
        Route("/graph", endpoint.graph_page, methods=["GET"]),
        Route("/timeline", endpoint.timeline_page, methods=["GET"]),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.endpoint = endpoint
    return app


__all__ = ["Endpoint", "create_app", "render_page"]
