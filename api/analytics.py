"""Questions across reports: trends over dated reports, leaderboards of claims, side-by-side comparisons.

Read through the GraphStore protocol only (`trend_tallies`, `claims`, `get`, `related`), so every store
answers the same; the ranking and counting rules live in graph/trends.py and graph/leaderboard.py. The
REST routes, GraphQL resolvers and CLI commands all call these through PapergraphService.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from graph.leaderboard import ClaimGroup, rank_claims
from graph.store import TREND_DIMENSIONS, Claim, EvidenceFilter, GraphStore, Node, PaperFilter, canonical_id
from graph.trends import Trends, date_of, first_seen, report_date, top_series, trend_rows
from ontology.metrics import metric_concepts

MAX_COMPARE = 20  # papers side by side
MEMO_SIZE = 256  # answers remembered per store and data version
T = TypeVar("T")


class AnalyticsError(ValueError):
    """A question that cannot be asked as given; the message says what is allowed."""


# Answers remembered per store until its data version changes (`GraphStore.data_version`); a store that
# cannot tell (None) is asked every time. Trends and leaderboards over 100k papers cost seconds cold.
_memo: WeakKeyDictionary[Any, tuple[int, dict[tuple[Any, ...], Any]]] = WeakKeyDictionary()
_memo_lock = threading.Lock()


def _remembered(store: GraphStore, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    version = store.data_version()
    if version is None:
        return compute()
    with _memo_lock:
        seen_version, answers = _memo.get(store, (None, {}))
        if seen_version == version and key in answers:
            return answers[key]
    answer = compute()
    with _memo_lock:
        seen_version, answers = _memo.get(store, (None, {}))
        if seen_version != version:
            answers = {}
            _memo[store] = (version, answers)
        if len(answers) >= MEMO_SIZE:
            answers.pop(next(iter(answers)))
        answers[key] = answer
    return answer


# -- trends ---------------------------------------------------------------------------------------

def trends(store: GraphStore, by: str, top: int = 10, category: str | None = None,
           sort: str = "papers") -> Trends:
    if by not in TREND_DIMENSIONS:
        raise AnalyticsError(f"by must be one of {', '.join(TREND_DIMENSIONS)}, not {by!r}")
    try:
        rows = _remembered(store, ("trend-rows", by, category or None),
                           lambda: trend_rows(store.trend_tallies(by, category or None)))
        return _remembered(store, ("trends", by, top, category or None, sort),
                           lambda: top_series(rows, by, top, sort))
    except ValueError as exc:
        raise AnalyticsError(str(exc)) from exc


def trends_json(result: Trends) -> dict[str, Any]:
    dates = {r.id: report_date(r) for r in result.reports}
    return {
        "by": result.by,
        "reports": [{"id": r.id, "title": r.title, "date": report_date(r), "papers": r.papers}
                    for r in result.reports],
        "series": [{"id": s.id, "name": s.name, "counts": list(s.counts), "total": s.total,
                    "share_change": s.share_change, "first_seen": s.first_seen,
                    "first_seen_date": dates.get(s.first_seen), "new": s.new}
                   for s in result.series],
    }


def trends_csv(result: Trends) -> str:
    """One row per series, one column per report (headed by its date, else its id)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", *(report_date(r) or r.id for r in result.reports), "total", "share_change",
                     "first_seen", "new"])
    for s in result.series:
        writer.writerow([s.id, s.name, *s.counts, s.total, s.share_change, s.first_seen, str(s.new).lower()])
    return out.getvalue()


def first_seen_dates(store: GraphStore, by: str) -> dict[str, str | None]:
    """Entity id -> the date (YYYY-MM-DD, None when undated) of the first report a paper named it in."""
    return _remembered(store, ("first_seen", by), lambda: {
        entity: report_date(report) for entity, report in first_seen(store.trend_tallies(by)).items()})


# -- leaderboards ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Leaderboard:
    metric: str
    groups: tuple[ClaimGroup, ...]
    group: ClaimGroup | None
    rows: tuple[dict[str, Any], ...]


def _metric_better(metric: str) -> str:
    concept = metric_concepts().get(metric)
    if concept is None:
        raise AnalyticsError(f"unknown metric {metric!r}; one of {', '.join(sorted(metric_concepts()))}")
    return concept.better


