"""Compaction of the search index's vector log, on demand: `papergraph compact` in its own process and
POST /api/admin/compact (or the compactIndex mutation) on a real store, while a served process keeps
answering searches and importing. Searches answer the same before and after, the log is folded away,
and a restart opens the compacted files without rebuilding anything."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.service import PapergraphService
from api.settings import Settings
from graph.model import ImportBatch
from graph.store import PaperFilter
from ingest.interchange import dump_batches
from tests.api.conftest import API_KEY, graphql, make_service
from tests.contract.batches import batch_a
from tests.loopback import free_port, wait_until_healthy

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from generate_corpus import generate_batches

QUERIES = [("speculative decoding", "hybrid"), ("KV cache compression", "vector"), ("量化", "lexical"),
           ("mixture of experts on phones", "hybrid"), ("推测解码", "hybrid")]


def upload(base: str, name: str, batch: ImportBatch) -> None:
    body = json.dumps(dump_batches([batch]), ensure_ascii=False).encode()
    response = httpx.post(f"{base}/api/reports", headers={"X-API-Key": API_KEY}, files={"file": (name, body)},
                          timeout=120)
    assert response.status_code == 201, response.text


def answers(base: str) -> list[object]:
    return [httpx.get(f"{base}/api/search", params={"q": q, "k": 10, "mode": mode}, timeout=60).json()
            for q, mode in QUERIES]


def vector_files(data: Path) -> dict[str, object]:
    return json.loads((data / "search" / "vectors.json").read_text(encoding="utf-8"))


def compact_command(data: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-m", "cli", "compact", "--data-dir", str(data), "--format", "json"],
                          cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
                          env=os.environ | {"HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    data = tmp_path / "data"
    make_service(data, [batch_a()]).close()  # the first save writes a snapshot
    port = free_port()
    env = {**os.environ, "PAPERGRAPH_DATA_DIR": str(data), "PAPERGRAPH_API_KEY": API_KEY, "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port)], cwd=REPO, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, process)
        yield base, data
    finally:
        process.terminate()
        process.wait(30)


def test_compaction_by_command_and_by_http_while_a_server_searches_and_imports(server: tuple[str, Path]) -> None:
    base, data = server
    first = generate_batches(30, seed=11, papers_per_report=30)[0]
    upload(base, "first.json", first)
    revised = dataclasses.replace(first, papers=tuple(
        dataclasses.replace(p, abstract=p.abstract + " Revised.") for p in first.papers))
    upload(base, "first.json", revised)  # the same papers again: their records overwrite slots
    log = data / "search" / f"vectors.{vector_files(data)['logs'][-1]}.log"
    assert log.stat().st_size > 0
    before = answers(base)

    # `papergraph compact` in its own process, while this one keeps searching the server.
    during: list[tuple[int, list[object]]] = []
    stop = threading.Event()

    def search_meanwhile() -> None:
        while not stop.is_set():
            query, mode = QUERIES[len(during) % len(QUERIES)]
            response = httpx.get(f"{base}/api/search", params={"q": query, "k": 10, "mode": mode}, timeout=60)
            during.append((len(during) % len(QUERIES), response.json()))

    reader = threading.Thread(target=search_meanwhile)
    reader.start()
    try:
        done = compact_command(data)
    finally:
        stop.set()
        reader.join(60)
    assert done["compacted"] and done["records_folded"] == 60
    assert done["bytes_after"] < done["bytes_before"] and done["files_after"] <= done["files_before"]
    assert not log.exists() and vector_files(data)["generation"] == done["generation"]
    assert during and all(body == before[number] for number, body in during)
    assert answers(base) == before

    # The server appends to the log the command started, not to the one it folded away.
    upload(base, "second.json", generate_batches(20, seed=12, papers_per_report=20)[0])
    after_import = answers(base)
    assert httpx.post(f"{base}/api/admin/compact", timeout=60).status_code == 401
    assert httpx.post(f"{base}/api/admin/compact", headers={"X-API-Key": "wrong"}, timeout=60).status_code == 401
    response = httpx.post(f"{base}/api/admin/compact", headers={"X-API-Key": API_KEY}, timeout=120)
    assert response.status_code == 200, response.text
    assert response.json()["compacted"] and response.json()["records_folded"] == 20
    again = httpx.post(f"{base}/api/admin/compact", headers={"X-API-Key": API_KEY}, timeout=120).json()
    assert not again["compacted"] and again["files_after"] == 2  # one snapshot, one empty log
    assert answers(base) == after_import
    generation = vector_files(data)["generation"]

    # Another process opens the compacted files as they are: no rebuild (that would write a snapshot).
    reopened = PapergraphService(Settings(data_dir=data))
    try:
        assert reopened.index.paper_ids() == reopened.store.paper_ids(PaperFilter())
        assert len(reopened.index.paper_ids()) == len(batch_a().papers) + 30 + 20
        hits = reopened.search("speculative decoding", 10)
        assert [h.paper["id"] for h in hits] == [h["paper"]["id"] for h in after_import[0]["hits"]]
    finally:
        reopened.close()
    assert vector_files(data)["generation"] == generation


def test_compaction_needs_the_key_and_is_off_without_one(tmp_path: Path) -> None:
    writable = make_service(tmp_path / "writable", [batch_a()], api_key=API_KEY)
    read_only = make_service(tmp_path / "read-only", [batch_a()])
    try:
        client = TestClient(create_app(service=writable), raise_server_exceptions=False)
        mutation = "mutation { compactIndex { compacted recordsFolded filesAfter } }"
        assert graphql(client, mutation)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        result = graphql(client, mutation, **{"X-API-Key": API_KEY})["data"]["compactIndex"]
        assert result == {"compacted": False, "recordsFolded": 0, "filesAfter": 2}
        closed = TestClient(create_app(service=read_only), raise_server_exceptions=False)
        response = closed.post("/api/admin/compact", headers={"X-API-Key": API_KEY})
        assert response.status_code == 403 and "writes are disabled" in response.json()["error"]
        assert graphql(closed, mutation, **{"X-API-Key": API_KEY})["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    finally:
        writable.close()
        read_only.close()
