"""GraphQL result types that are not graph nodes: search hits, counts, pairs, subgraphs, import results
and the review list. Node types are in api/types.py.
"""

from __future__ import annotations

from typing import Any

import strawberry

from api import analytics, review
from api.types import Institution, Paper, Technique


@strawberry.type
class SearchHit:
    paper: Paper
    score: float
    match: str = strawberry.field(description="The sentence of the paper that matched the query best.")


@strawberry.type
class Count:
    name: str
    count: int


@strawberry.type
class Stats:
    nodes: list[Count]
    relationships: list[Count]


@strawberry.type
class TechniquePair:
    a: Technique
    b: Technique
    count: int = strawberry.field(description="Papers that use both techniques.")


@strawberry.type
class InstitutionPair:
    a: Institution
    b: Institution
    count: int = strawberry.field(description="Techniques that papers of both institutions use.")


@strawberry.type
class GraphNode:
    id: strawberry.ID
    label: str
    name: str


@strawberry.type
class GraphRelationship:
    type: str
    start: str
    end: str


@strawberry.type
class Subgraph:
    nodes: list[GraphNode]
    relationships: list[GraphRelationship]


@strawberry.type
class ImportResult:
    ok: bool
    error: str | None
    reports: list[str]
    papers: int
    warnings: list[str]
    created: list[Count]
    merged: list[Count]
    unchanged: list[Count]
    removed: list[Count]


@strawberry.type(description="What folding the search index's vector log into one snapshot did.")
class CompactionResult:
    compacted: bool = strawberry.field(description="false: the log was empty, nothing was written")
    generation: int = strawberry.field(description="of the snapshot afterwards")
    records_folded: int
    files_before: int
    files_after: int
    bytes_before: float = strawberry.field(description="bytes (a Float: an index may outgrow a 32-bit Int)")
    bytes_after: float
    seconds: float


@strawberry.type
class ReviewSource:
    paper_id: str
    report: str
    index: int
    line: int


@strawberry.type(description="An entity papers name that the ontology does not know.")
class ReviewItem:
    kind: str = strawberry.field(description="institution, model or hardware")
    id: strawberry.ID
    name: str
    paper_count: int
    sources: list[ReviewSource]

    @classmethod
    def of(cls, item: review.ReviewItem) -> ReviewItem:
        return cls(kind=item.kind, id=strawberry.ID(item.id), name=item.name, paper_count=item.paper_count,
                   sources=[ReviewSource(paper_id=s["paper"], report=s["report"], index=s["index"],
                                         line=s["line"]) for s in item.sources])


# -- across reports (api/analytics.py) ---------------------------------------------------------------

@strawberry.type
class TrendReport:
    id: strawberry.ID
    title: str
    date: str | None = strawberry.field(description="YYYY-MM-DD, from the report's generation time.")
    papers: int = strawberry.field(description="Distinct papers of the report that passed the filter.")


@strawberry.type
class TrendSeries:
    id: strawberry.ID
    name: str
    counts: list[int] = strawberry.field(description="Distinct papers per report, in the order of `reports`.")
    total: int
    share_change: float = strawberry.field(
        description="Share of paper listings in the later half of the reports minus the earlier half.")
    first_seen: str = strawberry.field(description="Id of the first report, in date order, naming it.")
    first_seen_date: str | None = strawberry.field(description="That report's date (YYYY-MM-DD).")
    new: bool = strawberry.field(description="First seen in the latest report.")


@strawberry.type
class Trends:
    by: str
    reports: list[TrendReport] = strawberry.field(description="Oldest first.")
    series: list[TrendSeries]

    @classmethod
    def of(cls, result: analytics.Trends) -> Trends:
        data = analytics.trends_json(result)
        return cls(by=result.by,
                   reports=[TrendReport(id=strawberry.ID(r["id"]), title=r["title"], date=r["date"],
                                        papers=r["papers"]) for r in data["reports"]],
                   series=[TrendSeries(id=strawberry.ID(s["id"]), name=s["name"], counts=s["counts"],
                                       total=s["total"], share_change=s["share_change"],
                                       first_seen=s["first_seen"], first_seen_date=s["first_seen_date"],
                                       new=s["new"]) for s in data["series"]])


