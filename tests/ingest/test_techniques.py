"""Technique extraction: specific concepts stand for their categories, both languages match."""

from __future__ import annotations

from ingest.techniques import extract_techniques


def _categories(title: str, brief: str, abstract: str) -> set[str]:
    return {c for t in extract_techniques(title, brief, abstract) for c in t.categories}


def test_specific_concepts_in_english_map_to_their_categories() -> None:
    techniques = extract_techniques(
        "FastSpec: Draft Models for Long Context",
        "",
        "We combine a small draft model with 4-bit quantization and evict tokens from the KV cache.",
    )
    names = {t.name for t in techniques}
    assert {"draft model", "INT4 quantization"} <= names
    assert {c for t in techniques for c in t.categories} == {"speculative-decoding", "quantization", "kv-cache"}
    draft = next(t for t in techniques if t.name == "draft model")
    assert draft.id == "tech:draft-model" and draft.label_zh == "草稿模型"


def test_chinese_brief_is_matched() -> None:
    brief = "某大学发布了X论文，使用推测解码与低秩适配器技术，解决了推理慢的问题，达成了加速2倍的效果"
    assert _categories("", brief, "") == {"speculative-decoding", "low-rank-peft"}


def test_a_bare_category_yields_the_category_concept() -> None:
    techniques = extract_techniques("", "研究团队提出了一种新的量化方法，降低了显存占用", "")
    assert [(t.id, t.categories) for t in techniques] == [("tech:quantization", ("quantization",))]


def test_category_concept_is_dropped_when_a_narrower_one_matched() -> None:
    techniques = extract_techniques("", "", "Our quantization recipe builds on GPTQ and SmoothQuant.")
    assert {t.name for t in techniques} == {"GPTQ", "SmoothQuant"}


def test_concept_under_two_categories() -> None:
    techniques = extract_techniques("", "", "We fine-tune the model with QLoRA on a single GPU.")
    assert [set(t.categories) for t in techniques] == [{"quantization", "low-rank-peft"}]


def test_pruning_of_tokens_is_not_weight_pruning() -> None:
    cats = _categories("", "", "We prune 80% of visual tokens; pruning is guided by attention scores.")
    assert cats == {"token-reduction"}


def test_other_only_when_nothing_matched() -> None:
    techniques = extract_techniques("A Study of Protein Folding", "", "We predict structures of proteins.")
    assert [t.id for t in techniques] == ["tech:other"]
    assert "other" not in _categories("", "", "We study sparse attention for protein folding.")


def test_other_beside_efficiency_when_the_stated_problem_is_not_about_cost() -> None:
    brief = "某大学发布了X论文，使用知识蒸馏技术，解决了遥感图像中小目标检测精度不足的问题，达成了检测精度提升3%的效果"
    assert _categories("", brief, "") == {"distillation", "other"}


def test_no_other_when_the_stated_problem_is_about_cost_or_names_a_technique() -> None:
    costly = "某大学发布了X论文，使用知识蒸馏技术，解决了检测模型计算开销大、推理慢的问题，达成了加速2倍的效果"
    assert _categories("", costly, "") == {"distillation"}
    about_pruning = "某公司发布了Y论文，使用结构化剪枝技术，解决了现有剪枝方法依赖校准数据的问题，达成了更好的效果"
    assert _categories("", about_pruning, "") == {"pruning-sparsity"}
    no_problem_clause = "We distil a detector into a student network and improve its accuracy."
    assert _categories("", "", no_problem_clause) == {"distillation"}


def test_non_efficiency_component_adds_other() -> None:
    abstract = ("We build LLM steering on vLLM and apply steering vectors at inference time. "
                "Our vLLM integration serves steered requests.")
    assert _categories("EasyFlow: Steering Vectors for Served LLMs", "", abstract) == {"serving-scheduling", "other"}
    # named only in the abstract beside an efficiency technique, steering is the setting
    assert _categories("", "", abstract) == {"serving-scheduling"}
    # one passing mention of software it runs on is no contribution
    assert _categories("", "", "We apply LLM steering vectors at inference time, running on vLLM.") == {"other"}
    assert _categories("", "", "A motion tokenizer with residual quantization encodes poses.") == {"other"}


