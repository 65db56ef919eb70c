"""The GraphQL schema: queries, the importReport mutation, limits and the per-request context.

Resolvers stay thin: lists and lookups go to the GraphStore protocol through the service (never a
backend), relations through the request's DataLoaders (api/loaders.py), search and imports through
PapergraphService. Limits (depth, tokens, aliases, the static cost of api/cost.py, argument ranges) are
schema extensions and validation rules, so an expensive query is rejected before it runs; every error
leaves with `extensions.code` (api/errors.py).
"""

from __future__ import annotations

import asyncio
import hmac
from enum import Enum
from typing import Any

import strawberry
from graphql import ASTValidationRule, GraphQLError, GraphQLResolveInfo, NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.fastapi import BaseContext
from strawberry.permission import BasePermission

from api.analytics import MAX_COMPARE
from api.cost import CostModel, cost_rule
from api.errors import FORBIDDEN, UNAUTHENTICATED, bad_input, classify
from api.loaders import StoreLoaders
from api.results import (
    CompactionResult,
    Comparison,
    Count,
    GraphNode,
    GraphRelationship,
    ImportResult,
    InstitutionPair,
    Leaderboard,
    ReviewItem,
    SearchHit,
    Stats,
    Subgraph,
    TechniquePair,
    Trends,
)
from api.service import FileResult, ImportTotals, InvalidRequest, NotFound, PapergraphService
from api.settings import Settings
from api.types import (
    Connection,
    Evidence,
    Hardware,
    Institution,
    Metric,
    Model,
    Paper,
    Report,
    Technique,
    TechniqueCategory,
    decode_cursor,
)
from graph.model import METRICS, TECHNIQUE_CATEGORIES
from graph.projection import NAME_PROPERTY
from graph.store import EvidenceFilter, PaperFilter


class GraphContext(BaseContext):
    """What every resolver of one request sees: the service, the settings and fresh loaders."""

    def __init__(self, service: PapergraphService) -> None:
        super().__init__()
        self.service = service
        self.settings: Settings = service.settings
        self.loaders = StoreLoaders(service.store)
        self._first_seen: dict[str, asyncio.Future[dict[str, str | None]]] = {}

    async def first_seen(self, by: str) -> dict[str, str | None]:
        """Entity id -> first-seen date for one trend dimension, computed once per request."""
        if by not in self._first_seen:
            self._first_seen[by] = asyncio.ensure_future(asyncio.to_thread(self.service.first_seen, by))
        return await self._first_seen[by]


def _ids(values: list[str] | None) -> tuple[str, ...]:
    return tuple(values or ())


@strawberry.input(description="Papers matching every given field; within a field, any of the ids.")
class PaperFilterInput:
    technique: list[str] | None = None
    category: list[str] | None = None
    institution: list[str] | None = None
    model: list[str] | None = None
    hardware: list[str] | None = None
    metric: list[str] | None = None
    report: list[str] | None = None
    title_contains: str | None = None

    def to_filter(self) -> PaperFilter:
        return PaperFilter(
            technique=_ids(self.technique), category=_ids(self.category),
            institution=_ids(self.institution), model=_ids(self.model), hardware=_ids(self.hardware),
            metric=_ids(self.metric), report=_ids(self.report), title_contains=self.title_contains,
        )


@strawberry.input
class EvidenceFilterInput:
    metric: list[str] | None = None
    paper: list[str] | None = None
    hardware: list[str] | None = None
    model: list[str] | None = None
    papers: PaperFilterInput | None = None
    min_value: float | None = None
    unit: str | None = None

    def to_filter(self) -> EvidenceFilter:
        return EvidenceFilter(
            metric=_ids(self.metric), paper=_ids(self.paper), hardware=_ids(self.hardware),
            model=_ids(self.model), papers=self.papers.to_filter() if self.papers else PaperFilter(),
            min_value=self.min_value, unit=self.unit,
        )


@strawberry.enum
class EvidenceOrder(Enum):
    VALUE_DESC = "value_desc"
    VALUE_ASC = "value_asc"
    PAPER = "paper"


