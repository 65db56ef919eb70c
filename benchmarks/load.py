"""Searches and GraphQL reads while reports are uploaded, against a real server on loopback.

    python benchmarks/load.py [--papers 1000] [--clients 8] [--idle-s 10]

Starts `papergraph serve` on a free 127.0.0.1 port over a fresh data directory holding the sample report,
then runs `--clients` threads that search (REST) and read (GraphQL) without pause: first for `--idle-s`
seconds with no writes, then while `--papers` synthetic papers (new abstracts, so every one is embedded)
are uploaded as reports of 100 papers each. It prints p50/p99 per operation in both phases, the error
count, and checks the final paper count against what was uploaded. Loopback only; it stops by itself.
Target (issue 10): search p99 during imports <= 3x its idle p99 in the same run, zero errors, final
counts exact.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO))

from generate_corpus import generate_batches

from ingest.interchange import dump_batches
from tests.loopback import free_port, wait_until_healthy

SAMPLE = REPO.parent / "shared" / "data" / "reports"
KEY = "load-benchmark-key-0123456789"
QUERIES = ("speculative decoding", "KV cache compression", "推测解码", "量化", "sparse attention for long context",
           "diffusion acceleration", "pruning large language models", "serving throughput")
GRAPHQL = "{ papers(first: 10) { totalCount edges { node { title institutions { name } evidence { value } } } } }"


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[tuple[str, str], list[float]] = {}
        self.errors: list[str] = []
        self.phase = "idle"

    def add(self, op: str, seconds: float) -> None:
        with self.lock:
            self.times.setdefault((self.phase, op), []).append(seconds * 1000)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


def client_loop(base: str, number: int, stop: threading.Event, record: Recorder) -> None:
    with httpx.Client(base_url=base, timeout=60) as http:
        i = number
        while not stop.is_set():
            i += 1
            started = time.perf_counter()
            try:
                if i % 4 == 0:
                    response = http.post("/graphql", json={"query": GRAPHQL})
                    op = "graphql"
                    ok = response.status_code == 200 and "errors" not in response.json()
                else:
                    response = http.get("/api/search", params={"q": QUERIES[i % len(QUERIES)], "k": 10})
                    op = "search"
                    ok = response.status_code == 200
            except httpx.HTTPError as exc:
                record.error(f"{type(exc).__name__}: {exc}")
                continue
            record.add(op, time.perf_counter() - started)
            if not ok:
                record.error(f"{op} {response.status_code}: {response.text[:200]}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--idle-s", type=float, default=10.0)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="papergraph-load-"))
    data = work / "data"
    env = {**os.environ, "PAPERGRAPH_DATA_DIR": str(data), "PAPERGRAPH_API_KEY": KEY, "HF_HUB_OFFLINE": "1"}
    papergraph = [sys.executable, "-m", "cli"]
    subprocess.run([*papergraph, "import", "--quiet", str(SAMPLE)], cwd=REPO, env=env, check=True,
                   capture_output=True)
    port = free_port()
    server = subprocess.Popen([*papergraph, "serve", "--port", str(port)], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, server, timeout_s=120)
        before = httpx.get(f"{base}/healthz").json()["papers"]
        httpx.get(f"{base}/api/search", params={"q": "warm up"}, timeout=60)

        record, stop = Recorder(), threading.Event()
        clients = [threading.Thread(target=client_loop, args=(base, n, stop, record), daemon=True)
                   for n in range(args.clients)]
        for thread in clients:
            thread.start()
        time.sleep(args.idle_s)
        record.phase = "importing"
        uploaded, import_started = 0, time.perf_counter()
        with httpx.Client(base_url=base, timeout=600, headers={"X-API-Key": KEY}) as http:
            for i, batch in enumerate(generate_batches(args.papers, seed=99, papers_per_report=100)):
                body = json.dumps(dump_batches([batch]), ensure_ascii=False).encode()
                response = http.post("/api/reports", files={"file": (f"load-{i:03d}.json", body)})
                if response.status_code != 201:
                    record.error(f"upload {response.status_code}: {response.text[:200]}")
                uploaded += len(batch.papers)
        import_s = time.perf_counter() - import_started
        stop.set()
        for thread in clients:
            thread.join(timeout=120)
        after = httpx.get(f"{base}/healthz").json()["papers"]
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)

    print(f"{args.clients} clients; {uploaded} papers uploaded in {import_s:.1f} s "
          f"({uploaded / import_s:.1f} papers/s) while they searched and read")
    for (phase, op), times in sorted(record.times.items()):
        print(f"  {phase:<10} {op:<8} n={len(times):<6} p50 {statistics.median(times):7.1f} ms   "
              f"p99 {percentile(times, 0.99):7.1f} ms")
    idle, busy = record.times.get(("idle", "search"), [0.0]), record.times.get(("importing", "search"), [0.0])
    ratio = percentile(busy, 0.99) / max(percentile(idle, 0.99), 1e-9)
    counts_ok = after == before + uploaded
    print(f"errors: {len(record.errors)}" + (f" (first: {record.errors[0]})" if record.errors else ""))
    print(f"papers: {before} before + {uploaded} uploaded = {before + uploaded}; server says {after}: "
          f"{'exact' if counts_ok else 'WRONG'}")
    met = ratio <= 3 and not record.errors and counts_ok
    print(f"search p99 while importing / idle p99: {ratio:.2f}x (target <= 3x, zero errors, exact counts): "
          f"{'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main()
