"""The property-graph shape of an ImportBatch, shared by every store so they all hold the same graph.

`project(batch)` turns a batch into nodes and relationships whose properties are Neo4j-storable (scalars
and lists of scalars, never None: absent values are omitted). `rebuild_batches(nodes, rels)` is the
inverse that both stores' `export()` use.

Choices worth knowing:
- Paper nodes carry no `sources`. A paper listed by two reports has one source per report, and each
  report's upsert only knows its own, so the `SourceRef` lives on the FROM_REPORT relationship
  (props `index`, `line`). Stores present it on returned Paper dicts as `sources`, a list of
  {"report", "index", "line"} sorted by report then index (see `paper_sources`).
- Warnings are stored as their `str()` ("file:line: code: message") and parsed back on export.
- Category top concepts are Technique nodes "tech:<category>" (kind "category") reached by BROADER.
- Nodes that a batch only refers to (category nodes, parent institutions, hardware families, models/
  hardware named only by evidence) are `stub`s: a store creates them when missing and never overwrites
  a full record.
- A Hardware's family is both its `family` property and an IN_FAMILY link to the family's Hardware
  node (as an Institution's parent is `parent` and PART_OF).
- Models and hardware carry `resolved` only when it is false (absent means resolved), so the graph of
  resolved entities is what it was before the property existed; institutions always carry it.
- AUTHORED/USES/EVALUATES/RUNS_ON/REPORTS carry `pos`, the item's position in the paper, so an export
  lists institutions, techniques and evidence in the order they were extracted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from graph.ids import entity_id
from graph.model import (
    Evidence,
    Hardware,
    ImportBatch,
    Institution,
    Model,
    Paper,
    ParseWarning,
    ReportInfo,
    SourceRef,
    Technique,
)
from graph.store import StoreError
from ontology.load import hardware_by_node_id, load_ontology

Props = dict[str, Any]
RelKey = tuple[str, str, str]

# The property a label is listed and sorted by.
NAME_PROPERTY: dict[str, str] = {"Paper": "title", "Report": "title", "Evidence": "quote"}


class ProjectionError(ValueError):
    """A batch cannot be represented as a graph (e.g. one id used for two different labels)."""


@dataclass(frozen=True)
class NodeRecord:
    label: str
    id: str
    props: Props  # without "id" and "label"
    stub: bool = False

    @property
    def name(self) -> str:
        return str(self.props.get(NAME_PROPERTY.get(self.label, "name"), ""))


@dataclass(frozen=True)
class RelRecord:
    type: str
    start: str
    end: str
    props: Props = field(default_factory=dict)

    @property
    def key(self) -> RelKey:
        return (self.type, self.start, self.end)


@dataclass
class GraphProjection:
    nodes: dict[str, NodeRecord] = field(default_factory=dict)
    rels: dict[RelKey, RelRecord] = field(default_factory=dict)

    def add_node(self, record: NodeRecord) -> None:
        """Add a node; a full record replaces a stub of the same id, never the other way round."""
        seen = self.nodes.get(record.id)
        if seen is not None and seen.label != record.label:
            raise ProjectionError(f"id {record.id!r} used for both {seen.label} and {record.label}")
        if seen is None or (seen.stub and not record.stub):
            self.nodes[record.id] = record

    def add_rel(self, rel_type: str, start: str, end: str, props: Props | None = None) -> None:
        if start == end:
            return
        key = (rel_type, start, end)
        if key not in self.rels:
            self.rels[key] = RelRecord(rel_type, start, end, props or {})


def _plain(props: Props) -> Props:
    """Drop None values: Neo4j cannot store them and absence means the same thing."""
    return {k: v for k, v in props.items() if v is not None}


def _category_node(category: str) -> NodeRecord:
    """Category top concepts carry the vocabulary's English and Chinese labels (from the ontology)."""
    name, label_zh = load_ontology().categories.get(category, (category, None))
    return NodeRecord("Technique", f"tech:{category}",
                      _plain({"name": name, "label_zh": label_zh, "kind": "category"}), stub=True)


