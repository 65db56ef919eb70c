"""The one storage interface. `graph/memory.py` (embedded, default) and `graph/neo4j.py` implement it;
nothing outside `graph/` knows which one runs. `tests/contract/` defines its behaviour once for both.

Nodes come back as plain dicts of their properties (always with "id", plus "label"), so the API layer
can map them 1:1 to its types without knowing the backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol, runtime_checkable

from graph.model import ImportBatch, ImportSummary

NodeLabel = Literal[
    "Paper", "Institution", "Technique", "Model", "Hardware", "Metric", "Evidence", "Report"
]
NODE_LABELS: tuple[str, ...] = (
    "Paper", "Institution", "Technique", "Model", "Hardware", "Metric", "Evidence", "Report"
)

# (relationship type, start label, end label). Directions are fixed; callers ask for "out" or "in".
RELATIONSHIPS: tuple[tuple[str, str, str], ...] = (
    ("AUTHORED", "Institution", "Paper"),
    ("PART_OF", "Institution", "Institution"),
    ("USES", "Paper", "Technique"),
    ("BROADER", "Technique", "Technique"),
    ("EVALUATES", "Paper", "Model"),
    ("RUNS_ON", "Paper", "Hardware"),  # Paper.hardware: hardware the paper evaluates on
    ("IN_FAMILY", "Hardware", "Hardware"),  # a named device and its family device (Hardware.family)
    ("REPORTS", "Paper", "Evidence"),
    ("MEASURES", "Evidence", "Metric"),
    ("ON_HARDWARE", "Evidence", "Hardware"),
    ("ON_MODEL", "Evidence", "Model"),
    ("FROM_REPORT", "Paper", "Report"),
)
RELATIONSHIP_TYPES: tuple[str, ...] = tuple(r[0] for r in RELATIONSHIPS)

Node = dict[str, Any]
Direction = Literal["out", "in"]

# The labels whose nodes may be unresolved (named in a paper, unknown to the ontology), and the
# relationship by which a paper names one: (type, direction seen from the entity).
NAMED_BY: dict[str, tuple[str, Direction]] = {
    "Institution": ("AUTHORED", "out"),
    "Model": ("EVALUATES", "in"),
    "Hardware": ("RUNS_ON", "in"),
}


class StoreError(Exception):
    """A store operation failed; the store is left as it was before the operation."""


class StoreUnavailable(StoreError):
    """The backend cannot be reached (Neo4j down, wrong credentials, unreadable data directory)."""


IdKind = Literal["tech", "metric"]


def canonical_id(kind: IdKind, value: str) -> str:
    """A vocabulary filter value as a node id: callers may write "speedup" or "metric:speedup",
    "quantization" or "tech:quantization"; both stores look the node up by the prefixed id."""
    prefix = f"{kind}:"
    return value if value.startswith(prefix) else prefix + value


@dataclass(frozen=True)
class PaperFilter:
    """Conjunctive filter over papers. Each field holds ids (any-of within a field).

    `category` holds top-concept ids (e.g. "quantization"); a paper matches when it uses the category
    or any technique under it.
    """

    technique: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    institution: tuple[str, ...] = ()
    model: tuple[str, ...] = ()
    hardware: tuple[str, ...] = ()
    metric: tuple[str, ...] = ()
    report: tuple[str, ...] = ()
    title_contains: str | None = None  # case-insensitive substring

    def is_empty(self) -> bool:
        return not any(
            (self.technique, self.category, self.institution, self.model, self.hardware, self.metric,
             self.report, self.title_contains)
        )

    def normalised(self) -> PaperFilter:
        """The same filter with categories and metrics as node ids (see `canonical_id`)."""
        return replace(self, category=tuple(canonical_id("tech", c) for c in self.category),
                       metric=tuple(canonical_id("metric", m) for m in self.metric))


@dataclass(frozen=True)
class EvidenceFilter:
    metric: tuple[str, ...] = ()
    paper: tuple[str, ...] = ()
    hardware: tuple[str, ...] = ()
    model: tuple[str, ...] = ()
    papers: PaperFilter = field(default_factory=PaperFilter)  # restrict to evidence of matching papers
    min_value: float | None = None
    unit: str | None = None

    def normalised(self) -> EvidenceFilter:
        """The same filter with metrics (its own and its paper filter's) as node ids."""
        return replace(self, metric=tuple(canonical_id("metric", m) for m in self.metric),
                       papers=self.papers.normalised())


EvidenceOrder = Literal["value_desc", "value_asc", "paper"]


@dataclass(frozen=True)
class Page:
    items: list[Node]
    total: int  # total matches before limit/offset


@dataclass(frozen=True)
class Subgraph:
    nodes: list[Node]
    relationships: list[dict[str, Any]]  # {"type", "start", "end"}


@dataclass(frozen=True)
class CoOccurrence:
    a: str  # node id
    b: str
    count: int  # papers (techniques) or shared techniques (institutions)


@dataclass(frozen=True)
class Mentions:
    """An entity and where papers name it: one {"paper", "report", "index", "line"} per paper and
    report listing it, sorted by report, then line."""

    node: Node
    papers: int  # distinct papers naming it
    sources: tuple[dict[str, Any], ...]


def mentions_order(mentions: list[Mentions]) -> list[Mentions]:
    """Most papers first, then by name and id (the order `GraphStore.unresolved` promises)."""
    return sorted(mentions, key=lambda m: (-m.papers, str(m.node.get("name", "")), m.node["id"]))


# The dimensions a trend counts papers by: (label, relationship from the paper, direction seen from
# the paper). A category is a Technique top concept reached by USES then BROADER*.
TREND_DIMENSIONS: dict[str, tuple[str, str, Direction]] = {
    "category": ("Technique", "USES", "out"),
    "technique": ("Technique", "USES", "out"),
    "institution": ("Institution", "AUTHORED", "in"),
    "model": ("Model", "EVALUATES", "out"),
    "hardware": ("Hardware", "RUNS_ON", "out"),
}


@dataclass(frozen=True)
class ReportTally:
    """A report, its date (`generated_at`, ISO 8601, None when the report gives none) and how many
    distinct papers it lists that pass the trend's filter."""

    id: str
    title: str
    generated_at: str | None
    papers: int


@dataclass(frozen=True)
class EntityTally:
    """An entity and, per report id, how many distinct papers of that report name it (reports where
    none does are absent)."""

    id: str
    name: str
    counts: dict[str, int]


@dataclass(frozen=True)
class TrendTallies:
    reports: list[ReportTally]  # every report, in id order
    entities: list[EntityTally]  # every entity named by at least one counted paper, in id order


@dataclass(frozen=True)
class Claim:
    """The fields of one Evidence node that ranking needs, without its quote."""

    id: str
    paper: str
    value: float
    unit: str | None
    direction: str | None
    metric: str = "other"  # a metric id, "speedup"


@runtime_checkable
class GraphStore(Protocol):
    def upsert(self, batch: ImportBatch) -> ImportSummary:
        """Atomically make the graph hold `batch` as the whole content of its report.

        Idempotent: the same batch twice changes nothing the second time. A paper that the report
        no longer lists loses its FROM_REPORT link and disappears if no other report lists it;
        entities shared with other papers stay. On any failure the store is unchanged.
        Same as `upsert_all([batch])[0]`.
        """
        ...

    def upsert_all(self, batches: Sequence[ImportBatch]) -> list[ImportSummary]:
        """Upsert several batches in one transaction: all of them or, on any failure, none.

        The result (graph and summaries) equals upserting them one by one in order, also when they
        share papers or entities or list the same report twice (the later one wins). An interchange
        file holding several reports is imported with one call, so a failure leaves the store as it was.
        """
        ...

    def remove_report(self, report_id: str) -> ImportSummary:
        """Remove a report and the papers only it listed (orphaned entities go too)."""
        ...

    def get(self, label: str, ids: list[str]) -> list[Node | None]:
        """Nodes by id, in the order asked (None where missing). One call for any number of ids."""
        ...

    def related(self, ids: list[str], rel_type: str, direction: Direction) -> dict[str, list[Node]]:
        """For each id, the nodes across `rel_type` in `direction`. One call for a whole page."""
        ...

    def list_nodes(self, label: str, limit: int, offset: int = 0, name_contains: str | None = None) -> Page:
        """A page of nodes of one label, ordered by name (title for papers), then id."""
        ...

    def list_papers(self, paper_filter: PaperFilter, limit: int, offset: int = 0) -> Page:
        """A page of papers matching the filter, ordered by title then id."""
        ...

    def paper_ids(self, paper_filter: PaperFilter) -> set[str]:
        """All ids of papers matching the filter (used to filter search before ranking is cut)."""
        ...

    def list_evidence(
        self, evidence_filter: EvidenceFilter, order: EvidenceOrder, limit: int, offset: int = 0
    ) -> Page:
        """Evidence nodes matching the filter; each item also carries "paper" (the paper id)."""
        ...

    def neighbourhood(self, node_id: str, depth: int = 1, limit: int = 200) -> Subgraph:
        """Nodes and relationships within `depth` hops of a node, for visualisation."""
        ...

    def count_nodes(self, label: str) -> int:
        """How many nodes of one label; cheap on every store (Neo4j answers it from its count store)."""
        ...

    def counts(self) -> dict[str, dict[str, int]]:
        """{"nodes": {label: n, ...}, "relationships": {type: n, ...}}; every label and type present."""
        ...

    def technique_cooccurrence(self, limit: int, category: str | None = None) -> list[CoOccurrence]:
        """Pairs of techniques used by the same papers, most papers first (a < b by id)."""
        ...

    def institution_overlap(self, limit: int) -> list[CoOccurrence]:
        """Pairs of institutions whose papers share techniques, most shared techniques first."""
        ...

    def unresolved(self, label: str) -> list[Mentions]:
        """Nodes of `label` (a key of NAMED_BY) stored with `resolved` false that at least one paper
        names, each with its papers' sources; most papers first (`mentions_order`). A node without the
        property counts as resolved."""
        ...

    def trend_tallies(self, by: str, category: str | None = None) -> TrendTallies:
        """Per report, the distinct papers naming each entity of dimension `by` (a TREND_DIMENSIONS
        key). With `category`, only papers under that category count, and for "technique" and
        "category" only the concepts under it."""
        ...

    def claims(self, evidence_filter: EvidenceFilter) -> list[Claim]:
        """Every Evidence node matching the filter, as Claims in id order (leaderboards rank these)."""
        ...

    def refresh(self) -> bool:
        """Catch up with changes other processes committed, where this store keeps a copy (the embedded
        store's in-memory graph); True when something changed. Neo4j is always current: False."""
        ...

    def data_version(self) -> int | None:
        """A number that changes with every change to the graph this store can see, so answers derived
        from the graph can be remembered until it changes; None when the store cannot tell cheaply (a
        Neo4j server is written by other processes too)."""
        ...

    def export(self) -> list[ImportBatch]:
        """The whole graph as batches, one per report, re-importable to the same graph."""
        ...

    def close(self) -> None:
        ...
