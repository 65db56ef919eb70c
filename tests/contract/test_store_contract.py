"""The GraphStore contract, defined once and run on every store (see conftest.py)."""

from __future__ import annotations

from graph.model import to_plain
from graph.store import NODE_LABELS, RELATIONSHIP_TYPES, EvidenceFilter, GraphStore, PaperFilter
from tests.contract import batches as b


def _total(summary_part: dict[str, int]) -> int:
    return sum(summary_part.values())


def _all_nodes(store: GraphStore) -> dict[str, dict]:
    """Every node by id, read through list_nodes (so this also exercises pagination totals)."""
    out = {}
    for label in NODE_LABELS:
        page = store.list_nodes(label, limit=10_000)
        assert page.total == len(page.items)
        out.update({n["id"]: n for n in page.items})
    return out


def test_upsert_then_get_and_related(store: GraphStore) -> None:
    summary = store.upsert(b.batch_a())
    assert summary.created["Paper"] == 4 and summary.changed
    spec = b.spec_paper()
    got, missing = store.get("Paper", [spec.id, "paper:nope"])
    assert missing is None
    assert got["title"] == spec.title and got["label"] == "Paper" and got["author_count"] == 4
    assert got["proposed"] == ["TreeSpec"]
    assert got["sources"] == [{"report": b.REPORT_A, "index": 1, "line": 10}]
    techs = store.related([spec.id], "USES", "out")[spec.id]
    assert [t["id"] for t in techs] == [b.EAGLE.id, b.TREE_DRAFT.id]
    users = store.related([b.EAGLE.id], "USES", "in")[b.EAGLE.id]
    assert {p["id"] for p in users} == {spec.id, b.eagle_paper().id}
    broader = store.related([b.FP8_KV.id], "BROADER", "out")[b.FP8_KV.id]
    assert {t["id"] for t in broader} == {"tech:quantization", "tech:kv-cache"}
    assert store.related([b.QUALCOMM.id], "PART_OF", "out")[b.QUALCOMM.id][0]["id"] == "inst:qualcomm"
    assert store.get("Technique", [spec.id]) == [None]  # right id, wrong label


