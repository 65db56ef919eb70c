"""The embedded store's disk format: one SQLite file, so the default install needs no server.

Two tables mirror the property graph (nodes, rels). Every change is one transaction in WAL mode: a
process killed mid-import leaves the previous graph, and the in-memory graph is updated only after
commit. Node properties are stored as compact UTF-8 JSON blobs and kept that way in memory until a
node is read, which keeps start-up fast and resident memory small; the few fields listings sort or
filter by (name, evidence value) get their own columns.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.projection import NodeRecord, RelKey
from graph.store import StoreError, StoreUnavailable

SCHEMA_VERSION = 1
FILE_NAME = "graph.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, name TEXT NOT NULL, num REAL, props BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS rels (
    src TEXT NOT NULL REFERENCES nodes(id), type TEXT NOT NULL, dst TEXT NOT NULL REFERENCES nodes(id),
    pos INTEGER, props BLOB, PRIMARY KEY (src, type, dst)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rels_dst ON rels(dst);
"""


# One encoder instance: json.dumps with non-default options would build a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def encode_props(props: dict[str, Any]) -> bytes:
    """Compact JSON; NaN/inf are refused because no other store or JSON reader can hold them."""
    return _ENCODER.encode(props).encode("utf-8")


def decode_props(raw: bytes) -> dict[str, Any]:
    return json.loads(raw)


def sort_number(record: NodeRecord) -> float | None:
    """The number listings order a node by (evidence value), stored beside the blob."""
    value = record.props.get("value") if record.label == "Evidence" else None
    return float(value) if isinstance(value, (int, float)) else None


@dataclass
class WritePlan:
    """Everything one upsert or removal changes, computed before any write."""

    delete_rels: set[RelKey] = field(default_factory=set)
    delete_nodes: dict[str, str] = field(default_factory=dict)  # id -> label
    put_nodes: list[NodeRecord] = field(default_factory=list)  # created or changed
    put_rels: dict[RelKey, dict[str, Any]] = field(default_factory=dict)  # created or changed props
    blobs: dict[str, bytes] = field(default_factory=dict)  # encoded props of put_nodes, filled by blob()

    def blob(self, node: NodeRecord) -> bytes:
        """The node's encoded properties, encoded once whether staging or the write asks first."""
        blob = self.blobs.get(node.id)
        if blob is None:
            blob = self.blobs[node.id] = encode_props(node.props)
        return blob

    def is_empty(self) -> bool:
        return not (self.delete_rels or self.delete_nodes or self.put_nodes or self.put_rels)

    def node_rows(self) -> Iterator[tuple[str, str, str, float | None, bytes]]:
        for node in self.put_nodes:
            yield (node.id, node.label, node.name, sort_number(node), self.blob(node))


def _rel_row(key: RelKey, props: dict[str, Any]) -> tuple[str, str, str, int | None, bytes | None]:
    rel_type, start, end = key
    if set(props) == {"pos"}:
        return (start, rel_type, end, int(props["pos"]), None)
    return (start, rel_type, end, None, encode_props(props) if props else None)


# Relationship property dicts are shared between relationships with equal properties (most hold only
# a small `pos`), saving a dict per relationship; the store replaces them, never mutates them in place.
_SHARED_PROPS: dict[int | None, dict[str, Any]] = {None: {}}


def rel_props(pos: int | None, raw: bytes | None) -> dict[str, Any]:
    if raw:
        return decode_props(raw)
    shared = _SHARED_PROPS.get(pos)
    if shared is None:
        shared = _SHARED_PROPS[pos] = {"pos": pos}
    return shared


class SqliteGraphFile:
    """The SQLite file of one data directory; used by one MemoryStore under its write lock."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA cache_size=-65536")
            self._db.executescript(_SCHEMA)
            self._check_version()
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(f"cannot open graph store {self.path}: {exc}") from exc

    def _check_version(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) != SCHEMA_VERSION:
            raise StoreUnavailable(f"{self.path} has schema version {row[0]}, expected {SCHEMA_VERSION}")

    def iter_nodes(self) -> Iterator[tuple[str, str, str, float | None, bytes]]:
        """(id, label, name, num, props blob) rows in storage order."""
        yield from self._db.execute("SELECT id, label, name, num, props FROM nodes")

    def iter_rels(self) -> Iterator[tuple[str, str, str, int | None, bytes | None]]:
        """(src, type, dst, pos, props blob) rows."""
        yield from self._db.execute("SELECT src, type, dst, pos, props FROM rels")

    def apply(self, plans: Sequence[WritePlan]) -> None:
        """Write the plans, in order, in one transaction; on any error roll back and raise StoreError."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            for plan in plans:
                self._write(plan)
            db.execute("COMMIT")
        except (sqlite3.Error, ValueError, TypeError) as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise StoreError(f"graph store write failed, nothing changed: {exc}") from exc

    def _write(self, plan: WritePlan) -> None:
        db = self._db
        db.executemany("DELETE FROM rels WHERE src = ? AND type = ? AND dst = ?",
                       ((s, t, d) for t, s, d in plan.delete_rels))
        db.executemany("DELETE FROM nodes WHERE id = ?", ((i,) for i in plan.delete_nodes))
        db.executemany(
            "INSERT INTO nodes (id, label, name, num, props) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET label = excluded.label, name = excluded.name, "
            "num = excluded.num, props = excluded.props",
            plan.node_rows())
        db.executemany(
            "INSERT INTO rels (src, type, dst, pos, props) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(src, type, dst) DO UPDATE SET pos = excluded.pos, props = excluded.props",
            (_rel_row(k, p) for k, p in plan.put_rels.items()))

    def data_version(self) -> int:
        """SQLite's `PRAGMA data_version`: it changes when another connection (another process) commits,
        never for this connection's own commits."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def clear(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")
        self._db.execute("DELETE FROM rels")
        self._db.execute("DELETE FROM nodes")
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()
