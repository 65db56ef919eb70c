"""The vector index on disk: a FAISS snapshot plus an append-only log of the changes made since.

An import appends its changes to the log (one fixed-size record per vector: 8 + 4*d bytes) instead of
rewriting the whole index (~150 MB at 100k papers); `compact` folds the log into a new snapshot, when the
log has grown past a share of the snapshot (on a background thread) or when asked (`papergraph compact`,
`POST /api/admin/compact`). Files, under one folder:

- `vectors.json`: the backend that computed the vectors, their dimension, the snapshot's generation g
  and the logs to replay after it (g, then one more per compaction started since the snapshot was
  written: one cut short stays listed until the next one folds it in);
- `vectors.<g>.faiss`: the snapshot (absent while the index has never held anything);
- `vectors.<g>.log`: records (slot >= 0, vector) for an upsert, (-slot - 1, zeros) for a removal;
- `vectors.lock`, held for a moment (an OS file lock, graph/write_lock.py) by whoever reads
  `vectors.json` with the files it names, appends to a log or switches snapshots: so no process appends
  to a log another process has just folded away, and none opens a snapshot while it is being deleted;
- `vectors-compaction.lock`, held for a whole compaction or whole rewrite, so there is one at a time.

A compaction (1) under `vectors.lock` starts log g' = (last log)+1 and lists it in `vectors.json`, so
every later append, from any process, goes there; (2) without that lock (appends go on) reads snapshot g
and the logs before g', which nobody appends to any more, and writes their replay to a temporary file,
fsynced; (3) under `vectors.lock` renames it to `vectors.<g'>.faiss`, switches `vectors.json` to g' (a
temporary file, fsynced, renamed) and deletes g's files. A crash at any point leaves a `vectors.json`
naming a snapshot and the logs that complete it; files it does not name are left-overs that the next
compaction deletes. Readers of the index in memory are never involved. Replaying a log sets each slot to
its last record, so a record replayed twice changes nothing. A record cut short by a crash is dropped at
open.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from graph.write_lock import exclusive_writer

META_FILE = "vectors.json"
LEGACY_FILE = "vectors.faiss"  # one whole index, rewritten per import, before the log existed
LOCK_FILE = "vectors.lock"
COMPACTION_LOCK_FILE = "vectors-compaction.lock"
TEMPORARY_FILE = "vectors.faiss.tmp"
COMPACT_SHARE = 0.1  # compact once the log is this share of the snapshot ...
COMPACT_MIN_BYTES = 4 << 20  # ... and at least this large
LOCK_WAIT_S = 30.0  # longest wait for another process's append, switch or compaction
_INDEX_FILE = re.compile(r"vectors\.(\d+\.(faiss|log)|faiss|.*\.tmp)$")


@dataclass(frozen=True)
class VectorLog:
    """The replayed log: the slots it removes and the (slot, vector) pairs it leaves, last record wins."""

    removed: np.ndarray
    upserted: np.ndarray
    vectors: np.ndarray


@dataclass(frozen=True)
class Compaction:
    """What one compaction found and left: the index's files (snapshot, logs, left-overs) and bytes."""

    compacted: bool  # False: the log was empty and nothing was left over, so nothing was written
    generation: int  # of the snapshot afterwards
    records_folded: int
    files_before: int
    bytes_before: int
    files_after: int
    bytes_after: int
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "seconds": round(self.seconds, 3)}


def record_dtype(dimension: int) -> np.dtype:
    return np.dtype([("slot", "<i8"), ("vector", "<f4", (dimension,))])


def log_records(slots: np.ndarray, vectors: np.ndarray | None, dimension: int) -> bytes:
    """Upsert records for `slots` with `vectors`, or removal records when `vectors` is None."""
    records = np.zeros(len(slots), dtype=record_dtype(dimension))
    if vectors is None:
        records["slot"] = -np.asarray(slots, dtype=np.int64) - 1
    else:
        records["slot"] = slots
        records["vector"] = vectors
    return records.tobytes()


