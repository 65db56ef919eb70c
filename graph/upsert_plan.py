"""Diff a report's projection against the embedded graph: what an upsert or removal must write.

Pure with respect to the graph (it only reads it), so the whole change can be computed, then written
to SQLite in one transaction, then applied to memory. What a report "owns": its FROM_REPORT links, the
out-relationships of the papers it lists (USES, EVALUATES, RUNS_ON, REPORTS, and the evidence's
MEASURES/ON_MODEL/ON_HARDWARE), their AUTHORED in-links, and the PART_OF/BROADER/IN_FAMILY links of
the full (non-stub) institutions, techniques and hardware it describes. Those are replaced; everything else is shared.

Several batches in one call are planned in order, each against a `StagedGraph`: the graph as the
earlier plans of the call will leave it, built copy-on-write so the real graph is not touched before
the single SQLite transaction of all the plans has committed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeVar

import networkx as nx

from graph.model import ImportSummary
from graph.projection import GraphProjection, RelKey
from graph.sqlite_persistence import WritePlan, decode_props, encode_props
from graph.store import StoreError

V = TypeVar("V")
Adjacency = dict[str, dict[str, dict[str, Any]]]  # neighbour -> relationship type -> properties


class _Layer(Mapping[str, V]):
    """A mapping over a base mapping with its own additions and deletions; the base is never written."""

    def __init__(self, base: Mapping[str, V]) -> None:
        self.base = base
        self.over: dict[str, V] = {}
        self.gone: set[str] = set()

    def __getitem__(self, key: str) -> V:
        if key in self.over:
            return self.over[key]
        if key in self.gone:
            raise KeyError(key)
        return self.base[key]

    def __contains__(self, key: object) -> bool:
        return key in self.over or (key not in self.gone and key in self.base)

    def __iter__(self) -> Iterator[str]:
        yield from self.over
        yield from (k for k in self.base if k not in self.over and k not in self.gone)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def drop(self, key: str) -> None:
        self.over.pop(key, None)
        self.gone.add(key)


class StagedGraph:
    """A graph as `apply`'d plans will leave it, read through the same `_node`/`_succ`/`_pred` shape as
    networkx's MultiDiGraph. A node's adjacency is copied the first time a plan changes it."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self._node: _Layer[dict[str, Any]] = _Layer(g._node)
        self._succ: _Layer[Adjacency] = _Layer(g._succ)
        self._pred: _Layer[Adjacency] = _Layer(g._pred)

    def __contains__(self, node: object) -> bool:
        return node in self._node

    @staticmethod
    def _own(layer: _Layer[Adjacency], node: str) -> Adjacency:
        if node not in layer.over:
            layer.over[node] = {other: dict(keys) for other, keys in layer[node].items()}
        return layer.over[node]

    def _drop_rel(self, rel_type: str, start: str, end: str) -> None:
        for layer, here, there in ((self._succ, start, end), (self._pred, end, start)):
            adjacency = self._own(layer, here)
            keys = adjacency[there]
            del keys[rel_type]
            if not keys:
                del adjacency[there]

    def apply(self, plan: WritePlan) -> None:
        """Mirror of MemoryStore._apply; raises ValueError for properties JSON cannot hold."""
        for rel_type, start, end in plan.delete_rels:
            if start in self._succ and rel_type in self._succ[start].get(end, {}):
                self._drop_rel(rel_type, start, end)
        for node in plan.delete_nodes:
            for end in self._succ[node]:
                self._own(self._pred, end).pop(node, None)
            for start in self._pred[node]:
                self._own(self._succ, start).pop(node, None)
            for layer in (self._node, self._succ, self._pred):
                layer.drop(node)
        for record in plan.put_nodes:
            self._node.over[record.id] = {"label": record.label, "name": record.name, "p": plan.blob(record)}
            for adjacency_layer in (self._succ, self._pred):
                if record.id not in adjacency_layer:
                    adjacency_layer.over[record.id] = {}
        for (rel_type, start, end), props in plan.put_rels.items():
            self._own(self._succ, start).setdefault(end, {})[rel_type] = props
            self._own(self._pred, end).setdefault(start, {})[rel_type] = props


