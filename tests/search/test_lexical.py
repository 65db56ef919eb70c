"""Tokenisation and BM25 on three-line inputs."""

from __future__ import annotations

from pathlib import Path

from graph.lexical import BM25Index, tokenize


def test_tokenize_mixes_latin_words_and_cjk_unigrams_and_bigrams() -> None:
    assert tokenize("推测解码 for LLMs") == ["推", "测", "解", "码", "推测", "测解", "解码", "llm"]
    assert tokenize("The KV-Cache of models") == ["kv", "cache", "model"]


def test_bm25_ranks_by_rarer_terms_and_forgets_removed_documents() -> None:
    bm25 = BM25Index()
    bm25.add(0, "speculative decoding with a small drafter")
    bm25.add(1, "decoding speed of diffusion models")
    bm25.add(7, "推测解码加速大模型")
    assert [slot for slot, _ in bm25.top(tokenize("speculative decoding"), 5)] == [0, 1]
    assert [slot for slot, _ in bm25.top(tokenize("推测解码"), 5)] == [7]
    bm25.remove(0)
    assert [slot for slot, _ in bm25.top(tokenize("speculative decoding"), 5)] == [1]
    bm25.add(1, "replaced text about quantization")
    assert bm25.top(tokenize("decoding"), 5) == []
    assert len(bm25) == 2


def _ranking(bm25: BM25Index, query: str) -> list[int]:
    return [slot for slot, _ in bm25.top(tokenize(query), 10)]


def test_compaction_keeps_rankings_and_forgets_tombstoned_documents() -> None:
    bm25 = BM25Index()
    bm25.add(0, "speculative decoding with a small drafter")
    bm25.add(1, "decoding speed of diffusion models")
    bm25.add(2, "推测解码加速大模型")
    before = {q: _ranking(bm25, q) for q in ("decoding", "speculative decoding", "推测解码")}
    bm25.compact()
    assert bm25.overlay_size == 0
    assert {q: _ranking(bm25, q) for q in before} == before
    bm25.remove(0)  # a base document: tombstoned, then dropped by the next compaction
    bm25.add(1, "quantization of weights")
    assert _ranking(bm25, "decoding") == [] and _ranking(bm25, "quantization") == [1]
    bm25.compact()
    assert _ranking(bm25, "decoding") == [] and _ranking(bm25, "quantization") == [1]
    assert _ranking(bm25, "推测") == [2] and len(bm25) == 2


def test_saved_index_loads_with_its_revision_and_accepts_changes(tmp_path: Path) -> None:
    bm25 = BM25Index()
    bm25.add(3, "low-rank adapters for segmentation")
    bm25.add(5, "稀疏注意力 video diffusion")
    bm25.revision = 42
    bm25.save(tmp_path / "lexical.npz")
    loaded = BM25Index.load(tmp_path / "lexical.npz")
    assert loaded is not None and loaded.revision == 42 and len(loaded) == 2
    assert _ranking(loaded, "稀疏注意力") == [5] and 3 in loaded and 4 not in loaded
    assert loaded.top(tokenize("segmentation"), 5) == bm25.top(tokenize("segmentation"), 5)
    loaded.remove(3)
    loaded.add(9, "segmentation with adapters again")
    assert _ranking(loaded, "segmentation") == [9]
    assert BM25Index.load(tmp_path / "missing.npz") is None


def test_top_k_is_every_best_score_with_ties_broken_by_slot() -> None:
    """The k best of a large index, as a full sort of every positive score (then slot) gives them, with
    many exact ties (repeated texts) around the k-th place and k above and below the positives."""
    import random

    words = ["cache", "decoding", "speculative", "quantization", "pruning", "sparse", "kernel", "mamba"]
    rng = random.Random(5)
    bm25 = BM25Index()
    for slot in range(3000):
        bm25.add(slot, " ".join(rng.choice(words) for _ in range(rng.randint(1, 4))))
    bm25.compact()
    for slot in range(3000, 3400):  # an overlay too
        bm25.add(slot, " ".join(rng.choice(words) for _ in range(rng.randint(1, 4))))
    for query in ("speculative decoding", "mamba", "sparse kernel pruning cache", "absent"):
        scores = bm25.scores(tokenize(query))
        everything = sorted((-float(scores[s]), s) for s in range(len(scores)) if scores[s] > 0)
        for k in (1, 10, 100, 1000, 5000):
            assert bm25.top(tokenize(query), k) == [(s, -score) for score, s in everything[:k]], (query, k)
