"""GraphQL cost control: the static cost budget, capped nested lists, the wall-clock timeout and the
introspection switch."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from api.service import PapergraphService
from api.settings import Settings
from graph.open_store import open_store
from tests.api.conftest import graphql
from tests.contract import batches as b

# The query issue 10 reports: 24 MB in 5.3 s on 440 papers before lists were sized and costed.
FAN_OUT = ("{ metrics(first: 14) { edges { node { evidence { paper { institutions { papers { techniques { "
           "papers { title } } } } } } } } } }")


def test_the_fan_out_query_is_refused_with_its_cost(client: TestClient) -> None:
    error = graphql(client, FAN_OUT)["errors"][0]
    assert error["extensions"]["code"] == "COST_LIMIT"
    assert error["extensions"]["budget"] == 50_000 and error["extensions"]["cost"] > 1_000_000
    assert f"query cost {error['extensions']['cost']:,} is over the budget of 50,000" in error["message"]


def test_an_ordinary_page_is_within_budget(client: TestClient) -> None:
    data = graphql(client, """{ papers(first: 50) { totalCount edges { node { title institutions { name }
        techniques { name } evidence { value model { name } hardware { name } } } } } }""")
    assert "errors" not in data and data["data"]["papers"]["totalCount"] == 5


def test_a_variable_size_counts_as_its_largest_value(client: TestClient) -> None:
    query = """query($n: Int!) { papers(first: $n) { edges { node {
        institutions(first: 100) { papers(first: 100) { title } } } } } }"""
    error = graphql(client, query, {"n": 1})["errors"][0]
    assert error["extensions"]["code"] == "COST_LIMIT"
    assert error["extensions"]["cost"] == 1 + 100 * (1 + 1 + 100 * (1 + 100))  # connection, edges, node...


def test_nested_lists_hold_at_most_first(client: TestClient) -> None:
    query = "{ institution(id: \"%s\") { all: papers { title } one: papers(first: 1) { title } } }" % b.TSINGHUA.id  # noqa: UP031
    data = graphql(client, query)["data"]["institution"]
    assert len(data["all"]) == 2 and len(data["one"]) == 1
    query = "{ institution(id: \"%s\") { papers(first: 101) { title } } }" % b.TSINGHUA.id  # noqa: UP031
    error = graphql(client, query)["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and "first must be between 0 and 100" in error["message"]


class SlowStore:
    """The real store, except that listing papers takes a second."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def list_papers(self, *args: Any) -> Any:
        time.sleep(1.0)
        return self._store.list_papers(*args)


def test_a_slow_query_is_stopped_at_the_timeout(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", graphql_timeout_s=0.2)
    service = PapergraphService(settings, store=SlowStore(open_store("memory", tmp_path / "data")))  # type: ignore[arg-type]
    # One event loop for the whole test, as under uvicorn: a TestClient without `with` closes its loop
    # after each request and so waits for the abandoned worker thread.
    with TestClient(create_app(service=service)) as client:
        started = time.perf_counter()
        result = graphql(client, "{ papers(first: 1) { totalCount } }")
        assert time.perf_counter() - started < 0.9
        assert graphql(client, "{ stats { nodes { name } } }")["data"]["stats"]["nodes"]  # others still answer
    assert result == {"data": None, "errors": [{"message": "the query took longer than 0.2 s and was stopped",
                                                "extensions": {"code": "TIMEOUT"}}]}


def test_introspection_can_be_switched_off(tmp_path: Path) -> None:
    service = PapergraphService(Settings(data_dir=tmp_path / "data", graphql_introspection=False))
    client = TestClient(create_app(service=service))
    error = graphql(client, "{ __schema { types { name } } }")["errors"][0]
    assert "introspection" in error["message"].lower()
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "errors" not in graphql(client, "{ stats { nodes { name } } }")
    service.close()


def test_the_depth_alias_and_token_limits_answer_cost_limit(client: TestClient) -> None:
    nested = "papers { title }"
    for _ in range(6):
        nested = f"papers {{ institutions {{ {nested} }} }}"
    deep = "{ institution(id: \"x\") { " + nested + " } }"
    aliases = "{ " + " ".join(f"a{i}: stats {{ nodes {{ name }} }}" for i in range(20)) + " }"
    tokens = "{ " + " ".join("__typename" for _ in range(2100)) + " }"
    for query, said in ((deep, "exceeds maximum operation depth"), (aliases, "aliases found"),
                        (tokens, "more than 2000 tokens")):
        error = graphql(client, query)["errors"][0]
        assert said in error["message"] and error["extensions"]["code"] == "COST_LIMIT", error
