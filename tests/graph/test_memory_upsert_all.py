"""The embedded store's upsert_all: later batches planned against a staged graph, one SQLite transaction,
memory changed only after commit (what the contract tests cannot see from outside)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from graph.memory import MemoryStore
from graph.model import ImportBatch, ReportInfo
from graph.store import StoreError
from tests.contract import batches as b
from tests.graph.disk import assert_reopens_as, snapshot


def test_several_batches_reopen_as_written(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    store.upsert_all([b.batch_a(), b.batch_b(), b.batch_a_without_quant(), b.batch_a()])
    written = snapshot(store)
    assert_reopens_as(store, tmp_path, written)


def test_id_clash_with_an_earlier_batch_of_the_call_changes_nothing(tmp_path: Path) -> None:
    """Batch 1 creates a model; batch 2 uses its id for an institution. The clash is found while planning
    batch 2 against the staged graph, which must not have leaked into the real one."""
    store = MemoryStore(tmp_path)
    store.upsert(b.batch_b())
    before = snapshot(store)
    rogue_model = b.model("Rogue-7B")
    report_c = "report:weekly-c"
    first = ImportBatch(ReportInfo(report_c, "C", "weekly-c.md"),
                        (b.paper("Rogue Model Paper", report_c, 1, models=(rogue_model,)),))
    clashing = replace(b.TSINGHUA, id=rogue_model.id)
    second = replace(b.batch_a(), papers=(b.paper("Clash", b.REPORT_A, 1, institutions=(clashing,)),))
    with pytest.raises(StoreError, match=rogue_model.id):
        store.upsert_all([b.batch_a(), first, second])
    assert snapshot(store) == before
    assert store.get("Model", [rogue_model.id]) == [None]
    assert_reopens_as(store, tmp_path, before)


def test_unstorable_value_in_an_earlier_batch_changes_nothing(tmp_path: Path) -> None:
    """A NaN in the first batch fails while staging it for the second; the message says nothing changed."""
    store = MemoryStore(tmp_path)
    store.upsert(b.batch_a())
    before = snapshot(store)
    with pytest.raises(StoreError, match="nothing changed"):
        store.upsert_all([b.unstorable_batch(), b.batch_a_without_quant()])
    assert snapshot(store) == before
    store.close()
