"""The store primitives behind trends and leaderboards (`trend_tallies`, `claims`), on every store.

Reports A (2025-10-15) and B (2025-10-22) of tests/contract/batches.py share one paper (token merging,
which uses GPTQ); the expected tallies are counted by hand from those batches.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api import analytics
from graph.ids import entity_id
from graph.model import ImportBatch
from graph.store import EvidenceFilter, GraphStore, PaperFilter
from ingest.interchange import dump_batches
from tests.contract import batches as b

A, B = b.REPORT_A, b.REPORT_B


def tallies(store: GraphStore, by: str, category: str | None = None) -> dict[str, dict[str, int]]:
    return {e.id: e.counts for e in store.trend_tallies(by, category).entities}


@pytest.fixture
def two_reports(store: GraphStore) -> GraphStore:
    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    return store


def test_reports_carry_their_date_and_paper_count(two_reports: GraphStore) -> None:
    reports = two_reports.trend_tallies("category").reports
    assert [(r.id, r.generated_at, r.papers) for r in reports] == [
        (A, "2025-10-15T18:50:54", 4), (B, "2025-10-22T09:00:00", 2)]


def test_categories_count_distinct_papers_per_report(two_reports: GraphStore) -> None:
    assert tallies(two_reports, "category") == {
        "tech:kv-cache": {A: 1},
        "tech:mixture-of-experts": {B: 1},
        "tech:quantization": {A: 2, B: 1},  # the shared paper counts once in each report
        "tech:serving-scheduling": {B: 1},
        "tech:speculative-decoding": {A: 2},
        "tech:token-reduction": {A: 1, B: 1},
    }


def test_other_dimensions(two_reports: GraphStore) -> None:
    assert tallies(two_reports, "technique")[b.GPTQ.id] == {A: 2, B: 1}
    assert tallies(two_reports, "technique")[b.EAGLE.id] == {A: 2}
    institutions = tallies(two_reports, "institution")
    assert institutions[b.TSINGHUA.id] == {A: 2, B: 1}
    assert institutions[b.SJTU.id] == {A: 2}
    assert entity_id("inst", "Qualcomm") not in institutions  # a parent that no paper names itself
    assert tallies(two_reports, "model") == {b.LLAMA.id: {A: 3}}
    assert tallies(two_reports, "hardware") == {b.A100.id: {A: 2}, entity_id("hw", "Snapdragon 8 Gen 3"): {B: 1}}


def test_a_category_filter_narrows_papers_and_concepts(two_reports: GraphStore) -> None:
    narrowed = two_reports.trend_tallies("technique", "quantization")
    assert [(r.id, r.papers) for r in narrowed.reports] == [(A, 2), (B, 1)]
    assert {e.id: e.counts for e in narrowed.entities} == {b.GPTQ.id: {A: 2, B: 1}, b.FP8_KV.id: {A: 1}}
    assert tallies(two_reports, "category", "tech:quantization") == {"tech:quantization": {A: 2, B: 1}}
    assert tallies(two_reports, "institution", "speculative-decoding") == {b.SJTU.id: {A: 2}, b.TSINGHUA.id: {A: 1}}


def test_unknown_dimension_is_refused(store: GraphStore) -> None:
    with pytest.raises(ValueError, match="trend"):
        store.trend_tallies("colour")


def test_claims_hold_what_ranking_needs(two_reports: GraphStore) -> None:
    speedups = two_reports.claims(EvidenceFilter(metric=("speedup",)))
    assert [c.id for c in speedups] == sorted(c.id for c in speedups)
    assert {c.metric for c in speedups} == {"speedup"}
    assert sorted((c.value, c.unit, c.paper) for c in speedups) == [
        (2.1, "x", b.eagle_paper().id), (3.2, "x", b.spec_paper().id), (5.5, "x", b.quant_paper().id)]
    latency = two_reports.claims(EvidenceFilter(metric=("latency",), unit="ms"))
    assert [(c.value, c.unit) for c in latency] == [(120.0, "ms")]
    assert two_reports.claims(EvidenceFilter(metric=("latency",), unit="s")) == []
    on_a100 = two_reports.claims(EvidenceFilter(metric=("speedup",), hardware=(b.A100.id,)))
    assert on_a100 == []  # the batches tie no claim to a device
    quant = two_reports.claims(EvidenceFilter(metric=("speedup",), papers=PaperFilter(category=("quantization",))))
    assert [c.paper for c in quant] == [b.quant_paper().id]


def test_tallies_follow_a_corrected_report(two_reports: GraphStore) -> None:
    two_reports.upsert(b.batch_a_without_quant())
    assert tallies(two_reports, "category")["tech:quantization"] == {A: 1, B: 1}
    assert [r.papers for r in two_reports.trend_tallies("model").reports] == [3, 2]


# -- the answers users see, checked against the graph's own export ---------------------------------

REPORTS_DIR = Path(__file__).resolve().parents[2] / "benchmarks" / "gold" / "reports"
SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "data" / "reports" / "ai-inference-acceleration-2025-10-15.md"


@pytest.fixture(scope="module")
def three_reports() -> list[ImportBatch]:
    """The sample report and two later dated reports, extracted as an import would."""
    from ingest.pipeline import extract_report

    paths = [SAMPLE, *sorted(REPORTS_DIR.glob("*.md"))[:2]]
    return [extract_report(p) for p in paths]


def counts_from_export(doc: dict, by: str) -> dict[str, dict[str, int]]:
    """Distinct papers per (entity, report), computed from `export --format json` alone."""
    field = {"category": "techniques", "technique": "techniques", "institution": "institutions",
             "model": "models", "hardware": "hardware"}[by]
    counts: dict[str, dict[str, set[str]]] = {}
    for paper in doc["papers"]:
        entities = {f"tech:{t['category']}" if by == "category" else t["id"] for t in paper[field]}
        for entity in entities:
            for source in paper["sources"]:
                counts.setdefault(entity, {}).setdefault(source["report"], set()).add(paper["id"])
    return {e: {r: len(p) for r, p in per.items()} for e, per in counts.items()}


@pytest.mark.parametrize("by", ["category", "technique", "institution", "model", "hardware"])
def test_trend_counts_equal_the_export(store: GraphStore, three_reports: list[ImportBatch], by: str) -> None:
    store.upsert_all(three_reports)
    doc = dump_batches(store.export())
    expected = counts_from_export(doc, by)
    result = analytics.trends(store, by, top=10_000)
    dates = [r["generated_at"] for r in sorted(doc["reports"], key=lambda r: r["generated_at"])]
    assert [r.generated_at for r in result.reports] == dates
    got = {s.id: {r.id: n for r, n in zip(result.reports, s.counts, strict=True) if n} for s in result.series}
    assert got == expected
    assert [r.papers for r in result.reports] == [
        sum(1 for p in doc["papers"] if any(s["report"] == r.id for s in p["sources"])) for r in result.reports]


def test_leaderboard_and_compare_on_real_reports(store: GraphStore, three_reports: list[ImportBatch]) -> None:
    store.upsert_all(three_reports)
    board = analytics.leaderboard(store, "speedup", k=100)
    assert board.group is not None and board.group.family == "x" and board.group.order == "desc"
    assert {row["unit"] for row in board.rows} == {"x"}
    values = [row["value"] for row in board.rows]
    assert values == sorted(values, reverse=True) and len(values) > 20
    assert all(row["quote"] and row["source"]["report"] for row in board.rows)
    latency = analytics.leaderboard(store, "latency", unit="ms", k=100)
    assert latency.group is not None and latency.group.family == "time"
    seconds = [r["value"] * {"ms": 1e-3, "s": 1, "min": 60, "h": 3600}[r["unit"]] for r in latency.rows]
    assert seconds == sorted(seconds)  # lower latency first, ms and s ranked together after conversion
    best: dict[str, float] = {}
    for row in board.rows:
        best.setdefault(row["paper"]["id"], row["value"])
    ids = list(best)[:3]
    table = analytics.compare(store, [*ids, ids[0]])  # a repeated id is one column
    assert [p["id"] for p in table.papers] == ids
    assert all(len(cells) == len(ids) for _, cells in table.rows)
    assert [c["value"] for c in dict(table.rows)["speedup"]] == [best[i] for i in ids]
    partial = analytics.compare(store, [ids[0], "paper:nope"])
    assert [p["id"] for p in partial.papers] == ids[:1] and partial.missing == ("paper:nope",)
    assert all(len(cells) == 1 for _, cells in partial.rows)


def test_answers_follow_every_write(store: GraphStore) -> None:
    """Remembered answers (keyed on `data_version`) never outlive a change to the graph."""
    store.upsert(b.batch_a())
    before = store.data_version()
    assert [r["value"] for r in analytics.leaderboard(store, "speedup").rows] == [5.5, 3.2, 2.1]
    assert analytics.trends(store, "category", top=1).series[0].id == "tech:quantization"
    assert store.data_version() == before  # reads change nothing
    store.upsert(b.batch_a_without_quant())
    assert before is None or store.data_version() != before
    assert [r["value"] for r in analytics.leaderboard(store, "speedup").rows] == [3.2, 2.1]
    assert analytics.trends(store, "category", top=1).series[0].id == "tech:speculative-decoding"


def test_count_nodes_counts_one_label(store: GraphStore) -> None:
    assert store.count_nodes("Paper") == 0
    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    assert store.count_nodes("Paper") == 5 == store.counts()["nodes"]["Paper"]
    assert store.count_nodes("Report") == 2
