"""REST routes: search, one paper, one entity, a node's neighbourhood, the review list, trends,
leaderboards, comparisons, report upload, compaction of the search index and the health check. Thin:
they call the service.

Write access: POST /api/reports and POST /api/admin/compact need the X-API-Key header to equal
PAPERGRAPH_API_KEY (401 when it is missing or wrong). With no key configured the server is read-only and
those routes answer 403 "writes are disabled". Uploads are limited to `max_upload_bytes` (413), counted while streaming.
"""

# No `from __future__ import annotations`: FastAPI reads the route annotations, which name `settings`.
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Security
from fastapi.responses import PlainTextResponse, Response
from fastapi.security import APIKeyHeader
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from api import analytics, browse
from api.errors import error_responses
from api.schema import key_matches
from api.service import MAX_NEIGHBOURHOOD_DEPTH, ImportTotals, IndexBusy, PapergraphService, SearchResult
from api.settings import Settings
from graph.model import METRICS
from graph.store import Node, PaperFilter, Subgraph

# Room for the multipart boundaries and part headers around the file itself.
MULTIPART_OVERHEAD = 16 * 1024

IdList = Annotated[list[str], Query(max_length=20)]
OptionalId = Annotated[str | None, Query(max_length=200)]


# Parameter patterns and bounds, shared with the explorer's pages (api/explorer.py).
MAX_QUERY_CHARS = 500
# Some character that is not white space in any of the three regex dialects that read this pattern: the
# schema's (ECMAScript), pydantic's (Rust) and Python's. They disagree on U+001C-001F, U+0085 and U+FEFF, so
# a plain \S let a query of one U+0085 be schema-valid and still rejected.
NOT_ONLY_SPACE = r"[^\s\x1c-\x1f\u0085\ufeff]"
SEARCH_MODE = "^(hybrid|vector|lexical)$"
TREND_BY = "^(category|technique|institution|model|hardware)$"
TREND_SORT = "^(papers|rising|new)$"
CLAIM_DIRECTION = "^(increase|decrease|level)?$"  # empty: the largest group
MAX_UNIT_CHARS = 40
METRIC_PATTERN = "^(metric:)?(" + "|".join(re.escape(m) for m in METRICS) + ")$"
# 1 to MAX_COMPARE comma-separated ids, none blank.
COMPARE_IDS = rf"^[^,]*[^,\s][^,]*(,[^,]*[^,\s][^,]*){{0,{analytics.MAX_COMPARE - 1}}}$"


class SearchFilters:
    """The filters of /api/search and of the explorer's search page, as one dependency: a value left empty
    (a form's unchosen field) filters nothing."""

    def __init__(self, category: IdList = [], technique: IdList = [], institution: IdList = [],  # noqa: B006
                 model: IdList = [], hardware: IdList = [], metric: IdList = [],  # noqa: B006
                 report: IdList = []) -> None:  # noqa: B006 - FastAPI copies query defaults per request
        given = {"category": category, "technique": technique, "institution": institution, "model": model,
                 "hardware": hardware, "metric": metric, "report": report}
        self.ids = {name: [v.strip() for v in values if v.strip()] for name, values in given.items()}

    def paper_filter(self) -> PaperFilter:
        return PaperFilter(**{name: tuple(values) for name, values in self.ids.items()})


def _given(value: str | None) -> str | None:
    return (value or "").strip() or None


class TrendQuery:
    """What /api/trends and the explorer's trends page ask: the dimension, a category to keep, the order; an
    empty category (a form's "any") keeps all."""

    def __init__(self, by: Annotated[str, Query(pattern=TREND_BY)] = "category", category: OptionalId = None,
                 sort: Annotated[str, Query(pattern=TREND_SORT)] = "papers") -> None:
        self.by, self.category, self.sort = by, _given(category), sort


class LeaderboardFilters:
    """The filters of /api/leaderboard and of the explorer's leaderboard page, as one dependency: a value
    left empty (a form's "any", "largest group") filters nothing."""

    def __init__(self, category: OptionalId = None, technique: OptionalId = None, hardware: OptionalId = None,
                 model: OptionalId = None,
                 unit: Annotated[str | None, Query(max_length=MAX_UNIT_CHARS,
                                                   description="rank the group of this unit")] = None,
                 direction: Annotated[str | None, Query(pattern=CLAIM_DIRECTION)] = None) -> None:
        self.values = {"category": _given(category), "technique": _given(technique), "hardware": _given(hardware),
                       "model": _given(model), "unit": _given(unit), "direction": _given(direction)}


