"""Fixtures for the API tests: a real service (embedded store + real search index) in a temp data dir.

Data goes in the way users put it in: the contract batches written as an interchange JSON file and
imported with `PapergraphService.import_paths`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.service import PapergraphService
from api.settings import Settings
from graph.model import ImportBatch
from ingest.interchange import dump_batches
from tests.contract.batches import batch_a, batch_b

os.environ.setdefault("HF_HUB_OFFLINE", "1")

API_KEY = "test-key-0123456789"


def write_interchange(path: Path, batches: list[ImportBatch]) -> Path:
    path.write_text(json.dumps(dump_batches(batches), ensure_ascii=False), encoding="utf-8")
    return path


def make_service(data_dir: Path, batches: list[ImportBatch] | None = None, **settings: object) -> PapergraphService:
    service = PapergraphService(Settings(data_dir=data_dir, **settings))
    if batches:
        source = write_interchange(data_dir.parent / f"{data_dir.name}-seed.json", batches)
        results = service.import_paths([source], progress=False)
        assert all(r.ok for r in results), [r.error for r in results]
    return service


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PapergraphService]:
    """Reports A and B (5 papers) in a fresh embedded store; read-only tests share it."""
    svc = make_service(tmp_path_factory.mktemp("api") / "data", [batch_a(), batch_b()])
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def client(service: PapergraphService) -> TestClient:
    return TestClient(create_app(service=service), raise_server_exceptions=False)


def graphql(client: TestClient, query: str, variables: dict | None = None, **headers: str) -> dict:
    response = client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()
