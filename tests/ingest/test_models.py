"""Named models with their families, and the paper's own method names kept apart from them."""

from __future__ import annotations

import pytest

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


def test_a_technical_reports_title_names_the_papers_own_model_even_when_the_registry_knows_it() -> None:
    abstract = "We present Mistral-9, a language model with 12B parameters. It beats Mistral-7B."
    assert extract_proposed("Mistral-9 Technical Report", "", abstract) == ("Mistral-9",)
    assert [m.name for m in extract_models("Mistral-9 Technical Report", "", abstract, ("Mistral-9",))] == [
        "Mistral-7B"]
    assert extract_proposed("Numbat3 Technical Report: Thinking Less", "", "") == ("Numbat3",)
    abstract = "We introduce the Falcon series: Falcon-7B, Falcon-40B and Falcon-180B, compared with Mistral-7B."
    proposed = extract_proposed("The Falcon Series of Open Language Models", "", abstract)
    assert proposed[0] == "Falcon"
    assert [m.name for m in extract_models("The Falcon Series of Open Language Models", "", abstract, proposed)] == [
        "Mistral-7B"]


def test_plain_title_phrases_are_not_method_names() -> None:
    assert extract_proposed("Rethinking Pruning: A Second Look", "", "") == ()
    assert extract_proposed("EFFICIENT REASONING: A SURVEY", "", "We survey methods.") == ()


def test_sizes_with_decimals_and_sentence_end_versions() -> None:
    assert _names("We prune OPT-6.7B and BLOOM; see results on Mistral-7B.") == ["OPT-6.7B", "BLOOM", "Mistral-7B"]
    assert _names("PixArt-Σ beats PixArt-α.") == ["PixArt-Sigma", "PixArt-Alpha"]


def test_expansion_order_follows_the_text_unless_a_coined_name_comes_second() -> None:
    coined = "To fix this, we introduce Budget-Aware Routing (SwiftRoute), a training-free scheme."
    assert extract_proposed("", "", coined) == ("SwiftRoute (Budget-Aware Routing)",)
    initials = "We propose Token Budget Routing (TBR), a simple scheme."
    assert extract_proposed("", "", initials) == ("Token Budget Routing (TBR)",)
    assert extract_proposed("", "研究团队提出了Budget-Aware Routing（SwiftRoute）框架，解决了延迟问题", "") == (
        "SwiftRoute (Budget-Aware Routing)",)


def test_expansion_written_elsewhere_joins_the_title_name() -> None:
    title = "KVZ: Compressing Caches"
    assert extract_proposed(title, "", "We present a new scheme, KVZ: Key Value Zipping, for caches.") == (
        "KVZ (Key Value Zipping)",)
    assert extract_proposed(title, "", "We introduce KVZ, a Key Value Zipping Method for long inputs.") == (
        "KVZ (Key Value Zipping Method)",)
    assert extract_proposed(title, "", "We introduce KVZ, a Fast Long Attention design.") == ("KVZ",)
    assert extract_proposed("Q²Cache: Fast Caching", "", "we introduce Quick Quantized Cache (q 2 Cache), which") \
        == ("Q²Cache (Quick Quantized Cache)",)


def test_a_long_phrase_before_an_acronym_is_not_a_name_but_the_acronym_is() -> None:
    abstract = "We propose Hiding Many Tokens from the Small Model for Fast Decoding in Vision Models (HiMaT), a way"
    assert extract_proposed("", "", abstract) == ("HiMaT",)
    assert extract_proposed("", "", "we introduce Latent Plans for Quick Answers, a framework that") == (
        "Latent Plans for Quick Answers",)


def test_design_parts_defined_with_acronyms() -> None:
    abstract = ("We propose GridNet for segmentation. GridNet is a network that employs Sparse Window Attention "
                "(SWA) in its encoder. We also implement the Fused Tile Engine (FTE) module for speed. "
                "It uses Low-Rank Adaptation (LoRA) and the Chain-of-Thought (CoT) prompts.")
    assert extract_proposed("", "", abstract) == (
        "GridNet", "Sparse Window Attention (SWA)", "Fused Tile Engine (FTE)")


def test_enumerated_innovations_and_runs_on_names() -> None:
    abstract = ("The method builds on two key innovations: (i) a Deep Token Compressor with a chunk design; "
                "and (ii) Cache-Adapt-X, a robust adaptation strategy. (1) Baselines are weak.")
    assert extract_proposed("", "", abstract) == ("Deep Token Compressor", "Cache-Adapt-X")
    assert extract_proposed("", "", "we propose a new Skin Tone Angle (STA) Loss-based training scheme") == ()


def test_variants_named_after_the_method_and_released_models() -> None:
    abstract = ("We verify FastGen on SANA and FLUX.1-dev. The resulting FastGen-SANA and FastGen-FLUX models "
                "are fast. Based on it, we have trained and open-sourced TinyCPM3.5, a small model.")
    assert extract_proposed("FastGen: Faster Images", "", abstract) == (
        "FastGen", "TinyCPM3.5", "FastGen-SANA", "FastGen-FLUX")
    assert extract_proposed("", "清华大学发布了FastGen论文，并开源了MiniCPM4.1模型", "")[-1] == "MiniCPM4.1"


def test_two_coined_names_joined_by_and_are_two_names() -> None:
    assert extract_proposed("", "", "In this work, we propose KAN-REG and RandKAN-REG, the first ...") == (
        "KAN-REG", "RandKAN-REG")


def test_own_checkpoints_do_not_hide_the_existing_base_model() -> None:
    abstract = "We introduce LLaDA-MoE. It beats LLaDA and Dream; LLaDA-MoE-7B-A1B-Instruct is our instruct model."
    proposed = extract_proposed("LLaDA-MoE: A Sparse Model", "", abstract)
    assert proposed == ("LLaDA-MoE", "LLaDA-MoE-7B-A1B-Instruct")
    assert [m.name for m in extract_models("", "", abstract, proposed)] == ["LLaDA", "Dream"]


def test_capital_v_versions_and_new_families() -> None:
    assert _names("A distilled MobileNetV3 and OLMoE-1B-7B-0125.") == ["MobileNetV3", "OLMoE-1B-7B-0125"]


def test_a_checkpoint_of_an_unknown_family_is_found_by_its_parameter_count() -> None:
    names = [m.name for m in find_models("We compare against Zephyrine-V2-1.3B and Wan 2.1-1.3B.")]
    assert names == ["Wan2.1-1.3B", "Zephyrine-V2-1.3B"]
    unknown = next(m for m in find_models("Zephyrine-V2-1.3B") if m.name == "Zephyrine-V2-1.3B")
    assert unknown.family is None
    # A method name without a parameter count stays out; so does a size that is part of a known name.
    assert find_models("our FastThing pipeline runs LLaVA-1.5-7B") == find_models("LLaVA-1.5-7B")


def test_vit_style_size_codes_and_capital_versions_belong_to_the_name() -> None:
    assert [m.name for m in find_models("DeiT-S and ViM-Ti at 20% token reduction")] == ["DeiT-S", "ViM-Ti"]
    assert [m.name for m in find_models("the Vision Mamba (ViM) architecture")] == []


