"""GraphQL object types, one per node label, mapped 1:1 from the store's node dicts.

Scalar fields are copied from the node when the object is built; relations resolve through the
request's DataLoaders (`info.context.loaders`), in both directions of every relationship. Field names
are the interchange names in camelCase (`author_count` -> `authorCount`).
"""

from __future__ import annotations

import base64
from typing import Annotated, Any, Generic, TypeVar

import strawberry

from graph.store import Node
from graph.trends import date_of

T = TypeVar("T")

# The cap on every list that grows with the data: the list holds at most `first` items, checked against
# the settings' page size (api/schema.py, argument_ranges) and counted by the query cost estimate.
First = Annotated[int, strawberry.argument(description="At most this many items (0 to the page size, PAPERGRAPH_PAGE_MAX).")]


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    """The offset a cursor stands for; ValueError for anything this API did not hand out."""
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        offset = int(value)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"invalid cursor {cursor!r}") from exc
    if kind != "offset" or offset < 0:
        raise ValueError(f"invalid cursor {cursor!r}")
    return offset


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int

    @classmethod
    def of(cls, nodes: list[Any], offset: int, total: int) -> Connection[Any]:
        edges = [Edge(node=n, cursor=encode_cursor(offset + i + 1)) for i, n in enumerate(nodes)]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=offset + len(nodes) < total,
                has_previous_page=offset > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=total,
        )


async def _related(info: strawberry.Info, node_id: str, rel: str, direction: str, make: Any,
                   first: int | None = None) -> list[Any]:
    """The first `first` neighbours (all when None), each made into its GraphQL type."""
    return [make(n) for n in (await info.context.loaders.neighbours(node_id, rel, direction))[:first]]


async def _one(info: strawberry.Info, label: str, node_id: str | None, make: Any) -> Any:
    if not node_id:
        return None
    node = await info.context.loaders.get(label, node_id)
    return make(node) if node is not None else None


async def _first_seen(info: strawberry.Info, by: str, node_id: str) -> str | None:
    """The date of the first report (by date) with a paper naming the entity; per request, one tally
    per dimension (see GraphContext.first_seen)."""
    return (await info.context.first_seen(by)).get(node_id)


_FIRST_SEEN = "Date (YYYY-MM-DD) of the first report, in date order, with a paper naming this."


@strawberry.type
class Source:
    """Where a paper appears: the report, its `### N.` number and the heading's line."""

    report: str
    index: int
    line: int


@strawberry.type
class Paper:
    id: strawberry.ID
    title: str
    abstract: str
    brief: str
    author_count: int | None
    proposed: list[str]
    sources: list[Source]
    warnings: list[str]

    @classmethod
    def from_node(cls, node: Node) -> Paper:
        return cls(
            id=strawberry.ID(node["id"]), title=node.get("title", ""), abstract=node.get("abstract", ""),
            brief=node.get("brief", ""), author_count=node.get("author_count"),
            proposed=list(node.get("proposed", ())),
            sources=[Source(report=s["report"], index=s["index"], line=s["line"])
                     for s in node.get("sources", ())],
            warnings=list(node.get("warnings", ())),
        )

    @strawberry.field
    async def institutions(self, info: strawberry.Info, first: First = 50) -> list[Institution]:
        return await _related(info, self.id, "AUTHORED", "in", Institution.from_node, first)

    @strawberry.field
    async def techniques(self, info: strawberry.Info, first: First = 50) -> list[Technique]:
        return await _related(info, self.id, "USES", "out", Technique.from_node, first)

    @strawberry.field
    async def models(self, info: strawberry.Info, first: First = 50) -> list[Model]:
        return await _related(info, self.id, "EVALUATES", "out", Model.from_node, first)

    @strawberry.field
    async def hardware(self, info: strawberry.Info, first: First = 50) -> list[Hardware]:
        return await _related(info, self.id, "RUNS_ON", "out", Hardware.from_node, first)

    @strawberry.field
    async def evidence(self, info: strawberry.Info, first: First = 50) -> list[Evidence]:
        return await _related(info, self.id, "REPORTS", "out", Evidence.from_node, first)

    @strawberry.field
    async def reports(self, info: strawberry.Info, first: First = 50) -> list[Report]:
        return await _related(info, self.id, "FROM_REPORT", "out", Report.from_node, first)

    @strawberry.field(description="Date (YYYY-MM-DD) of the earliest dated report listing this paper.")
    async def first_seen(self, info: strawberry.Info) -> str | None:
        dates = [d for d in (r.date() for r in await self.reports(info)) if d]
        return min(dates) if dates else None


