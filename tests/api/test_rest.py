"""REST reads, health, OpenAPI, and errors as JSON without stack traces."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from api.service import PapergraphService
from api.settings import Settings
from graph.open_store import open_store
from tests.contract.batches import FP8_KV, quant_paper, spec_paper


def test_search_answers_hits_with_paper_score_and_match(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "speculative decoding with tree drafts", "k": 2})
    assert response.status_code == 200
    hits = response.json()["hits"]
    assert len(hits) == 2
    top = hits[0]
    assert top["paper"] == {"id": spec_paper().id, "title": spec_paper().title,
                            "sources": [{"report": "report:weekly-2025-10-15", "index": 1, "line": 10}]}
    assert top["score"] > hits[1]["score"] and top["match"]


def test_search_filters_apply_before_the_cut(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "speculative decoding", "k": 10, "category": "quantization",
                                                 "institution": "inst:qualcomm-ai-research"})
    assert [h["paper"]["id"] for h in response.json()["hits"]] == [quant_paper().id]
    nothing = client.get("/api/search", params={"q": "decoding", "report": "report:none"})
    assert nothing.json() == {"hits": []}
    # an empty value (a form's unchosen field) filters nothing, as on the explorer's search page
    unfiltered = client.get("/api/search", params={"q": "decoding"}).json()
    assert client.get("/api/search", params={"q": "decoding", "category": ""}).json() == unfiltered != {"hits": []}


def test_a_query_of_white_space_alone_is_rejected_as_the_published_schema_says(client: TestClient) -> None:
    # U+0085 (next line), U+001F and U+FEFF are white space to one regex dialect and not to another; the
    # schema's pattern and the server agree on each, as the schema-driven fuzz tests check with random data
    import re
    parameters = client.get("/openapi.json").json()["paths"]["/api/search"]["get"]["parameters"]
    pattern = next(p["schema"]["pattern"] for p in parameters if p["name"] == "q")
    for query in ("\u0085", "\x1f", "\ufeff", " \u3000\t"):
        assert re.search(pattern, query) is None
        assert client.get("/api/search", params={"q": query}).status_code == 422
    assert client.get("/api/search", params={"q": "\u0085decoding"}).status_code == 200


def test_search_in_chinese_finds_the_concept(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "推测解码", "k": 2}).json()["hits"]
    assert spec_paper().id in {h["paper"]["id"] for h in hits}


def test_search_rejects_bad_parameters_as_json(client: TestClient) -> None:
    for params in ({"k": 3}, {"q": "x", "k": 0}, {"q": "x", "mode": "psychic"}):
        response = client.get("/api/search", params=params)
        assert response.status_code == 422
        assert set(response.json()) == {"error"}


def test_paper_in_interchange_shape(client: TestClient) -> None:
    response = client.get(f"/api/papers/{quant_paper().id}")
    assert response.status_code == 200
    paper = response.json()
    assert paper["title"] == quant_paper().title and paper["author_count"] == 4
    assert paper["institutions"][0]["parent"] == "inst:qualcomm"
    assert [t["category"] for t in paper["techniques"] if t["id"] == FP8_KV.id] == ["quantization", "kv-cache"]
    assert [(e["metric"], e["value"], e["unit"]) for e in paper["evidence"]] == [
        ("speedup", 5.5, "x"), ("memory", 40.0, "%")]
    assert paper["hardware"] == [{"id": "hw:nvidia-a100", "name": "NVIDIA A100", "class": "gpu", "family": None,
                                  "resolved": True}]


def test_missing_paper_is_a_json_404(client: TestClient) -> None:
    response = client.get("/api/papers/paper:nope")
    assert response.status_code == 404
    assert response.json() == {"error": "no paper with id 'paper:nope'"}
    assert client.get("/api/nothing-here").json() == {"error": "Not Found"}


def test_healthz_and_openapi(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "papers": 5, "index": {"papers": 5, "in_step": True}}
    schema = client.get("/openapi.json").json()
    assert {"/api/search", "/api/papers/{paper_id}", "/api/reports", "/healthz"} <= set(schema["paths"])
    assert "multipart/form-data" in schema["paths"]["/api/reports"]["post"]["requestBody"]["content"]


class FailingStore:
    """Fault injection: the real store, except that listing papers blows up."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def list_papers(self, *args: Any) -> Any:
        raise RuntimeError("secret internal detail /srv/papergraph")

    def paper_ids(self, *args: Any) -> Any:
        raise RuntimeError("secret internal detail /srv/papergraph")


def test_internal_errors_are_json_500_without_traceback(tmp_path: Path) -> None:
    store = FailingStore(open_store("memory", tmp_path / "data"))
    service = PapergraphService(Settings(data_dir=tmp_path / "data"), store=store)  # type: ignore[arg-type]
    client = TestClient(create_app(service=service), raise_server_exceptions=False)
    response = client.get("/api/search", params={"q": "x", "category": "quantization"})
    assert response.status_code == 500
    assert response.json() == {"error": "internal error"}
    result = client.post("/graphql", json={"query": "{ papers(first: 1) { totalCount } }"}).json()
    assert result["errors"][0]["message"].startswith("internal error (reference ")
    assert result["errors"][0]["extensions"] == {"code": "INTERNAL"}
    assert "secret" not in response.text + str(result) and "Traceback" not in response.text + str(result)
    service.close()
