"""The production GraphStore on Neo4j 5 (or any Bolt server speaking its Cypher, such as ArcadeDB).

Every statement comes from graph/cypher.py and goes out through `_run`, which logs it at DEBUG on the
"graph.neo4j.cypher" logger (the lint test uses that to check nothing unlinted is ever sent). Writes
are one managed transaction per call (`execute_write`: the driver retries transient failures), so an
upsert that fails leaves the graph as it was; `upsert_all` runs every batch's reads and writes in that one
transaction, in order, each batch reading what the earlier ones wrote. Reads are one or two statements per call.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph import cypher
from graph.cypher import Statement
from graph.model import ImportBatch, ImportSummary
from graph.neo4j_plan import ReportState, full_records, papers_to_read, plan_writes
from graph.projection import (
    GraphProjection,
    NodeRecord,
    RelRecord,
    node_dict,
    paper_sources,
    project_batches,
    rebuild_batches,
)
from graph.store import (
    NODE_LABELS,
    RELATIONSHIP_TYPES,
    Claim,
    CoOccurrence,
    Direction,
    EntityTally,
    EvidenceFilter,
    EvidenceOrder,
    Mentions,
    Node,
    Page,
    PaperFilter,
    ReportTally,
    StoreError,
    StoreUnavailable,
    Subgraph,
    TrendTallies,
    canonical_id,
    mentions_order,
)

log = logging.getLogger(__name__)
statement_log = logging.getLogger("graph.neo4j.cypher")
T = TypeVar("T")


def _run(tx: neo4j.ManagedTransaction, statement: Statement, **params: Any) -> list[dict[str, Any]]:
    """The one place a statement is sent."""
    if params.keys() != statement.params:
        raise ValueError(f"{statement.name} takes parameters {sorted(statement.params)}, got {sorted(params)}")
    statement_log.debug("%s: %s", statement.name, statement.text)
    return tx.run(statement.text, params).data()


def _node(label: str, props: dict[str, Any], sources: Iterable[dict[str, Any]] = ()) -> Node:
    node_id = props.get("id", "")
    node = node_dict(label, node_id, {k: v for k, v in props.items() if k != "id"})
    if label == "Paper":
        node["sources"] = paper_sources((s["report"], s) for s in sources if s.get("report") is not None)
    return node


def _filter_params(paper_filter: PaperFilter, prefix: str = "pf") -> dict[str, Any]:
    f = paper_filter.normalised()
    return {f"{prefix}_technique": list(f.technique), f"{prefix}_category": list(f.category),
            f"{prefix}_institution": list(f.institution), f"{prefix}_model": list(f.model),
            f"{prefix}_hardware": list(f.hardware), f"{prefix}_metric": list(f.metric),
            f"{prefix}_report": list(f.report),
            f"{prefix}_title": f.title_contains.lower() if f.title_contains else None}


def _evidence_params(evidence_filter: EvidenceFilter) -> dict[str, Any]:
    """An EvidenceFilter as the parameters of cypher.EVIDENCE_FILTER_PARAMS."""
    f = evidence_filter.normalised()
    return {"metric": list(f.metric), "paper": list(f.paper), "hardware": list(f.hardware),
            "model": list(f.model), "min_value": f.min_value, "unit": f.unit, **_filter_params(f.papers)}


class Neo4jStore:
    """GraphStore over the official `neo4j` driver; settings come from the caller (NEO4J_* variables)."""

    def __init__(self, uri: str, user: str, password: str, database: str | None = None) -> None:
        self._uri = uri
        self._database = database or None
        self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
        try:
            self._driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, DriverError, OSError) as exc:
            self._driver.close()
            raise self._unavailable(exc) from exc
        self._create_constraints()

    def _unavailable(self, exc: BaseException) -> StoreUnavailable:
        if isinstance(exc, AuthError):
            return StoreUnavailable(f"Neo4j at {self._uri} refused the credentials: check NEO4J_USER and "
                                    f"NEO4J_PASSWORD ({exc})")
        return StoreUnavailable(f"cannot reach Neo4j at {self._uri}: is the server running (docker compose "
                                f"up neo4j) and NEO4J_URI right? ({exc})")

    def _create_constraints(self) -> None:
        """Uniqueness of `id` per label; a server without Neo4j's constraint syntax still works, unindexed."""
        for label in NODE_LABELS:
            statement = cypher.create_constraint(label)
            try:
                self._write(lambda tx: _run(tx, statement))  # noqa: B023 - called before the next iteration
            except StoreUnavailable:
                raise
            except StoreError as exc:
                log.warning("could not create the uniqueness constraint on :%s(id), continuing without it: %s",
                            label, exc)

    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self._database)

    def _call(self, method: str, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        try:
            with self._session() as session:
                return getattr(session, method)(work)
        except (ServiceUnavailable, SessionExpired, AuthError) as exc:
            raise self._unavailable(exc) from exc
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"Neo4j at {self._uri} failed: {exc}") from exc

    def _write(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        return self._call("execute_write", work)

    def _read(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        return self._call("execute_read", work)

    # -- writes -------------------------------------------------------------------------------------

    def upsert(self, batch: ImportBatch) -> ImportSummary:
        return self.upsert_all([batch])[0]

    def upsert_all(self, batches: Sequence[ImportBatch]) -> list[ImportSummary]:
        """One managed transaction for all batches; each batch's reads see the earlier batches' writes."""
        projections = project_batches(batches)
        if not projections:
            return []
        return self._write(lambda tx: [self._replace(tx, proj, report, removing=False)
                                       for proj, report in projections])

    def remove_report(self, report_id: str) -> ImportSummary:
        return self._write(lambda tx: self._replace(tx, GraphProjection(), report_id, removing=True))

    def clear(self) -> None:
        """Delete everything (tests, `papergraph import --replace`); not part of GraphStore."""
        self._write(lambda tx: _run(tx, cypher.CLEAR))

    def _replace(self, tx: neo4j.ManagedTransaction, proj: GraphProjection, report: str,
                 removing: bool) -> ImportSummary:
        state = self._read_state(tx, proj, report)
        writes = plan_writes(proj, report, state, removing)
        for rel_type, rows in writes.delete_rels.items():
            _run(tx, cypher.delete_rels(rel_type), rows=rows)
        for label, ids in writes.delete_nodes.items():
            _run(tx, cypher.delete_nodes(label), ids=ids)
        for label, rows in writes.full_nodes.items():
            _run(tx, cypher.merge_nodes(label, stub=False), rows=rows)
        for label, rows in writes.stub_nodes.items():
            _run(tx, cypher.merge_nodes(label, stub=True), rows=rows)
        for rel_type, rows in writes.put_rels.items():
            _run(tx, cypher.merge_rels(rel_type), rows=rows)
        self._sweep_orphans(tx, writes.orphan_candidates, writes.removed)
        return writes.summary(report)

    def _read_state(self, tx: neo4j.ManagedTransaction, proj: GraphProjection, report: str) -> ReportState:
        ids_by_label: dict[str, list[str]] = defaultdict(list)
        for node in proj.nodes.values():
            ids_by_label[node.label].append(node.id)
        if report not in proj.nodes:
            ids_by_label["Report"].append(report)
        existing = {node_id: (r["label"], props) for r in _run(tx, cypher.existing_nodes(), ids=dict(ids_by_label))
                    for node_id, props in r["found"]}
        listed = {r["id"]: r["others"] for r in _run(tx, cypher.report_papers(), report=report)}
        rows = _run(tx, cypher.owned_rels(), report=report, papers=papers_to_read(proj, listed),
                    institutions=full_records(proj, "Institution"), techniques=full_records(proj, "Technique"),
                    hardware=full_records(proj, "Hardware"))
        owned = {(rel_type, start, end): props for r in rows for rel_type, start, end, props in r["rels"]}
        return ReportState(existing, listed, owned)

    def _sweep_orphans(self, tx: neo4j.ManagedTransaction, candidates: dict[str, set[str]],
                       removed: Counter[str]) -> None:
        """Delete entities nothing points at any more; what they pointed at is checked next round."""
        todo = {label: set(ids) for label, ids in candidates.items() if ids}
        while todo:
            following: dict[str, set[str]] = defaultdict(set)
            for label, ids in todo.items():
                for row in _run(tx, cypher.delete_orphans(label), ids=sorted(ids)):
                    removed[label] += 1
                    for rel_type, end in row["ends"]:
                        if rel_type is not None and rel_type != "AUTHORED":
                            following[cypher.rel_ends(rel_type)[1]].add(end)
            todo = dict(following)

    # -- reads --------------------------------------------------------------------------------------

    def get(self, label: str, ids: list[str]) -> list[Node | None]:
        statement = cypher.get_nodes(label)
        rows = self._read(lambda tx: _run(tx, statement, ids=list(dict.fromkeys(ids))))
        found = {r["id"]: _node(label, r["props"], r["sources"]) for r in rows}
        return [found.get(i) for i in ids]

    def related(self, ids: list[str], rel_type: str, direction: Direction) -> dict[str, list[Node]]:
        statement = cypher.related(rel_type, direction)
        other_label = cypher.rel_ends(rel_type)[1 if direction == "out" else 0]
        rows = self._read(lambda tx: _run(tx, statement, ids=list(dict.fromkeys(ids))))
        out: dict[str, list[Node]] = {i: [] for i in ids}
        for r in rows:
            out[r["id"]].append(_node(other_label, r["props"], r["sources"]))
        return out

    def _page(self, label: str, statement: Statement, limit: int, offset: int, **params: Any) -> Page:
        rows = self._read(lambda tx: _run(tx, statement, limit=max(limit, 0), offset=max(offset, 0), **params))
        row = rows[0] if rows else {"total": 0, "items": []}
        return Page([_node(label, i["props"], i["sources"]) for i in row["items"]], row["total"])

    def list_nodes(self, label: str, limit: int, offset: int = 0, name_contains: str | None = None) -> Page:
        needle = name_contains.lower() if name_contains else None
        return self._page(label, cypher.list_nodes(label), limit, offset, needle=needle)

    def list_papers(self, paper_filter: PaperFilter, limit: int, offset: int = 0) -> Page:
        return self._page("Paper", cypher.list_papers(), limit, offset, **_filter_params(paper_filter))

    def paper_ids(self, paper_filter: PaperFilter) -> set[str]:
        rows = self._read(lambda tx: _run(tx, cypher.paper_ids(), **_filter_params(paper_filter)))
        return {r["id"] for r in rows}

    def list_evidence(
        self, evidence_filter: EvidenceFilter, order: EvidenceOrder, limit: int, offset: int = 0
    ) -> Page:
        params = {**_evidence_params(evidence_filter), "limit": max(limit, 0), "offset": max(offset, 0)}
        rows = self._read(lambda tx: _run(tx, cypher.list_evidence(order), **params))
        row = rows[0] if rows else {"total": 0, "items": []}
        items = [{**_node("Evidence", i["props"]), "paper": i["paper"]} for i in row["items"]]
        return Page(items, row["total"])

    def neighbourhood(self, node_id: str, depth: int = 1, limit: int = 200) -> Subgraph:
        """Breadth-first over both directions, neighbours in id order (as the embedded store does)."""
        return self._read(lambda tx: self._neighbourhood(tx, node_id, depth, limit))

    def _neighbourhood(self, tx: neo4j.ManagedTransaction, node_id: str, depth: int, limit: int) -> Subgraph:
        labels: dict[str, str] = {}
        edges: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
        expanded: set[str] = set()

        def expand(ids: list[str]) -> None:
            wanted = [i for i in ids if i not in expanded]
            by_label: dict[str, list[str]] = defaultdict(list)
            for i in wanted:
                by_label[labels[i]].append(i)
            expanded.update(wanted)
            if wanted:
                for r in _run(tx, cypher.neighbours(), ids=dict(by_label)):
                    start_label, end_label = cypher.rel_ends(r["type"])
                    labels.setdefault(r["start"], start_label)
                    labels.setdefault(r["end"], end_label)
                    edges[r["start"]].add((r["type"], r["start"], r["end"]))
                    edges[r["end"]].add((r["type"], r["start"], r["end"]))

        start = self._label_of(tx, node_id)
        if start is None or limit <= 0:
            return Subgraph([], [])
        labels[node_id] = start
        seen, queue = {node_id: 0}, deque([node_id])
        while queue and len(seen) < limit:
            frontier = [n for n in queue if seen[n] < depth]
            expand(frontier)
            next_queue: deque[str] = deque()
            for current in queue:
                if seen[current] >= depth:
                    continue
                others = sorted({e if s == current else s for _, s, e in edges[current]})
                for other in others:
                    if other not in seen and len(seen) < limit:
                        seen[other] = seen[current] + 1
                        next_queue.append(other)
            queue = next_queue
        expand(list(seen))
        rels = sorted({k for n in seen for k in edges.get(n, ()) if k[1] in seen and k[2] in seen})
        by_label: dict[str, list[str]] = defaultdict(list)
        for n in seen:
            by_label[labels[n]].append(n)
        rows = {r["id"]: r for r in _run(tx, cypher.nodes_by_label(), ids=dict(by_label))}
        nodes = [_node(rows[n]["label"], rows[n]["props"], rows[n]["sources"]) for n in seen if n in rows]
        return Subgraph(nodes, [{"type": t, "start": s, "end": e} for t, s, e in rels])

    def _label_of(self, tx: neo4j.ManagedTransaction, node_id: str) -> str | None:
        rows = _run(tx, cypher.label_of(), id=node_id)
        return rows[0]["label"] if rows else None

    def count_nodes(self, label: str) -> int:
        statement = cypher.count_nodes(label)
        rows = self._read(lambda tx: _run(tx, statement))
        return int(rows[0]["n"]) if rows else 0

    def counts(self) -> dict[str, dict[str, int]]:
        rows = self._read(lambda tx: _run(tx, cypher.counts()))
        nodes = {label: 0 for label in NODE_LABELS}
        rels = {rel_type: 0 for rel_type in RELATIONSHIP_TYPES}
        for r in rows:
            (nodes if r["kind"] == "node" else rels)[r["name"]] = r["n"]
        return {"nodes": nodes, "relationships": rels}

    def technique_cooccurrence(self, limit: int, category: str | None = None) -> list[CoOccurrence]:
        cat = None if category is None else canonical_id("tech", category)
        rows = self._read(lambda tx: _run(tx, cypher.technique_cooccurrence(), limit=max(limit, 0),
                                          category=cat))
        return [CoOccurrence(r["a"], r["b"], r["n"]) for r in rows]

    def institution_overlap(self, limit: int) -> list[CoOccurrence]:
        rows = self._read(lambda tx: _run(tx, cypher.institution_overlap(), limit=max(limit, 0)))
        return [CoOccurrence(r["a"], r["b"], r["n"]) for r in rows]

    def unresolved(self, label: str) -> list[Mentions]:
        statement = cypher.unresolved(label)
        rows = self._read(lambda tx: _run(tx, statement))
        return mentions_order([
            Mentions(_node(label, r["props"]), int(r["papers"]), tuple(sorted(
                ({"paper": s["paper"], "report": s["report"], "index": int(s.get("index") or 0),
                  "line": int(s.get("line") or 0)} for s in r["sources"]),
                key=lambda s: (s["report"], s["line"], s["paper"]))))
            for r in rows])

    def trend_tallies(self, by: str, category: str | None = None) -> TrendTallies:
        statement = cypher.entity_tallies(by)
        cat = None if category is None else canonical_id("tech", category)

        def read(tx: neo4j.ManagedTransaction) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            return _run(tx, cypher.report_tallies(), category=cat), _run(tx, statement, category=cat)

        report_rows, entity_rows = self._read(read)
        reports = sorted((ReportTally(r["id"], r["title"] or "", r["generated_at"], int(r["papers"]))
                          for r in report_rows), key=lambda t: t.id)
        names: dict[str, str] = {}
        counts: dict[str, dict[str, int]] = {}
        for r in entity_rows:
            names[r["id"]] = r["name"] or ""
            counts.setdefault(r["id"], {})[r["report"]] = int(r["n"])
        return TrendTallies(reports, [EntityTally(i, names[i], counts[i]) for i in sorted(counts)])

    def claims(self, evidence_filter: EvidenceFilter) -> list[Claim]:
        params = _evidence_params(evidence_filter)
        rows = self._read(lambda tx: _run(tx, cypher.claims(), **params))
        return [Claim(r["id"], r["paper"], float(r["value"]), r["unit"], r["direction"], r["metric"]) for r in rows]

    def refresh(self) -> bool:
        return False  # every read goes to the server

    def data_version(self) -> int | None:
        return None  # other processes write to the same server; nothing cheap tells this one

    def export(self) -> list[ImportBatch]:
        def read(tx: neo4j.ManagedTransaction) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            return _run(tx, cypher.export_nodes()), _run(tx, cypher.export_rels())

        node_rows, rel_rows = self._read(read)
        nodes = [NodeRecord(r["label"], r["id"], {k: v for k, v in r["props"].items() if k != "id"})
                 for r in node_rows]
        rels = [RelRecord(r["type"], r["start"], r["end"], r["props"]) for r in rel_rows]
        return rebuild_batches(nodes, rels)

    def close(self) -> None:
        self._driver.close()
