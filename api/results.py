"""GraphQL result types that are not graph nodes: search hits, counts, pairs, subgraphs, import results
and the review list. Node types are in api/types.py.
"""

from __future__ import annotations

import strawberry

from api import review
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