def test_reupsert_is_idempotent(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    before = store.counts()
    again = store.upsert(b.batch_a())
    assert not again.changed
    assert _total(again.created) == _total(again.merged) == _total(again.removed) == 0
    assert again.unchanged["Paper"] == 4 and again.unchanged["Evidence"] == 6
    assert store.counts() == before


def test_reimport_replaces_report_content(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    quant = b.quant_paper()
    summary = store.upsert(b.batch_a_without_quant())
    assert summary.removed["Paper"] == 1 and summary.removed["Evidence"] == 2
    assert store.get("Paper", [quant.id]) == [None]
    # Only the dropped paper used GPTQ in report A, but the shared paper still does: it stays.
    assert store.get("Technique", [b.GPTQ.id])[0] is not None
    # Qualcomm (and its parent) and the FP8 technique were only the dropped paper's: orphaned, gone.
    assert store.get("Institution", [b.QUALCOMM.id, "inst:qualcomm"]) == [None, None]
    assert store.get("Technique", [b.FP8_KV.id, "tech:kv-cache"]) == [None, None]
    assert store.get("Model", [b.LLAMA.id])[0] is not None  # still evaluated by the spec papers
    assert store.counts()["nodes"]["Paper"] == 4


def test_two_reports_share_a_paper(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    shared = b.shared_paper(b.REPORT_A, 4)
    node = store.get("Paper", [shared.id])[0]
    assert node["sources"] == [{"report": b.REPORT_A, "index": 4, "line": 40},
                               {"report": b.REPORT_B, "index": 2, "line": 20}]
    reports = store.related([shared.id], "FROM_REPORT", "out")[shared.id]
    assert {r["id"] for r in reports} == {b.REPORT_A, b.REPORT_B}
    assert store.counts()["nodes"]["Paper"] == 5


def test_remove_report_keeps_what_others_list(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    summary = store.remove_report(b.REPORT_A)
    assert summary.removed["Report"] == 1 and summary.removed["Paper"] == 3
    shared = b.shared_paper(b.REPORT_B, 2)
    assert store.get("Paper", [shared.id])[0]["sources"] == [{"report": b.REPORT_B, "index": 2, "line": 20}]
    assert store.get("Report", [b.REPORT_A]) == [None]
    sjtu, tsinghua = store.get("Institution", [b.SJTU.id, b.TSINGHUA.id])
    assert sjtu is None and tsinghua["name"] == "Tsinghua University"  # still authors the shared paper
    assert store.counts()["nodes"]["Paper"] == 2
    store.remove_report(b.REPORT_B)
    counts = store.counts()
    assert all(n == 0 for n in counts["nodes"].values())
    assert all(n == 0 for n in counts["relationships"].values())


def test_list_papers_by_each_filter(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    spec, eagle, quant = b.spec_paper().id, b.eagle_paper().id, b.quant_paper().id
    shared = b.shared_paper(b.REPORT_A, 4).id

    def ids(**fields: object) -> set[str]:
        paper_filter = PaperFilter(**fields)
        page = store.list_papers(paper_filter, limit=100)
        assert page.total == len(page.items)
        found = {p["id"] for p in page.items}
        assert store.paper_ids(paper_filter) == found
        return found

    assert ids(technique=(b.EAGLE.id,)) == {spec, eagle}
    assert ids(category=("speculative-decoding",)) == {spec, eagle}
    assert ids(category=("quantization",)) == {quant, shared}
    moe = b.batch_b().papers[0].id
    assert ids(category=("kv-cache", "mixture-of-experts")) == {quant, moe}
    assert ids(institution=(b.SJTU.id,)) == {spec, eagle}
    assert ids(model=(b.LLAMA.id,)) == {spec, eagle, quant}
    assert ids(hardware=(b.A100.id,)) == {spec, quant}
    assert ids(metric=("metric:speedup",)) == {spec, eagle, quant}
    assert ids(report=(b.REPORT_A,)) == {spec, eagle, quant, shared}
    assert ids(title_contains="DRAFT") == {spec, eagle}
    assert ids(technique=(b.EAGLE.id,), institution=(b.TSINGHUA.id,)) == {eagle}
    assert ids(technique=("tech:no-such-thing",)) == set()
    assert len(ids()) == 5


def test_list_papers_orders_by_title_and_paginates(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    titles = [p["title"] for p in store.list_papers(PaperFilter(), limit=100).items]
    assert titles == sorted(titles)
    page = store.list_papers(PaperFilter(), limit=2, offset=2)
    assert page.total == 5 and [p["title"] for p in page.items] == titles[2:4]
    assert store.list_papers(PaperFilter(), limit=2, offset=10).items == []


def test_list_nodes_by_name(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    page = store.list_nodes("Institution", limit=10, name_contains="UNIVERSITY")
    assert [n["name"] for n in page.items] == ["Shanghai Jiao Tong University", "Tsinghua University"]
    assert page.total == 2
    metrics = store.list_nodes("Metric", limit=1)
    assert metrics.total == 4 and metrics.items[0]["id"] == "metric:compute"


def test_best_speedups_on_speculative_decoding(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    wanted = EvidenceFilter(metric=("metric:speedup",),
                            papers=PaperFilter(category=("speculative-decoding",)))
    page = store.list_evidence(wanted, "value_desc", limit=10)
    assert [(e["value"], e["paper"]) for e in page.items] == [(3.2, b.spec_paper().id),
                                                               (2.1, b.eagle_paper().id)]
    assert page.total == 2 and page.items[0]["quote"].startswith("achieves a 3.2x")
    ascending = store.list_evidence(EvidenceFilter(metric=("speedup",)), "value_asc", limit=2, offset=1)
    assert [e["value"] for e in ascending.items] == [3.2, 5.5] and ascending.total == 3
    assert [e["value"] for e in store.list_evidence(EvidenceFilter(min_value=40, unit="%"), "value_desc",
                                                    limit=10).items] == [45.0, 40.0]
    on_a100 = store.list_evidence(EvidenceFilter(paper=(b.quant_paper().id,)), "paper", limit=10)
    assert [e["metric"] for e in on_a100.items] == ["speedup", "memory"]


def test_neighbourhood(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    spec = b.spec_paper()
    one = store.neighbourhood(spec.id, depth=1)
    ids = {n["id"] for n in one.nodes}
    assert {spec.id, b.SJTU.id, b.EAGLE.id, b.LLAMA.id, b.A100.id, b.REPORT_A} <= ids
    assert "tech:speculative-decoding" not in ids  # two hops away
    assert {"type": "USES", "start": spec.id, "end": b.EAGLE.id} in one.relationships
    assert all(r["start"] in ids and r["end"] in ids for r in one.relationships)
    two = store.neighbourhood(spec.id, depth=2)
    assert "tech:speculative-decoding" in {n["id"] for n in two.nodes}
    assert len(store.neighbourhood(spec.id, depth=3, limit=5).nodes) == 5
    assert store.neighbourhood("paper:missing").nodes == []


def test_counts_cover_every_label_and_type(store: GraphStore) -> None:
    empty = store.counts()
    assert set(empty["nodes"]) == set(NODE_LABELS) and set(empty["relationships"]) == set(RELATIONSHIP_TYPES)
    assert sum(empty["nodes"].values()) == 0
    store.upsert(b.batch_a())
    counts = store.counts()
    assert (counts["nodes"]["Paper"], counts["nodes"]["Evidence"], counts["nodes"]["Report"]) == (4, 6, 1)
    assert counts["relationships"]["FROM_REPORT"] == 4 and counts["relationships"]["REPORTS"] == 6
    assert counts["relationships"]["ON_MODEL"] == 0


def test_technique_cooccurrence(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    pairs = store.technique_cooccurrence(limit=10)
    as_tuples = {(p.a, p.b): p.count for p in pairs}
    assert as_tuples[(b.EAGLE.id, b.TREE_DRAFT.id)] == 1
    assert all(p.a < p.b for p in pairs)
    assert [p.count for p in pairs] == sorted((p.count for p in pairs), reverse=True)
    quant_only = store.technique_cooccurrence(limit=10, category="quantization")
    assert [(p.a, p.b, p.count) for p in quant_only] == [(b.FP8_KV.id, b.GPTQ.id, 1)]


def test_institution_overlap(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    # SJTU and Tsinghua share the EAGLE drafter; Qualcomm and Tsinghua share GPTQ; nobody else overlaps.
    pairs = store.institution_overlap(limit=10)
    assert [(p.a, p.b, p.count) for p in pairs] == [(b.QUALCOMM.id, b.TSINGHUA.id, 1),
                                                    (b.SJTU.id, b.TSINGHUA.id, 1)]
    assert store.institution_overlap(limit=1) == pairs[:1]


def test_export_round_trip(store: GraphStore, tmp_path) -> None:
    from graph.open_store import open_store

    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    exported = store.export()
    assert [x.report.id for x in exported] == sorted([b.REPORT_A, b.REPORT_B])
    fresh = open_store("memory", tmp_path / "fresh")
    try:
        for batch in exported:
            fresh.upsert(batch)
        assert fresh.counts() == store.counts()
        assert _all_nodes(fresh) == _all_nodes(store)
        assert to_plain(fresh.export()) == to_plain(exported)
    finally:
        fresh.close()


def test_text_is_stored_verbatim(store: GraphStore) -> None:
    batch = b.tricky_batch()
    store.upsert(batch)
    got = store.get("Paper", [p.id for p in batch.papers])
    assert [n["title"] for n in got] == list(b.TRICKY_TITLES)
    assert store.get("Report", [batch.report.id])[0]["title"] == 'Report "quoted" \\ MERGE'
    assert store.counts()["nodes"]["Paper"] == 3
    found = store.list_papers(PaperFilter(title_contains="detach delete"), limit=5)
    assert [p["title"] for p in found.items] == [b.TRICKY_TITLES[0]]


def test_missing_ids_and_unknown_report(store: GraphStore) -> None:
    assert store.get("Paper", ["paper:none", "x"]) == [None, None]
    assert store.related(["paper:none"], "USES", "out") == {"paper:none": []}
    assert not store.remove_report("report:never-imported").changed


def test_references_never_overwrite_full_records(store: GraphStore) -> None:
    """Report A names Qualcomm only as a parent (a stub); report C describes it. Order must not matter."""
    from dataclasses import replace

    from graph.model import ImportBatch, ReportInfo

    full = replace(b.institution("Qualcomm", aliases=("高通",)), country="US")
    report_c = "report:weekly-c"
    batch_c = ImportBatch(ReportInfo(report_c, "C", "weekly-c.md"),
                          (b.paper("Edge Diffusion on Phones", report_c, 1, institutions=(full,)),))
    store.upsert(batch_c)
    store.upsert(b.batch_a())
    node = store.get("Institution", [full.id])[0]
    assert (node["name"], node["aliases"], node["country"]) == ("Qualcomm", ["高通"], "US")
    assert {p["id"] for p in store.related([full.id], "PART_OF", "in")[full.id]} == {b.QUALCOMM.id}
    store.remove_report(report_c)  # still Qualcomm AI Research's parent: it stays, as described
    assert store.get("Institution", [full.id])[0]["country"] == "US"
    store.remove_report(b.REPORT_A)
    assert store.get("Institution", [full.id]) == [None]
