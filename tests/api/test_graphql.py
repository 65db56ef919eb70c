"""GraphQL through HTTP: connections, relations both ways, evidence ordering, filters, limits, search."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.service import PapergraphService
from tests.api.conftest import graphql
from tests.contract.batches import EAGLE, SJTU, eagle_paper, quant_paper, spec_paper

PAGE = """query($first: Int!, $after: String) {
  papers(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id title } }
  }
}"""


def test_papers_connection_pages_through_everything_once(client: TestClient) -> None:
    seen, after, pages = [], None, 0
    while True:
        data = graphql(client, PAGE, {"first": 2, "after": after})["data"]["papers"]
        assert data["totalCount"] == 5
        assert data["pageInfo"]["hasPreviousPage"] == (after is not None)
        seen += [e["node"]["id"] for e in data["edges"]]
        pages += 1
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    assert pages == 3
    assert len(seen) == len(set(seen)) == 5


def test_paper_fields_use_interchange_names_in_camel_case(client: TestClient) -> None:
    query = """query($id: ID!) { paper(id: $id) { title authorCount proposed sources { report index line }
                 hardware { name class } models { name family } } }"""
    paper = graphql(client, query, {"id": spec_paper().id})["data"]["paper"]
    assert paper["title"] == "Faster Speculative Decoding with Tree Drafts"
    assert paper["authorCount"] == 4
    assert paper["proposed"] == ["TreeSpec"]
    assert paper["sources"] == [{"report": "report:weekly-2025-10-15", "index": 1, "line": 10}]
    assert paper["hardware"] == [{"name": "NVIDIA A100", "class": "gpu"}]
    assert paper["models"] == [{"name": "Llama-3-8B", "family": "Llama"}]


def test_relations_resolve_both_ways(client: TestClient) -> None:
    query = """query($inst: ID!, $tech: ID!, $paper: ID!) {
      institution(id: $inst) { name papers { id } }
      technique(id: $tech) { name papers { id } broader { id } }
      paper(id: $paper) { institutions { id } techniques { id } evidence { value paper { id } metric { id } } }
    }"""
    data = graphql(client, query, {"inst": SJTU.id, "tech": EAGLE.id, "paper": eagle_paper().id})["data"]
    both = {spec_paper().id, eagle_paper().id}
    assert {p["id"] for p in data["institution"]["papers"]} == both
    assert {p["id"] for p in data["technique"]["papers"]} == both
    assert data["technique"]["broader"] == [{"id": "tech:speculative-decoding"}]
    assert {i["id"] for i in data["paper"]["institutions"]} == {SJTU.id, "inst:tsinghua-university"}
    assert [t["id"] for t in data["paper"]["techniques"]] == [EAGLE.id]
    assert data["paper"]["evidence"] == [
        {"value": 2.1, "paper": {"id": eagle_paper().id}, "metric": {"id": "metric:speedup"}}]


def test_category_lists_its_techniques(client: TestClient) -> None:
    query = "{ categories(first: 20) { totalCount edges { node { id techniques { name } } } } }"
    data = graphql(client, query)["data"]["categories"]
    assert data["totalCount"] == 18
    by_id = {e["node"]["id"]: {t["name"] for t in e["node"]["techniques"]} for e in data["edges"]}
    assert by_id["speculative-decoding"] == {"EAGLE drafter", "tree-structured drafting"}
    assert by_id["state-space-model"] == set()


def test_evidence_ordered_by_value_and_filtered_by_category(client: TestClient) -> None:
    query = """query($order: EvidenceOrder!, $filter: EvidenceFilterInput) {
      evidence(filter: $filter, orderBy: $order, first: 10) {
        totalCount edges { node { value unit quote paper { title } } } } }"""
    speedups = {"metric": ["speedup"]}
    desc = graphql(client, query, {"order": "VALUE_DESC", "filter": speedups})["data"]["evidence"]
    assert [e["node"]["value"] for e in desc["edges"]] == [5.5, 3.2, 2.1]
    asc = graphql(client, query, {"order": "VALUE_ASC", "filter": speedups})["data"]["evidence"]
    assert [e["node"]["value"] for e in asc["edges"]] == [2.1, 3.2, 5.5]
    spec = {"metric": ["speedup"], "papers": {"category": ["speculative-decoding"]}}
    best = graphql(client, query, {"order": "VALUE_DESC", "filter": spec})["data"]["evidence"]
    assert [e["node"]["value"] for e in best["edges"]] == [3.2, 2.1]
    assert best["edges"][0]["node"]["paper"]["title"] == spec_paper().title


def test_paper_filters(client: TestClient) -> None:
    query = """query($filter: PaperFilterInput) { papers(filter: $filter, first: 10) {
                 totalCount edges { node { title } } } }"""
    quant = graphql(client, query, {"filter": {"category": ["quantization"]}})["data"]["papers"]
    assert {e["node"]["title"] for e in quant["edges"]} == {
        quant_paper().title, "Token Merging for Vision Transformers"}
    both = {"category": ["quantization"], "institution": ["inst:qualcomm-ai-research"]}
    assert graphql(client, query, {"filter": both})["data"]["papers"]["totalCount"] == 1


def test_search_and_similar(client: TestClient) -> None:
    query = """query($q: String!) { search(query: $q, k: 3) { score match paper { id title } } }"""
    hits = graphql(client, query, {"q": "speculative decoding with tree drafts"})["data"]["search"]
    assert hits[0]["paper"]["id"] == spec_paper().id
    assert hits[0]["match"]
    filtered = graphql(client, """{ search(query: "speculative decoding", k: 5,
                                    filter: {category: ["quantization"]}) { paper { id } } }""")
    assert spec_paper().id not in {h["paper"]["id"] for h in filtered["data"]["search"]}
    similar = graphql(client, "query($id: ID!) { similarPapers(id: $id, k: 2) { paper { id } } }",
                      {"id": spec_paper().id})["data"]["similarPapers"]
    assert len(similar) == 2 and spec_paper().id not in {h["paper"]["id"] for h in similar}


def test_stats_cooccurrence_and_neighbourhood(client: TestClient) -> None:
    data = graphql(client, """{ stats { nodes { name count } }
      techniqueCooccurrence(first: 50) { a { id } b { id } count }
      neighbourhood(id: "inst:shanghai-jiao-tong-university", depth: 1) { nodes { id label } relationships { type } }
    }""")["data"]
    assert {"name": "Paper", "count": 5} in data["stats"]["nodes"]
    pairs = {(p["a"]["id"], p["b"]["id"]): p["count"] for p in data["techniqueCooccurrence"]}
    assert pairs[tuple(sorted((EAGLE.id, "tech:tree-structured-drafting")))] == 1
    assert {n["id"] for n in data["neighbourhood"]["nodes"]} >= {SJTU.id, spec_paper().id, eagle_paper().id}


def test_too_deep_query_is_rejected(client: TestClient, service: PapergraphService) -> None:
    nested = "id"
    for level in range(service.settings.graphql_max_depth + 1):
        nested = f"{'papers' if level % 2 == 0 else 'institutions'} {{ {nested} }}"
    result = graphql(client, f"{{ institutions(first: 1) {{ edges {{ node {{ {nested} }} }} }} }}")
    assert result.get("data") is None
    assert "exceeds maximum operation depth" in result["errors"][0]["message"]


def test_page_size_is_capped(client: TestClient, service: PapergraphService) -> None:
    cap = service.settings.page_max
    result = graphql(client, f"{{ papers(first: {cap + 1}) {{ totalCount }} }}")
    assert f"first must be between 0 and {cap}" in result["errors"][0]["message"]


def test_bad_cursor_is_a_clear_error(client: TestClient) -> None:
    result = graphql(client, '{ papers(first: 2, after: "bm9wZQ==") { totalCount } }')
    assert "invalid cursor" in result["errors"][0]["message"]


def test_graphiql_is_served(client: TestClient) -> None:
    response = client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200 and "graphiql" in response.text.lower()
