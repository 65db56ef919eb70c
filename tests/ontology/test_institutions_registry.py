"""The institution registry compiled from institutions.ttl (through the project ontology graph)."""

from collections import Counter

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from ontology.graph import ontology_graph
from ontology.institutions import compile_registry, institution_registry, normalise_name


def test_every_label_belongs_to_one_institution_and_every_institution_has_an_english_name():
    registry = institution_registry()
    assert len(registry.entries) >= 150
    owners: dict[str, set[str]] = {}
    for label, entry in registry.labels():
        owners.setdefault(normalise_name(label), set()).add(entry.id)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    graph = ontology_graph()
    for entry in registry.entries:
        english = [o for o in graph.objects(URIRef(entry.iri), SKOS.prefLabel) if o.language == "en"]
        assert [str(o) for o in english] == [entry.name]
    assert Counter(e.id for e in registry.entries).most_common(1)[0][1] == 1


def test_parents_exist_and_ids_follow_the_canonical_name():
    registry = institution_registry()
    for entry in registry.entries:
        assert entry.id == "inst:" + entry.id.split(":", 1)[1]
        if entry.parent_id:
            parent = registry.get(entry.parent_id)
            assert parent is not None and parent.name == entry.parent_name
    cloud = registry.lookup("阿里云")
    assert cloud is not None and cloud.parent_name == "Alibaba Group"
    assert registry.ancestors(registry.lookup("CASIA").id) == ("inst:chinese-academy-of-sciences",)


def test_lookup_completion_and_spelling():
    registry = institution_registry()
    assert registry.lookup("the hong kong university of science & technology").name == \
        "The Hong Kong University of Science and Technology"
    assert registry.lookup("上海交通大学").id == "inst:shanghai-jiao-tong-university"
    assert registry.lookup("Ecole Polytechnique Federale de Lausanne").name == \
        "École Polytechnique Fédérale de Lausanne"
    assert registry.complete("University of Notre").name == "University of Notre Dame"
    assert registry.complete("University of Central") is None  # Florida or Lancashire: not guessed
    assert registry.complete("Carnegie Mellon Univer").name == "Carnegie Mellon University"  # cut inside a word
    assert registry.complete("Carnegie Mellon Un") is None  # too little of the word is left to say which
    assert registry.closest("Tsinghua Univeristy").name == "Tsinghua University"
    assert registry.closest("MIT") is None
    # a short word is not misspelt into a longer one: an "AI Institute" is not the "AIRI Institute"
    assert registry.closest("AI Institute") is None


def test_a_label_claimed_twice_is_rejected():
    graph = Graph()
    graph.parse(data="""
        @prefix pg: <https://papergraph.dev/ontology#> .
        @prefix org: <https://papergraph.dev/institution/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        org:a a pg:University ; skos:prefLabel "Alpha University"@en ; skos:altLabel "AU" .
        org:b a pg:Company ; skos:prefLabel "Beta Corp"@en ; skos:altLabel "au" .
    """, format="turtle")
    with pytest.raises(ValueError, match="claimed by"):
        compile_registry(graph)


def test_an_institution_without_an_english_name_is_rejected():
    graph = Graph()
    graph.parse(data="""
        @prefix pg: <https://papergraph.dev/ontology#> .
        @prefix org: <https://papergraph.dev/institution/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        org:a a pg:University ; skos:prefLabel "阿尔法大学"@zh .
    """, format="turtle")
    with pytest.raises(ValueError, match="English"):
        compile_registry(graph)
