"""The web explorer's pages over HTTP (the in-process client, as Datasette tests its HTML): what each
page shows, its security headers, HTML errors without internals, hostile text always escaped, and the
REST routes the graph view reads (/api/neighbourhood, /api/entities)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from api.app import create_app
from api.browse import CAPTION_PROPERTY
from api.graph_style import GRASS, STYLESHEET, captions, parse_grass, stylesheet_text
from api.service import PapergraphService
from api.settings import Settings
from graph.model import ImportBatch, ReportInfo
from graph.open_store import open_store
from tests.api.conftest import make_service
from tests.api.test_rest import FailingStore
from tests.contract.batches import EAGLE, REPORT_A, SJTU, eagle_paper, paper, quant_paper, spec_paper

HOSTILE = "<script>alert('x')</script> & <img src=x onerror=alert(1)> \"quoted\""
HOSTILE_PAPER = paper(HOSTILE, REPORT_A, 1, abstract=f"An abstract with {HOSTILE}.", brief=f"简报 {HOSTILE}",
                      evidence_=(("speedup", 2.0, "x", f"2x faster {HOSTILE}"),))


def test_overview_counts_and_categories(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<strong>5</strong> papers" in page.text
    assert 'href="/?q=speculative+decoding&amp;category=speculative-decoding"' in page.text
    assert 'href="/trends"' in page.text and 'href="/leaderboard"' in page.text


def test_pages_carry_security_headers(client: TestClient) -> None:
    for path in ("/", "/?q=drafting", f"/paper/{spec_paper().id}", f"/entity/{SJTU.id}", "/trends",
                 "/leaderboard", "/paper/paper:none"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self';" in policy and "connect-src 'self'" in policy and "default-src 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


def test_search_deep_link_renders_hits_with_the_match_marked(client: TestClient) -> None:
    page = client.get("/", params={"q": "speculative decoding drafts", "category": "speculative-decoding"})
    assert page.status_code == 200
    hits = re.findall(r'class="hit-title" href="/paper/([^"]+)"', page.text)
    assert set(hits) == {spec_paper().id, eagle_paper().id}  # the category filter leaves the others out
    assert "Faster Speculative Decoding with Tree Drafts" in page.text
    assert "<mark>" in page.text
    assert 'href="/api/search?q=speculative+decoding+drafts&amp;k=10&amp;category=speculative-decoding' in page.text


def test_search_in_chinese_and_empty_filters(client: TestClient) -> None:
    page = client.get("/", params={"q": "推测解码", "category": "", "institution": "", "mode": "hybrid"})
    assert page.status_code == 200
    assert "Faster Speculative Decoding with Tree Drafts" in page.text


def test_paper_page(client: TestClient) -> None:
    spec = spec_paper()
    page = client.get(f"/paper/{spec.id}")
    assert page.status_code == 200
    text = page.text
    assert "<h1>Faster Speculative Decoding with Tree Drafts</h1>" in text
    assert f'href="/entity/{SJTU.id}"' in text and f'href="/entity/{EAGLE.id}"' in text
    assert "achieves a 3.2x speedup over autoregressive decoding" in text and "improves throughput by 45%" in text
    assert f'href="/entity/{REPORT_A}"' in text and "<td>1</td><td>10</td>" in text  # report, number, line
    assert "Similar papers" in text and f'href="/paper/{eagle_paper().id}"' in text
    assert f'id="graph" class="graph" data-node="{spec.id}"' in text
    assert '<script src="/assets/cytoscape/dist/cytoscape.min.js"></script>' in text


@pytest.mark.parametrize("path", ["/paper/paper:0000", "/entity/inst:nobody", "/entity/nothing", "/paper/"])
def test_unknown_ids_are_html_404_pages(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "<h1>Not found</h1>" in page.text and "Traceback" not in page.text


@pytest.mark.parametrize("query", ["k=0", "k=101", "mode=fuzzy", "q=" + "x" * 501])
def test_search_parameters_are_bounded_as_the_api_bounds_them(client: TestClient, query: str) -> None:
    page = client.get(f"/?{query}")
    assert page.status_code == 422 and "<h1>Invalid request</h1>" in page.text
    api = client.get(f"/api/search?{query if query.startswith('q=') else 'q=x&' + query}")
    assert api.status_code == 422


def test_entity_pages(client: TestClient) -> None:
    category = client.get("/entity/tech:speculative-decoding").text
    assert "Narrower" in category and f'href="/entity/{EAGLE.id}"' in category
    assert f'href="/paper/{spec_paper().id}"' in category and f'href="/paper/{eagle_paper().id}"' in category
    assert f'href="/paper/{quant_paper().id}"' not in category
    institution = client.get(f"/entity/{SJTU.id}").text
    assert "Shanghai Jiao Tong University" in institution and "上海交通大学" in institution
    assert f'name="institution" value="{SJTU.id}"' in institution  # search within its papers
    assert 'href="/leaderboard?metric=speedup"' in client.get("/entity/metric:speedup").text
    moved = client.get(f"/entity/{spec_paper().id}", follow_redirects=False)
    assert moved.status_code == 308 and moved.headers["location"] == f"/paper/{spec_paper().id}"


def test_trends_and_leaderboard_pages(client: TestClient) -> None:
    trends = client.get("/trends", params={"by": "institution"}).text
    assert "<th class=\"num\">2025-10-15</th>" in trends and "<th class=\"num\">2025-10-22</th>" in trends
    assert "Tsinghua University" in trends and "<polyline" in trends and "<rect" in trends
    board = client.get("/leaderboard", params={"metric": "speedup"}).text
    rows = re.findall(r'<tr><td class="num">(\d+)</td><td class="num">([^<]+)</td>', board)
    assert [r[1] for r in rows] == ["5.5x", "3.2x", "2.1x"]
    assert client.get("/leaderboard", params={"metric": "nonsense"}).status_code == 422
    assert client.get("/trends", params={"top": 101}).status_code == 422


def test_empty_form_fields_filter_nothing_on_pages_and_routes(client: TestClient) -> None:
    # what the leaderboard and trends forms send when "any" and "largest group" are left chosen
    empty = {"category": "", "technique": "", "hardware": "", "model": "", "unit": "", "direction": ""}
    board = client.get("/leaderboard", params={"metric": "speedup", **empty})
    assert board.status_code == 200 and board.text == client.get("/leaderboard", params={"metric": "speedup"}).text
    api = client.get("/api/leaderboard", params={"metric": "speedup", **empty}).json()
    assert [r["value"] for r in api["rows"]] == [5.5, 3.2, 2.1]
    assert api == client.get("/api/leaderboard", params={"metric": "speedup"}).json()
    assert client.get("/api/trends", params={"by": "institution", "category": " "}).json() == \
        client.get("/api/trends", params={"by": "institution"}).json()
    assert client.get("/api/leaderboard", params={"metric": "speedup", "direction": "sideways"}).status_code == 422


def test_neighbourhood_route(client: TestClient) -> None:
    graph = client.get(f"/api/neighbourhood/{spec_paper().id}").json()
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes[SJTU.id] == {"id": SJTU.id, "label": "Institution", "caption": "Shanghai Jiao Tong University"}
    assert nodes[spec_paper().id]["caption"] == "Faster Speculative Decoding with Tree Drafts"
    assert {"type": "AUTHORED", "start": SJTU.id, "end": spec_paper().id} in graph["relationships"]
    assert len(client.get(f"/api/neighbourhood/{spec_paper().id}", params={"limit": 2}).json()["nodes"]) == 2
    assert client.get("/api/neighbourhood/paper:none").json() == {"error": "no node with id 'paper:none'"}
    for bad in ({"limit": 0}, {"limit": 101}, {"depth": 4}):
        assert client.get(f"/api/neighbourhood/{SJTU.id}", params=bad).status_code == 422


def test_entities_route(client: TestClient) -> None:
    found = client.get(f"/api/entities/{EAGLE.id}", params={"limit": 1}).json()
    assert found["node"]["name"] == "EAGLE drafter"
    assert found["related"]["broader"][0]["id"] == "tech:speculative-decoding"
    assert found["papers"]["total"] == 2 and len(found["papers"]["items"]) == 1
    assert client.get("/api/entities/inst:nobody").status_code == 404
    assert client.get(f"/api/entities/{spec_paper().id}").status_code == 404  # papers: /api/papers/{id}


def test_static_files_and_assets(client: TestClient) -> None:
    assert client.get("/static/explorer.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/explorer.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/graph-style.json").json()[0]["selector"] == "node"
    assert client.get("/static/../service.py").status_code == 404
    assert client.get("/assets/cytoscape/dist/cytoscape.min.js").status_code == 200


def test_graph_style_is_current_and_captions_follow_the_grass_file() -> None:
    grass = GRASS.read_text(encoding="utf-8")
    assert STYLESHEET.read_text(encoding="utf-8") == stylesheet_text(grass), (
        "api/static/graph-style.json is stale: regenerate it with `.venv/bin/python -m api.graph_style`")
    sheet = {rule["selector"]: rule["style"] for rule in json.loads(stylesheet_text(grass))}
    assert sheet["node.Paper"]["background-color"] == "#4C8EDA" and sheet["node.Paper"]["width"] == 65
    assert sheet["edge.USES"]["line-color"] == "#B261A5"
    expected = {label: prop for label, prop in captions(parse_grass(grass)).items() if prop != "name"}
    assert expected == CAPTION_PROPERTY


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A store whose report title and paper title, abstract, brief and evidence quote are markup."""
    info = ReportInfo(REPORT_A, HOSTILE, "weekly-2025-10-15.md", "2025-10-15T18:50:54", 1)
    service = make_service(tmp_path_factory.mktemp("hostile") / "data", [ImportBatch(info, (HOSTILE_PAPER,))])
    with TestClient(create_app(service=service), raise_server_exceptions=False) as client:
        yield client
    service.close()