def test_lightweight_network_designs_are_efficient_architecture() -> None:
    assert _categories("", "", "A lightweight fusion prediction network runs on every frame.") == {
        "efficient-architecture"}
    assert _categories("", "提出了轻量级编码器-解码器架构，用于实时分割", "") == {"efficient-architecture"}
    assert _categories("", "", "A lightweight draft model proposes tokens.") == {"speculative-decoding"}
    assert _categories("", "", "We convert the network into a spiking neural network (SNN).") == {
        "efficient-architecture"}


def test_sparsity_in_a_mixture_of_experts_paper_is_expert_sparsity() -> None:
    cats = _categories("", "", "Sparse MoE models run at a fixed sparsity level; we allow runtime sparsity.")
    assert cats == {"mixture-of-experts", "early-exit-adaptive"}


def test_sparsity_in_a_sparse_attention_paper_is_attention_sparsity() -> None:
    cats = _categories("", "", "We exploit the sparsity of attention maps with a sparse attention kernel.")
    assert cats == {"efficient-attention"}
    # The same word in a paper with no attention technique still means weight or activation sparsity.
    assert _categories("", "", "We exploit the sparsity of convolution weights.") == {"pruning-sparsity"}


def test_a_technique_named_in_passing_is_not_what_the_paper_contributes() -> None:
    cats = _categories(
        "Feature Caching Across Denoising Steps",
        "研究团队发布了论文，使用跨步特征缓存技术，解决了扩散模型推理慢的问题，达成了2倍加速的效果",
        "Diffusion models are slow. Unlike existing approaches such as pruning and distillation, which need "
        "retraining, we cache high-level features across adjacent denoising steps and reuse them.")
    assert cats == {"caching-reuse"}


def test_the_brief_method_clause_and_the_title_weigh_more_than_one_abstract_sentence() -> None:
    cats = _categories(
        "A KV Cache Layer for LLM Serving", "", "We build a KV cache layer. It also supports quantization.")
    assert cats == {"kv-cache", "serving-scheduling"}


def test_a_technique_named_as_a_baseline_is_not_a_contribution() -> None:
    cats = _categories("Sparse Kernels for LLM Decoding", "研究团队发布了论文，使用稀疏矩阵乘法内核技术，达成了加速的效果",
                       "We design GPU kernels for unstructured sparsity. Decoding is 2x faster than with FlashAttention.")
    assert "efficient-attention" not in cats and "hardware-kernel" in cats


def test_reuse_of_computed_results_is_caching_and_reuse() -> None:
    cats = _categories("Parallel Inference for High-Resolution Diffusion", "",
                       "Our method splits the image into patches; we reuse the pre-computed feature maps from the "
                       "previous timestep to provide context.")
    assert "caching-reuse" in cats
    assert "caching-reuse" not in _categories("", "研究团队发布了论文，使用缓存令牌驱逐中仅用注意力分数的技术", "")


def test_parallel_decoding_in_a_speculative_decoding_paper_is_part_of_it() -> None:
    cats = _categories("Tree-based Speculative Inference for LLM Serving", "",
                       "We verify a token tree against the LLM in parallel decoding steps with speculative decoding.")
    assert "speculative-decoding" in cats and "few-step-parallel-decoding" not in cats


def test_a_lightweight_model_in_the_title_or_a_lightweight_encoder_is_an_efficient_design() -> None:
    assert "efficient-architecture" in _categories("Towards Lightweight SAM for Mobile Applications", "",
                                                   "We distill the image encoder with knowledge distillation.")
    assert "efficient-architecture" in _categories("", "", "We distill the ViT-H encoder into a lightweight encoder.")
    assert "efficient-architecture" not in _categories("", "", "We also provide a lightweight variant of the agent.")