@strawberry.enum
class TrendDimension(Enum):
    CATEGORY = "category"
    TECHNIQUE = "technique"
    INSTITUTION = "institution"
    MODEL = "model"
    HARDWARE = "hardware"


@strawberry.enum
class TrendSort(Enum):
    PAPERS = "papers"
    RISING = "rising"
    NEW = "new"


MetricName = strawberry.enum(Enum("MetricName", {m.upper().replace("-", "_"): m for m in METRICS}),
                             description="The metrics of the vocabulary (ontology/metrics.ttl).")


@strawberry.enum
class ClaimDirection(Enum):
    INCREASE = "increase"
    DECREASE = "decrease"
    LEVEL = "level"


@strawberry.enum
class SearchMode(Enum):
    HYBRID = "hybrid"
    VECTOR = "vector"
    LEXICAL = "lexical"


def _page(info: strawberry.Info, first: int, after: str | None) -> tuple[int, int]:
    """(limit, offset) from Relay arguments (`first` is range-checked by ArgumentRanges)."""
    try:
        offset = decode_cursor(after) if after else 0
    except ValueError as exc:
        raise bad_input(str(exc)) from exc
    return first, offset


async def _off_loop(call: Any, *args: Any) -> Any:
    """Store calls run in a worker thread: a Neo4j round trip must not hold up every other request."""
    return await asyncio.to_thread(call, *args)


async def _node_connection(info: strawberry.Info, label: str, make: Any, first: int, after: str | None,
                           name_contains: str | None) -> Connection[Any]:
    limit, offset = _page(info, first, after)
    page = await _off_loop(info.context.service.store.list_nodes, label, limit, offset, name_contains)
    return Connection.of([make(n) for n in page.items], offset, page.total)


async def _node(info: strawberry.Info, label: str, node_id: str, make: Any) -> Any:
    node = (await _off_loop(info.context.service.store.get, label, [node_id]))[0]
    return make(node) if node is not None else None


def _counts(values: dict[str, int]) -> list[Count]:
    return [Count(name=k, count=v) for k, v in values.items()]


def _hits(results: list[Any]) -> list[SearchHit]:
    return [SearchHit(paper=Paper.from_node(r.paper), score=r.score, match=r.match) for r in results]


async def _service_call(call: Any, *args: Any) -> Any:
    """Run a service call (search embeds a query, an import embeds a report) off the event loop; its
    errors are classified by `api.errors.classify` (NotFound: NOT_FOUND, InvalidRequest: BAD_USER_INPUT)."""
    return await asyncio.to_thread(call, *args)