def test_stored_markup_is_escaped_on_every_page(hostile_client: TestClient) -> None:
    paper_id = HOSTILE_PAPER.id
    for path in ("/?q=alert", f"/paper/{paper_id}", f"/entity/{REPORT_A}", "/leaderboard?metric=speedup",
                 "/entity/tech:other"):
        page = hostile_client.get(path)
        assert page.status_code in (200, 404), path
        assert "<script>alert" not in page.text and "<img src=x" not in page.text, path
    assert str(escape(HOSTILE)) in hostile_client.get(f"/paper/{paper_id}").text


# Hypothesis: any text as a query or a paper id; never a server error, never the text unescaped.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
MARKUP = "<i data-pwn=1>"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=TEXT, after=TEXT)
def test_hostile_queries_never_break_the_search_page(client: TestClient, before: str, after: str) -> None:
    text = before + MARKUP + after
    page = client.get("/", params={"q": text, "category": before[:30]})
    assert page.status_code < 500
    assert MARKUP not in page.text
    if page.status_code == 200 and text.strip():
        assert str(escape(text)) in page.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=TEXT, after=TEXT)
def test_hostile_ids_never_break_the_paper_and_entity_pages(client: TestClient, before: str, after: str) -> None:
    text = before + MARKUP + after
    for page_path in ("/paper/", "/entity/"):
        page = client.get(page_path + quote(text, safe=""))
        assert page.status_code < 500
        assert MARKUP not in page.text


def test_internal_errors_are_html_500_pages_without_internals(tmp_path: Path) -> None:
    store = FailingStore(open_store("memory", tmp_path / "data"))
    service = PapergraphService(Settings(data_dir=tmp_path / "data"), store=store)  # type: ignore[arg-type]
    client = TestClient(create_app(service=service), raise_server_exceptions=False)
    page = client.get("/", params={"q": "x", "category": "quantization"})
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert "internal error" in page.text and "secret" not in page.text and "Traceback" not in page.text
    service.close()


def test_a_chinese_query_marks_the_english_labels_search_added(client: TestClient) -> None:
    page = client.get("/", params={"q": "推测解码"})
    marked = re.findall(r"<mark>([^<]+)</mark>", page.text)
    assert any(m.isascii() and "specul" in m.lower() for m in marked), marked
