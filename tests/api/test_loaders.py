"""A page of papers with institutions, techniques and evidence costs a fixed number of store calls."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from api.service import PapergraphService
from api.settings import Settings
from graph.ids import report_id
from graph.model import ImportBatch, ReportInfo
from graph.open_store import open_store
from graph.store import GraphStore
from tests.api.conftest import graphql
from tests.contract.batches import A100, EAGLE, GPTQ, LLAMA, SJTU, TSINGHUA, paper


class CountingStore:
    """Instrumentation: forwards every call to the real store and counts it by method name."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        target = getattr(self._store, name)
        if not callable(target):
            return target

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            return target(*args, **kwargs)

        return counted


def corpus(n: int) -> ImportBatch:
    rid = report_id("loader-test.md")
    papers = tuple(
        paper(f"Paper number {i} on drafting", rid, i + 1, institutions=(SJTU, TSINGHUA) if i % 2 else (SJTU,),
              techniques=(EAGLE, GPTQ), models=(LLAMA,), hardware_=(A100,),
              evidence_=(("speedup", 1.0 + i, "x", f"{1.0 + i}x faster"), ("memory", 10.0, "%", "10% less")))
        for i in range(n))
    return ImportBatch(ReportInfo(rid, "loader test", "loader-test.md"), papers)


PAGE = """query($first: Int!) { papers(first: $first) { edges { node {
  title institutions { name } techniques { name } evidence { value metric { name } hardware { name } } } } } }"""


def calls_for_page(tmp_path: Path, n: int) -> Counter[str]:
    store = CountingStore(open_store("memory", tmp_path / f"data{n}"))
    store.upsert(corpus(n))
    service = PapergraphService(Settings(data_dir=tmp_path / f"data{n}"), store=store)  # type: ignore[arg-type]
    client = TestClient(create_app(service=service), raise_server_exceptions=False)
    store.calls.clear()
    data = graphql(client, PAGE, {"first": n})["data"]["papers"]["edges"]
    assert len(data) == n
    assert all(len(e["node"]["evidence"]) == 2 and e["node"]["techniques"] for e in data)
    calls = store.calls.copy()
    service.close()
    return calls


def test_page_of_fifty_papers_costs_a_bounded_number_of_store_calls(tmp_path: Path) -> None:
    fifty = calls_for_page(tmp_path, 50)
    # list_papers, then one batched call per relation: AUTHORED, USES, REPORTS, MEASURES; hardware by id.
    assert sum(fifty.values()) <= 6, fifty
    assert fifty["related"] == 4 and fifty["list_papers"] == 1
    assert calls_for_page(tmp_path, 5) == fifty