@strawberry.type
class Query:
    @strawberry.field
    async def paper(self, info: strawberry.Info, id: strawberry.ID) -> Paper | None:
        return await _node(info, "Paper", id, Paper.from_node)

    @strawberry.field
    async def papers(self, info: strawberry.Info, filter: PaperFilterInput | None = None, first: int = 20,
               after: str | None = None) -> Connection[Paper]:
        limit, offset = _page(info, first, after)
        paper_filter = filter.to_filter() if filter else PaperFilter()
        page = await _off_loop(info.context.service.store.list_papers, paper_filter, limit, offset)
        return Connection.of([Paper.from_node(n) for n in page.items], offset, page.total)

    @strawberry.field
    async def institution(self, info: strawberry.Info, id: strawberry.ID) -> Institution | None:
        return await _node(info, "Institution", id, Institution.from_node)

    @strawberry.field
    async def institutions(self, info: strawberry.Info, name_contains: str | None = None, first: int = 20,
                     after: str | None = None) -> Connection[Institution]:
        return await _node_connection(info, "Institution", Institution.from_node, first, after, name_contains)

    @strawberry.field
    async def technique(self, info: strawberry.Info, id: strawberry.ID) -> Technique | None:
        return await _node(info, "Technique", id, Technique.from_node)

    @strawberry.field
    async def techniques(self, info: strawberry.Info, name_contains: str | None = None, first: int = 20,
                   after: str | None = None) -> Connection[Technique]:
        return await _node_connection(info, "Technique", Technique.from_node, first, after, name_contains)

    @strawberry.field
    async def model(self, info: strawberry.Info, id: strawberry.ID) -> Model | None:
        return await _node(info, "Model", id, Model.from_node)

    @strawberry.field
    async def models(self, info: strawberry.Info, name_contains: str | None = None, first: int = 20,
               after: str | None = None) -> Connection[Model]:
        return await _node_connection(info, "Model", Model.from_node, first, after, name_contains)

    @strawberry.field
    async def hardware(self, info: strawberry.Info, name_contains: str | None = None, first: int = 20,
                 after: str | None = None) -> Connection[Hardware]:
        return await _node_connection(info, "Hardware", Hardware.from_node, first, after, name_contains)

    @strawberry.field
    async def metrics(self, info: strawberry.Info, name_contains: str | None = None, first: int = 20,
                after: str | None = None) -> Connection[Metric]:
        return await _node_connection(info, "Metric", Metric.from_node, first, after, name_contains)

    @strawberry.field
    async def report(self, info: strawberry.Info, id: strawberry.ID) -> Report | None:
        return await _node(info, "Report", id, Report.from_node)

    @strawberry.field
    async def reports(self, info: strawberry.Info, name_contains: str | None = None, first: int = 20,
                after: str | None = None) -> Connection[Report]:
        return await _node_connection(info, "Report", Report.from_node, first, after, name_contains)

    @strawberry.field(description="The technique categories (SKOS top concepts) of the vocabulary.")
    async def categories(self, info: strawberry.Info, first: int = 20,
                   after: str | None = None) -> Connection[TechniqueCategory]:
        limit, offset = _page(info, first, after)
        ids = list(TECHNIQUE_CATEGORIES[offset:offset + limit])
        nodes = await _off_loop(info.context.service.store.get, "Technique", [f"tech:{c}" for c in ids])
        items = [TechniqueCategory.from_node(c, n) for c, n in zip(ids, nodes, strict=True)]
        return Connection.of(items, offset, len(TECHNIQUE_CATEGORIES))

    @strawberry.field(description="Evidence across papers, e.g. the best speedups for one category.")
    async def evidence(self, info: strawberry.Info, filter: EvidenceFilterInput | None = None,
                 order_by: EvidenceOrder = EvidenceOrder.VALUE_DESC, first: int = 20,
                 after: str | None = None) -> Connection[Evidence]:
        limit, offset = _page(info, first, after)
        evidence_filter = filter.to_filter() if filter else EvidenceFilter()
        page = await _off_loop(info.context.service.store.list_evidence, evidence_filter, order_by.value,
                               limit, offset)
        return Connection.of([Evidence.from_node(n) for n in page.items], offset, page.total)

    @strawberry.field(description="Semantic + lexical search over titles, abstracts and briefs.")
    async def search(self, info: strawberry.Info, query: str, k: int = 10,
                     filter: PaperFilterInput | None = None,
                     mode: SearchMode = SearchMode.HYBRID) -> list[SearchHit]:
        if not query.strip():
            return []  # nothing to look for: no hits (REST refuses a blank q, its schema says so)
        paper_filter = filter.to_filter() if filter else None
        return _hits(await _service_call(info.context.service.search, query, k, paper_filter, mode.value))

    @strawberry.field(description="Papers nearest to a paper by embedding; null when no paper has the id.")
    async def similar_papers(self, info: strawberry.Info, id: strawberry.ID,
                             k: int = 10) -> list[SearchHit] | None:
        try:
            return _hits(await _service_call(info.context.service.similar, id, k))
        except NotFound:
            return None

    @strawberry.field
    async def stats(self, info: strawberry.Info) -> Stats:
        counts = await _off_loop(info.context.service.stats)
        return Stats(nodes=_counts(counts["nodes"]), relationships=_counts(counts["relationships"]))

    @strawberry.field(description="Unresolved institutions, models and hardware, most papers first.")
    async def review(self, info: strawberry.Info) -> list[ReviewItem]:
        return [ReviewItem.of(item) for item in await _off_loop(info.context.service.review)]

    @strawberry.field(description="Distinct papers per dated report for the top entities of a dimension.")
    async def trends(self, info: strawberry.Info, by: TrendDimension = TrendDimension.CATEGORY, top: int = 10,
                     category: str | None = None, sort: TrendSort = TrendSort.PAPERS) -> Trends:
        return Trends.of(await _service_call(info.context.service.trends, by.value, top, category, sort.value))

    @strawberry.field(description="The best claims of a metric, ranked only among comparable units.")
    async def leaderboard(self, info: strawberry.Info, metric: MetricName, category: str | None = None,
                          technique: str | None = None, hardware: str | None = None, model: str | None = None,
                          unit: str | None = None, direction: ClaimDirection | None = None,
                          k: int = 20) -> Leaderboard:
        service = info.context.service
        board = await _service_call(lambda: service.leaderboard(
            metric.value, k, category=category, technique=technique, hardware=hardware, model=model, unit=unit,
            direction=direction.value if direction else None))
        return Leaderboard.of(board)

    @strawberry.field(description="Papers side by side: one column per paper found (at most 20), one row per "
                                  "property; ids that are not papers are listed in `missing`.")
    async def compare(self, info: strawberry.Info, ids: list[strawberry.ID]) -> Comparison:
        service = info.context.service
        return Comparison.of(await _service_call(lambda: service.compare([str(i) for i in ids], all_found=False)))

    @strawberry.field(description="Pairs of techniques used by the same papers, most papers first.")
    async def technique_cooccurrence(self, info: strawberry.Info, first: int = 20,
                                     category: str | None = None) -> list[TechniquePair]:
        limit, _ = _page(info, first, None)
        pairs = await _off_loop(info.context.service.store.technique_cooccurrence, limit, category)
        loader = info.context.loaders.node("Technique")
        nodes = await loader.load_many([x for p in pairs for x in (p.a, p.b)])
        return [TechniquePair(a=Technique.from_node(a), b=Technique.from_node(b), count=p.count)
                for p, a, b in zip(pairs, nodes[::2], nodes[1::2], strict=True) if a and b]

    @strawberry.field(description="Pairs of institutions whose papers share techniques.")
    async def institution_overlap(self, info: strawberry.Info, first: int = 20) -> list[InstitutionPair]:
        limit, _ = _page(info, first, None)
        pairs = await _off_loop(info.context.service.store.institution_overlap, limit)
        loader = info.context.loaders.node("Institution")
        nodes = await loader.load_many([x for p in pairs for x in (p.a, p.b)])
        return [InstitutionPair(a=Institution.from_node(a), b=Institution.from_node(b), count=p.count)
                for p, a, b in zip(pairs, nodes[::2], nodes[1::2], strict=True) if a and b]

    @strawberry.field(description="Nodes and relationships within `depth` hops, for visualisation.")
    async def neighbourhood(self, info: strawberry.Info, id: strawberry.ID, depth: int = 1,
                      limit: int = 100) -> Subgraph:
        graph = await _off_loop(info.context.service.store.neighbourhood, id, depth, limit)
        return Subgraph(
            nodes=[GraphNode(id=strawberry.ID(n["id"]), label=n["label"],
                             name=str(n.get(NAME_PROPERTY.get(n["label"], "name"), ""))) for n in graph.nodes],
            relationships=[GraphRelationship(type=r["type"], start=r["start"], end=r["end"])
                           for r in graph.relationships],
        )


