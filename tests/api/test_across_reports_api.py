"""Trends, leaderboards and comparisons as REST, GraphQL and CLI users get them (reports A and B)."""

from __future__ import annotations

import csv
import io
import json

from fastapi.testclient import TestClient

from api.service import PapergraphService
from tests.api.conftest import graphql
from tests.contract import batches as b

A, B = b.REPORT_A, b.REPORT_B


def test_trends_rest_json_and_csv(client: TestClient) -> None:
    body = client.get("/api/trends", params={"by": "category", "top": 3}).json()
    assert body["reports"] == [{"id": A, "title": "AI推理加速技术论文分析报告", "date": "2025-10-15", "papers": 4},
                               {"id": B, "title": "AI推理加速技术论文分析报告", "date": "2025-10-22", "papers": 2}]
    assert [(s["id"], s["counts"]) for s in body["series"]] == [
        ("tech:quantization", [2, 1]), ("tech:speculative-decoding", [2, 0]), ("tech:token-reduction", [1, 1])]
    rising = client.get("/api/trends", params={"by": "category", "sort": "rising", "top": 2}).json()["series"]
    assert {s["id"] for s in rising} == {"tech:mixture-of-experts", "tech:serving-scheduling"}
    assert all(s["new"] and s["first_seen_date"] == "2025-10-22" for s in rising)
    response = client.get("/api/trends", params={"by": "institution", "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][:4] == ["id", "name", "2025-10-15", "2025-10-22"]
    assert [b.TSINGHUA.id, "Tsinghua University", "2", "1"] in [r[:4] for r in rows]


def test_trends_reject_bad_arguments(client: TestClient) -> None:
    for params in ({"by": "colour"}, {"top": 0}, {"top": 10_000}, {"sort": "fastest"}, {"format": "xml"}):
        response = client.get("/api/trends", params=params)
        assert response.status_code == 422, params
        assert "error" in response.json()


def test_leaderboard_rest(client: TestClient) -> None:
    body = client.get("/api/leaderboard", params={"metric": "speedup"}).json()
    assert [r["value"] for r in body["rows"]] == [5.5, 3.2, 2.1]
    top = body["rows"][0]
    assert top["quote"] == "up to 5.5x speedup"
    assert top["paper"] == {"id": b.quant_paper().id, "title": "FP8 Attention Surgery for Video Diffusion"}
    assert top["source"]["report"] == A and top["source"]["line"] == 33
    assert body["group"] == {"family": "x", "direction": "level", "order": "desc", "claims": 3, "units": ["x"]}
    narrowed = client.get("/api/leaderboard", params={"metric": "speedup", "category": "speculative-decoding"})
    assert [r["value"] for r in narrowed.json()["rows"]] == [3.2, 2.1]
    assert client.get("/api/leaderboard", params={"metric": "speedup", "k": 1}).json()["rows"][0]["value"] == 5.5
    response = client.get("/api/leaderboard", params={"metric": "speedup", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["rank"], r["value"]) for r in rows] == [("1", "5.5"), ("2", "3.2"), ("3", "2.1")]
    unknown = client.get("/api/leaderboard", params={"metric": "happiness"})
    assert unknown.status_code == 422 and "metric" in unknown.json()["error"]


def test_compare_rest_formats_and_unknown_ids(client: TestClient) -> None:
    ids = [b.spec_paper().id, b.quant_paper().id]
    body = client.get("/api/compare", params={"ids": ",".join(ids)}).json()
    assert [p["id"] for p in body["papers"]] == ids
    rows = {r["property"]: r["cells"] for r in body["rows"]}
    assert [c["name"] for c in rows["institutions"][0]] == ["Shanghai Jiao Tong University"]
    assert [c["id"] for c in rows["categories"][1]] == ["tech:kv-cache", "tech:quantization"]
    assert [c["value"] if c else None for c in rows["speedup"]] == [3.2, 5.5]
    assert rows["memory"][0] is None and rows["memory"][1]["value"] == 40.0
    assert all(len(cells) == 2 for cells in rows.values())
    markdown = client.get("/api/compare", params={"ids": ",".join(ids), "format": "markdown"}).text
    assert markdown.splitlines()[0] == ("| property | Faster Speculative Decoding with Tree Drafts | "
                                        "FP8 Attention Surgery for Video Diffusion |")
    table = list(csv.reader(io.StringIO(client.get("/api/compare", params={"ids": ",".join(ids), "format": "csv"}).text)))
    assert {len(r) for r in table} == {3}
    missing = client.get("/api/compare", params={"ids": f"{ids[0]},paper:nope"})
    assert missing.status_code == 404 and "paper:nope" in missing.json()["error"]
    too_many = client.get("/api/compare", params={"ids": ",".join(f"paper:{i}" for i in range(21))})
    assert too_many.status_code == 422 and "ids" in too_many.json()["error"]


def test_graphql_answers_as_rest(client: TestClient) -> None:
    data = graphql(client, """query Q($ids: [ID!]!) {
      trends(by: CATEGORY, top: 3) { reports { id date papers } series { id counts firstSeenDate new } }
      leaderboard(metric: SPEEDUP, k: 2) { group { family order } rows { value paper { title firstSeen } } }
      compare(ids: $ids) { papers { id } rows { property cells { text entities { name } } } }
      institutions(first: 5) { edges { node { id firstSeen } } }
    }""", {"ids": [b.spec_paper().id, b.eagle_paper().id]})["data"]
    rest = client.get("/api/trends", params={"by": "category", "top": 3}).json()
    assert [s["counts"] for s in data["trends"]["series"]] == [s["counts"] for s in rest["series"]]
    assert [r["date"] for r in data["trends"]["reports"]] == ["2025-10-15", "2025-10-22"]
    assert [r["value"] for r in data["leaderboard"]["rows"]] == [5.5, 3.2]
    assert data["leaderboard"]["rows"][0]["paper"]["firstSeen"] == "2025-10-15"
    assert [p["id"] for p in data["compare"]["papers"]] == [b.spec_paper().id, b.eagle_paper().id]
    first_seen = {e["node"]["id"]: e["node"]["firstSeen"] for e in data["institutions"]["edges"]}
    assert first_seen[b.TSINGHUA.id] == "2025-10-15"


def test_graphql_errors_for_bad_questions(client: TestClient) -> None:
    errors = graphql(client, '{ leaderboard(metric: SPEEDUP, k: 0) { rows { value } } }')["errors"]
    assert "k must be between 1 and 100, not 0" in errors[0]["message"]
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    query = "query C($ids: [ID!]!) { compare(ids: $ids) { papers { id } missing } }"
    data = graphql(client, query, {"ids": ["paper:nope", b.spec_paper().id]})
    assert data["data"]["compare"] == {"papers": [{"id": b.spec_paper().id}], "missing": ["paper:nope"]}


def test_cli_commands(service: PapergraphService, capsys, monkeypatch) -> None:
    import cli

    monkeypatch.setenv("PAPERGRAPH_DATA_DIR", str(service.settings.data_dir))
    assert cli.main(["trends", "--by", "category", "--top", "2"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["category", "2025-10-15", "2025-10-22", "total", "share", "+/-", "new"]
    assert table[2].split()[:3] == ["quantization", "2", "1"]
    assert cli.main(["leaderboard", "--metric", "speedup", "--format", "json"]) == 0
    assert [r["value"] for r in json.loads(capsys.readouterr().out)["rows"]] == [5.5, 3.2, 2.1]
    assert cli.main(["compare", b.spec_paper().id, b.eagle_paper().id, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("property,Faster Speculative Decoding with Tree Drafts,")
    assert cli.main(["compare", "paper:nope"]) == 1
    assert "no paper with id" in capsys.readouterr().err