def test_unknown_models_beside_known_ones_in_an_enumeration_are_models_marked_unresolved() -> None:
    found = find_models("We evaluate on LLaMA-2-7B, Falcon-40B, Dolly-v2, RedPajama-INCITE and StarChat.")
    assert [(m.name, m.resolved) for m in found] == [
        ("LLaMA-2-7B", True), ("Falcon-40B", True), ("Dolly-v2", False), ("RedPajama-INCITE", False),
        ("StarChat", False)]
    assert [m.name for m in find_models("在Vicuna-7B、Koala-13B和Baize-7B上验证")] == ["Vicuna-7B", "Koala-13B", "Baize-7B"]
    # items before the known one, each read in turn back to the start of the list
    found = find_models("Baselines include QuuxQ, ZorbaX, Blarg-v2 and YOLOv5 in speed.")
    assert sorted((m.name, m.resolved) for m in found) == [
        ("Blarg-v2", False), ("QuuxQ", False), ("YOLOv5", True), ("ZorbaX", False)]


def test_a_plain_capitalised_name_listed_beside_known_models_is_a_model_but_not_a_sentences_first_word() -> None:
    found = find_models("Foundation models such as CLIP, Wombat and Quokka are trained on web data.")
    assert [(m.name, m.resolved) for m in found] == [("CLIP", True), ("Wombat", False), ("Quokka", False)]
    assert [m.name for m in find_models("It is slow. Moreover, LLaMA-2-7B and Falcon-40B stall.")] == [
        "LLaMA-2-7B", "Falcon-40B"]
    assert [m.name for m in find_models("We test on LLaMA-2-7B, Tiny and Base.")] == ["LLaMA-2-7B"]


def test_enumeration_items_that_are_not_models() -> None:
    assert [m.name for m in find_models("LLaMA-2-7B on GSM8K, MMLU and HumanEval with FP16 and INT4")] == ["LLaMA-2-7B"]
    assert [m.name for m in find_models("using DiT-XL/2 and Constant-Memory KV Cache")] == ["DiT-XL/2"]
    assert [m.name for m in find_models("训练成本仅为MovieGen 1%")] == ["MovieGen"]


def test_a_bare_family_in_an_enumeration_is_a_model_of_its_own() -> None:
    assert [m.name for m in extract_models("", "", "We evaluate on LLaMA and LLaMA-2 across tasks.", ())] == [
        "LLaMA", "LLaMA-2"]
    assert sorted(m.name for m in extract_models("", "", "It enables Llama-2, MPT, Falcon, and Pythia to stream.", ())) == [
        "Falcon", "LLaMA-2", "MPT", "Pythia"]
    assert [m.name for m in extract_models("", "", "Wan2.1 runs fast; we use Wan2.1-14B.", ())] == ["Wan2.1-14B"]


def test_a_size_written_before_the_name_joins_it() -> None:
    assert [m.name for m in extract_models("", "", "It deploys the 70B Llama-2 model on a phone.", ())] == ["LLaMA-2-70B"]
    assert [m.name for m in extract_models("", "", "at 4K resolution with SDXL", ())] == ["SDXL"]


def test_sizes_after_a_slash_are_checkpoints_of_their_own() -> None:
    assert [m.name for m in extract_models("", "", "on OPT-30B/66B/175B models", ())] == ["OPT-30B", "OPT-66B", "OPT-175B"]
    # the list may end the sentence, follow a model of no known family, or stand in brackets after "models"
    assert [m.name for m in extract_models("", "", "We fine-tune OPT 1.3B and 6.7B.", ())] == ["OPT-1.3B", "OPT-6.7B"]
    assert [(m.name, m.resolved) for m in extract_models("", "", "on QuokkaLM 3B/8B", ())] == [
        ("QuokkaLM-3B", False), ("QuokkaLM-8B", False)]
    assert [m.name for m in extract_models("", "", "results on OPT models (125M, 1.3B and 6.7B)", ())] == [
        "OPT-125M", "OPT-1.3B", "OPT-6.7B"]


def test_one_letter_size_codes_of_detectors() -> None:
    assert [m.name for m in extract_models("", "", "YOLOv9-C, YOLOv8-S and YOLOv10-N", ())] == [
        "YOLOv9-C", "YOLOv8-S", "YOLOv10-N"]


def test_small_models_derived_from_known_families_by_their_usual_names() -> None:
    found = extract_models("", "", "compared with MobileSAM, FastSAM and TinyViT-21M; our FastViT", ("FastViT",))
    assert [(m.name, m.resolved) for m in found] == [("TinyViT-21M", False), ("MobileSAM", False), ("FastSAM", False)]


def test_distilled_checkpoints_and_longer_stems_first() -> None:
    assert [m.name for m in extract_models("", "", "DeepSeek-R1-Distill-Llama-8B, Open-Sora-Plan and Open-Sora", ())] == [
        "DeepSeek-R1-Distill-Llama-8B", "Open-Sora-Plan", "Open-Sora"]


def test_a_score_after_a_name_is_no_version() -> None:
    assert [m.name for m in find_models("仍保留LLaVA-1.5-7B 89.41%性能")] == ["LLaVA-1.5-7B"]


def test_backbone_checkpoints_size_codes_and_benchmarks() -> None:
    found = [m.name for m in extract_models("", "", "CLIP ViT-L/14, Swin-T, DeiT-T and MiniCPM-V 2.6 on SEED-Bench", ())]
    assert found == ["Swin-T", "DeiT-T", "MiniCPM-V-2.6", "CLIP ViT-L/14"]


def test_braced_sizes_and_speech_models() -> None:
    assert [m.name for m in extract_models("", "", "across Vicuna-{7B,13B} with VITS, FastSpeech 2 and HiFi-GAN", ())] == [
        "Vicuna-7B", "Vicuna-13B", "VITS", "FastSpeech 2", "HiFi-GAN"]


def test_checkpoint_suffixes_after_the_size_are_part_of_the_name() -> None:
    # families the ontology does not list, with a version, a release number or a tuning tag after the size
    assert _names("We merge Nori-Delta-7B-v2, QuillMath-13B-V1.1 and Tern-7B-003 into one model.") == [
        "Nori-Delta-7B-v2", "QuillMath-13B-V1.1", "Tern-7B-003"]
    assert all(not m.resolved for m in find_models("Tern-7B-003 and Tern-13B-Chat"))


def test_a_known_family_extended_by_a_backbone_and_size_is_one_checkpoint() -> None:
    [model] = find_models("evaluated with LLaVA-1.5-Vicuna-13B on six benchmarks")
    assert (model.name, model.family, model.resolved) == ("LLaVA-1.5-Vicuna-13B", "LLaVA", True)


def test_sizes_listed_after_a_checkpoint_or_a_family_are_checkpoints() -> None:
    assert _names("pre-training LLaMA 3B and 13B variants") == ["LLaMA-3B", "LLaMA-13B"]
    assert _names("OPT-2.7B, 30B and 66B all benefit") == ["OPT-2.7B", "OPT-30B", "OPT-66B"]
    assert _names("Pythia models of 410M and 2.8 billion parameters") == ["Pythia-410M", "Pythia-2.8B"]
    assert _names("Baselines use OPT.") == ["OPT"]  # a bare family in capitals is the model family


def test_an_expansion_is_found_beside_any_spelling_of_the_name() -> None:
    # the name is matched by its key: a space or a hyphen inside it still counts
    assert extract_proposed("", "", "We propose QQP. Experiments show that Q Q-P (Quantized Query Pruning) "
                                    "cuts memory.") == ("QQP (Quantized Query Pruning)",)
    assert extract_proposed("", "", "We propose QQP. Experiments show that QQPX (Quantized Query Pruning) "
                                    "cuts memory.") == ("QQP",)  # a longer word is another name


def test_size_words_and_backbone_codes_are_tags_of_a_checkpoint() -> None:
    assert _names("We transcribe with Whisper large-v2 and Whisper small.") == ["Whisper-Large-V2", "Whisper-Small"]
    assert _names("MobileViT-XS and RT-DETR-R50") == ["MobileViT-XS", "RT-DETR-R50"]
    assert _names("Unlike the LLaMA large language models, ours is small.") == ["LLaMA"]  # an adjective here