GraphView = nx.MultiDiGraph | StagedGraph

ENTITY_LABELS = frozenset({"Institution", "Technique", "Model", "Hardware", "Metric"})
PAPER_OUT = frozenset({"USES", "EVALUATES", "RUNS_ON", "REPORTS"})
EVIDENCE_OUT = frozenset({"MEASURES", "ON_MODEL", "ON_HARDWARE"})


def out_rels(g: GraphView, node: str, types: frozenset[str] | set[str]) -> Iterator[RelKey]:
    for end, keys in g._succ[node].items():
        for rel_type in keys:
            if rel_type in types:
                yield (rel_type, node, end)


def in_rels(g: GraphView, node: str, types: frozenset[str] | set[str]) -> Iterator[RelKey]:
    for start, keys in g._pred[node].items():
        for rel_type in keys:
            if rel_type in types:
                yield (rel_type, start, node)


def all_rels(g: GraphView, node: str) -> Iterator[RelKey]:
    for end, keys in g._succ[node].items():
        for rel_type in keys:
            yield (rel_type, node, end)
    for start, keys in g._pred[node].items():
        for rel_type in keys:
            yield (rel_type, start, node)


class _Planner:
    def __init__(self, g: GraphView, proj: GraphProjection) -> None:
        self.g = g
        self.proj = proj
        self.plan = WritePlan()
        self.owned: set[RelKey] = set()
        self.candidates: set[str] = set()

    def label(self, node: str) -> str:
        return self.g._node[node]["label"]

    def paper_rels(self, paper: str) -> tuple[set[RelKey], set[str]]:
        rels = set(out_rels(self.g, paper, PAPER_OUT)) | set(in_rels(self.g, paper, {"AUTHORED"}))
        evidence = {end for rel_type, _, end in rels if rel_type == "REPORTS"}
        for ev in evidence:
            rels.update(out_rels(self.g, ev, EVIDENCE_OUT))
        return rels, evidence

    def delete_node(self, node: str) -> None:
        if node in self.plan.delete_nodes:
            return
        self.plan.delete_nodes[node] = self.label(node)
        for key in all_rels(self.g, node):
            self.plan.delete_rels.add(key)
            self.candidates.update((key[1], key[2]))
        if self.label(node) == "Paper":
            for _, _, ev in out_rels(self.g, node, {"REPORTS"}):
                self.delete_node(ev)

    def anchored(self, node: str) -> bool:
        """An entity stays while something points at it or it authored a paper."""
        deleted_rels, deleted_nodes = self.plan.delete_rels, self.plan.delete_nodes
        for start, keys in self.g._pred[node].items():
            if start not in deleted_nodes and any((t, start, node) not in deleted_rels for t in keys):
                return True
        for key in out_rels(self.g, node, {"AUTHORED"}):
            if key not in deleted_rels and key[2] not in deleted_nodes:
                return True
        return False

    def remove_orphans(self) -> None:
        while self.candidates:
            node = self.candidates.pop()
            if (node in self.plan.delete_nodes or node in self.proj.nodes or node not in self.g
                    or self.label(node) not in ENTITY_LABELS or self.anchored(node)):
                continue
            self.delete_node(node)

    def replace_report(self, report: str, removing: bool) -> None:
        g, proj = self.g, self.proj
        new_papers = {n.id for n in proj.nodes.values() if n.label == "Paper"}
        old_papers = {start for _, start, _ in in_rels(g, report, {"FROM_REPORT"})} if report in g else set()
        old_evidence: set[str] = set()
        for paper in (p for p in new_papers if p in g):
            rels, evidence = self.paper_rels(paper)
            self.owned |= rels
            old_evidence |= evidence
            self.owned.update(k for k in out_rels(g, paper, {"FROM_REPORT"}) if k[2] == report)
        for node in proj.nodes.values():
            if not node.stub and node.id in g:
                if node.label == "Institution":
                    self.owned.update(out_rels(g, node.id, {"PART_OF"}))
                elif node.label == "Technique":
                    self.owned.update(out_rels(g, node.id, {"BROADER"}))
                elif node.label == "Hardware":
                    self.owned.update(out_rels(g, node.id, {"IN_FAMILY"}))
        for paper in old_papers - new_papers:
            self.owned.add(("FROM_REPORT", paper, report))
            if not any(end != report for _, _, end in out_rels(g, paper, {"FROM_REPORT"})):
                self.delete_node(paper)
        for ev in old_evidence - proj.nodes.keys():
            self.delete_node(ev)
        for key in self.owned - proj.rels.keys():
            self.plan.delete_rels.add(key)
            self.candidates.update((key[1], key[2]))
        if removing and report in g:
            self.delete_node(report)
        self.remove_orphans()

    def put_nodes(self, summary: ImportSummary) -> None:
        for node in self.proj.nodes.values():
            if node.id not in self.g:
                summary.created[node.label] += 1
                self.plan.put_nodes.append(node)
                continue
            if self.label(node.id) != node.label:
                raise StoreError(f"id {node.id!r} is a {self.label(node.id)}, the batch says {node.label}")
            stored = self.g._node[node.id]["p"]
            if node.stub or stored == encode_props(node.props) or decode_props(stored) == node.props:
                summary.unchanged[node.label] += 1
            else:
                summary.merged[node.label] += 1
                self.plan.put_nodes.append(node)

    def put_rels(self) -> None:
        succ = self.g._succ
        for key, rel in self.proj.rels.items():
            rel_type, start, end = key
            existing = succ[start].get(end, {}).get(rel_type) if start in succ else None
            if existing is None or existing != rel.props:
                self.plan.put_rels[key] = rel.props