def _institution_nodes(inst: Institution) -> list[NodeRecord]:
    props = _plain({"name": inst.name, "aliases": list(inst.aliases), "parent": inst.parent,
                    "parent_name": inst.parent_name, "resolved": inst.resolved, "country": inst.country})
    nodes = [NodeRecord("Institution", inst.id, props)]
    if inst.parent:
        nodes.append(NodeRecord("Institution", inst.parent, {"name": inst.parent_name or inst.parent,
                                                             "resolved": True}, stub=True))
    return nodes


def _unresolved(resolved: bool) -> bool | None:
    return None if resolved else False


def _hardware_nodes(hw: Hardware) -> list[NodeRecord]:
    props = _plain({"name": hw.name, "class": hw.hw_class, "family": hw.family,
                    "resolved": _unresolved(hw.resolved)})
    nodes = [NodeRecord("Hardware", hw.id, props)]
    if hw.family:
        entry = hardware_by_node_id().get(hw.family)
        name, hw_class = (entry.name, entry.hw_class) if entry else (_stub_name(hw.family), hw.hw_class)
        nodes.append(NodeRecord("Hardware", hw.family, {"name": name, "class": hw_class}, stub=True))
    return nodes


def _technique_node(tech: Technique, categories: set[str]) -> NodeRecord:
    kind = "category" if tech.id in {f"tech:{c}" for c in categories} else "concept"
    props = _plain({"name": tech.name, "categories": list(tech.categories), "label_zh": tech.label_zh,
                    "kind": kind})
    return NodeRecord("Technique", tech.id, props)


def _evidence_props(ev: Evidence) -> Props:
    return _plain({
        "metric": ev.metric, "value": float(ev.value), "unit": ev.unit, "quote": ev.quote,
        "source": ev.source, "line": ev.line,
        "value_max": None if ev.value_max is None else float(ev.value_max),
        "direction": ev.direction, "baseline": ev.baseline, "condition": ev.condition, "scope": ev.scope,
        "model": ev.model, "hardware": ev.hardware,
    })


def _stub_name(node_id: str) -> str:
    return node_id.split(":", 1)[-1]


def _project_paper(paper: Paper, report_id: str, out: GraphProjection) -> None:
    props = _plain({"title": paper.title, "abstract": paper.abstract, "brief": paper.brief,
                    "author_count": paper.author_count, "proposed": list(paper.proposed),
                    "warnings": [str(w) for w in paper.warnings]})
    out.add_node(NodeRecord("Paper", paper.id, props))
    for ref in paper.sources:
        if ref.report == report_id:
            out.add_rel("FROM_REPORT", paper.id, report_id, {"index": ref.index, "line": ref.line})
    if ("FROM_REPORT", paper.id, report_id) not in out.rels:
        out.add_rel("FROM_REPORT", paper.id, report_id, {"index": 0, "line": 0})
    for pos, inst in enumerate(paper.institutions):
        for node in _institution_nodes(inst):
            out.add_node(node)
        if inst.parent:
            out.add_rel("PART_OF", inst.id, inst.parent)
        out.add_rel("AUTHORED", inst.id, paper.id, {"pos": pos})
    for pos, tech in enumerate(paper.techniques):
        out.add_node(_technique_node(tech, set(tech.categories)))
        out.add_rel("USES", paper.id, tech.id, {"pos": pos})
        for category in tech.categories:
            out.add_node(_category_node(category))
            out.add_rel("BROADER", tech.id, f"tech:{category}")
    for pos, model in enumerate(paper.models):
        out.add_node(NodeRecord("Model", model.id, _plain({"name": model.name, "family": model.family,
                                                           "resolved": _unresolved(model.resolved)})))
        out.add_rel("EVALUATES", paper.id, model.id, {"pos": pos})
    for pos, hw in enumerate(paper.hardware):
        for node in _hardware_nodes(hw):
            out.add_node(node)
        if hw.family:
            out.add_rel("IN_FAMILY", hw.id, hw.family)
        out.add_rel("RUNS_ON", paper.id, hw.id, {"pos": pos})
    for pos, ev in enumerate(paper.evidence):
        out.add_node(NodeRecord("Evidence", ev.id, _evidence_props(ev)))
        out.add_rel("REPORTS", paper.id, ev.id, {"pos": pos})
        metric = entity_id("metric", ev.metric)
        out.add_node(NodeRecord("Metric", metric, {"name": ev.metric}))
        out.add_rel("MEASURES", ev.id, metric)
        if ev.model:
            out.add_node(NodeRecord("Model", ev.model, {"name": _stub_name(ev.model)}, stub=True))
            out.add_rel("ON_MODEL", ev.id, ev.model)
        if ev.hardware:
            out.add_node(NodeRecord("Hardware", ev.hardware, {"name": _stub_name(ev.hardware),
                                                              "class": "other"}, stub=True))
            out.add_rel("ON_HARDWARE", ev.id, ev.hardware)


