"""Import throughput of a graph store: nodes + relationships written per second.

    python benchmarks/store_import.py [--papers 5000]
    python benchmarks/store_import.py --store neo4j --uri bolt://HOST:7687 --user neo4j --password ...

Target for the embedded store: >= 20k nodes+relationships/s. Also times an idempotent re-import
(every node reported unchanged, nothing written).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate_corpus import generate_batches

from graph.open_store import open_store


def _size(counts: dict[str, dict[str, int]]) -> tuple[int, int]:
    return sum(counts["nodes"].values()), sum(counts["relationships"].values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--per-report", type=int, default=1000)
    parser.add_argument("--store", choices=("memory", "neo4j"), default="memory")
    parser.add_argument("--uri", default="bolt://localhost:7687")
    parser.add_argument("--user", default="neo4j")
    parser.add_argument("--password", default="")
    parser.add_argument("--database", default=None)
    args = parser.parse_args()

    batches = generate_batches(args.papers, papers_per_report=args.per_report)
    with tempfile.TemporaryDirectory(prefix="papergraph-bench-") as tmp:
        settings = ({"uri": args.uri, "user": args.user, "password": args.password, "database": args.database}
                    if args.store == "neo4j" else {})
        store = open_store(args.store, Path(tmp), **settings)
        try:
            if hasattr(store, "clear"):
                store.clear()
            started, cpu_started = time.perf_counter(), time.process_time()
            for batch in batches:
                store.upsert(batch)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            nodes, rels = _size(store.counts())
            started = time.perf_counter()
            unchanged = [not store.upsert(batch).changed for batch in batches]
            again = time.perf_counter() - started
        finally:
            store.close()
    print(f"store={args.store} papers={args.papers} reports={len(batches)}")
    print(f"graph: {nodes} nodes, {rels} relationships")
    rate = (nodes + rels) / elapsed
    print(f"import: {elapsed:.2f} s, {rate:,.0f} nodes+rels/s (target >= 20,000/s embedded); "
          f"client CPU {cpu:.2f} s = {(nodes + rels) / cpu:,.0f}/s of CPU")
    print(f"re-import (idempotent, all unchanged={all(unchanged)}): {again:.2f} s")


if __name__ == "__main__":
    main()
