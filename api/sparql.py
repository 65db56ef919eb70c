"""`GET|POST /sparql`: a read-only SPARQL 1.1 protocol endpoint over the graph's RDF. Thin: it reads
the query the way the protocol passes it and calls the service.

- GET: the query in the `query` parameter.
- POST: a form (`application/x-www-form-urlencoded`, field `query`) or the query itself as the body
  (`Content-Type: application/sparql-query`).

Answers are `application/sparql-results+json`. A refused query (an update, CONSTRUCT, SERVICE, too
long, past its time limit, bad syntax, `default-graph-uri` or `named-graph-uri` given) is a 400
`{"error": ...}`; 503 when every query slot is busy.
"""

# No `from __future__ import annotations`: FastAPI reads the route annotations.
from collections.abc import Iterable
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.errors import error_responses
from api.service import InvalidRequest, PapergraphService
from graph.sparql import JSON_MEDIA_TYPE, SparqlBusy, answer_json

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")


def _refuse_dataset(names: Iterable[str]) -> None:
    """The protocol's dataset parameters would name other graphs; there is only this one."""
    given = sorted(set(names) & set(DATASET_PARAMETERS))
    if given:
        raise InvalidRequest(f"{', '.join(given)} is not supported: queries run over this graph only")


async def _answer(request: Request, query: str | None) -> JSONResponse:
    _refuse_dataset(request.query_params.keys())
    if not query or not query.strip():
        raise InvalidRequest("no query: pass it as `query`")
    service: PapergraphService = request.app.state.service
    try:
        answer = await run_in_threadpool(service.sparql, query)
    except SparqlBusy as exc:
        raise HTTPException(503, str(exc)) from exc
    return JSONResponse(answer_json(answer), media_type=JSON_MEDIA_TYPE)


async def _posted_query(request: Request) -> str | None:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidRequest("the request body is not UTF-8") from None
    if media_type == SPARQL_QUERY:
        return text
    if media_type == FORM:
        fields = parse_qs(text, keep_blank_values=True)
        _refuse_dataset(fields)
        values = fields.get("query", [])
        if len(values) > 1:
            raise InvalidRequest("more than one `query` field")
        return values[0] if values else None
    raise InvalidRequest(f"POST the query as {FORM} (field `query`) or as {SPARQL_QUERY}")


def build_router() -> APIRouter:
    router = APIRouter()
    responses = {200: {"content": {JSON_MEDIA_TYPE: {}}, "description": "SPARQL 1.1 results (JSON)"},
                 **error_responses(400, 422, 503)}
    post_responses = {**responses, **error_responses(400, 413, 422, 503)}  # a body past max_upload_bytes

    @router.get("/sparql", summary="Read-only SPARQL 1.1 query (SELECT, ASK)", responses=responses)
    async def sparql_get(request: Request,
                         query: Annotated[str | None, Query(description="the SPARQL query")] = None) -> JSONResponse:
        return await _answer(request, query)

    @router.post("/sparql", summary="Read-only SPARQL 1.1 query (SELECT, ASK), form or body",
                 responses=post_responses, openapi_extra={"requestBody": {"required": True, "content": {
                     FORM: {"schema": {"type": "object", "required": ["query"],
                                       "properties": {"query": {"type": "string"}}}},
                     SPARQL_QUERY: {"schema": {"type": "string"}}}}})
    async def sparql_post(request: Request) -> JSONResponse:
        return await _answer(request, await _posted_query(request))

    return router
