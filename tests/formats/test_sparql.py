"""What the SPARQL runner refuses, and its answers in the three result formats."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import Graph, Literal, URIRef

from graph.sparql import (
    SparqlAnswer,
    SparqlError,
    SparqlRunner,
    SparqlTimeout,
    answer_csv,
    answer_json,
    answer_table,
    evaluate,
    prepare_query,
)

DATA = Graph().parse(data="""
<urn:a> <urn:name> "Alpha"@en ; <urn:size> 3 .
<urn:b> <urn:name> "Beta, \\"quoted\\"" ; <urn:size> 5 .
""", format="turtle")


@pytest.mark.parametrize(("text", "reason"), [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "read-only"),
    ("DELETE WHERE { ?s ?p ?o }", "read-only"),
    ("LOAD <http://example.org/x.ttl>", "read-only"),
    ("CLEAR DEFAULT", "read-only"),
    ("SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <urn:a> <urn:b> <urn:c> }", "not a SPARQL query"),
    ("DESCRIBE <urn:a>", "only SELECT and ASK"),
    ("SELECT * FROM NAMED <urn:g> WHERE { ?s ?p ?o }", "FROM"),
    ("SELECT * WHERE { OPTIONAL { SERVICE SILENT <http://example.org/q> { ?s ?p ?o } } }", "SERVICE"),
    ("SELECT * WHERE { ?s undeclared:p ?o }", "bad SPARQL query"),
])
def test_refused_queries_say_why(text: str, reason: str) -> None:
    with pytest.raises(SparqlError, match=reason):
        prepare_query(text)


def test_answers_in_json_csv_and_table() -> None:
    answer = evaluate(DATA, "SELECT ?s ?name ?size WHERE { ?s <urn:name> ?name OPTIONAL { ?s <urn:nope> ?size } }"
                      " ORDER BY ?s", None)
    assert answer_json(answer)["results"]["bindings"][0] == {
        "s": {"type": "uri", "value": "urn:a"}, "name": {"type": "literal", "value": "Alpha", "xml:lang": "en"}}
    rows = list(csv.reader(io.StringIO(answer_csv(answer))))
    assert rows == [["s", "name", "size"], ["urn:a", "Alpha", ""], ["urn:b", 'Beta, "quoted"', ""]]
    table = answer_table(answer).splitlines()
    assert table[0].split() == ["s", "name", "size"] and table[-1] == "(2 rows)"
    assert answer_json(SparqlAnswer(boolean=False)) == {"head": {}, "boolean": False}


def test_row_limit_refuses_rather_than_cuts() -> None:
    with pytest.raises(SparqlError, match="more than 1 rows"):
        evaluate(DATA, "SELECT ?s WHERE { ?s <urn:size> ?n }", 1)
    assert len(evaluate(DATA, "SELECT ?s WHERE { ?s <urn:size> ?n }", 2).rows) == 2


def test_runner_answers_in_a_child_and_kills_it_at_the_deadline() -> None:
    runner = SparqlRunner(DATA, timeout_s=5, max_rows=None)
    answer = runner.run("SELECT (SUM(?n) AS ?total) WHERE { ?s <urn:size> ?n }")
    assert answer.rows == ((Literal(8),),)
    big = Graph()
    for i in range(300):
        big.add((URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal(i)))
    slow = SparqlRunner(big, timeout_s=0.5, max_rows=None)
    with pytest.raises(SparqlTimeout):
        slow.run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    assert slow.run("ASK { ?s ?p 3 }").boolean is True


def test_the_childs_audit_hook_refuses_network_events_only() -> None:
    from graph.sparql import _block_network

    for event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        with pytest.raises(PermissionError):
            _block_network(event, ())
    assert _block_network("open", ("/dev/null", "r", 0)) is None
