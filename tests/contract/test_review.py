"""Unresolved entities (`GraphStore.unresolved`) and hardware families, on every store."""

from __future__ import annotations

from dataclasses import replace

from graph.ids import entity_id, report_id
from graph.model import Hardware, ImportBatch, Institution, Model, ReportInfo, SourceRef, to_plain
from graph.store import GraphStore
from tests.contract import batches as b

REPORT_Q = report_id("quokka-weekly.md")
QUOKKA = Institution(entity_id("inst", "Quokka Robotics Institute"), "Quokka Robotics Institute", resolved=False)
QRI = Institution(entity_id("inst", "QRI"), "QRI", resolved=False)
WOMBAT = Model(entity_id("model", "Wombat-7B"), "Wombat-7B", "Wombat", resolved=False)
SNAPDRAGON = entity_id("hw", "Qualcomm Snapdragon")
GEN2 = Hardware(entity_id("hw", "Qualcomm Snapdragon 8 Gen 2"), "Qualcomm Snapdragon 8 Gen 2", "mobile",
                family=SNAPDRAGON, resolved=False)


def batch_q() -> ImportBatch:
    """Quokka named by papers 1 and 3 (paper 3 also listed by report A), QRI by paper 2, the unknown
    model and device by paper 2; SJTU, Llama and the A100 are known."""
    papers = (
        b.paper("Kangaroo Drafting", REPORT_Q, 1, institutions=(QUOKKA, b.SJTU), models=(b.LLAMA,)),
        b.paper("Marsupial Caches on Phones", REPORT_Q, 2, institutions=(QRI,), models=(WOMBAT,),
                hardware_=(GEN2, b.A100)),
        b.paper("Pouch Quantisation", REPORT_Q, 3, institutions=(QUOKKA,)),
    )
    return ImportBatch(ReportInfo(REPORT_Q, "Quokka weekly", "quokka-weekly.md"), papers)


def also_in_report_a() -> ImportBatch:
    """Report A with paper 3 of the Quokka report as its fifth paper."""
    a = b.batch_a()
    pouch = replace(batch_q().papers[2], sources=(SourceRef(b.REPORT_A, 5, 50),))
    return replace(a, papers=(*a.papers, pouch))


def test_unresolved_lists_most_papers_first_with_sources(store: GraphStore) -> None:
    store.upsert(batch_q())
    store.upsert(also_in_report_a())
    insts = store.unresolved("Institution")
    assert [(m.node["id"], m.papers) for m in insts] == [(QUOKKA.id, 2), (QRI.id, 1)]
    kangaroo, pouch = batch_q().papers[0].id, batch_q().papers[2].id
    assert list(insts[0].sources) == sorted([
        {"paper": kangaroo, "report": REPORT_Q, "index": 1, "line": 10},
        {"paper": pouch, "report": REPORT_Q, "index": 3, "line": 30},
        {"paper": pouch, "report": b.REPORT_A, "index": 5, "line": 50},
    ], key=lambda s: (s["report"], s["line"]))
    assert insts[0].node["name"] == "Quokka Robotics Institute" and insts[0].node["label"] == "Institution"
    models = store.unresolved("Model")
    assert [(m.node["id"], m.papers, m.node["family"]) for m in models] == [(WOMBAT.id, 1, "Wombat")]
    assert [s["line"] for s in models[0].sources] == [20]
    devices = store.unresolved("Hardware")
    assert [(m.node["id"], m.papers) for m in devices] == [(GEN2.id, 1)]  # not the A100, not the family


def test_an_entity_no_paper_names_is_gone_from_the_review(store: GraphStore) -> None:
    """Re-importing with the names resolved (one registry entry for Quokka and QRI) merges them."""
    store.upsert(batch_q())
    known = Institution(QUOKKA.id, "Quokka Robotics Institute", ("QRI", "袋鼠研究所"))
    q = batch_q()
    fixed = replace(q, papers=tuple(replace(p, institutions=tuple(known if i in (QUOKKA, QRI) else i
                                                                   for i in p.institutions))
                                    for p in q.papers))
    store.upsert(fixed)
    assert store.unresolved("Institution") == []
    assert store.get("Institution", [QRI.id]) == [None]  # its only paper names Quokka now
    node = store.get("Institution", [QUOKKA.id])[0]
    assert node["resolved"] is True and node["aliases"] == ["QRI", "袋鼠研究所"]
    assert {p["id"] for p in store.related([QUOKKA.id], "AUTHORED", "out")[QUOKKA.id]} == \
        {p.id for p in q.papers}
    assert [m.node["id"] for m in store.unresolved("Model")] == [WOMBAT.id]


def test_hardware_family_is_a_link_and_survives_export(store: GraphStore) -> None:
    store.upsert(batch_q())
    family = store.related([GEN2.id], "IN_FAMILY", "out")[GEN2.id]
    assert [(f["id"], f["name"], f["class"]) for f in family] == [(SNAPDRAGON, "Qualcomm Snapdragon", "mobile")]
    node = store.get("Hardware", [GEN2.id])[0]
    assert (node["family"], node["resolved"]) == (SNAPDRAGON, False)
    assert "resolved" not in store.get("Hardware", [b.A100.id])[0]  # absent means resolved
    exported = store.export()
    assert to_plain(exported[0].papers[1].hardware) == to_plain((GEN2, b.A100))
    assert exported[0].papers[1].models == (WOMBAT,)
    store.remove_report(REPORT_Q)
    assert store.get("Hardware", [GEN2.id, SNAPDRAGON]) == [None, None]  # the family went with its member


def test_a_device_moved_to_another_family_loses_the_old_link(store: GraphStore) -> None:
    store.upsert(batch_q())
    moved = replace(GEN2, family=entity_id("hw", "Phone SoC"))
    q = batch_q()
    second = replace(q.papers[1], hardware=(moved, b.A100))
    store.upsert(replace(q, papers=(q.papers[0], second, q.papers[2])))
    assert [f["id"] for f in store.related([GEN2.id], "IN_FAMILY", "out")[GEN2.id]] == [moved.family]
    assert store.get("Hardware", [SNAPDRAGON]) == [None]
    assert store.get("Hardware", [moved.family])[0]["name"] == "phone-soc"