def project(batch: ImportBatch) -> GraphProjection:
    """The nodes and relationships that make up `batch`; pure, so both stores agree on them."""
    out = GraphProjection()
    info = batch.report
    out.add_node(NodeRecord("Report", info.id, _plain({
        "title": info.title, "source": info.source, "generated_at": info.generated_at,
        "declared_papers": info.declared_papers, "warnings": [str(w) for w in batch.warnings]})))
    for paper in batch.papers:
        _project_paper(paper, info.id, out)
    return out


def project_batches(batches: Iterable[ImportBatch]) -> list[tuple[GraphProjection, str]]:
    """(projection, report id) per batch, before any store writes: a batch that cannot be stored
    fails here, naming its report, and nothing has changed yet."""
    projections = []
    for batch in batches:
        try:
            projections.append((project(batch), batch.report.id))
        except ValueError as exc:
            raise StoreError(f"batch {batch.report.id} cannot be stored, nothing changed: {exc}") from exc
    return projections


def paper_sources(from_report: Iterable[tuple[str, Props]]) -> list[dict[str, Any]]:
    """The `sources` a store shows on a Paper dict, from its FROM_REPORT (report id, rel props) pairs."""
    refs = [{"report": rep, "index": int(p.get("index", 0)), "line": int(p.get("line", 0))}
            for rep, p in from_report]
    return sorted(refs, key=lambda r: (r["report"], r["index"]))


def node_dict(label: str, node_id: str, props: Props) -> dict[str, Any]:
    """The plain dict a store returns for a node: its properties plus "id" and "label"."""
    return {**props, "id": node_id, "label": label}


_WARNING = re.compile(r"^(?P<file>.*?):(?P<line>\d+): (?P<code>\S+?): (?P<message>.*)$", re.DOTALL)


def parse_warning(text: str) -> ParseWarning:
    """Inverse of `str(ParseWarning)`; text in another shape is kept whole as the message."""
    match = _WARNING.match(text)
    if match is None:
        return ParseWarning(file="", line=0, code="warning", message=text)
    return ParseWarning(match["file"], int(match["line"]), match["code"], match["message"])


def _by_pos(rels: list[tuple[RelRecord, str]]) -> list[str]:
    return [other for rel, other in sorted(rels, key=lambda ro: (ro[0].props.get("pos", 0), ro[1]))]


def _institution(props: Props, node_id: str) -> Institution:
    return Institution(id=node_id, name=props.get("name", ""), aliases=tuple(props.get("aliases", ())),
                       parent=props.get("parent"), parent_name=props.get("parent_name"),
                       resolved=bool(props.get("resolved", True)), country=props.get("country"))


