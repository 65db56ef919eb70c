"""Search behaviour through SearchIndex's public interface, with the real model and FAISS."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.lexical import sentences
from graph.search import SearchIndex
from tests.search.conftest import PAPERS, make_batch, make_paper, pid


def _text_of(key: str) -> str:
    return " ".join(PAPERS[key])


@pytest.mark.parametrize("mode", ["hybrid", "vector", "lexical"])
def test_english_query_finds_the_paper_in_every_mode(index: SearchIndex, mode: str) -> None:
    hits = index.search("draft model proposes tokens that the target model verifies", k=3, mode=mode)
    assert hits[0].paper_id == pid("spec")


@pytest.mark.parametrize(("query", "key"), [
    ("推测解码", "spec"),
    ("三值量化 显存", "quant"),
    ("浙江大学 医学图像分割", "seg"),
    ("视频扩散模型 稀疏注意力", "video"),
])
def test_chinese_query_finds_the_paper(index: SearchIndex, query: str, key: str) -> None:
    assert index.search(query, k=3)[0].paper_id == pid(key)


def test_chinese_technique_query_reaches_english_only_papers_through_the_ontology(
        tmp_path: Path, embedder) -> None:
    english_only = make_batch("english", [make_paper(k, brief="") for k in PAPERS])
    search_index = SearchIndex(tmp_path / "search", embedder=embedder)
    search_index.apply(english_only)
    for query, key in (("推测解码", "spec"), ("量化", "quant"), ("混合专家", "moe")):
        hits = search_index.search(query, k=3)
        assert hits and hits[0].paper_id == pid(key), query
    vector_hits = search_index.search("推测解码", k=1, mode="vector")
    assert vector_hits[0].paper_id == pid("spec") and vector_hits[0].lexical_rank is None


def test_hybrid_hit_carries_both_ranks_and_scores_descend(index: SearchIndex) -> None:
    hits = index.search("KV cache eviction for long context", k=6)
    assert hits[0].paper_id == pid("kv")
    assert hits[0].vector_rank == 1 and hits[0].lexical_rank == 1
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.paper_id for h in hits}) == len(hits)


def test_filter_is_applied_before_the_ranking_is_cut(index: SearchIndex) -> None:
    allowed = {pid("seg"), pid("moe"), pid("quant")}
    for mode in ("hybrid", "vector"):
        hits = index.search("speculative decoding with a drafter", k=3, allowed=allowed, mode=mode)
        assert {h.paper_id for h in hits} == allowed, mode
    lexical = index.search("model", k=5, allowed={pid("spec"), pid("quant")}, mode="lexical")
    assert {h.paper_id for h in lexical} == {pid("spec"), pid("quant")}
    assert index.search("speculative decoding", k=3, allowed=set()) == []
    assert index.search("speculative decoding", k=3, allowed={"paper:not-indexed"}) == []


def test_match_is_a_sentence_of_the_paper_in_the_query_language(index: SearchIndex) -> None:
    english = index.search("evict cache entries with small attention", k=1)[0]
    assert english.paper_id == pid("kv")
    assert english.match in sentences(" ".join(PAPERS["kv"][:2]))
    assert "evict" in english.match
    chinese = index.search("KV缓存淘汰", k=1)[0]
    assert chinese.paper_id == pid("kv")
    assert chinese.match in sentences(PAPERS["kv"][2]) and "淘汰" in chinese.match


def test_match_falls_back_to_the_title(index: SearchIndex) -> None:
    hit = index.search("systems that answer questions quickly", k=6, mode="vector")
    for h in hit:
        key = next(k for k in PAPERS if pid(k) == h.paper_id)
        assert h.match == PAPERS[key][0] or h.match in sentences(_text_of(key))


def test_similar_excludes_the_paper_itself(index: SearchIndex) -> None:
    hits = index.similar(pid("video"), k=3)
    assert len(hits) == 3 and pid("video") not in {h.paper_id for h in hits}
    assert [h.vector_rank for h in hits] == [1, 2, 3]
    assert all(h.score <= 1.0 for h in hits)
    only = index.similar(pid("video"), k=5, allowed={pid("video"), pid("seg")})
    assert [h.paper_id for h in only] == [pid("seg")]
    with pytest.raises(KeyError):
        index.similar("paper:unknown")


def test_bad_mode_and_empty_query(index: SearchIndex) -> None:
    with pytest.raises(ValueError, match="mode"):
        index.search("quantization", mode="fuzzy")
    assert index.search("   ") == []
    assert index.search("quantization", k=0) == []


def test_resolved_entity_names_are_searchable_in_both_languages(tmp_path: Path, embedder) -> None:
    from dataclasses import replace

    from graph.model import Institution

    lab = Institution(id="inst:example-lab", name="Example Systems Lab", aliases=("示例系统实验室",))
    papers = [make_paper(k, brief="") for k in PAPERS]
    papers[0] = replace(papers[0], institutions=(lab,))
    search_index = SearchIndex(tmp_path / "search", embedder=embedder)
    search_index.apply(make_batch("weekly", papers))
    for query in ("Example Systems Lab", "示例系统实验室"):
        assert search_index.search(query, k=1, mode="lexical")[0].paper_id == pid("spec"), query
    hit = search_index.search("示例系统实验室", k=1)[0]
    assert hit.match == PAPERS["spec"][0]  # names are indexed, but the match still quotes the paper
    moved = replace(papers[0], institutions=())
    update = search_index.apply(make_batch("weekly", [moved, *papers[1:]]))
    assert update.updated == 1 and update.embedded == 0
    assert search_index.search("示例系统实验室", k=1, mode="lexical") == []


def test_chinese_brief_splits_into_clauses_and_the_matching_clause_is_shown(index: SearchIndex) -> None:
    assert sentences("甲大学、乙大学发布了论文，使用剪枝技术；达成了2倍加速。Speed is 3.5x. Done") == [
        "甲大学", "乙大学发布了论文", "使用剪枝技术；", "达成了2倍加速。", "Speed is 3.5x.", "Done"]
    hit = index.search("显存占用", k=1, mode="lexical")[0]
    assert hit.paper_id == pid("quant")
    assert hit.match == "解决了大语言模型显存占用高的问题"
