"""Search quality on hand-labelled queries over the sample report: recall@10 and MRR per mode.

    .venv/bin/python benchmarks/search_quality.py [--report PATH] [--queries PATH] [--verbose]

Each query in benchmarks/search_queries.json names the papers that should come back by their `### N.`
number in the report; the report is extracted with the ingest pipeline and indexed in a temporary
directory with the real MiniLM model, then every query runs in vector-only, lexical-only and hybrid
mode.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.embedding import DEFAULT_BACKEND, EMBEDDING_BACKENDS, open_embedder
from graph.model import ImportBatch
from graph.search import SEARCH_MODES, SearchIndex

SAMPLE = Path("/work/shared/data/reports/ai-inference-acceleration-2025-10-15.md")
QUERIES = ROOT / "benchmarks" / "search_queries.json"
K = 10


def load_batch(report: Path) -> ImportBatch:
    from ingest.pipeline import extract_report

    return extract_report(report)


def paper_numbers(batch: ImportBatch) -> dict[int, str]:
    """`### N.` number -> paper id (a paper listed twice answers to both numbers)."""
    return {source.index: paper.id for paper in batch.papers for source in paper.sources}


def evaluate(index: SearchIndex, queries: list[dict], numbers: dict[int, str], mode: str,
             verbose: bool = False) -> dict[str, float]:
    recalls, reciprocal_ranks, timings = [], [], []
    for item in queries:
        expected = {numbers[n] for n in item["expected"] if n in numbers}
        started = time.perf_counter()
        hits = index.search(item["query"], k=K, mode=mode)
        timings.append(time.perf_counter() - started)
        ranked = [h.paper_id for h in hits]
        found = expected & set(ranked)
        recalls.append(len(found) / len(expected) if expected else 0.0)
        first = next((rank for rank, pid in enumerate(ranked, start=1) if pid in expected), None)
        reciprocal_ranks.append(1.0 / first if first else 0.0)
        if verbose:
            by_id = {pid: n for n, pid in numbers.items()}
            got = [by_id.get(pid) for pid in ranked]
            print(f"  [{mode:7}] {item['query'][:40]:40} recall={recalls[-1]:.2f} first={first} got={got}")
    return {
        "recall@10": sum(recalls) / len(recalls),
        "mrr": sum(reciprocal_ranks) / len(reciprocal_ranks),
        "ms_per_query": 1000 * sum(timings) / len(timings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, default=SAMPLE)
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--verbose", action="store_true", help="print every query's ranking")
    parser.add_argument("--backend", default=DEFAULT_BACKEND, choices=EMBEDDING_BACKENDS)
    args = parser.parse_args()

    batch = load_batch(args.report)
    numbers = paper_numbers(batch)
    queries = json.loads(args.queries.read_text(encoding="utf-8"))["queries"]
    with tempfile.TemporaryDirectory() as directory:
        index = SearchIndex(Path(directory), embedder=open_embedder(args.backend))
        started = time.perf_counter()
        update = index.apply(batch)
        print(f"indexed {index.paper_count()} papers ({update.embedded} embedded) "
              f"in {time.perf_counter() - started:.1f}s with {index.backend}; {len(queries)} queries, "
              f"{sum(q['lang'] == 'zh' for q in queries)} in Chinese")
        index.search("warm-up")
        languages = {"all": queries, "en": [q for q in queries if q["lang"] == "en"],
                     "zh": [q for q in queries if q["lang"] == "zh"]}
        print(f"{'mode':8} {'queries':8} {'recall@10':>10} {'MRR':>6} {'ms/query':>9}")
        for mode in ("vector", "lexical", "hybrid"):
            assert mode in SEARCH_MODES
            for name, subset in languages.items():
                result = evaluate(index, subset, numbers, mode, verbose=args.verbose and name == "all")
                print(f"{mode:8} {name:8} {result['recall@10']:10.3f} {result['mrr']:6.3f} "
                      f"{result['ms_per_query']:9.1f}")
        index.close()


if __name__ == "__main__":
    main()
