"""Paper embeddings: a content-addressed cache and a FAISS index keyed by integer paper slots.

Index choice, by size (figures from benchmarks/search_latency.py on the shared two-core box):
- below `IVF_THRESHOLD` vectors, `IndexIDMap2(IndexFlatIP)`: exact cosine (inner product of normalised
  vectors), ~0.6 ms per query at 10k, nothing to train, `reconstruct(id)` for "similar papers".
- from `IVF_THRESHOLD` on, `IndexIVFFlat` (inner product) with a hash-table direct map: a flat scan
  costs 10-25 ms at 100k; the IVF probes `NPROBE` of ~2*sqrt(n) lists (64 of 565 when trained at
  80k) in ~1 ms, with recall@10 against the exact index of 0.96 for real query vectors over the
  benchmark's 100k vectors (nprobe 16: 0.86, 32: 0.92, 128: 0.99 at 1.9 ms). Hybrid search fuses
  the top 100 of each ranking, so an approximate neighbour moves the fused top 10 even less.
  It stores the same raw vectors (no compression loss), deletes ids (report replacement needs that; HNSW cannot, and would need
  tombstones and rebuilds), reconstructs by id, and a restricted search (`allowed`) that is small
  probes every list with an id selector, which is exact over the allowed papers and cheap because
  distances are computed only for them. It is trained on a sample when the threshold is crossed and
  retrained when the collection has grown `RETRAIN_GROWTH`-fold since (a few seconds, once per step).

The cache maps (backend, sha1(embedded text)) to the vector, so re-importing an unchanged report embeds nothing
and a report replacement embeds only the papers whose text changed. `embedded` counts texts that went
through the model in this process (the benchmark and the tests read it).
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

import faiss
import numpy as np

from graph.embedding import Embedder, limit_query_threads
from graph.vector_files import LEGACY_FILE, Compaction, VectorFiles, log_records, remove_ids
from graph.write_lock import WriterBusy

# One OpenMP thread per search: a single query vector gains nothing from a second core, and on a busy
# two-core machine the threads' synchronisation turned a 0.6 ms scan of 10k vectors into 20 ms.
FAISS_THREADS = 1
# Query vectors kept (1.5 kB each): repeated queries skip the model. 0 turns the cache off (the latency
# benchmark's headline figures are for distinct queries). Set by `Settings.query_cache_size`.
QUERY_CACHE_SIZE = 512


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """SQLite table (backend, text hash) -> float32 vector bytes; `embed` encodes only the texts it has
    not seen with this embedder's backend, so switching backends back and forth re-embeds nothing twice."""

    def __init__(self, path: Path, embedder: Embedder, query_cache_size: int = QUERY_CACHE_SIZE) -> None:
        self._embedder = embedder
        self._backend = embedder.backend
        self._query_cache_size = query_cache_size
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # A rowid table: new rows go at the end, and only the small (backend, hash) index is updated in
        # place, where a WITHOUT ROWID table of 1.5 kB rows rewrote ~3 pages per inserted vector.
        self._db.execute("CREATE TABLE IF NOT EXISTS vector_cache (backend TEXT NOT NULL, hash TEXT NOT NULL, "
                         "vector BLOB NOT NULL, PRIMARY KEY (backend, hash))")
        self._adopt_torch_table()
        self._lock = threading.Lock()
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._queries_lock = threading.Lock()
        self.embedded = 0

    def _adopt_torch_table(self) -> None:
        """Move a cache written before backends existed (table `embedding`, all torch) into `vector_cache`."""
        if self._db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='embedding'").fetchone():
            self._db.execute("BEGIN")
            self._db.execute("INSERT OR IGNORE INTO vector_cache SELECT 'torch', hash, vector FROM embedding")
            self._db.execute("DROP TABLE embedding")
            self._db.execute("COMMIT")

    @property
    def backend(self) -> str:
        return self._backend

    @property
    def dimension(self) -> int:
        return self._embedder.dimension

    def warm_up(self) -> None:
        self._embedder.warm_up()

    def lookup(self, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT hash, vector FROM vector_cache WHERE backend = ? AND hash IN ({marks})",
                [self._backend, *chunk])
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
                rows = [(self._backend, h, v.astype(np.float32).tobytes())
                        for h, v in zip(missing, fresh, strict=True)]
                # One transaction: the connection autocommits, which would commit (and sync) per row.
                self._db.execute("BEGIN")
                try:
                    self._db.executemany("INSERT OR REPLACE INTO vector_cache VALUES (?, ?, ?)", rows)
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
                self.embedded += len(missing)
                known.update(zip(missing, fresh, strict=True))
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([known[h] for h in hashes]).astype(np.float32, copy=False)

    def encode_query(self, text: str) -> np.ndarray:
        """A query vector, from a small in-memory LRU when the query was seen lately. Queries are not
        written to the embedding table (they are not paper texts) and not counted in `embedded`."""
        with self._queries_lock:
            vector = self._queries.get(text)
            if vector is not None:
                self._queries.move_to_end(text)
                return vector
        limit_query_threads()
        vector = self._embedder.encode([text])[0]
        vector.setflags(write=False)
        with self._queries_lock:
            self._queries[text] = vector
            if len(self._queries) > self._query_cache_size:
                self._queries.popitem(last=False)
        return vector

    def close(self) -> None:
        self._db.close()


