"""What one upsert or removal must change in Neo4j, computed from a few reads inside its transaction.

The same ownership rules as the embedded store (graph/upsert_plan.py): a report owns its FROM_REPORT
links, the out-relationships of the papers it lists (and their evidence's), their AUTHORED in-links and
the PART_OF/BROADER/IN_FAMILY links of the full institution, technique and hardware records it
carries. Owned links the new projection lacks are deleted; entities left with nothing pointing at them
are swept afterwards in Cypher (`cypher.delete_orphans`), because only the server sees every other
report's links.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.model import ImportSummary
from graph.projection import GraphProjection, RelKey
from graph.store import RELATIONSHIPS

ENTITY_LABELS = frozenset({"Institution", "Technique", "Model", "Hardware", "Metric"})
REL_ENDS: dict[str, tuple[str, str]] = {t: (s, e) for t, s, e in RELATIONSHIPS}

Props = dict[str, Any]


@dataclass
class Neo4jWrites:
    """Rows for the batched UNWIND statements, grouped by label or relationship type."""

    delete_rels: dict[str, list[Props]] = field(default_factory=lambda: defaultdict(list))
    delete_nodes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    full_nodes: dict[str, list[Props]] = field(default_factory=lambda: defaultdict(list))
    stub_nodes: dict[str, list[Props]] = field(default_factory=lambda: defaultdict(list))
    put_rels: dict[str, list[Props]] = field(default_factory=lambda: defaultdict(list))
    orphan_candidates: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    created: Counter[str] = field(default_factory=Counter)
    merged: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)

    def summary(self, report: str) -> ImportSummary:
        return ImportSummary(report=report, created=dict(self.created), merged=dict(self.merged),
                             unchanged=dict(self.unchanged), removed=dict(self.removed))


@dataclass(frozen=True)
class ReportState:
    """What the reads found: existing nodes of the projection, the report's papers, owned links."""

    existing: dict[str, tuple[str, Props]]  # id -> (label, stored properties incl. "id")
    listed: dict[str, int]  # paper id -> number of other reports listing it
    owned: dict[RelKey, Props]


def papers_to_read(proj: GraphProjection, listed: dict[str, int]) -> list[str]:
    """Papers whose owned links matter: the ones the batch lists plus old ones it drops for good."""
    new = {n.id for n in proj.nodes.values() if n.label == "Paper"}
    dropped = {p for p, others in listed.items() if p not in new and others == 0}
    return sorted(new | dropped)


def full_records(proj: GraphProjection, label: str) -> list[str]:
    return sorted(n.id for n in proj.nodes.values() if n.label == label and not n.stub)


def plan_writes(proj: GraphProjection, report: str, state: ReportState, removing: bool) -> Neo4jWrites:
    out = Neo4jWrites()
    new_papers = {n.id for n in proj.nodes.values() if n.label == "Paper"}
    deleted: dict[str, str] = {}
    gone_rels: set[RelKey] = set()

    def delete_node(node: str, label: str) -> None:
        if node not in deleted:
            deleted[node] = label
            touching = [k for k in state.owned if node in (k[1], k[2])]
            gone_rels.update(touching)
            if label == "Paper":
                for rel_type, _, end in touching:
                    if rel_type == "REPORTS":
                        delete_node(end, "Evidence")

    for paper, others in state.listed.items():
        if paper not in new_papers:
            if others == 0:
                delete_node(paper, "Paper")
            else:
                out.delete_rels["FROM_REPORT"].append({"start": paper, "end": report})
    for rel_type, start, end in state.owned:
        if rel_type == "REPORTS" and start in new_papers and end not in proj.nodes:
            delete_node(end, "Evidence")
    if removing and report in state.existing:
        deleted[report] = "Report"
    gone_rels.update(k for k in state.owned if k not in proj.rels and k[1] not in deleted and k[2] not in deleted)

    for key in sorted(gone_rels):
        rel_type, start, end = key
        if start not in deleted and end not in deleted:
            out.delete_rels[rel_type].append({"start": start, "end": end})
        for node, label in ((start, REL_ENDS[rel_type][0]), (end, REL_ENDS[rel_type][1])):
            if label in ENTITY_LABELS and node not in proj.nodes:
                out.orphan_candidates[label].add(node)
    for node, label in deleted.items():
        out.delete_nodes[label].append(node)
        out.removed[label] += 1

    _plan_nodes(proj, state, out)
    for key, rel in sorted(proj.rels.items()):
        if state.owned.get(key) != rel.props:
            out.put_rels[rel.type].append({"start": rel.start, "end": rel.end, "props": rel.props})
    return out


def _plan_nodes(proj: GraphProjection, state: ReportState, out: Neo4jWrites) -> None:
    for node in sorted(proj.nodes.values(), key=lambda n: n.id):
        row = {"id": node.id, "props": {**node.props, "id": node.id}}
        stored = state.existing.get(node.id)
        if stored is None:
            out.created[node.label] += 1
            (out.stub_nodes if node.stub else out.full_nodes)[node.label].append(row)
        elif node.stub or stored[1] == row["props"]:
            out.unchanged[node.label] += 1
        else:
            out.merged[node.label] += 1
            out.full_nodes[node.label].append(row)
