"""Two servers on one Neo4j, each with its own search index (how users scale out behind a load
balancer): a report uploaded through one is found by a search through the other within seconds."""

from __future__ import annotations

import json
import time
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from api.service import PapergraphService
from api.settings import Settings
from graph.open_store import open_store
from ingest.interchange import dump_batches
from tests.api.conftest import API_KEY
from tests.contract.batches import batch_a, batch_b


def neo4j_service(data_dir: Path, bolt: dict[str, str]) -> PapergraphService:
    settings = Settings(data_dir=data_dir, store="neo4j", api_key=API_KEY, refresh_interval_s=0.3,
                        neo4j_uri=bolt["uri"], neo4j_user=bolt["user"], neo4j_password=bolt["password"],
                        neo4j_database=bolt["database"])
    return PapergraphService(settings)


def test_an_upload_through_one_server_is_searchable_through_the_other(
        tmp_path: Path, bolt_settings: dict[str, str]) -> None:
    shared = open_store("neo4j", tmp_path, **bolt_settings)
    shared.clear()
    shared.upsert(batch_a())
    one, two = neo4j_service(tmp_path / "one", bolt_settings), neo4j_service(tmp_path / "two", bolt_settings)
    try:
        with TestClient(create_app(service=one)) as first, TestClient(create_app(service=two)) as second:
            title = "Mixture of Experts Offloading on Phones"
            assert second.get("/api/search", params={"q": title, "k": 1}).json()["hits"][0]["paper"]["title"] != title
            body = json.dumps(dump_batches([batch_b()]), ensure_ascii=False).encode()
            upload = first.post("/api/reports", headers={"X-API-Key": API_KEY}, files={"file": ("b.json", body)})
            assert upload.status_code == 201, upload.text
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline:
                hits = second.get("/api/search", params={"q": title, "k": 1}).json()["hits"]
                if hits and hits[0]["paper"]["title"] == title:
                    break
                time.sleep(0.2)
            assert hits and hits[0]["paper"]["title"] == title
            assert second.get("/healthz").json()["index"] == {"papers": 5, "in_step": True}
    finally:
        one.close()
        two.close()
        shared.clear()
        shared.close()
