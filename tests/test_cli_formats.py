"""`papergraph export --format ttl|jsonld|graphml|csv` and `papergraph sparql`, end to end."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph

import cli
from graph.rdf import PG
from tests.api.conftest import write_interchange
from tests.contract.batches import batch_a, batch_b
from tests.formats.neo4j_import_check import check_import_folder

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-formats")
    source = write_interchange(folder / "ab.json", [batch_a(), batch_b()])
    assert cli.main(["import", "--quiet", "--data-dir", str(folder / "data"), str(source)]) == 0
    return folder / "data"


def test_export_rdf_and_graphml_to_stdout(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "--format", "ttl", "--data-dir", str(data))
    assert code == 0 and len(set(Graph().parse(data=out, format="turtle").subjects(RDF.type, PG.Paper))) == 5
    code, out, _ = run(capsys, "export", "--format", "jsonld", "--data-dir", str(data))
    assert code == 0 and len(set(Graph().parse(data=out, format="json-ld").subjects(RDF.type, PG.Paper))) == 5
    code, out, _ = run(capsys, "export", "--format", "graphml", "--data-dir", str(data))
    stats = json.loads(run(capsys, "stats", "--format", "json", "--data-dir", str(data))[1])
    assert code == 0
    assert nx.read_graphml(io.BytesIO(out.encode())).number_of_nodes() == sum(stats["nodes"].values())


def test_export_csv_writes_a_folder_and_says_how_to_load_it(data: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "--format", "csv", "--data-dir", str(data))
    assert code == 2 and "--out FOLDER" in err
    code, _, err = run(capsys, "export", "--format", "csv", "--out", str(tmp_path / "csv"), "--data-dir", str(data))
    assert code == 0 and "neo4j-admin database import full" in err
    assert check_import_folder(tmp_path / "csv")["nodes-Paper.csv"] == 5


def test_sparql_in_three_formats(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT ?title WHERE { ?p a pg:Paper ; pg:title ?title } ORDER BY ?title LIMIT 2"
    code, out, _ = run(capsys, "sparql", query, "--data-dir", str(data))
    assert code == 0 and out.splitlines()[0].strip() == "title" and out.splitlines()[-1] == "(2 rows)"
    code, out, _ = run(capsys, "sparql", query, "--format", "csv", "--data-dir", str(data))
    assert list(csv.reader(io.StringIO(out))) == [["title"], ["FP8 Attention Surgery for Video Diffusion"],
                                                  ["Faster Speculative Decoding with Tree Drafts"]]
    code, out, _ = run(capsys, "sparql", query, "--format", "json", "--data-dir", str(data))
    assert json.loads(out)["head"]["vars"] == ["title"]
    code, _, err = run(capsys, "sparql", "DELETE WHERE { ?s ?p ?o }", "--data-dir", str(data))
    assert code == 1 and "read-only" in err
