"""Writes: the importReport mutation and POST /api/reports need the API key, and are size-limited."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.service import PapergraphService
from ingest.interchange import dump_batches
from tests.api.conftest import API_KEY, graphql, make_service
from tests.contract.batches import batch_a, batch_b

MUTATION = """mutation($name: String!, $content: String!) {
  importReport(filename: $name, content: $content) { ok error reports papers created { name count } } }"""
REPORT_B = json.dumps(dump_batches([batch_b()]), ensure_ascii=False)


@pytest.fixture()
def writable(tmp_path: Path) -> Iterator[tuple[PapergraphService, TestClient]]:
    service = make_service(tmp_path / "data", [batch_a()], api_key=API_KEY, max_upload_bytes=64 * 1024)
    yield service, TestClient(create_app(service=service), raise_server_exceptions=False)
    service.close()


@pytest.fixture()
def read_only(tmp_path: Path) -> Iterator[TestClient]:
    service = make_service(tmp_path / "data", [batch_a()])
    yield TestClient(create_app(service=service), raise_server_exceptions=False)
    service.close()


def papers(service: PapergraphService) -> int:
    return service.stats()["nodes"]["Paper"]


def test_mutation_imports_with_the_key(writable: tuple[PapergraphService, TestClient]) -> None:
    service, client = writable
    result = graphql(client, MUTATION, {"name": "weekly-2025-10-22.json", "content": REPORT_B},
                     **{"X-API-Key": API_KEY})["data"]["importReport"]
    assert result["ok"] and result["reports"] == ["report:weekly-2025-10-22"] and result["papers"] == 2
    assert {"name": "Paper", "count": 1} in result["created"]
    assert papers(service) == 5
    hits = service.search("mixture of experts offloading on phones", 1)
    assert hits[0].paper["title"] == "Mixture of Experts Offloading on Phones"


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}], ids=["no key", "wrong key"])
def test_mutation_without_a_valid_key_is_unauthenticated(
        writable: tuple[PapergraphService, TestClient], headers: dict[str, str]) -> None:
    service, client = writable
    result = graphql(client, MUTATION, {"name": "b.json", "content": REPORT_B}, **headers)
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert papers(service) == 4


def test_mutation_is_off_without_a_configured_key(read_only: TestClient) -> None:
    result = graphql(read_only, MUTATION, {"name": "b.json", "content": REPORT_B}, **{"X-API-Key": ""})
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_upload_with_the_key(writable: tuple[PapergraphService, TestClient]) -> None:
    service, client = writable
    response = client.post("/api/reports", headers={"X-API-Key": API_KEY},
                           files={"file": ("weekly-2025-10-22.json", REPORT_B.encode(), "application/json")})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["reports"] == ["report:weekly-2025-10-22"] and body["created"]["Paper"] == 1
    assert papers(service) == 5


def test_upload_needs_a_valid_key(writable: tuple[PapergraphService, TestClient]) -> None:
    service, client = writable
    for headers in ({}, {"X-API-Key": API_KEY + "x"}):
        response = client.post("/api/reports", headers=headers, files={"file": ("b.json", REPORT_B.encode())})
        assert response.status_code == 401
        assert response.json() == {"error": "unauthorized: send a valid X-API-Key header"}
    assert papers(service) == 4


def test_upload_is_forbidden_when_writes_are_off(read_only: TestClient) -> None:
    response = read_only.post("/api/reports", headers={"X-API-Key": "anything"},
                              files={"file": ("b.json", REPORT_B.encode())})
    assert response.status_code == 403
    assert "writes are disabled" in response.json()["error"]


def test_oversized_upload_is_refused(writable: tuple[PapergraphService, TestClient]) -> None:
    service, client = writable
    big = b"#" * (service.settings.max_upload_bytes + 1)
    response = client.post("/api/reports", headers={"X-API-Key": API_KEY}, files={"file": ("big.md", big)})
    assert response.status_code == 413 and "limit" in response.json()["error"]


def test_oversized_streamed_body_is_refused_while_streaming(
        writable: tuple[PapergraphService, TestClient]) -> None:
    """No Content-Length (chunked): the limit trips on the running count, not after the whole body."""
    service, _ = writable
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        yield (b'--abc\r\nContent-Disposition: form-data; name="file"; filename="big.md"\r\n'
               b"Content-Type: text/markdown\r\n\r\n")
        for _ in range(1000):
            sent += 16 * 1024
            yield b"x" * 16 * 1024

    async def post() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(service=service))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.post("/api/reports", content=chunks(), headers={
                "X-API-Key": API_KEY, "Content-Type": "multipart/form-data; boundary=abc"})

    response = asyncio.run(post())
    assert response.status_code == 413
    assert "limit" in response.json()["error"]
    assert sent < 1000 * 16 * 1024 / 4  # refused long before the client was done


def test_bad_report_is_rejected_with_file_and_line(writable: tuple[PapergraphService, TestClient]) -> None:
    service, client = writable
    response = client.post("/api/reports", headers={"X-API-Key": API_KEY},
                           files={"file": ("broken.json", b'{"format": "papergraph/1",\n "reports": 3}')})
    assert response.status_code == 422
    assert response.json()["error"].startswith("broken.json")
    assert papers(service) == 4


def test_graphql_body_is_size_limited(tmp_path: Path) -> None:
    service = make_service(tmp_path / "data", graphql_max_body_bytes=1024)
    client = TestClient(create_app(service=service), raise_server_exceptions=False)
    response = client.post("/graphql", json={"query": "{ stats { nodes { name } } }", "pad": "x" * 2000})
    assert response.status_code == 413 and "error" in response.json()
    service.close()


def test_upload_that_is_not_utf8_names_file_and_line(writable: tuple[PapergraphService, TestClient]) -> None:
    service, client = writable
    response = client.post("/api/reports", headers={"X-API-Key": API_KEY},
                           files={"file": ("latin1.md", "# 报告\n\n### 1. Caf\u00e9\n".encode("utf-8")[:-4] + b"\xe9\n")})
    assert response.status_code == 422
    assert response.json()["error"].startswith("latin1.md:3:")
    assert papers(service) == 4
