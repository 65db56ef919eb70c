"""Bytes written by a 100-paper import into a large store: the vector log against the whole-index rewrite.

    .venv/bin/python benchmarks/index_growth.py [--papers 20000] [--new 100] [--data-dir DIR]

Builds an embedded store of `--papers` synthetic papers (benchmarks/generate_corpus.py) with its search
index, then imports one report of `--new` papers never seen before, as `papergraph import` does (store,
then index). Vectors are random unit vectors derived from each text (a stand-in embedder: the model's
speed is not what this measures). Bytes written are the process's write() bytes (/proc/self/io
`wchar`) during the import: everything the store and the index write, and a checkpoint of the SQLite
files right after it (the pages SQLite would copy from its write-ahead logs into the files later). "Whole-index rewrite" is what
saving the vector index cost per import before the log: writing the whole FAISS file, measured here by
compacting right after the import; the log is compacted before the import, so the import does not set
off a compaction of its own, and the amortised share of compactions is printed apart. `--data-dir` keeps the built store for another run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.service import PapergraphService
from api.settings import Settings
from benchmarks.generate_corpus import generate_batches, generate_slices
from graph.memory import MemoryStore
from graph.search import SearchIndex
from graph.vector_files import COMPACT_MIN_BYTES, COMPACT_SHARE

TARGET_SHARE = 0.05


class RandomEmbedder:
    """A unit vector per text, derived from its hash: as many bytes as MiniLM's, none of its cost."""

    backend = "random"
    dimension = 384

    def warm_up(self) -> None:
        return None

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = np.stack([
            np.random.default_rng(int.from_bytes(hashlib.sha1(t.encode()).digest()[:8], "little"))
            .normal(size=self.dimension) for t in texts
        ]) if texts else np.zeros((0, self.dimension))
        return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def written_bytes() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("wchar:"):
            return int(line.split()[1])
    raise RuntimeError("no wchar in /proc/self/io")


def checkpoint(directory: Path) -> int:
    """Copy the pages the import wrote to SQLite's write-ahead logs into the database files now (SQLite
    does it once a log reaches 1000 pages), so the import is charged for them; the bytes this wrote."""
    before = written_bytes()
    for path in (directory / "graph.sqlite3", directory / "search" / "corpus.sqlite",
                 directory / "search" / "embeddings.sqlite"):
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return written_bytes() - before


def open_service(directory: Path) -> PapergraphService:
    return PapergraphService(Settings(data_dir=directory), store=MemoryStore(directory),
                             index=SearchIndex(directory / "search", embedder=RandomEmbedder()))


def build(directory: Path, papers: int) -> None:
    service = open_service(directory)
    for batch in generate_slices(papers):
        service._apply(batch.report.source, [batch])
    service.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20_000)
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--seed", type=int, default=987_654, help="of the new report (a new one per run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.data_dir or Path(scratch) / "data"
        started = time.perf_counter()
        if not (directory / "search").exists():
            build(directory, args.papers)
        built = time.perf_counter() - started
        checkpoint(directory)  # so the checkpoint after the import holds its pages only (before the store
        service = open_service(directory)  # opens: a checkpoint by another connection makes it reload)
        held = service.index.paper_count()
        service.index.compact()  # an empty log: this import's records alone cannot trigger a compaction
        batch = generate_batches(args.new, seed=args.seed)[0]
        search = directory / "search"
        log_before = sum(p.stat().st_size for p in search.glob("vectors.*.log"))
        before = written_bytes()
        started = time.perf_counter()
        service.store.upsert_all([batch])  # the two writes of an import, apart to tell their bytes apart
        store_bytes = written_bytes() - before
        update = service.index.apply(batch)
        seconds = time.perf_counter() - started
        index_bytes = written_bytes() - before - store_bytes
        checkpoint_bytes = checkpoint(directory)
        import_bytes = written_bytes() - before
        log_bytes = sum(p.stat().st_size for p in search.glob("vectors.*.log")) - log_before
        assert update.added == args.new, update
        before = written_bytes()
        service.index.compact()
        rewrite_bytes = written_bytes() - before
        service.close()
    old_import = import_bytes + rewrite_bytes
    share = import_bytes / old_import
    threshold = max(COMPACT_MIN_BYTES, COMPACT_SHARE * rewrite_bytes)
    amortised = rewrite_bytes * log_bytes / threshold
    print(f"store of {held} papers (built in {built:.0f}s); import of {args.new} new papers in {seconds:.2f}s")
    print(f"  bytes written by the import: {import_bytes / 1e6:.2f} MB: graph store {store_bytes / 1e6:.2f} MB, "
          f"search index {index_bytes / 1e6:.2f} MB (vector log {log_bytes / 1e3:.0f} kB), checkpoints of "
          f"their SQLite write-ahead logs {checkpoint_bytes / 1e6:.2f} MB")
    print(f"  whole-index rewrite per import before the log: {rewrite_bytes / 1e6:.2f} MB; now one per "
          f"{threshold / 1e6:.1f} MB of log, {amortised / 1e6:.2f} MB per import of this size amortised")
    print(f"  import now vs before: {share:.1%} of {old_import / 1e6:.2f} MB "
          f"(target <= {TARGET_SHARE:.0%}: {'met' if share <= TARGET_SHARE else 'NOT met'}); "
          f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
