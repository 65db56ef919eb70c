"""What only the Neo4j store has: server errors, rollback of a failed upsert, the id constraints.

The shared behaviour is in tests/contract/ (run against the same Bolt server).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import neo4j
import pytest

from graph.model import to_plain
from graph.neo4j import Neo4jStore
from graph.open_store import open_store
from graph.store import NODE_LABELS, EvidenceFilter, PaperFilter, StoreError, StoreUnavailable
from ingest.pipeline import extract_report
from tests.contract import batches as b
from tests.loopback import free_port


@pytest.fixture
def store(bolt_settings: dict[str, str]) -> Iterator[Neo4jStore]:
    opened = Neo4jStore(**bolt_settings)
    opened.clear()
    try:
        yield opened
    finally:
        opened.clear()
        opened.close()


def test_unreachable_server_is_reported_with_what_to_check() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(uri, "neo4j", "secret", "neo4j")
    assert uri in str(caught.value) and "NEO4J_URI" in str(caught.value)


def test_wrong_password_is_reported_as_credentials(bolt_settings: dict[str, str]) -> None:
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(bolt_settings["uri"], bolt_settings["user"], "not-the-password", bolt_settings["database"])
    assert "NEO4J_PASSWORD" in str(caught.value)


def test_failed_upsert_leaves_the_graph_as_it_was(store: Neo4jStore, tmp_path: Path) -> None:
    store.upsert(b.batch_a())
    before_counts, before_export = store.counts(), to_plain(store.export())
    # A correction that drops a paper (deletes run first) and carries a value no Bolt server can store
    # as a property (a map): the server fails the statement after the deletes went through.
    corrected = b.batch_a_without_quant()
    spec = corrected.papers[0]
    broken_claim = replace(spec.evidence[0], baseline={"not": "storable"})  # type: ignore[arg-type]
    broken = replace(corrected, papers=(replace(spec, evidence=(broken_claim,)), *corrected.papers[1:]))
    with pytest.raises(StoreError):
        store.upsert(broken)
    assert store.counts() == before_counts
    assert to_plain(store.export()) == before_export


def test_ids_are_unique_per_label(store: Neo4jStore, bolt_settings: dict[str, str]) -> None:
    store.upsert(b.batch_a())
    auth = (bolt_settings["user"], bolt_settings["password"])
    with neo4j.GraphDatabase.driver(bolt_settings["uri"], auth=auth) as driver, \
            pytest.raises(neo4j.exceptions.Neo4jError):
        driver.execute_query("CREATE (:Paper {id: $id})", id=b.spec_paper().id,
                             database_=bolt_settings["database"])
    assert store.counts()["nodes"]["Paper"] == 4


def test_a_second_store_on_the_same_server_sees_the_graph(store: Neo4jStore,
                                                         bolt_settings: dict[str, str]) -> None:
    """Constraint creation is idempotent and nothing lives in the client: reopening finds everything."""
    store.upsert(b.batch_b())
    other = Neo4jStore(**bolt_settings)
    try:
        assert other.counts() == store.counts()
        assert other.get("Report", [b.REPORT_B])[0]["title"] == b.batch_b().report.title
    finally:
        other.close()


def test_the_sample_report_reads_back_as_in_the_embedded_store(store: Neo4jStore, tmp_path: Path) -> None:
    """The real sample through the real pipeline: both stores must hold and answer the same graph."""
    reports = sorted((Path(__file__).resolve().parents[2] / "shared" / "data" / "reports").glob("*.md"))
    assert reports, "the sample reports live in ../shared/data/reports"
    batch = extract_report(reports[0])
    memory = open_store("memory", tmp_path / "memory")
    try:
        assert store.upsert(batch) == memory.upsert(batch)
        assert store.counts() == memory.counts()
        for label in NODE_LABELS:
            assert store.list_nodes(label, limit=100_000) == memory.list_nodes(label, limit=100_000), label
        quant = PaperFilter(category=("quantization",))
        assert store.list_papers(quant, limit=20, offset=3) == memory.list_papers(quant, limit=20, offset=3)
        speedups = EvidenceFilter(metric=("speedup",))
        assert (store.list_evidence(speedups, "value_desc", limit=50)
                == memory.list_evidence(speedups, "value_desc", limit=50))
        assert store.technique_cooccurrence(limit=30) == memory.technique_cooccurrence(limit=30)
        assert store.institution_overlap(limit=30) == memory.institution_overlap(limit=30)
        first = batch.papers[0].id
        assert store.neighbourhood(first, depth=2) == memory.neighbourhood(first, depth=2)
        assert to_plain(store.export()) == to_plain(memory.export())
        assert not store.upsert(batch).changed
    finally:
        memory.close()
