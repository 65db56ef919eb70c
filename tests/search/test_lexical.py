"""Tokenisation and BM25 on three-line inputs."""

from __future__ import annotations

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
