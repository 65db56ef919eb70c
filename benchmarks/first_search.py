"""Time from `papergraph serve` to its first answered search, per embedding backend, on the sample store.

    .venv/bin/python benchmarks/first_search.py [--rounds 3] [--backends torch onnx-int8] [--report PATH]

The sample report is imported once per backend into its own data dir (`papergraph import`), then each
round starts `papergraph serve` on a free port and sends `GET /api/search` (vector mode, so the query
must be embedded) every 20 ms until one is answered with hits; the figure is the time from starting the
process to that answer. Backends alternate round by round, so they share the machine's load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.embedding import DEFAULT_BACKEND
from tests.loopback import free_port

ROOT = Path(__file__).resolve().parent.parent
PAPERGRAPH = Path(sys.executable).parent / "papergraph"
SAMPLE = ROOT.parent / "shared" / "data" / "reports"
TARGET_S = 1.5


def environment(backend: str) -> dict[str, str]:
    return {**os.environ, "PAPERGRAPH_EMBEDDING_BACKEND": backend, "HF_HUB_OFFLINE": "1",
            "PAPERGRAPH_QUERY_CACHE_SIZE": "0"}


def first_search(data_dir: Path, backend: str, timeout: float = 120.0) -> float:
    """Seconds from starting the server to the first search answered with hits."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([str(PAPERGRAPH), "serve", "--data-dir", str(data_dir), "--port", str(port)],
                              env=environment(backend), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=timeout) as client:
            while time.perf_counter() - started < timeout:
                try:
                    answer = client.get("/api/search", params={"q": "KV cache compression", "mode": "vector"})
                except httpx.TransportError:
                    time.sleep(0.02)
                    continue
                if answer.status_code == 200 and answer.json()["hits"]:
                    return time.perf_counter() - started
                time.sleep(0.02)
        raise TimeoutError(f"no search answered within {timeout:.0f} s")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backends", nargs="+", default=["torch", DEFAULT_BACKEND])
    parser.add_argument("--report", type=Path, default=SAMPLE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        data_dirs = {}
        for backend in args.backends:
            data_dirs[backend] = Path(directory) / backend
            subprocess.run([str(PAPERGRAPH), "import", "--data-dir", str(data_dirs[backend]), str(args.report)],
                           env=environment(backend), check=True, capture_output=True)
        times: dict[str, list[float]] = {backend: [] for backend in args.backends}
        for _ in range(args.rounds):
            for backend in args.backends:
                times[backend].append(first_search(data_dirs[backend], backend))
    print(f"first search after `papergraph serve` on the sample store ({args.rounds} rounds, backends "
          f"alternating; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f})")
    for backend, seconds in times.items():
        print(f"  {backend:10} median {statistics.median(seconds):.2f} s  "
              f"(rounds: {', '.join(f'{s:.2f}' for s in seconds)})")
    if DEFAULT_BACKEND in times:
        median = statistics.median(times[DEFAULT_BACKEND])
        print(f"target: first search <= {TARGET_S} s after start with {DEFAULT_BACKEND}: {median:.2f} s, "
              f"{'met' if median <= TARGET_S else 'NOT met'}")


if __name__ == "__main__":
    main()
