"""The `papergraph` command line, end to end on the real sample report and a broken one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import cli

os.environ.setdefault("HF_HUB_OFFLINE", "1")

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "reports"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cli") / "data"
    assert cli.main(["import", "--quiet", "--data-dir", str(data), str(SAMPLE)]) == 0
    return data


def test_import_twice_leaves_identical_counts(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "--format", "json", "--data-dir", str(imported))
    before = json.loads(out)
    assert code == 0 and before["nodes"]["Paper"] == 88 and before["relationships"]["FROM_REPORT"] == 88
    code, out, err = run(capsys, "import", "--quiet", "--data-dir", str(imported), str(SAMPLE))
    assert code == 0
    assert "created   -" in out and "unchanged" in out and "Paper 88" in out
    assert ".md:" in err  # warnings carry file:line
    assert json.loads(run(capsys, "stats", "--format", "json", "--data-dir", str(imported))[1]) == before


def test_if_empty_skips_a_populated_store(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", "--if-empty", "--data-dir", str(imported), str(SAMPLE))
    assert code == 0 and "not empty" in err


def test_search_in_english_and_chinese(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for query in ("speculative decoding", "推测解码"):
        code, out, _ = run(capsys, "search", query, "-k", "3", "--format", "json", "--data-dir", str(imported))
        hits = json.loads(out)["hits"]
        assert code == 0 and len(hits) == 3
        assert all("speculative" in (h["paper"]["title"] + h["match"]).lower() or "推测" in h["match"]
                   for h in hits)
    code, out, _ = run(capsys, "search", "decoding", "--category", "speculative-decoding", "-k", "50",
                       "--format", "json", "--data-dir", str(imported))
    ids = {h["paper"]["id"] for h in json.loads(out)["hits"]}
    code, out, _ = run(capsys, "export", "--data-dir", str(imported))
    doc = json.loads(out)
    in_category = {p["id"] for p in doc["papers"]
                   if any(t["category"] == "speculative-decoding" for t in p["techniques"])}
    assert ids == in_category


def test_export_reimports_to_the_same_graph(imported: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "export.json"
    assert run(capsys, "export", "--format", "json", "--out", str(out_file), "--data-dir", str(imported))[0] == 0
    copy = tmp_path / "copy"
    assert run(capsys, "import", "--quiet", "--data-dir", str(copy), str(out_file))[0] == 0
    original = run(capsys, "stats", "--format", "json", "--data-dir", str(imported))[1]
    assert run(capsys, "stats", "--format", "json", "--data-dir", str(copy))[1] == original


def test_failing_file_exits_non_zero_and_others_still_import(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "papergraph/1",\n "reports": [{"title": "no id"}]}', encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"format": "papergraph/1", "reports": [
        {"id": "report:tiny", "title": "t", "source": "tiny.md"}], "papers": []}), encoding="utf-8")
    code, out, err = run(capsys, "import", "--quiet", "--data-dir", str(tmp_path / "d"), str(bad), str(good))
    assert code == 1
    assert f"error: {bad}" in err
    assert "imported 1 of 2 files" in out
    stats = json.loads(run(capsys, "stats", "--format", "json", "--data-dir", str(tmp_path / "d"))[1])
    assert stats["nodes"]["Report"] == 1


def test_extract_writes_interchange_json_and_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    report = next(SAMPLE.glob("*.md"))
    code, out, err = run(capsys, "extract", str(report))
    doc = json.loads(out)
    assert code == 0 and doc["format"] == "papergraph/1" and len(doc["papers"]) == 88
    assert f"{report.name}:" in err


def test_extract_of_a_broken_report_names_file_and_line(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"\xff\xfe not utf-8")
    code, _, err = run(capsys, "extract", str(broken))
    assert code == 1 and str(broken) in err