# The write key as a declared security scheme, so /docs offers "Authorize" and clients know the header.
API_KEY_HEADER = APIKeyHeader(name="X-API-Key", auto_error=False,
                              description="PAPERGRAPH_API_KEY of the server; needed by every write")


def _text(body: str, media_type: str) -> Response:
    return PlainTextResponse(body, media_type=f"{media_type}; charset=utf-8")


def _also_as(*media_types: str) -> dict[int | str, dict[str, Any]]:
    """A 200 that may also come as these text formats (`format=csv` and the like)."""
    return {200: {"content": {m: {"schema": {"type": "string"}} for m in media_types}}}


def _service(request: Request) -> PapergraphService:
    return request.app.state.service


def _hit_json(hit: SearchResult) -> dict[str, Any]:
    paper = {"id": hit.paper["id"], "title": hit.paper.get("title", ""),
             "sources": list(hit.paper.get("sources", ()))}
    return {"paper": paper, "score": round(hit.score, 6), "match": hit.match}


def _node_json(node: Node) -> dict[str, Any]:
    return {"id": node["id"], "label": node.get("label", ""), "caption": browse.caption(node)}


def subgraph_json(graph: Subgraph) -> dict[str, Any]:
    """A neighbourhood as the graph view draws it: nodes with their caption, relationships by id."""
    return {"nodes": [_node_json(n) for n in graph.nodes],
            "relationships": [{"type": r["type"], "start": r["start"], "end": r["end"]} for r in graph.relationships]}


def entity_json(found: browse.Entity) -> dict[str, Any]:
    return {"node": found.node,
            "related": {heading: [_node_json(n) for n in nodes] for heading, nodes in found.related.items()},
            "papers": {"total": found.total_papers, "offset": found.offset,
                       "items": [{"id": p["id"], "title": p.get("title", "")} for p in found.papers]}}


