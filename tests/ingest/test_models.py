"""Named models with their families, and the paper's own method names kept apart from them."""

from __future__ import annotations

from ingest.models import extract_models, extract_proposed, find_models


def _names(text: str) -> list[str]:
    return [m.name for m in find_models(text)]


def test_checkpoints_resolve_to_families_with_canonical_names() -> None:
    models = find_models("We evaluate Qwen2.5-7B-Instruct, Llama 3 8B and LLaVA-v1.6-13B on three tasks.")
    assert [(m.name, m.family) for m in models] == [
        ("Qwen2.5-7B-Instruct", "Qwen"), ("LLaMA-3-8B", "LLaMA"), ("LLaVA-v1.6-13B", "LLaVA")]
    assert models[0].id == "model:qwen2-5-7b-instruct"


def test_spelling_variants_share_one_canonical_name() -> None:
    assert _names("Wan 2.2 5B") == _names("Wan-2.2-5B") == ["Wan2.2-5B"]
    assert _names("results on QWEN3") == _names("results on Qwen-3") == ["Qwen3"]


def test_fullest_form_wins_and_subfamily_tags_apply() -> None:
    models = find_models("Built on Qwen2-VL; we test Qwen2-VL-2B and Qwen2-VL-7B.")
    assert [m.name for m in models] == ["Qwen2-VL-2B", "Qwen2-VL-7B"]
    assert {m.family for m in models} == {"Qwen-VL"}


def test_generic_words_and_bare_stems_are_not_models() -> None:
    assert _names("Large language models and diffusion models dream of GPUs; a GPT-style decoder.") == []
    assert _names("We adopt a ViT backbone and the Segment Anything Model.") == ["SAM"]


def test_derived_names_and_own_method_are_excluded() -> None:
    models = extract_models("TurboFlux: Faster Image Generation", "",
                            "We distill FLUX.1-dev into TurboFlux-Lite and compare with SD3-Medium.",
                            ("TurboFlux",))
    assert [m.name for m in models] == ["FLUX.1-dev", "SD3-Medium"]


def test_proposed_names_from_title_brief_and_abstract() -> None:
    assert extract_proposed("SwiftKV: Cheaper Prefill for Long Prompts", "", "") == ("SwiftKV",)
    assert extract_proposed("", "清华大学发布了QuickDiT论文，使用步间缓存技术", "") == ("QuickDiT",)
    assert extract_proposed("", "研究团队提出LiteSeg网络，解决了分割慢的问题", "") == ("LiteSeg",)
    abstract = "To fix this, we propose Token Budget Routing (TBR), a simple scheme. We introduce GateKV, which"
    assert extract_proposed("", "", abstract) == ("Token Budget Routing (TBR)", "GateKV")


def test_plain_title_phrases_are_not_method_names() -> None:
    assert extract_proposed("Rethinking Pruning: A Second Look", "", "") == ()
    assert extract_proposed("EFFICIENT REASONING: A SURVEY", "", "We survey methods.") == ()


def test_sizes_with_decimals_and_sentence_end_versions() -> None:
    assert _names("We prune OPT-6.7B and BLOOM; see results on Mistral-7B.") == ["OPT-6.7B", "Mistral-7B"]
    assert _names("PixArt-Σ beats PixArt-α.") == ["PixArt-Sigma", "PixArt-Alpha"]
