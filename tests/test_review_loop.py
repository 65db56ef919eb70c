"""The curator's loop on the command line: import a report naming an organisation and a model the
ontology does not know, `papergraph review`, add them in the user ontology folder, re-import, review.

The assertions follow the entities the review itself reports, not a hand-tuned extraction result."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import cli
from ontology.graph import use_user_ontology

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPORT = """\
# AI推理加速技术论文分析报告
生成时间: 2025-11-26 09:00:00
分析论文数量: 3篇

## 论文技术简报

### 1. Pouch Decoding: Speculative Drafting for Small Robots

研究团队发布了Pouch Decoding论文，使用树状推测解码技术，解决了机器人端侧大模型推理延迟高的问题，达成了推理加速2.1倍的效果。

### 2. Hop Cache: Reusing KV Cache Across Robot Episodes

清华大学等发布了Hop Cache论文，使用跨回合KV缓存复用技术，解决了重复任务中预填充开销大的问题，达成了首token延迟降低45%的效果。

### 3. Marsupial Quantization for Vision-Language-Action Models

研究团队发布了Marsupial Quantization论文，使用4比特权重量化技术，解决了VLA模型显存占用大的问题，达成了显存减少60%的效果。

## 论文详细信息

### 1. Pouch Decoding: Speculative Drafting for Small Robots

**主要机构**: Quokka Robotics Institute
**作者数量**: 5人

**摘要**:
We present Pouch Decoding, a tree-based speculative decoding method for on-robot language models. It achieves a 2.1x speedup over autoregressive decoding with Llama-3-8B.

### 2. Hop Cache: Reusing KV Cache Across Robot Episodes

**主要机构**: Quokka Robotics Institute, Tsinghua University
**作者数量**: 6人

**摘要**:
Robots repeat similar tasks across episodes. Hop Cache reuses the KV cache of earlier episodes and reduces time-to-first-token by 45% on Qwen2.5-7B and Wombat-7B.

### 3. Marsupial Quantization for Vision-Language-Action Models

**主要机构**: 袋鼠机器人研究所
**作者数量**: 4人

**摘要**:
We quantize the weights of vision-language-action models such as Wombat-7B to 4 bits, reducing GPU memory by 60%.
"""

ADDITIONS = """\
org:quokka-robotics-institute a pg:ResearchInstitute ;
    skos:prefLabel "Quokka Robotics Institute"@en, "袋鼠机器人研究所"@zh ;
    skos:altLabel "QRI" ;
    pg:country "AU" .

model:wombat a pg:ModelFamily ;
    skos:prefLabel "Wombat"@en ;
    pg:nameForm [ pg:pattern "Wombat" ; pg:canonical "Wombat" ; pg:versionJoin "-" ; pg:caseSensitive true ] .
"""
NAMED_BY_ADDITIONS = ("Quokka Robotics Institute", "袋鼠机器人研究所", "Wombat-7B")


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    report = tmp_path / "quokka-weekly.md"
    report.write_text(REPORT, encoding="utf-8")
    yield report, tmp_path / "data"
    use_user_ontology(None)  # later tests in this process see the shipped ontology


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def review(capsys: pytest.CaptureFixture[str], data: Path) -> list[dict]:
    code, out, _ = run(capsys, "review", "--format", "json", "--data-dir", str(data))
    assert code == 0
    return json.loads(out)["unresolved"]


def test_review_then_additions_then_reimport(workspace: tuple[Path, Path],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    report, data = workspace
    assert run(capsys, "import", "--quiet", "--data-dir", str(data), str(report))[0] == 0
    before = review(capsys, data)
    quokka = next(item for item in before if item["name"] == "Quokka Robotics Institute")
    assert quokka["kind"] == "institution" and quokka["paper_count"] >= 1
    lines = REPORT.splitlines()
    for item in before:
        assert item["paper_count"] == len({s["paper"] for s in item["sources"]})
        for source in item["sources"]:  # each place is the line of the paper's "### N." heading
            assert lines[source["line"] - 1].startswith(f"### {source['index']}. ")
    assert [item["paper_count"] for item in before] == sorted((i["paper_count"] for i in before), reverse=True)
    code, text, _ = run(capsys, "review", "--data-dir", str(data))
    assert code == 0 and "Quokka Robotics Institute  [inst:quokka-robotics-institute]" in text

    (data / "ontology").mkdir()
    (data / "ontology" / "quokka.ttl").write_text(ADDITIONS, encoding="utf-8")
    code, out, _ = run(capsys, "import", "--quiet", "--data-dir", str(data), str(report))
    assert code == 0 and "removed" in out
    after = review(capsys, data)
    assert not [item for item in after if item["name"] in NAMED_BY_ADDITIONS]
    assert {item["id"] for item in after} <= {item["id"] for item in before}

    code, out, _ = run(capsys, "export", "--data-dir", str(data))
    papers = {p["id"]: p for p in json.loads(out)["papers"]}
    entities = {e["id"]: e for p in papers.values() for e in (*p["institutions"], *p["models"])}
    assert entities["inst:quokka-robotics-institute"]["resolved"] is True
    assert entities["inst:quokka-robotics-institute"]["country"] == "AU"
    for item in before:
        if item["name"] in NAMED_BY_ADDITIONS:  # gone from the graph, or still there and resolved
            assert entities.get(item["id"], {"resolved": True})["resolved"] is True
    # Every paper that named the organisation, in either language, names the one resolved node now;
    # a node under another id lost its papers and left the graph.
    for item in before:
        if item["kind"] == "institution" and item["name"] in NAMED_BY_ADDITIONS:
            for source in item["sources"]:
                assert "inst:quokka-robotics-institute" in [i["id"] for i in papers[source["paper"]]["institutions"]]
            if item["id"] != "inst:quokka-robotics-institute":
                assert item["id"] not in entities


def test_a_malformed_user_file_is_named_with_its_line(workspace: tuple[Path, Path],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    report, data = workspace
    (data / "ontology").mkdir(parents=True)
    bad = data / "ontology" / "broken.ttl"
    bad.write_text(ADDITIONS.replace('"QRI" ;', '"QRI ;'), encoding="utf-8")
    code, out, err = run(capsys, "import", "--quiet", "--data-dir", str(data), str(report))
    assert code == 1 and out == ""
    assert err.startswith(f"error: user ontology: {bad}:3: bad Turtle:")
    assert "Traceback" not in err