def replay(data: bytes, dimension: int) -> VectorLog:
    """The net effect of a log's records (a torn last record is ignored)."""
    dtype = record_dtype(dimension)
    records = np.frombuffer(data[:len(data) - len(data) % dtype.itemsize], dtype=dtype)
    keys = records["slot"]
    slots = np.where(keys >= 0, keys, -keys - 1)
    # The last record of each slot: unique over the reversed log gives each slot's last position.
    _, first_from_end = np.unique(slots[::-1], return_index=True)
    last = np.sort(len(records) - 1 - first_from_end)
    kept = records[last]
    upserts = kept["slot"] >= 0
    return VectorLog(removed=slots[last], upserted=kept["slot"][upserts],
                     vectors=np.ascontiguousarray(kept["vector"][upserts], dtype=np.float32))


def remove_ids(index: faiss.Index, ids: np.ndarray) -> None:
    if len(ids):  # the IVF's hash-table direct map accepts only an explicit id array
        index.remove_ids(faiss.IDSelectorArray(ids))


def _sync_directory(directory: Path) -> None:
    """Make renames and new files in `directory` durable (their data is fsynced on its own)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class VectorFiles:
    """The files of one vector index; every method keeps them consistent (see the module docstring).

    The generation and logs held here are a copy of `vectors.json`, read again under `vectors.lock`
    before each change, since another process may have compacted meanwhile."""

    def __init__(self, directory: Path, wait_s: float = LOCK_WAIT_S) -> None:
        self.directory = directory
        self.wait_s = wait_s
        self.generation = 0  # of the snapshot
        self.logs = [0]  # generations of the logs replayed after it, in order; appends go to the last
        self.backend: str | None = None
        self.dimension: int | None = None
        self._read_meta()

    def _read_meta(self) -> None:
        try:
            meta = json.loads((self.directory / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        self.generation = int(meta["generation"])
        self.logs = [int(g) for g in meta.get("logs", [self.generation])]
        self.backend = str(meta["backend"])
        self.dimension = int(meta["dimension"])

    def _write_meta(self, backend: str, dimension: int) -> None:
        meta = {"backend": backend, "dimension": dimension, "generation": self.generation, "logs": self.logs}
        temporary = self.directory / f"{META_FILE}.tmp"
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(json.dumps(meta))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.directory / META_FILE)
        _sync_directory(self.directory)
        self.backend, self.dimension = backend, dimension

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold `vectors.lock`, with `vectors.json` read again under it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with exclusive_writer(self.directory, self.wait_s, LOCK_FILE):
            self._read_meta()
            yield

    @contextmanager
    def _compacting(self, wait_s: float) -> Iterator[None]:
        self.directory.mkdir(parents=True, exist_ok=True)
        with exclusive_writer(self.directory, wait_s, COMPACTION_LOCK_FILE):
            yield

    def snapshot_path(self, generation: int | None = None) -> Path:
        return self.directory / f"vectors.{self.generation if generation is None else generation}.faiss"

    def log_path(self, generation: int | None = None) -> Path:
        return self.directory / f"vectors.{self.logs[-1] if generation is None else generation}.log"

    def holds(self, backend: str, dimension: int) -> bool:
        """Whether the files (as last read) hold vectors of this backend and dimension."""
        return self.backend == backend and self.dimension == dimension

    def load(self, backend: str, dimension: int) -> faiss.Index | None:
        """The saved index, its logs replayed; None when nothing of this backend and dimension was saved.
        A log torn by a crash is cut back to its whole records so later appends stay aligned."""
        with self._locked():
            if not self.holds(backend, dimension):
                return None
            return self._replayed(self.generation, self.logs, truncate=True)

    def _replayed(self, generation: int, logs: list[int], truncate: bool = False) -> faiss.Index:
        assert self.dimension is not None
        snapshot = self.snapshot_path(generation)
        index = faiss.read_index(str(snapshot)) if snapshot.exists() else None
        if not isinstance(index, faiss.IndexIDMap2 | faiss.IndexIVFFlat):
            index = faiss.IndexIDMap2(faiss.IndexFlatIP(self.dimension))
        size = record_dtype(self.dimension).itemsize
        parts = []
        for number in logs:
            log = self.log_path(number)
            data = log.read_bytes() if log.exists() else b""
            whole = len(data) - len(data) % size
            if truncate and whole != len(data):
                os.truncate(log, whole)
            parts.append(data[:whole])
        records = b"".join(parts)
        if records:
            changes = replay(records, self.dimension)
            remove_ids(index, changes.removed)
            if len(changes.upserted):
                index.add_with_ids(changes.vectors, changes.upserted)
        return index

    def append(self, data: bytes, backend: str, dimension: int) -> bool:
        """Append records to the current log; False (nothing written) when the files now hold another
        backend's vectors (another process rewrote them), so the caller must write its index whole."""
        if not data:
            return True
        with self._locked():
            if not self.holds(backend, dimension):
                return False
            with self.log_path().open("ab") as handle:
                handle.write(data)
        return True

    def log_bytes(self) -> int:
        return sum(self._size(self.log_path(g)) for g in self.logs)

    def snapshot_bytes(self) -> int:
        return self._size(self.snapshot_path())

    @staticmethod
    def _size(path: Path) -> int:
        try:
            return path.stat().st_size
        except OSError:
            return 0

    def wants_compaction(self) -> bool:
        return self.log_bytes() > max(COMPACT_MIN_BYTES, COMPACT_SHARE * self.snapshot_bytes())

    def _index_files(self) -> list[Path]:
        return [p for p in self.directory.glob("vectors.*") if _INDEX_FILE.match(p.name)]

    def _tally(self) -> tuple[int, int]:
        files = self._index_files()
        return len(files), sum(self._size(p) for p in files)

    def _is_compact(self) -> bool:
        named = {self.snapshot_path().name, *(self.log_path(g).name for g in self.logs)}
        return (len(self.logs) == 1 and self.log_bytes() == 0 and self.snapshot_path().exists()
                and {p.name for p in self._index_files()} <= named)

    def compact(self, wait_s: float | None = None) -> Compaction:
        """Fold the snapshot and its logs into the next generation's snapshot (see the module docstring).
        Waits up to `wait_s` (default: the files' wait) for a compaction another thread or process runs,
        then raises WriterBusy. Nothing is written when there is nothing to fold."""
        started = time.perf_counter()
        with self._compacting(self.wait_s if wait_s is None else wait_s):
            with self._locked():
                files_before, bytes_before = self._tally()
                if self.backend is None or self.dimension is None or self._is_compact():
                    return Compaction(False, self.generation, 0, files_before, bytes_before,
                                      files_before, bytes_before, time.perf_counter() - started)
                backend, dimension = self.backend, self.dimension
                base, folded = self.generation, list(self.logs)
                records = self.log_bytes() // record_dtype(dimension).itemsize
                new = folded[-1] + 1
                self.log_path(new).write_bytes(b"")
                self.logs = [*folded, new]
                self._write_meta(backend, dimension)
            temporary = self._write_temporary(self._replayed(base, folded))
            with self._locked():
                self._switch(new, temporary, backend, dimension)
                files_after, bytes_after = self._tally()
        return Compaction(True, new, int(records), files_before, bytes_before, files_after, bytes_after,
                          time.perf_counter() - started)

    def write_whole(self, index: faiss.Index, backend: str) -> None:
        """Write `index` (rebuilt, retrained, or of a new backend) as the next snapshot with an empty log;
        whatever the files held before is dropped."""
        with self._compacting(self.wait_s):
            temporary = self._write_temporary(index)
            with self._locked():
                new = max(self.generation, *self.logs) + 1
                self.log_path(new).write_bytes(b"")
                self.logs = [new]
                self._switch(new, temporary, backend, int(index.d))

    def _write_temporary(self, index: faiss.Index) -> Path:
        """The index written to the temporary snapshot file and fsynced (the caller holds the compaction lock)."""
        temporary = self.directory / TEMPORARY_FILE
        faiss.write_index(index, str(temporary))
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        return temporary

    def _switch(self, new: int, temporary: Path, backend: str, dimension: int) -> None:
        """Make `temporary` generation `new`'s snapshot, point `vectors.json` at it and delete every index
        file it does not name. The caller holds both locks, and lists log `new` in `self.logs`."""
        os.replace(temporary, self.snapshot_path(new))
        self.generation = new
        self.logs = [g for g in self.logs if g >= new]
        self._write_meta(backend, dimension)  # also makes the rename durable
        named = {self.snapshot_path().name, *(self.log_path(g).name for g in self.logs)}
        for path in self._index_files():
            if path.name not in named:
                path.unlink(missing_ok=True)