def _evidence(props: Props, node_id: str) -> Evidence:
    return Evidence(
        id=node_id, metric=props["metric"], value=float(props["value"]), unit=props.get("unit"),
        quote=props.get("quote", ""), source=props.get("source", "abstract"), line=int(props.get("line", 0)),
        value_max=props.get("value_max"), direction=props.get("direction"), baseline=props.get("baseline"),
        condition=props.get("condition"), scope=props.get("scope"), model=props.get("model"),
        hardware=props.get("hardware"))


# The relationships a Paper is rebuilt from, with the direction seen from the paper.
PAPER_RELATIONS: dict[str, Literal["in", "out"]] = {
    "AUTHORED": "in", "USES": "out", "EVALUATES": "out", "RUNS_ON": "out", "REPORTS": "out",
}


def assemble_paper(node_id: str, props: Props, sources: tuple[SourceRef, ...],
                   related: Mapping[str, list[tuple[str, Props]]]) -> Paper:
    """The domain Paper from its node's properties and its neighbours ((id, props) per relationship
    type of PAPER_RELATIONS, in order): the inverse of `project` for one paper, shared by export and
    the API's paper documents."""
    def nodes(rel_type: str) -> list[tuple[str, Props]]:
        return list(related.get(rel_type, ()))

    return Paper(
        id=node_id, title=props.get("title", ""), abstract=props.get("abstract", ""),
        brief=props.get("brief", ""), author_count=props.get("author_count"), sources=sources,
        proposed=tuple(props.get("proposed", ())),
        institutions=tuple(_institution(p, i) for i, p in nodes("AUTHORED")),
        techniques=tuple(Technique(t, p.get("name", ""), tuple(p.get("categories", ())), p.get("label_zh"))
                         for t, p in nodes("USES")),
        models=tuple(Model(m, p.get("name", ""), p.get("family"), bool(p.get("resolved", True)))
                     for m, p in nodes("EVALUATES")),
        hardware=tuple(Hardware(h, p.get("name", ""), p.get("class", "other"), p.get("family"),
                                bool(p.get("resolved", True))) for h, p in nodes("RUNS_ON")),
        evidence=tuple(_evidence(p, e) for e, p in nodes("REPORTS")),
        warnings=tuple(parse_warning(w) for w in props.get("warnings", ())),
    )


def rebuild_batches(nodes: Iterable[NodeRecord], rels: Iterable[RelRecord]) -> list[ImportBatch]:
    """One ImportBatch per Report node (sorted by id) that `project` maps back onto the same graph."""
    by_id = {n.id: n for n in nodes}
    out_rels: dict[tuple[str, str], list[tuple[RelRecord, str]]] = defaultdict(list)
    in_rels: dict[tuple[str, str], list[tuple[RelRecord, str]]] = defaultdict(list)
    for rel in rels:
        out_rels[(rel.start, rel.type)].append((rel, rel.end))
        in_rels[(rel.end, rel.type)].append((rel, rel.start))

    def props(node_id: str) -> Props:
        return by_id[node_id].props

    def paper(node_id: str, ref: SourceRef) -> Paper:
        related = {}
        for rel_type, direction in PAPER_RELATIONS.items():
            ends = in_rels if direction == "in" else out_rels
            related[rel_type] = [(other, props(other)) for other in _by_pos(ends[(node_id, rel_type)])]
        return assemble_paper(node_id, props(node_id), (ref,), related)

    batches = []
    for report in sorted((n for n in by_id.values() if n.label == "Report"), key=lambda n: n.id):
        rp = report.props
        listed = sorted(in_rels[(report.id, "FROM_REPORT")],
                        key=lambda ro: (ro[0].props.get("index", 0), ro[1]))
        papers = tuple(paper(pid, SourceRef(report.id, int(rel.props.get("index", 0)),
                                            int(rel.props.get("line", 0)))) for rel, pid in listed)
        info = ReportInfo(id=report.id, title=rp.get("title", ""), source=rp.get("source", ""),
                          generated_at=rp.get("generated_at"), declared_papers=rp.get("declared_papers"))
        batches.append(ImportBatch(info, papers, tuple(parse_warning(w) for w in rp.get("warnings", ()))))
    return batches
