"""Fault injection: the server is killed (SIGKILL) in the middle of an upload. After a restart the store
holds the report whole or not at all, and the search index holds exactly the store's papers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from api.service import PapergraphService
from api.settings import Settings
from graph.store import PaperFilter
from ingest.interchange import dump_batches
from tests.api.conftest import API_KEY, make_service
from tests.contract.batches import batch_a
from tests.loopback import free_port, wait_until_healthy

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from generate_corpus import generate_batches


def settings_for(kind: str, data_dir: Path, request: pytest.FixtureRequest) -> tuple[Settings, dict[str, str]]:
    env = {"PAPERGRAPH_DATA_DIR": str(data_dir), "PAPERGRAPH_API_KEY": API_KEY, "PAPERGRAPH_STORE": kind,
           "HF_HUB_OFFLINE": "1"}
    extra: dict[str, object] = {}
    if kind == "neo4j":
        bolt = request.getfixturevalue("bolt_settings")
        env |= {"NEO4J_URI": bolt["uri"], "NEO4J_USER": bolt["user"], "NEO4J_PASSWORD": bolt["password"],
                "NEO4J_DATABASE": bolt["database"]}
        extra = {"neo4j_uri": bolt["uri"], "neo4j_user": bolt["user"], "neo4j_password": bolt["password"],
                 "neo4j_database": bolt["database"]}
    return Settings(data_dir=data_dir, api_key=API_KEY, store=kind, **extra), env


@pytest.mark.parametrize("kind", ["memory", "neo4j"])
def test_killed_mid_upload_then_store_and_index_agree(kind: str, tmp_path: Path,
                                                      request: pytest.FixtureRequest) -> None:
    data = tmp_path / "data"
    settings, env = settings_for(kind, data, request)
    seeded = PapergraphService(settings)
    seeded.store.clear()
    seeded.close()
    make_service(data, [batch_a()], **settings.model_dump(exclude={"data_dir"})).close()
    big = generate_batches(300, seed=5, papers_per_report=300)[0]
    body = json.dumps(dump_batches([big]), ensure_ascii=False).encode()

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port)], cwd=REPO,
                              env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server)

        outcome: list[str] = []

        def upload() -> None:
            try:
                response = httpx.post(f"http://127.0.0.1:{port}/api/reports", headers={"X-API-Key": API_KEY},
                                      files={"file": ("big.json", body)}, timeout=120)
                outcome.append(str(response.status_code))
            except httpx.HTTPError:
                outcome.append("died")  # the server was killed under it

        sender = threading.Thread(target=upload)
        sender.start()
        time.sleep(1.5)
        server.send_signal(signal.SIGKILL)
        server.wait(30)
        sender.join(60)
        assert outcome == ["died"], f"the upload finished before the kill: {outcome}"
    finally:
        if server.poll() is None:
            server.kill()

    restarted = PapergraphService(settings)
    try:
        papers = restarted.store.paper_ids(PaperFilter())
        original = {p.id for p in batch_a().papers}
        assert papers in (original, original | {p.id for p in big.papers})  # whole or not at all
        assert restarted.index.paper_ids() == papers
    finally:
        if kind == "neo4j":
            restarted.store.clear()
        restarted.close()
