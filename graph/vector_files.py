"""The vector index on disk: a FAISS snapshot plus an append-only log of the changes made since.

An import appends its changes to the log (one fixed-size record per vector: 8 + 4*d bytes) instead of
rewriting the whole index (~150 MB at 100k papers); `compact` writes a new snapshot and starts an
empty log, when the log has grown past a share of the snapshot or when asked. Files, under one folder:

- `vectors.json`: the backend that computed the vectors, their dimension, the snapshot's generation g
  and the logs to replay after it (g, and g+1 while a compaction is being written);
- `vectors.<g>.faiss`: the snapshot (absent while the index has never held anything);
- `vectors.<g>.log`: records (slot >= 0, vector) for an upsert, (-slot - 1, zeros) for a removal.

A compaction starts log g+1 (listed in `vectors.json` before anything is appended to it), writes the
index as it stood then as snapshot g+1 (on a background thread when an import triggered it), then
switches `vectors.json` to snapshot g+1 with log g+1 (an atomic rename) and deletes g's files: a crash
at any point leaves a snapshot and the logs that complete it. Replaying a log sets each slot to its
last record, so a record replayed twice changes nothing. A record cut short by a crash is dropped at
open.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

META_FILE = "vectors.json"
LEGACY_FILE = "vectors.faiss"  # one whole index, rewritten per import, before the log existed
COMPACT_SHARE = 0.1  # compact once the log is this share of the snapshot ...
COMPACT_MIN_BYTES = 4 << 20  # ... and at least this large


@dataclass(frozen=True)
class VectorLog:
    """The replayed log: the slots it removes and the (slot, vector) pairs it leaves, last record wins."""

    removed: np.ndarray
    upserted: np.ndarray
    vectors: np.ndarray


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


class VectorFiles:
    """The files of one vector index; every method keeps them consistent (see the module docstring)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
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
        temporary.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(temporary, self.directory / META_FILE)
        self.backend, self.dimension = backend, dimension

    def snapshot_path(self, generation: int | None = None) -> Path:
        return self.directory / f"vectors.{self.generation if generation is None else generation}.faiss"

    def log_path(self, generation: int | None = None) -> Path:
        return self.directory / f"vectors.{self.logs[-1] if generation is None else generation}.log"

    def load(self) -> tuple[faiss.Index | None, VectorLog | None]:
        """The snapshot (None when there is none) and its logs replayed. A log torn by a crash is cut
        back to its whole records so later appends stay aligned."""
        if self.dimension is None:
            return None, None
        snapshot = self.snapshot_path()
        index = faiss.read_index(str(snapshot)) if snapshot.exists() else None
        size = record_dtype(self.dimension).itemsize
        records = b""
        for generation in self.logs:
            log = self.log_path(generation)
            data = log.read_bytes() if log.exists() else b""
            whole = len(data) - len(data) % size
            if whole != len(data):
                os.truncate(log, whole)
            records += data[:whole]
        return index, replay(records, self.dimension) if records else None

    def append(self, data: bytes) -> None:
        if data:
            with self.log_path().open("ab") as handle:
                handle.write(data)

    def log_bytes(self) -> int:
        return sum(self.log_path(g).stat().st_size for g in self.logs if self.log_path(g).exists())

    def snapshot_bytes(self) -> int:
        try:
            return self.snapshot_path().stat().st_size
        except OSError:
            return 0

    def wants_compaction(self) -> bool:
        return self.log_bytes() > max(COMPACT_MIN_BYTES, COMPACT_SHARE * self.snapshot_bytes())

    def compact(self, index: faiss.Index, backend: str) -> None:
        """Write `index` as the next generation's snapshot with an empty log, switch to it, drop the old."""
        self.directory.mkdir(parents=True, exist_ok=True)
        new = self.start_compaction(backend, int(index.d))
        temporary = self.snapshot_path(new).with_name(f"vectors.{new}.faiss.tmp")
        faiss.write_index(index, str(temporary))
        self._switch(new, temporary)

    def start_compaction(self, backend: str, dimension: int) -> int:
        """Begin a compaction of the index as it stands: later appends go to a new log (listed in
        `vectors.json`, so a crash before `finish_compaction` loses nothing); its generation is returned."""
        new = self.logs[-1] + 1
        self.log_path(new).write_bytes(b"")
        self.logs = [*self.logs, new]
        self._write_meta(backend, dimension)
        return new

    def finish_compaction(self, new: int, snapshot: np.ndarray) -> None:
        """Write the serialised index taken at `start_compaction` as generation `new`'s snapshot and
        switch to it. Safe on another thread while appends go on (they go to log `new` or later)."""
        temporary = self.snapshot_path(new).with_name(f"vectors.{new}.faiss.tmp")
        with temporary.open("wb") as handle:
            handle.write(memoryview(snapshot))
        self._switch(new, temporary)

    def _switch(self, new: int, snapshot: Path) -> None:
        assert self.backend is not None and self.dimension is not None
        os.replace(snapshot, self.snapshot_path(new))
        old_snapshot, old_logs = self.generation, [g for g in self.logs if g < new]
        self.generation, self.logs = new, [g for g in self.logs if g >= new]
        self._write_meta(self.backend, self.dimension)
        stale = [self.snapshot_path(old_snapshot), self.directory / LEGACY_FILE]
        for path in stale + [self.log_path(g) for g in old_logs]:
            path.unlink(missing_ok=True)
