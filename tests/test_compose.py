"""docker-compose.yml and the Dockerfile agree with the settings the code reads (api.settings.Settings).

No Docker here: the files are parsed and checked against the Settings model, so a renamed setting or a
typo in an environment key fails this test instead of a deployment.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml

from api.settings import Settings

REPO = Path(__file__).resolve().parents[1]
_DEFAULTED = re.compile(r"\$\{(\w+)(?::-([^}]*))?\}")


def _resolve(value: Any) -> str:
    """Compose interpolation with an empty environment: ${X:-default} -> default, ${X} -> ""."""
    return _DEFAULTED.sub(lambda m: m.group(2) or "", str(value))


def _env_name(field_name: str) -> str:
    field = Settings.model_fields[field_name]
    alias = field.validation_alias
    prefix = Settings.model_config.get("env_prefix", "")
    return alias if isinstance(alias, str) else f"{prefix}{field_name}".upper()


SETTINGS_ENV = {_env_name(name): name for name in Settings.model_fields}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def api_env(compose: dict[str, Any]) -> dict[str, str]:
    return {key: _resolve(value) for key, value in compose["services"]["api"]["environment"].items()}


def _container_ports(service: dict[str, Any]) -> set[int]:
    return {int(str(p).rsplit(":", 1)[-1]) for p in service.get("ports", [])}


def test_every_api_variable_is_a_setting(api_env: dict[str, str]) -> None:
    unknown = set(api_env) - set(SETTINGS_ENV)
    assert unknown == set(), f"not read by api.settings.Settings: {sorted(unknown)}"


def test_every_neo4j_connection_setting_is_passed(api_env: dict[str, str]) -> None:
    neo4j_names = {env for env in SETTINGS_ENV if env.startswith("NEO4J_")}
    assert neo4j_names and neo4j_names <= set(api_env)


def test_the_settings_the_container_gets(api_env: dict[str, str], compose: dict[str, Any],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SETTINGS_ENV:
        monkeypatch.delenv(name, raising=False)
    for key, value in api_env.items():
        monkeypatch.setenv(key, value)
    settings = Settings()
    services = compose["services"]
    assert settings.store == "neo4j"
    assert settings.host == "0.0.0.0"  # reachable through the published port
    assert settings.port in _container_ports(services["api"])
    uri = urlparse(settings.neo4j_uri)
    assert uri.hostname == "neo4j" and uri.port in _container_ports(services["neo4j"])
    auth = _resolve(services["neo4j"]["environment"]["NEO4J_AUTH"])
    assert auth == f"{settings.neo4j_user}/{settings.neo4j_password.get_secret_value()}"
    mounts = [_resolve(v).split(":") for v in services["api"]["volumes"]]
    assert str(settings.data_dir) in {m[1] for m in mounts}


def test_neo4j_service(compose: dict[str, Any]) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5")
    assert {7474, 7687} <= _container_ports(neo4j)
    assert neo4j["healthcheck"]["test"]
    data_volume = next(v for v in neo4j["volumes"] if v.endswith(":/data"))
    assert data_volume.split(":")[0] in compose["volumes"]


def test_api_waits_for_neo4j_then_imports_and_serves(compose: dict[str, Any]) -> None:
    api = compose["services"]["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    script = api["command"][-1]
    imports, serves = script.index("papergraph import --if-empty /data/reports"), script.index("papergraph serve")
    assert imports < serves
    reports = next(_resolve(v).split(":") for v in api["volumes"] if ":/data/reports" in v)
    assert reports[2] == "ro"
    assert list((REPO / reports[0]).glob("*.md")), f"default reports folder {reports[0]} has no reports"


def test_dockerfile_installs_cpu_torch_first_then_the_project() -> None:
    lines = [line.strip() for line in (REPO / "Dockerfile").read_text(encoding="utf-8").splitlines()]
    stages = [line for line in lines if line.startswith("FROM")]
    assert stages[-1] == "FROM python:3.11-slim"  # the image that runs; earlier stages only build assets
    assert "COPY --from=assets /assets/node_modules /opt/papergraph/assets" in lines
    assert "ENV PAPERGRAPH_ASSETS_DIR=/opt/papergraph/assets" in lines
    runs = [shlex.split(line[4:]) for line in lines if line.startswith("RUN pip install")]
    torch, project = runs[0], runs[1]
    assert "torch==2.13.0" in torch and any(arg.endswith("/whl/cpu") for arg in torch)
    assert project[-1] == "."
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    packages = re.search(r"include = \[(.*?)\]", pyproject)
    assert packages
    copied = {line.split()[1] for line in lines if line.startswith("COPY")}
    copied |= {word for line in lines if line.startswith("COPY") for word in line.split()[1:-1]}
    for package in re.findall(r'"(\w+)\*"', packages.group(1)):
        assert package in copied, f"Dockerfile does not copy the {package} package"
    assert "cli.py" in copied


def test_published_ports_bind_to_loopback_only(compose: dict[str, Any]) -> None:
    """Security default: nothing is published on every interface of the host."""
    for name, service in compose["services"].items():
        for mapping in service.get("ports", []):
            assert str(mapping).startswith("127.0.0.1:"), f"{name} publishes {mapping} beyond loopback"
