"""Diff a report's projection against the embedded graph: what an upsert or removal must write.

Pure with respect to the graph (it only reads it), so the whole change can be computed, then written
to SQLite in one transaction, then applied to memory. What a report "owns": its FROM_REPORT links, the
out-relationships of the papers it lists (USES, EVALUATES, RUNS_ON, REPORTS, and the evidence's
MEASURES/ON_MODEL/ON_HARDWARE), their AUTHORED in-links, and the PART_OF/BROADER links of the full
(non-stub) institutions and techniques it describes. Those are replaced; everything else is shared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import networkx as nx

from graph.model import ImportSummary
from graph.projection import GraphProjection, RelKey
from graph.sqlite_persistence import WritePlan, decode_props, encode_props
from graph.store import StoreError

ENTITY_LABELS = frozenset({"Institution", "Technique", "Model", "Hardware", "Metric"})
PAPER_OUT = frozenset({"USES", "EVALUATES", "RUNS_ON", "REPORTS"})
EVIDENCE_OUT = frozenset({"MEASURES", "ON_MODEL", "ON_HARDWARE"})


def out_rels(g: nx.MultiDiGraph, node: str, types: frozenset[str] | set[str]) -> Iterator[RelKey]:
    for end, keys in g._succ[node].items():
        for rel_type in keys:
            if rel_type in types:
                yield (rel_type, node, end)


def in_rels(g: nx.MultiDiGraph, node: str, types: frozenset[str] | set[str]) -> Iterator[RelKey]:
    for start, keys in g._pred[node].items():
        for rel_type in keys:
            if rel_type in types:
                yield (rel_type, start, node)


def all_rels(g: nx.MultiDiGraph, node: str) -> Iterator[RelKey]:
    for end, keys in g._succ[node].items():
        for rel_type in keys:
            yield (rel_type, node, end)
    for start, keys in g._pred[node].items():
        for rel_type in keys:
            yield (rel_type, start, node)


class _Planner:
    def __init__(self, g: nx.MultiDiGraph, proj: GraphProjection) -> None:
        self.g = g
        self.proj = proj
        self.plan = WritePlan()
        self.owned: set[RelKey] = set()
        self.candidates: set[str] = set()

    def label(self, node: str) -> str:
        return self.g.nodes[node]["label"]

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
        for paper in new_papers & set(g):
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
            stored = self.g.nodes[node.id]["p"]
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


def plan_upsert(g: nx.MultiDiGraph, proj: GraphProjection, report: str) -> tuple[WritePlan, ImportSummary]:
    """The writes that make `g` hold `proj` as the whole content of `report`."""
    planner = _Planner(g, proj)
    planner.replace_report(report, removing=False)
    summary = _summary(report)
    planner.put_nodes(summary)
    planner.put_rels()
    return planner.plan, _finish(summary, planner.plan)


def plan_removal(g: nx.MultiDiGraph, report: str) -> tuple[WritePlan, ImportSummary]:
    """The writes that remove `report`, the papers only it lists and the entities left orphaned."""
    planner = _Planner(g, GraphProjection())
    planner.replace_report(report, removing=True)
    return planner.plan, _finish(_summary(report), planner.plan)
