"""Trends and leaderboards over a large embedded store, in process (issue 8's targets).

    python benchmarks/cross_report.py [--papers 10000] [--rounds 20] [--keep]   # the target: --papers 100000

Builds a store of synthetic papers in weekly dated reports of 1,000 papers (store_startup.build; cached
under bench-out/ with --keep, shared with store_startup.py), opens it, and times each question through the same functions the API calls
(`api.analytics`): the first call after opening (which tallies the graph), the p50 of new questions
(each round asks for a different number of rows, so the answer memo misses: a leaderboard is ranked
again from the store's claims, a trend cut again from the dimension's per-entity totals, which are kept
per data version), and the p50 of a repeated question (answered from the memo until the next write). Target at 100k papers: new-question p50 <= 100 ms for trends and a leaderboard.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO))

from store_startup import build, store_dir

from api import analytics
from graph.memory import MemoryStore

TARGET_P50_MS = 100.0


# Each question takes a round number that changes only how many rows it asks for, so every round is a
# question the answer memo has not seen (the store's own tallies of the graph stay warm).
QUESTIONS = {
    "trends by category": lambda s, i: analytics.trends(s, "category", top=10 + i),
    "trends by institution, rising": lambda s, i: analytics.trends(s, "institution", top=10 + i, sort="rising"),
    "trends by technique in one category": lambda s, i: analytics.trends(s, "technique", 10 + i, "quantization"),
    "leaderboard speedup": lambda s, i: analytics.leaderboard(s, "speedup", k=20 + i),
    "leaderboard speedup, one category": lambda s, i: analytics.leaderboard(s, "speedup", category="quantization",
                                                                            k=20 + i),
    "leaderboard latency on one device": lambda s, i: analytics.leaderboard(s, "latency", hardware="hw:nvidia-a100",
                                                                            k=20 + i),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=10_000, help="the target is set at 100000")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the built store under bench-out/")
    args = parser.parse_args()
    data_dir = store_dir(args.papers)
    built = build(data_dir, args.papers)
    print(f"store of {args.papers} papers: " + (f"built in {built:.1f} s" if built else "reused"))
    started = time.perf_counter()
    store = MemoryStore(data_dir)
    print(f"opened in {time.perf_counter() - started:.1f} s; {store.counts()['nodes']['Report']} dated reports")
    worst = 0.0
    try:
        for name, ask in QUESTIONS.items():
            t0 = time.perf_counter()
            answer = ask(store, 0)
            first = (time.perf_counter() - t0) * 1000
            fresh, repeated = [], []
            for i in range(1, args.rounds + 1):
                t0 = time.perf_counter()
                ask(store, i)
                fresh.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                ask(store, 0)
                repeated.append((time.perf_counter() - t0) * 1000)
            p50 = statistics.median(fresh)
            worst = max(worst, p50)
            size = len(answer.series) if hasattr(answer, "series") else len(answer.rows)
            print(f"{name:<38} first {first:7.0f} ms  new question p50 {p50:6.1f} ms (max {max(fresh):6.1f})  "
                  f"repeated p50 {statistics.median(repeated):5.2f} ms  ({size} rows)")
    finally:
        store.close()
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    verdict = "met" if worst <= TARGET_P50_MS else "MISSED"
    print(f"slowest new-question p50 {worst:.1f} ms at {args.papers} papers; "
          f"target at 100,000 papers p50 <= {TARGET_P50_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
