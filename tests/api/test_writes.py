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


SAMPLE_REPORT = Path(__file__).resolve().parents[3] / "shared" / "data" / "reports" / "ai-inference-acceleration-2025-10-15.md"


def test_an_extractor_fault_is_a_500_with_a_reference_and_changes_nothing(
        writable: tuple[PapergraphService, TestClient], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    service, client = writable
    before = papers(service)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail of /srv/papergraph")

    monkeypatch.setattr("ingest.pipeline.extract_text", broken)
    response = client.post("/api/reports", headers={"X-API-Key": API_KEY},
                           files={"file": ("weekly.md", SAMPLE_REPORT.read_bytes()[:2000])})
    assert response.status_code == 500
    error = response.json()["error"]
    assert error.startswith("weekly.md: internal error (reference ") and "secret" not in response.text
    reference = error.split("reference ")[1].rstrip(")")
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)  # the log has it all
    assert papers(service) == before


class UnreachableStore:
    """The real store for reads; every write fails as a Neo4j server that went away would."""

    def __init__(self, store: object) -> None:
        self._store = store

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    def upsert_all(self, batches: object) -> object:
        from graph.store import StoreUnavailable

        raise StoreUnavailable("cannot reach bolt://db.internal:7687 as neo4j: connection refused")


def test_an_unreachable_store_is_a_503_that_names_no_host(tmp_path: Path) -> None:
    from api.settings import Settings
    from graph.open_store import open_store

    store = UnreachableStore(open_store("memory", tmp_path / "data"))
    service = PapergraphService(Settings(data_dir=tmp_path / "data", api_key=API_KEY), store=store)  # type: ignore[arg-type]
    client = TestClient(create_app(service=service), raise_server_exceptions=False)
    upload = json.dumps(dump_batches([batch_b()]), ensure_ascii=False).encode()
    response = client.post("/api/reports", headers={"X-API-Key": API_KEY}, files={"file": ("b.json", upload)})
    assert (response.status_code, response.json()) == (503, {"error": "the graph store is unavailable"})
    result = graphql(client, MUTATION, {"name": "b.json", "content": upload.decode()}, **{"X-API-Key": API_KEY})
    assert result["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "bolt" not in response.text + json.dumps(result)
    service.close()
