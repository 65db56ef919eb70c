"""The embedded store on disk: reopening, failed writes and a process killed mid-import."""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from graph.memory import MemoryStore
from graph.sqlite_persistence import FILE_NAME
from graph.store import StoreError, StoreUnavailable
from tests.contract import batches as b
from tests.graph.disk import assert_reopens_as, snapshot

REPO = Path(__file__).resolve().parents[2]


def test_reopen_sees_the_same_graph(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    store.upsert(b.batch_a_without_quant())
    before = snapshot(store)
    spec = store.get("Paper", [b.spec_paper().id])
    store.close()
    reopened = MemoryStore(tmp_path)
    try:
        assert snapshot(reopened) == before
        assert reopened.get("Paper", [b.spec_paper().id]) == spec
        assert not reopened.upsert(b.batch_a_without_quant()).changed
    finally:
        reopened.close()


def test_failed_upsert_leaves_previous_graph(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    store.upsert(b.batch_a())
    before = snapshot(store)
    # A corrected report A that drops a paper (deletes run first in the transaction) and carries a
    # NaN measurement, which JSON cannot hold: the write fails part-way and must roll back.
    broken_paper = b.paper("Broken Measurements", b.REPORT_A, 9,
                           evidence_=(("speedup", math.nan, "x", "a speedup of NaN"),))
    broken = replace(b.batch_a_without_quant(), papers=(*b.batch_a_without_quant().papers, broken_paper))
    with pytest.raises(StoreError, match="nothing changed"):
        store.upsert(broken)
    assert snapshot(store) == before
    assert store.get("Paper", [b.quant_paper().id])[0] is not None
    assert_reopens_as(store, tmp_path, before)


def test_id_used_for_two_labels_is_refused(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    store.upsert(b.batch_a())
    before = snapshot(store)
    clash = b.paper("Clash", b.REPORT_A, 7, models=(replace(b.LLAMA, id=b.SJTU.id),))
    with pytest.raises(StoreError, match=b.SJTU.id):
        store.upsert(replace(b.batch_a(), papers=(*b.batch_a().papers, clash)))
    assert snapshot(store) == before
    store.close()


_BIG_IMPORT = """
import sys
from graph.memory import MemoryStore
from graph.model import ImportBatch
from tests.contract import batches as b

store = MemoryStore(sys.argv[1])
papers = tuple(
    b.paper(f"Generated paper {i}", b.REPORT_B, i, institutions=(b.institution(f"Lab {i % 500}"),),
            techniques=(b.technique(f"method {i % 300}", "quantization"),),
            evidence_=(("speedup", 1.0 + i / 1000, "x", f"a {1 + i / 1000:.3f}x speedup"),))
    for i in range(1, 40001))
print("importing", flush=True)
store.upsert(ImportBatch(b.batch_b().report, papers))
print("done", flush=True)
"""


def test_killed_import_leaves_earlier_graph(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    store.upsert(b.batch_a())
    before = snapshot(store)
    store.close()
    wal = tmp_path / f"{FILE_NAME}-wal"
    child = subprocess.Popen([sys.executable, "-c", _BIG_IMPORT, str(tmp_path)], cwd=REPO,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "importing"
        deadline = time.monotonic() + 120
        # The transaction spills pages into the WAL as it writes: once it has grown, we are mid-commit.
        while not (wal.exists() and wal.stat().st_size > 2_000_000):
            assert child.poll() is None, "the import finished before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
        assert "done" not in child.stdout.read()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    reopened = MemoryStore(tmp_path)
    try:
        assert snapshot(reopened) == before
        assert reopened.get("Report", [b.REPORT_B]) == [None]
    finally:
        reopened.close()


def test_unreadable_store_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_bytes(b"this is not a SQLite database, just some bytes " * 100)
    with pytest.raises(StoreUnavailable, match=FILE_NAME):
        MemoryStore(tmp_path)
