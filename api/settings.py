"""The one settings object, read from the environment once per process.

Everything papergraph reads from the environment is a field here: `PAPERGRAPH_*` for the service and
the standard `NEO4J_*` names for the Neo4j connection (the names docker-compose.yml passes in).
CLI flags override fields by passing them as keyword arguments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.embedding import DEFAULT_BACKEND

MiB = 1024 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PAPERGRAPH_", populate_by_name=True, extra="ignore")

    store: Literal["memory", "neo4j"] = "memory"
    data_dir: Path = Path("data")
    # A folder of the user's own Turtle additions to the ontology, loaded after the shipped files;
    # None: `<data dir>/ontology` (see `user_ontology_dir`). A missing folder adds nothing.
    ontology_dir: Path | None = None
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    # None switches the write endpoints (POST /api/reports, the importReport mutation) off.
    api_key: SecretStr | None = None
    max_upload_bytes: int = Field(5 * MiB, ge=1)
    graphql_max_body_bytes: int = Field(6 * MiB, ge=1)  # importReport carries a whole report
    graphql_max_depth: int = Field(10, ge=1)
    graphql_max_tokens: int = Field(2000, ge=1)
    graphql_max_aliases: int = Field(15, ge=1)
    # The static cost budget: an upper bound on the objects an answer can hold (api/cost.py).
    graphql_max_cost: int = Field(50_000, ge=1)
    graphql_timeout_s: float = Field(10.0, gt=0)  # wall clock per GraphQL request
    graphql_introspection: bool = True  # False refuses __schema / __type queries (and GraphiQL's docs)
    search_max_k: int = Field(100, ge=1)
    page_max: int = Field(100, ge=1)
    analytics_max_rows: int = Field(100, ge=1)  # trend series and leaderboard rows per answer
    # Embedded store: how long a write waits for another process's write to finish, and how often a
    # server looks for commits other processes made (a CLI import while it serves).
    writer_wait_s: float = Field(30.0, ge=0)
    refresh_interval_s: float = Field(2.0, gt=0)
    # Query vectors remembered so a repeated query skips the model; 0 turns the cache off.
    query_cache_size: int = Field(512, ge=0)
    # What computes embeddings (graph/embedding.py); changing it re-embeds the index's texts once.
    embedding_backend: Literal["torch", "onnx", "onnx-int8"] = DEFAULT_BACKEND
    # Where the ONNX exports of the packaged model are kept; None: ~/.cache/papergraph/models.
    model_cache_dir: Path | None = None
    # SPARQL (GET|POST /sparql, `papergraph sparql`): longest query, time limit, most rows answered.
    sparql_max_query_bytes: int = Field(20_000, ge=1)
    sparql_timeout_s: float = Field(10.0, gt=0)
    sparql_max_rows: int = Field(10_000, ge=1)

    neo4j_uri: str = Field("bolt://localhost:7687", validation_alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr = Field(SecretStr("neo4j"), validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", validation_alias="NEO4J_DATABASE")

    def neo4j_settings(self) -> dict[str, str]:
        """Keyword arguments for `open_store(..., **neo4j_settings)`."""
        return {
            "uri": self.neo4j_uri,
            "user": self.neo4j_user,
            "password": self.neo4j_password.get_secret_value(),
            "database": self.neo4j_database,
        }

    def user_ontology_dir(self) -> Path:
        return self.ontology_dir if self.ontology_dir is not None else Path(self.data_dir) / "ontology"

    def writes_enabled(self) -> bool:
        return self.api_key is not None and bool(self.api_key.get_secret_value())


def env_names() -> set[str]:
    """Every environment variable Settings reads (compared with docker-compose.yml by a test)."""
    names = set()
    prefix = Settings.model_config.get("env_prefix", "")
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        names.add(alias if isinstance(alias, str) else f"{prefix}{name}".upper())
    return names
