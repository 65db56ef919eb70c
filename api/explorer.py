"""The web explorer: server-rendered pages over the same service calls as the REST API.

    /                     search (English or Chinese) with the filters of /api/search; with no query an
                          overview. Deep links: /?q=推测解码&category=kv-cache
    /paper/{id}           a paper: sources, entities, evidence, similar papers, its graph
    /entity/{id}          an institution, technique, model, hardware, metric, evidence or report
    /trends, /leaderboard the analytics of api/analytics.py as tables and inline SVG charts

Every page but the overview links to its JSON twin. Templates (api/templates) are Jinja2 with autoescaping on, so every
piece of stored or asked-for text is escaped. The only scripts are cytoscape.js (served from
api/web_assets like GraphiQL's) and api/static/explorer.js, which draws a node's neighbourhood and
expands it from GET /api/neighbourhood/{id}. Pages carry a Content-Security-Policy that allows
scripts, styles and requests from this origin only (plus the one style element cytoscape.js inserts).
Errors on these paths are answered as HTML pages (see `is_page`), never with a stack trace.
"""

# No `from __future__ import annotations`: FastAPI reads the route annotations, which name `settings`.

import base64
import hashlib
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.concurrency import run_in_threadpool

from api import analytics, browse, charts
from api.highlight import highlight, query_terms
from api.rest import (
    MAX_QUERY_CHARS,
    METRIC_PATTERN,
    SEARCH_MODE,
    LeaderboardFilters,
    SearchFilters,
    TrendQuery,
)
from api.service import NotFound, PapergraphService
from api.settings import Settings
from graph.model import METRICS, TECHNIQUE_CATEGORIES
from graph.trends import report_date

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
STATIC_FILES = {"explorer.css": "text/css", "explorer.js": "text/javascript",
                "graph-style.json": "application/json"}
GRAPH_LIMIT = 30  # nodes fetched per neighbourhood in the graph view
SIMILAR = 5


# cytoscape.js inserts one <style> element (`.__________cytoscape_container { position: relative; }`);
# the policy allows exactly that text by its hash, and no other inline style or script.
_CYTOSCAPE_STYLE = ".__________cytoscape_container { position: relative; }"
_CYTOSCAPE_HASH = base64.b64encode(hashlib.sha256(_CYTOSCAPE_STYLE.encode()).digest()).decode()
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; "
        f"style-src 'self' 'sha256-{_CYTOSCAPE_HASH}'; connect-src 'self'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
_PAGES = ("/paper/", "/entity/")


def is_page(path: str) -> bool:
    """True for the explorer's paths, whose errors are answered as HTML."""
    return path in ("/", "/trends", "/leaderboard") or path.startswith(_PAGES)


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(caption=browse.caption, node_href=node_href, report_date=report_date)
    env.filters["number"] = _number
    env.filters["labelled"] = lambda items, label: [{**item, "label": label} for item in items]
    return env


def node_href(node_id: str, label: str | None = None) -> str:
    """The explorer page of a node: /paper/{id} for papers, /entity/{id} for the others."""
    label = label or browse.label_of(node_id)
    return f"/{'paper' if label == 'Paper' else 'entity'}/{quote(node_id, safe=':')}"


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


_ENV = _environment()


def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = _ENV.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def error_page(status: int, message: str) -> HTMLResponse:
    """An error as a page: the status and the same one-sentence message the JSON API would give."""
    titles = {400: "Cannot answer that", 404: "Not found", 422: "Invalid request", 503: "Store unavailable"}
    return render("error.html", status, title=titles.get(status, "Error"), code=status, message=message,
                  twin=None)


def _service(request: Request) -> PapergraphService:
    return request.app.state.service


def _query_string(**params: Any) -> str:
    pairs = [(k, v) for k, values in params.items()
             for v in (values if isinstance(values, list) else [values]) if v not in (None, "", [])]
    return urlencode(pairs)


