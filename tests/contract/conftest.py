"""The `store` fixture: every contract test runs once per GraphStore implementation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.open_store import open_store
from graph.store import GraphStore

try:
    # Importing the fixture registers it here; the server itself starts only when a neo4j test asks.
    from tests.neo4j_server import bolt_settings  # noqa: F401
except ModuleNotFoundError as exc:
    if exc.name != "tests.neo4j_server":
        raise


@pytest.fixture(params=["memory", "neo4j"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """A fresh, empty store. Neo4j uses the server from tests/neo4j_server.py (or NEO4J_URI)."""
    if request.param == "memory":
        opened = open_store("memory", tmp_path / "data")
    else:
        settings = request.getfixturevalue("bolt_settings")
        opened = open_store("neo4j", tmp_path / "data", **settings)
    opened.clear()
    try:
        yield opened
    finally:
        opened.clear()
        opened.close()
