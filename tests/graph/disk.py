"""What the embedded store's on-disk tests compare: a whole-graph snapshot, and the same after a reopen."""

from __future__ import annotations

from pathlib import Path

from graph.memory import MemoryStore
from graph.model import to_plain


def snapshot(store: MemoryStore) -> tuple[dict, list]:
    return store.counts(), to_plain(store.export())


def assert_reopens_as(store: MemoryStore, data_dir: Path, expected: tuple[dict, list]) -> None:
    """Close `store`, open its data directory afresh, and check the graph read from disk is `expected`."""
    store.close()
    reopened = MemoryStore(data_dir)
    try:
        assert snapshot(reopened) == expected
    finally:
        reopened.close()