@strawberry.type
class Institution:
    id: strawberry.ID
    name: str
    aliases: list[str]
    parent_name: str | None
    resolved: bool
    country: str | None

    @classmethod
    def from_node(cls, node: Node) -> Institution:
        return cls(id=strawberry.ID(node["id"]), name=node.get("name", ""),
                   aliases=list(node.get("aliases", ())), parent_name=node.get("parent_name"),
                   resolved=bool(node.get("resolved", True)), country=node.get("country"))

    @strawberry.field(description="The organisation this one is part of (PART_OF).")
    async def parent(self, info: strawberry.Info) -> Institution | None:
        found = await _related(info, self.id, "PART_OF", "out", Institution.from_node)
        return found[0] if found else None

    @strawberry.field(description="Units that are part of this organisation.")
    async def parts(self, info: strawberry.Info, first: First = 50) -> list[Institution]:
        return await _related(info, self.id, "PART_OF", "in", Institution.from_node, first)

    @strawberry.field
    async def papers(self, info: strawberry.Info, first: First = 20) -> list[Paper]:
        return await _related(info, self.id, "AUTHORED", "out", Paper.from_node, first)

    @strawberry.field(description=_FIRST_SEEN)
    async def first_seen(self, info: strawberry.Info) -> str | None:
        return await _first_seen(info, "institution", self.id)


@strawberry.type
class Technique:
    id: strawberry.ID
    name: str
    label_zh: str | None
    kind: str
    category_ids: list[str] = strawberry.field(name="categories")

    @classmethod
    def from_node(cls, node: Node) -> Technique:
        return cls(id=strawberry.ID(node["id"]), name=node.get("name", ""), label_zh=node.get("label_zh"),
                   kind=node.get("kind", "concept"), category_ids=list(node.get("categories", ())))

    @strawberry.field(description="Broader concepts (BROADER), up to the category top concepts.")
    async def broader(self, info: strawberry.Info, first: First = 50) -> list[Technique]:
        return await _related(info, self.id, "BROADER", "out", Technique.from_node, first)

    @strawberry.field
    async def narrower(self, info: strawberry.Info, first: First = 50) -> list[Technique]:
        return await _related(info, self.id, "BROADER", "in", Technique.from_node, first)

    @strawberry.field
    async def papers(self, info: strawberry.Info, first: First = 20) -> list[Paper]:
        return await _related(info, self.id, "USES", "in", Paper.from_node, first)

    @strawberry.field(description=_FIRST_SEEN)
    async def first_seen(self, info: strawberry.Info) -> str | None:
        return await _first_seen(info, "category" if self.kind == "category" else "technique", self.id)


@strawberry.type
class Model:
    id: strawberry.ID
    name: str
    family: str | None
    resolved: bool = strawberry.field(description="False: recognised by its shape, not in the ontology.")

    @classmethod
    def from_node(cls, node: Node) -> Model:
        return cls(id=strawberry.ID(node["id"]), name=node.get("name", ""), family=node.get("family"),
                   resolved=bool(node.get("resolved", True)))

    @strawberry.field
    async def papers(self, info: strawberry.Info, first: First = 20) -> list[Paper]:
        return await _related(info, self.id, "EVALUATES", "in", Paper.from_node, first)

    @strawberry.field(description=_FIRST_SEEN)
    async def first_seen(self, info: strawberry.Info) -> str | None:
        return await _first_seen(info, "model", self.id)

    @strawberry.field
    async def evidence(self, info: strawberry.Info, first: First = 20) -> list[Evidence]:
        return await _related(info, self.id, "ON_MODEL", "in", Evidence.from_node, first)


@strawberry.type
class Hardware:
    id: strawberry.ID
    name: str
    hw_class: str = strawberry.field(name="class")
    resolved: bool = strawberry.field(description="False: recognised by its shape, not in the ontology.")

    @classmethod
    def from_node(cls, node: Node) -> Hardware:
        return cls(id=strawberry.ID(node["id"]), name=node.get("name", ""),
                   hw_class=node.get("class", "other"), resolved=bool(node.get("resolved", True)))

    @strawberry.field(description="The family device this one belongs to (IN_FAMILY).")
    async def family(self, info: strawberry.Info) -> Hardware | None:
        found = await _related(info, self.id, "IN_FAMILY", "out", Hardware.from_node)
        return found[0] if found else None

    @strawberry.field(description="Named devices of this family.")
    async def members(self, info: strawberry.Info, first: First = 50) -> list[Hardware]:
        return await _related(info, self.id, "IN_FAMILY", "in", Hardware.from_node, first)

    @strawberry.field
    async def papers(self, info: strawberry.Info, first: First = 20) -> list[Paper]:
        return await _related(info, self.id, "RUNS_ON", "in", Paper.from_node, first)

    @strawberry.field(description=_FIRST_SEEN)
    async def first_seen(self, info: strawberry.Info) -> str | None:
        return await _first_seen(info, "hardware", self.id)

    @strawberry.field
    async def evidence(self, info: strawberry.Info, first: First = 20) -> list[Evidence]:
        return await _related(info, self.id, "ON_HARDWARE", "in", Evidence.from_node, first)


