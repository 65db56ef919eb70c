"""Every Cypher statement the Neo4j store can send passes Neo4j's own linter (Cypher 5 semantics).

tests/cypher_lint/lint.mjs runs `lintCypherQuery` from @neo4j-cypher/language-support on each statement
that `graph.cypher.all_statements()` enumerates; a workload on the real Bolt server then shows the
store never sends anything outside that list.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from graph import cypher
from graph.open_store import open_store
from graph.store import EvidenceFilter, PaperFilter
from tests.contract import batches as b

LINT_DIR = Path(__file__).parent / "cypher_lint"
QUERIES_DOC = Path(__file__).resolve().parents[1] / "docs" / "neo4j-queries.md"

# Statements the linter must reject: broken syntax, an unbound variable, an undeclared parameter,
# a clause in the wrong place.
CANARIES = (
    {"name": "canary:syntax", "text": "MATCH (n:Paper RETURN n", "params": []},
    {"name": "canary:variable", "text": "MATCH (n:Paper) RETURN m.id", "params": []},
    {"name": "canary:parameter", "text": "MATCH (n:Paper {id: $id}) RETURN n", "params": []},
    {"name": "canary:clause", "text": "RETURN 1 AS x MATCH (n) RETURN n", "params": []},
)


def _lint(statements: list[dict[str, Any]]) -> tuple[int, dict[str, dict[str, Any]]]:
    node = shutil.which("node")
    assert node, "node is needed for the Cypher lint (installed with npm by `make test`)"
    assert (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir(), \
        "run `make setup` to install tests/cypher_lint/node_modules"
    done = subprocess.run([node, str(LINT_DIR / "lint.mjs")], input=json.dumps(statements), text=True,
                          capture_output=True, cwd=LINT_DIR, timeout=300, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, {r["name"]: r for r in json.loads(done.stdout)}


@pytest.fixture(scope="module")
def lint_results() -> tuple[int, dict[str, dict[str, Any]]]:
    """One node run for the store's statements (checked apart from the canaries, below)."""
    statements = [{"name": s.name, "text": s.text, "params": sorted(s.params)} for s in cypher.all_statements()]
    return _lint(statements)


def test_every_statement_passes_the_neo4j_linter(lint_results: tuple[int, dict[str, dict[str, Any]]]) -> None:
    code, results = lint_results
    failures = {name: r["errors"] for name, r in results.items() if r["errors"]}
    assert failures == {} and code == 0
    assert len(results) == len(list(cypher.all_statements())) > 100


def test_the_linter_reports_broken_statements() -> None:
    good = cypher.counts()
    code, results = _lint([*CANARIES, {"name": good.name, "text": good.text, "params": []}])
    assert code == 1
    for canary in CANARIES:
        assert results[canary["name"]]["errors"], canary
    assert results[good.name]["errors"] == []


def _doc_queries() -> list[str]:
    return re.findall(r"```cypher\n(.*?)```", QUERIES_DOC.read_text(encoding="utf-8"), re.DOTALL)


def test_documented_queries_pass_the_linter() -> None:
    queries = _doc_queries()
    assert len(queries) == 10
    code, results = _lint([{"name": f"doc:{i}", "text": q, "params": []} for i, q in enumerate(queries, 1)])
    assert {name: r["errors"] for name, r in results.items() if r["errors"]} == {} and code == 0


def test_documented_queries_run_on_the_server(bolt_settings: dict[str, str], tmp_path: Path) -> None:
    import neo4j

    store = open_store("neo4j", tmp_path, **bolt_settings)
    try:
        store.clear()
        store.upsert(b.batch_a())
        store.upsert(b.batch_b())
        auth = (bolt_settings["user"], bolt_settings["password"])
        with neo4j.GraphDatabase.driver(bolt_settings["uri"], auth=auth) as driver:
            answers = [driver.execute_query(q, database_=bolt_settings["database"]).records
                       for q in _doc_queries()]
        store.clear()
    finally:
        store.close()
    assert answers[0] and answers[1] and answers[3]  # labels, techniques, speculative-decoding speedups
    assert answers[3][0]["speedup"] == 3.2
    assert [r["paper"] for r in answers[9]] == ["Token Merging for Vision Transformers"]


def test_declared_parameters_match_the_text() -> None:
    for statement in cypher.all_statements():
        used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", statement.text))
        assert used == statement.params, statement.name


def test_statement_names_are_unique() -> None:
    names = [s.name for s in cypher.all_statements()]
    assert len(names) == len(set(names))


def test_builders_refuse_names_outside_the_schema() -> None:
    with pytest.raises(ValueError):
        cypher.get_nodes("Paper) DETACH DELETE (n")
    with pytest.raises(ValueError):
        cypher.related("USES]->() DELETE r //", "out")
    with pytest.raises(ValueError):
        cypher.list_evidence("e.value; DROP")


def test_the_store_sends_only_linted_statements(bolt_settings: dict[str, str], tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    """Drive every store method over the real server and record what went over the wire."""
    linted = {s.text for s in cypher.all_statements()}
    store = open_store("neo4j", tmp_path, **bolt_settings)
    try:
        store.clear()
        with caplog.at_level(logging.DEBUG, logger="graph.neo4j.cypher"):
            store.upsert(b.batch_a())
            store.upsert(b.batch_b())
            store.upsert(b.batch_a_without_quant())
            store.upsert(b.tricky_batch())
            spec = b.spec_paper().id
            store.get("Paper", [spec])
            store.related([spec], "USES", "out")
            store.related([b.EAGLE.id], "USES", "in")
            store.list_nodes("Institution", limit=5, name_contains="univ")
            full = PaperFilter(technique=(b.EAGLE.id,), category=("speculative-decoding",),
                               institution=(b.SJTU.id,), model=(b.LLAMA.id,), hardware=(b.A100.id,),
                               metric=("speedup",), report=(b.REPORT_A,), title_contains="draft")
            assert {p["id"] for p in store.list_papers(full, limit=5).items} == {spec}
            assert store.paper_ids(full) == {spec}
            for order in cypher.EVIDENCE_ORDERS:
                store.list_evidence(EvidenceFilter(metric=("speedup",), papers=full, min_value=1.0, unit="x"),
                                    order, limit=5)
            store.neighbourhood(spec, depth=2)
            store.counts()
            store.technique_cooccurrence(limit=5, category="speculative-decoding")
            store.institution_overlap(limit=5)
            store.export()
            store.remove_report(b.REPORT_B)
            store.clear()
        sent = [r.getMessage().split(": ", 1) for r in caplog.records if r.name == "graph.neo4j.cypher"]
    finally:
        store.close()
    assert len(sent) > 30
    unlinted = [name for name, text in sent if text not in linted]
    assert unlinted == []
    # The tricky titles travel as parameters: no statement text ever holds them.
    assert not any(title in text for _, text in sent for title in b.TRICKY_TITLES)