class RequireApiKey(BasePermission):
    """Writes need the X-API-Key header to match PAPERGRAPH_API_KEY; with no key set they are off."""

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        settings: Settings = info.context.settings
        self.message = "unauthorized: send a valid X-API-Key header"
        self.error_extensions = {"code": UNAUTHENTICATED}
        if not settings.writes_enabled():
            self.message = "writes are disabled: the server has no PAPERGRAPH_API_KEY"
            self.error_extensions = {"code": FORBIDDEN}
            return False
        given = info.context.request.headers.get("x-api-key", "")
        return key_matches(given, settings)


def key_matches(given: str, settings: Settings) -> bool:
    """Constant-time comparison with the configured key (False when writes are off)."""
    if not settings.writes_enabled() or settings.api_key is None:
        return False
    return hmac.compare_digest(given.encode(), settings.api_key.get_secret_value().encode())


@strawberry.type
class Mutation:
    @strawberry.mutation(permission_classes=[RequireApiKey],
                         description="Import (or replace) one report given as Markdown or interchange JSON.")
    async def import_report(self, info: strawberry.Info, filename: str, content: str) -> ImportResult:
        settings: Settings = info.context.settings
        data = content.encode("utf-8")
        if len(data) > settings.max_upload_bytes:
            raise bad_input(f"report too large: {len(data)} bytes, limit {settings.max_upload_bytes}")
        try:
            result = await _service_call(info.context.service.import_upload, filename, data)
        except InvalidRequest as exc:  # a file name that is not a report's: an outcome, in data
            result = FileResult(path=filename, error=str(exc))
        totals = ImportTotals.of([result])
        return ImportResult(
            ok=result.ok, error=result.error, reports=list(result.reports), papers=result.papers,
            warnings=[str(w) for w in result.warnings], created=_counts(totals.created),
            merged=_counts(totals.merged), unchanged=_counts(totals.unchanged), removed=_counts(totals.removed),
        )


    @strawberry.mutation(permission_classes=[RequireApiKey],
                         description="Fold the search index's vector log into one snapshot; searches go on.")
    async def compact_index(self, info: strawberry.Info) -> CompactionResult:
        return CompactionResult(**(await _service_call(info.context.service.compact_index)).to_json())