def leaderboard(store: GraphStore, metric: str, *, category: str | None = None, technique: str | None = None,
                hardware: str | None = None, model: str | None = None, unit: str | None = None,
                direction: str | None = None, k: int = 20) -> Leaderboard:
    """The best `k` claims of a metric within one comparable group (see graph/leaderboard.py)."""
    metric = canonical_id("metric", metric).removeprefix("metric:")
    better = _metric_better(metric)
    if direction not in (None, "increase", "decrease", "level"):
        raise AnalyticsError(f"direction must be increase, decrease or level, not {direction!r}")
    papers = PaperFilter(category=(category,) if category else (), technique=(technique,) if technique else ())
    evidence_filter = EvidenceFilter(metric=(metric,), hardware=(hardware,) if hardware else (),
                                     model=(model,) if model else (), papers=papers)

    def ask() -> Leaderboard:
        ranked = rank_claims(metric, better, store.claims(evidence_filter), unit, direction, limit=max(k, 0))
        return Leaderboard(metric, ranked.groups, ranked.group, tuple(claim_rows(store, ranked.claims[:max(k, 0)])))

    return _remembered(store, ("leaderboard", evidence_filter, unit, direction, k), ask)


def claim_rows(store: GraphStore, claims: Sequence[Claim]) -> list[dict[str, Any]]:
    """Claims as leaderboard rows: the evidence with its paper, model, hardware and source."""
    ids = [c.id for c in claims]
    evidence = store.get("Evidence", ids)
    papers = {p["id"]: p for p in store.get("Paper", sorted({c.paper for c in claims})) if p is not None}
    models = store.related(ids, "ON_MODEL", "out")
    devices = store.related(ids, "ON_HARDWARE", "out")
    rows = []
    for claim, ev in zip(claims, evidence, strict=True):
        if ev is None:
            continue
        paper = papers.get(claim.paper, {"id": claim.paper, "title": "", "sources": []})
        sources = paper.get("sources") or []
        rows.append({
            "value": ev.get("value"), "value_max": ev.get("value_max"), "unit": ev.get("unit"),
            "condition": ev.get("condition"), "direction": ev.get("direction"), "baseline": ev.get("baseline"),
            "scope": ev.get("scope"),
            "paper": {"id": paper["id"], "title": paper.get("title", "")},
            "model": _named(models.get(claim.id)), "hardware": _named(devices.get(claim.id)),
            "quote": ev.get("quote", ""),
            "source": {"report": sources[0]["report"] if sources else None, "line": ev.get("line"),
                       "part": ev.get("source")},
        })
    return rows


def _named(nodes: list[Node] | None) -> dict[str, str] | None:
    return {"id": nodes[0]["id"], "name": str(nodes[0].get("name", ""))} if nodes else None


def _group_json(group: ClaimGroup) -> dict[str, Any]:
    return {"family": group.family, "direction": group.sense, "order": group.order, "claims": group.claims,
            "units": list(group.units)}


def leaderboard_json(board: Leaderboard) -> dict[str, Any]:
    return {"metric": board.metric, "group": _group_json(board.group) if board.group else None,
            "groups": [_group_json(g) for g in board.groups], "rows": list(board.rows)}


LEADERBOARD_COLUMNS = ("rank", "value", "value_max", "unit", "condition", "direction", "baseline", "paper_id",
                       "paper_title", "model", "hardware", "quote", "report", "line")


def leaderboard_csv(board: Leaderboard) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LEADERBOARD_COLUMNS)
    for rank, row in enumerate(board.rows, 1):
        writer.writerow([rank, row["value"], row["value_max"], row["unit"], row["condition"], row["direction"],
                         row["baseline"], row["paper"]["id"], row["paper"]["title"],
                         (row["model"] or {}).get("name"), (row["hardware"] or {}).get("name"), row["quote"],
                         row["source"]["report"], row["source"]["line"]])
    return out.getvalue()


# -- comparisons ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Comparison:
    """One column per paper, one row per property; a cell is a list of {"id", "name"} for entities, a
    claim row (see `claim_rows`) or None for a metric, or a string."""

    papers: tuple[dict[str, str], ...]
    rows: tuple[tuple[str, tuple[Any, ...]], ...]
    missing: tuple[str, ...] = ()  # asked-for ids that are not papers (no column)


_ENTITY_ROWS = (("institutions", "AUTHORED", "in"), ("techniques", "USES", "out"),
                ("models", "EVALUATES", "out"), ("hardware", "RUNS_ON", "out"))


