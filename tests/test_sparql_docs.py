"""The three queries of docs/sparql.md run on the sample report, answer what the store answers, and
print exactly the output the document shows (after an extraction change, regenerate it with
`papergraph sparql '<query>'` on the sample and paste the table)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from graph.formats import property_graph
from graph.memory import MemoryStore
from graph.rdf import node_id_of, rdf_triples, sparql_graph
from graph.sparql import SparqlAnswer, answer_table, evaluate
from graph.store import EvidenceFilter, GraphStore, PaperFilter
from ingest.pipeline import extract_report

DOC = Path(__file__).resolve().parents[1] / "docs" / "sparql.md"
SAMPLE = Path(__file__).resolve().parents[2] / "shared/data/reports/ai-inference-acceleration-2025-10-15.md"
_BLOCK = re.compile(r"```sparql\n(?P<query>.*?)```\n\n```\n(?P<output>.*?)```", re.DOTALL)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GraphStore, Graph]]:
    store = MemoryStore(tmp_path_factory.mktemp("sparql-docs") / "data")
    store.upsert(extract_report(SAMPLE))
    yield store, sparql_graph(rdf_triples(property_graph(store.export())))
    store.close()


@pytest.fixture(scope="module")
def answers(sample: tuple[GraphStore, Graph]) -> list[tuple[SparqlAnswer, str]]:
    blocks = list(_BLOCK.finditer(DOC.read_text(encoding="utf-8")))
    assert len(blocks) == 3
    return [(evaluate(sample[1], block["query"], None), block["output"]) for block in blocks]


def test_each_query_prints_what_the_document_shows(answers: list[tuple[SparqlAnswer, str]]) -> None:
    for answer, shown in answers:
        assert answer.rows
        assert answer_table(answer) + "\n" == shown


def test_papers_under_a_category_are_the_stores(sample: tuple[GraphStore, Graph],
                                                answers: list[tuple[SparqlAnswer, str]]) -> None:
    store, _ = sample
    answer, _ = answers[0]
    assert {node_id_of(str(row[0])) for row in answer.rows} == \
        store.paper_ids(PaperFilter(category=("speculative-decoding",)))


def test_institution_counts_are_the_stores(sample: tuple[GraphStore, Graph],
                                           answers: list[tuple[SparqlAnswer, str]]) -> None:
    store, _ = sample
    answer, _ = answers[1]
    quantization = store.paper_ids(PaperFilter(category=("quantization",)))
    counts = {node_id_of(str(row[0])): int(row[2]) for row in answer.rows}
    authored = store.related(list(counts), "AUTHORED", "out")
    assert counts == {i: len({p["id"] for p in papers} & quantization) for i, papers in authored.items()}
    every = {i: len({p["id"] for p in papers} & quantization) for i, papers in
             store.related([n["id"] for n in store.list_nodes("Institution", 10_000).items],
                           "AUTHORED", "out").items()}
    assert min(counts.values()) >= sorted(every.values(), reverse=True)[len(counts) - 1]  # truly the top


def test_best_speedup_per_hardware_is_the_stores(sample: tuple[GraphStore, Graph],
                                                 answers: list[tuple[SparqlAnswer, str]]) -> None:
    store, _ = sample
    answer, _ = answers[2]
    claims = store.list_evidence(EvidenceFilter(metric=("speedup",)), "value_desc", limit=10_000).items
    best: dict[str, float] = {}
    for claim in claims:
        if claim.get("hardware") and claim.get("unit") == "x":
            best[claim["hardware"]] = max(best.get(claim["hardware"], 0.0), claim["value"])
    names = {n["id"]: n["name"] for n in store.get("Hardware", list(best)) if n}
    assert sorted((str(row[0]), float(row[1])) for row in answer.rows) == \
        sorted((names[h], v) for h, v in best.items())