def _ivf_contents(index: faiss.IndexIVF, with_vectors: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """Every (id, raw vector) an IVF-Flat index holds, read list by list."""
    lists = index.invlists
    ids, vectors = [], []
    for number in range(index.nlist):
        size = lists.list_size(number)
        if not size:
            continue
        ids.append(faiss.rev_swig_ptr(lists.get_ids(number), size).copy())
        if with_vectors:
            codes = faiss.rev_swig_ptr(lists.get_codes(number), size * index.code_size).copy()
            vectors.append(codes.view(np.float32).reshape(size, index.d))
    all_ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
    if not with_vectors:
        return all_ids, None
    return all_ids, np.concatenate(vectors) if vectors else np.zeros((0, index.d), dtype=np.float32)


IVF_THRESHOLD = 20_000  # below this a flat scan is ~3 ms and exact; above it the IVF pays off
RETRAIN_GROWTH = 4  # retrain once the collection is this many times the size the IVF was trained at
NPROBE = 64  # lists probed per query: recall@10 0.96 vs exact at 100k (benchmarks/search_latency.py)
EXACT_FRACTION = 0.2  # an `allowed` set up to this share of the collection is searched exactly
_TRAIN_POINTS_PER_LIST = 40
_TRAIN_ITERATIONS = 10


def ivf_lists(count: int) -> int:
    """Inverted lists for `count` vectors: ~2*sqrt(n), so a probe of NPROBE lists reads ~1-3% of them."""
    return max(16, int(2 * np.sqrt(count)))


class VectorIndex:
    """Cosine search over normalised vectors keyed by int64 slots, computed by one embedding backend.

    Changes are kept in memory until `save`, which appends them to a log on disk; when the log has
    grown large, it is folded into a new snapshot on a background thread (graph/vector_files.py), from
    the files, so searches of this index never wait for it. Rebuilding or retraining the whole index
    writes a new snapshot at once."""

    def __init__(self, directory: Path, dimension: int, backend: str) -> None:
        self._files = VectorFiles(directory)
        self.dimension = dimension
        self.backend = backend
        faiss.omp_set_num_threads(FAISS_THREADS)
        self._index: faiss.Index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        self._id_bound: int | None = None  # > every id held (an upper bound), for selector bitmaps
        self._pending: list[bytes] = []  # log records of changes not yet saved
        self._rewritten = False  # changed wholly (cleared, retrained): the next save writes a snapshot
        self._compaction: threading.Thread | None = None

    @classmethod
    def open(cls, directory: Path, dimension: int, backend: str) -> VectorIndex:
        """The saved index, or an empty one when there is none or it holds vectors of another backend or
        dimension (the caller then re-embeds). An index saved whole before the log existed counts as
        torch's, the only backend there was."""
        index = cls(directory, dimension, backend)
        files = index._files
        legacy = directory / LEGACY_FILE
        if files.dimension is None and legacy.exists() and backend == "torch":
            loaded = faiss.read_index(str(legacy))
            if loaded.d == dimension and isinstance(loaded, faiss.IndexIDMap2 | faiss.IndexIVFFlat):
                index._index = loaded
                index._rewritten = True
        elif files.holds(backend, dimension):
            saved = files.load(backend, dimension)
            if saved is not None:
                index._index = saved
        return index

    def save(self) -> None:
        """Append the unsaved changes to the log, or write a snapshot when the index changed wholly; start
        a compaction on a thread when the log has outgrown its share of the snapshot."""
        if (self._rewritten or not self._files.holds(self.backend, self.dimension)
                or not self._files.append(b"".join(self._pending), self.backend, self.dimension)):
            self.write_whole()
            return
        self._pending.clear()
        if self._files.wants_compaction() and not self.compacting:
            self._compaction = threading.Thread(target=self._compact_quietly, name="vector-compaction")
            self._compaction.start()

    @property
    def compacting(self) -> bool:
        return self._compaction is not None and self._compaction.is_alive()

    def _compact_quietly(self) -> None:
        """A background compaction: skipped when another one runs; a failure is logged, never raised
        (the snapshot and log it leaves are still whole)."""
        try:
            self._files.compact(wait_s=0)
        except WriterBusy:
            pass
        except Exception:
            logging.getLogger(__name__).exception("background compaction of %s failed", self._files.directory)

    def wait(self) -> None:
        """Until a background compaction has finished."""
        if self._compaction is not None:
            self._compaction.join()
            self._compaction = None

    def compact(self) -> Compaction:
        """Fold the saved log into a new snapshot now (`save` first to include unsaved changes). It works
        from the files: the index in memory is not read, so it may be searched and changed meanwhile."""
        return self._files.compact()

    def write_whole(self) -> None:
        """Write the whole index as a new snapshot, with an empty log, now."""
        self.wait()
        self._files.write_whole(self._index, self.backend)
        self._pending.clear()
        self._rewritten = False

    @property
    def approximate(self) -> bool:
        return isinstance(self._index, faiss.IndexIVF)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def slots(self) -> set[int]:
        return set(self._held_ids().tolist())

    def _held_ids(self) -> np.ndarray:
        if isinstance(self._index, faiss.IndexIVF):
            return _ivf_contents(self._index, with_vectors=False)[0]
        return faiss.vector_to_array(self._index.id_map).astype(np.int64)

    def contents(self) -> tuple[np.ndarray, np.ndarray]:
        """(slots, vectors) of everything held, for retraining and for measuring recall against exact."""
        if isinstance(self._index, faiss.IndexIVF):
            ids, vectors = _ivf_contents(self._index, with_vectors=True)
            return ids, vectors if vectors is not None else np.zeros((0, self.dimension), np.float32)
        ids = faiss.vector_to_array(self._index.id_map).astype(np.int64)
        return ids, self._index.index.reconstruct_n(0, len(self))

    def upsert(self, slots: list[int], vectors: np.ndarray) -> None:
        if not slots:
            return
        ids = np.asarray(slots, dtype=np.int64)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        remove_ids(self._index, ids)
        self._index.add_with_ids(vectors, ids)
        self._pending.append(log_records(ids, vectors, self.dimension))
        if self._id_bound is not None:
            self._id_bound = max(self._id_bound, int(ids.max()) + 1)

    def remove(self, slots: list[int]) -> None:
        if slots:
            ids = np.asarray(slots, dtype=np.int64)
            remove_ids(self._index, ids)
            self._pending.append(log_records(ids, None, self.dimension))

    def clear(self) -> None:
        self._index = faiss.IndexIDMap2(faiss.IndexFlatIP(self.dimension))
        self._id_bound = None
        self._rewritten = True

    def _selector(self, allowed: np.ndarray) -> tuple[faiss.IDSelector, np.ndarray]:
        """A bitmap selector over every id (and the bitmap, which must outlive the search): a bit test
        per candidate, where IDSelectorBatch's hash set took ~2.8 ms instead of ~1.6 ms to filter 100k
        ids. faiss does not bounds-check the bitmap, hence the bound over all held ids."""
        if self._id_bound is None:
            held = self._held_ids()
            self._id_bound = int(held.max()) + 1 if len(held) else 0
        size = max(self._id_bound, int(allowed.max()) + 1)
        mask = np.zeros(size, dtype=bool)
        mask[allowed] = True
        bits = np.packbits(mask, bitorder="little")
        return faiss.IDSelectorBitmap(size, faiss.swig_ptr(bits)), bits

    def retune(self) -> bool:
        """Switch flat -> IVF at the threshold, retrain an outgrown IVF; True when the index changed."""
        count = len(self)
        if isinstance(self._index, faiss.IndexIVF):
            if count < RETRAIN_GROWTH * (self._index.nlist / 2) ** 2:
                return False
        elif count < IVF_THRESHOLD:
            return False
        ids, vectors = self.contents()
        self._index = _trained_ivf(vectors, ids)
        self._rewritten = True
        return True

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
        selector, _bits = self._selector(allowed) if allowed is not None else (None, None)
        if allowed is not None:
            k = min(k, len(allowed))
        if isinstance(self._index, faiss.IndexIVF):
            nlist = self._index.nlist
            if allowed is None:
                nprobe = NPROBE
            elif len(allowed) <= EXACT_FRACTION * len(self):
                nprobe = nlist  # every list, distances only for the allowed ids: exact
            else:  # a large allowed share: probe proportionally more lists to keep k candidates
                nprobe = int(np.ceil(NPROBE * len(self) / len(allowed)))
            params = faiss.SearchParametersIVF(sel=selector, nprobe=min(nlist, nprobe))
        else:
            params = faiss.SearchParameters(sel=selector) if selector is not None else None
        scores, ids = self._index.search(query, k, params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]


def _trained_ivf(vectors: np.ndarray, ids: np.ndarray) -> faiss.IndexIVFFlat:
    """An IVF-Flat index trained on a fixed-seed sample of `vectors` and holding all of them."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dimension = vectors.shape[1]
    nlist = ivf_lists(len(vectors))
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dimension), dimension, nlist, faiss.METRIC_INNER_PRODUCT)
    index.cp.niter = _TRAIN_ITERATIONS
    index.cp.seed = 1234
    sample_size = min(len(vectors), _TRAIN_POINTS_PER_LIST * nlist)
    sample = np.random.default_rng(1234).choice(len(vectors), sample_size, replace=False)
    index.train(vectors[np.sort(sample)])
    index.set_direct_map_type(faiss.DirectMap.Hashtable)
    index.add_with_ids(vectors, ids)
    return index
