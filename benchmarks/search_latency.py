"""Search latency at 1k / 10k / 100k papers, embedding throughput, and the re-import check.

    .venv/bin/python benchmarks/search_latency.py [--sizes 1000 10000 100000] [--real-embed 1000] [--threads 1]
    .venv/bin/python benchmarks/search_latency.py --sizes 100000 --real-embed 300 --build-data-dir /tmp/d100k
    .venv/bin/python benchmarks/search_latency.py --data-dir /tmp/d100k        # time that data dir's index
    PAPERGRAPH_QUERY_CACHE_SIZE=0 papergraph serve --data-dir /tmp/d100k --port 8731 &
    .venv/bin/python benchmarks/search_latency.py --http http://127.0.0.1:8731   # a running server

Every timed query is a distinct phrasing (a prefix and suffix around each benchmark query) and the
query-vector LRU is off for the headline rows, so no figure benefits from a cached query embedding;
one extra row shows a repeated query (LRU hit). Where the vector index is approximate (IVF), its
recall@10 against an exact scan of the same vectors is printed, for the real query vectors.

In-process mode builds a SearchIndex per size from benchmarks/generate_corpus.py (sample sentences
recombined). Embedding 100k abstracts on two shared CPU cores takes far too long for a benchmark, so
only the first `--real-embed` papers go through MiniLM; the rest get a real embedding of one of those
texts plus Gaussian noise (re-normalised). FAISS and BM25 do the same work on such vectors, and
queries always go through the real model, so latency is measured faithfully; ranking quality is not
(benchmarks/search_quality.py measures that).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import graph.embedding
import graph.vectors
from benchmarks.generate_corpus import generate_batches, generate_slices
from graph.corpus import Corpus
from graph.embedding import DEFAULT_BACKEND, EMBEDDING_BACKENDS, Embedder, MiniLMEmbedder, open_embedder
from graph.search import SearchIndex, embedded_text
from graph.vectors import NPROBE, VectorIndex

QUERIES = ROOT / "benchmarks" / "search_queries.json"


class RecyclingEmbedder:
    """The real model, except inside `recycling()`, where a text already seen maps to its real vector
    and a new text to a noisy copy of a real vector (deterministic per text)."""

    def __init__(self, model: Embedder, real_budget: int, noise: float = 0.05) -> None:
        self._model = model
        self.backend = model.backend
        self._budget = real_budget
        self._noise = noise
        self._base: list[np.ndarray] = []
        self._recycling = False
        self.real_texts = 0

    @property
    def dimension(self) -> int:
        return self._model.dimension

    def warm_up(self) -> None:
        self._model.warm_up()

    @contextmanager
    def recycling(self) -> Iterator[None]:
        self._recycling = True
        try:
            yield
        finally:
            self._recycling = False

    def encode(self, texts: list[str]) -> np.ndarray:
        if not self._recycling:
            return self._model.encode(texts)
        room = max(0, self._budget - self.real_texts)
        real = self._model.encode(texts[:room]) if room else np.zeros((0, self.dimension), np.float32)
        self.real_texts += len(real)
        self._base.extend(real)
        out = [real[i] for i in range(len(real))]
        for text in texts[room:]:
            rng = np.random.default_rng(abs(hash(text)) % (2**32))
            vector = self._base[rng.integers(len(self._base))] + rng.normal(0, self._noise, self.dimension)
            out.append((vector / np.linalg.norm(vector)).astype(np.float32))
        return np.stack(out).astype(np.float32)


_PREFIXES = {"en": ["", "efficient", "fast", "scalable", "low-latency", "practical"],
             "zh": ["", "高效", "快速", "低延迟", "可扩展", "实用"]}
_SUFFIXES = {"en": ["", "for LLM inference", "on edge devices", "with GPUs"],
             "zh": ["", "方法", "在边缘设备上", "用于大模型推理"]}


def query_variants(query: str, lang: str, count: int) -> list[str]:
    """`count` distinct phrasings of a query (a prefix and a suffix around it), so a timed run never
    repeats a query string; the 24 combinations cover every mode's rounds."""
    joiner = " " if lang == "en" else ""
    combos = [(p, s) for s in _SUFFIXES[lang] for p in _PREFIXES[lang]]
    return [joiner.join(part for part in (p, query, s) if part) for p, s in combos[:count]]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def timed(run: Callable[[str], object], queries: list[str]) -> tuple[float, float]:
    samples = []
    for query in queries:
        started = time.perf_counter()
        run(query)
        samples.append(1000 * (time.perf_counter() - started))
    return percentiles(samples)