def build_router(settings: Settings) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/")
    async def search_page(
        request: Request,
        filters: Annotated[SearchFilters, Depends()],
        q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
        k: Annotated[int, Query(ge=1, le=settings.search_max_k)] = 10,
        mode: Annotated[str, Query(pattern=SEARCH_MODE)] = "hybrid",
    ) -> HTMLResponse:
        service = _service(request)
        overview = None if q.strip() else await run_in_threadpool(service.overview)  # shown without a query
        form = {"q": q, "k": k, **filters.ids, "mode": mode}
        hits, terms = None, []
        if q.strip():
            hits = await run_in_threadpool(service.search, q, k, filters.paper_filter(), mode)
            terms = query_terms(q, await run_in_threadpool(service.query_expansions, q[:MAX_QUERY_CHARS]))
        return render("search.html", form=form, hits=hits, highlight=highlight, terms=terms, overview=overview,
                      categories=TECHNIQUE_CATEGORIES, metrics=METRICS, max_k=settings.search_max_k,
                      twin=f"/api/search?{_query_string(**form)}" if q.strip() else None)

    @router.get("/paper/{paper_id}")
    async def paper_page(request: Request, paper_id: str) -> HTMLResponse:
        service = _service(request)
        paper = await run_in_threadpool(service.paper_document, paper_id)
        try:
            similar = await run_in_threadpool(service.similar, paper_id, SIMILAR)
        except NotFound:  # in the store, not yet in the search index
            similar = []
        return render("paper.html", paper=paper, similar=similar, graph_limit=GRAPH_LIMIT,
                      twin=f"/api/papers/{paper_id}")

    @router.get("/entity/{node_id}")
    async def entity_page(
        request: Request, node_id: str,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> Response:
        if browse.label_of(node_id) == "Paper":
            return RedirectResponse(node_href(node_id, "Paper"), status_code=308)
        limit = min(50, settings.page_max)
        found = await run_in_threadpool(_service(request).entity, node_id, limit, offset)
        label = found.node.get("label", "")
        search_filter = {"Institution": "institution", "Technique": "category", "Model": "model",
                         "Hardware": "hardware", "Metric": "metric", "Report": "report"}.get(label)
        return render("entity.html", entity=found, node=found.node, label=label, limit=limit,
                      search_filter=search_filter, graph_limit=GRAPH_LIMIT,
                      twin=f"/api/entities/{node_id}?{_query_string(offset=offset)}")

    @router.get("/trends")
    async def trends_page(
        request: Request,
        query: Annotated[TrendQuery, Depends()],
        top: Annotated[int, Query(ge=1, le=settings.analytics_max_rows)] = 10,
    ) -> HTMLResponse:
        by, category, sort = query.by, query.category, query.sort
        result = await run_in_threadpool(_service(request).trends, by, top, category, sort)
        columns = [report_date(r) or r.id for r in result.reports]
        totals = charts.bars([(s.name, s.total, str(s.total), node_href(s.id)) for s in result.series])
        lines = charts.lines(columns, [(s.name, list(s.counts)) for s in result.series]) if len(columns) > 1 else None
        form = {"by": by, "top": top, "category": category or "", "sort": sort}
        return render("trends.html", result=result, columns=columns, totals=totals, lines=lines, form=form,
                      categories=TECHNIQUE_CATEGORIES, max_top=settings.analytics_max_rows,
                      twin=f"/api/trends?{_query_string(**form)}")

    @router.get("/leaderboard")
    async def leaderboard_page(
        request: Request,
        leaderboard_filters: Annotated[LeaderboardFilters, Depends()],
        metric: Annotated[str, Query(pattern=METRIC_PATTERN)] = "speedup",
        k: Annotated[int, Query(ge=1, le=settings.analytics_max_rows)] = 20,
    ) -> HTMLResponse:
        filters = leaderboard_filters.values
        board = await run_in_threadpool(lambda: _service(request).leaderboard(metric, k, **filters))
        chart = charts.bars([(row["paper"]["title"] or row["paper"]["id"], float(row["value"]),
                              analytics.claim_figure(row), node_href(row["paper"]["id"], "Paper"))
                             for row in board.rows])
        form = {"metric": metric, "k": k, **{name: value or "" for name, value in filters.items()}}
        return render("leaderboard.html", board=board, chart=chart, form=form, metrics=METRICS,
                      categories=TECHNIQUE_CATEGORIES, max_k=settings.analytics_max_rows,
                      claim_text=analytics.claim_figure, twin=f"/api/leaderboard?{_query_string(**form)}")

    @router.get("/static/{name}")
    async def static(name: str) -> FileResponse:
        if name not in STATIC_FILES:
            raise HTTPException(404, f"no static file {name!r}")
        return FileResponse(STATIC / name, media_type=STATIC_FILES[name],
                            headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"})

    return router
