"""The interchange JSON written by extract/export reads back to the same batches."""

import json
from dataclasses import replace

import pytest

from graph.model import (
    Evidence,
    Hardware,
    ImportBatch,
    Institution,
    Model,
    Paper,
    ParseWarning,
    ReportInfo,
    SourceRef,
    Technique,
)
from ingest.interchange import FORMAT, InterchangeError, dump_batches, load_batches


def _paper(pid: str, report_ids: tuple[str, ...]) -> Paper:
    return Paper(
        id=pid,
        title='A "quoted" title \\ with MATCH (n) DETACH DELETE n',
        abstract="We reach 2.2x end-to-end on Wan2.1-1.3B.",
        brief="某大学发布了论文，达成加速2.2倍的效果。",
        author_count=4,
        sources=tuple(SourceRef(r, 3, 10 + i) for i, r in enumerate(report_ids)),
        proposed=("FastThing",),
        institutions=(Institution("inst:shanghai-jiao-tong-university", "Shanghai Jiao Tong University",
                                  ("上海交通大学", "SJTU")),
                      Institution("inst:alibaba-cloud", "Alibaba Cloud", (), "inst:alibaba-group",
                                  "Alibaba Group", True, "CN"),
                      Institution("inst:some-lab", "Some Lab", resolved=False)),
        techniques=(Technique("tech:qlora", "QLoRA", ("quantization", "low-rank-peft"), "QLoRA"),),
        models=(Model("model:wan2-1-1-3b", "Wan2.1-1.3B", "Wan"),),
        hardware=(Hardware("hw:nvidia-rtx-5090", "NVIDIA RTX 5090", "gpu"),),
        evidence=(Evidence("ev:1", "speedup", 2.2, "x", "2.2x end-to-end on Wan2.1-1.3B", "abstract", 12,
                           value_max=None, direction="increase", scope="end-to-end",
                           model="model:wan2-1-1-3b", hardware="hw:nvidia-rtx-5090"),
                  Evidence("ev:2", "latency-reduction", 1.7, "x", "1.70-2.10×", "brief", 11, value_max=2.1)),
        warnings=(ParseWarning("r.md", 9, "empty-abstract", "no abstract"),),
    )


def test_round_trip_gives_the_same_batches():
    first = ReportInfo("report:a", "报告A", "a.md", "2025-10-15T18:50:54", 2)
    second = ReportInfo("report:b", "报告B", "b.md", None, None)
    batches = [
        ImportBatch(first, (_paper("paper:1", ("report:a", "report:b")), _paper("paper:2", ("report:a",))),
                    (ParseWarning("a.md", 3, "count-mismatch", "declared 2, found 1"),)),
        ImportBatch(second, (_paper("paper:1", ("report:a", "report:b")),)),
    ]
    doc = json.loads(json.dumps(dump_batches(batches), ensure_ascii=False))

    assert doc["format"] == FORMAT
    assert [p["id"] for p in doc["papers"]] == ["paper:1", "paper:2"]  # a shared paper appears once
    assert {t["category"] for t in doc["papers"][0]["techniques"]} == {"quantization", "low-rank-peft"}
    assert doc["papers"][0]["evidence"][0]["hardware"] == "NVIDIA RTX 5090"
    assert load_batches(doc) == batches


@pytest.mark.parametrize("doc, where", [
    ({"format": "other"}, "$.format"),
    ({"format": FORMAT, "reports": {}}, "$.reports"),
    ({"format": FORMAT, "reports": [], "papers": [{"id": "p", "sources": [{"report": "r", "index": 1}]}]},
     "$.papers[0].sources"),
    ({"format": FORMAT, "reports": [{"id": "r", "source": "r.md"}],
      "papers": [{"id": "p", "sources": [{"report": "r", "index": 1}], "evidence": [{"metric": "x"}]}]},
     "$.papers[0]"),
])
def test_malformed_documents_name_the_offending_element(doc, where):
    with pytest.raises(InterchangeError) as error:
        load_batches(doc)
    assert error.value.where == where


def test_resolved_and_family_round_trip_and_are_optional():
    info = ReportInfo("report:a", "报告A", "a.md")
    paper = replace(_paper("paper:1", ("report:a",)), evidence=(),
                    models=(Model("model:wombat-7b", "Wombat-7B", "Wombat", resolved=False),),
                    hardware=(Hardware("hw:qualcomm-snapdragon-8-gen-2", "Qualcomm Snapdragon 8 Gen 2", "mobile",
                                       family="hw:qualcomm-snapdragon", resolved=False),))
    batches = [ImportBatch(info, (paper,))]
    doc = json.loads(json.dumps(dump_batches(batches), ensure_ascii=False))
    assert doc["papers"][0]["hardware"][0]["family"] == "hw:qualcomm-snapdragon"
    assert doc["papers"][0]["models"][0]["resolved"] is False
    assert load_batches(doc) == batches
    for item in (*doc["papers"][0]["models"], *doc["papers"][0]["hardware"]):
        del item["resolved"]
    del doc["papers"][0]["hardware"][0]["family"]
    older = load_batches(doc)[0].papers[0]  # a file written before the fields existed
    assert older.models[0].resolved and older.hardware[0].resolved and older.hardware[0].family is None
