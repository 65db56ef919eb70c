"""Parsing + extraction throughput (no embeddings, no store) on one core, in papers per second.

Usage: python benchmarks/extraction_speed.py [--report R.md] [--rounds N] [--corpus-rounds N]
The one-time ontology load is timed apart: it is paid once per process, not per paper.
No cache keyed by text spans rounds: the token table (ontology.load.token_table) keeps the last 64 texts,
fewer than one round's ~300, so it only serves the extractors of the same paper (compiled ontology tables
and regexes are per process, as in a real import). Python's own regex cache (512 patterns) does outlive a
round, so patterns built from one paper's names would be compiled once for all rounds of the same report;
the second figure therefore rotates over every dated report in benchmarks/gold/reports (about 600
papers a round), as a run of new reports would.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_REPORT = ROOT.parent / "shared" / "data" / "reports" / "ai-inference-acceleration-2025-10-15.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--corpus-rounds", type=int, default=3, help="rounds over every dated report")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says

    started = time.perf_counter()
    from ingest.pipeline import extract_text

    text = args.report.read_text(encoding="utf-8")
    first = extract_text(text, args.report.name)  # loads and compiles the ontology
    warm = time.perf_counter() - started

    rates, cpu_rates = [], []
    for _ in range(args.rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        batch = extract_text(text, args.report.name)
        rates.append(len(batch.papers) / (time.perf_counter() - t0))
        cpu_rates.append(len(batch.papers) / max(time.process_time() - c0, 1e-9))
    print(f"report: {args.report.name}, {len(first.papers)} papers, {args.rounds} rounds on one core")
    print(f"first run incl. imports and ontology load: {warm:.2f} s")
    print(f"papers/s: median {statistics.median(rates):.0f}, min {min(rates):.0f}, max {max(rates):.0f} "
          f"(target >= 700: issue 7 asks that it stays there; the first target was 500)")
    # On a shared machine wall time includes waiting for the core; CPU time is what the work costs.
    print(f"papers per CPU-second: median {statistics.median(cpu_rates):.0f}, max {max(cpu_rates):.0f}")

    reports = sorted((ROOT / "benchmarks" / "gold" / "reports").glob("*.md"))
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in reports]
    rates, cpu_rates = [], []
    for _ in range(args.corpus_rounds):
        t0, c0, papers = time.perf_counter(), time.process_time(), 0
        for name, report_text in texts:
            papers += len(extract_text(report_text, name).papers)
        rates.append(papers / (time.perf_counter() - t0))
        cpu_rates.append(papers / max(time.process_time() - c0, 1e-9))
    if texts and rates:  # --corpus-rounds 0 skips the rotation
        print(f"rotating over {len(texts)} dated reports ({papers} papers a round), {args.corpus_rounds} rounds: "
              f"papers/s median {statistics.median(rates):.0f}; per CPU-second median "
              f"{statistics.median(cpu_rates):.0f}, max {max(cpu_rates):.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