def test_a_fast_network_with_no_named_technique_is_an_efficient_design() -> None:
    assert _categories("DETRs Beat YOLOs on Real-time Object Detection", "",
                       "We design a hybrid encoder and a query selection scheme.") == {"efficient-architecture"}
    assert _categories("Autoregressive Long Video Diffusion in Real Time", "", "We roll the frames forward.") == {"other"}


def test_an_efficient_network_design_with_no_named_technique() -> None:
    cats = _categories("SeaFormer for Mobile Semantic Segmentation",
                       "研究团队发布了论文，使用挤压增强的轴向设计，解决了语义分割模型计算与内存开销大的问题，达成了更快的效果", "")
    assert "efficient-architecture" in cats and "other" not in cats


def test_reasoning_budgets_are_adaptive_computation() -> None:
    assert "early-exit-adaptive" in _categories("Token-Budget-Aware LLM Reasoning", "",
                                                "We estimate a token budget for each problem and reason within it.")


def test_a_title_about_serving_is_serving() -> None:
    assert "serving-scheduling" in _categories("SpotServe-like: Serving Generative LLMs on Preemptible Instances", "",
                                               "We migrate requests between instances.")


def test_tokens_pruned_or_merged_in_other_words_are_token_reduction() -> None:
    def categories(title: str, brief: str, abstract: str) -> set[str]:
        return {c for t in extract_techniques(title, brief, abstract) for c in t.categories}

    assert categories("Faster Video Transformers", "", "At every layer we prune the least attended patch "
                      "tokens and keep the rest, saving 40% of FLOPs.") >= {"token-reduction"}
    assert "pruning-sparsity" not in categories("Faster Video Transformers", "",
                                                "At every layer we prune the least attended patch tokens.")
    assert "token-reduction" not in categories("Lean Caches", "", "Our KV cache policy merges similar tokens "
                                               "of the KV cache to cut memory by half.")


def test_a_kernel_named_in_chinese_is_hardware_and_kernels() -> None:
    assert "hardware-kernel" in _categories("W4 Inference", "研究团队发布了X论文，使用面向4比特权重的混合精度矩阵乘内核技术，"
                                             "解决了推理慢的问题。", "")
    assert "hardware-kernel" not in _categories("Large Kernels for Vision", "研究团队发布了X论文，使用大核卷积的网络设计技术。", "")


def test_a_backbone_or_an_operator_replacing_attention_is_an_efficient_architecture() -> None:
    assert "efficient-architecture" in _categories("A Recurrent Vision Backbone", "", "")
    assert "efficient-architecture" in _categories(
        "Long Convolutions", "研究团队发布了X论文，使用以长卷积算子替代注意力的技术，解决了长序列开销大的问题。", "")
    # a backbone LLM that a method builds on is not a design of one
    assert "efficient-architecture" not in _categories(
        "Extra Decoding Heads", "研究团队发布了X论文，使用在冻结骨干模型上增加解码头的技术，解决了解码慢的问题。", "")


def test_compressed_gaussians_or_latents_are_latent_compression() -> None:
    assert "latent-compression" in _categories("Compact 3D Gaussian Splatting Scenes", "", "")
    assert "latent-compression" in _categories(
        "Fast Images", "研究团队发布了X论文，使用64倍压缩的深度自编码器与线性注意力技术，解决了高分辨率生成慢的问题。", "")
    assert "latent-compression" not in _categories("Rendering 3D Gaussian Splatting Faster", "", "")


def test_computation_that_adapts_in_the_methods_own_words_is_early_exit_adaptive() -> None:
    assert "early-exit-adaptive" in _categories(
        "Lazy Experts", "研究团队发布了X论文，使用按路由权重动态跳过专家的技术，解决了推理慢的问题。", "")
    assert "early-exit-adaptive" in _categories("Fast ASR That Skips Frames", "", "")
    assert "early-exit-adaptive" not in _categories(
        "Token Merging", "研究团队发布了X论文，使用自适应选择保留token的技术，解决了推理慢的问题。", "")


