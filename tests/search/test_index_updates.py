"""Replace semantics, persistence and the embedding cache, through SearchIndex's public interface."""

from __future__ import annotations

from pathlib import Path

from graph.search import IndexUpdate, SearchIndex
from tests.search.conftest import PAPERS, make_batch, make_paper, pid


def _all(keys) -> list:
    return [make_paper(k, index=i) for i, k in enumerate(keys, start=1)]


def test_reimport_of_an_unchanged_report_embeds_nothing(tmp_path: Path, embedder) -> None:
    search_index = SearchIndex(tmp_path, embedder=embedder)
    first = search_index.apply(make_batch("weekly", _all(PAPERS)))
    assert first == IndexUpdate(added=6, updated=0, removed=0, embedded=6)
    again = search_index.apply(make_batch("weekly", _all(PAPERS)))
    assert again == IndexUpdate(added=0, updated=0, removed=0, embedded=0)
    assert search_index.embedded_total == 6


def test_changed_paper_is_re_embedded_alone(tmp_path: Path, embedder) -> None:
    search_index = SearchIndex(tmp_path, embedder=embedder)
    search_index.apply(make_batch("weekly", _all(PAPERS)))
    papers = _all(PAPERS)
    papers[1] = make_paper("quant", index=2, abstract="Weights are stored with three levels on phones.")
    update = search_index.apply(make_batch("weekly", papers))
    assert update == IndexUpdate(added=0, updated=1, removed=0, embedded=1)
    assert search_index.search("three levels on phones", k=1)[0].paper_id == pid("quant")
    brief_only = make_paper("quant", index=2, abstract="Weights are stored with three levels on phones.",
                            brief="新的简报：手机端三值权重。")
    update = search_index.apply(make_batch("weekly", [*papers[:1], brief_only, *papers[2:]]))
    assert update.updated == 1 and update.embedded == 0  # the brief is not embedded, only re-indexed
    assert search_index.search("手机端三值权重", k=1)[0].paper_id == pid("quant")


def test_replacement_removes_papers_the_report_dropped(tmp_path: Path, embedder) -> None:
    search_index = SearchIndex(tmp_path, embedder=embedder)
    search_index.apply(make_batch("weekly", _all(PAPERS)))
    update = search_index.apply(make_batch("weekly", _all(["spec", "quant", "kv", "seg"])))
    assert update == IndexUpdate(added=0, updated=0, removed=2, embedded=0)
    assert search_index.paper_count() == 4
    returned = {h.paper_id for h in search_index.search("mixture of experts routing", k=10)}
    assert pid("moe") not in returned and pid("video") not in returned
    assert pid("moe") not in {h.paper_id for h in search_index.similar(pid("kv"), k=10)}


def test_paper_listed_by_another_report_survives(tmp_path: Path, embedder) -> None:
    search_index = SearchIndex(tmp_path, embedder=embedder)
    search_index.apply(make_batch("weekly", _all(PAPERS)))
    search_index.apply(make_batch("monthly", _all(["moe"])))
    update = search_index.apply(make_batch("weekly", _all(["spec", "quant"])))
    assert update.removed == 3  # kv, seg, video; moe is still listed by the monthly report
    assert search_index.search("expert routing across devices", k=1)[0].paper_id == pid("moe")
    assert search_index.remove_report("report:monthly") == IndexUpdate(removed=1)
    assert search_index.paper_count() == 2
    assert search_index.remove_report("report:never-imported") == IndexUpdate()


def test_reopened_index_finds_the_same_without_embedding(tmp_path: Path, embedder) -> None:
    search_index = SearchIndex(tmp_path, embedder=embedder)
    search_index.apply(make_batch("weekly", _all(PAPERS)))
    before = search_index.search("低秩适配 医学图像", k=3)
    search_index.close()
    reopened = SearchIndex(tmp_path, embedder=embedder)
    assert reopened.paper_count() == 6
    assert reopened.search("低秩适配 医学图像", k=3) == before
    assert reopened.embedded_total == 0
    reopened.close()
    for lost in tmp_path.glob("vectors.*"):  # a lost vector index is rebuilt from the embedding cache
        lost.unlink()
    rebuilt = SearchIndex(tmp_path, embedder=embedder)
    assert rebuilt.embedded_total == 0
    assert rebuilt.similar(pid("spec"), k=5) and rebuilt.search("低秩适配 医学图像", k=3) == before


def test_rebuild_replaces_everything(tmp_path: Path, embedder) -> None:
    search_index = SearchIndex(tmp_path, embedder=embedder)
    search_index.apply(make_batch("weekly", _all(PAPERS)))
    update = search_index.rebuild([make_batch("a", _all(["spec", "kv"])), make_batch("b", _all(["kv", "moe"]))])
    assert update.added == 3 and update.embedded == 0
    assert search_index.paper_count() == 3
    assert pid("quant") not in {h.paper_id for h in search_index.search("ternary quantization", k=10)}


def test_reopen_replays_changes_committed_after_the_last_lexical_save(tmp_path: Path, embedder) -> None:
    writer = SearchIndex(tmp_path, embedder=embedder)
    writer.apply(make_batch("weekly", [make_paper("spec", index=1), make_paper("quant", index=2)]))
    writer.apply(make_batch("weekly", [make_paper("spec", index=1), make_paper("kv", index=2)]))
    # no close(): the BM25 base on disk predates both imports, as after a crash
    reader = SearchIndex(tmp_path, embedder=embedder)
    assert reader.paper_count() == 2
    assert [h.paper_id for h in reader.search("KV缓存淘汰", k=3, mode="lexical")] == [pid("kv")]
    assert pid("quant") not in {h.paper_id for h in reader.search("三值量化", k=6, mode="lexical")}
    reader.close()
    writer.close()
