"""Import throughput of the Neo4j store: nodes + relationships written per second over Bolt.

    python benchmarks/neo4j_import.py [--papers 2000]                 # ArcadeDB's Bolt server, started here
    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... python benchmarks/neo4j_import.py   # a real Neo4j

Without NEO4J_URI it starts the same local Bolt server (a child process) the tests use (tests/neo4j_server.py).
Target: >= 5,000 nodes+relationships/s on a warm server (a production Neo4j runs for weeks); the first
import into a freshly started JVM is printed too. Also times an idempotent re-import (reads only).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO))

from generate_corpus import generate_batches

from graph.model import ImportBatch
from graph.neo4j import Neo4jStore
from tests.neo4j_server import arcadedb_bolt_server, settings_from_env

TARGET_PER_S = 5_000


@contextlib.contextmanager
def bolt_server() -> Iterator[tuple[str, dict[str, str]]]:
    external = settings_from_env()
    if external is not None:
        yield external["uri"], external
        return
    with arcadedb_bolt_server() as settings:
        yield "ArcadeDB Bolt (arcadedb-embedded, child process on loopback)", settings


def _import(store: Neo4jStore, batches: list[ImportBatch]) -> float:
    started = time.perf_counter()
    for batch in batches:
        store.upsert(batch)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=2000)
    parser.add_argument("--per-report", type=int, default=500)
    args = parser.parse_args()

    batches = generate_batches(args.papers, papers_per_report=args.per_report)
    with bolt_server() as (server, settings):
        store = Neo4jStore(**settings)
        try:
            store.clear()
            cold = _import(store, batches)
            store.clear()
            elapsed = _import(store, batches)
            counts = store.counts()
            started = time.perf_counter()
            unchanged = all(not store.upsert(batch).changed for batch in batches)
            again = time.perf_counter() - started
            store.clear()
        finally:
            store.close()
    nodes, rels = sum(counts["nodes"].values()), sum(counts["relationships"].values())
    rate = (nodes + rels) / elapsed
    print(f"server: {server}")
    print(f"papers={args.papers} reports={len(batches)} graph: {nodes} nodes, {rels} relationships")
    print(f"first import (cold server): {cold:.2f} s, {(nodes + rels) / cold:,.0f} nodes+rels/s")
    print(f"import (warm server): {elapsed:.2f} s, {rate:,.0f} nodes+rels/s (target >= {TARGET_PER_S:,}/s: "
          f"{'met' if rate >= TARGET_PER_S else 'NOT met'})")
    print(f"re-import (idempotent, all unchanged={unchanged}): {again:.2f} s")


if __name__ == "__main__":
    main()