def build_router(settings: Settings) -> APIRouter:
    router = APIRouter()

    def _require_key(api_key: str | None) -> None:
        if not settings.writes_enabled():
            raise HTTPException(403, "writes are disabled: the server has no PAPERGRAPH_API_KEY")
        if not key_matches(api_key or "", settings):
            raise HTTPException(401, "unauthorized: send a valid X-API-Key header")

    @router.get("/api/search", summary="Search papers (English or Chinese), filters applied before ranking",
                responses=error_responses(400, 422, 503))
    async def search(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, pattern=NOT_ONLY_SPACE,
                                    description="the query")],
        filters: Annotated[SearchFilters, Depends()],
        k: Annotated[int, Query(ge=1, le=settings.search_max_k)] = 10,
        mode: Annotated[str, Query(pattern=SEARCH_MODE)] = "hybrid",
    ) -> dict[str, Any]:
        hits = await run_in_threadpool(_service(request).search, q, k, filters.paper_filter(), mode)
        return {"hits": [_hit_json(h) for h in hits]}

    @router.get("/api/papers/{paper_id}", summary="One paper in the interchange shape, with entities and evidence",
                responses=error_responses(404, 422, 503))
    async def paper(request: Request, paper_id: str) -> dict[str, Any]:
        return await run_in_threadpool(_service(request).paper_document, paper_id)

    @router.get("/api/entities/{node_id}",
                summary="An institution, technique, model, hardware, metric, evidence or report: its properties, "
                        "related nodes (broader/narrower, parent/members...) and a page of its papers",
                responses=error_responses(400, 404, 422, 503))
    async def entity(
        request: Request, node_id: str,
        limit: Annotated[int, Query(ge=1, le=settings.page_max, description="papers per page")] = 50,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> dict[str, Any]:
        return entity_json(await run_in_threadpool(_service(request).entity, node_id, limit, offset))

    @router.get("/api/neighbourhood/{node_id}",
                summary="The nodes within `depth` hops of any node (at most `limit`) and their relationships",
                responses=error_responses(400, 404, 422, 503))
    async def neighbourhood(
        request: Request, node_id: str,
        depth: Annotated[int, Query(ge=1, le=MAX_NEIGHBOURHOOD_DEPTH)] = 1,
        limit: Annotated[int, Query(ge=1, le=settings.page_max)] = 50,
    ) -> dict[str, Any]:
        return subgraph_json(await run_in_threadpool(_service(request).neighbourhood, node_id, depth, limit))

    @router.get("/api/review", summary="Unresolved institutions, models and hardware, most papers first",
                responses=error_responses(503))
    async def review(request: Request) -> dict[str, Any]:
        items = await run_in_threadpool(_service(request).review)
        return {"unresolved": [item.to_json() for item in items]}

    @router.get("/api/trends", summary="Distinct papers per dated report for the top entities of a dimension",
                responses={**_also_as("text/csv"), **error_responses(400, 422, 503)})
    async def trends(
        request: Request,
        query: Annotated[TrendQuery, Depends()],
        top: Annotated[int, Query(ge=1, le=settings.analytics_max_rows)] = 10,
        format: Annotated[str, Query(pattern="^(json|csv)$")] = "json",
    ) -> Any:
        result = await run_in_threadpool(_service(request).trends, query.by, top, query.category, query.sort)
        return _text(analytics.trends_csv(result), "text/csv") if format == "csv" else analytics.trends_json(result)

    @router.get("/api/leaderboard", summary="The best claims of a metric, ranked only among comparable units",
                responses={**_also_as("text/csv"), **error_responses(400, 422, 503)})
    async def leaderboard(
        request: Request,
        metric: Annotated[str, Query(pattern=METRIC_PATTERN, description="a metric id, e.g. speedup")],
        filters: Annotated[LeaderboardFilters, Depends()],
        k: Annotated[int, Query(ge=1, le=settings.analytics_max_rows)] = 20,
        format: Annotated[str, Query(pattern="^(json|csv)$")] = "json",
    ) -> Any:
        board = await run_in_threadpool(lambda: _service(request).leaderboard(metric, k, **filters.values))
        return (_text(analytics.leaderboard_csv(board), "text/csv") if format == "csv"
                else analytics.leaderboard_json(board))

    @router.get("/api/compare", summary="Papers side by side: one column per paper, one row per property",
                responses={**_also_as("text/csv", "text/markdown"), **error_responses(400, 404, 422, 503)})
    async def compare(
        request: Request,
        ids: Annotated[str, Query(pattern=COMPARE_IDS, max_length=4000,
                                  description=f"up to {analytics.MAX_COMPARE} paper ids, comma-separated")],
        format: Annotated[str, Query(pattern="^(json|csv|markdown)$")] = "json",
    ) -> Any:
        wanted = ids.split(",")
        result = await run_in_threadpool(_service(request).compare, wanted)
        if format == "csv":
            return _text(analytics.comparison_csv(result), "text/csv")
        if format == "markdown":
            return _text(analytics.comparison_markdown(result), "text/markdown")
        return analytics.comparison_json(result)

    @router.post(
        "/api/reports",
        status_code=201,
        summary="Upload a report (Markdown or interchange JSON) as multipart field `file`; needs X-API-Key",
        responses=error_responses(400, 401, 403, 413, 422, 503),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"multipart/form-data": {"schema": {
                    "type": "object", "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }}},
            },
        },
    )
    async def upload_report(request: Request,
                            api_key: Annotated[str | None, Security(API_KEY_HEADER)] = None) -> dict[str, Any]:
        _require_key(api_key)  # before the body is read, so an unauthorised upload costs nothing
        limit = settings.max_upload_bytes
        async with request.form(max_files=1, max_fields=1, max_part_size=MULTIPART_OVERHEAD) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise HTTPException(422, "send the report as a multipart file field named 'file'")
            data = await upload.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, f"report too large: the limit is {limit} bytes")
        result = await run_in_threadpool(_service(request).import_upload, upload.filename, data)
        if not result.ok:
            raise HTTPException(500 if result.internal else 422, result.error)
        totals = ImportTotals.of([result])
        return {
            "file": result.path, "reports": list(result.reports), "papers": result.papers,
            "created": totals.created, "merged": totals.merged, "unchanged": totals.unchanged,
            "removed": totals.removed, "warnings": [str(w) for w in result.warnings],
        }

    @router.post("/api/admin/compact",
                 summary="Fold the search index's vector log into one snapshot; needs X-API-Key. Searches and "
                         "imports go on meanwhile",
                 responses=error_responses(401, 403, 409))
    async def compact(request: Request,
                      api_key: Annotated[str | None, Security(API_KEY_HEADER)] = None) -> dict[str, Any]:
        _require_key(api_key)
        try:
            done = await run_in_threadpool(_service(request).compact_index)
        except IndexBusy as exc:
            raise HTTPException(409, str(exc)) from exc
        return done.to_json()

    @router.get("/healthz", summary="Liveness, store reachability, and whether the search index is in step",
                responses=error_responses(503))
    async def healthz(request: Request) -> dict[str, Any]:
        return await run_in_threadpool(_service(request).health)

    return router


def upload_limit(settings: Settings) -> int:
    """The byte limit on the whole multipart body of POST /api/reports."""
    return settings.max_upload_bytes + MULTIPART_OVERHEAD
