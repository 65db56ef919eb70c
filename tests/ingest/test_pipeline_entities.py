"""A paper's entity lists as a whole report's extraction gives them: what evidence adds to them."""

from __future__ import annotations

from ingest.pipeline import extract_text


def _one_paper(abstract: str) -> str:
    title = "An FPGA Accelerator for Small Language Models"
    return (f"# AI推理加速技术论文分析报告\n生成时间: 2025-10-22 09:00:00\n分析论文数量: 1篇\n\n"
            f"## 论文技术简报\n\n### 1. {title}\n\n研究团队发布了X论文，使用FPGA加速技术。\n\n"
            f"## 论文详细信息\n\n### 1. {title}\n\n**主要机构**: Example University\n**作者数量**: 3人\n\n"
            f"**摘要**:\n{abstract}\n\n")


def test_a_device_family_in_a_claim_stands_for_the_member_the_paper_names() -> None:
    batch = extract_text(_one_paper("We build the design on an Alveo U280 card. On the Xilinx FPGA, decoding "
                                    "runs 3.1x faster than on the CPU."), "fpga.md")
    [paper] = batch.papers
    assert [h.name for h in paper.hardware] == ["Xilinx Alveo U280"]
    [claim] = [e for e in paper.evidence if e.value == 3.1]
    assert claim.hardware == paper.hardware[0].id


def _report(title: str, brief: str, abstract: str) -> str:
    return (f"# AI推理加速技术论文分析报告\n生成时间: 2025-10-22 09:00:00\n分析论文数量: 1篇\n\n"
            f"## 论文技术简报\n\n### 1. {title}\n\n{brief}\n\n"
            f"## 论文详细信息\n\n### 1. {title}\n\n**主要机构**: Example University\n**作者数量**: 3人\n\n"
            f"**摘要**:\n{abstract}\n\n")


_COMPARISON = "At the same cost it outperforms QRDN, LAPAX-B and ShuffleBlend on four benchmarks."


def test_the_networks_a_proposed_network_is_compared_with_are_models() -> None:
    batch = extract_text(_report(
        "KappaNet: A Lightweight Network for Efficient Image Super-Resolution",
        "研究团队发布了KappaNet论文，使用轻量级网络架构设计技术，解决了超分辨率模型计算量大的问题。",
        f"We propose KappaNet, a lightweight convolutional network for efficient super-resolution. {_COMPARISON}"),
        "sr.md")
    [paper] = batch.papers
    assert "efficient-architecture" in {c for t in paper.techniques for c in t.categories}
    assert [m.name for m in paper.models] == ["QRDN", "LAPAX-B", "ShuffleBlend"]


def test_the_methods_a_quantisation_method_is_compared_with_are_no_models() -> None:
    batch = extract_text(_report(
        "KappaQuant: Accurate 4-bit Post-Training Quantization",
        "研究团队发布了KappaQuant论文，使用训练后量化技术，解决了低比特量化精度下降的问题。",
        f"We propose KappaQuant, a post-training quantization method for 4-bit weights. {_COMPARISON}"), "q.md")
    [paper] = batch.papers
    assert "efficient-architecture" not in {c for t in paper.techniques for c in t.categories}
    assert paper.models == ()


def test_a_claim_measured_on_data_the_paper_names_adds_no_model() -> None:
    batch = extract_text(_one_paper("We serve OPT-13B with request traces derived from Alpaca. The wombat "
                                    "scheduler improves serving throughput by 1.9x on Alpaca."), "data.md")
    [paper] = batch.papers
    assert [m.name for m in paper.models] == ["OPT-13B"]
    [claim] = [e for e in paper.evidence if e.value == 1.9]
    assert claim.model is None


def test_a_prompt_compressor_s_compression_ratio_is_token_reduction() -> None:
    batch = extract_text(_report(
        "KappaPrompt: Prompt Compression for Long-Context Question Answering",
        "研究团队发布了KappaPrompt论文，使用提示压缩技术，解决了长上下文推理成本高的问题。",
        "We propose KappaPrompt, a prompt compression method that drops redundant tokens from long contexts. "
        "It reaches a compression rate of 31x on a wombat QA set with little loss."), "pc.md")
    [paper] = batch.papers
    assert "token-reduction" in {c for t in paper.techniques for c in t.categories}
    assert [(e.value, e.metric) for e in paper.evidence] == [(31.0, "token-reduction")]


def test_the_paper_s_own_model_measured_in_a_claim_never_joins_its_models() -> None:
    # (a dev report's paper: "Dream" is a registered family, which the claim's sentence names bare)
    batch = extract_text(_report("Dream 7B: Diffusion Large Language Models", "研究团队发布了Dream 7B论文。",
                                 "We introduce Dream 7B, a diffusion language model. Dream decodes 2.4x faster "
                                 "than LLaMA-3-8B on an NVIDIA A100."), "own.md")
    [paper] = batch.papers
    assert [m.name for m in paper.models] == ["LLaMA-3-8B"]