def embedding_throughput(model: Embedder, count: int) -> float:
    texts = [embedded_text(p) for p in generate_batches(count, seed=99)[0].papers]
    model.encode(texts[:8])
    started = time.perf_counter()
    model.encode(texts)
    return count / (time.perf_counter() - started)


def ann_recall(directory: Path, query_vectors: np.ndarray, backend: str, k: int = 10) -> str:
    """recall@k of the saved vector index against an exact scan of the same vectors."""
    index = VectorIndex.open(directory, query_vectors.shape[1], backend)
    if not index.approximate:
        return "exact index (flat)"
    slots, vectors = index.contents()
    exact = slots[np.argsort(-(query_vectors @ vectors.T), axis=1)[:, :k]]
    found = [{s for s, _ in index.search(q, k)} for q in query_vectors]
    recall = np.mean([len(set(e.tolist()) & f) / k for e, f in zip(exact, found, strict=True)])
    return f"IVF recall@{k} vs exact {recall:.3f} (nprobe {NPROBE})"


def measure(directory: Path, queries: list[tuple[str, str]], embedder: RecyclingEmbedder, rounds: int,
            headline: str) -> None:
    """Open the index under `directory` and time every mode over distinct queries."""
    started = time.perf_counter()
    index = SearchIndex(directory, embedder=embedder)
    reopen = time.perf_counter() - started
    rss = int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0]) / 1024
    ids = [pid for _, pid in Corpus(directory / "corpus.sqlite").slot_ids()]
    allowed = set(random.Random(1).sample(ids, max(1, len(ids) // 10)))
    index.search("warm-up query")
    print(f"\n{headline}; reopened in {reopen:.2f}s (process RSS {rss:.0f} MiB)")
    print(f"  {ann_recall(directory, embedder.encode([q for q, _ in queries]), embedder.backend)}")
    print(f"  {'mode (distinct queries)':28} {'p50 ms':>8} {'p95 ms':>8}")
    runs: dict[str, Callable[[str], object]] = {
        "query embedding alone": lambda q: embedder.encode([q]),
        "hybrid": lambda q: index.search(q, k=10),
        "vector": lambda q: index.search(q, k=10, mode="vector"),
        "lexical": lambda q: index.search(q, k=10, mode="lexical"),
        "hybrid, 10% allowed": lambda q: index.search(q, k=10, allowed=allowed),
        "similar": lambda q: index.similar(ids[hash(q) % len(ids)], k=10),
    }
    # Every timed query is a distinct string, so the query-vector cache never hits in these rows.
    for number, (name, run) in enumerate(runs.items()):
        distinct = [v for q, lang in queries for v in query_variants(q, lang, (number + 1) * rounds)[-rounds:]]
        p50, p95 = timed(run, distinct)
        print(f"  {name:28} {p50:8.1f} {p95:8.1f}")
    repeated = [q for q, _ in queries]
    timed(lambda q: index.search(q, k=10), repeated)
    p50, p95 = timed(lambda q: index.search(q, k=10), repeated)
    print(f"  {'hybrid, repeated (LRU hit)':28} {p50:8.1f} {p95:8.1f}")
    index.close()


def in_process(size: int, queries: list[tuple[str, str]], embedder: RecyclingEmbedder, rounds: int) -> None:
    batches = generate_batches(size, seed=7, papers_per_report=min(size, 5000))
    with tempfile.TemporaryDirectory() as directory:
        index = SearchIndex(Path(directory), embedder=embedder)
        started = time.perf_counter()
        with embedder.recycling():
            built = index.rebuild(batches)
        build = time.perf_counter() - started
        started = time.perf_counter()
        again = index.apply(batches[0])
        reimport = time.perf_counter() - started
        index.close()
        measure(Path(directory), queries, embedder, rounds,
                f"{size} papers: built in {build:.1f}s ({built.embedded} embedded, {embedder.real_texts} by the "
                f"model so far); re-import of a {len(batches[0].papers)}-paper report: {again.embedded} "
                f"embedded, {again.added + again.updated + again.removed} changed, {reimport:.2f}s")


def build_data_dir(directory: Path, papers: int, embedder: RecyclingEmbedder) -> None:
    """A `papergraph serve` data dir holding `papers` synthetic papers, imported as the CLI imports:
    store upsert then index apply, one report at a time (vectors recycled as in-process mode)."""
    from api.service import PapergraphService
    from api.settings import Settings
    from graph.memory import MemoryStore

    started = time.perf_counter()
    service = PapergraphService(Settings(data_dir=directory), store=MemoryStore(directory),
                                index=SearchIndex(directory / "search", embedder=embedder))
    with embedder.recycling():
        for batch in generate_slices(papers):
            service._apply(batch.report.source, [batch])
    service.index.close()
    service.close()
    print(f"built {directory} with {papers} papers in {time.perf_counter() - started:.0f}s "
          f"({embedder.real_texts} texts embedded by the model)")


def over_http(url: str, queries: list[tuple[str, str]], rounds: int) -> None:
    """Latency of `GET /api/search` as a client sees it (the server has loaded its model already).
    Every request is a distinct query string; start the server with PAPERGRAPH_QUERY_CACHE_SIZE=0 so
    that two Chinese phrasings with the same English expansion do not share a cached vector."""
    import httpx

    with httpx.Client(base_url=url, timeout=600) as client:
        def run(query: str, mode: str = "hybrid") -> None:
            client.get("/api/search", params={"q": query, "k": 10, "mode": mode}).raise_for_status()

        run("warm-up query")
        for number, mode in enumerate(("hybrid", "vector", "lexical")):
            distinct = [v for q, lang in queries
                        for v in query_variants(q, lang, (number + 1) * rounds)[-rounds:]]
            p50, p95 = timed(lambda q, mode=mode: run(q, mode), distinct)
            print(f"HTTP {url}/api/search {mode:7}: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
                  f"over {len(distinct)} distinct queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--real-embed", type=int, default=1000, help="papers embedded by the real model")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads for the model and for search-query embedding")
    parser.add_argument("--backend", default=DEFAULT_BACKEND, choices=EMBEDDING_BACKENDS)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the query set")
    parser.add_argument("--http", metavar="URL", help="measure a running server instead")
    parser.add_argument("--build-data-dir", metavar="DIR", type=Path,
                        help="build a serve data dir of --sizes[0] papers and exit")
    parser.add_argument("--data-dir", metavar="DIR", type=Path,
                        help="measure the search index of a built serve data dir (no --sizes builds)")
    args = parser.parse_args()
    queries = [(q["query"], q["lang"]) for q in json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]]
    if args.http:
        over_http(args.http.rstrip("/"), queries, args.rounds)
        return
    model = MiniLMEmbedder(threads=args.threads) if args.backend == "torch" else open_embedder(args.backend)
    graph.embedding.QUERY_THREADS = args.threads  # read when the query-embedding thread starts
    print(f"embedding throughput: {embedding_throughput(model, 256):.0f} abstracts/s "
          f"(MiniLM, {model.backend}, CPU, {args.threads} torch thread(s) if torch; "
          f"load average {os.getloadavg()[0]:.1f})")
    embedder = RecyclingEmbedder(model, args.real_embed)
    if args.build_data_dir:
        build_data_dir(args.build_data_dir, args.sizes[0], embedder)
        return
    if args.data_dir:
        measure(args.data_dir / "search", queries, embedder, args.rounds, f"data dir {args.data_dir}")
    else:
        for size in args.sizes:
            in_process(size, queries, embedder, args.rounds)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS {peak:.0f} MB; {len(queries)} queries x {args.rounds} distinct phrasings per mode "
          f"(query embedding included)")


if __name__ == "__main__":
    main()
