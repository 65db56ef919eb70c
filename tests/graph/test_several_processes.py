"""Several processes on one data directory: one writer at a time (an OS file lock), and a process that
holds the graph in memory catches up with what another process committed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from graph.memory import MemoryStore
from graph.store import PaperFilter
from graph.write_lock import WriterBusy, exclusive_writer
from tests.contract import batches as b

REPO = Path(__file__).resolve().parents[2]


def in_other_process(code: str, data_dir: Path) -> subprocess.Popen[str]:
    script = textwrap.dedent(code).format(data_dir=str(data_dir))
    return subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_a_store_catches_up_with_another_process_and_plans_against_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ours = MemoryStore(data)
    ours.upsert(b.batch_a())
    other = in_other_process("""
        from graph.memory import MemoryStore
        from tests.contract import batches as b
        store = MemoryStore("{data_dir}")
        store.upsert(b.batch_b())
        store.close()
    """, data)
    assert other.wait(60) == 0, other.stderr.read()
    assert ours.counts()["nodes"]["Report"] == 1  # nothing seen yet
    assert ours.refresh() is True and ours.refresh() is False
    assert ours.counts()["nodes"]["Report"] == 2
    # A write after the other process's commit is planned against both reports: removing A keeps the
    # paper report B also lists.
    ours.remove_report(b.REPORT_A)
    assert {n["id"] for n in ours.list_papers(PaperFilter(), 10).items} == {p.id for p in b.batch_b().papers}
    expected = ours.counts()
    ours.close()
    reopened = MemoryStore(data)
    assert reopened.counts() == expected
    assert reopened.counts()["nodes"]["Report"] == 1
    reopened.close()


def test_a_second_writer_waits_then_names_the_holder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    holder = in_other_process("""
        import time
        from pathlib import Path
        from graph.write_lock import exclusive_writer
        with exclusive_writer(Path("{data_dir}"), 5):
            print("held", flush=True)
            time.sleep(3)
        print("released", flush=True)
    """, data)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    with pytest.raises(WriterBusy, match=r"is being written by pid \d+ .*try again"), exclusive_writer(data, 0.3):
        pass
    assert time.monotonic() - started < 2
    with exclusive_writer(data, 10):  # waits for the holder to finish, then writes
        assert holder.stdout.readline().strip() == "released"  # (the holder may not have exited yet)
    assert holder.wait(10) == 0
