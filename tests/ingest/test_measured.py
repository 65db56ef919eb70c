"""Which model and hardware a claim was measured on, read from the claim's own clause."""

from __future__ import annotations

from graph.model import Model
from ingest.measured import measured_on
from ingest.models import find_models


def _names(sentence: str, value: float, proposed: tuple[str, ...] = (), paper: str = "") -> tuple:
    model, device = measured_on(sentence, value, proposed, find_models(paper))
    return (model.name if model else None, device.name if device else None)


def test_the_clause_of_the_number_wins_and_later_clauses_do_not_count() -> None:
    sentence = "Our models achieve 14.8× lower latency than their base models, and enable 4K video on a single GPU"
    assert _names(sentence, 14.8) == (None, None)
    assert _names("On LLaMA-2 7B with an A6000 GPU, X achieves 1.2× speedup", 1.2) == ("LLaMA-2-7B",
                                                                                       "NVIDIA RTX A6000")


def test_baselines_and_teachers_are_not_what_was_measured() -> None:
    assert _names("X outperforms methods, including fully fine-tuned MedSAM, while updating 1.8% of weights",
                  1.8) == (None, None)
    assert _names("A distilled MobileNetV3, trained with Swin-Base knowledge, reached 98.4% accuracy", 98.4) == (
        "MobileNetV3", None)
    assert _names("X runs 3× faster on the H100 than on a CPU", 3) == (None, "NVIDIA H100")


def test_chinese_clauses_and_brief_statements() -> None:
    brief = "研究团队发布了X论文，使用CPU-GPU异构解耦，达成了吞吐量提升1.9倍、在RTX 4090上加速2倍的效果"
    assert _names(brief, 1.9) == (None, None)
    assert _names(brief, 2) == (None, "NVIDIA RTX 4090")


def test_respectively_pairs_numbers_with_models_in_order() -> None:
    sentence = ("X reduces the TTFT of LLaVA-1.5-7B and Qwen2-VL-7B by up to 50.0% and 55.1%, respectively, "
                "and raises throughput by 60.9% and 47.3%")
    assert [_names(sentence, v)[0] for v in (50.0, 55.1, 60.9, 47.3)] == [
        "LLaVA-1.5-7B", "Qwen2-VL-7B", "LLaVA-1.5-7B", "Qwen2-VL-7B"]


def test_own_method_is_never_the_model_but_its_variant_names_the_base() -> None:
    proposed = ("FastGen", "FastGen-FLUX")
    paper = "We apply FastGen to FLUX.1-dev and SAM."
    assert _names("FastGen-FLUX cuts latency by 53× on the NVIDIA H100 GPU", 53, proposed, paper) == (
        "FLUX.1-dev", "NVIDIA H100")
    assert _names("BALR-SAM cuts memory by 75%", 75, ("BALR-SAM",), paper)[0] is None
    assert isinstance(find_models(paper)[0], Model)


def test_given_the_papers_complete_lists_an_empty_one_skips_its_search() -> None:
    sentence = "On LLaMA-2 7B with an A6000 GPU, X achieves 1.2× speedup"
    model, device = measured_on(sentence, 1.2, (), [], [])
    assert (model, device) == (None, None)


def test_an_own_variant_beside_a_model_of_no_known_family_does_not_fail() -> None:
    paper = [Model("model:foo-7b", "Foo-7B", None, resolved=False)]
    model, _ = measured_on("Ours-Foo reaches 2.1x speedup", 2.1, ("Ours",), paper)
    assert model is not None and model.name == "Foo-7B"


def test_an_own_name_inside_another_word_is_not_the_own_method() -> None:
    # the paper's "Net" is no part of "ResNet-50"; only a word of its own (with its "-suffix") is
    paper = find_models("We evaluate on ResNet-50.")
    model, _ = measured_on("On ResNet-50, Net runs 2.0x faster", 2.0, ("Net",), paper)
    assert model is not None and model.name == "ResNet-50"
    model, _ = measured_on("Net-L runs 2.0x faster on ResNet-50", 2.0, ("Net",), paper)
    assert model is not None and model.name == "ResNet-50"