class ClassifiedErrors(MaskErrors):
    """Every error leaves with `extensions.code`; unexpected exceptions as an opaque INTERNAL reference
    (api/errors.classify), never their message."""

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return [classify(error) for error in errors]


def argument_ranges(settings: Settings) -> dict[str, tuple[int, int]]:
    """The one table of bounds for arguments that size the work, by argument name; `field.argument`
    keys override the name for one field."""
    return {
        "first": (0, settings.page_max),
        "k": (1, settings.search_max_k),
        "top": (1, settings.analytics_max_rows),
        "leaderboard.k": (1, settings.analytics_max_rows),
        "depth": (1, 3),
        "limit": (0, settings.page_max),
    }


class ArgumentRanges(SchemaExtension):
    """Checks every bounded argument against `argument_ranges` before its resolver runs, so no resolver
    checks a range of its own and a bad value is always a BAD_USER_INPUT naming the bounds."""

    def __init__(self, ranges: dict[str, tuple[int, int]]) -> None:
        self.ranges = ranges

    def resolve(self, _next: Any, root: Any, info: GraphQLResolveInfo, *args: Any, **kwargs: Any) -> Any:
        for name, value in kwargs.items():
            bounds = self.ranges.get(f"{info.field_name}.{name}") or self.ranges.get(name)
            if bounds is not None and isinstance(value, int) and not bounds[0] <= value <= bounds[1]:
                raise bad_input(f"{name} must be between {bounds[0]} and {bounds[1]}, not {value}")
        return _next(root, info, *args, **kwargs)


def build_schema(settings: Settings) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        extensions=[
            lambda: QueryDepthLimiter(max_depth=settings.graphql_max_depth),
            lambda: MaxTokensLimiter(max_token_count=settings.graphql_max_tokens),
            lambda: MaxAliasesLimiter(max_alias_count=settings.graphql_max_aliases),
            lambda: AddValidationRules(validation_rules(settings)),
            lambda: ArgumentRanges(argument_ranges(settings)),
            lambda: ClassifiedErrors(),
        ],
    )


# Lists whose size is fixed by something other than a `first` argument.
LIST_CAPS = {"Comparison.papers": MAX_COMPARE, "Comparison.missing": MAX_COMPARE,
             "ComparisonRow.cells": MAX_COMPARE, "Comparison.rows": 32}


def validation_rules(settings: Settings) -> list[type[ASTValidationRule]]:
    """The query cost budget, and no introspection when the settings turn it off."""
    rules: list[type[ASTValidationRule]] = [
        cost_rule(CostModel(argument_ranges(settings), LIST_CAPS), settings.graphql_max_cost)]
    if not settings.graphql_introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules
