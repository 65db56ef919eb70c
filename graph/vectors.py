"""Paper embeddings: a content-addressed cache and a FAISS index keyed by integer paper slots.

Index choice: `IndexIDMap2(IndexFlatIP)`. Exact inner product over normalised vectors is cosine
similarity with no recall loss; at 100k x 384 it holds ~150 MB, and a one-thread scan takes ~0.6 ms at
10k and ~13 ms at 100k on the shared two-core box (benchmarks/search_latency.py). HNSW would be faster
but is approximate, larger, and cannot delete vectors, which report replacement needs; IDMap2 also
gives `reconstruct(id)` for "similar papers" without a second copy of the vectors. Past ~100k papers
an `IndexIVFFlat` (which can delete) is the next step.

The cache maps sha1(embedded text) to the vector, so re-importing an unchanged report embeds nothing
and a report replacement embeds only the papers whose text changed. `embedded` counts texts that went
through the model in this process (the benchmark and the tests read it).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

import faiss
import numpy as np

from graph.embedding import Embedder

# One OpenMP thread per search: a single query vector gains nothing from a second core, and on a busy
# two-core machine the threads' synchronisation turned a 0.6 ms scan of 10k vectors into 20 ms.
FAISS_THREADS = 1


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """SQLite table hash -> float32 vector bytes; `embed` encodes only the texts it has not seen."""

    def __init__(self, path: Path, embedder: Embedder) -> None:
        self._embedder = embedder
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS embedding (hash TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        self._lock = threading.Lock()
        self.embedded = 0

    @property
    def dimension(self) -> int:
        return self._embedder.dimension

    def lookup(self, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT hash, vector FROM embedding WHERE hash IN ({marks})", chunk)
            for key, blob in rows:
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def embed(self, texts: list[str]) -> np.ndarray:
        """Vectors for `texts` in order, from the cache where possible; new ones are stored."""
        hashes = [text_hash(t) for t in texts]
        with self._lock:
            known = self.lookup(hashes)
            missing = {h: t for h, t in zip(hashes, texts, strict=True) if h not in known}
            if missing:
                fresh = self._embedder.encode(list(missing.values()))
                rows = [(h, v.astype(np.float32).tobytes()) for h, v in zip(missing, fresh, strict=True)]
                with self._db:
                    self._db.executemany("INSERT OR REPLACE INTO embedding VALUES (?, ?)", rows)
                self.embedded += len(missing)
                known.update(zip(missing, fresh, strict=True))
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([known[h] for h in hashes]).astype(np.float32, copy=False)

    def encode_query(self, text: str) -> np.ndarray:
        """A query vector; queries are not cached (they are not paper texts) and not counted."""
        return self._embedder.encode([text])[0]

    def close(self) -> None:
        self._db.close()


class VectorIndex:
    """Exact cosine search over normalised vectors keyed by int64 slots, saved atomically to one file."""

    def __init__(self, path: Path, dimension: int) -> None:
        self._path = path
        self.dimension = dimension
        faiss.omp_set_num_threads(FAISS_THREADS)
        self._index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))

    @classmethod
    def open(cls, path: Path, dimension: int) -> VectorIndex:
        """Load the saved index, or an empty one when there is none or it has another dimension."""
        index = cls(path, dimension)
        if path.exists():
            loaded = faiss.read_index(str(path))
            if loaded.d == dimension and isinstance(loaded, faiss.IndexIDMap2):
                index._index = loaded
        return index

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def slots(self) -> set[int]:
        return set(faiss.vector_to_array(self._index.id_map).tolist())

    def upsert(self, slots: list[int], vectors: np.ndarray) -> None:
        if not slots:
            return
        ids = np.asarray(slots, dtype=np.int64)
        self._index.remove_ids(faiss.IDSelectorBatch(ids))
        self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ids)

    def remove(self, slots: list[int]) -> None:
        if slots:
            self._index.remove_ids(faiss.IDSelectorBatch(np.asarray(slots, dtype=np.int64)))

    def clear(self) -> None:
        self._index.reset()

    def vector(self, slot: int) -> np.ndarray | None:
        try:
            return self._index.reconstruct(int(slot))
        except RuntimeError:  # faiss raises RuntimeError for an id it does not hold
            return None

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The k nearest (slot, cosine) pairs, best first; `allowed` (int64 slots) restricts the scan."""
        k = min(k, len(self))
        if k <= 0 or (allowed is not None and len(allowed) == 0):
            return []
        query = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        if allowed is None:
            scores, ids = self._index.search(query, k)
        else:
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed.astype(np.int64)))
            scores, ids = self._index.search(query, min(k, len(allowed)), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def save(self) -> None:
        """Write to a temporary file and rename, so a crash never leaves a half-written index."""
        self._path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._path.with_name(self._path.name + ".tmp")
        faiss.write_index(self._index, str(temporary))
        os.replace(temporary, self._path)