def test_a_name_ending_in_a_size_word_is_a_checkpoint_when_its_stem_looks_like_a_model() -> None:
    assert [(m.name, m.resolved) for m in find_models("compared with FastFormer-Base and Q7-Net-large")] == [
        ("FastFormer-Base", False), ("Q7-Net-large", False)]
    assert _names("X-Large batches and Pre-Base tuning") == []


def test_a_tag_set_off_by_a_spaced_dash_is_part_of_the_checkpoint() -> None:
    assert _names("Llama 2 7B – chat and Llama 2 13B - Chat") == ["LLaMA-2-7B-Chat", "LLaMA-2-13B-Chat"]


def test_a_version_after_a_space_tag_stays_in_the_checkpoint() -> None:
    assert _names("We compare against Whisper Large v3 Turbo.") == ["Whisper-Large-V3-Turbo"]


def test_a_lower_case_mini_or_nano_after_a_version_is_the_checkpoint_s_tier() -> None:
    assert _names("We route between GPT-4.1 nano and GPT-4o mini.") == ["GPT-4.1 Nano", "GPT-4o Mini"]
    assert _names("GPT-4V answers the questions.") == ["GPT-4V"]


def test_sizes_in_parentheses_are_one_checkpoint_each() -> None:
    assert _names("We test Qwen2 (0.5B and 7B) and Mistral (7B).") == ["Qwen2-0.5B", "Qwen2-7B", "Mistral-7B"]
    # a family's sizes or tiers after "family", and a capitalised tier after a version
    assert _names("We test the Qwen2.5 family (0.5B and 7B).") == ["Qwen2.5-0.5B", "Qwen2.5-7B"]
    assert _names("We query the Claude 3 family (Haiku and Opus) and Gemini 1.0 Ultra.") == [
        "Claude 3 Haiku", "Claude 3 Opus", "Gemini 1.0 Ultra"]


def test_a_capitalised_tag_glued_to_a_known_model_is_its_variant() -> None:
    assert _names("We compare with LLaVA-HD and OPT-IML models.") == ["LLaVA-HD", "OPT-IML"]
    assert _names("CLIP-Knowledge Distillation is used.") == ["CLIP"]  # a phrase, not a checkpoint


def test_an_unknown_model_shaped_name_with_a_spaced_size_is_a_checkpoint() -> None:
    assert [(m.name, m.resolved) for m in find_models("It beats GLaMX 8B and Attention-free 7B designs")] == [
        ("GLaMX-8B", False)]


def test_a_baseline_named_after_a_comparison_is_a_model_when_it_ends_as_models_do() -> None:
    assert _names("Our detector surpasses RetinaGAN by 2 points and Depthy3 on KITTI.") == ["RetinaGAN"]
    assert _names("It outperforms Depthy3, and is faster than SpeedFusion.") == ["Depthy3"]


def test_graph_network_and_speech_encoder_architectures_are_models() -> None:
    assert _names("We evaluate on GCN, GAT, GIN and GraphSAGE.") == ["GCN", "GAT", "GIN", "GraphSAGE"]
    assert _names("It beats Conformer-CTC and a Switch Transformer baseline.") == ["Conformer-CTC", "Switch Transformer"]


def test_chat_after_a_size_and_a_patch_size_after_a_size_word_are_tags() -> None:
    assert _names("Llama 2 7B chat and ViT-Huge/14") == ["LLaMA-2-7B-Chat", "ViT-Huge/14"]


def test_recommendation_speech_and_one_bit_models_are_families() -> None:
    assert _names("On DeepFM, Wide & Deep, VALL-E, NaturalSpeech 2 and BitNet b1.58.") == [
        "DeepFM", "Wide & Deep", "VALL-E", "NaturalSpeech 2", "BitNet b1.58"]


def test_a_family_named_as_a_modifier_is_no_model_run() -> None:
    assert extract_models("", "", "We fine-tune a LLaMA-based model on ChatGPT-generated data.", ()) == ()
    assert [m.name for m in extract_models("", "", "It quantizes BERT and GPT-3-style models to INT8.", ())] == ["BERT"]


def test_a_network_based_on_a_named_checkpoint_runs_it() -> None:
    assert _names("It reaches 70.1% with a VGG-16-based network and 61.0% with a ShuffleNetV2-based one.") == [
        "VGG-16", "ShuffleNetV2"]
    assert _names("Judged by GPT-4-based evaluation, it wins 60% of pairs.") == []


def test_sizes_glued_to_a_family_or_listed_after_its_models() -> None:
    assert [m.name for m in extract_models("", "", "It runs GPT-J6B and GPT-NeoX20B in INT8.", ())] == [
        "GPT-J-6B", "GPT-NeoX-20B"]
    assert [m.name for m in extract_models("", "", "We test LLaMA models of sizes 7B, 13B, and 30B.", ())] == [
        "LLaMA-7B", "LLaMA-13B", "LLaMA-30B"]


def test_a_base_checkpoint_named_beside_its_chat_checkpoint_is_kept() -> None:
    names = [m.name for m in extract_models("", "", "It beats Llama 2 13B and the Llama 2 13B Chat model.", ())]
    assert "LLaMA-2-13B" in names and any(n.startswith("LLaMA-2-13B-Chat") for n in names)


def test_a_data_set_named_by_its_size_is_no_model() -> None:
    assert [m.name for m in extract_models("", "", "A DeepFM model trained on MovieLens-25M gains AUC.", ())] == [
        "DeepFM"]
    assert extract_models("", "", "We fine-tune on the SA-1B dataset.", ()) == ()
    assert [m.name for m in extract_models("", "", "We evaluate Quux-7B and Zorb-13B.", ())] == ["Quux-7B", "Zorb-13B"]


def test_a_figure_and_a_score_after_a_model_name_are_no_version() -> None:
    assert [m.name for m in extract_models("", "", "达成了COCO检测超过ResNet 5.5 mAP的效果", ())] == ["ResNet"]
    assert [m.name for m in extract_models("", "", "It improves on Stable Diffusion 1.5 by 2.1 FID.", ())] == [
        "Stable Diffusion 1.5"]


def test_sizes_with_a_decimal_digit_after_the_unit_and_in_lower_case() -> None:
    assert _names("We quantize BLOOM-3b1 and BLOOM-560m.") == ["BLOOM-3b1", "BLOOM-560m"]
    assert _names("We prune LLaMA-2 7b/70b on one GPU.") == ["LLaMA-2-7B", "LLaMA-2-70B"]


def test_lower_case_size_codes_of_vision_backbones() -> None:
    assert _names("Tested on MobileViT-xs and DeiT-Small.") == ["MobileViT-xs", "DeiT-Small"]


def test_a_teacher_student_pair_written_as_one_word_is_two_models() -> None:
    assert sorted(_names("the ResNet50-MobileNetV1 pair gains 1.9% top-1")) == ["MobileNetV1", "ResNet-50"]
    assert _names("LLaVA-HR answers faster") == ["LLaVA-HR"]


def test_decimal_versions_listed_after_a_model_are_its_other_versions() -> None:
    assert _names("We apply it to Stable Diffusion 1.4, 2.0 and SDXL.") == [
        "Stable Diffusion 1.4", "Stable Diffusion 2.0", "SDXL"]


def test_a_sampler_named_after_a_model_is_no_model() -> None:
    assert _names("It runs 50 ControlNet steps with a ControlNet.") == ["ControlNet"]
    assert _names("Sampling with the ControlNet sampler takes 20 s.") == []