@strawberry.type
class Metric:
    id: strawberry.ID
    name: str

    @classmethod
    def from_node(cls, node: Node) -> Metric:
        return cls(id=strawberry.ID(node["id"]), name=node.get("name", ""))

    @strawberry.field
    async def evidence(self, info: strawberry.Info, first: First = 20) -> list[Evidence]:
        return await _related(info, self.id, "MEASURES", "in", Evidence.from_node, first)


@strawberry.type
class Evidence:
    """One quantitative claim, with the exact quote it was read from."""

    id: strawberry.ID
    metric_id: str = strawberry.field(name="metricId")
    value: float
    value_max: float | None
    unit: str | None
    direction: str | None
    baseline: str | None
    condition: str | None
    scope: str | None
    quote: str
    source: str
    line: int
    model_id: strawberry.Private[str | None]
    hardware_id: strawberry.Private[str | None]

    @classmethod
    def from_node(cls, node: Node) -> Evidence:
        return cls(
            id=strawberry.ID(node["id"]), metric_id=node.get("metric", "other"), value=float(node["value"]),
            value_max=node.get("value_max"), unit=node.get("unit"), direction=node.get("direction"),
            baseline=node.get("baseline"), condition=node.get("condition"), scope=node.get("scope"),
            quote=node.get("quote", ""), source=node.get("source", ""), line=int(node.get("line", 0)),
            model_id=node.get("model"), hardware_id=node.get("hardware"),
        )

    @strawberry.field
    async def metric(self, info: strawberry.Info) -> Metric | None:
        found = await _related(info, self.id, "MEASURES", "out", Metric.from_node)
        return found[0] if found else None

    @strawberry.field
    async def paper(self, info: strawberry.Info) -> Paper | None:
        found = await _related(info, self.id, "REPORTS", "in", Paper.from_node)
        return found[0] if found else None

    @strawberry.field
    async def model(self, info: strawberry.Info) -> Model | None:
        return await _one(info, "Model", self.model_id, Model.from_node)

    @strawberry.field
    async def hardware(self, info: strawberry.Info) -> Hardware | None:
        return await _one(info, "Hardware", self.hardware_id, Hardware.from_node)


@strawberry.type
class Report:
    id: strawberry.ID
    title: str
    source: str
    generated_at: str | None
    declared_papers: int | None
    warnings: list[str]

    @strawberry.field(description="The report's date (YYYY-MM-DD), from its generation time.")
    def date(self) -> str | None:
        return date_of(self.generated_at)

    @classmethod
    def from_node(cls, node: Node) -> Report:
        return cls(id=strawberry.ID(node["id"]), title=node.get("title", ""), source=node.get("source", ""),
                   generated_at=node.get("generated_at"), declared_papers=node.get("declared_papers"),
                   warnings=list(node.get("warnings", ())))

    @strawberry.field
    async def papers(self, info: strawberry.Info, first: First = 20) -> list[Paper]:
        return await _related(info, self.id, "FROM_REPORT", "in", Paper.from_node, first)


@strawberry.type
class TechniqueCategory:
    """One of the 18 top concepts of the technique vocabulary (e.g. "speculative-decoding")."""

    id: strawberry.ID
    name: str
    label_zh: str | None

    @classmethod
    def from_node(cls, category: str, node: Node | None) -> TechniqueCategory:
        node = node or {}
        return cls(id=strawberry.ID(category), name=node.get("name") or category,
                   label_zh=node.get("label_zh"))

    @strawberry.field(description="Techniques directly under this category.")
    async def techniques(self, info: strawberry.Info, first: First = 50) -> list[Technique]:
        return await _related(info, f"tech:{self.id}", "BROADER", "in", Technique.from_node, first)

    @strawberry.field(description="The top concept itself as a Technique node, when the graph holds it.")
    async def concept(self, info: strawberry.Info) -> Technique | None:
        return await _one(info, "Technique", f"tech:{self.id}", Technique.from_node)