def test_a_non_efficiency_topic_counts_only_where_the_title_names_it() -> None:
    brief = "某实验室发布了X论文，使用逐层混合精度量化技术，解决了模型内存占用大的问题，达成了压缩4倍的效果"
    # graph networks are the setting the quantization is applied to, named only in the abstract
    assert _categories("GraphQ: Layer-wise Mixed Precision", brief,
                       "We quantize graph neural networks layer by layer.") == {"quantization"}
    # named in the method clause too, it is still the setting of the quantization
    brief_gnn = "某实验室发布了X论文，使用图神经网络与量化技术，解决了模型内存占用大的问题，达成了压缩4倍的效果"
    assert _categories("GraphQ", brief_gnn, "") == {"quantization"}
    # named in the title, the topic is part of what the paper is about
    assert _categories("GraphQ: Mixed Precision for Graph Neural Networks", brief, "") == {"quantization", "other"}


def test_a_problem_of_small_or_compact_models_is_one_of_efficiency() -> None:
    brief = "某大学发布了X论文，使用知识蒸馏技术，解决了小型模型性能不足的问题，达成了准确率提升3%的效果"
    assert _categories("", brief, "") == {"distillation"}
    brief = "某大学发布了X论文，使用知识蒸馏技术，解决了医学影像标注稀缺的问题，达成了准确率提升3%的效果"
    assert _categories("", brief, "") == {"distillation", "other"}


def test_a_title_presenting_its_own_model_as_fast_or_small_is_an_efficient_design() -> None:
    brief = "某公司发布了X论文，使用分组查询注意力技术，解决了端侧推理慢的问题，达成了加速2倍的效果"
    assert _categories("PocketLM: A Tiny Language Model on Your Phone", brief, "") == {
        "efficient-attention", "efficient-architecture"}
    assert _categories("PocketLM: Grouped-Query Attention on Your Phone", brief, "") == {"efficient-attention"}
    # a process applied to models, or a model that is the aim, is not a design of its own
    assert "efficient-architecture" not in _categories("QuickQ: Fast Quantization of Large Models", "", "")
    assert _categories("TokMerge: Token Merging towards Compact Vision Transformers", "", "") == {"token-reduction"}


def test_kernels_of_the_papers_own_count_as_hardware_kernel() -> None:
    brief = "某大学发布了X论文，使用2比特权重量化技术，解决了显存占用大的问题，达成了加速2倍的效果"
    abstract = "We quantize weights to 2 bits. On a desktop GPU our kernels run 3x faster than FP16."
    assert _categories("TwoBit: Extreme Weight Quantization", brief, abstract) == {"quantization", "hardware-kernel"}


def test_a_processor_or_accelerator_the_paper_designs_is_hardware_kernel() -> None:
    assert "hardware-kernel" in _categories("Sprint: A Low-Latency Processor for Token Generation", "", "")
    brief = "某公司发布了X论文，使用支持多种图网络的通用数据流架构技术，解决了图网络推理延迟高的问题，达成了加速5倍的效果"
    assert "hardware-kernel" in _categories("", brief, "")
    assert "hardware-kernel" not in _categories("Fast Sampling: A Plug-and-Play Accelerator for Diffusion", "", "")


def test_shorter_reasoning_is_adaptive_reasoning_length() -> None:
    brief = "某公司发布了X论文，使用简洁中间推理的提示技术，解决了推理输出冗长导致成本高的问题，达成了token用量降至10%的效果"
    assert _categories("", brief, "") == {"early-exit-adaptive"}


