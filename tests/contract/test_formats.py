"""Every export format reloads with the graph the store holds, and SPARQL over the RDF answers as the
store does; run on every store."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph, Literal
from rdflib.namespace import SKOS

from graph.formats import property_graph, write_graph
from graph.projection import GraphProjection
from graph.rdf import PG, node_id_of, node_iri, rdf_graph, rdf_triples, sparql_graph, write_turtle
from graph.sparql import evaluate
from graph.store import EvidenceFilter, GraphStore, PaperFilter
from tests.contract import batches as b
from tests.formats.neo4j_import_check import check_import_folder

PREFIXES = """PREFIX pg: <https://papergraph.dev/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX tech: <https://papergraph.dev/technique/>
PREFIX metric: <https://papergraph.dev/metric/>
"""


@pytest.fixture
def filled(store: GraphStore) -> GraphStore:
    store.upsert_all([b.batch_a(), b.batch_b(), b.tricky_batch()])
    return store


@pytest.fixture
def graph(filled: GraphStore) -> GraphProjection:
    return property_graph(filled.export())


def _counts(store: GraphStore) -> tuple[dict[str, int], dict[str, int]]:
    counts = store.counts()
    return counts["nodes"], counts["relationships"]


def test_turtle_and_jsonld_reload_with_the_stores_papers(filled: GraphStore, graph: GraphProjection,
                                                         tmp_path: Path) -> None:
    nodes, _ = _counts(filled)
    write_graph(graph, "ttl", tmp_path / "g.ttl")
    write_graph(graph, "jsonld", tmp_path / "g.jsonld")
    turtle = Graph().parse(tmp_path / "g.ttl", format="turtle")
    jsonld = Graph().parse(tmp_path / "g.jsonld", format="json-ld")
    papers = set(turtle.subjects(RDF.type, PG.Paper))
    assert len(papers) == nodes["Paper"] == 8
    assert {node_id_of(str(p)) for p in papers} == filled.paper_ids(PaperFilter())
    assert set(turtle) == set(jsonld) == set(rdf_graph(rdf_triples(graph)))
    for label, n in nodes.items():  # every node typed with its class, none lost
        assert len(set(turtle.subjects(RDF.type, PG[label]))) == n, label
    titles = {str(t) for t in turtle.objects(None, PG.title)}
    assert set(b.TRICKY_TITLES) <= titles  # quotes, backslashes and braces survive Turtle's escapes


def test_rdf_uses_the_ontologys_concepts_and_its_skos_hierarchy(graph: GraphProjection) -> None:
    rdf = rdf_graph(rdf_triples(graph))
    fp8 = node_iri(b.FP8_KV.id)
    assert str(fp8) == "https://papergraph.dev/technique/" + b.FP8_KV.id.removeprefix("tech:")
    assert (fp8, PG.broader, node_iri("tech:kv-cache")) in rdf
    assert (fp8, SKOS.broader, node_iri("tech:quantization")) in rdf
    assert set(rdf.objects(fp8, SKOS.prefLabel)) == {Literal("FP8 KV缓存", lang="zh"),
                                                     Literal(b.FP8_KV.name, lang="en")}
    ask = evaluate(rdf, PREFIXES + "ASK { tech:kv-cache a pg:TechniqueCategory ; skos:topConceptOf pg:techniqueScheme }",
                   None)
    assert ask.boolean is True


def test_graphml_reloads_with_every_node_and_relationship(filled: GraphStore, graph: GraphProjection) -> None:
    nodes, rels = _counts(filled)
    out = io.StringIO()
    write_graph(graph, "graphml", None, out)
    reloaded = nx.read_graphml(io.BytesIO(out.getvalue().encode("utf-8")))
    assert reloaded.number_of_nodes() == sum(nodes.values())
    assert reloaded.number_of_edges() == sum(rels.values())
    spec = reloaded.nodes[b.spec_paper().id]
    assert spec["type"] == "Paper" and spec["label"] == b.spec_paper().title and spec["proposed"] == "TreeSpec"
    sjtu = reloaded.nodes[b.SJTU.id]
    assert sjtu["aliases"] == "上海交通大学"
    assert reloaded.edges[b.SJTU.id, b.spec_paper().id]["type"] == "AUTHORED"


def test_neo4j_csv_passes_the_import_checker_with_every_node_and_relationship(
        filled: GraphStore, graph: GraphProjection, tmp_path: Path) -> None:
    nodes, rels = _counts(filled)
    write_graph(graph, "csv", tmp_path / "csv")
    rows = check_import_folder(tmp_path / "csv")
    assert {name.removeprefix("nodes-").removesuffix(".csv"): n for name, n in rows.items()
            if name.startswith("nodes-")} == {label: n for label, n in nodes.items() if n}
    assert {name.removeprefix("relationships-").removesuffix(".csv"): n for name, n in rows.items()
            if name.startswith("relationships-")} == {t: n for t, n in rels.items() if n}
    header = (tmp_path / "csv" / "nodes-Institution.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "aliases:string[]" in header and "resolved:boolean" in header


@pytest.mark.parametrize("category", ["speculative-decoding", "quantization", "kv-cache", "mixture-of-experts"])
def test_sparql_papers_under_a_category_are_the_stores(filled: GraphStore, graph: GraphProjection,
                                                       category: str) -> None:
    query = PREFIXES + f"SELECT DISTINCT ?p WHERE {{ ?p pg:uses/skos:broader* tech:{category} }}"
    answer = evaluate(sparql_graph(rdf_triples(graph)), query, None)
    got = {node_id_of(str(row[0])) for row in answer.rows}
    assert got == filled.paper_ids(PaperFilter(category=(category,)))
    assert got


def test_sparql_speedups_best_first_are_the_stores(filled: GraphStore, graph: GraphProjection) -> None:
    query = PREFIXES + """SELECT ?claim ?value ?paper WHERE {
        ?paper pg:reports ?claim . ?claim pg:measures metric:speedup ; pg:value ?value }
        ORDER BY DESC(?value) ?claim"""
    answer = evaluate(rdf_graph(rdf_triples(graph)), query, None)
    page = filled.list_evidence(EvidenceFilter(metric=("speedup",)), "value_desc", limit=100)
    assert [(node_id_of(str(c)), float(v), node_id_of(str(p))) for c, v, p in answer.rows] == \
        [(e["id"], e["value"], e["paper"]) for e in page.items]
    assert len(answer.rows) == 3


def test_sparql_institutions_papers_are_the_stores(filled: GraphStore, graph: GraphProjection) -> None:
    query = PREFIXES + "SELECT ?i (COUNT(?p) AS ?n) WHERE { ?i a pg:Institution ; pg:authored ?p } GROUP BY ?i"
    answer = evaluate(rdf_graph(rdf_triples(graph)), query, None)
    got = {node_id_of(str(i)): int(n) for i, n in answer.rows}
    authored = filled.related(list(got), "AUTHORED", "out")
    assert got == {i: len(papers) for i, papers in authored.items() if papers}
    assert got[b.SJTU.id] == 2


def test_turtle_writer_counts_what_it_writes(graph: GraphProjection) -> None:
    out = io.StringIO()
    count = write_turtle(rdf_triples(graph), out)
    assert count == len(Graph().parse(data=out.getvalue(), format="turtle"))