def compare(store: GraphStore, ids: Sequence[str]) -> Comparison:
    """Papers side by side: reports and dates, institutions, categories, techniques, models, hardware,
    and per metric each paper's best claim (ranked as on the leaderboard). Ids that are not papers get
    no column and are listed in `missing` (REST answers them with a 404, GraphQL as data)."""
    asked = list(dict.fromkeys(i.strip() for i in ids if i.strip()))
    if not asked:
        raise AnalyticsError("give at least one paper id")
    if len(asked) > MAX_COMPARE:
        raise AnalyticsError(f"at most {MAX_COMPARE} papers can be compared, not {len(asked)}")
    found = store.get("Paper", asked)
    missing = tuple(i for i, p in zip(asked, found, strict=True) if p is None)
    papers = [p for p in found if p is not None]
    ids = [p["id"] for p in papers]
    if not ids:
        return Comparison((), (), missing)
    rows: list[tuple[str, tuple[Any, ...]]] = []
    reports = store.related(ids, "FROM_REPORT", "out")
    rows.append(("reports", tuple([_report_cell(r) for r in reports[i]] for i in ids)))
    for name, rel, direction in _ENTITY_ROWS:
        related = store.related(ids, rel, direction)
        rows.append((name, tuple([_entity_cell(n) for n in related[i]] for i in ids)))
        if name == "institutions":
            categories = _categories(store, ids)
            rows.append(("categories", tuple(categories[i] for i in ids)))
    claims = store.claims(EvidenceFilter(paper=tuple(ids)))
    metrics = metric_concepts()
    by_metric: dict[str, list[Claim]] = {}
    for claim in claims:
        by_metric.setdefault(claim.metric, []).append(claim)
    order = sorted(by_metric, key=lambda m: (list(metrics).index(m) if m in metrics else len(metrics), m))
    best = {metric: _best_per_paper(metric, metrics[metric].better if metric in metrics else "higher",
                                    by_metric[metric], ids) for metric in order}
    wanted = [c for claims_of in best.values() for c in claims_of if c is not None]
    row_of = {c.id: row for c, row in zip(wanted, claim_rows(store, wanted), strict=True)}
    for metric in order:
        rows.append((metric, tuple(row_of.get(c.id) if c is not None else None for c in best[metric])))
    return Comparison(tuple({"id": p["id"], "title": p.get("title", "")} for p in papers), tuple(rows), missing)


def _best_per_paper(metric: str, better: str, claims: list[Claim], ids: list[str]) -> list[Claim | None]:
    """Each paper's best claim, within the group most claims of all the papers share so that the row
    compares like with like; a paper with no claim in that group shows its best in its own."""
    shared = rank_claims(metric, better, claims).group
    best: list[Claim | None] = []
    for paper_id in ids:
        own = [c for c in claims if c.paper == paper_id]
        ranked = rank_claims(metric, better, own, shared.family if shared else None, shared.sense if shared else None)
        if not ranked.claims:
            ranked = rank_claims(metric, better, own)
        best.append(ranked.claims[0] if ranked.claims else None)
    return best


def _categories(store: GraphStore, ids: list[str]) -> dict[str, list[dict[str, str]]]:
    """Each paper's categories: the category concepts its techniques are under (or that it uses)."""
    used = store.related(ids, "USES", "out")
    techniques = sorted({t["id"] for nodes in used.values() for t in nodes})
    broader = store.related(techniques, "BROADER", "out")
    out = {}
    for paper_id in ids:
        found: dict[str, Node] = {}
        for tech in used[paper_id]:
            for node in [tech, *broader.get(tech["id"], [])]:
                if node.get("kind") == "category":
                    found[node["id"]] = node
        out[paper_id] = [_entity_cell(found[c]) for c in sorted(found)]
    return out


def _entity_cell(node: Node) -> dict[str, str]:
    return {"id": node["id"], "name": str(node.get("name") or node.get("title") or "")}


def _report_cell(node: Node) -> dict[str, str | None]:
    return {"id": node["id"], "name": str(node.get("title", "")), "date": date_of(node.get("generated_at"))}


def comparison_json(result: Comparison) -> dict[str, Any]:
    return {"papers": list(result.papers),
            "rows": [{"property": name, "cells": list(cells)} for name, cells in result.rows],
            "missing": list(result.missing)}


def cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, list):
        return "; ".join(c["name"] + (f" ({c['date']})" if c.get("date") else "") for c in cell)
    return f"{claim_figure(cell)} — \"{cell['quote']}\""


def claim_figure(claim: dict[str, Any]) -> str:
    """A claim's figure as people write it: "up to 2.5x", "10-18x", "0.8 ms"."""
    value = f"{claim['value']:g}" + (f"-{claim['value_max']:g}" if claim.get("value_max") is not None else "")
    unit = claim.get("unit") or ""
    figure = f"{value}{'' if unit in ('x', '%', '') else ' '}{unit}"
    return f"{claim['condition']} {figure}" if claim.get("condition") else figure


def comparison_table(result: Comparison) -> list[list[str]]:
    """The comparison as text rows: a header of paper titles, then one row per property."""
    header = ["property", *(p["title"] or p["id"] for p in result.papers)]
    return [header, *([name, *(cell_text(c) for c in cells)] for name, cells in result.rows)]


def comparison_csv(result: Comparison) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(comparison_table(result))
    return out.getvalue()


def comparison_markdown(result: Comparison) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    table = comparison_table(result)
    return "\n".join([line(table[0]), line(["---"] * len(table[0])), *(line(r) for r in table[1:])]) + "\n"