def test_lower_case_phi_checkpoints() -> None:
    assert _names("phi-1.5 beats larger models") == ["Phi-1.5"]


def test_width_multipliers_and_pairs_written_with_a_slash() -> None:
    assert _names("the ResNet56x2/MobileNetV2 teacher-student pair") == ["ResNet-56x2", "MobileNetV2"]
    assert _names("distilling WRN-28-4 into WRN-16-1") == ["WRN-28-4", "WRN-16-1"]
    assert _names("Mixtral-8x7B") == ["Mixtral-8x7B"]


_COMPARED = ("Compared with KappaNet, ResMix and the Transformer-based ZetaFormer, our network is faster; it also "
             "outperforms QRDN, LAPAX-B and ShuffleBlend on two benchmarks.")


def test_a_network_paper_s_compared_names_are_models() -> None:
    names = [m.name for m in extract_models("", "", _COMPARED, (), proposes_network=True)]
    assert names == ["KappaNet", "ResMix", "ZetaFormer", "QRDN", "LAPAX-B", "ShuffleBlend"]
    assert all(not m.resolved for m in extract_models("", "", _COMPARED, (), proposes_network=True))


def test_a_method_paper_s_compared_names_stay_methods() -> None:
    # a quantisation or serving paper compares methods and systems, not networks
    assert extract_models("", "", _COMPARED, ()) == ()


@pytest.mark.parametrize("abstract", [
    "It runs faster than ViTs and DiTs of the same size.",  # kinds of network
    "Our vocoder outperforms RNN-Transducers.",
    "It is 2x faster than NVIDIA's library.",  # an organisation
    "It outperforms Multi-band WaveNetX on speed.",  # the first word of a longer name
])
def test_what_a_network_is_compared_with_that_is_no_model(abstract: str) -> None:
    assert [m.name for m in extract_models("", "", abstract, (), proposes_network=True)] == []


@pytest.mark.parametrize("abstract, models", [
    ("It beats lightweight CNN models such as KAPN, ZetaRes and QuarkNet by 0.3 dB.", ["KAPN", "ZetaRes", "QuarkNet"]),
    ("Models such as KAPN run on it.", ["KAPN"]),
    ("Evaluated on seven models (including MinkQNet, SPVQNN and CenterKoint), it is 1.5x faster.",
     ["MinkQNet", "SPVQNN", "CenterKoint"]),
    ("We serve three LLMs: Zorba-3, KAPN and GopherX.", ["Zorba-3", "KAPN", "GopherX"]),
    ("It beats efficient models, such as iKAPNet and ZORB.", ["iKAPNet", "ZORB"]),  # a lower-case first letter
    ("Unlike LLMs, e.g., Zorba-Instruct, it needs no cache.", ["Zorba-Instruct"]),
    ("Applied to VideoKappa-T, Motionzformer and TimeSformerX it saves 30% of the FLOPs.",
     ["VideoKappa-T", "Motionzformer", "TimeSformerX"]),
    ("The compared methods include ZAFT, GMQ and GMFlux.", ["ZAFT", "GMQ", "GMFlux"]),  # an acronym glued to a word
    ("It beats strong baselines such as KappaInst, ZOLACT and CondZet.", ["KappaInst", "ZOLACT", "CondZet"]),
    ("It scores higher than the baselines Zen-3, Kappa-Turbo and Quokka.", ["Zen-3", "Kappa-Turbo"]),  # no "such as"
    ("It gains 6.2% over a strong baseline, Kappa-Foley.", ["Kappa-Foley"]),
    ("Evaluated with MinkQNet and SPVQNN on SemanticKappa, it is fast.", ["MinkQNet", "SPVQNN"]),  # run on data
    ("It is quantized with SmoothQuant on WikiText.", []),  # a known method run on data
    ("Applying token merging to VideoKappa saves time.", ["VideoKappa"]),  # what a method is applied to
    ("It also generalises to VideoKappa on Kinetics.", ["VideoKappa"]),
    ("Applying it to Kappa-Diffusion models including Zap-V1.5 works.", ["Zap-V1.5"]),  # a kind, then its examples
])
def test_networks_given_as_examples_or_applied_to_are_models(abstract: str, models: list[str]) -> None:
    # whatever the paper proposes: examples of a kind of model, and what a method is applied to, are models
    found = extract_models("", "", abstract, ())
    assert [m.name for m in found] == models
    assert not any(m.resolved for m in found)


@pytest.mark.parametrize("abstract", [
    "It cuts the error of the best baseline, KTLP, by 3.2x.",  # an acronym named as the baseline: a method
    "It reaches the baseline KBCE loss with fewer parameters.",
    "Blockwise kappa decoding (KBPD) is slow. We train 1.5B-parameter KBPD models.",  # a method's acronym, sized
    "A k-nearest-wombat (KNW) search is slow; it beats baselines such as KNW.",  # an acronym of common words
])
def test_an_acronym_named_as_a_baseline_or_a_method_sized_is_not_a_model(abstract: str) -> None:
    assert extract_models("", "", abstract, ()) == ()


@pytest.mark.parametrize("abstract, models", [
    ("Methods such as KappaQuant and ZetaPrune lose accuracy.", []),  # a method's examples are methods
    ("It serves LLMs including LLaMA2-7B and Zorba3-12B.", ["LLaMA-2-7B", "Zorba3-12B"]),  # a known family, as the registry spells it
    ("Diffusion models such as DiTs and KAPN are covered.", []),  # a kind of network stops the list
    ("Networks such as OpenAI's run in the cloud at 30 FPS.", []),  # an organisation
])
def test_examples_that_are_not_new_models(abstract: str, models: list[str]) -> None:
    assert [m.name for m in extract_models("", "", abstract, ())] == models


def test_a_link_names_no_model() -> None:
    # a repository's or a site's name in a link is no model the paper evaluates; the text around it still counts
    abstract = "We evaluate on GPT-2. Code: https://github.com/kappa-lab/Zorba-LM and https://hf.co/KAPN-7B/"
    assert [m.name for m in extract_models("", "", abstract, ())] == ["GPT-2"]


def test_frames_per_second_is_no_model() -> None:
    assert _names("It reaches 30 FPS and GPT-2 quality.") == ["GPT-2"]
    assert _names("它达到30 FPS、GPT-2的质量") == ["GPT-2"]


def test_a_plain_title_word_the_abstract_writes_as_a_name_is_the_paper_s_own() -> None:
    abstract = ("Our network, named Restoration Kappaformer (Kappaformer), scales linearly. Across four tasks "
                "Kappaformer beats earlier networks.")
    assert extract_proposed("Kappaformer: Efficient Networks for Restoration", "", abstract) == (
        "Kappaformer (Restoration Kappaformer)",)


@pytest.mark.parametrize("abstract", [
    "Sparsity is everywhere in trained networks; we study sparsity in large models.",  # a word, lower-cased
    "Sparsity is everywhere in trained networks. Sparsity helps.",  # only ever at a sentence's start
    "We study pruning of large models.",  # not in the abstract at all
])
def test_a_plain_title_word_that_is_no_name_is_not_proposed(abstract: str) -> None:
    assert extract_proposed("Sparsity: A Study of Large Models", "", abstract) == ()


