"""The embedded store's SQLite file is a pair of append-only logs: an import appends rows and never
rewrites earlier ones; replacements and removals read back right after reopening, also once the
garbage is rewritten away; a file of schema version 1 (keyed tables) opens as the same graph."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import graph.sqlite_persistence
from graph.memory import MemoryStore
from graph.sqlite_persistence import FILE_NAME
from tests.contract import batches as b
from tests.graph.disk import assert_reopens_as, snapshot


def rows(data: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(data / FILE_NAME) as db:
        return {table: db.execute(f"SELECT * FROM {table} ORDER BY seq").fetchall()
                for table in ("node_log", "rel_log")}


def test_an_import_appends_rows_and_rewrites_none(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    store.upsert(b.batch_a())
    before = rows(tmp_path)
    store.upsert(b.batch_b())
    after = rows(tmp_path)
    for table, earlier in before.items():
        assert after[table][:len(earlier)] == earlier and len(after[table]) > len(earlier)
    store.close()


def test_replacements_and_removals_replay_to_the_same_graph(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    store.upsert(b.batch_a_without_quant())  # drops a paper, its evidence and links
    store.remove_report(b.REPORT_B)
    store.upsert(b.batch_b())  # back again: deleted, then written anew
    assert_reopens_as(store, tmp_path, snapshot(store))


def test_garbage_is_rewritten_away_once_it_outgrows_its_share(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph.sqlite_persistence, "GARBAGE_MIN_ROWS", 0)
    store = MemoryStore(tmp_path)
    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    live = sum(len(r) for r in rows(tmp_path).values())
    store.remove_report(b.REPORT_B)  # tombstones past a quarter of the live rows: written anew
    after = rows(tmp_path)
    assert sum(len(r) for r in after.values()) < live
    assert not any(row[-1] for row in after["rel_log"]) and all(row[2] for row in after["node_log"])
    assert_reopens_as(store, tmp_path, snapshot(store))  # the rewritten file holds the graph in memory


VERSION_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE nodes (id TEXT PRIMARY KEY, label TEXT NOT NULL, name TEXT NOT NULL, num REAL, props BLOB NOT NULL);
CREATE TABLE rels (
    src TEXT NOT NULL REFERENCES nodes(id), type TEXT NOT NULL, dst TEXT NOT NULL REFERENCES nodes(id),
    pos INTEGER, props BLOB, PRIMARY KEY (src, type, dst)
) WITHOUT ROWID;
CREATE INDEX rels_dst ON rels(dst);
INSERT INTO meta VALUES ('schema_version', '1');
"""


def test_a_version_1_file_opens_as_the_same_graph(tmp_path: Path) -> None:
    current = MemoryStore(tmp_path / "current")
    current.upsert(b.batch_a())
    current.upsert(b.batch_b())
    expected = snapshot(current)
    current.close()
    old = tmp_path / "old"
    old.mkdir()
    logged = rows(tmp_path / "current")
    assert not any(r[-1] for r in logged["rel_log"]) and all(r[2] for r in logged["node_log"])  # no tombstones
    with sqlite3.connect(old / FILE_NAME) as db:  # the last row of each key, as version 1 kept it
        db.executescript(VERSION_1)
        db.executemany("INSERT OR REPLACE INTO nodes VALUES (?, ?, ?, ?, ?)", [r[1:] for r in logged["node_log"]])
        db.executemany("INSERT OR REPLACE INTO rels VALUES (?, ?, ?, ?, ?)", [r[1:6] for r in logged["rel_log"]])
    moved = MemoryStore(old)
    try:
        assert snapshot(moved) == expected
        moved.upsert(b.batch_a_without_quant())
        after = snapshot(moved)
    finally:
        moved.close()
    with sqlite3.connect(old / FILE_NAME) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == {"meta", "node_log", "rel_log"}
    assert_reopens_as(MemoryStore(old), old, after)
