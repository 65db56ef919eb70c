"""First render of the web explorer's pages on loopback: the time to the full HTML response, and (when
Debian's chromium and chromium-driver are installed) the browser's load event and, for pages with a
graph, the time until the graph is drawn.

    .venv/bin/python benchmarks/explorer_render.py [--rounds 10] [--reports PATH...] [--no-browser]

The sample report (or the given report files and folders; `make run`'s store is
`--reports ../shared/data/reports benchmarks/gold/reports`) is imported into a fresh data dir (`papergraph import`), then `papergraph serve` runs
on a free loopback port. As soon as /healthz answers, each page is fetched once (its first render: the
search pages' first query may wait for the embedding model, which loads in the background), then
`--rounds` more times (median). Target: the first render of `/` and of a paper page under 500 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.loopback import free_port, wait_until_healthy

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT.parent / "shared" / "data" / "reports"
TARGET_MS = 500.0
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


def papergraph(*args: str) -> list[str]:
    """This checkout's `papergraph` command (not whichever one the virtualenv installed)."""
    return [sys.executable, "-m", "cli", *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}


def padded(text: str, width: int) -> str:
    """`text` left-aligned in `width` columns, counting a wide (CJK) character as two."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)


def timed_get(client: httpx.Client, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(path)
    response.read()
    return (time.perf_counter() - started) * 1000, response.status_code


def browser_timings(base: str, pages: list[tuple[str, str]]) -> dict[str, tuple[float, float | None]]:
    """Per page: (load event ms after navigation start, graph drawn ms or None), offline Chromium."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="explorer-bench-")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    timings: dict[str, tuple[float, float | None]] = {}
    try:
        for name, path in pages:
            driver.get(base + path)
            load = driver.execute_script("const t = performance.getEntriesByType('navigation')[0];"
                                         "return t.loadEventEnd - t.startTime")
            graph: Any = None
            if driver.execute_script("return document.getElementById('graph') !== null"):
                deadline = time.monotonic() + 30
                while graph is None and time.monotonic() < deadline:
                    graph = driver.execute_script(
                        "const g = document.getElementById('graph');"
                        "return g.dataset.nodes ? performance.now() : null")
                    time.sleep(0.01)
            timings[name] = (float(load), float(graph) if graph is not None else None)
    finally:
        driver.quit()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--reports", nargs="+", default=[str(SAMPLE)])
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="explorer-render-") as tmp:
        data = Path(tmp) / "data"
        subprocess.run(papergraph("import", "--data-dir", str(data), *args.reports), env=environment(),
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(papergraph("serve", "--data-dir", str(data), "--port", str(port)),
                                  env=environment(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            started = time.perf_counter()
            wait_until_healthy(base, server)
            print(f"server healthy after {time.perf_counter() - started:.2f} s ({' '.join(args.reports)})")
            with httpx.Client(base_url=base, timeout=60) as client:
                pages = [("/", "/"), ("/?q=speculative decoding", "/?q=speculative%20decoding"),
                         ("/?q=推测解码", "/?q=" + quote("推测解码"))]
                first = {}
                for name, path in pages:
                    first[name] = timed_get(client, path)
                hit = client.get("/api/search", params={"q": "speculative decoding", "k": 1}).json()["hits"][0]
                paper = f"/paper/{hit['paper']['id']}"
                more = [("/paper/{id}", paper), ("/entity/{id} (a category)", "/entity/tech:speculative-decoding"),
                        ("/trends", "/trends"), ("/leaderboard", "/leaderboard")]
                for name, path in more:
                    first[name] = timed_get(client, path)
                pages += more
                print(f"\n{'page':<28} {'first ms':>9} {'median ms':>10}  (full HTML response, "
                      f"{args.rounds} rounds after the first)")
                for name, path in pages:
                    warm = [timed_get(client, path)[0] for _ in range(args.rounds)]
                    ms, status = first[name]
                    print(f"{padded(name, 28)} {ms:>9.1f} {statistics.median(warm):>10.1f}" + ("" if status == 200
                                                                                    else f"  HTTP {status}"))
            worst = max(first["/"][0], first["/paper/{id}"][0])
            print(f"\nfirst render of / and of a paper page: at most {worst:.1f} ms; target {TARGET_MS:.0f} ms: "
                  f"{'met' if worst < TARGET_MS else 'NOT met'}")
            if args.no_browser or not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
                print("browser timings skipped (--no-browser, or no chromium and chromium-driver)")
                return
            timings = browser_timings(base, [(n, p) for n, p in pages if n in ("/", "/?q=speculative decoding",
                                                                               "/paper/{id}", "/entity/{id} (a category)")])
            print(f"\n{'page in Chromium':<28} {'load event ms':>14} {'graph drawn ms':>15}")
            for name, (load, graph) in timings.items():
                print(f"{name:<28} {load:>14.1f} {'' if graph is None else f'{graph:.1f}':>15}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
