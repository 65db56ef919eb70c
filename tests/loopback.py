"""Servers on loopback for tests and benchmarks: a free port, and waiting until a started server
answers its health check (or has died)."""

from __future__ import annotations

import subprocess
import time

import httpx

from tests.neo4j_server import free_port

__all__ = ["free_port", "wait_until_healthy"]


def wait_until_healthy(base: str, process: subprocess.Popen, timeout_s: float = 90.0) -> None:
    """Block until GET {base}/healthz answers 200; RuntimeError if `process` exits or time runs out."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"the server at {base} exited with status {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server at {base} did not answer /healthz within {timeout_s:g} s")
        time.sleep(0.2)
