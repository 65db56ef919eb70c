"""One writer at a time per data directory, across processes: an OS file lock (`flock`) on
`<data dir>/write.lock`, held only while a write commits. The holder writes who it is into the file, so
a writer that waits too long can say who holds the lock and what to do. The search index's vector files
take locks of the same kind under their own folder (graph/vector_files.py), by other names.

`flock` locks belong to an open file, so two threads of one process exclude each other like two
processes do; a thread that already holds a lock must not ask for it again."""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.store import StoreError

LOCK_NAME = "write.lock"


class WriterBusy(StoreError):
    """Another process held the data directory's write lock for longer than we would wait."""


@contextmanager
def exclusive_writer(data_dir: Path, wait_s: float, name: str = LOCK_NAME) -> Iterator[None]:
    """Hold the lock file `name` of the directory (the data directory's write lock unless named) for the
    block; wait at most `wait_s` for it, then raise WriterBusy naming the holder."""
    path = Path(data_dir) / name
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 500, 0).decode("utf-8", "replace").strip() or "another process"
                    raise WriterBusy(
                        f"{Path(data_dir)} is being written by {holder}; waited {wait_s:g} s. Let that import "
                        "finish (or stop it) and try again") from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))[:200]
        os.pwrite(fd, f"pid {os.getpid()} ({command}) since {time.strftime('%H:%M:%S')}".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
