"""Readers on other threads see the embedded graph before or after an import, never half of one."""

from __future__ import annotations

import threading
from pathlib import Path

from graph.memory import MemoryStore
from graph.store import PaperFilter
from tests.contract import batches as b


def test_readers_never_see_a_partial_import(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    store.upsert(b.batch_a())
    without_b = store.counts()
    store.upsert(b.batch_b())
    with_b = store.counts()
    store.remove_report(b.REPORT_B)
    seen: list[dict] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        try:
            while not stop.is_set():
                seen.append(store.counts())
                page = store.list_papers(PaperFilter(report=(b.REPORT_B,)), limit=10)
                assert page.total in (0, 2) and len(page.items) == page.total
        except (AssertionError, KeyError, RuntimeError) as exc:  # the main thread fails the test
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        for _ in range(30):
            store.upsert(b.batch_b())
            store.remove_report(b.REPORT_B)
    finally:
        stop.set()
        for reader in readers:
            reader.join()
        store.close()
    assert not errors, errors
    assert seen and all(counts in (without_b, with_b) for counts in seen)
