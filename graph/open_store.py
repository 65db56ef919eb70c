"""Choose the graph backend by name, so nothing outside `graph/` imports a concrete store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.store import GraphStore

STORE_KINDS: tuple[str, ...] = ("memory", "neo4j")


def open_store(kind: str, data_dir: Path, writer_wait_s: float = 30.0, **neo4j_settings: Any) -> GraphStore:
    """"memory" (default): networkx + SQLite under `data_dir`, one writer process at a time (waiting at
    most `writer_wait_s` for another); "neo4j": a server given by `neo4j_settings` (uri, user, password,
    database). The Neo4j driver is imported only when asked for."""
    if kind == "memory":
        from graph.memory import MemoryStore

        return MemoryStore(Path(data_dir), writer_wait_s)
    if kind == "neo4j":
        from graph.neo4j import Neo4jStore

        return Neo4jStore(**neo4j_settings)
    raise ValueError(f"unknown graph store {kind!r}; choose one of {', '.join(STORE_KINDS)}")
