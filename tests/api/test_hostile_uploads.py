"""Hostile uploads, generated (Hypothesis): mutated reports (cut short, random Unicode, huge lines, other
line ends, NUL bytes, invalid UTF-8) posted to POST /api/reports. Never a 500; a refused upload changes
nothing, an accepted one holds exactly the papers it announced."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from api.app import create_app
from api.service import PapergraphService
from tests.api.conftest import API_KEY, make_service
from tests.contract.batches import batch_a
from tests.ingest.test_hostile_input import mutated_reports


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PapergraphService, TestClient]]:
    service = make_service(tmp_path_factory.mktemp("hostile") / "data", [batch_a()], api_key=API_KEY)
    yield service, TestClient(create_app(service=service), raise_server_exceptions=False)
    service.close()


def reports(service: PapergraphService) -> dict[str, list[str]]:
    return {b.report.id: sorted(p.id for p in b.papers) for b in service.store.export()}


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=mutated_reports())
def test_a_hostile_upload_is_stored_whole_or_not_at_all(target: tuple[PapergraphService, TestClient],
                                                        data: bytes) -> None:
    service, client = target
    before = reports(service)
    response = client.post("/api/reports", headers={"X-API-Key": API_KEY}, files={"file": ("hostile.md", data)})
    assert response.status_code in (201, 413, 422), response.text
    assert "Traceback" not in response.text and set(response.json()) != {"detail"}
    after = reports(service)
    if response.status_code != 201:
        assert after == before
        return
    body = response.json()
    [report] = body["reports"]
    assert len(after[report]) == len({*after[report]}) <= body["papers"]
    assert {k: v for k, v in after.items() if k != report} == {k: v for k, v in before.items() if k != report}
    assert sorted(service.index.paper_ids()) == sorted({p for papers in after.values() for p in papers})
