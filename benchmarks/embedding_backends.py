"""Embedding backends side by side: speed, closeness to torch fp32, and search quality (the quality guard).

    .venv/bin/python benchmarks/embedding_backends.py [--texts 300] [--rounds 3] [--backends torch onnx onnx-int8]

All backends run in one process, interleaved round by round, on the same texts (title + abstract of
synthetic papers recombined from the sample, benchmarks/generate_corpus.py), so their ratios share the
machine's load. Per backend: abstracts/s (median of the rounds), one-query embedding p50 and p95 over
distinct queries (on a thread limited to QUERY_THREADS, as a request thread is when it embeds a query), cosine to torch's vector per text (mean / min), overlap of each labelled query's
vector top 10 with torch's, and recall@10 / MRR on the labelled queries of benchmarks/search_quality.py
in vector-only and hybrid search. The guard: the default backend within 0.01 of torch on both.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np

from benchmarks.generate_corpus import generate_batches
from benchmarks.search_latency import query_variants
from benchmarks.search_quality import QUERIES, SAMPLE, evaluate, load_batch, paper_numbers
from graph.embedding import DEFAULT_BACKEND, EMBEDDING_BACKENDS, Embedder, limit_query_threads, open_embedder
from graph.search import SearchIndex, embedded_text

GUARD = 0.01
QUERY_P50_TARGET_MS = 3.0


def throughput(model: Embedder, texts: list[str]) -> float:
    started = time.perf_counter()
    model.encode(texts)
    return len(texts) / (time.perf_counter() - started)


def query_latency(model: Embedder, queries: list[str]) -> tuple[float, float]:
    samples = []
    for query in queries:
        started = time.perf_counter()
        model.encode([query])
        samples.append(1000 * (time.perf_counter() - started))
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def quality(model: Embedder, queries: list[dict]) -> tuple[dict[str, dict[str, float]], list[list[str]]]:
    """recall@10 / MRR per mode on the sample, and each query's vector top 10 (paper ids)."""
    batch = load_batch(SAMPLE)
    numbers = paper_numbers(batch)
    with tempfile.TemporaryDirectory() as directory:
        index = SearchIndex(Path(directory), embedder=model)
        index.apply(batch)
        scores = {mode: evaluate(index, queries, numbers, mode) for mode in ("vector", "hybrid")}
        tops = [[h.paper_id for h in index.search(q["query"], k=10, mode="vector")] for q in queries]
        index.close()
    return scores, tops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backends", nargs="+", default=list(EMBEDDING_BACKENDS), choices=EMBEDDING_BACKENDS)
    args = parser.parse_args()
    backends = ["torch", *(b for b in args.backends if b != "torch")]
    texts = [embedded_text(p) for p in generate_batches(args.texts, seed=99)[0].papers]
    labelled = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    distinct = [v for q in labelled if q["lang"] == "en" for v in query_variants(q["query"], "en", 6)]
    models = {name: open_embedder(name) for name in backends}
    for name, model in models.items():
        if model.backend != name:
            print(f"warning: {name} fell back to {model.backend}")
        model.warm_up()

    # Queries are embedded as a request thread embeds them: torch limited to QUERY_THREADS (a thread of its
    # own here keeps the batch thread at torch's default) (the ONNX backends use a one-thread session for one text).
    query_thread = ThreadPoolExecutor(max_workers=1, initializer=limit_query_threads)
    rates: dict[str, list[float]] = {name: [] for name in backends}
    latencies: dict[str, list[tuple[float, float]]] = {name: [] for name in backends}
    for _ in range(args.rounds):
        for name, model in models.items():
            rates[name].append(throughput(model, texts))
            latencies[name].append(query_thread.submit(query_latency, model, distinct).result())
    reference = models["torch"].encode(texts)
    results = {name: quality(model, labelled) for name, model in models.items()}

    print(f"{len(texts)} texts, {args.rounds} interleaved rounds, {len(distinct)} distinct one-text queries; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(f"{'backend':10} {'texts/s':>8} {'vs torch':>8} {'query p50':>10} {'p95':>6} "
          f"{'cos mean':>9} {'cos min':>8} {'top10':>6}")
    torch_rate = statistics.median(rates["torch"])
    for name, model in models.items():
        cosines = (model.encode(texts) * reference).sum(axis=1)
        overlap = np.mean([len(set(a) & set(b)) / max(1, len(a))
                           for a, b in zip(results[name][1], results["torch"][1], strict=True)])
        p50 = statistics.median(p for p, _ in latencies[name])
        p95 = statistics.median(p for _, p in latencies[name])
        rate = statistics.median(rates[name])
        print(f"{name:10} {rate:8.1f} {rate / torch_rate:8.2f} {p50:8.2f}ms {p95:6.2f} "
              f"{cosines.mean():9.4f} {cosines.min():8.4f} {overlap:6.3f}")

    print(f"\nsearch quality on {len(labelled)} labelled queries (recall@10 / MRR; delta to torch)")
    for name in models:
        cells = []
        for mode in ("vector", "hybrid"):
            got, ref = results[name][0][mode], results["torch"][0][mode]
            cells.append(f"{mode} {got['recall@10']:.3f} / {got['mrr']:.3f} "
                         f"({got['recall@10'] - ref['recall@10']:+.3f} / {got['mrr'] - ref['mrr']:+.3f})")
        print(f"  {name:10} " + "   ".join(cells))
    default = results[DEFAULT_BACKEND][0]
    kept = all(default[m][metric] >= results["torch"][0][m][metric] - GUARD
               for m in ("vector", "hybrid") for metric in ("recall@10", "mrr"))
    default_p50 = statistics.median(p for p, _ in latencies[DEFAULT_BACKEND])
    print(f"\nguard (default {DEFAULT_BACKEND} within {GUARD} of torch on recall@10 and MRR, vector and hybrid): "
          f"{'met' if kept else 'NOT met'}")
    print(f"target: query embedding p50 <= {QUERY_P50_TARGET_MS} ms with {DEFAULT_BACKEND}: "
          f"{default_p50:.2f} ms, {'met' if default_p50 <= QUERY_P50_TARGET_MS else 'NOT met'}")


if __name__ == "__main__":
    main()
