"""IRIs from node ids, Turtle terms, and the mapping of every stored property."""

from __future__ import annotations

import io

import pytest
from rdflib import Graph, Literal, URIRef

from graph.formats import property_graph
from graph.projection import NodeRecord
from graph.rdf import (
    DERIVED_PROPERTIES,
    PROPERTY_MAP,
    node_id_of,
    node_iri,
    node_triples,
    turtle_term,
    write_turtle,
)
from tests.contract import batches as b


@pytest.mark.parametrize("node_id", [
    "paper:6dd2070fe1928b44", "inst:서울대학교", "inst:eth-zurich", "tech:ptq", "metric:speedup",
    "report:weekly-2025-10-22", "inst:a b<c>\"d\"{e}|f^g`h\\i%j#k/l?m", "no-colon-at-all", "hw:_3f2a",
])
def test_node_iris_are_stable_valid_and_reversible(node_id: str) -> None:
    iri = node_iri(node_id)
    assert node_iri(node_id) == iri and node_id_of(str(iri)) == node_id
    assert not any(ch in str(iri) for ch in ' <>"{}|^`\\')
    graph = Graph().parse(data=f"{turtle_term(iri, [])} a <urn:x> .", format="turtle")
    assert len(graph) == 1


def test_techniques_and_metrics_are_the_ontologys_concepts() -> None:
    assert node_iri("tech:kv-cache") == URIRef("https://papergraph.dev/technique/kv-cache")
    assert node_iri("metric:speedup") == URIRef("https://papergraph.dev/metric/speedup")
    assert node_iri("inst:kv-cache") == URIRef("https://papergraph.dev/id/inst/kv-cache")
    assert node_id_of("http://example.org/x") is None


@pytest.mark.parametrize("literal", [
    Literal('say "hi"\\ now\nand\ttab\x01\x7f'), Literal("推理加速", lang="zh"), Literal(3), Literal(True),
    Literal(2.5), Literal("2025-10-15", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")), Literal("}; DROP"),
])
def test_turtle_literals_read_back_unchanged(literal: Literal) -> None:
    out = io.StringIO()
    write_turtle([(URIRef("urn:s"), URIRef("urn:p"), literal)], out, ())
    assert list(Graph().parse(data=out.getvalue(), format="turtle").objects()) == [literal]


def test_every_stored_property_is_mapped_or_derived() -> None:
    """A property added to the projection must be given an RDF predicate (or a reason to skip it)."""
    graph = property_graph([b.batch_a(), b.batch_b(), b.tricky_batch()])
    for node in graph.nodes.values():
        known = set(PROPERTY_MAP[node.label]) | DERIVED_PROPERTIES.get(node.label, frozenset())
        assert set(node.props) <= known, (node.label, set(node.props) - known)


def test_a_model_of_a_known_family_links_the_ontologys_family() -> None:
    triples = list(node_triples(NodeRecord("Model", "model:llama-3-8b", {"name": "Llama-3-8B",
                                                                          "family": "LLaMA"})))
    assert (node_iri("model:llama-3-8b"), URIRef("https://papergraph.dev/ontology#family"),
            URIRef("https://papergraph.dev/model/llama")) in triples


def test_the_collector_pause_nests_and_ends() -> None:
    import gc

    from graph.formats import cyclic_gc_paused

    assert gc.isenabled()
    with cyclic_gc_paused():
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_export_speaks_only_the_schemas_vocabulary_and_loads_beside_the_ontology() -> None:
    """Every pg: class and property the export uses is declared in ontology/schema.ttl, and the export
    plus the shipped Turtle files load into one graph where skos:broader* reaches the categories."""
    from pathlib import Path

    from rdflib import OWL, RDF

    from graph.rdf import PG, rdf_triples

    folder = Path(__file__).resolve().parents[2] / "ontology"
    schema = Graph().parse(folder / "schema.ttl", format="turtle")
    declared = set(schema.subjects(RDF.type, OWL.Class)) | set(schema.subjects(RDF.type, OWL.ObjectProperty)) \
        | set(schema.subjects(RDF.type, OWL.DatatypeProperty))
    graph = property_graph([b.batch_a(), b.batch_b(), b.tricky_batch()])
    out = io.StringIO()
    write_turtle(rdf_triples(graph), out)
    export = Graph().parse(data=out.getvalue(), format="turtle")
    used = {p for p in export.predicates() if str(p).startswith(str(PG))} | \
        {o for o in export.objects(None, RDF.type) if str(o).startswith(str(PG))}
    country = PG.country  # declared with the institutions it describes
    assert used - declared <= {country}
    assert used & declared
    combined = Graph()
    for path in sorted(folder.glob("*.ttl")):
        combined.parse(path, format="turtle")
    combined.parse(data=out.getvalue(), format="turtle")
    rows = combined.query("""PREFIX pg: <https://papergraph.dev/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?paper WHERE { ?paper pg:uses ?t . ?t skos:broader* ?c .
                                       ?c skos:topConceptOf pg:techniqueScheme ; skos:prefLabel "推测解码"@zh }""")
    assert {str(r[0]).rsplit("/", 1)[1] for r in rows} == {p.id.removeprefix("paper:")
                                                          for p in (b.spec_paper(), b.eagle_paper())}