@pytest.mark.parametrize(("abstract", "models"), [
    # a model's name that also names the data it was made with, used as data
    ("With LLaMA-7B fine-tuned on Alpaca, it reaches 39% accuracy.", ["LLaMA-7B"]),
    ("Using 256 calibration samples from Alpaca, it prunes Llama2-70B.", ["LLaMA-2-70B"]),
    ("We tune for 3 epochs on the Alpaca dataset.", []),
    # the requests a serving system is measured with
    ("We serve OPT-13B with request traces derived from Alpaca and ShareGPT.", ["OPT-13B"]),
    # the same name as a model, and a known family after training words
    ("We compare with Alpaca and Vicuna on MT-Bench.", ["Alpaca", "Vicuna"]),
    ("It speeds up pre-training on LLaMA 1B and 7B architectures.", ["LLaMA-1B", "LLaMA-7B"]),
])
def test_a_name_used_as_data_is_no_model(abstract: str, models: list[str]) -> None:
    assert [m.name for m in extract_models("", "", abstract, ())] == models


@pytest.mark.parametrize(("abstract", "models"), [
    ("It doubles the decode throughput of llama.cpp on LLaMA-2-7B.", ["LLaMA-2-7B"]),  # a program
    ("FID and CLIP scores stay the same with SDXL.", ["SDXL"]),  # a metric, in the plural
])
def test_a_program_or_metric_named_after_a_model_is_no_model(abstract: str, models: list[str]) -> None:
    assert [m.name for m in extract_models("", "", abstract, ())] == models


@pytest.mark.parametrize(("abstract", "models"), [
    # a family that needs a version is a model where the paper is compared with it
    ("Hawk exceeds the reported performance of Mamba on downstream tasks.", ["Mamba"]),
    ("Our model outperforms both Mamba and a Transformer.", ["Mamba"]),
    ("It runs 3x faster than Mamba at 64k tokens.", ["Mamba"]),
    # named in passing, it is the architecture, not a model
    ("State space models like Mamba are fast.", []),
    ("We build on Mamba layers.", []),
])
def test_a_bare_family_the_paper_is_compared_with_is_a_model(abstract: str, models: list[str]) -> None:
    assert [m.name for m in extract_models("", "", abstract, ())] == models


@pytest.mark.parametrize(("abstract", "models"), [
    # a model the paper runs as a part, named by its role
    ("Waveforms are rendered with a pre-trained KappaGAN vocoder.", ["KappaGAN"]),
    ("The teacher ensemble combines KappaST and ZAST checkpoints.", ["KappaST", "ZAST"]),
    ("We distil from the pre-trained KDM network as the teacher.", ["KDM"]),
    ("We start from a pre-trained Transformer-based model.", []),  # a kind, not a name
    ("It first runs a fine-tuned 3-billion-parameter KLIDE model.", ["KLIDE"]),  # sized, then named by its role
    ("It distils a 12-layer ZuniLM as the teacher into a 4-layer student.", ["ZuniLM"]),
    ("It distils from the dense-head KappaViT teacher.", ["KappaViT"]),  # a word describing the teacher before it
    ("The teacher is KappaSR with 50 steps.", ["KappaSR"]),  # the part, then the network that plays it
    ("Teachers include K2SB and DDQM; the student is faster.", ["K2SB", "DDQM"]),
    ("Baselines include PTQ4KM and ZetaQuant.", []),  # baselines listed so were methods
])
def test_a_model_named_by_its_role_is_a_model(abstract: str, models: list[str]) -> None:
    assert [m.name for m in extract_models("", "", abstract, ())] == models


@pytest.mark.parametrize(("abstract", "models"), [
    ("It is 3x faster than TinyKappa-3B and KappaVLM v2 3B.", ["TinyKappa-3B", "KappaVLM v2-3B"]),  # a version
    ("The largest checkpoint is RecurrentKappa 9B.", ["RecurrentKappa-9B"]),  # a count that ends the sentence
])
def test_an_unknown_family_sized_after_a_space(abstract: str, models: list[str]) -> None:
    assert [m.name for m in extract_models("", "", abstract, ())] == models


def test_a_known_model_ending_another_models_expansion_is_part_of_its_name() -> None:
    text = "Methods like wav2vec 2.0 and Hidden-unit BERT (HuBERT) leverage unlabeled speech."
    assert [m.name for m in extract_models("", "", text, ())] == ["wav2vec 2.0", "HuBERT"]


def test_number_formats_are_no_models() -> None:
    text = "We evaluate BERT-Large, ResNet-50 and DLRM recommendation models: MX9 works as a drop-in for FP32."
    assert [m.name for m in extract_models("", "", text, ())] == ["BERT-Large", "ResNet-50", "DLRM"]


def test_names_listed_as_test_sets_are_data() -> None:
    text = "We tune LLaMA-2-7B and evaluate on four test sets (Vicuna, KappaLM, Koala and Self-Instruct)."
    assert [m.name for m in extract_models("", "", text, ())] == ["LLaMA-2-7B"]


def test_a_sized_item_ending_a_list_of_known_models_is_a_model() -> None:
    assert [m.name for m in extract_models("", "", "We compare against Llama-2 13B, CodeLlama 7B and Quokkamath 7B.",
                                           ())] == ["LLaMA-2-13B", "CodeLLaMA-7B", "Quokkamath 7B"]


def test_a_variant_word_after_a_space_is_the_variant() -> None:
    assert [m.name for m in extract_models("", "", "Tested models are Mistral Nemo 12B Instruct and Mistral NeMo 12B.",
                                           ())] == ["Mistral-Nemo-12B-Instruct", "Mistral-NeMo-12B"]


def test_a_variant_tag_in_brackets_is_the_variant() -> None:
    assert [m.name for m in extract_models("", "", "We distill FLUX.1 [schnell] into two steps.", ())] == [
        "FLUX.1-schnell"]


def test_a_size_code_after_a_version_is_kept_in_either_case() -> None:
    assert [m.name for m in extract_models("", "", "It improves PVTv2-b2 and EfficientNet-b0 by 1.2 AP.", ())] == [
        "PVTv2-B2", "EfficientNet-B0"]


def test_versions_listed_after_a_slash_are_each_a_model_and_not_shorthand():
    text = "We prune LLaMA-2/3 and OPT models; on LLaMA-2-7B the loss is small."
    assert {"LLaMA-2", "LLaMA-3", "LLaMA-2-7B"} <= {m.name for m in extract_models("", "", text, ())}
    # the sizes of "Falcon-7/40/180B" are no versions
    assert "Falcon-40" not in {m.name for m in extract_models("", "", "the Falcon-7/40/180B models", ())}


def test_a_lower_case_variant_word_glued_to_a_known_model_is_part_of_its_name():
    names = [m.name for m in extract_models("", "", "It runs faster than SwinIR-light and ViT-tiny.", ())]
    assert names == ["SwinIR-light", "ViT-Tiny"]


def test_a_released_vae_or_tokenizer_of_a_known_model_is_named_with_it():
    names = [m.name for m in extract_models("", "", "It beats the HunyuanVideo VAE; the EnCodec tokenizer is kept.", ())]
    assert names == ["HunyuanVideo VAE", "EnCodec"]


def test_a_name_the_paper_calls_a_data_set_is_no_model_anywhere_in_it():
    text = "We pre-train on the SA-1B dataset, then finetune the models on SA-1B; ResNet-50 is the baseline."
    assert [m.name for m in extract_models("", "", text, ())] == ["ResNet-50"]


def test_a_variant_word_with_a_context_length_is_part_of_the_checkpoint() -> None:
    assert _names("We extend Llama-3-8B-Instruct-Quokka-512k to longer inputs.") == ["LLaMA-3-8B-Instruct-Quokka-512k"]


