"""Search latency at 1k / 10k / 100k papers, embedding throughput, and the re-import check.

    .venv/bin/python benchmarks/search_latency.py [--sizes 1000 10000 100000] [--real-embed 1000] [--threads 1]
    .venv/bin/python benchmarks/search_latency.py --http http://127.0.0.1:8000   # a running `papergraph serve`

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

from benchmarks.generate_corpus import generate_batches
from graph.embedding import MiniLMEmbedder
from graph.search import SearchIndex, embedded_text

QUERIES = ROOT / "benchmarks" / "search_queries.json"


class RecyclingEmbedder:
    """The real model, except inside `recycling()`, where a text already seen maps to its real vector
    and a new text to a noisy copy of a real vector (deterministic per text)."""

    def __init__(self, model: MiniLMEmbedder, real_budget: int, noise: float = 0.05) -> None:
        self._model = model
        self._budget = real_budget
        self._noise = noise
        self._base: list[np.ndarray] = []
        self._recycling = False
        self.real_texts = 0

    @property
    def dimension(self) -> int:
        return self._model.dimension

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


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def timed(run: Callable[[str], object], queries: list[str], rounds: int) -> tuple[float, float]:
    samples = []
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            run(query)
            samples.append(1000 * (time.perf_counter() - started))
    return percentiles(samples)


def embedding_throughput(model: MiniLMEmbedder, count: int) -> float:
    texts = [embedded_text(p) for p in generate_batches(count, seed=99)[0].papers]
    model.encode(texts[:8])
    started = time.perf_counter()
    model.encode(texts)
    return count / (time.perf_counter() - started)


def in_process(size: int, queries: list[str], embedder: RecyclingEmbedder, rounds: int) -> None:
    batches = generate_batches(size, seed=7, papers_per_report=min(size, 5000))
    with tempfile.TemporaryDirectory() as directory:
        index = SearchIndex(Path(directory), embedder=embedder)
        started = time.perf_counter()
        with embedder.recycling():
            built = index.rebuild(batches)
        build = time.perf_counter() - started
        index.close()
        started = time.perf_counter()
        index = SearchIndex(Path(directory), embedder=embedder)
        reopen = time.perf_counter() - started
        started = time.perf_counter()
        again = index.apply(batches[0])
        reimport = time.perf_counter() - started
        ids = sorted(p.id for b in batches for p in b.papers)
        allowed = set(random.Random(1).sample(ids, max(1, len(ids) // 10)))
        index.search("warm-up query")
        print(f"\n{size} papers: built in {build:.1f}s ({built.embedded} embedded, {embedder.real_texts} "
              f"by the model so far); reopened in {reopen:.2f}s; re-import of a {len(batches[0].papers)}-paper "
              f"report: {again.embedded} embedded, {again.added + again.updated + again.removed} changed, "
              f"{reimport:.2f}s")
        print(f"  {'mode':22} {'p50 ms':>8} {'p95 ms':>8}")
        runs: dict[str, Callable[[str], object]] = {
            "query embedding alone": lambda q: embedder.encode([q]),
            "hybrid": lambda q: index.search(q, k=10),
            "vector": lambda q: index.search(q, k=10, mode="vector"),
            "lexical": lambda q: index.search(q, k=10, mode="lexical"),
            "hybrid, 10% allowed": lambda q: index.search(q, k=10, allowed=allowed),
            "similar": lambda q: index.similar(ids[hash(q) % len(ids)], k=10),
        }
        for name, run in runs.items():
            p50, p95 = timed(run, queries, rounds)
            print(f"  {name:22} {p50:8.1f} {p95:8.1f}")
        index.close()


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
        for start in range(0, papers, 10_000):  # generate in slices to keep the builder's memory flat
            for batch in generate_batches(min(10_000, papers - start), seed=start + 1):
                service._apply(batch.report.source, [batch])
    service.index.close()
    service.close()
    print(f"built {directory} with {papers} papers in {time.perf_counter() - started:.0f}s "
          f"({embedder.real_texts} texts embedded by the model)")


def over_http(url: str, queries: list[str], rounds: int) -> None:
    """Latency of `GET /api/search` as a client sees it (the server has loaded its model already)."""
    import httpx

    with httpx.Client(base_url=url, timeout=30) as client:
        def run(query: str) -> None:
            client.get("/api/search", params={"q": query, "k": 10}).raise_for_status()

        run("warm-up query")
        p50, p95 = timed(run, queries, rounds)
    print(f"HTTP {url}/api/search: p50 {p50:.1f} ms, p95 {p95:.1f} ms over {rounds * len(queries)} requests")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--real-embed", type=int, default=1000, help="papers embedded by the real model")
    parser.add_argument("--threads", type=int, default=1, help="torch threads for the model")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the query set")
    parser.add_argument("--http", metavar="URL", help="measure a running server instead")
    parser.add_argument("--build-data-dir", metavar="DIR", type=Path,
                        help="build a serve data dir of --sizes[0] papers and exit")
    args = parser.parse_args()
    queries = [q["query"] for q in json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]]
    if args.http:
        over_http(args.http.rstrip("/"), queries, args.rounds)
        return
    model = MiniLMEmbedder(threads=args.threads)
    print(f"embedding throughput: {embedding_throughput(model, 256):.0f} abstracts/s "
          f"(MiniLM, CPU, batch 64, {args.threads} torch thread(s); load average {os.getloadavg()[0]:.1f})")
    embedder = RecyclingEmbedder(model, args.real_embed)
    if args.build_data_dir:
        build_data_dir(args.build_data_dir, args.sizes[0], embedder)
        return
    for size in args.sizes:
        in_process(size, queries, embedder, args.rounds)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS {peak:.0f} MB; {len(queries)} queries x {args.rounds} rounds per mode "
          f"(query embedding included)")


if __name__ == "__main__":
    main()