def test_results_reused_across_steps_in_chinese_are_caching() -> None:
    brief = "某大学发布了X论文，使用按层误差决定何时缓存并复用层输出的技术，解决了扩散模型推理慢的问题，达成了加速2倍的效果"
    assert "caching-reuse" in _categories("", brief, "")
    brief = "某大学发布了X论文，使用窗口注意力与跨时间步注意力共享技术，解决了扩散模型推理慢的问题，达成了加速2倍的效果"
    assert "caching-reuse" in _categories("", brief, "")


def test_computation_that_adapts_to_the_input_named_in_the_title_is_early_exit_adaptive() -> None:
    assert "early-exit-adaptive" in _categories("Adaptive Expert Gating for Mixture-of-Experts Inference", "", "")
    # an adaptive technique of another category is that category
    assert _categories("Adaptive Token Reduction for Multimodal Models", "", "") == {"token-reduction"}


def test_non_autoregressive_generation_is_parallel_decoding() -> None:
    assert _categories("", "", "We propose a non-autoregressive vocoder that refines the waveform in parallel.") == {
        "few-step-parallel-decoding"}


def test_offloading_named_in_passing_is_no_serving_contribution() -> None:
    abstract = ("We propose a tree-based speculative decoding method. Our method also runs with offloading "
                "when the model does not fit in GPU memory.")
    assert _categories("Fast Tree Speculative Decoding", "", abstract) == {"speculative-decoding"}
    # named where the paper says what it does, offloading is its contribution
    assert "serving-scheduling" in _categories("Head-wise Offloading for Long-Context Inference", "", abstract)


def test_an_efficient_vit_made_by_compression_is_no_network_design() -> None:
    assert _categories("Adaptive Token Merging for Efficient Vision Transformers", "", "") == {"token-reduction"}
    assert "efficient-architecture" in _categories("MobileNeXt: An Efficient Vision Transformer for Phones", "", "")


def test_a_lightweight_title_with_a_named_technique_is_that_technique() -> None:
    assert _categories("Clover: Regressive Lightweight Speculative Decoding", "", "") == {"speculative-decoding"}
    assert _categories("Towards Lightweight SAM for Phones", "", "") == {"efficient-architecture"}


def test_fewer_sampling_steps_in_the_papers_own_words() -> None:
    brief = "某大学发布了X论文，使用残差平移的马尔可夫链技术，解决了扩散超分辨率需要成百上千采样步的问题，达成了仅15步即可超越基线的效果"
    assert "few-step-parallel-decoding" in _categories("ResShift: Residual Shifting for Super-resolution", brief, "")
    assert "few-step-parallel-decoding" in _categories("SinSR: Image Super-Resolution in a Single Step", "", "")
    # reasoning steps are no sampling steps
    brief = "某大学发布了X论文，使用强化学习技术，解决了推理步数过多的问题，达成了仅3步推理即可答对的效果"
    assert "few-step-parallel-decoding" not in _categories("Short Reasoning", brief, "")


def test_an_efficient_network_named_in_the_title_with_no_technique_is_a_network_design() -> None:
    assert _categories("Gold-YOLO: Efficient Object Detector via Gather-and-Distribute Mechanism", "", "") == {
        "efficient-architecture"}


def test_hardware_the_paper_designs_and_an_accelerator_that_is_a_metaphor() -> None:
    assert "hardware-kernel" in _categories("GSCore: Efficient Rendering via Architectural Support for Splatting", "", "")
    brief = "首尔大学发布了X论文，使用面向渲染流水线的专用硬件加速单元技术，解决了渲染慢的问题"
    assert "hardware-kernel" in _categories("", brief, "")
    assert "hardware-kernel" not in _categories("PeRFlow: Piecewise Rectified Flow as a Plug-and-Play Accelerator",
                                                "", "")


def test_an_adapter_in_passing_is_no_tuning_method() -> None:
    abstract = "We distill a one-step student with knowledge distillation. We add a small adapter for the teacher."
    assert "low-rank-peft" not in _categories("One-Step Distillation of Diffusion Models", "", abstract)
    assert "low-rank-peft" in _categories("Parameter-Efficient Adapters for Vision Models", "", abstract)