def test_a_design_taken_over_from_a_model_names_no_checkpoint() -> None:
    assert _names("We train a 460M model with the Llama architecture.") == []
    assert _names("使用LLaMA式Transformer骨干") == []
    assert _names("We evaluate Llama-2-7B and the Mistral architecture.") == ["LLaMA-2-7B"]
    # a framework or paradigm a detector builds on is a design too
    assert _names("An anchor-free detector based on the state-of-the-art YOLO framework.") == []
    assert _names("基于YOLO框架的检测器") == []


def test_families_listed_in_passing_give_way_to_their_checkpoints_named_elsewhere() -> None:
    text = ("Experiments on the LLaMA, OPT and Pythia models confirm it. "
            "The evaluated checkpoints are LLaMA-7B and OPT-6.7B.")
    assert sorted(m.name for m in extract_models("", "", text, ())) == ["LLaMA-7B", "OPT-6.7B", "Pythia"]
    # a bare name listed beside its own longer form is a model of its own
    assert sorted(m.name for m in extract_models("", "", "We run LLaMA, LLaMA-2 and OPT. OPT-13B is fastest.", ())) \
        == ["LLaMA", "LLaMA-2", "OPT-13B"]


def test_a_name_a_compared_figure_is_reported_for_is_a_baseline_model() -> None:
    text = "It runs at 30 FPS, compared with 2.1 FPS for KeyPointer and 1.4 FPS for DISCO; both are slower."
    assert sorted(m.name for m in extract_models("", "", text, ())) == ["DISCO", "KeyPointer"]
    # without a comparison, "for" names what a figure is for, not a model
    assert extract_models("", "", "It reaches 30 FPS for KeyPointer-style inputs.", ()) == ()


def test_a_score_in_chinese_points_after_a_name_is_no_version() -> None:
    assert [m.name for m in find_models("在GLUE上超越BERT 0.8分")] == ["BERT"]
    # 分析 ("analysis") after a version is no score
    assert [m.name for m in find_models("基于Qwen 2.5分析")] == ["Qwen2.5"]


def test_a_checkpoint_written_as_a_lower_case_repository_id_is_a_model_of_its_family() -> None:
    found = extract_models("", "", "It is fine-tuned from whisper-tiny-v9 and drafted with vicuna-42m.", ())
    assert [(m.name, m.family) for m in found] == [("whisper-tiny-v9", "Whisper"), ("vicuna-42m", "Vicuna")]
    # the family's name as a plain word, or joined to words with no number or size, is no model
    assert extract_models("", "", "Users whisper-quietly to a real-time system.", ()) == ()


def test_models_listed_with_a_slash_are_each_a_model_and_benchmarks_beside_them_are_not() -> None:
    found = [m.name for m in extract_models("", "", "It scales in the BLOOM, OPT, Pythia/NeoX families.", ())]
    assert "Pythia" in found and "NeoX" in found
    found = [m.name for m in extract_models("", "", "We test BERT-Large on GLUE/ImageNet and SQuAD.", ())]
    assert found == ["BERT-Large"]


def test_a_score_or_loss_named_after_a_model_in_chinese_is_no_model() -> None:
    assert extract_models("", "在COCO上CLIP分数达0.31，并引入夹紧CLIP损失", "", ()) == ()
    assert [m.name for m in extract_models("", "以CLIP为文本编码器", "", ())] == ["CLIP"]


def test_a_name_glued_to_chinese_text_ends_where_the_latin_letters_end() -> None:
    # a brief runs Chinese on right after a name: the name stops at the first Chinese character
    assert [m.name for m in find_models("使用视觉编码器FastViTQ以更少token编码图像")] == ["FastViTQ"]
    proposed = extract_proposed("NumbatNet: Fast Mobile Vision", "达成了1.0毫秒延迟、NumbatNet-SAM推理比基线快近10倍的效果",
                                "We present NumbatNet. Our NumbatNet-SAM runs faster.")
    assert "NumbatNet-SAM" in proposed and all(name.isascii() for name in proposed)


def test_kinds_of_network_training_steps_and_software_are_no_models_but_may_tag_one() -> None:
    # an enumeration of what is deployed, and a comparison in a paper that proposes a network of its own
    listed = "We deploy the BERT-Large, ViT-Base, NCF and MLP applications on the board."
    assert [m.name for m in extract_models("", "", listed, ())] == ["BERT-Large", "ViT-Base", "NCF"]
    compared = "The TensorRT build runs 2.5 times faster than the PyTorch implementation of ResNet-50."
    assert [m.name for m in extract_models("", "", compared, (), proposes_network=True)] == ["ResNet-50"]
    assert [m.name for m in extract_models("", "", "We fine-tune BART-large-CNN.", ())] == ["BART-Large-CNN"]


def test_data_sets_named_like_checkpoints_are_no_models() -> None:
    text = "It trains 4.1x faster on PG-19 and reaches 2.1x on AudioSet-2M with ResNet-18 and Llama-2-7B."
    assert [m.name for m in extract_models("", "", text, ())] == ["ResNet-18", "LLaMA-2-7B"]


def test_the_field_s_examples_in_the_abstract_s_opening_sentence_are_no_models_it_uses() -> None:
    opener = "Large language models such as ChatGPT and GPT-4 have transformed numbat research. "
    assert [m.name for m in extract_models("T", "", opener + "We speed up LLaMA-2-7B by 2x.", ())] == ["LLaMA-2-7B"]
    # named again where the paper speaks of its own work, or in an opening sentence about that work, they are
    assert [m.name for m in extract_models("T", "", opener + "We speed up GPT-4 by 2x.", ())] == ["GPT-4"]
    assert [m.name for m in extract_models("T", "", "We speed up models such as GPT-4 by 2x. It works.", ())] == [
        "GPT-4"]


def test_a_known_family_that_needs_a_version_given_as_an_example_is_the_family_s_model() -> None:
    found = extract_models("", "", "It beats generative models such as KAPN, DiT and ZetaGen by 2 FID.", ())
    assert [(m.name, m.resolved) for m in found] == [("KAPN", False), ("DiT", True), ("ZetaGen", False)]
    # compared with under its long name, the abbreviation after it
    assert [m.name for m in extract_models("", "", "KAPN outperforms the Diffusion Transformer (DiT) on FID.", ())] \
        == ["DiT"]


def test_open_world_checkpoints_keep_their_language_version_and_flops_size_tags() -> None:
    assert [m.name for m in extract_models("", "", "A head on top of a QBE-base-en-v2.1 encoder predicts lengths.", ())] == [
        "QBE-base-en-v2.1"]
    assert [m.name for m in extract_models("", "", "Using a WombatNetY-8GF teacher and WombatNetX-400MF students.", ())] == [
        "WombatNetY-8GF", "WombatNetX-400MF"]


def test_an_example_s_version_after_a_space_is_part_of_its_name() -> None:
    found = extract_models("", "", "Numbat beats models such as Wombatjourney v7 and Quokka-XL in human preference.", ("Numbat",))
    assert [m.name for m in found] == ["Wombatjourney v7", "Quokka-XL"]


def test_tiers_listed_after_a_tiered_checkpoint_are_checkpoints_of_their_own() -> None:
    assert _names("We upcycle T5 Base, Large, and XL language models.") == ["T5-Base", "T5-Large", "T5-XL"]
    assert _names("We prune OPT models with 1.3B/6.7B parameters.") == ["OPT-1.3B", "OPT-6.7B"]  # sizes split by a slash
    # sizes given as a range are the family's span, not its checkpoints
    assert _names("We test Qwen2.5 models from 3B to 72B.") == ["Qwen2.5"]


