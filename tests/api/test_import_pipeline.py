"""Importing many files as a pipeline: results in order, each text embedded once, progress in papers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.conftest import make_service, write_interchange
from tests.contract.batches import batch_a, batch_b


def test_files_import_in_order_with_errors_in_place_and_texts_embedded_once(tmp_path: Path,
                                                                              capsys: pytest.CaptureFixture) -> None:
    write_interchange(tmp_path / "1-a.json", [batch_a()])
    (tmp_path / "2-broken.md").write_bytes(b"\xff\xfe not a report")
    write_interchange(tmp_path / "3-b.json", [batch_b()])
    service = make_service(tmp_path / "data")
    ahead: list[int] = []
    embed_ahead = service.index.embed_ahead
    service.index.embed_ahead = lambda papers: (ahead.append(len(papers)), embed_ahead(papers))
    results = service.import_paths([tmp_path / "1-a.json", tmp_path / "2-broken.md",
                                    tmp_path / "missing.json", tmp_path / "3-b.json"])
    assert [Path(r.path).name for r in results] == ["1-a.json", "2-broken.md", "missing.json", "3-b.json"]
    assert [r.ok for r in results] == [True, False, False, True]
    papers = service.index.paper_ids()
    assert len(papers) == results[0].papers + results[3].papers - 1  # one paper is listed by both reports
    assert ahead == [results[0].papers, results[3].papers]  # embedded while the store wrote
    assert service.index.embedded_total == len(papers)  # and not again by the index
    progress = capsys.readouterr().err
    assert "paper" in progress and f"{results[0].papers + results[3].papers}/" in progress
    service.close()