def test_an_attention_mechanism_the_title_names_as_its_own_is_efficient_attention() -> None:
    abstract = "We balance the work of devices when computing causal attention over very long sequences."
    assert "efficient-attention" in _categories("Braided Attention: Balanced Context Parallelism", "", abstract)
    assert "efficient-attention" in _categories("Fast Detectors with Windowed Attention", "", abstract)
    assert "efficient-attention" not in _categories(
        "A Harmonic Attention System for Heart Sound Analysis", "", "We classify heart sounds.")
    assert "efficient-attention" not in _categories(
        "Cross-Attention Steers Diffusion Models", "", "Cross-attention maps steer image layout.")


def test_a_named_sampler_a_paper_runs_with_is_no_contribution() -> None:
    abstract = ("We propose a training-free feature caching method that reuses high-level features across "
                "adjacent denoising steps, since they change little. Caching and reuse make each step cheap. "
                "With a 50-step DDIM sampler, caching gives a 2.1x speed-up on Stable Diffusion. "
                "With 20 DDIM steps the gain is 1.6x.")
    assert "few-step-parallel-decoding" not in _categories("FeatureCache: Faster Diffusion for Free", "", abstract)
    assert "few-step-parallel-decoding" in _categories("A Faster DDIM Sampler for Diffusion Models", "", abstract)


def test_a_supercomputer_the_paper_builds_is_hardware() -> None:
    abstract = "We describe the machine's optical interconnect, its chips and how it trains and serves models."
    assert "hardware-kernel" in _categories("Aurora-9: A Reconfigurable Supercomputer for Machine Learning", "",
                                            abstract)


def test_the_autoencoder_or_codec_a_paper_designs_is_latent_compression() -> None:
    assert "latent-compression" in _categories(
        "Kestrel: A Video VAE for Fast Generation", "",
        "We design a 3D causal VAE that compresses videos 8x in time and 16x in space for latent generation.")
    assert "latent-compression" in _categories(
        "Chirp: A Neural Audio Codec at 2 kbps", "", "Our neural audio codec compresses speech to 2 kbps tokens.")


def test_elastic_and_conditional_computation_adapt_per_input() -> None:
    abstract = "Heavy branches run only for the tokens a router selects, so each input gets its own compute."
    assert "early-exit-adaptive" in _categories("Sparrow: Faster Encoders with Conditional Computation", "",
                                                abstract)
    assert "early-exit-adaptive" in _categories("Nest: One Model for Elastic Inference", "",
                                                "Sub-models of several widths share weights.")


def test_more_ways_to_say_tokens_are_removed() -> None:
    for title in ("Thrush: Dynamic Token Sparsification for Vision-Language Models",
                  "Adaptive Token Sampling for Faster Video Transformers",
                  "Blank Penalties for Frame Skipping in Speech Recognizers"):
        assert "token-reduction" in _categories(title, "", "The model processes fewer units per input.")


def test_inference_fitted_to_a_processor_the_title_names_is_hardware_aware() -> None:
    abstract = "We split work between the processors of the device and lay weights out for its memory."
    assert "hardware-kernel" in _categories("Wren: Fast LLM Inference on a Smartphone", "", abstract)
    assert "hardware-kernel" in _categories("Lark: Decoding with NPUs for On-device Assistants", "", abstract)
    assert "hardware-kernel" not in _categories("Heron: Image Generation on Mobile Devices", "",
                                                "A small diffusion model generates images in two seconds.")


def test_a_cache_of_embeddings_or_shared_prefixes_is_caching_and_reuse() -> None:
    assert "caching-reuse" in _categories("Finch: A Unified GPU Cache for Recommendation Embeddings", "",
                                          "Hot rows stay in an embedding cache that every GPU reads.")
    assert "caching-reuse" in _categories("Tern: Faster Decoding with Shared Prefixes", "",
                                          "Requests with shared prefixes read the prefix once for the batch.")
