"""The embedded store's disk format: one SQLite file, so the default install needs no server.

Two append-only tables log the property graph's changes in order: `node_log` (a node's whole state, or
a tombstone: label NULL) and `rel_log` (a relationship's state, or a tombstone: deleted = 1). The
store reads the whole graph into memory at start and never looks a row up by key, so the tables have no
index but their rowid: an import appends its rows to the tables' last pages, where a keyed table and
its indexes took one randomly placed 4 kB page per inserted row (ids are hashes). Replaying the logs in
order (`iter_nodes`, `iter_rels`; last row wins) gives the graph. Rows a later row replaced are garbage;
once they outnumber a share of the live rows the store writes its graph anew (`rewrite`).

Every change is one transaction in WAL mode: a process killed mid-import leaves the previous graph, and
the in-memory graph is updated only after commit. Node properties are stored as compact UTF-8 JSON
blobs and kept that way in memory until a node is read, which keeps start-up fast and resident memory
small; the few fields listings sort or filter by (name, evidence value) get their own columns. A file
of schema version 1 (keyed `nodes` and `rels` tables) is moved into the logs when first opened.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.projection import NodeRecord, RelKey
from graph.store import StoreError, StoreUnavailable

SCHEMA_VERSION = 2
FILE_NAME = "graph.sqlite3"
# Rewrite the graph once rows replaced by later rows are this share of the live rows, and at least this many.
GARBAGE_SHARE = 0.25
GARBAGE_MIN_ROWS = 20_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS node_log (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL, label TEXT, name TEXT, num REAL, props BLOB
);
CREATE TABLE IF NOT EXISTS rel_log (
    seq INTEGER PRIMARY KEY, src TEXT NOT NULL, type TEXT NOT NULL, dst TEXT NOT NULL, pos INTEGER, props BLOB,
    deleted INTEGER NOT NULL DEFAULT 0
);
"""
_NODE_INSERT = "INSERT INTO node_log (id, label, name, num, props) VALUES (?, ?, ?, ?, ?)"
_REL_INSERT = "INSERT INTO rel_log (src, type, dst, pos, props) VALUES (?, ?, ?, ?, ?)"


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


def rel_row(key: RelKey, props: dict[str, Any]) -> tuple[str, str, str, int | None, bytes | None]:
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
            self._db.execute("PRAGMA cache_size=-65536")
            self._db.executescript(_SCHEMA)
            self._check_version()
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(f"cannot open graph store {self.path}: {exc}") from exc

    def _check_version(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) == 1:
            self._move_version_1()
        elif int(row[0]) != SCHEMA_VERSION:
            raise StoreUnavailable(f"{self.path} has schema version {row[0]}, expected {SCHEMA_VERSION}")

    def _move_version_1(self) -> None:
        """Copy the keyed tables of schema version 1 into the logs, in one transaction (once: another
        process may have done it while this one waited for the lock), then give the old tables' pages
        back to the file system (VACUUM: the file is written once more)."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        moved = False
        try:
            if db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "1":
                moved = True
                db.execute("INSERT INTO node_log (id, label, name, num, props) "
                           "SELECT id, label, name, num, props FROM nodes")
                db.execute("INSERT INTO rel_log (src, type, dst, pos, props) SELECT src, type, dst, pos, props FROM rels")
                db.execute("DROP TABLE rels")
                db.execute("DROP TABLE nodes")
                db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        if moved:
            db.execute("VACUUM")

    def iter_nodes(self) -> Iterator[tuple[str, str | None, str, float | None, bytes]]:
        """(id, label, name, num, props blob) rows in the order they were written; label None: deleted."""
        yield from self._db.execute("SELECT id, label, name, num, props FROM node_log")

    def iter_rels(self) -> Iterator[tuple[str, str, str, int | None, bytes | None, int]]:
        """(src, type, dst, pos, props blob, deleted) rows in the order they were written."""
        yield from self._db.execute("SELECT src, type, dst, pos, props, deleted FROM rel_log")

    def rows(self) -> int:
        """Rows in the logs, live or replaced (the largest rowids: no table scan)."""
        return sum(int(self._db.execute(f"SELECT COALESCE(MAX(seq), 0) FROM {table}").fetchone()[0])
                   for table in ("node_log", "rel_log"))

    def wants_rewrite(self, live: int) -> bool:
        """Whether the rows no longer live outnumber their allowance, given the graph's live rows."""
        return self.rows() - live > max(GARBAGE_MIN_ROWS, GARBAGE_SHARE * live)

    def apply(self, plans: Sequence[WritePlan]) -> None:
        """Append the plans, in order, in one transaction; on any error roll back and raise StoreError."""
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
        db.executemany("INSERT INTO rel_log (src, type, dst, deleted) VALUES (?, ?, ?, 1)",
                       ((s, t, d) for t, s, d in plan.delete_rels))
        db.executemany("INSERT INTO node_log (id) VALUES (?)", ((i,) for i in plan.delete_nodes))
        db.executemany(_NODE_INSERT, plan.node_rows())
        db.executemany(_REL_INSERT, (rel_row(k, p) for k, p in plan.put_rels.items()))

    def rewrite(self, nodes: Iterable[tuple[str, str, str, float | None, bytes]],
                rels: Iterable[tuple[str, str, str, int | None, bytes | None]]) -> None:
        """Replace the logs by these live rows, in one transaction (the garbage goes)."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM node_log")
            db.execute("DELETE FROM rel_log")
            db.executemany(_NODE_INSERT, nodes)
            db.executemany(_REL_INSERT, rels)
            db.execute("COMMIT")
        except (sqlite3.Error, ValueError, TypeError) as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise StoreError(f"graph store rewrite failed, nothing changed: {exc}") from exc

    def data_version(self) -> int:
        """SQLite's `PRAGMA data_version`: it changes when another connection (another process) commits,
        never for this connection's own commits."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def clear(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")
        self._db.execute("DELETE FROM rel_log")
        self._db.execute("DELETE FROM node_log")
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()
