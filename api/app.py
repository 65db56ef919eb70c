"""The FastAPI application: the web explorer at / (api/explorer.py), GraphQL at /graphql (GraphiQL in
the browser), REST under /api, /healthz, read-only SPARQL at /sparql.

Every error leaves as JSON `{"error": message}` (on the explorer's pages, as an HTML page saying the
same); unexpected exceptions are logged and answered with a
generic 500, never a stack trace. REST routes and the slow GraphQL fields (search, imports) run the
service in worker threads; the stores and the search index are thread-safe (each guards itself with
locks), and the quick GraphQL lookups call the store on the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.routing import Match
from starlette.types import Scope
from strawberry.fastapi import GraphQLRouter

from api.assets import build_router as build_assets_router
from api.assets import graphiql_html
from api.explorer import build_router as build_explorer_router
from api.explorer import error_page, is_page
from api.limits import BodySizeLimit, GraphQLTimeout
from api.rest import build_router, upload_limit
from api.schema import GraphContext, build_schema
from api.service import InvalidRequest, NotFound, PapergraphService
from api.settings import Settings
from api.sparql import build_router as build_sparql_router
from graph.store import StoreUnavailable

log = logging.getLogger("papergraph.api")


def _error(status: int, message: str, headers: dict[str, str] | None = None,
           request: Request | None = None) -> Response:
    """The error body: JSON, or an HTML page for a GET of one of the explorer's pages."""
    if request is not None and request.method == "GET" and is_page(request.url.path):
        return error_page(status, message)
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def _allowed_methods(app: FastAPI, scope: Scope) -> str:
    """Every method some route serves at this path (Starlette's 405 names only the first route's)."""
    methods: set[str] = set()
    for route in app.router.routes:
        match, _ = route.matches({**scope, "method": "GET"})
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return ", ".join(sorted(methods))


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = _allowed_methods(app, request.scope)
        return _error(exc.status_code, str(exc.detail), headers or None, request)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(422, _validation_message(exc), request=request)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(404, str(exc), request=request)

    @app.exception_handler(InvalidRequest)
    async def bad_request(request: Request, exc: InvalidRequest) -> Response:
        return _error(400, str(exc), request=request)

    @app.exception_handler(StoreUnavailable)
    async def unavailable(request: Request, exc: StoreUnavailable) -> Response:
        log.error("store unavailable: %s", exc)
        return _error(503, "the graph store is unavailable", request=request)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _error(500, "internal error", request=request)


async def _follow_other_writers(service: PapergraphService, every_s: float) -> None:
    """Every few seconds, take in what other processes committed (the embedded store's graph, then the
    search index); answers meanwhile come from the last state, never a half-loaded one."""
    while True:
        await asyncio.sleep(every_s)
        try:
            if await run_in_threadpool(service.refresh):
                log.info("took in changes another process committed")
        except Exception:  # keep following; the next round tries again
            log.exception("catching up with other writers failed")


def _warm_up(service: PapergraphService) -> None:
    try:
        service.warm_up()
    except Exception:  # a failed warm-up only means that the first search loads the model
        log.exception("embedding warm-up failed")


class OfflineGraphQLRouter(GraphQLRouter):
    """GraphiQL with its scripts and styles served by this app (api/assets.py), not by a CDN."""

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(graphiql_html())


def create_app(settings: Settings | None = None, service: PapergraphService | None = None) -> FastAPI:
    """The app over `service` (built from `settings` when not given); the store opens on first use."""
    settings = settings or (service.settings if service is not None else Settings())
    service = service or PapergraphService(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.index  # noqa: B018 - open the store and load the index before the first request
        watcher = asyncio.create_task(_follow_other_writers(service, settings.refresh_interval_s))
        # The embedding model loads while the server already answers: a search that comes first waits
        # for the same load (graph/embedding.py loads once per process), never for a second one.
        threading.Thread(target=_warm_up, args=(service,), name="warm-up", daemon=True).start()
        yield
        watcher.cancel()
        service.close()

    app = FastAPI(
        title="papergraph",
        version="0.1.0",
        description="Knowledge graph of research on AI inference acceleration: GraphQL at /graphql, REST at /api.",
        lifespan=lifespan,
        docs_url=None,  # served by api/assets.py with local Swagger UI assets
        redoc_url=None,  # ReDoc would load from a CDN
    )
    app.state.service = service
    app.state.settings = settings

    def context() -> GraphContext:
        return GraphContext(service)

    graphql = OfflineGraphQLRouter(build_schema(settings), context_getter=context, graphql_ide="graphiql")
    app.include_router(graphql, prefix="/graphql", include_in_schema=False)
    app.include_router(build_assets_router(app.openapi_url or "/openapi.json"))
    app.include_router(build_router(settings))
    app.include_router(build_sparql_router())
    app.include_router(build_explorer_router(settings))
    _install_error_handlers(app)

    def limit_for(scope: Scope) -> int | None:
        path: str = scope.get("path", "")
        if path == "/api/reports":
            return upload_limit(settings)
        if path.startswith("/graphql"):
            return settings.graphql_max_body_bytes
        return settings.max_upload_bytes if scope.get("method") in ("POST", "PUT", "PATCH") else None

    app.add_middleware(BodySizeLimit, limit_for=limit_for)
    app.add_middleware(GraphQLTimeout, seconds=settings.graphql_timeout_s)
    return app


def serve(settings: Settings, **uvicorn_options: Any) -> None:
    """Run the API with uvicorn on settings.host:settings.port (127.0.0.1 unless told otherwise)."""
    import uvicorn

    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, **uvicorn_options)
