"""The read side of the embedded store: listings, filters and analytics over the networkx graph.

The graph's own adjacency serves as the secondary index (papers of a technique are its USES
predecessors, evidence of a metric its MEASURES predecessors); per-label name-sorted lists and the
analytics are cached until the next write.
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import replace
from itertools import combinations
from typing import Any

import networkx as nx

from graph.store import (
    NAMED_BY,
    TREND_DIMENSIONS,
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
    Subgraph,
    TrendTallies,
    canonical_id,
    mentions_order,
)


class GraphQueries:
    """Mixed into MemoryStore, which owns the graph, the locks and the indexes used here."""

    _g: nx.MultiDiGraph
    _graph_lock: threading.RLock
    _by_label: dict[str, set[str]]
    _evidence_value: dict[str, float]
    _sorted: dict[str, list[tuple[str, str]]]
    _cache: dict[tuple[Any, ...], Any]

    def _node(self, node_id: str) -> Node:
        raise NotImplementedError

    # -- adjacency helpers --------------------------------------------------------------------------

    def _ends(self, node_id: str, rel_type: str, direction: Direction) -> list[str]:
        adjacency = self._g._succ if direction == "out" else self._g._pred
        nbrs = adjacency.get(node_id, {})
        found = [(keys[rel_type].get("pos", 0), other) for other, keys in nbrs.items() if rel_type in keys]
        return [other for _, other in sorted(found)]

    def _union_ends(self, ids: Iterable[str], rel_type: str, direction: Direction) -> set[str]:
        """All ends across `rel_type` from any of `ids` (unordered, so nothing is sorted)."""
        adjacency = self._g._succ if direction == "out" else self._g._pred
        out: set[str] = set()
        for node_id in ids:
            out.update(other for other, keys in adjacency.get(node_id, {}).items() if rel_type in keys)
        return out

    def _narrower_closure(self, technique_ids: Iterable[str]) -> set[str]:
        """The techniques and everything under them by BROADER*."""
        seen: set[str] = set()
        todo = [t for t in technique_ids if t in self._g]
        while todo:
            tech = todo.pop()
            if tech not in seen:
                seen.add(tech)
                todo.extend(self._ends(tech, "BROADER", "in"))
        return seen

    def _sorted_ids(self, label: str) -> list[tuple[str, str]]:
        rows = self._sorted.get(label)
        if rows is None:
            attrs = self._g._node
            rows = sorted((attrs[n]["name"], n) for n in self._by_label.get(label, ()))
            self._sorted[label] = rows
        return rows

    # -- GraphStore reads ---------------------------------------------------------------------------

    def related(self, ids: list[str], rel_type: str, direction: Direction) -> dict[str, list[Node]]:
        with self._graph_lock:
            return {i: [self._node(o) for o in self._ends(i, rel_type, direction)] for i in ids}

    def list_nodes(self, label: str, limit: int, offset: int = 0, name_contains: str | None = None) -> Page:
        with self._graph_lock:
            rows = self._sorted_ids(label)
            if name_contains:
                needle = name_contains.casefold()
                rows = [r for r in rows if needle in r[0].casefold()]
            return Page([self._node(i) for _, i in rows[offset:offset + limit]], len(rows))

    def paper_ids(self, paper_filter: PaperFilter) -> set[str]:
        with self._graph_lock:
            return self._paper_ids(paper_filter)

    def _paper_ids(self, paper_filter: PaperFilter) -> set[str]:
        f = paper_filter.normalised()
        sets: list[set[str]] = []
        if f.technique:
            sets.append(self._union_ends(f.technique, "USES", "in"))
        if f.category:
            techniques = self._narrower_closure(f.category)
            sets.append(self._union_ends(techniques, "USES", "in"))
        if f.institution:
            sets.append(self._union_ends(f.institution, "AUTHORED", "out"))
        if f.model:
            sets.append(self._union_ends(f.model, "EVALUATES", "in"))
        if f.hardware:
            sets.append(self._union_ends(f.hardware, "RUNS_ON", "in"))
        if f.metric:
            evidence = self._union_ends(f.metric, "MEASURES", "in")
            sets.append(self._union_ends(evidence, "REPORTS", "in"))
        if f.report:
            sets.append(self._union_ends(f.report, "FROM_REPORT", "in"))
        result = set.intersection(*sorted(sets, key=len)) if sets else set(self._by_label.get("Paper", ()))
        if f.title_contains:
            needle, attrs = f.title_contains.casefold(), self._g._node
            result = {p for p in result if needle in attrs[p]["name"].casefold()}
        return result

    def list_papers(self, paper_filter: PaperFilter, limit: int, offset: int = 0) -> Page:
        with self._graph_lock:
            rows = self._sorted_ids("Paper")
            if not paper_filter.is_empty():
                wanted = self._paper_ids(paper_filter)
                rows = [r for r in rows if r[1] in wanted]
            return Page([self._node(i) for _, i in rows[offset:offset + limit]], len(rows))

    def list_evidence(
        self, evidence_filter: EvidenceFilter, order: EvidenceOrder, limit: int, offset: int = 0
    ) -> Page:
        with self._graph_lock:
            f = evidence_filter.normalised()
            ids = self._evidence_ids(f)
            nodes: dict[str, Node] = {}
            if f.unit is not None:
                nodes = {i: self._node(i) for i in ids}
                ids = {i for i in ids if nodes[i].get("unit") == f.unit}
            paper_of = {i: self._ends(i, "REPORTS", "in")[0] for i in ids}
            ordered = self._order_evidence(ids, order, paper_of)
            page = []
            for ev in ordered[offset:offset + limit]:
                node = nodes.get(ev) or self._node(ev)
                node["paper"] = paper_of[ev]
                page.append(node)
            return Page(page, len(ordered))

    def _evidence_ids(self, f: EvidenceFilter) -> set[str]:
        """Evidence passing a normalised filter, except its unit (which needs the decoded node)."""
        ids = (self._union_ends(f.metric, "MEASURES", "in") if f.metric
               else set(self._by_label.get("Evidence", ())))
        if f.paper:
            ids &= self._union_ends(f.paper, "REPORTS", "out")
        if f.hardware:
            ids &= self._union_ends(f.hardware, "ON_HARDWARE", "in")
        if f.model:
            ids &= self._union_ends(f.model, "ON_MODEL", "in")
        if not f.papers.is_empty():
            ids &= self._union_ends(self._paper_ids(f.papers), "REPORTS", "out")
        if f.min_value is not None:
            values = self._evidence_value
            ids = {i for i in ids if values[i] >= f.min_value}
        return ids

    def _order_evidence(self, ids: set[str], order: EvidenceOrder, paper_of: dict[str, str]) -> list[str]:
        values = self._evidence_value
        if order == "value_desc":
            return sorted(ids, key=lambda i: (-values[i], i))
        if order == "value_asc":
            return sorted(ids, key=lambda i: (values[i], i))
        attrs, succ = self._g._node, self._g._succ
        return sorted(ids, key=lambda i: (attrs[paper_of[i]]["name"], paper_of[i],
                                          succ[paper_of[i]][i]["REPORTS"].get("pos", 0), i))

    def neighbourhood(self, node_id: str, depth: int = 1, limit: int = 200) -> Subgraph:
        """Breadth-first over both directions, neighbours in id order, at most `limit` nodes."""
        with self._graph_lock:
            g = self._g
            if node_id not in g or limit <= 0:
                return Subgraph([], [])
            seen = {node_id: 0}
            queue = deque([node_id])
            while queue and len(seen) < limit:
                current = queue.popleft()
                if seen[current] >= depth:
                    continue
                for other in sorted(set(g._succ[current]) | set(g._pred[current])):
                    if other not in seen and len(seen) < limit:
                        seen[other] = seen[current] + 1
                        queue.append(other)
            rels = [{"type": t, "start": s, "end": e} for s in seen for e, keys in g._succ[s].items()
                    if e in seen for t in keys]
            rels.sort(key=lambda r: (r["type"], r["start"], r["end"]))
            return Subgraph([self._node(n) for n in seen], rels)

    def technique_cooccurrence(self, limit: int, category: str | None = None) -> list[CoOccurrence]:
        with self._graph_lock:
            key = ("cooc", category)
            if key not in self._cache:
                allowed = self._narrower_closure([canonical_id("tech", category)]) if category else None
                pairs: Counter[tuple[str, str]] = Counter()
                for paper in self._by_label.get("Paper", ()):
                    techs = sorted(t for t in self._ends(paper, "USES", "out")
                                   if allowed is None or t in allowed)
                    pairs.update(combinations(techs, 2))
                self._cache[key] = _ranked(pairs)
            return self._cache[key][:limit]

    def institution_overlap(self, limit: int) -> list[CoOccurrence]:
        with self._graph_lock:
            key = ("overlap",)
            if key not in self._cache:
                pairs: Counter[tuple[str, str]] = Counter()
                for tech in self._by_label.get("Technique", ()):
                    papers = self._ends(tech, "USES", "in")
                    insts = sorted(self._union_ends(papers, "AUTHORED", "in"))
                    pairs.update(combinations(insts, 2))
                self._cache[key] = _ranked(pairs)
            return self._cache[key][:limit]

    def unresolved(self, label: str) -> list[Mentions]:
        if label not in NAMED_BY:
            raise ValueError(f"only {', '.join(NAMED_BY)} can be unresolved, not {label!r}")
        rel_type, direction = NAMED_BY[label]
        with self._graph_lock:
            key = ("unresolved", label)
            if key not in self._cache:
                found = []
                for node_id in self._by_label.get(label, ()):
                    papers = self._ends(node_id, rel_type, direction)
                    if not papers:
                        continue
                    node = self._node(node_id)
                    if node.get("resolved", True) is False:
                        found.append(Mentions(node, len(papers), self._paper_places(papers)))
                self._cache[key] = mentions_order(found)
            return list(self._cache[key])

    def trend_tallies(self, by: str, category: str | None = None) -> TrendTallies:
        if by not in TREND_DIMENSIONS:
            raise ValueError(f"trends count by one of {', '.join(TREND_DIMENSIONS)}, not {by!r}")
        cat = None if category is None else canonical_id("tech", category)
        with self._graph_lock:
            key = ("trends", by, cat)
            if key not in self._cache:
                self._cache[key] = self._trend_tallies(by, cat)
            return self._cache[key]

    def _trend_tallies(self, by: str, category: str | None) -> TrendTallies:
        attrs, succ = self._g._node, self._g._succ
        under = self._narrower_closure([category]) if category else None
        counted = (self._union_ends(under, "USES", "in") if under is not None
                   else set(self._by_label.get("Paper", ())))
        reports_of = {p: [r for r, keys in succ[p].items() if "FROM_REPORT" in keys] for p in counted}
        reports = []
        for report in sorted(self._by_label.get("Report", ())):
            props = self._node(report)
            papers = sum(1 for p in self._ends(report, "FROM_REPORT", "in") if p in reports_of)
            reports.append(ReportTally(report, str(props.get("title", "")), props.get("generated_at"), papers))
        label, rel_type, direction = TREND_DIMENSIONS[by]
        papers_of: dict[str, set[str]] = {}
        for entity in self._by_label.get(label, ()):
            if by == "category" and self._node(entity).get("kind") != "category":
                continue
            if by in ("technique", "category") and under is not None and entity not in under:
                continue
            named_by = (self._union_ends(self._narrower_closure([entity]), "USES", "in") if by == "category"
                        else set(self._ends(entity, rel_type, "in" if direction == "out" else "out")))
            named_by &= reports_of.keys()
            if named_by:
                papers_of[entity] = named_by
        entities = []
        for entity in sorted(papers_of):
            counts: dict[str, int] = {}
            for paper in papers_of[entity]:
                for report in reports_of[paper]:
                    counts[report] = counts.get(report, 0) + 1
            entities.append(EntityTally(entity, attrs[entity]["name"], counts))
        return TrendTallies(reports, entities)

    def claims(self, evidence_filter: EvidenceFilter) -> list[Claim]:
        with self._graph_lock:
            f = evidence_filter.normalised()
            known = self._claim_cache()
            # The paper filter is checked on each claim's paper: cheaper than collecting the evidence
            # of every matching paper when a category has tens of thousands of them.
            allowed = None if f.papers.is_empty() else self._paper_ids(f.papers)
            ids = self._evidence_ids(replace(f, papers=PaperFilter()))
            return [known[i] for i in sorted(ids) if (f.unit is None or known[i].unit == f.unit)
                    and (allowed is None or known[i].paper in allowed)]

    def _claim_cache(self) -> dict[str, Claim]:
        """Every Evidence node as a Claim, decoded once per graph version."""
        claims = self._cache.get(("claims",))
        if claims is None:
            claims = {}
            for ev in self._by_label.get("Evidence", ()):
                node = self._node(ev)
                papers = self._ends(ev, "REPORTS", "in")
                claims[ev] = Claim(ev, papers[0] if papers else "", float(node["value"]), node.get("unit"),
                                   node.get("direction"), node.get("metric", "other"))
            self._cache[("claims",)] = claims
        return claims

    def _paper_places(self, papers: list[str]) -> tuple[dict[str, Any], ...]:
        succ = self._g._succ
        places = [{"paper": paper, "report": report, "index": int(keys["FROM_REPORT"].get("index", 0)),
                   "line": int(keys["FROM_REPORT"].get("line", 0))}
                  for paper in papers for report, keys in succ[paper].items() if "FROM_REPORT" in keys]
        return tuple(sorted(places, key=lambda s: (s["report"], s["line"], s["paper"])))


def _ranked(pairs: Counter[tuple[str, str]]) -> list[CoOccurrence]:
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    return [CoOccurrence(a, b, n) for (a, b), n in ranked]
