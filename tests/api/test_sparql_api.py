"""GET|POST /sparql: the SPARQL 1.1 protocol, read-only, bounded in size and time, never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from api.service import PapergraphService
from graph.rdf import node_id_of
from tests.api.conftest import graphql, make_service, write_interchange
from tests.contract.batches import batch_a, batch_b

SPEEDUPS = """PREFIX pg: <https://papergraph.dev/ontology#>
SELECT ?value ?title WHERE {
  ?paper pg:reports ?claim ; pg:title ?title .
  ?claim pg:measures <https://papergraph.dev/metric/speedup> ; pg:value ?value .
} ORDER BY DESC(?value)"""
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # the ontology's triples cubed
UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX pg: <https://papergraph.dev/ontology#> DELETE WHERE { ?p pg:title ?t }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
]


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PapergraphService, TestClient]]:
    """Reports A and B, with a short time limit and a small query size bound."""
    service = make_service(tmp_path_factory.mktemp("sparql") / "data", [batch_a(), batch_b()],
                           sparql_timeout_s=1.0, sparql_max_query_bytes=2000, sparql_max_rows=50)
    yield service, TestClient(create_app(service=service), raise_server_exceptions=False)
    service.close()


def _values(response_json: dict) -> list[float]:
    return [float(b["value"]["value"]) for b in response_json["results"]["bindings"]]


def test_get_answers_sparql_results_json(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SPEEDUPS})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    body = response.json()
    assert body["head"]["vars"] == ["value", "title"]
    assert _values(body) == [5.5, 3.2, 2.1]
    assert body["results"]["bindings"][0]["value"]["datatype"] == "http://www.w3.org/2001/XMLSchema#double"


def test_post_as_form_and_as_sparql_query_body(client: TestClient) -> None:
    form = client.post("/sparql", data={"query": SPEEDUPS})
    body = client.post("/sparql", content=SPEEDUPS.encode(), headers={"Content-Type": "application/sparql-query"})
    assert form.status_code == body.status_code == 200
    assert form.json() == body.json() == client.get("/sparql", params={"query": SPEEDUPS}).json()
    ask = client.post("/sparql", content=b"ASK { ?p a pg:Paper }",
                      headers={"Content-Type": "application/sparql-query"})
    assert ask.json() == {"head": {}, "boolean": True}  # pg: needs no PREFIX line


def test_sparql_agrees_with_graphql(client: TestClient) -> None:
    query = """{ evidence(filter: {metric: ["speedup"]}, orderBy: VALUE_DESC, first: 10) {
                 edges { node { value paper { title } } } } }"""
    edges = graphql(client, query)["data"]["evidence"]["edges"]
    rows = client.get("/sparql", params={"query": SPEEDUPS}).json()["results"]["bindings"]
    assert [(e["node"]["value"], e["node"]["paper"]["title"]) for e in edges] == \
        [(float(r["value"]["value"]), r["title"]["value"]) for r in rows]
    papers = graphql(client, '{ papers(filter: {category: ["quantization"]}, first: 50) { edges { node { id } } } }')
    sparql = client.get("/sparql", params={"query": "SELECT DISTINCT ?p WHERE { ?p pg:uses/skos:broader* "
                                                    "tech:quantization }"}).json()
    assert {e["node"]["id"] for e in papers["data"]["papers"]["edges"]} == \
        {node_id_of(r["p"]["value"]) for r in sparql["results"]["bindings"]} != set()


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_with_400(quick: tuple[PapergraphService, TestClient], update: str) -> None:
    _, client = quick
    for response in (client.get("/sparql", params={"query": update}),
                     client.post("/sparql", data={"query": update})):
        assert response.status_code == 400
        assert "read-only" in response.json()["error"]


def test_a_query_past_its_time_limit_gets_400(quick: tuple[PapergraphService, TestClient]) -> None:
    _, client = quick
    response = client.post("/sparql", data={"query": HEAVY})
    assert response.status_code == 400
    assert response.json() == {"error": "the query ran past its time limit of 1 s"}
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True  # still serving


@pytest.mark.parametrize(("query", "message"), [
    ("SELECT * WHERE { ?s ?p ?o } " + "#" * 2000, "longer than 2000 bytes"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "only SELECT and ASK"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", "FROM and FROM NAMED are not allowed"),
    ("SELECT * WHERE { ?s ?p ?o }", "more than 50 rows"),
    ("SELEKT nothing", "not a SPARQL query"),
    ("", "no query"),
])
def test_refusals_are_400_with_a_reason(quick: tuple[PapergraphService, TestClient], query: str,
                                        message: str) -> None:
    _, client = quick
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_dataset_parameters_are_refused(client: TestClient) -> None:
    get = client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "http://example.org/g"})
    post = client.post("/sparql", data={"query": "ASK {}", "named-graph-uri": "http://example.org/g"})
    assert get.status_code == post.status_code == 400
    assert "not supported" in get.json()["error"] and "named-graph-uri" in post.json()["error"]


def test_post_of_another_media_type_is_400(client: TestClient) -> None:
    response = client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert response.status_code == 400 and "application/sparql-query" in response.json()["error"]


def test_the_rdf_graph_is_rebuilt_only_after_an_import(tmp_path: Path) -> None:
    service = make_service(tmp_path / "data", [batch_a()])
    try:
        count = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a pg:Paper }"
        assert int(service.sparql(count).rows[0][0]) == 4
        runner = service._sparql_runner()
        assert service._sparql_runner() is runner  # no import: the cached graph is reused
        source = write_interchange(tmp_path / "b.json", [batch_b()])
        assert all(r.ok for r in service.import_paths([source], progress=False))
        assert service._sparql_runner() is not runner
        assert int(service.sparql(count).rows[0][0]) == 5
    finally:
        service.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=300),
                      st.builds(lambda a, b: f"SELECT {a} WHERE {{ {b} }}", st.text(max_size=40),
                                st.text(max_size=80))))
def test_any_text_is_answered_or_refused_never_a_500(quick: tuple[PapergraphService, TestClient],
                                                     text: str) -> None:
    _, client = quick
    for response in (client.get("/sparql", params={"query": text}),
                     client.post("/sparql", content=text.encode("utf-8", "surrogatepass"),
                                 headers={"Content-Type": "application/sparql-query"})):
        assert response.status_code in (200, 400), (text, response.text)
        body = response.json()
        assert ("error" in body) == (response.status_code == 400)


def test_busy_slots_answer_503(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.sparql import SparqlBusy

    service = make_service(tmp_path / "data")

    def busy(query: str) -> None:
        raise SparqlBusy("too many SPARQL queries are running; try again shortly")

    monkeypatch.setattr(service, "sparql", busy)
    try:
        response = TestClient(create_app(service=service)).get("/sparql", params={"query": "ASK {}"})
        assert response.status_code == 503 and "try again" in response.json()["error"]
    finally:
        service.close()
