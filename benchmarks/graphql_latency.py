"""GraphQL latency and requests/s for a page of 20 papers with institutions, techniques and evidence.

Runs in process through httpx's ASGI transport (the whole FastAPI + strawberry stack, no socket) on
the embedded store holding the sample report. Target on the 2-core machine: p50 <= 30 ms.

    .venv/bin/python benchmarks/graphql_latency.py [--requests 200] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from api.app import create_app
from api.service import PapergraphService
from api.settings import Settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # read when the embedder loads, on first search/import

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "reports"
QUERY = """query($after: String) { papers(first: 20, after: $after) { totalCount pageInfo { endCursor hasNextPage }
  edges { node { id title authorCount institutions { name } techniques { name categories }
  evidence { metricId value unit quote model { name } hardware { name } } } } } }"""


async def measure(service: PapergraphService, requests: int) -> tuple[list[float], float]:
    transport = httpx.ASGITransport(app=create_app(service=service))
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        cursors: list[str | None] = [None]
        for _ in range(5):  # warm up and collect the cursors of the first pages
            data = (await client.post("/graphql", json={"query": QUERY, "variables": {"after": cursors[-1]}})).json()
            page = data["data"]["papers"]
            if not page["pageInfo"]["hasNextPage"]:
                break
            cursors.append(page["pageInfo"]["endCursor"])
        latencies = []
        start = time.perf_counter()
        for i in range(requests):
            t0 = time.perf_counter()
            response = await client.post("/graphql", json={"query": QUERY,
                                                           "variables": {"after": cursors[i % len(cursors)]}})
            latencies.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200 and "errors" not in response.json(), response.text
        return latencies, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--data-dir", type=Path, help="an existing data dir (default: import the sample)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir or Path(tmp) / "data"
        service = PapergraphService(Settings(data_dir=data_dir))
        if service.is_empty():
            results = service.import_paths([SAMPLE], progress=False)
            assert all(r.ok for r in results), [r.error for r in results]
        papers = service.stats()["nodes"]["Paper"]
        latencies, elapsed = asyncio.run(measure(service, args.requests))
        service.close()
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    print(f"GraphQL: 20 papers with institutions, techniques, evidence (+model, hardware); "
          f"embedded store, {papers} papers, {args.requests} sequential requests in process")
    print(f"  p50 {statistics.median(latencies):.1f} ms   p95 {p95:.1f} ms   "
          f"{args.requests / elapsed:.0f} requests/s   (target p50 <= 30 ms)")


if __name__ == "__main__":
    main()