@strawberry.type
class NamedRef:
    id: strawberry.ID
    name: str
    date: str | None = None


@strawberry.type
class ClaimSource:
    report: str | None
    line: int | None
    part: str | None = strawberry.field(description="abstract or brief")


@strawberry.type(description="A claim as a leaderboard or comparison shows it.")
class ClaimRow:
    value: float
    value_max: float | None
    unit: str | None
    condition: str | None = strawberry.field(description='"up to", "at least", ...')
    direction: str | None
    baseline: str | None
    scope: str | None
    paper_id: strawberry.ID
    paper_title: str
    model: NamedRef | None
    hardware: NamedRef | None
    quote: str
    source: ClaimSource

    @classmethod
    def of(cls, row: dict[str, Any]) -> ClaimRow:
        def ref(value: dict[str, str] | None) -> NamedRef | None:
            return NamedRef(id=strawberry.ID(value["id"]), name=value["name"]) if value else None

        src = row["source"]
        return cls(value=row["value"], value_max=row["value_max"], unit=row["unit"], condition=row["condition"],
                   direction=row["direction"], baseline=row["baseline"], scope=row["scope"],
                   paper_id=strawberry.ID(row["paper"]["id"]), paper_title=row["paper"]["title"],
                   model=ref(row["model"]), hardware=ref(row["hardware"]), quote=row["quote"],
                   source=ClaimSource(report=src["report"], line=src["line"], part=src["part"]))

    @strawberry.field
    async def paper(self, info: strawberry.Info) -> Paper | None:
        node = await info.context.loaders.get("Paper", self.paper_id)
        return Paper.from_node(node) if node is not None else None


@strawberry.type(description="Claims ranked together: one unit family (after conversion), one direction.")
class ClaimGroup:
    family: str
    direction: str = strawberry.field(description="increase, decrease or level")
    order: str = strawberry.field(description="desc: larger is better; asc: smaller is better")
    claims: int
    units: list[str]


@strawberry.type
class Leaderboard:
    metric: str
    group: ClaimGroup | None = strawberry.field(description="The group the rows rank.")
    groups: list[ClaimGroup] = strawberry.field(description="Every comparable group, most claims first.")
    rows: list[ClaimRow]

    @classmethod
    def of(cls, board: analytics.Leaderboard) -> Leaderboard:
        def group(g: Any) -> ClaimGroup:
            return ClaimGroup(family=g.family, direction=g.sense, order=g.order, claims=g.claims, units=list(g.units))

        return cls(metric=board.metric, group=group(board.group) if board.group else None,
                   groups=[group(g) for g in board.groups], rows=[ClaimRow.of(r) for r in board.rows])


@strawberry.type
class ComparisonCell:
    entities: list[NamedRef] = strawberry.field(description="For entity rows (and reports, with dates).")
    claim: ClaimRow | None = strawberry.field(description="For metric rows: the paper's best claim.")
    text: str = strawberry.field(description="The cell as the CSV and Markdown tables show it.")


@strawberry.type
class ComparisonRow:
    property: str
    cells: list[ComparisonCell] = strawberry.field(description="One per paper, in the order of `papers`.")


@strawberry.type
class Comparison:
    papers: list[NamedRef]
    rows: list[ComparisonRow]
    missing: list[strawberry.ID] = strawberry.field(description="Asked-for ids that are not papers.")

    @classmethod
    def of(cls, result: analytics.Comparison) -> Comparison:
        def cell(value: Any) -> ComparisonCell:
            if isinstance(value, list):
                entities = [NamedRef(id=strawberry.ID(v["id"]), name=v["name"], date=v.get("date")) for v in value]
                return ComparisonCell(entities=entities, claim=None, text=analytics.cell_text(value))
            return ComparisonCell(entities=[], claim=ClaimRow.of(value) if value else None,
                                  text=analytics.cell_text(value))

        return cls(papers=[NamedRef(id=strawberry.ID(p["id"]), name=p["title"]) for p in result.papers],
                   rows=[ComparisonRow(property=name, cells=[cell(c) for c in cells]) for name, cells in result.rows],
                   missing=[strawberry.ID(i) for i in result.missing])
