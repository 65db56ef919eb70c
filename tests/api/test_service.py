"""PapergraphService: importing files, failures, index consistency, export round trip, settings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from api.service import InvalidRequest, PapergraphService
from api.settings import Settings, env_names
from graph.store import PaperFilter
from tests.api.conftest import make_service, write_interchange
from tests.contract.batches import batch_a, batch_b, spec_paper


def test_import_reports_bad_files_with_location_and_imports_the_rest(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    write_interchange(reports / "a.json", [batch_a()])
    (reports / "broken.json").write_text('{"format": "papergraph/1",\n "reports": [', encoding="utf-8")
    service = make_service(tmp_path / "data")
    results = service.import_paths([reports, tmp_path / "missing.md"], progress=False)
    by_name = {Path(r.path).name: r for r in results}
    assert by_name["a.json"].ok and by_name["a.json"].papers == 4
    assert by_name["broken.json"].error.startswith(f"{reports / 'broken.json'}:2:")
    assert "no such file" in by_name["missing.md"].error
    assert service.stats()["nodes"]["Paper"] == 4
    service.close()


def test_reimport_changes_nothing_and_globs_expand(tmp_path: Path) -> None:
    write_interchange(tmp_path / "a.json", [batch_a()])
    service = make_service(tmp_path / "data")
    first = service.import_paths([str(tmp_path / "*.json")], progress=False)
    again = service.import_paths([str(tmp_path / "*.json")], progress=False)
    assert first[0].summaries[0].created["Paper"] == 4
    assert not again[0].summaries[0].changed and again[0].summaries[0].unchanged["Paper"] == 4
    service.close()


def test_index_is_rebuilt_from_the_store_when_missing(tmp_path: Path) -> None:
    service = make_service(tmp_path / "data", [batch_a(), batch_b()])
    service.close()
    shutil.rmtree(tmp_path / "data" / "search")
    reopened = PapergraphService(Settings(data_dir=tmp_path / "data"))
    assert reopened.search("speculative decoding with tree drafts", 1)[0].paper["id"] == spec_paper().id
    assert reopened.index.paper_count() == 5
    reopened.close()


def test_export_reimports_to_the_same_graph(tmp_path: Path) -> None:
    service = make_service(tmp_path / "one", [batch_a(), batch_b()])
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(service.export()), encoding="utf-8")
    copy = make_service(tmp_path / "two")
    assert all(r.ok for r in copy.import_paths([exported], progress=False))
    assert copy.stats() == service.stats()
    assert copy.export() == service.export()
    service.close()
    copy.close()


def test_search_checks_its_arguments(service: PapergraphService) -> None:
    with pytest.raises(InvalidRequest):
        service.search("  ", 5)
    with pytest.raises(InvalidRequest):
        service.search("x", service.settings.search_max_k + 1)
    assert service.search("decoding", 5, PaperFilter(report=("report:none",))) == []


def test_settings_env_and_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PAPERGRAPH_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", "bolt://db:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "pw")
    settings = Settings(data_dir=tmp_path)
    assert settings.store == "neo4j" and settings.data_dir == tmp_path and settings.host == "127.0.0.1"
    assert settings.neo4j_settings()["uri"] == "bolt://db:7687" and settings.neo4j_settings()["password"] == "pw"
    assert not settings.writes_enabled()
    assert {"PAPERGRAPH_API_KEY", "PAPERGRAPH_DATA_DIR", "NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD",
            "NEO4J_DATABASE", "PAPERGRAPH_STORE"} <= env_names()


def test_first_import_into_a_fresh_service_indexes_the_batch_without_a_rebuild(tmp_path: Path) -> None:
    from graph.open_store import open_store
    from tests.api.test_loaders import CountingStore

    store = CountingStore(open_store("memory", tmp_path / "data"))
    service = PapergraphService(Settings(data_dir=tmp_path / "data"), store=store)  # type: ignore[arg-type]
    source = write_interchange(tmp_path / "a.json", [batch_a()])
    assert all(r.ok for r in service.import_paths([source], progress=False))
    assert store.calls["export"] == 0
    assert service.search("speculative decoding with tree drafts", 1)[0].paper["id"] == spec_paper().id
    service.close()


def test_close_saves_the_search_index_and_reopens_on_next_use(tmp_path: Path) -> None:
    from graph.lexical import BM25Index

    service = make_service(tmp_path / "data", [batch_a()])
    service.close()
    saved = BM25Index.load(tmp_path / "data" / "search" / "lexical.npz")
    assert saved is not None and len(saved) == 4 and saved.overlay_size == 0
    assert service.search("speculative decoding with tree drafts", 1)[0].paper["id"] == spec_paper().id
    service.close()


def test_index_is_rebuilt_when_the_store_holds_other_papers_of_the_same_count(tmp_path: Path) -> None:
    """As after a process killed between the store's commit of a corrected report and the index's."""
    from graph.model import ImportBatch
    from graph.open_store import open_store
    from tests.contract.batches import paper

    service = make_service(tmp_path / "data", [batch_a()])
    service.close()
    a = batch_a()
    sparse = paper("Block-sparse attention kernels for long context", a.report.id, 3)
    corrected = ImportBatch(a.report, (a.papers[0], a.papers[1], sparse, a.papers[3]))
    store = open_store("memory", tmp_path / "data")
    store.upsert(corrected)
    store.close()
    reopened = PapergraphService(Settings(data_dir=tmp_path / "data"))
    hits = reopened.search("block-sparse attention kernels", 1, mode="lexical")
    assert [h.paper["id"] for h in hits] == [sparse.id]
    reopened.close()


def test_multi_report_file_whose_second_report_fails_changes_nothing(tmp_path: Path) -> None:
    """Report C (a new model) imports fine on its own; report A then reuses the model's id for an
    institution, which the store refuses. Neither report may stay: not in the store, not in the index."""
    from dataclasses import replace

    from graph.model import ImportBatch, ReportInfo
    from tests.contract.batches import TSINGHUA, model, paper

    service = make_service(tmp_path / "data", [batch_b()])
    try:
        before = (service.stats(), service.export(), service.index.paper_ids())
        rogue = model("Rogue-7B")
        report_c = ImportBatch(ReportInfo("report:weekly-c", "C", "weekly-c.md"),
                               (paper("Rogue Model Paper", "report:weekly-c", 1, models=(rogue,)),))
        clash = paper("Clash", batch_a().report.id, 1, institutions=(replace(TSINGHUA, id=rogue.id),))
        source = write_interchange(tmp_path / "two.json", [report_c, replace(batch_a(), papers=(clash,))])
        [result] = service.import_paths([source], progress=False)
        assert not result.ok and result.error.startswith(f"{source}: ") and rogue.id in result.error
        assert result.summaries == () and result.reports == ()
        assert (service.stats(), service.export(), service.index.paper_ids()) == before
        assert service.store.get("Report", ["report:weekly-c"]) == [None]
        # The same file without the bad report imports both of its reports' papers in one go.
        good = write_interchange(tmp_path / "good.json", [report_c, batch_a()])
        [ok] = service.import_paths([good], progress=False)
        assert ok.ok and ok.reports == ("report:weekly-c", batch_a().report.id) and len(ok.summaries) == 2
        assert service.index.paper_ids() == service.store.paper_ids(PaperFilter())
    finally:
        service.close()
