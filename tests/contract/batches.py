"""Small, realistic ImportBatch objects for store tests (shared with the Neo4j store's tests).

The papers are hand-written in the shape the extraction pipeline produces: ids from `graph.ids`,
techniques under vocabulary categories, evidence with quotes. Reports A and B share one paper.
"""

from __future__ import annotations

from dataclasses import replace

from graph.ids import entity_id, evidence_id, paper_id, report_id
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

REPORT_A = report_id("weekly-2025-10-15.md")
REPORT_B = report_id("weekly-2025-10-22.md")


def institution(name: str, parent: str | None = None, aliases: tuple[str, ...] = ()) -> Institution:
    return Institution(id=entity_id("inst", name), name=name, aliases=aliases,
                       parent=entity_id("inst", parent) if parent else None, parent_name=parent)


def technique(name: str, *categories: str, label_zh: str | None = None) -> Technique:
    return Technique(id=entity_id("tech", name), name=name, categories=categories, label_zh=label_zh)


def model(name: str, family: str | None = None) -> Model:
    return Model(id=entity_id("model", name), name=name, family=family)


def hardware(name: str, hw_class: str = "gpu") -> Hardware:
    return Hardware(id=entity_id("hw", name), name=name, hw_class=hw_class)


def evidence(paper: str, metric: str, value: float, unit: str | None, quote: str, *, line: int = 10,
             model_id: str | None = None, hardware_id: str | None = None, **extra: str) -> Evidence:
    return Evidence(id=evidence_id(paper, metric, value, None, unit, quote), metric=metric, value=value,
                    unit=unit, quote=quote, source="abstract", line=line, model=model_id,
                    hardware=hardware_id, direction=extra.get("direction"), baseline=extra.get("baseline"),
                    condition=extra.get("condition"), scope=extra.get("scope"))


def paper(title: str, report: str, index: int, *, abstract: str = "", brief: str = "",
          institutions: tuple[Institution, ...] = (), techniques: tuple[Technique, ...] = (),
          models: tuple[Model, ...] = (), hardware_: tuple[Hardware, ...] = (),
          evidence_: tuple[tuple[str, float, str | None, str], ...] = (), proposed: tuple[str, ...] = (),
          author_count: int | None = 4) -> Paper:
    """A paper; `evidence_` holds (metric, value, unit, quote) tuples, ids derived from the paper id."""
    pid = paper_id(title, abstract or brief)
    claims = tuple(evidence(pid, m, v, u, q, line=index * 10 + 3) for m, v, u, q in evidence_)
    return Paper(id=pid, title=title, abstract=abstract or f"We study {title.lower()}.",
                 brief=brief or f"研究团队发布了{title}论文。", author_count=author_count,
                 sources=(SourceRef(report, index, index * 10),), proposed=proposed,
                 institutions=institutions, techniques=techniques, models=models, hardware=hardware_,
                 evidence=claims)


SJTU = institution("Shanghai Jiao Tong University", aliases=("上海交通大学",))
QUALCOMM = institution("Qualcomm AI Research", parent="Qualcomm")
TSINGHUA = institution("Tsinghua University")
EAGLE = technique("EAGLE drafter", "speculative-decoding")
TREE_DRAFT = technique("tree-structured drafting", "speculative-decoding")
GPTQ = technique("GPTQ", "quantization")
FP8_KV = technique("FP8 KV cache", "quantization", "kv-cache", label_zh="FP8 KV缓存")
LLAMA = model("Llama-3-8B", "Llama")
A100 = hardware("NVIDIA A100")


def spec_paper(report: str = REPORT_A, index: int = 1) -> Paper:
    return paper("Faster Speculative Decoding with Tree Drafts", report, index, institutions=(SJTU,),
                 techniques=(EAGLE, TREE_DRAFT), models=(LLAMA,), hardware_=(A100,), proposed=("TreeSpec",),
                 evidence_=(("speedup", 3.2, "x", "achieves a 3.2x speedup over autoregressive decoding"),
                            ("throughput", 45.0, "%", "improves throughput by 45%")))


