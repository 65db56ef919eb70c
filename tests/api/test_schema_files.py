"""The schema files the README links are the ones the server serves."""

from __future__ import annotations

from pathlib import Path

from api.schema import build_schema
from api.settings import Settings

SDL = Path(__file__).resolve().parents[2] / "docs" / "schema.graphql"


def test_docs_schema_graphql_is_current() -> None:
    served = build_schema(Settings()).as_str() + "\n"
    assert SDL.read_text(encoding="utf-8") == served, (
        "docs/schema.graphql is stale: regenerate it with `papergraph schema > docs/schema.graphql`")


def test_openapi_declares_every_status_with_the_error_body() -> None:
    from api.app import create_app

    document = create_app(Settings()).openapi()
    assert document["components"]["securitySchemes"]["APIKeyHeader"] == {
        "type": "apiKey", "in": "header", "name": "X-API-Key",
        "description": "PAPERGRAPH_API_KEY of the server; needed by every write"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            errors = {code: r for code, r in responses.items() if code.startswith(("4", "5"))}
            assert "500" in errors, f"{method.upper()} {path} does not declare 500"
            for code, response in errors.items():
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorBody"}, f"{method.upper()} {path} {code}"
                assert "example" in response["content"]["application/json"]
