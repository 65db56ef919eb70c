"""Start-up time and resident memory of the embedded store at a given corpus size.

    python benchmarks/store_startup.py [--papers 2000 10000] [--keep]   # e.g. --papers 10000 100000

For each size it builds a store (cached under bench-out/ with --keep), then opens it in a fresh
subprocess that reports the load time and its RSS. Targets at 100k papers: < 10 s and < 2 GiB.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO))

from generate_corpus import generate_slices

from graph.memory import MemoryStore

_OPEN = """
import json, resource, sys, time
t0 = time.perf_counter()
from graph.memory import MemoryStore
t1, cpu1 = time.perf_counter(), time.process_time()
store = MemoryStore(sys.argv[1])
t2, cpu2 = time.perf_counter(), time.process_time()
counts = store.counts()
page = store.list_nodes("Paper", limit=20)
t3 = time.perf_counter()
rss = int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) * 1024
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "load_cpu_s": cpu2 - cpu1, "first_listing_s": t3 - t2, "rss": rss,
                  "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                  "nodes": sum(counts["nodes"].values()), "rels": sum(counts["relationships"].values()),
                  "page": len(page.items)}))
"""


def store_dir(papers: int) -> Path:
    """Where the store of `papers` synthetic papers is built: shared by store_startup, cross_report and
    rdf_export, so one build serves all three."""
    return REPO / "bench-out" / f"startup-{papers}"


def build(data_dir: Path, papers: int) -> float:
    """Import `papers` synthetic papers into `data_dir` unless already there; returns seconds spent."""
    marker = data_dir / f"complete-{papers}"
    if marker.exists():
        return 0.0
    shutil.rmtree(data_dir, ignore_errors=True)
    started = time.perf_counter()
    store = MemoryStore(data_dir)
    for batch in generate_slices(papers):
        store.upsert(batch)
    store.close()
    marker.touch()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--keep", action="store_true", help="keep the built stores under bench-out/")
    args = parser.parse_args()
    for papers in args.papers:
        data_dir = store_dir(papers)
        built = build(data_dir, papers)
        db_mb = sum(f.stat().st_size for f in data_dir.glob("graph.sqlite3*")) / 2**20
        out = subprocess.run([sys.executable, "-c", _OPEN, str(data_dir)], cwd=REPO, check=True,
                             capture_output=True, text=True)
        figures = json.loads(out.stdout)
        print(f"papers={papers}: {figures['nodes']} nodes, {figures['rels']} relationships, "
              f"db {db_mb:.0f} MiB" + (f", built in {built:.1f} s" if built else " (cached)"))
        print(f"  start-up {figures['load_s']:.2f} s wall, {figures['load_cpu_s']:.2f} s CPU "
              f"(+{figures['import_s']:.2f} s imports), "
              f"first listing {figures['first_listing_s']:.2f} s, RSS {figures['rss'] / 2**20:.0f} MiB "
              f"(peak {figures['peak_rss'] / 2**20:.0f} MiB); targets at 100k: < 10 s, < 2048 MiB")
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