def eagle_paper(report: str = REPORT_A, index: int = 2) -> Paper:
    return paper("Lossless Drafting for Long Contexts", report, index, institutions=(TSINGHUA, SJTU),
                 techniques=(EAGLE,), models=(LLAMA,),
                 evidence_=(("speedup", 2.1, "x", "2.1x faster at 64k context"),))


def quant_paper(report: str = REPORT_A, index: int = 3) -> Paper:
    return paper("FP8 Attention Surgery for Video Diffusion", report, index, institutions=(QUALCOMM,),
                 techniques=(GPTQ, FP8_KV), models=(LLAMA,), hardware_=(A100,),
                 evidence_=(("speedup", 5.5, "x", "up to 5.5x speedup"),
                            ("memory", 40.0, "%", "reduces memory by 40%")))


def shared_paper(report: str, index: int) -> Paper:
    """The paper both reports list."""
    return paper("Token Merging for Vision Transformers", report, index, institutions=(TSINGHUA,),
                 techniques=(technique("token merging", "token-reduction"), GPTQ),
                 evidence_=(("compute", 35.0, "%", "cuts FLOPs by 35%"),))


def batch_a() -> ImportBatch:
    info = ReportInfo(REPORT_A, "AI推理加速技术论文分析报告", "weekly-2025-10-15.md",
                      "2025-10-15T18:50:54", 4)
    return ImportBatch(info, (spec_paper(), eagle_paper(), quant_paper(), shared_paper(REPORT_A, 4)),
                       (ParseWarning("weekly-2025-10-15.md", 3, "count-mismatch", "declared 4: found 4"),))


def batch_b() -> ImportBatch:
    info = ReportInfo(REPORT_B, "AI推理加速技术论文分析报告", "weekly-2025-10-22.md",
                      "2025-10-22T09:00:00", 2)
    other = paper("Mixture of Experts Offloading on Phones", REPORT_B, 1,
                  institutions=(institution("Xiaomi AI Lab", parent="Xiaomi"),),
                  techniques=(technique("expert offloading", "mixture-of-experts", "serving-scheduling"),),
                  hardware_=(hardware("Snapdragon 8 Gen 3", "mobile"),),
                  evidence_=(("latency", 120.0, "ms", "first-token latency of 120 ms"),))
    return ImportBatch(info, (other, shared_paper(REPORT_B, 2)))


def batch_a_without_quant() -> ImportBatch:
    """Report A corrected: the quantisation paper dropped, the rest unchanged."""
    a = batch_a()
    return replace(a, papers=tuple(p for p in a.papers if p.id != quant_paper().id))


TRICKY_TITLES = (
    'He said "stop"; MATCH (n) DETACH DELETE n //',
    "Back\\slash \\n and 'single' quotes } RETURN 1",
    "Ünïcödé 推理 ${param} `backtick`",
)


def tricky_batch() -> ImportBatch:
    report = report_id("tricky.md")
    info = ReportInfo(report, 'Report "quoted" \\ MERGE', "tricky.md")
    papers = tuple(paper(t, report, i + 1, institutions=(institution(f"Lab {t[:12]}"),))
                   for i, t in enumerate(TRICKY_TITLES))
    return ImportBatch(info, papers)


def unstorable_batch() -> ImportBatch:
    """Report B with one claim no store can hold: a NaN value (JSON, hence the embedded store, refuses
    it) whose baseline is a map (Bolt servers refuse map-valued properties). Projection accepts it, so
    the store fails while writing, after the earlier statements of the same transaction went through."""
    good = batch_b()
    first = good.papers[0]
    broken = replace(first.evidence[0], value=float("nan"), baseline={"not": "storable"})  # type: ignore[arg-type]
    return replace(good, papers=(replace(first, evidence=(broken,)), *good.papers[1:]))