def _summary(report: str) -> ImportSummary:
    return ImportSummary(report=report, created=Counter(), merged=Counter(), unchanged=Counter(),
                         removed=Counter())


def _finish(summary: ImportSummary, plan: WritePlan) -> ImportSummary:
    removed = Counter(plan.delete_nodes.values())
    return ImportSummary(report=summary.report, created=dict(summary.created), merged=dict(summary.merged),
                         unchanged=dict(summary.unchanged), removed=dict(removed))


def plan_upsert(g: GraphView, proj: GraphProjection, report: str) -> tuple[WritePlan, ImportSummary]:
    """The writes that make `g` hold `proj` as the whole content of `report`."""
    planner = _Planner(g, proj)
    planner.replace_report(report, removing=False)
    summary = _summary(report)
    planner.put_nodes(summary)
    planner.put_rels()
    return planner.plan, _finish(summary, planner.plan)


def plan_removal(g: GraphView, report: str) -> tuple[WritePlan, ImportSummary]:
    """The writes that remove `report`, the papers only it lists and the entities left orphaned."""
    planner = _Planner(g, GraphProjection())
    planner.replace_report(report, removing=True)
    return planner.plan, _finish(_summary(report), planner.plan)


def plan_upserts(g: nx.MultiDiGraph, items: Sequence[tuple[GraphProjection, str]]
                 ) -> tuple[list[WritePlan], list[ImportSummary]]:
    """Plans for (projection, report id) pairs applied in order, each planned against the graph the
    earlier ones leave (staged; `g` is only read). Raises StoreError or ValueError; nothing is written."""
    plans, summaries = [], []
    view: GraphView = g
    for position, (proj, report) in enumerate(items):
        plan, summary = plan_upsert(view, proj, report)
        plans.append(plan)
        summaries.append(summary)
        if position < len(items) - 1:
            if not isinstance(view, StagedGraph):
                view = StagedGraph(g)
            view.apply(plan)
    return plans, summaries
