"""upsert_all: several batches in one transaction, equal to upserting them in order, or nothing at all."""

from __future__ import annotations

import pytest

from graph.model import to_plain
from graph.store import GraphStore, StoreError
from tests.contract import batches as b


def _snapshot(store: GraphStore) -> tuple[dict, list]:
    return store.counts(), to_plain(store.export())


def test_upsert_all_equals_upserts_in_order(store: GraphStore) -> None:
    """Shared paper (A and B), the same report twice (A corrected, then A again: the quantisation paper
    and its now-orphaned entities go and come back within one call)."""
    sequence = [b.batch_a(), b.batch_b(), b.batch_a_without_quant(), b.batch_a()]
    together = store.upsert_all(sequence)
    after_all = _snapshot(store)
    store.clear()  # type: ignore[attr-defined]  # both stores have it; not part of GraphStore
    one_by_one = [store.upsert(batch) for batch in sequence]
    assert together == one_by_one
    assert after_all == _snapshot(store)
    assert [s.report for s in together] == [b.REPORT_A, b.REPORT_B, b.REPORT_A, b.REPORT_A]
    assert together[2].removed.get("Paper") == 1 and together[3].created.get("Paper") == 1
    assert after_all[0]["nodes"]["Paper"] == 5


def test_upsert_all_on_a_filled_store_and_again(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    summaries = store.upsert_all([b.batch_a_without_quant(), b.batch_b()])
    assert summaries[0].removed.get("Paper") == 1 and summaries[1].created.get("Paper") == 1
    assert store.counts()["nodes"]["Paper"] == 4
    before = _snapshot(store)
    # The shared paper's evidence line differs between A and B, so each rewrites it (merged), and B,
    # written last, leaves the graph as it was; nothing is created or removed.
    again = store.upsert_all([b.batch_a_without_quant(), b.batch_b()])
    assert not any(s.created or s.removed for s in again)
    assert [s.merged for s in again] == [{"Evidence": 1}, {"Evidence": 1}]
    assert store.upsert_all([]) == []
    assert _snapshot(store) == before


def test_failure_in_second_batch_leaves_store_as_it_was(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    before = _snapshot(store)
    # The first batch drops a paper (its deletes and writes run first in the transaction); the second
    # carries a value the store refuses while writing.
    with pytest.raises(StoreError):
        store.upsert_all([b.batch_a_without_quant(), b.unstorable_batch()])
    assert _snapshot(store) == before
    assert store.get("Paper", [b.quant_paper().id])[0] is not None
    assert store.get("Report", [b.REPORT_B]) == [None]
    # The store is still usable, and the good part of the call on its own goes through.
    assert store.upsert_all([b.batch_a_without_quant()])[0].removed.get("Paper") == 1


def test_batch_that_cannot_be_projected_fails_before_anything(store: GraphStore) -> None:
    from dataclasses import replace

    store.upsert(b.batch_b())
    before = _snapshot(store)
    clash = b.paper("Clash", b.REPORT_A, 7, models=(replace(b.LLAMA, id=b.SJTU.id),))
    bad = replace(b.batch_a(), papers=(*b.batch_a().papers, clash))
    with pytest.raises(StoreError, match=b.SJTU.id):
        store.upsert_all([b.batch_a_without_quant(), bad])
    assert _snapshot(store) == before