def test_names_listed_after_our_models_are_the_paper_s_own_checkpoints() -> None:
    text = "Our pruned models Wombat-6B-It and Wombat-6B-Chat outperform popular LLMs of similar size, such as Gemma-2-9B."
    assert [m.name for m in extract_models("", "", text, ())] == ["Gemma-2-9B"]
    assert [m.name for m in extract_models("", "", "Our models outperform Gemma-2-9B.", ())] == ["Gemma-2-9B"]
    assert [m.name for m in extract_models("", "", "We test four models Gemma-2-9B and Qwen2-7B.", ())] == [
        "Gemma-2-9B", "Qwen2-7B"]  # "four", not "our"


def test_a_network_named_by_its_role_is_a_model() -> None:
    assert _names("The student, distilled from the QRM teacher, is 9x smaller.") == ["QRM"]
    assert _names("It is built on a Conv-6 backbone and on the KXN backbone.") == ["Conv-6", "KXN"]
    # a coined backbone is mostly the paper's own design; two letters say too little
    assert _names("We pair the HelixFormer backbone with pretrained SD models.") == []
    pythia = find_models("We convert Pythia checkpoints to linear attention.")
    assert [(m.name, m.family) for m in pythia] == [("Pythia", "Pythia")]


def test_a_known_family_s_bare_stem_given_as_an_example_or_matched_is_its_model() -> None:
    assert [m.name for m in extract_models("", "", "It beats linear-time baselines such as Mamba on recall.", ())] == [
        "Mamba"]
    assert [m.name for m in extract_models("", "", "On selective copying the recurrent numbat matches Mamba.", ())] == [
        "Mamba"]
    text = "We study the numbat. It explains recent SSMs such as ZetaMix-2 and QRN-3 as matrix mixers."
    assert [m.name for m in extract_models("", "", text, ())] == ["ZetaMix-2", "QRN-3"]


def test_a_size_code_glued_to_a_family_keeps_its_patch_size() -> None:
    assert _names("The numbat matches SigLIP-SO400M/14 at half the size.") == ["SigLIP-SO400M/14"]


def test_a_bare_name_that_is_also_a_company_s_is_the_company_as_possessor_or_publisher() -> None:
    assert _names("The converted wombat runs with DeepSeek's codebase in vLLM.") == []
    assert _names("DeepSeek发布了Numbat论文") == []
    assert _names("It is compared with DeepSeek-V3.") == ["DeepSeek-V3"]


def test_a_reasoning_model_named_with_its_vendor_needs_no_version() -> None:
    models = find_models("Frontier models, including OpenAI o1, GPT-4o and Claude 3.5 Sonnet, solve 40%.")
    assert (models[0].name, models[0].family) == ("OpenAI o1", "OpenAI o-series")
    assert _names("The o1 variant is strong.") == []  # alone, "o1" says too little


def test_a_distilled_turbo_checkpoint_does_not_hide_its_base() -> None:
    assert _names("Built on SDXL, the numbat is preferred over SDXL-Turbo and SDXL-Lightning.") == [
        "SDXL", "SDXL-Turbo", "SDXL-Lightning"]


def test_a_vit_checkpoint_named_with_what_trained_it_is_one_name() -> None:
    assert _names("We fine-tune QMAE ViT-B and QMAE ViT-L backbones.") == ["QMAE ViT-B", "QMAE ViT-L"]
    assert _names("Its W4A8 ViT-S keeps accuracy.") == ["ViT-S"]  # a number format is no trainer
    # giant and tiny sizes with a patch size
    assert _names("Against ViT-g/14 and ViT-T/16 it is faster.") == ["ViT-g/14", "ViT-T/16"]


def test_a_giant_vit_keeps_its_lower_case_size_code() -> None:
    assert _names("It distils ViT-g into ViT-B.") == ["ViT-g", "ViT-B"]  # giant; ViT-G is gigantic


def test_a_bare_family_glued_after_another_names_a_variant_as_written() -> None:
    assert _names("Vision encoders (EVA02-CLIP, SigLIP-SO400M) feed the numbat.") == ["EVA02-CLIP", "SigLIP-SO400M"]
    assert sorted(_names("A ResNet50-MobileNetV1 pair is distilled.")) == ["MobileNetV1", "ResNet-50"]  # two models


def test_a_backbone_checkpoint_follows_a_variant_named_without_a_number() -> None:
    assert _names("We prune the OpenCLIP ViT-L/14 text encoder.") == ["OpenCLIP ViT-L/14"]
    assert sorted(_names("Models include EVA-CLIP ViT-g and BLIP-2.")) == ["BLIP-2", "EVA-CLIP ViT-g"]


def test_a_size_code_keeps_its_input_resolution() -> None:
    assert _names("Tiles go to a SigLIP-SO400M-512 encoder.") == ["SigLIP-SO400M-512"]


def test_a_benchmark_named_after_a_model_hides_the_model_and_its_list() -> None:
    assert _names("It scores well on POPE, MMStar, LLaVA-Bench and MM-Vet.") == []
    assert _names("It beats LLaVA-1.5 on LLaVA-Bench.") == ["LLaVA-1.5"]


def test_an_organisation_written_like_a_checkpoint_is_no_model() -> None:
    assert _names("深度求索（DeepSeek-AI）发布了Numbat论文") == []
    assert _names("Weights are released by DeepSeek-AI under MIT.") == []
    assert _names("It is compared with DeepSeek-V2.") == ["DeepSeek-V2"]


def test_operators_and_activation_functions_are_no_models() -> None:
    text = "We study it. The numbat halves weight traffic compared with SwiGLU and Top-K gating on GPT-2."
    assert [m.name for m in extract_models("", "", text, (), proposes_network=True)] == ["GPT-2"]


def test_well_known_pretraining_sets_and_their_images_are_data() -> None:
    def _names(text: str) -> list[str]:
        return [m.name for m in extract_models("", "", text, ())]

    assert _names("We train ViT-B on JFT-3B and ViT-L on DataComp-1B.") == ["ViT-B", "ViT-L"]
    assert _names("A student distilled with unlabeled images from Numbat-400M keeps ViT-H.") == ["ViT-H"]
    assert _names("它基于自动标注构建的Numbat-2B多任务数据集训练") == []


def test_a_network_pretrained_on_a_named_data_set_is_a_model() -> None:
    text = "We study it. Numbat improves detection by 2.1 AP over an ImageNet-pretrained WomViT-B while training faster."
    assert [m.name for m in extract_models("", "", text, ())] == ["WomViT-B"]


def test_an_item_listed_beside_a_known_model_keeps_its_spaced_version() -> None:
    text = "We study it. It rivals larger models such as Qwen2.5-VL-7B and Bilby-OCR 2.0 at a fraction of the cost."
    assert [m.name for m in extract_models("", "", text, ())] == ["Qwen2.5-VL-7B", "Bilby-OCR 2.0"]


def test_a_wide_resnet_written_in_one_word_keeps_depth_and_width() -> None:
    assert _names("A sparse WideResNet-16-8 keeps its accuracy.") == ["WideResNet-16-8"]


def test_a_repository_id_in_a_model_s_role_is_a_model_of_an_unknown_family() -> None:
    models = find_models("Retrieval uses the numbat-base-en-v2.1 embedding model and the wombat-small-v3 encoder.")
    assert [(m.name, m.resolved) for m in models] == [("numbat-base-en-v2.1", False), ("wombat-small-v3", False)]
    assert find_models("It quantizes the sub-4-bit model and the fp16-quantized model.") == []


def test_an_instruction_tuned_checkpoint_may_end_in_inst() -> None:
    assert _names("On Numbat-7B-8K-Inst generation is faster.") == ["Numbat-7B-8K-Inst"]


