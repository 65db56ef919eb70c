"""The ONNX backends against torch fp32: the same vectors (fp32) or close ones (int8), search quality kept
on the labelled queries, no torch when serving, an index that never mixes backends, and the export cache."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import graph.embedding
import graph.onnx_embedding
from benchmarks.search_quality import QUERIES, evaluate, load_batch, paper_numbers
from graph.embedding import DEFAULT_BACKEND, MiniLMEmbedder, open_embedder
from graph.onnx_embedding import ensure_onnx_model, mean_pooled
from graph.search import SearchIndex, embedded_text
from tests.search.conftest import PAPERS, make_batch, make_paper

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO.parent / "shared" / "data" / "reports" / "ai-inference-acceleration-2025-10-15.md"
# Texts of very different lengths in one batch, so padding and truncation (past 256 tokens) both count.
TEXTS = [embedded_text(make_paper(key)) for key in PAPERS] + [
    "KV cache", "speculative decoding with a small drafter", " ".join(["quantization of the weights"] * 120)]


@pytest.fixture(scope="module")
def torch_vectors(embedder: MiniLMEmbedder) -> np.ndarray:
    return embedder.encode(TEXTS)


def test_mean_pooling_ignores_padding_and_normalises() -> None:
    hidden = np.array([[[1.0, 0.0], [3.0, 0.0], [100.0, 100.0]]], dtype=np.float32)
    pooled = mean_pooled(hidden, np.array([[1, 1, 0]]))
    assert np.allclose(pooled, [[1.0, 0.0]])


def test_onnx_fp32_gives_torch_vectors(torch_vectors: np.ndarray) -> None:
    vectors = open_embedder("onnx").encode(TEXTS)
    assert open_embedder("onnx").backend == "onnx"
    cosines = (vectors * torch_vectors).sum(axis=1)
    assert cosines.min() > 0.9999, cosines
    single = open_embedder("onnx").encode([TEXTS[-2]])[0]  # a batch of one pads nothing
    assert float(single @ torch_vectors[-2]) > 0.9999


def test_onnx_int8_vectors_stay_close(torch_vectors: np.ndarray) -> None:
    vectors = open_embedder("onnx-int8").encode(TEXTS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = (vectors * torch_vectors).sum(axis=1)
    assert cosines.min() > 0.97 and cosines.mean() > 0.99, cosines


@pytest.mark.skipif(not SAMPLE.exists(), reason="the sample report lives in ../shared/data/reports")
def test_default_backend_keeps_search_quality(tmp_path: Path, embedder: MiniLMEmbedder) -> None:
    """The quality guard: on the labelled queries the default backend loses at most 0.01 of recall@10
    and of MRR against torch fp32 in vector-only search, and of recall@10 in hybrid search. Hybrid MRR
    is left to benchmarks/embedding_backends.py: fused rank scores tie, so float noise alone (torch
    with another thread count) moves it by 0.02, one query's first hit swapping ranks 1 and 2."""
    batch = load_batch(SAMPLE)
    numbers = paper_numbers(batch)
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    scores = {}
    for name, model in (("torch", embedder), (DEFAULT_BACKEND, open_embedder(DEFAULT_BACKEND))):
        index = SearchIndex(tmp_path / name, embedder=model)
        index.apply(batch)
        scores[name] = {mode: evaluate(index, queries, numbers, mode) for mode in ("vector", "hybrid")}
        index.close()
    for mode, metric in (("vector", "recall@10"), ("vector", "mrr"), ("hybrid", "recall@10")):
        assert scores[DEFAULT_BACKEND][mode][metric] >= scores["torch"][mode][metric] - 0.01, (mode, scores)


def test_changing_backend_re_embeds_once_and_never_mixes(tmp_path: Path, embedder: MiniLMEmbedder) -> None:
    batch = make_batch("weekly", [make_paper(k, index=i) for i, k in enumerate(PAPERS, start=1)])
    first = SearchIndex(tmp_path, embedder=embedder)
    first.apply(batch)
    first.close()
    onnx = SearchIndex(tmp_path, embedder=open_embedder("onnx-int8"))
    assert onnx.backend == "onnx-int8" and onnx.embedded_total == len(PAPERS)
    top = onnx.search("ternary weight quantization", k=1, mode="vector")[0]
    assert top.paper_id == make_paper("quant").id
    int8_vector = open_embedder("onnx-int8").encode(["ternary weight quantization"])[0]
    assert top.score == pytest.approx(float(int8_vector @ open_embedder("onnx-int8").encode(
        [embedded_text(make_paper("quant"))])[0]), abs=1e-5)
    onnx.close()
    back = SearchIndex(tmp_path, embedder=embedder)
    assert back.backend == "torch" and back.embedded_total == 0  # torch's vectors are still cached
    back.close()


def test_failed_export_falls_back_to_torch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                           caplog: pytest.LogCaptureFixture) -> None:
    def broken(*args: object, **kwargs: object) -> Path:
        raise RuntimeError("exporter crashed")

    monkeypatch.setattr(graph.onnx_embedding, "ensure_onnx_model", broken)
    with caplog.at_level(logging.WARNING, logger="graph.embedding"):
        fallback = graph.embedding._new_embedder("onnx-int8", tmp_path)
    assert isinstance(fallback, MiniLMEmbedder) and fallback.backend == "torch"
    assert "onnx-int8 embedding unavailable (RuntimeError: exporter crashed); using torch" in caplog.text


def test_export_is_cached_by_the_checksum_of_the_weights(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    for name in ("model.safetensors", "tokenizer.json", "config.json"):
        (model / name).write_text(name)
    exports: list[Path] = []

    def fake_export(model_dir: Path, target: Path) -> None:
        exports.append(target)
        target.write_bytes(b"onnx")

    monkeypatch.setattr(graph.onnx_embedding, "export_onnx", fake_export)
    first = ensure_onnx_model("onnx", model, tmp_path / "cache")
    assert ensure_onnx_model("onnx", model, tmp_path / "cache") == first and exports == [first]
    (model / "model.safetensors").write_text("new weights")
    second = ensure_onnx_model("onnx", model, tmp_path / "cache")
    assert second != first and exports == [first, second]
    assert second.exists() and not first.exists()


def test_serving_with_onnx_never_imports_torch(tmp_path: Path) -> None:
    """A fresh process: open the service on the ONNX backend, import a report, search over HTTP."""
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from fastapi.testclient import TestClient
        from api.app import create_app
        from api.service import PapergraphService
        from api.settings import Settings
        from tests.api.conftest import write_interchange
        from tests.contract.batches import batch_a

        service = PapergraphService(Settings(data_dir=Path({str(tmp_path / 'data')!r}),
                                             embedding_backend="onnx-int8"))
        source = write_interchange(Path({str(tmp_path / 'seed.json')!r}), [batch_a()])
        assert all(r.ok for r in service.import_paths([source], progress=False))
        with TestClient(create_app(service=service)) as client:
            hits = client.get("/api/search", params={{"q": "speculative decoding", "mode": "vector"}})
            assert hits.status_code == 200 and hits.json()["hits"], hits.text
        print("torch loaded" if "torch" in sys.modules else "no torch", service.index.backend)
    """)
    result = subprocess.run([sys.executable, "-c", script], check=False, cwd=REPO, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["no", "torch", "onnx-int8"]
