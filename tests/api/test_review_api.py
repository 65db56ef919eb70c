"""The review list over REST and GraphQL, and the new Model/Hardware fields in GraphQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.conftest import graphql, make_service
from tests.contract.test_review import GEN2, QRI, QUOKKA, SNAPDRAGON, WOMBAT, batch_q


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    service = make_service(Path(tmp_path_factory.mktemp("review")) / "data", [batch_q()])
    yield TestClient(create_app(service=service), raise_server_exceptions=False)
    service.close()


def test_rest_review_most_papers_first(client: TestClient) -> None:
    response = client.get("/api/review")
    assert response.status_code == 200
    items = response.json()["unresolved"]
    assert (items[0]["kind"], items[0]["id"], items[0]["paper_count"]) == ("institution", QUOKKA.id, 2)
    assert {i["id"] for i in items} == {QUOKKA.id, QRI.id, WOMBAT.id, GEN2.id}
    assert [s["line"] for s in items[0]["sources"]] == [10, 30]
    assert set(items[0]["sources"][0]) == {"paper", "report", "index", "line"}


def test_graphql_review_and_hardware_family(client: TestClient) -> None:
    data = graphql(client, """{ review { kind id name paperCount sources { paperId report index line } }
                                 hardware(first: 10) { edges { node { id resolved family { id name }
                                                                      members { id } } } }
                                 models(first: 10) { edges { node { id resolved } } } }""")["data"]
    assert data["review"][0]["id"] == QUOKKA.id and data["review"][0]["paperCount"] == 2
    assert [s["index"] for s in data["review"][0]["sources"]] == [1, 3]
    devices = {e["node"]["id"]: e["node"] for e in data["hardware"]["edges"]}
    assert devices[GEN2.id]["resolved"] is False
    assert devices[GEN2.id]["family"] == {"id": SNAPDRAGON, "name": "Qualcomm Snapdragon"}
    assert devices[SNAPDRAGON]["members"] == [{"id": GEN2.id}] and devices[SNAPDRAGON]["resolved"]
    assert {e["node"]["id"]: e["node"]["resolved"] for e in data["models"]["edges"]}[WOMBAT.id] is False
