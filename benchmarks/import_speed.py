"""A report of new papers imported end to end, per embedding backend, against torch fp32 embedding alone.

    .venv/bin/python benchmarks/import_speed.py [--papers 344] [--rounds 2] [--backends torch onnx-int8]

The report is synthetic (benchmarks/generate_corpus.py: the sample's sentences recombined, so every
abstract is new) and written as an interchange JSON file, so extraction from Markdown is not part of the
figure. Each round, side by side: torch fp32 (sentence-transformers) embeds the report's texts alone,
then, per backend, `papergraph import FILE` runs as a fresh process into an empty data dir (process
start, ontology, model load, store and index writes all included), then the same import in process with
the model already loaded. The target compares the default backend's end-to-end import with torch's
embedding alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.service import PapergraphService
from api.settings import Settings
from benchmarks.generate_corpus import generate_batches
from graph.embedding import DEFAULT_BACKEND, MiniLMEmbedder, open_embedder
from graph.search import embedded_text
from ingest.interchange import dump_batches

PAPERGRAPH = Path(sys.executable).parent / "papergraph"
TARGET_RATIO = 2.2


def import_in_process(source: Path, data_dir: Path, backend: str) -> float:
    service = PapergraphService(Settings(data_dir=data_dir, embedding_backend=backend))
    started = time.perf_counter()
    results = service.import_paths([source], progress=False)
    seconds = time.perf_counter() - started
    assert all(r.ok for r in results), [r.error for r in results]
    service.close()
    return seconds


def import_by_cli(source: Path, data_dir: Path, backend: str) -> float:
    environment = {**os.environ, "PAPERGRAPH_EMBEDDING_BACKEND": backend}
    started = time.perf_counter()
    subprocess.run([str(PAPERGRAPH), "import", "--data-dir", str(data_dir), str(source)],
                   env=environment, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=344)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--backends", nargs="+", default=["torch", DEFAULT_BACKEND])
    args = parser.parse_args()
    batch = generate_batches(args.papers, seed=344, papers_per_report=args.papers)[0]
    texts = [embedded_text(p) for p in batch.papers]
    torch_model = MiniLMEmbedder()
    torch_model.warm_up()
    for backend in args.backends:
        open_embedder(backend).warm_up()
    alone: list[float] = []
    cli: dict[str, list[float]] = {b: [] for b in args.backends}
    warm: dict[str, list[float]] = {b: [] for b in args.backends}
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "report.json"
        source.write_text(json.dumps(dump_batches([batch]), ensure_ascii=False), encoding="utf-8")
        for number in range(args.rounds):
            started = time.perf_counter()
            torch_model.encode(texts)
            alone.append(time.perf_counter() - started)
            for backend in args.backends:
                cli[backend].append(import_by_cli(source, Path(scratch) / f"cli-{backend}-{number}", backend))
                warm[backend].append(import_in_process(source, Path(scratch) / f"in-{backend}-{number}", backend))
    n = len(texts)
    alone_rate = n / statistics.median(alone)
    print(f"{n} new papers, {args.rounds} rounds side by side; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"  torch fp32 embedding alone: {alone_rate:.1f} papers/s")
    for backend in args.backends:
        cli_rate, warm_rate = n / statistics.median(cli[backend]), n / statistics.median(warm[backend])
        print(f"  import {backend:10} `papergraph import` {cli_rate:5.1f} papers/s ({cli_rate / alone_rate:.2f}x)"
              f"   in process, model loaded {warm_rate:5.1f} papers/s ({warm_rate / alone_rate:.2f}x)")
    default_rate = n / statistics.median(cli[DEFAULT_BACKEND]) if DEFAULT_BACKEND in cli else 0.0
    print(f"target: `papergraph import` with {DEFAULT_BACKEND} >= {TARGET_RATIO}x torch embedding alone: "
          f"{default_rate / alone_rate:.2f}x, {'met' if default_rate >= TARGET_RATIO * alone_rate else 'NOT met'}")


if __name__ == "__main__":
    main()
