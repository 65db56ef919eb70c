"""The embedded (default) GraphStore: a networkx MultiDiGraph in memory, persisted to SQLite.

Nodes are keyed by id with attributes `label`, `name` and `p` (the properties as a JSON blob, decoded
only when a node is read); relationships are keyed by type. Writers are serialised by one lock in the
process and by a file lock across processes (graph/write_lock.py); each first catches up with what other
processes committed (`refresh`), then computes its whole change before touching anything. Readers take
the graph lock, which a writer holds only while applying an already-committed change (or reloading), so
a reader never sees half an import.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from graph.memory_queries import GraphQueries
from graph.model import ImportBatch, ImportSummary
from graph.projection import NodeRecord, RelRecord, node_dict, paper_sources, project_batches, rebuild_batches
from graph.sqlite_persistence import SqliteGraphFile, WritePlan, decode_props, rel_props, rel_row
from graph.store import NODE_LABELS, RELATIONSHIP_TYPES, Node, StoreError
from graph.upsert_plan import plan_removal, plan_upserts
from graph.write_lock import exclusive_writer


class MemoryStore(GraphQueries):
    """GraphStore over networkx, stored in `<data_dir>/graph.sqlite3`; no server needed."""

    def __init__(self, data_dir: Path, writer_wait_s: float = 30.0) -> None:
        self._data_dir = Path(data_dir)
        self._writer_wait_s = writer_wait_s
        self._file = SqliteGraphFile(self._data_dir)
        self._write_lock = threading.Lock()
        self._graph_lock = threading.RLock()
        self._version = 0
        self._sorted: dict[str, list[tuple[str, str]]] = {}
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._seen_data_version = self._file.data_version()  # read first: a commit during the load shows
        self._g, self._by_label, self._rel_counts, self._evidence_value = self._loaded()

    def _loaded(self) -> tuple[nx.MultiDiGraph, defaultdict[str, set[str]], Counter[str], dict[str, float]]:
        """The graph, nodes by label, relationship counts and evidence values, read from SQLite with the
        cyclic collector paused: millions of new dicts would otherwise trigger repeated full collections
        (2-3x the load time), and none of them can form garbage cycles. Afterwards the loaded graph is
        frozen out of future collections, which would only rescan it."""
        state: tuple[nx.MultiDiGraph, defaultdict[str, set[str]], Counter[str], dict[str, float]] = (
            nx.MultiDiGraph(), defaultdict(set), Counter(), {})
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._load(*state)
        finally:
            if was_enabled:
                gc.enable()
        gc.freeze()
        return state

    def _load(self, g: nx.MultiDiGraph, by_label: defaultdict[str, set[str]], rel_counts_out: Counter[str],
              evidence_value: dict[str, float]) -> None:
        """Build the graph by replaying the SQLite logs (last row wins); ids are interned so relationship
        rows share the node's string."""
        intern = sys.intern
        node_attr = g._node
        succ, pred, adj_factory = g._succ, g._pred, g.adjlist_inner_dict_factory
        for node_id, label, name, num, raw in self._file.iter_nodes():
            old = node_attr.get(node_id)
            if old is not None:  # replaced or deleted by this row
                by_label[old["label"]].discard(node_id)
                evidence_value.pop(node_id, None)
                if label is None:
                    del node_attr[node_id], succ[node_id], pred[node_id]
            if label is None:
                continue
            if old is None:
                node_id = intern(node_id)
                succ[node_id] = adj_factory()
                pred[node_id] = adj_factory()
            label = intern(label)
            node_attr[node_id] = {"label": label, "name": name, "p": raw}
            by_label[label].add(node_id)
            if num is not None:
                evidence_value[node_id] = num
        # networkx's add_edge costs several checks per edge; start-up fills the adjacency directly,
        # in the same shape MultiDiGraph.add_edge builds (the key dict is shared by _succ and _pred).
        rel_counts: dict[str, int] = {}
        for src, rel_type, dst, pos, raw, deleted in self._file.iter_rels():
            out = succ.get(src)
            if out is None or dst not in node_attr:
                continue  # a relationship of a node deleted later (its tombstone follows)
            keydict = out.get(dst)
            if deleted:
                if keydict is not None and rel_type in keydict:
                    del keydict[rel_type]
                    rel_counts[rel_type] -= 1
                    if not keydict:
                        del out[dst], pred[dst][src]
                continue
            if keydict is None:
                keydict = {}
                out[intern(dst)] = keydict
                pred[dst][intern(src)] = keydict
            rel_type = intern(rel_type)
            if rel_type not in keydict:
                rel_counts[rel_type] = rel_counts.get(rel_type, 0) + 1
            keydict[rel_type] = rel_props(pos, raw)
        rel_counts_out.update(rel_counts)

    # -- writes -------------------------------------------------------------------------------------

    def upsert(self, batch: ImportBatch) -> ImportSummary:
        return self.upsert_all([batch])[0]

    def upsert_all(self, batches: Sequence[ImportBatch]) -> list[ImportSummary]:
        """Plan every batch (each against the graph the earlier ones leave), write all the plans in one
        SQLite transaction, and only then change the in-memory graph."""
        with self._write_lock, exclusive_writer(self._data_dir, self._writer_wait_s):
            self._catch_up()
            projections = project_batches(batches)
            try:
                plans, summaries = plan_upserts(self._g, projections)
            except ValueError as exc:  # a property JSON cannot hold (NaN), met while staging a batch
                raise StoreError(f"graph store write failed, nothing changed: {exc}") from exc
            self._commit(plans)
            return summaries

    def remove_report(self, report_id: str) -> ImportSummary:
        with self._write_lock, exclusive_writer(self._data_dir, self._writer_wait_s):
            self._catch_up()
            plan, summary = plan_removal(self._g, report_id)
            self._commit([plan])
            return summary

    def clear(self) -> None:
        """Delete everything (tests, `papergraph import --replace`); not part of GraphStore."""
        with self._write_lock, exclusive_writer(self._data_dir, self._writer_wait_s), self._graph_lock:
            self._file.clear()
            self._g.clear()
            self._by_label.clear()
            self._rel_counts.clear()
            self._evidence_value.clear()
            self._changed()

    def _commit(self, plans: Sequence[WritePlan]) -> None:
        plans = [plan for plan in plans if not plan.is_empty()]
        if not plans:
            return
        self._file.apply(plans)
        with self._graph_lock:
            for plan in plans:
                self._apply(plan)
            self._changed()
        if self._file.wants_rewrite(len(self._g) + sum(self._rel_counts.values())):
            self._rewrite()

    def _rewrite(self) -> None:
        """Write the graph anew, without the rows later rows replaced (see graph/sqlite_persistence.py).
        The graph does not change, so readers go on; a failure leaves the logs as they were."""
        g = self._g
        nodes = ((n, a["label"], a["name"], self._evidence_value.get(n), a["p"]) for n, a in g._node.items())
        rels = (rel_row((t, s, e), props) for s, nbrs in g._succ.items()
                for e, keys in nbrs.items() for t, props in keys.items())
        self._file.rewrite(nodes, rels)

    def _apply(self, plan: WritePlan) -> None:
        g = self._g
        for rel_type, start, end in plan.delete_rels:
            if g.has_edge(start, end, key=rel_type):
                g.remove_edge(start, end, key=rel_type)
                self._rel_counts[rel_type] -= 1
        for node_id, label in plan.delete_nodes.items():
            g.remove_node(node_id)
            self._by_label[label].discard(node_id)
            self._evidence_value.pop(node_id, None)
        for node in plan.put_nodes:
            g.add_node(node.id, label=node.label, name=node.name, p=plan.blobs[node.id])
            self._by_label[node.label].add(node.id)
            if node.label == "Evidence":
                self._evidence_value[node.id] = float(node.props["value"])
        succ, pred = g._succ, g._pred
        for (rel_type, start, end), props in plan.put_rels.items():
            # The adjacency shape MultiDiGraph.add_edge builds, without its per-edge overhead.
            keydict = succ[start].get(end)
            if keydict is None:
                keydict = succ[start][end] = pred[end][start] = {}
            if rel_type not in keydict:
                self._rel_counts[rel_type] += 1
            keydict[rel_type] = rel_props(props["pos"], None) if props.keys() == {"pos"} else dict(props)

    def refresh(self) -> bool:
        """Catch up with commits another process made to the same data directory (an import run while
        this process serves); True when the graph was reloaded."""
        with self._write_lock:
            return self._catch_up()

    def _catch_up(self) -> bool:
        """Reload the graph from SQLite when another connection committed since we last looked, so a
        write is always planned against the stored truth; the new graph is read while readers keep the
        old one, then swapped in. Caller holds the write lock."""
        version = self._file.data_version()
        if version == self._seen_data_version:
            return False
        loaded = self._loaded()  # outside the graph lock: readers answer from the old graph meanwhile
        with self._graph_lock:
            self._g, self._by_label, self._rel_counts, self._evidence_value = loaded
            self._changed()
        self._seen_data_version = version
        return True

    def _changed(self) -> None:
        self._version += 1
        self._sorted.clear()
        self._cache.clear()

    # -- reads --------------------------------------------------------------------------------------

    def _node(self, node_id: str) -> Node:
        attrs = self._g._node[node_id]
        node = node_dict(attrs["label"], node_id, decode_props(attrs["p"]))
        if attrs["label"] == "Paper":
            node["sources"] = paper_sources(
                (end, keys["FROM_REPORT"]) for end, keys in self._g._succ[node_id].items()
                if "FROM_REPORT" in keys)
        return node

    def get(self, label: str, ids: list[str]) -> list[Node | None]:
        with self._graph_lock:
            attrs = self._g._node
            return [self._node(i) if i in attrs and attrs[i]["label"] == label else None for i in ids]

    def count_nodes(self, label: str) -> int:
        with self._graph_lock:
            return len(self._by_label.get(label, ()))

    def counts(self) -> dict[str, dict[str, int]]:
        with self._graph_lock:
            return {"nodes": {label: len(self._by_label.get(label, ())) for label in NODE_LABELS},
                    "relationships": {t: self._rel_counts.get(t, 0) for t in RELATIONSHIP_TYPES}}

    def data_version(self) -> int | None:
        return self._version

    def export(self) -> list[ImportBatch]:
        with self._graph_lock:
            g = self._g
            nodes = [NodeRecord(a["label"], n, decode_props(a["p"])) for n, a in g._node.items()]
            rels = [RelRecord(t, s, e, dict(data)) for s, nbrs in g._succ.items()
                    for e, keys in nbrs.items() for t, data in keys.items()]
        return rebuild_batches(nodes, rels)

    def close(self) -> None:
        with self._write_lock:
            self._file.close()