def test_a_variant_s_tag_keeps_its_tuning_and_release_date() -> None:
    assert _names("It beats Mistral-Wombat-Instruct-2409 on recall.") == ["Mistral-Wombat-Instruct-2409"]


def test_a_technique_s_label_after_a_hyphen_leaves_a_model_name_and_before_it_names_the_technique() -> None:
    text = "We study it. It is compared with models such as LLaMA-2-7B, Wombat-MoE and Bilby-NeRF."
    assert [m.name for m in extract_models("", "", text, ())] == ["LLaMA-2-7B", "Wombat-MoE", "Bilby-NeRF"]
    text = "We study it. It is compared with models such as LLaMA-2-7B, EAGLE-2 and Medusa-1."
    assert [m.name for m in extract_models("", "", text, ())] == ["LLaMA-2-7B"]


@pytest.mark.parametrize("text", [
    "We study it. We use NUMBAT as the teacher and a small student.",
    "We study it. With Wombatformer as the encoder, a LLaMA-2-7B model reads long inputs.",
])
def test_a_network_given_a_part_to_play_is_a_model(text: str) -> None:
    names = [m.name for m in extract_models("", "", text, ())]
    assert names[-1] in {"NUMBAT", "Wombatformer"}


def test_pythia_and_ldm_named_bare_are_models() -> None:
    text = "We study it. It also performs well for LDM on ImageNet, across the Pythia family."
    assert sorted(m.name for m in extract_models("", "", text, ())) == ["LDM", "Pythia"]


def test_a_beta_release_and_a_long_context_checkpoint_are_checkpoints_of_their_own() -> None:
    text = "We study it. It tunes Zephyr-7B-beta, and a LLaMA-2-7B model beats LLaMA-2-7B-32K."
    assert [m.name for m in extract_models("", "", text, ())] == ["Zephyr-7B-Beta", "LLaMA-2-7B", "LLaMA-2-7B-32K"]


def test_a_name_with_a_greek_letter_is_the_paper_s_own_in_any_spelling() -> None:
    assert extract_proposed("NumBat-β: Fast Wombat Training", "", "We study it.") == ("NumBat-β",)
    proposed = extract_proposed("PixArt-σ: Weak-to-Strong Wombat Training", "", "We study it.")
    assert proposed == ("PixArt-σ",)
    text = "We study it. PixArt-σ beats SDXL at 4K."
    assert [m.name for m in extract_models("PixArt-σ: Weak-to-Strong Wombat Training", "", text, proposed)] == ["SDXL"]


@pytest.mark.parametrize(("text", "names"), [
    ("We study it. On the NUM-B, NUM-L and NUM-H models, it runs fast.", ["NUM-B", "NUM-L", "NUM-H"]),
    ("We study it. The kernels are integrated into WomNet and DiWomNet models.", ["WomNet", "DiWomNet"]),
    ("We study it. It bridges ANN and SNN models.", []),
])
def test_a_list_named_as_models_is_models_and_a_list_of_kinds_is_not(text: str, names: list[str]) -> None:
    assert [m.name for m in extract_models("", "", text, ())] == names


def test_xlarge_and_xxlarge_are_size_tags_of_a_checkpoint() -> None:
    assert [n.casefold() for n in _names("We distil ALBERT-xxlarge into BERT-xlarge.")] == ["albert-xxlarge", "bert-xlarge"]


@pytest.mark.parametrize(("text", "name", "family"), [
    ("The students use MPNet sentence embeddings.", "MPNet", "MPNet"),
    ("It matches text-davinci-002 on the benchmark.", "text-davinci-002", "GPT-3.5 davinci"),
    ("EXAONE 3.5 models serve as the base.", "EXAONE 3.5", "EXAONE"),
    ("We evaluate a guided ADM on ImageNet 256x256.", "ADM", "ADM"),
])
def test_older_language_embedding_and_diffusion_families_are_known(text: str, name: str, family: str) -> None:
    assert [(m.name, m.family) for m in find_models(text)] == [(name, family)]


def test_a_sized_own_name_makes_its_other_checkpoints_the_paper_s_own_too() -> None:
    text = "We introduce Numbat 7B. Numbat-v0-Instruct-7B beats LLaDA 8B."
    assert [m.name for m in extract_models("Numbat 7B: Diffusion Wombat Models", "", text, ("Numbat 7B",))] == [
        "LLaDA-8B"]


def test_an_acronym_defined_from_a_capitalised_name_stays_a_model() -> None:
    assert [m.name for m in extract_models("", "", "The Hierarchical Wombat Model (HWM) is strong; it beats baselines such as HWM.",
                                           ())] == ["HWM"]


def test_families_named_in_evaluations_resolve_with_their_versions() -> None:
    found = find_models("Baselines are CoCa, mBART-50, ESM-2, Chinchilla 70B and NLLB-200.")
    assert [(m.name, m.resolved) for m in found] == [
        ("CoCa", True), ("mBART-50", True), ("ESM-2", True), ("Chinchilla-70B", True), ("NLLB-200", True)]
    assert find_models("It scores ESM on the test set.") == []  # a family that needs its version


def test_sequence_video_audio_and_vision_families_resolve() -> None:
    found = find_models("It beats Hyena, H3, VideoMamba-M, AudioGen, Kling, InstaFlow, IMDN, TopFormer, SSDLite, "
                        "MT-NLG 530B and AST.")
    assert [(m.name, m.resolved) for m in found] == [
        ("Hyena", True), ("H3", True), ("VideoMamba-M", True), ("AudioGen", True), ("Kling", True), ("InstaFlow", True),
        ("IMDN", True), ("TopFormer", True), ("SSDLite", True), ("MT-NLG-530B", True), ("AST", True)]
    found = find_models("Baselines are BigVGAN, DiffSpeech, ModelScopeT2V, mGPT-1.3B, ProxylessNAS and Code Llama 34B.")
    assert [(m.name, m.resolved) for m in found] == [
        ("BigVGAN", True), ("DiffSpeech", True), ("ModelScopeT2V", True), ("mGPT-1.3B", True), ("ProxylessNAS", True),
        ("CodeLLaMA-34B", True)]
    found = find_models("It beats TripoSR, ScoreSDE, DDRNet-23-slim and Bloomz-560M.")  # "slim": a variant word
    assert [(m.name, m.resolved) for m in found] == [
        ("TripoSR", True), ("ScoreSDE", True), ("DDRNet-23-Slim", True), ("BLOOMZ-560M", True)]


def test_a_known_model_inside_the_papers_own_name_is_no_model_it_uses() -> None:
    title = "Pocket Sora: Video Generation on Phones"
    abstract = "We present Pocket Sora, which runs 2x faster than Open-Sora 1.2."
    proposed = extract_proposed(title, "", abstract)
    assert [m.name for m in extract_models(title, "", abstract, proposed)] == ["Open-Sora 1.2"]


def test_the_papers_own_name_glued_to_chinese_in_the_brief_is_no_model_it_uses() -> None:
    brief = "某大学发布了OPT-Numbat论文，使用自适应草稿树技术"
    abstract = "We propose OPT-Numbat. It speeds up Vicuna-33B by 3x."
    assert [m.name for m in extract_models("", brief, abstract, ("OPT-Numbat",))] == ["Vicuna-33B"]


def test_a_model_named_before_tuner_is_a_tool_not_a_model() -> None:
    assert find_models("It tunes 3x faster than the Chameleon tuner.") == []
    assert [m.name for m in find_models("It runs Chameleon-7B.")] == ["Chameleon-7B"]
