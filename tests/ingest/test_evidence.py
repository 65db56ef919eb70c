"""Evidence claims: which figures count, their metric, direction, baseline, condition, scope and quote."""

import pytest

from ingest.evidence import (
    EvidenceClaim,
    extract_claims,
    extract_evidence,
    with_speed_margins,
    with_token_compression,
)


def claims(text: str, source: str = "abstract") -> list[EvidenceClaim]:
    found = extract_claims(text, source, 7)
    for claim in found:
        assert claim.quote and claim.quote in claim.sentence and claim.sentence in text
        assert claim.line == 7 and claim.source == source
    return found


def one(text: str) -> EvidenceClaim:
    found = claims(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "metric", "value", "unit"), [
    ("Our sampler is 4.2x faster than the teacher.", "speedup", 4.2, "x"),
    ("该方法实现了6.3倍加速。", "speedup", 6.3, "x"),
    ("It cuts end-to-end latency by 37%.", "latency-reduction", 37, "%"),
    ("推理延迟降低2.8倍。", "latency-reduction", 2.8, "x"),
    ("It answers in 45 ms per query.", "latency", 45, "ms"),
    ("单张图像生成仅需1.2秒。", "latency", 1.2, "s"),
    ("The server sustains 2.6x higher throughput.", "throughput", 2.6, "x"),
    ("吞吐量提升70%。", "throughput", 70, "%"),
    ("It decodes 5,200 tokens/s on one card.", "throughput", 5200, "tokens/s"),
    ("The cache shrinks GPU memory by 48%.", "memory", 48, "%"),
    ("显存占用减少3倍。", "memory", 3, "x"),
    ("Peak usage is reduced to 7.5 GB.", "memory", 7.5, "GB"),
    ("We save 58% of the FLOPs.", "compute", 58, "%"),
    ("计算量减少45%。", "compute", 45, "%"),
    ("Index storage falls by 8x.", "storage", 8, "x"),
    ("存储开销降低62%。", "storage", 62, "%"),
    ("Top-1 accuracy reaches 81.3%.", "accuracy", 81.3, "%"),
    ("准确率提升2.4%。", "accuracy", 2.4, "%"),
    ("It reaches an AUROC of 93.1%.", "quality", 93.1, "%"),
    ("The error drops by 18%.", "quality", 18, "%"),
    ("FID improves to 3.21 on the validation set.", "quality", 3.21, None),
    ("Energy use falls by 27%.", "energy", 27, "%"),
    ("碳排放减少40%。", "energy", 40, "%"),
    ("It removes 72% of visual tokens.", "token-reduction", 72, "%"),
    ("平均输出长度减少51%。", "token-reduction", 51, "%"),
    ("The adapter updates only 0.6% of the parameters.", "parameters", 0.6, "%"),
    ("The router raises SLO attainment by 28%.", "slo-attainment", 28, "%"),
    ("Cache hit rate reaches 91%.", "other", 91, "%"),
    ("Our 34B model solves 9% more problems than the 34B baseline.", "accuracy", 9, "%"),
    ("It needs 20 times less training data than prior distillation.", "other", 20, "x"),
    ("The cascade routes only 18% of calls to the large model.", "other", 18, "%"),
    ("It cuts the dollar cost of serving by 3x.", "other", 3, "x"),
    ("Our student beats teachers that are 120x larger.", "parameters", 120, "x"),
    ("性能超过比它大40倍的教师模型。", "parameters", 40, "x"),
    ("The model was trained on 5 times fewer tokens than its peers.", "other", 5, "x"),
    ("The post-trained variant cuts the generated tokens by 40%.", "token-reduction", 40, "%"),
    ("It matches the dense model while attending to only 12% of the visual tokens.", "token-reduction", 12, "%"),
    ("It beats the baseline while being 3.4% more accurate.", "accuracy", 3.4, "%"),
    ("It matches the larger model with 8 times less training data.", "other", 8, "x"),
    ("Answers use about 3x fewer tokens than chain-of-thought.", "token-reduction", 3, "x"),
    ("It needs 45% fewer FLOPs at the same cost.", "compute", 45, "%"),
])
def test_metric_from_cue_words(text, metric, value, unit):
    claim = one(text)
    assert (claim.metric, claim.value, claim.unit) == (metric, value, unit)


def test_speed_word_and_throughput_word_prefer_the_specific_noun():
    assert one("We obtain up to 2.5x throughput speedup.").metric == "throughput"


def test_attention_computation_speedup_is_speedup_with_attention_scope():
    claim = one("SLA gives a 9.5x speedup in attention computation.")
    assert (claim.metric, claim.scope) == ("speedup", "attention")


@pytest.mark.parametrize(("text", "direction"), [
    ("Memory is cut by 30%.", "decrease"),
    ("内存降低30%。", "decrease"),
    ("It needs 25% fewer FLOPs.", "decrease"),
    ("Accuracy improves by 3.1%.", "increase"),
    ("准确率提高3.1%。", "increase"),
    ("It retains 97.2% of the original accuracy.", None),
    ("保持97.2%的准确率。", None),
    ("Each frame takes 12 ms.", None),
])
def test_direction_from_the_verb(text, direction):
    assert one(text).direction == direction


def test_speedup_is_always_an_increase_and_latency_reduction_a_decrease():
    assert one("A 3x speedup.").direction == "increase"
    assert one("A 3x latency reduction.").direction == "decrease"


@pytest.mark.parametrize(("text", "baseline"), [
    ("It runs 1.8x faster than vLLM on long prompts.", "vLLM"),
    ("We report a 2.2x speedup over FlashAttention-2 at 32k context.", "FlashAttention-2"),
    ("Our model is 3x faster compared to diffusion baselines.", "diffusion baselines"),
    ("较基线模型提升4.5%。", "基线模型"),
    ("相比全量微调加速2.1倍。", "全量微调"),
])
def test_baseline(text, baseline):
    assert one(text).baseline == baseline


def test_over_before_a_number_is_a_modifier_not_a_baseline():
    claim = one("The decoder is over 40x faster than pixel-space models.")
    assert (claim.value, claim.condition, claim.baseline) == (40, "at least", "pixel-space models")


@pytest.mark.parametrize(("text", "condition"), [
    ("It gives up to 3x higher throughput.", "up to"),
    ("最高提速3倍。", "up to"),
    ("It is over 25x faster.", "at least"),
    ("快25倍以上。", "at least"),
    ("SLO attainment rises by 12% on average.", "on average"),
])
def test_condition(text, condition):
    assert one(text).condition == condition


def test_context_length_is_a_condition_not_a_claim():
    claim = one("It reaches a 1.7x speedup over dense attention at 128k context length.")
    assert claim.value == 1.7
    assert "at 128k context length" in claim.condition


@pytest.mark.parametrize(("text", "scope"), [
    ("It gives a 2.1x end-to-end speedup.", "end-to-end"),
    ("端到端加速2.1倍。", "end-to-end"),
    ("It gives a 4x speedup for the GEMM kernels.", "GEMM"),
    ("Softmax runs 1.9x faster.", "softmax"),
    ("预填充阶段加速2.7倍。", "prefill"),
    ("It shortens rollout time by 2.4x.", "rollout"),
])
def test_scope(text, scope):
    assert one(text).scope == scope


@pytest.mark.parametrize("text", [
    "We evaluate LLaVA-1.6-13B and Qwen2.5 7B on the suite.",
    "Experiments on 6 benchmarks and 12 tasks confirm this.",
    "在七个数据集上取得了更优结果。",
    "The workshop was held in 2024.",
    "It generates 4K images and 2048×2048 videos.",
    "We use 3-bit weights and 8 sampling steps.",
    "A f16 autoencoder with 32× spatial compression is used.",
    "The wombat is trained for 3x video upscaling and 8x super-resolution.",  # the task's scale factor
    "每帧输入4096个点云。",  # points of a cloud, no score
    "Eq. 3 and Section 4 give the details.",
    "This is the first method to do so, ranked top-1 on the board.",
    "Models from 150M to 3B parameters are trained.",
    "The drafter runs on a phone with 8 GB of unified memory.",
    "At 50% sparsity the method is stable.",
    "It supports any sparsity ratio between 0% and 60% of the weights.",
])
def test_not_evidence(text):
    assert claims(text) == []


def test_parameters_kept_when_said_to_be_activated():
    claim = one("The MoE model activates only 2.1B parameters per token.")
    assert (claim.metric, claim.value, claim.unit) == ("parameters", 2.1, "B")


def test_setting_after_at_is_not_a_claim_but_the_result_is():
    found = claims("Accuracy drops by only 0.8% at 30% token reduction.")
    assert [(c.metric, c.value) for c in found] == [("accuracy", 0.8)]


def test_from_to_keeps_the_result_figure():
    found = claims("Generation time falls from 64s to 21s.")
    assert [(c.metric, c.value, c.unit) for c in found] == [("latency", 21, "s")]


def test_several_claims_in_one_sentence_get_their_own_quotes_and_metrics():
    text = ("Our method prunes 70% of image tokens, reduces FLOPs by 55%, "
            "and still keeps 98% of the accuracy.")
    found = claims(text)
    assert [(c.metric, c.value) for c in found] == [
        ("token-reduction", 70), ("compute", 55), ("accuracy", 98)]
    assert len({c.quote for c in found}) == 3


def test_list_items_share_a_trailing_metric_word():
    found = claims("内存较基线减少35%和22%。")
    assert [(c.metric, c.value, c.direction) for c in found] == [
        ("memory", 35, "decrease"), ("memory", 22, "decrease")]


def test_bare_figure_inherits_the_metric_of_the_previous_figure():
    found = claims("It achieves up to 12x speedup on math tasks, and up to 30x when combined with caching.")
    assert [(c.metric, c.value) for c in found] == [("speedup", 12), ("speedup", 30)]


def test_chinese_brief_with_several_claims():
    found = claims("达成了吞吐量提升2.2倍、延迟降低35%且准确率保持99.1%的效果。", source="brief")
    assert [(c.metric, c.value, c.direction) for c in found] == [
        ("throughput", 2.2, "increase"), ("latency-reduction", 35, "decrease"), ("accuracy", 99.1, None)]


def test_same_figure_in_brief_and_abstract_is_one_claim_quoted_from_the_abstract():
    brief = "达成了较PipeLLM提速2.6倍、显存降低30%的效果。"
    abstract = "Experiments show a 2.6x speedup. Memory use is cut by 30% as well."
    found = extract_evidence(brief, 10, abstract, 20)
    assert [(c.metric, c.value, c.source, c.line) for c in found] == [
        ("speedup", 2.6, "abstract", 20), ("memory", 30, "abstract", 20)]
    assert found[0].baseline == "PipeLLM"  # filled from the brief
    assert all(c.quote in abstract for c in found)


def test_brief_only_figure_is_kept_with_the_brief_line_and_ordered_first():
    found = extract_evidence("吞吐量提升1.5倍。", 3, "Latency drops by 20%.", 9)
    assert [(c.source, c.line, c.value) for c in found] == [("brief", 3, 1.5), ("abstract", 9, 20)]


def test_brief_figure_that_the_abstract_shows_to_be_a_setting_is_dropped():
    found = extract_evidence("在20%令牌削减下精度仅降0.5%。", 3,
                             "Accuracy falls by 0.5% at 20% token reduction.", 9)
    assert [(c.value, c.source) for c in found] == [(0.5, "abstract")]


def test_empty_texts():
    assert extract_evidence("", None, "", None) == []


def test_quote_is_a_clause_not_the_paragraph():
    text = ("Large models are slow. We propose X, which is 5x faster than Y on long inputs, "
            "and we release code.")
    claim = one(text)
    assert claim.quote == "which is 5x faster than Y on long inputs"
    assert claim.sentence.startswith("We propose X")


def test_leading_comparison_gives_the_baseline_to_the_whole_sentence():
    found = claims("Compared with the BF16 model, INT4 weights give a 2.9x speedup and 3.4x memory savings.")
    assert [(c.metric, c.baseline) for c in found] == [("speedup", "BF16 model"), ("memory", "BF16 model")]
    assert one("与BF16模型相比，显存占用降低55%。").baseline == "BF16模型"


def test_that_of_names_the_baseline():
    assert one("Its throughput is 2.4× that of SGLang.").baseline == "SGLang"


def test_chinese_rate_written_before_the_number():
    claim = one("在单卡上实现了每秒4200个token的吞吐量。")
    assert (claim.metric, claim.value, claim.unit) == ("throughput", 4200, "tokens/s")


def test_load_setting_after_under_is_not_a_claim():
    assert [(c.metric, c.value) for c in claims("It keeps 97% SLO attainment under 3x higher load.")] == [
        ("slo-attainment", 97)]


@pytest.mark.parametrize("text", ["Numbat is one to two orders of magnitude faster to sample from.",
                                  "达成了速度快一到两个数量级的效果"])
def test_a_range_of_orders_of_magnitude_is_a_range(text: str) -> None:
    assert (one(text).value, one(text).value_max) == (10.0, 100.0)


def test_a_figure_a_when_clause_cuts_by_is_the_setting_not_a_result() -> None:
    text = ("When the numbat cache is reduced by 2x, the models keep their accuracy. When the cache is cut further "
            "to 4x or 8x, accuracy drops by 3%. The wombat keeps 96% of its score when the expert count is cut by 25%.")
    assert [c.value for c in claims(text)] == [3.0, 96.0]


def test_a_cost_bounded_after_at_is_a_result_and_a_share_chosen_a_setting() -> None:
    assert [(c.value, c.condition) for c in claims("It builds the numbat at less than 7% of the pre-training cost.")] == [
        (7.0, "less than")]
    assert [c.value for c in claims("It runs at less than 5% runtime overhead.")] == [5.0]
    assert claims("The wombat is evaluated at 50% of the FLOPs.") == []


def test_the_shares_a_model_is_made_of_are_no_claims() -> None:
    assert [c.value for c in claims("We train a numbat made of 43% Mamba-2, 7% attention and 50% MLP layers, "
                                    "which is 8x faster.")] == [8.0]


def test_by_twice_is_a_multiple() -> None:
    claim = one("It accelerates linear attention by more than twice in runtime.")
    assert (claim.value, claim.unit, claim.condition) == (2.0, "x", "at least")


def test_model_size_shrinks_is_storage():
    claim = one("模型大小缩小了6倍。")
    assert (claim.metric, claim.direction) == ("storage", "decrease")


@pytest.mark.parametrize(("text", "expected"), [
    ("Our engine doubles the throughput of the baseline.", [("throughput", 2, "x")]),
    ("It is twice as fast as the dense model.", [("speedup", 2, "x")]),
    ("The kernel runs three times faster than cuBLAS.", [("speedup", 3, "x")]),
    ("It achieves an order of magnitude lower latency than autoregressive decoding.",
     [("latency-reduction", 10, "x")]),
    ("该方法将吞吐量提升两倍，延迟降低一个数量级。", [("throughput", 2, "x"), ("latency-reduction", 10, "x")]),
    ("达成了能耗降低五个数量级的效果", [("energy", 100000, "x")]),
    ("达成了仅落后全精度约3个点的效果", [("accuracy", 3, "points")]),  # points of a score, not of a point cloud
    ("Our method halves the memory footprint of the cache.", [("memory", 50, "%")]),
    ("The wombat's decoding memory is reduced by about half.", [("memory", 50, "%")]),
    ("Numbat cuts the input prompt to roughly half.", [("token-reduction", 50, "%")]),
    ("It cuts latency by 12x, 9x and 4x on the three models, respectively.",
     [("latency-reduction", 12, "x"), ("latency-reduction", 9, "x"), ("latency-reduction", 4, "x")]),
    ("The shared heads nearly triple decoding throughput.", [("throughput", 3, "x")]),
    ("It improves throughput by up to 29x, 29x and 3x over three systems.",
     [("throughput", 29, "x"), ("throughput", 29, "x"), ("throughput", 3, "x")]),
    ("It is 2x faster. Overall, it is 2x faster than the baseline.", [("speedup", 2, "x")]),
    ("It raises inference speed from 92.1 to 197.6 FPS.", [("throughput", 197.6, "fps")]),
    ("It matches the large model at 1.4x the speed of speculative decoding.", [("speedup", 1.4, "x")]),
    ("MLKV cuts the memory of the KV cache in half.", [("memory", 50, "%")]),
    # a share of what a baseline uses, in words; removing half of the weights is how the model was made
    ("The 4-bit student fits in less than half of the GPU memory of its teacher.", [("memory", 50, "%")]),
    ("The engine serves the same load on half as many accelerators.", [("other", 50, "%")]),
    ("Removing half of the weights keeps its accuracy.", []),
    ("We found half of the attention heads redundant.", []),  # a finding, not a share used
    ("It matches SAM at 50 times higher run-time speed.", [("speedup", 50, "x")]),
    ("The chip delivers 102.4 TOPS at INT8.", [("throughput", 102.4, "TOPS")]),
    ("It sustains 45K tokens per second on a 4K context.", [("throughput", 45, "K tokens/s")]),
    ("One A100 serves 2.5 million requests per second.", [("throughput", 2.5, "M requests/s")]),
    ("The model is trained in just 3.2K A100 GPU hours.", [("other", 3.2, "K GPU hours")]),
    ("Our training consists of 24,602 A100-GPU hours.", [("other", 24602, "GPU hours")]),
    ("It requires only ~32 A100 GPU training hours.", [("other", 32, "GPU hours")]),
    ("Pre-training took 2.7M NVIDIA H800 GPU hours.", [("other", 2.7, "M GPU hours")]),
    ("It runs roughly twenty times faster, and a hundred times faster than CPU code.",
     [("speedup", 20, "x"), ("speedup", 100, "x")]),
    ("It needs roughly half the compute of the teacher.", [("compute", 50, "%")]),
    ("It cuts the parameter count by about a quarter.", [("parameters", 25, "%")]),
    ("Half of the layers are frozen and double quantization is applied.", []),
])
def test_multiples_in_words_and_enumerated_values(text, expected):
    assert [(c.metric, c.value, c.unit) for c in claims(text)] == expected


def test_the_adjective_double_is_no_claim():
    assert claims("We apply double quantization to the quantization constants.") == []


@pytest.mark.parametrize(("text", "metric"), [
    ("The system serves 5x more requests than the baseline under the same SLO.", "throughput"),
    ("It delivers 3.1x higher serving capacity.", "throughput"),
    ("It improves goodput by 2.4x.", "throughput"),
    ("It cuts the KV cache by 80% with little accuracy loss.", "memory"),
    ("SparseGPT reaches 60% sparsity in one shot.", "parameters"),
    ("Calibration finishes in under 2 hours on one GPU.", "other"),
    ("Pruning the whole model takes 4.5 hours.", "other"),
    # GPU time spent training or tuning is other; adapting a pre-trained model is its compute, as the sample's gold
    ("Training the draft heads is cheap, taking under 3 GPU hours on one H800.", "other"),
    ("Continued pretraining on 80B tokens, which cost about 1,500 H100 GPU hours per model.", "other"),
    ("The whole recipe needs fewer than 40 offline GPU hours.", "other"),
    ("Porting the pre-trained video model to the new autoencoder needs only 6 GPU days.", "compute"),
    # operations counted are compute; on-chip RAM is memory; a lighter network has fewer parameters
    ("It cuts the multiply-accumulate operations of the encoder by 38%.", "compute"),
    ("The binarized network brings 12.5 times OPs savings.", "compute"),
    ("The approach brings computational savings of 3x with a minor accuracy drop.", "compute"),
    ("It needs 1.7 times less peak RAM than the baseline on the microcontroller.", "memory"),
    ("The result is an 8.5 times more lightweight discriminator.", "parameters"),
])
def test_the_metric_follows_what_is_measured(text, metric):
    assert one(text).metric == metric


def test_a_sparsity_setting_is_still_no_claim():
    assert [c.value for c in claims("At 50% sparsity, the model keeps 95% of its accuracy.")] == [95]


@pytest.mark.parametrize(("text", "expected"), [
    ("It reaches up to 225 TFLOPs/s per GPU.", [("throughput", 225, "TFLOPs/s")]),
    ("Training takes only 32 A100 GPU hours.", [("other", 32, "GPU hours")]),
    ("The model is quantized in approximately four GPU hours.", [("other", 4, "GPU hours")]),
    ("Adapting the pre-trained model requires only 10 GPU days.", [("compute", 10, "GPU days")]),
    ("Training completes on one GPU within less than one day.", [("other", 1, "days")]),
    ("It runs LLaMA-65B on a single NVIDIA A100 80GB and an Apple M1 Max with a 1TB SSD.", []),
    ("It raises the mIoU on COCO and LVIS by 2.3 and 3.2 respectively.", [("accuracy", 2.3, None), ("accuracy", 3.2, None)]),
    ("达成了每秒2-3个token的生成速度", [("throughput", 2, "tokens/s")]),
    ("达成了在手机上每秒生成约9个token的效果", [("throughput", 9, "tokens/s")]),  # an approximate rate
    # a score named after the figure, and a score's change named as a noun before it
    ("The detector reaches 47.3 NDS on the validation split.", [("accuracy", 47.3, None)]),
    ("The cache keeps quality, with an FID increase of only 0.13.", [("quality", 0.13, None)]),
    ("Against step skipping, the LPIPS drop of 0.04 is small.", [("quality", 0.04, None)]),
    ("Four-bit weights raise FID by only 0.3 over the full-precision model.", [("quality", 0.3, None)]),
])
def test_units_specs_and_score_changes(text, expected):
    assert [(c.metric, c.value, c.unit) for c in claims(text)] == expected


@pytest.mark.parametrize(("text", "metric"), [
    ("The model is 7 times smaller than SAM.", "parameters"),
    ("It cuts tail latency by 31%.", "latency-reduction"),
    ("It delivers up to 36% cost savings.", "other"),
    ("It keeps latency within the limit for over 90% of requests.", "slo-attainment"),
    ("The larger memory enables up to 4x larger batch size.", "other"),
    ("The router is trained in 12 GPU hours.", "other"),
    ("Adapting the pre-trained model requires only 10 GPU days.", "compute"),
])
def test_metrics_by_what_is_measured_more(text, metric):
    assert one(text).metric == metric


@pytest.mark.parametrize(("text", "expected"), [
    ("On 24GB consumer GPUs we reduce the total compute to 64% of the dense model.", [64]),
    ("It compresses the model to a size that fits a single 24GB GPU.", [24]),
    ("For a TPOT SLO of 100 ms/token it serves 2x more requests.", [2]),
    ("The model reaches 10--20x higher throughput.", [10]),
    ("并将可服务适配器数量提升数个数量级。", []),
    ("We retrain with only 0.22M LAION pairs on one GPU.", []),
    ("Training takes under 13 A100 days.", [13]),
    ("It has a 0.3 WikiText2 perplexity increase and less than 0.01 drop in FID.", [0.3, 0.01]),
    ("It generates 1024px text-to-image results.", []),
    ("It runs on 4x NVIDIA A6000 or 8x RTX 3090 GPUs and decodes 2x faster.", [2]),
    ("One token takes 0.188 s on a single NVIDIA RTX4090 (24GB).", [0.188]),
    ("It is 3x faster on the 16GB laptop 4090 GPU.", [3]),
    ("We distill on 22,000 hours of audio and decode 5.8x faster.", [5.8]),
    ("The student is trained on 960 hours of LibriSpeech and decodes 2x faster.", [2]),
    ("The 3-bit UNet occupies 0.98 GB instead of 5.1 GB in FP16.", [0.98]),
    ("It needs 24,602 A100-GPU hours compared to Stable Diffusion 2.1's 200,000 GPU hours.", [24602]),
    # ... and so is a share after a share of the paper's own (most annotations leave it out: 13 sets to 3)
    ("It reaches 96.1% accuracy versus 95.4% for CoT.", [96.1]),
    # the case a result is measured in, after "when" or "if"
    ("When about 3% of the frame changes, the numbat cuts latency by 4.2x.", [4.2]),
])
def test_settings_and_results_more(text, expected):
    assert [c.value for c in claims(text)] == expected


@pytest.mark.parametrize(("text", "metric"), [
    ("It reduces the dollar cost of serving by 3x.", "other"),
    ("It reaches a real-time factor of 0.066 on a CPU.", "latency"),
    ("We compress the KV cache of long contexts. It achieves compression rates up to 8x.", "memory"),
    ("The checkpoint file shrinks with a compression ratio of 4x.", "storage"),
    ("Dequantization costs a significant runtime overhead of 20-90% on GPUs.", "other"),
    ("TopFormer-T obtains 34.6% mIoU on ADE20K.", "accuracy"),
    ("The MoE runs with only 12B active parameters.", "parameters"),
    ("TiTok attains 1.97 gFID on ImageNet.", "quality"),
    ("It scores an FAD of 2.17 on AudioCaps.", "quality"),
    ("It enables video generation up to 4x longer.", "other"),
    ("The models offer 20-32 times longer context windows.", "other"),
    ("Existing video models can generate 4 times more frames.", "other"),
    ("达成了性价比提升8.21倍的效果", "other"),
    ("It decodes 4x faster on longer prompts.", "speedup"),
    ("It is speeding up decoding by up to 2.18x.", "speedup"),
    ("It brings up to 8x savings in attention data transfers.", "memory"),
    ("It needs 40x fewer training tokens per model.", "other"),
    ("It reaches the same accuracy with 1.6x fewer sequential generation steps.", "other"),
    ("It uses 1.36x fewer hardware resources than the best FPGA design.", "other"),
    ("It reduces the average number of activated experts by 25%.", "parameters"),
    ("The largest model reaches 46.9% NDS on the validation set.", "accuracy"),
    ("The models can be pruned to at least 50% sparsity in one shot.", "parameters"),
    ("It improves ROUGE-L by 1.2 points over the baseline.", "accuracy"),
    ("It lowers the collision rate of the planner by 18%.", "quality"),
    ("It achieves a 12.4% higher average success rate.", "accuracy"),
    ("The distilled judge reaches 71.5% agreement with human raters.", "accuracy"),
    ("It reduces the number of model forward passes by up to 85%.", "compute"),
    ("It increases effective bandwidth by 1.8x on average.", "throughput"),
    ("It yields a 12% increase in control frequency.", "throughput"),
    ("The runtime keeps 88.5% parallel efficiency on 64 nodes.", "other"),
    ("The scheduler achieves 31.2% cluster capacity saving.", "other"),
    # counts of a mechanism are other, not parameters or speed
    ("Tree drafts raise the expected number of accepted tokens per step by 1.4x.", "other"),
    ("It reduces the number of GPU kernel launches by 58% on average.", "other"),
    ("The ReLU model reaches over 85% activation sparsity in its MLP layers.", "other"),
    # what a measure is divided by ("per token") is not what it measures
    ("Running the decoder on the NPU cuts the energy per token by 26%.", "energy"),
    ("It lowers the latency per token by 31%.", "latency-reduction"),
    # a size ratio is the parameters' unless the clause names storage; compression is of storage
    ("The weight storage of the model becomes 4x smaller.", "storage"),
    ("The weights become 4x smaller.", "parameters"),
    ("The method achieves 3x compression of the checkpoint with no loss.", "storage"),
    # ... or what it is smaller than is a cache, in memory
    ("The recurrent state is 500 times smaller than a Transformer's KV cache.", "memory"),
    # frames per second, weakly: another metric word or a margin over a baseline decides first
    ("The pruning raises the detector's FPS by 35%.", "throughput"),
    ("The segmenter can be accelerated by 41% FPS without retraining.", "throughput"),
    ("Our net outperforms YOLO-Tiny-2.1 at a similar FPS by +1.9%.", "accuracy"),
    # the time to tune, search or align a model is no latency and no compute of inference
    ("The tuner needs 2.7x less tuning time than AutoTVM.", "other"),
    ("The architecture search costs about 12 GPU hours per network.", "other"),
    ("Aligning a 13B model takes only about 5 GPU hours on one H100.", "other"),
    # the regime a figure is measured in is not what it measures
    ("Drafting gives a memory-bound speedup of up to 9% over tree drafts.", "speedup"),
    ("It reaches up to 2.5x memory bound speed up on summarization.", "speedup"),
    # what a change is "in" is what it measures
    ("The drafter brings a 1.4x acceleration in decoding throughput.", "throughput"),
    ("It brings a 2.2x speedup in end-to-end latency.", "speedup"),
    # a share of the model's weights or layers, or a pruning ratio, is parameters
    ("Dropping about 40% of the layers leaves the benchmark accuracy unchanged.", "parameters"),
    ("Tuning only 15% of the weights recovers full fine-tuning accuracy.", "parameters"),
    ("The detector keeps its accuracy at a pruning ratio of 60%.", "parameters"),
    ("Per input, the early-exit head skips about 40% of the layers on average.", "compute"),  # the model stays whole
    # operations and network evaluations are compute; what a model occupies is storage
    ("KappaNet needs 31% fewer Mult-Adds than the baseline network.", "compute"),
    ("That is about 50 times fewer network evaluations than the 1000-step sampler.", "compute"),
    ("The ternary model occupies about 310MB against 2.1GB in FP16.", "storage"),
    ("KappaQ cuts the BitOPs of the network by 88.2%.", "compute"),
    ("It brings a 6x computational complexity reduction over latent models.", "compute"),
    # a length cut is a token reduction; latencies are latency
    ("It shortens the length of reasoning chains by an average of 23.4%.", "token-reduction"),
    ("Its average response shrinks by 37.5%.", "token-reduction"),
    ("Early exits lower median response latencies by 45.1%.", "latency-reduction"),
    # a cue that ends a hyphenated compound is read; inside one, after "real-" or a size it is not
    ("The kernels bring 31-58% inter-token-latency reduction against compiled backends.", "latency-reduction"),
    ("The search finds up to 7.5x latency-bounded throughput improvement.", "throughput"),
    ("It gives a latency cut of 15-30% in high-throughput settings.", "latency-reduction"),
    ("The 31M-parameter student keeps 96% of the teacher's score.", "accuracy"),
    # a quantity held equal is the claim's condition, not what it measures
    ("It cuts the retrieval compute by about 35% at the same accuracy.", "compute"),
    ("Cache reuse needs 30% less computation under equal latency.", "compute"),
    ("It is 2.9% better than KappaViT at the same GPU latency.", "other"),  # held latency, no measure named
    # how much training data a method needs is other
    ("The recipe matches standard finetuning and halves the number of training examples needed.", "other"),
    ("It cuts data demands by more than 10x yet matches the quality of autoregressive TTS models.", "other"),
    # a level reached on a benchmark, or reached with no measure named in its clause, is a score
    ("With compute-optimal search, KappaLM-7B reaches 95.2% on MATH-500.", "accuracy"),
    ("The student needs far fewer FLOPs than its teacher; a distilled KappaNet reaches 76.9%.", "accuracy"),
    ("The kernel reaches 90% of peak memory bandwidth.", "other"),
    # how many queries or conversations a system sustains is throughput
    ("The router sustains 3.3x higher query rates in online serving.", "throughput"),
    ("It decodes faster, and a single GPU serves twice as many concurrent conversations.", "throughput"),
])
def test_metrics_by_what_is_measured_yet_more(text, metric):
    assert one(text).metric == metric


def test_at_a_figure_with_a_comparative_is_a_result_not_a_setting():
    # "at 20% lower cost" compares; "at 50% sparsity" sets
    text = "The design reaches 1.3x higher throughput at 25% lower cost than current servers."
    assert [(c.value, c.metric) for c in claims(text)] == [(1.3, "throughput"), (25, "other")]
    assert [(c.value, c.metric) for c in claims("It renders at up to 3x higher framerates than reported.")] == [
        (3, "throughput")]
    assert [c.value for c in claims("At 50% sparsity, the model keeps 95% of its accuracy.")] == [95]


@pytest.mark.parametrize(("text", "values"), [
    # a score the text gives a named baseline is the baseline's, not a claim
    ("It reaches 77.3% top-1, clearly surpassing KappaNet (75.2%) at a similar cost.", [77.3]),
    ("It reaches 71.9%, surpassing ZetaLoRA's 66.1% by 5.8%.", [71.9, 5.8]),
    # "from A for X to B": the change's end is the claim
    ("KappaTTS lowers WER from 4.1% for ZetaTTS to 2.2%.", [2.2]),
    # a change's levels restated in brackets after it add no claim
    ("It improves segmentation by 2.7% mIoU (from 41.2% to 43.9%) on the validation set.", [2.7]),
    # a share right after "compared with" a share of the paper's own is the baseline's
    ("The numbat solves 64.2% of the tasks, compared with 51.0% for the wombat.", [64.2]),
    ("Numbat cuts errors by 12%, versus 4% for plain voting.", [12]),
    # bare scores in a named baseline's parenthesis, split by a slash, are the baseline's
    ("It reaches 0.78 GenEval in one step, beating ZetaGen (8.12 FID / 0.69 GenEval).", [0.78]),
    # the start of a change written with a rate's unit
    ("The wombat's latency falls from 21.3 ms/token to 8.2 ms/token.", [8.2]),
    ("Numbat cuts the wombat's memory from over 900 GB to under 20 GB.", [20]),  # qualified levels
    ("The numbat draws only 0.4 W per 25 FPS of video.", [0.4]),  # what a rate is counted per
])
def test_a_named_baseline_s_own_score_is_no_claim(text, values):
    assert [c.value for c in claims(text)] == values


def test_times_after_a_number_multiplies_and_names_no_time():
    text = "It improves the throughput by up to 3 times over LibA and up to 20 times over LibB."
    assert [(c.value, c.metric) for c in claims(text)] == [(3, "throughput"), (20, "throughput")]


@pytest.mark.parametrize(("text", "metric", "unit"), [
    ("The detector needs only 522M FLOPs.", "compute", "MFLOPs"),
    ("It achieves a size reduction of over 75x compared to vanilla 3DGS.", "storage", "x"),
    ("It raises the watch time by 0.71% in online tests.", "other", "%"),
    ("The 4-step model is preferred over the baseline by 64% of raters.", "quality", "%"),
    ("It cuts the training time by 40%.", "other", "%"),
    # efficiency ratios, and margins with no metric word of their own ("outperforms ... by 1.7x": speed-up)
    ("The chip reaches an energy efficiency of 21.4 TOPS/W at 0.7 V.", "energy", "TOPS/W"),
    ("Its area efficiency is 3.1 TOPS/mm² in 28 nm.", "other", "TOPS/mm²"),
    ("The new chip improves performance/Watt by 1.9x.", "energy", "x"),
    ("The sampler reaches an FID score of 3.4 on CIFAR-10.", "quality", None),
    ("It gives 1.8 times better resource efficiency than earlier designs.", "other", "x"),
    ("The all-reduce communication volume drops by 8x.", "other", "x"),
    ("The linear model recovers over 97% of the softmax model's quality.", "quality", "%"),
    ("The new chip outperforms its predecessor by 1.7x.", "speedup", "x"),
    ("It outperforms the pruned baseline by 2.4% on average.", "accuracy", "%"),
])
def test_metric_and_unit_by_what_is_measured(text, metric, unit):
    claim = one(text)
    assert (claim.metric, claim.unit) == (metric, unit)


def test_a_metric_word_after_a_list_of_figures_belongs_to_every_figure():
    found = claims("The design is 2x more energy-efficient than the prior accelerator, and is 14x, 6x and 3x "
                   "faster than a server CPU, an edge board and a desktop GPU, respectively.")
    assert [(c.value, c.metric, c.direction) for c in found] == [(2, "energy", "increase"),
        (14, "speedup", "increase"), (6, "speedup", "increase"), (3, "speedup", "increase")]


def test_a_margin_takes_no_metric_word_from_the_previous_sentence():
    found = claims("The cores use only 4% of the chip's power. The second generation outperforms the first "
                   "by 2.3x.")
    assert [(c.value, c.metric) for c in found] == [(4, "energy"), (2.3, "speedup")]


def test_yet_starts_a_new_claim():
    found = claims("The units accelerate embedding lookups by 6x yet use only 4% of the die area.")
    assert [(c.value, c.metric) for c in found] == [(6, "speedup"), (4, "other")]


@pytest.mark.parametrize(("text", "expected"), [
    ("It lowers C4 perplexity from 18.2 to 11.7 at equal size.", [(11.7, "quality")]),
    ("The real-time factor falls from 0.31 to 0.09 with frame skipping.", [(0.09, "latency")]),
    ("It raises MMLU accuracy from 61.35 to 64.02.", [(64.02, "accuracy")]),
    ("It shortens answers on MATH from 912 to 388 tokens.", [(388, "token-reduction")]),
    ("It keeps quality across batch sizes from 1 to 32.", []),
    ("It stays strong from 2 to 6 sampling steps.", []),
    ("It cuts reasoning tokens by 35% (from 420 to 273).", [(35, "token-reduction")]),
    ("It shrinks the visual tokens from 1024 to 256, a 75% reduction.", [(75, "token-reduction")]),
    # the baseline the first figure belongs to may stand between the two
    ("It lowers the C4 perplexity of the 7B model from 11.26 with RoundQ to 9.73.", [(9.73, "quality")]),
    ("It lowers C4 perplexity from 16.3 (LayerDrop) to 11.5 at equal size.", [(11.5, "quality")]),
    ("It reduces FID from 18.4 under the teacher to 16.2.", [(16.2, "quality")]),
    ("It scales from 1 with batching to 8 GPUs.", []),
    # a score's margin to the baseline
    ("The 4-bit model keeps perplexity within 0.5 of the FP16 model.", [(0.5, "quality")]),
    ("It stays within 0.3 BLEU points of the teacher.", [(0.3, "accuracy")]),
    ("Each window ends within 2 of the last token.", []),
    # bare scores in a list, bound by what follows the list or what opens it
    ("The students reach 48.1, 49.0 and 50.0 mAP respectively.",
     [(48.1, "accuracy"), (49.0, "accuracy"), (50.0, "accuracy")]),
    ("In COCO mAP the detectors are 3.3, 3.6 and 2.9 higher than the baseline.",
     [(3.3, "accuracy"), (3.6, "accuracy"), (2.9, "accuracy")]),
    ("It shows accuracy improvements of 0.34, 11.52 and 5.05 on three benchmarks.",
     [(0.34, "accuracy"), (11.52, "accuracy"), (5.05, "accuracy")]),
    ("We use versions 1.5, 2.1 and 3.0 of the library.", []),
    # the name's abbreviation in brackets between the name and the figure
    ("The sampler reaches a Fréchet Inception Distance (FID) of 3.14 in eight steps.", [(3.14, "quality")]),
    ("It keeps a character error rate (CER) of 4.25 on the test set.", [(4.25, "quality")]),
])
def test_a_bare_level_reached_after_a_metric_word_is_a_claim(text, expected):
    assert [(c.value, c.metric) for c in claims(text)] == expected


@pytest.mark.parametrize("text", [
    "Tests on the TED-LIUM corpus (452 hours) show a 3x faster decoder.",
    "We pre-train on 20,000 hours of noisy Korean speech, then decode 3x faster.",
])
def test_hours_of_a_corpus_are_data_not_latency(text):
    assert [(c.value, c.metric) for c in claims(text)] == [(3, "speedup")]


@pytest.mark.parametrize("text", [
    "With a cache budget of only 15%, it keeps 97% of the accuracy.",
    "At a keep rate of 40%, it keeps 97% of the accuracy.",
    "Since the 2010s, models have grown; it keeps 97% of the accuracy.",
    "Our contributions are four-fold. It keeps 97% of the accuracy.",
])
def test_budgets_decades_and_counted_contributions_are_no_claims(text):
    assert [(c.value, c.metric) for c in claims(text)] == [(97, "accuracy")]


def test_every_item_of_a_list_of_bound_scores_is_a_claim():
    found = claims("Two-step sampling reaches FID scores of 12.5 and 31.7 on the two sets, respectively.")
    assert [(c.value, c.metric) for c in found] == [(12.5, "quality"), (31.7, "quality")]


def test_chinese_score_points_are_accuracy_whatever_size_word_is_near():
    found = claims("使用高压缩率分词器，达成了模型在C-Eval上取得71.2分的效果", "brief")
    assert [(c.value, c.unit, c.metric) for c in found] == [(71.2, "points", "accuracy")]
    assert [c.unit for c in claims("达成了推理99分位时延平均降低1.5倍的效果", "brief")] == ["x"]


@pytest.mark.parametrize(("text", "metric"), [
    ("with 40% of the parameters removed the sparse model runs nearly twice as fast as the dense one", "speedup"),
    ("A reduction in memory use allows up to 3x larger batch sizes.", "other"),
])
def test_a_metric_word_right_after_the_figure_decides(text, metric):
    assert claims(text)[-1].metric == metric


def test_an_outperforming_margin_across_commas_and_a_change_verb_that_takes_its_own_figure():
    found = claims("The cache outperforms the static, sharded and hybrid caches by up to 2.8x, 4.1x and 1.3x "
                   "respectively.")
    assert [c.metric for c in found] == ["speedup", "speedup", "speedup"]
    found = claims("It outperforms the dense model on all tasks, while reducing KV cache usage by up to 60%.")
    assert [(c.value, c.metric) for c in found] == [(60, "memory")]


def test_a_devices_memory_is_its_specification_and_a_methods_footprint_is_a_claim():
    # the size of a device's or a host's memory describes the test bed
    assert [c.unit for c in claims("It delivers up to 12.4x speedup on a 12GB NVIDIA Titan Xp GPU.")] == ["x"]
    assert claims("The index runs on a Jetson Orin Nano with 8GB of shared memory and 1 TB of host DRAM.") == []
    assert claims("We fine-tune it on a single 32 GB V100-GPU.") == []
    # what the method needs or occupies is its memory footprint
    assert one("It only needs 16GB GPU memory for serving 128K tokens.").metric == "memory"
    assert one("The 4-bit model only occupies about 1.8GB of memory.").metric == "memory"


def test_the_figures_of_named_baselines_listed_after_a_comparison_are_no_claims():
    assert [c.value for c in claims("The cache needs 12 KB per token, against 516 KB for KappaLM 405B and "
                                    "327 KB for Quokka-2 72B.")] == [12.0]
    assert [c.value for c in claims("It reaches 74.2%, surpassing KappaLM-7B (66.98%) and KappaLM-13B (71.56%).")] \
        == [74.2]
    assert [c.value for c in claims("It takes 0.12 s per image, compared with 4.30 s for KappaSR and 0.35 s for "
                                    "QuokkaSR.")] == [0.12]
    # a figure compared "against the baseline for long inputs" is the claim itself
    assert [c.value for c in claims("It improves accuracy by 3% against the baseline for long inputs.")] == [3.0]


def test_a_fraction_of_the_tokens_is_a_token_reduction():
    claim = one("The attention runs faster, using only 1/5 of the tokens in attention.")
    assert (claim.value, claim.unit, claim.metric) == (5.0, "x", "token-reduction")


def test_a_whole_number_held_by_a_score_name_is_a_score():
    assert one("KappaVid reaches a zero-shot FVD of 181 on MSR-VTT.").value == 181.0
    assert claims("We compute the FID of 50K samples.") == []


def test_multiples_and_percentages_listed_together_share_the_lists_measure():
    found = claims("KappaServe achieves up to 7.5x, 26%, and 14% higher throughput on three GPUs, respectively.")
    assert [(c.value, c.metric) for c in found] == [(7.5, "throughput"), (26.0, "throughput"), (14.0, "throughput")]
    found = claims("KappaServe delivers up to a 2.0x and on average a 1.3x improvement in serving throughput.")
    assert [(c.value, c.metric) for c in found] == [(2.0, "throughput"), (1.3, "throughput")]


def test_flops_done_per_second_or_per_device_are_throughput_and_flops_needed_are_compute():
    assert one("KappaAccel achieves a maximum throughput of 1.46 TFLOPs for BERT.").metric == "throughput"
    assert one("The kernels sustain 560 TFLOPS/GPU in FP8.").metric == "throughput"
    found = claims("It raises throughput by 2x and needs 54 GFLOPs per image.")
    assert [(c.value, c.metric) for c in found] == [(2.0, "throughput"), (54.0, "compute")]


def test_a_size_that_shrinks_with_no_memory_named_is_storage():
    assert one("The 4.2B checkpoint shrinks from 16.4 GB to 1.1 GB.").metric == "storage"
    assert one("It reduces GPU memory from 80 GB to 20 GB.").metric == "memory"


def test_a_share_named_as_a_budget_is_a_setting():
    def values(text):
        return [c.value for c in extract_evidence("", 0, text, 1)]
    assert values("With a 40% KV cache budget, the method keeps 98% of the full-cache score.") == [98.0]
    assert values("It stays close to the full model with both 30% and 15% token budgets.") == []
    # a budget that shrinks is a result, and a gain under budgets is one too
    assert values("It serves the same traffic with a 25% lower compute budget.") == [25.0]
    assert values("It improves accuracy by 3.1% under several token budgets.") == [3.1]


def test_a_small_model_s_own_size_in_millions_of_parameters_is_a_claim():
    def claims(text):
        return [(c.value, c.unit, c.metric) for c in extract_evidence("", 0, text, 1)]
    assert claims("The student has 12.5M parameters.") == [(12.5, "M", "parameters")]
    assert claims("It matches the teacher with only 40M parameters.") == [(40.0, "M", "parameters")]
    # the models a method is run on, and ranges of sizes, are settings
    assert claims("All models have about 150M parameters.") == []
    assert claims("We train models from 20M to 700M parameters.") == []


def test_a_measure_the_abstract_names_outside_the_list_is_not_replaced_by_the_brief_s_reading():
    def merged(brief, abstract):
        return [(c.value, c.metric) for c in extract_evidence(brief, 0, abstract, 1)]
    # the brief's "显存" makes its 4x memory; the abstract says what was measured: a batch size
    assert merged("达成了显存降低从而支持4倍批量的效果", "The saved memory allows a 4x larger batch size.") == [(4.0, "other")]
    # an abstract with no measure word still takes the brief's
    assert merged("达成了吞吐为原来38%的效果", "It uses 38% of the original.") == [(38.0, "throughput")]


@pytest.mark.parametrize(("text", "metric", "unit"), [
    ("The accelerator reaches 5.1 Top/s/W at 0.6 V.", "energy", "TOPS/W"),  # energy efficiency however it is spelt
    ("The link sustains 3.2 GB/s of transfers.", "throughput", "GB/s"),  # bytes per second: a bandwidth, no size
    ("The codec compresses speech to 2.4 kbps.", "other", "Kb/s"),  # bits per second: a bitrate
    ("Its fused kernel uses 3.2 GB of memory.", "memory", "GB"),
])
def test_data_rates_and_energy_efficiency_are_told_from_sizes(text: str, metric: str, unit: str) -> None:
    claim = one(text)
    assert (claim.metric, claim.unit) == (metric, unit)


@pytest.mark.parametrize(("text", "metric"), [
    # "of requests" is a share meeting a target; a multiple of requests' latency is a latency's cut
    ("It cuts the tail time-to-first-token of requests by up to 9.1x.", "latency-reduction"),
    ("It meets the deadline of 93% of requests.", "slo-attainment"),
    ("Hash-based baselines run up to 2.7x slower because of their decoding overhead.", "speedup"),
    ("It reduces the on-chip energy footprint by 61%.", "energy"),  # not a memory footprint
    ("The core runs binary weights, and body biasing raises the operating frequency by up to 27% at 0.5 V.", "other"),
    ("It cuts inference cost by 41% against the dense model.", "compute"),
    ("The variant runs with 64% fewer operations than the baseline.", "compute"),
    ("Its operations per second exceed the baseline's by 3.3x.", "throughput"),
    # circuit area is no memory, storage or energy figure
    ("The posit unit needs 2.6x less area than the BF16 multiplier.", "other"),
    ("It shrinks the multiplier's area by 28% against the prior design.", "other"),
    # energy efficiency as the operations or tokens a joule buys
    ("The macro delivers 44% higher TOPS/W than the digital baseline.", "energy"),
    ("Batching raises tokens per joule by 2.1x.", "energy"),
    # listening and preference scores rate generated output: quality, not task accuracy
    ("The low-bitrate vocoder reaches a MUSHRA score of 79.5.", "quality"),
    ("The 2-step student reaches an aesthetic score of 6.1.", "quality"),
    # time spent preparing or scaling a model is no per-item latency
    ("Its optimization time falls by 35% against grid search.", "other"),
    ("Sharding raises throughput near-linearly, with 93% weak scaling efficiency on 1,024 GPUs.", "other"),
    # a share of what the hardware could do at most is a utilisation; a share of the peak memory is a footprint
    ("The all-to-all uses its memory well, reaching 71% of the peak link bandwidth.", "other"),
    ("The tiled kernel's performance reaches 47% of the theoretical peak on the FPGA.", "other"),
    ("It needs only 40% of the peak memory of the eager runtime.", "memory"),
    # GPU time spent training or distilling is a preparation cost; serving GPU time stays compute
    ("Distilling the student costs roughly 30% fewer GPU days than training it from scratch.", "other"),
    ("The scheduler cuts the GPU time used for serving by 38%.", "compute"),
    # ... a method that prepares a model for inference is no training run; a share of another system's runtime is
    # a comparison, a share of the maximum accuracy an accuracy, and collective primitives are operations
    ("Our quantized model cuts the GPU hours needed for serving by 40%.", "compute"),
    ("It runs in 20% of the runtime of the eager kernel.", "latency-reduction"),
    ("It reaches 85% of the maximum accuracy.", "accuracy"),
    ("It speeds up collective primitives by 1.8x.", "speedup"),
    # data moved is a measure of its own
    ("The scheduler cuts cross-region bandwidth by 81% against broadcasting.", "other"),
    ("Its tiling cuts the data moved over PCIe by 6x.", "other"),
    ("The prefetcher lowers DRAM traffic by 3.4x.", "other"),
    # performance per area or cost, and search trials
    ("The design reaches 2.4x higher performance per unit area than the systolic baseline.", "other"),
    ("It gives a 3.1x improvement in performance/cost over the GPU cluster.", "other"),
    ("The autotuner needs 25x fewer trials than random search.", "other"),
    # a margin to a reference with no measure named before it is task accuracy, whatever the reference is called
    ("With 3-bit weights the compressed models stay within 0.8% of the full-cache baseline.", "accuracy"),
    ("The int4 student remains within 1.2% of the BF16 model on average.", "accuracy"),
    # ... unless the reference is a quality score, or the sub-clause names the measure first
    ("The 4-step sampler gets within 3% of the teacher's FID.", "quality"),
    ("Its decoding throughput stays within 4% of the dense kernel.", "throughput"),
    # ... or the reference names what is measured, not only what kind of reference it is
    ("The scheduler stays within 3% of the optimal throughput.", "throughput"),
    ("The heuristic gets within 2% of the optimal hit rate.", "other"),
    ("The pruned models reach perplexities within 0.2 of the dense ones.", "quality"),
    # reasoning length, memory utilisation, miss rates
    ("The distilled reasoner shortens the generated CoT by 46% at equal accuracy.", "token-reduction"),
    ("The budget cuts thinking length by 38% on average.", "token-reduction"),
    ("The allocator raises GPU memory utilization by 64%.", "memory"),
    ("Its admission filter cuts the cache miss rate by 57%.", "other"),
    # points are a score's, whatever token word stands near, and a task score's unless their own sub-clause names
    # another measure
    ("The int4 model stays close, whereas 2-bit weights cost more than 9 points on several tasks.", "accuracy"),
    ("Its cache keeps retrieval intact, whereas token dropping loses up to 14 points at the same compression ratio.",
     "accuracy"),
])
def test_what_a_figure_measures_by_the_noun_it_names(text: str, metric: str) -> None:
    assert one(text).metric == metric


def test_a_model_made_smaller_by_a_number_format_is_smaller_in_storage() -> None:
    assert one("Its int4 format makes the model 3.6x smaller than float32.").metric == "storage"
    assert one("It keeps weights roughly 7x smaller than FP16.").metric == "storage"
    # a smaller network of its own is smaller in parameters
    assert one("The student network is 3.6x smaller than its teacher.").metric == "parameters"


def test_a_named_score_s_starting_level_is_no_claim_and_the_level_reached_is() -> None:
    assert [(c.value, c.metric) for c in claims("Distillation lowers the sampler from an FID of 3.41 to 2.26.")] == [
        (2.26, "quality")]


def test_score_values_of_a_list_are_claims() -> None:
    assert [c.value for c in claims("It reaches PSNR values of 31.27 and 29.84 on the two sets.")] == [31.27, 29.84]


def test_micro_joules_are_energy() -> None:
    claim = one("The detector spends under 85 µJ per frame.")
    assert (claim.value, claim.unit, claim.metric) == (85.0, "µJ", "energy")


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The wombat chip draws only 2.4 µW while it sleeps.", 2.4, "µW"),
    ("The wombat chip draws 35 mW when it runs.", 35.0, "mW"),  # not 35 W
    ("The rack draws 1.2 kW at full load.", 1.2, "kW"),
    ("Training the numbat models consumed about 12 MWh of electricity.", 12.0, "MWh"),
    ("One numbat query consumes 0.3 Wh.", 0.3, "Wh"),
    ("Training emitted about 3.1 tonnes of CO2 equivalent.", 3.1, "t CO2e"),
    ("Each run emits 52 kg of CO2.", 52.0, "kg CO2e"),
])
def test_power_watt_hours_and_carbon_are_energy_in_units_of_their_own(text: str, value: float, unit: str) -> None:
    claim = one(text)
    assert (claim.value, claim.unit, claim.metric) == (value, unit, "energy")


def test_a_score_named_after_a_change_verb_binds_the_change_through_its_model_and_data_set() -> None:
    assert [(c.value, c.metric) for c in claims(
        "WombatQ lowers the FID of Numbat-4 on ImageNet 256×256 by 5.75 relative to the previous best method.")] == [
        (5.75, "quality")]
    assert [(c.value, c.metric) for c in claims("It improves mask AP by 1.4 and box AP by 2.7.")] == [
        (1.4, "accuracy"), (2.7, "accuracy")]
    assert [c.value for c in claims("Two-step sampling lowers FID further to 3.14 and 2.72.")] == [3.14, 2.72]
    assert claims("It narrows the gap of the two runs by 0.5 on average.") == []  # no score named
    # the data set may stand between the score's name and its level
    assert [(c.value, c.metric) for c in claims("It raises the PSNR on Wombat-3D to 31.52.")] == [(31.52, "quality")]


def test_a_score_named_before_a_change_verb_binds_the_change() -> None:
    assert [(c.value, c.metric) for c in claims("After pruning, perplexity rises by only 0.4.")] == [(0.4, "quality")]
    assert claims("The queue grows by 0.4 every second.") == []  # no score named


def test_the_next_scores_of_a_list_each_on_its_own_data_set_are_claims() -> None:
    assert [c.value for c in claims("It reaches FIDs of 2.31 on CIFAR-10 and 3.07 on FFHQ-64.")] == [2.31, 3.07]


def test_a_bare_number_takes_the_measure_of_the_score_named_right_after_it() -> None:
    found = [(c.value, c.metric) for c in claims("It reaches 47.2 PQ at 19.8 FPS on the validation set.")]
    assert found == [(47.2, "accuracy"), (19.8, "throughput")]
    assert [(c.value, c.metric) for c in claims("The streaming model reaches 4.1 CER on the test set.")] == [
        (4.1, "quality")]  # an error rate


def test_storage_is_the_kv_cache_s_memory_only_where_its_own_sentence_names_the_cache() -> None:
    two = "The engine keeps the KV cache of many tenants. Its checkpoint codec needs 3.2x less storage space."
    assert [c.metric for c in claims(two)] == ["storage"]
    assert [c.metric for c in claims("It cuts KV cache storage by 70%.")] == ["memory"]
    # a compression ratio is the cache's wherever the text names it
    assert [c.metric for c in claims("The KV cache is quantized. The compression ratio reaches 5.1x.")] == ["memory"]


def test_gaussians_and_primitives_of_a_scene_are_its_parameters() -> None:
    assert one("The pruned scene keeps 8.2x fewer Gaussians than the dense baseline.").metric == "parameters"
    assert one("It removes up to 68% of the primitives while keeping the PSNR.").metric == "parameters"


def test_a_share_of_the_runtime_or_cycles_is_a_breakdown() -> None:
    assert one("Kernel launches can reach 35% of the runtime even on fast GPUs.").metric == "other"
    assert one("Its lookups account for over 40% of the cycles spent in decoding.").metric == "other"


@pytest.mark.parametrize(("text", "metric"), [
    # a share of the thinking tokens, with a possessive and two words before "tokens"
    ("It matches the wombat's accuracy while using only about 30% of its average thinking tokens.", "token-reduction"),
    # a shorter sequence, with training named later in the clause
    ("Numbat cuts the maximal sequence length by an order of magnitude and trains considerably faster.",
     "token-reduction"),
    ("Learned thresholds prune 91% of the attention scores on average.", "compute"),  # no task score
    ("Data transfer and serialisation account for up to 78% of the total.", "other"),  # a breakdown
    # how far an estimate is off, whatever it estimates
    ("The predictor reaches a mean absolute percentage error of 2.1% for latency.", "quality"),
    ("We observe a latency modeling deviation below 3%.", "quality"),
    # fewer tokens with training named in the clause stay a data budget
    ("Numbat extends the context while requiring 10x less tokens and 2.5x less training steps.", "other"),
])
def test_shares_breakdowns_and_estimate_errors_are_told_by_what_holds_the_figure(text: str, metric: str) -> None:
    assert claims(text)[0].metric == metric


@pytest.mark.parametrize(("text", "metric"), [
    ("Removing 25% of the parameters retains about 93% of the original performance.", "accuracy"),
    ("The merged model keeps over 99% of the experts' performance on Wombat-Bench.", "accuracy"),
    # the hardware's peak and an estimate's error are no task score
    ("The accelerator reached less than 5% of the theoretical peak performance.", "other"),
    ("Numbat stays within a geometric-mean error of 5.8% of measured performance.", "quality"),
])
def test_a_share_of_the_task_performance_kept_is_accuracy(text: str, metric: str) -> None:
    assert claims(text)[-1].metric == metric


def test_a_length_n_times_longer_is_no_speed() -> None:
    assert claims("Numbat extrapolates to context lengths that are 25x longer than those seen in training.")[0].metric \
        == "other"
    assert claims("It handles sequences 512 times longer than memory-efficient baselines.")[0].metric == "other"


@pytest.mark.parametrize(("text", "value", "unit", "modifier"), [
    ("Numbat placements are generated in under one second.", 1.0, "s", "less than"),
    ("The wombat can be trained on one GPU within a single day.", 1.0, "days", "less than"),
    ("Tuning finishes in less than a day on a single GPU.", 1.0, "days", "less than"),
])
def test_durations_in_words_with_their_bound_are_claims(text: str, value: float, unit: str, modifier: str) -> None:
    claim = one(text)
    assert (claim.value, claim.unit, claim.condition) == (value, unit, modifier)


def test_a_duration_word_without_a_number_or_bound_is_no_claim() -> None:
    assert claims("The wombat runs twice a day and reaches its peak in a single day of training.") == []


def test_figures_split_by_slashes_one_per_variant_each_take_the_unit_or_score_written_once() -> None:
    found = claims("Numbat-S/M/L reach 41.5/45.5/48.7 mAPs at a latency of 2.71/3.92/5.33 ms on one GPU.")
    assert [(c.value, c.unit, c.metric) for c in found] == [
        (41.5, None, "accuracy"), (45.5, None, "accuracy"), (48.7, None, "accuracy"),
        (2.71, "ms", "latency"), (3.92, "ms", "latency"), (5.33, "ms", "latency")]
    assert [(c.value, c.unit) for c in claims("Wombat-L / X run at 131 / 83 FPS.")] == [(131.0, "fps"), (83.0, "fps")]
    assert claims("It was released in 2023/2024 for 7B/13B models.") == []


def test_a_flop_reduction_in_the_singular_is_compute() -> None:
    assert [c.metric for c in claims("Numbat achieves 2.1x, 2.4x and 1.7x theoretical FLOP reduction.")] == [
        "compute", "compute", "compute"]


def test_a_latency_improved_by_a_multiple_is_a_latency_cut() -> None:
    claim = one("Numbat improves tail latencies by an order of magnitude.")
    assert (claim.value, claim.metric, claim.direction) == (10.0, "latency-reduction", "decrease")
    assert one("Numbat speeds up decoding by 2.2x.").metric == "speedup"


def test_two_figures_side_by_side_after_a_comma_are_no_list_of_two() -> None:
    found = claims("Numbat reaches a real-time factor of 0.09, 17x faster than Wombat.")
    assert [(c.value, c.unit, c.metric) for c in found] == [(0.09, None, "latency"), (17.0, "x", "speedup")]
    # a list joined by "and" still shares its unit
    assert [(c.value, c.unit) for c in claims("It improves by 3.7, 1.0 and 2.9 points.")] == [
        (3.7, "points"), (1.0, "points"), (2.9, "points")]


@pytest.mark.parametrize(("text", "metric"), [
    # the British spelling of a cue is the same cue
    ("Wombat raises GPU utilisation by 3.1x.", "other"),
    # a training run's time cut is no latency; an inference time cut named after training still is
    ("Numbat lowers pre-training wall-clock time by 21%.", "other"),
    ("Numbat cuts training and inference time by 30%.", "latency-reduction"),
    # the time of a training run, with a storage cost named after it
    ("Wombat finishes training in only 9 minutes with a 6-MB storage cost.", "other"),
    # an estimate's error named after its figure
    ("The wombat's latency predictor stays below 4% mean absolute percentage error.", "quality"),
    ("Numbat shows a maximum 2.7% deviation in accuracy.", "accuracy"),
    # training epochs saved are a training budget
    ("It matches the wombat's accuracy with 35% fewer training epochs.", "other"),
    # a model compressed, no measure named: the model's size
    ("Numbat compresses fine-tuned encoder models by up to 45%.", "parameters"),
    ("Numbat compresses a wombat ranking model by 24x.", "storage"),  # a compression ratio: the size stored
    # a measure's possessor after "of" is not what is measured
    ("Numbat lowers the P99 latency of interactive requests by 37x.", "latency-reduction"),
    # what a rate is counted per is not what is measured
    ("Numbat cuts the energy per decoded token by 21%.", "energy"),
    # the data a federated or split model sends: a communication cost, no speed-up
    ("Numbat is 8x more communication-efficient than the wombat.", "other"),
    ("Numbat keeps the accuracy of the wombat while requiring 3 to 10 times lower communication cost.", "other"),
    # a setting described by a word before its cue ("at large batch sizes") says under what it was measured
    ("The numbat engine speeds up inference by up to 1.35x over FP16 at large batch sizes.", "speedup"),
    # a price or a cost cut is money, not a task score named later in the clause
    ("Numbat achieves up to 98% cost reduction or improves the accuracy over the wombat by 4%.", "other"),
    ("Numbat keeps comparable inference performance with a 30% lower price budget.", "other"),
    # shape and subject-fidelity scores of generated media
    ("Numbat lowers Chamfer distance by 12% on a shape benchmark.", "quality"),
    ("The DINO score of Numbat rises by 0.07.", "quality"),
])
def test_what_a_figure_measures_follows_the_measure_not_its_spelling_or_possessor(text: str, metric: str) -> None:
    assert claims(text)[0].metric == metric


@pytest.mark.parametrize(("text", "value", "metric"), [
    ("The distilled wombat decoder loses only 0.09 MOS relative to its teacher.", 0.09, "quality"),
    ("The small numbat reaches a Frechet distance of 21.7 on a sound benchmark.", 21.7, "quality"),
    ("Numbat shows a ~0.41 accuracy drop on average.", 0.41, "accuracy"),
    # a change of a score named before its verb, or after it with what it was measured on between
    ("Pruning changes the wombat's perplexity by only 0.04.", 0.04, "quality"),
    ("Its FID on a 64x64 benchmark changes by less than 0.3.", 0.3, "quality"),
    ("Numbat lowers the FID of the 8-bit wombat baseline on a benchmark by 2.31.", 2.31, "quality"),
    ("达成了相同预算下FID降低约2.4的效果", 2.4, "quality"),
    # scores of document QA, captioning, retrieval and language modelling named by their abbreviation
    ("The numbat reaches 0.7312 ANLS on a document benchmark.", 0.7312, "accuracy"),
    ("The wombat reaches 31.5 MRR@10 on a passage benchmark.", 31.5, "accuracy"),
    ("Numbat reaches 0.03 lower bits-per-character than the wombat.", 0.03, "quality"),
])
def test_bare_scores_named_by_their_score_are_claims(text: str, value: float, metric: str) -> None:
    claim = one(text)
    assert (claim.value, claim.metric) == (value, metric)


@pytest.mark.parametrize(("text", "metric"), [
    # a margin over what a method surpasses, exceeds or beats is a task score's ...
    ("Numbat surpasses earlier non-uniform quantizers by 0.6-1.9% across three networks.", "accuracy"),
    ("The wombat beats all existing 3B-parameter models by 2-4% across downstream tasks.", "accuracy"),
    # ... unless an earlier figure of the sentence says what is measured
    ("Numbat achieves a 3.1x speedup, surpassing the draft-head baseline by 9%-17%.", "speedup"),
])
def test_a_margin_after_surpasses_or_beats_is_a_score_s_or_the_sentence_s_measure(text: str, metric: str) -> None:
    assert claims(text)[-1].metric == metric


@pytest.mark.parametrize(("text", "metric"), [
    ("The wombat design cuts LUT usage by 3x.", "other"),  # an FPGA's resources
    ("达成了DSP用量较基线减少28%的效果", "other"),
    ("Numbat lowers the EDP by 1.7x.", "energy"),  # the energy-delay product
    ("Developer productivity improves by up to 12x.", "other"),  # "per" ends "developer": no "per productivity"
    ("In FP6 the wombat's training loss stays within 0.7% of BF16.", "quality"),  # a loss is how well it fits
    ("达成了验证损失与FP16相差不到2%的效果", "quality"),
    ("The numbat needs 58% fewer GMACs than the wombat.", "compute"),  # giga multiply-accumulates
    ("It keeps the wombat's FID with 6x fewer sampling steps.", "compute"),  # fewer network evaluations
    ("Numbat cuts the memory overhead by 3x.", "memory"),  # an overhead in memory
    ("The numbat core occupies a 17 times smaller area.", "other"),  # a smaller chip, not a smaller model
])
def test_cue_words_for_fpga_resources_energy_delay_productivity_and_losses(text: str, metric: str) -> None:
    assert claims(text)[0].metric == metric


@pytest.mark.parametrize(("text", "metric"), [
    ("The numbat runtime retains up to 75% of native performance on the same phone.", "throughput"),
    ("Its wombat GEMM reaches 88% of the performance of the vendor library.", "throughput"),
    ("The pruned wombat retains about 91% of the original performance.", "accuracy"),
    # where the share was measured is not whose performance it is
    ("The pruned wombat retains 94% of the original performance on GPUs and CPUs.", "accuracy"),
])
def test_a_share_of_a_program_s_or_machine_s_performance_is_its_speed(text: str, metric: str) -> None:
    assert claims(text)[0].metric == metric


def test_a_named_baseline_s_score_among_several_figures_in_its_parenthesis_is_no_claim() -> None:
    found = claims("Ours reaches 79.9% top-1, faster than NumbatNetV2x1.4 (1.1 ms, 74.2% top-1) and WombatNet (70.9% top-1).")
    assert [c.value for c in found if c.unit == "%"] == [79.9]


@pytest.mark.parametrize(("text", "metric"), [
    ("Wombat decoding throughput rises by 1.6x at a batch size of 16.", "throughput"),
    ("Numbat improves the energy efficiency by at least 1.5x under SLOs.", "energy"),
])
def test_a_cue_that_opens_a_setting_after_the_figure_says_under_what_it_was_measured(text: str, metric: str) -> None:
    assert claims(text)[0].metric == metric


@pytest.mark.parametrize(("text", "value", "metric"), [
    ("达成了袋熊准确率保持在93%以上的效果", 93.0, "accuracy"),  # the level a verb holds, not a setting
    ("达成了袋熊检测较基线提升0.9 box AP的效果", 0.9, "accuracy"),  # a short score name before Chinese
    ("达成了在某视频集上CLIPSIM达0.2811的效果", 0.2811, "quality"),  # a score name right after Chinese
])
def test_chinese_next_to_scores_and_held_levels(text: str, value: float, metric: str) -> None:
    claim = one(text)
    assert (claim.value, claim.metric) == (value, metric)


def test_a_score_written_bare_in_the_brief_and_with_a_percent_sign_in_the_abstract_is_one_claim() -> None:
    found = extract_evidence("达成了在T4上取得51.3 AP，超过基线的效果", 2, "Numbat-X achieves 51.3% AP on COCO.", 5)
    assert [(c.value, c.source) for c in found] == [(51.3, "abstract")]


def test_a_decimal_score_on_a_benchmark_named_by_its_shape_is_a_task_score() -> None:
    found = claims("Numbat-3B reaches 71.5 on QuokkaBench and 1502.3 on MMW perception, and 6.8 on the Bilby scale.")
    assert [(c.value, c.metric) for c in found] == [(71.5, "accuracy"), (1502.3, "accuracy")]


def test_captioning_and_retrieval_scores_named_before_the_figure_are_task_scores() -> None:
    found = claims("It reaches a captioning CIDEr of 131.2, a METEOR of 30.9 and an nDCG of 0.41.")
    assert [(c.value, c.metric) for c in found] == [(131.2, "accuracy"), (30.9, "accuracy"), (0.41, "accuracy")]
    assert claims("The numbat reaches 75.1% ANLS on a document set.")[0].metric == "accuracy"


def test_flops_per_watt_is_energy_efficiency() -> None:
    assert claims("The wombat chip reaches 20.4 TFLOPS/W at 0.6 V.")[0].metric == "energy"


def test_speedups_from_one_figure_to_another_are_a_range() -> None:
    claim = one("Numbat achieves speedups from 1.3x to 11.2x over the sequential baseline.")
    assert (claim.value, claim.value_max) == (1.3, 11.2)
    assert one("Numbat raises throughput from 1.3x to 11.2x of the baseline.").value == 11.2  # a change


@pytest.mark.parametrize(("text", "metric"), [
    ("A 3-bit Numbat is 28% smaller than its 8-bit counterpart.", "storage"),
    ("INT4 expert weights shrink the wombat by 3.4x.", "storage"),
    ("The 4-bit wombat has 45% fewer parameters.", "parameters"),  # fewer weights, named
])
def test_a_model_made_smaller_by_fewer_bits_is_smaller_in_storage(text: str, metric: str) -> None:
    assert claims(text)[-1].metric == metric


@pytest.mark.parametrize("text", [
    "Numbat lowers the hallucination rate on a wombat benchmark by 6.2 points.",
    "达成了幻觉率降低2.7%的效果",
])
def test_a_hallucination_rate_is_a_quality_figure(text: str) -> None:
    assert one(text).metric == "quality"


def test_scores_listed_before_a_benchmark_or_a_segmentation_score_are_each_a_claim() -> None:
    assert [(c.value, c.metric) for c in claims("The two numbats reach 7.9 and 8.1 on Quokka-bench.")] == [
        (7.9, "accuracy"), (8.1, "accuracy")]
    found = claims("Numbat reaches 86.1, 69.2 and 70.4 J&F on three video sets.")
    assert [(c.value, c.unit, c.metric) for c in found] == [(86.1, None, "quality"), (69.2, None, "quality"),
                                                           (70.4, None, "quality")]  # no joules


def test_a_score_name_with_its_sample_count_binds_the_figure() -> None:
    claim = one("Numbat reaches a zero-shot FID-10K of 19.4 in one step.")
    assert (claim.value, claim.metric) == (19.4, "quality")


@pytest.mark.parametrize(("text", "value", "metric"), [
    ("The perplexity increase of the numbat stays below 0.4 after pruning.", 0.4, "quality"),
    ("It keeps a perplexity gap below 0.2 at 4 bits.", 0.2, "quality"),
    ("It sees only a drop of 0.031 in BERTScore.", 0.031, "quality"),
    ("Numbat-S performs 0.7 top-1 accuracy better than Wombat-S.", 0.7, "accuracy"),
])
def test_a_bound_or_a_margin_of_a_named_score_is_a_claim(text: str, value: float, metric: str) -> None:
    claim = one(text)
    assert (claim.value, claim.metric) == (value, metric)


@pytest.mark.parametrize("text", [
    "The numbat segmenter reaches a DSC of 0.812 on a wombat set.",
    "Page conversion reaches an edit distance of 0.37.",
])
def test_dice_similarity_and_edit_distance_are_quality_scores(text: str) -> None:
    assert one(text).metric == "quality"


def test_a_preparation_time_in_the_abstract_keeps_its_reading_beside_the_brief_s() -> None:
    found = extract_evidence("达成了困惑度降低32%、单张H100上10分钟内", 2,
                             "Pruning a 7B numbat takes under 10 minutes on a single H100 GPU.", 5)
    assert [(c.value, c.metric, c.source) for c in found if c.value == 10] == [(10.0, "other", "abstract")]


def test_a_relative_clause_s_time_reads_back_to_the_preparation_it_is_about() -> None:
    claim = one("After fine-tuning the numbat on 1K examples, which takes only 19 minutes on 8 GPUs, it wins.")
    assert (claim.value, claim.metric) == (19.0, "other")


def test_a_denoising_cost_is_compute() -> None:
    assert one("The 2-step numbat cuts the denoising cost by 9x relative to its teacher.").metric == "compute"


@pytest.mark.parametrize("text", [
    "The numbat pruned to 40% of its parameters stays within 2% of the original Bilby score.",
    "A pruned numbat retains 94% of the dense model's retrieval recall.",
])
def test_a_margin_to_a_named_task_score_is_accuracy_whatever_stands_before_it(text: str) -> None:
    assert claims(text)[-1].metric == "accuracy"


@pytest.mark.parametrize("text", [
    "Numbat drafting improves block efficiency by up to 7%.",
    "The wombat drafter increases accepted length by up to 25%.",
])
def test_speculative_decoding_s_own_measures_are_other(text: str) -> None:
    assert one(text).metric == "other"


@pytest.mark.parametrize(("text", "value", "metric"), [
    ("The numbat tokenizer reaches a reconstruction rFID of 0.61.", 0.61, "quality"),
    ("The numbat tokenizer achieves 0.72 rFID at 16x downsampling.", 0.72, "quality"),
    ("After pruning, the GenEval score stays at 0.74.", 0.74, "accuracy"),
    ("达成了单步生成PickScore得分22.9的效果", 22.9, "quality"),
])
def test_a_score_held_by_its_name_or_a_stay_verb_is_a_claim(text: str, value: float, metric: str) -> None:
    claim = one(text)
    assert (claim.value, claim.metric) == (value, metric)


@pytest.mark.parametrize("text", [
    "Numbat lifts the ImageReward score from 0.81 to 0.93 over the teacher.",
    "The numbat's HPSv2 score rises to 28.4 after distillation.",
])
def test_a_generic_score_word_after_a_named_measure_is_that_measure_s(text: str) -> None:
    assert one(text).metric == "quality"


@pytest.mark.parametrize(("text", "metric"), [
    ("The numbat kernels bring a 310% improvement in runtime.", "speedup"),
    ("Its decoding latency at 64K tokens is 1.8x lower than a Wombat baseline.", "latency-reduction"),
    ("It lowers perplexity at 32K tokens by 0.3.", "quality"),
    ("The compressed numbat weighs 212MB.", "storage"),
    ("Numbat compresses Wombat-50 to 2.1MB.", "storage"),
    ("It needs 6.2x fewer multiplications than the dense layer.", "compute"),
    ("达成了乘法次数减少3.4倍的效果", "compute"),
    ("Numbat learns from a 20x smaller training set.", "other"),
    ("The router adds only 3% to the total decoding time.", "other"),
])
def test_the_metric_follows_what_is_measured_not_the_setting_or_the_wording(text: str, metric: str) -> None:
    assert one(text).metric == metric


def test_a_cost_is_a_claim_and_the_sums_behind_it_and_a_baseline_s_are_not() -> None:
    found = claims("Numbat matches the best designs at merely $3.2 cost compared with their $51.5.")
    assert [(c.value, c.unit, c.metric) for c in found] == [(3.2, "USD", "other")]
    found = claims("It saves nearly $120,000 ($30,000 vs. $150,000) over a year.")
    assert [(c.value, c.metric) for c in found] == [(120000.0, "other")]


@pytest.mark.parametrize(("text", "value", "metric"), [
    ("The numbat reaches 1.02 bits per byte on a wombat corpus.", 1.02, "quality"),
    ("It reaches 2.91 bits per dimension.", 2.91, "quality"),
    ("It is strong, for example 71.4 on the Wombat 2019 validation set.", 71.4, "accuracy"),
])
def test_a_compression_score_and_a_score_on_a_named_split_are_claims(text: str, value: float, metric: str) -> None:
    claim = one(text)
    assert (claim.value, claim.metric) == (value, metric)


@pytest.mark.parametrize(("text", "value"), [
    ("The solve rate rises from 12.5% with a single sample to 48% with 100 samples.", 48.0),
    ("The gap shrinks from 3.1% for the previous Numbat recipe to 0.6%.", 0.6),
    ("For Wombat-S the gap to BF16 shrinks to 0.6%, from 3.1% for the previous best recipe.", 0.6),
])
def test_the_level_a_change_starts_from_is_no_claim_whatever_stands_beside_it(text: str, value: float) -> None:
    assert [c.value for c in claims(text)] == [value]


@pytest.mark.parametrize(("text", "values"), [
    ("达成了在4张A800上将视频推理延迟由60秒降至25秒的效果", [25.0]),
    ("It renders 6 seconds of 1080p video in just 3 seconds on one GPU.", [3.0]),
])
def test_a_chinese_starting_level_and_the_length_of_a_video_are_no_claims(text: str, values: list[float]) -> None:
    assert [c.value for c in claims(text)] == values


@pytest.mark.parametrize(("text", "value", "unit", "metric"), [
    ("The numbat macro occupies 0.012 mm2 in 28nm.", 0.012, "mm²", "other"),
    ("Numbat-9B reaches an Elo of 1204 on the wombat arena.", 1204.0, None, "accuracy"),
    ("Numbat-Code reaches a Codeforces rating of 1712.", 1712.0, None, "accuracy"),
    ("Numbat-VL scores 702 on OCRBench.", 702.0, None, "accuracy"),
    ("It gives Numbat-4B a further 2.6-point gain on Wombat-Bench.", 2.6, "points", "accuracy"),
    ("It works, raising Wombat-Bench by +3.15.", 3.15, None, "accuracy"),
    ("The larger numbat lifts MMWombat to 41.5.", 41.5, None, "accuracy"),
])
def test_an_area_a_rating_and_a_benchmark_s_score_or_change_are_claims(text: str, value: float, unit: str | None,
                                                                         metric: str) -> None:
    claim = one(text)
    assert (claim.value, claim.unit, claim.metric) == (value, unit, metric)


@pytest.mark.parametrize(("text", "value", "metric"), [
    ("The best numbat configurations halve the FLOPs per forward pass.", 50.0, "compute"),
    ("On average Wombat-Bench improves by 0.71 over the state of the art.", 0.71, "accuracy"),
])
def test_a_plural_verb_halving_and_a_benchmark_that_improves_are_claims(text: str, value: float, metric: str) -> None:
    claim = one(text)
    assert (claim.value, claim.metric) == (value, metric)


def test_a_score_named_with_the_model_it_is_of_binds_its_level() -> None:
    claim = one("Numbat lowers the WikiText perplexity of Wombat-7B to 5.92.")
    assert (claim.value, claim.metric) == (5.92, "quality")


def test_a_compression_ratio_is_token_reduction_in_a_paper_that_compresses_prompts_and_no_model() -> None:
    found = claims("Numbat reaches a compression rate of 31x on a wombat QA set.")
    assert [c.metric for c in found] == ["storage"]
    assert [c.metric for c in with_token_compression(found, {"token-reduction"})] == ["token-reduction"]
    assert [c.metric for c in with_token_compression(found, {"token-reduction", "quantization"})] == ["storage"]
    assert [c.metric for c in with_token_compression(found, {"pruning-sparsity"})] == ["storage"]


@pytest.mark.parametrize(("text", "metric"), [
    ("Numbat masks are found at an order of magnitude less compute than wombat tickets.", "compute"),
    ("The scores need about 35% less GPU memory than backpropagation.", "memory"),
    ("It keeps training throughput 1.3x higher than memory-efficient attention.", "throughput"),
])
def test_a_change_compared_names_what_it_measures_right_after_it(text: str, metric: str) -> None:
    assert one(text).metric == metric


def test_a_multiple_of_a_named_kind_of_speed_is_a_result_though_at_opens_it() -> None:
    assert [(c.value, c.value_max, c.metric) for c in claims(
        "Numbat scales to 4096x4096 at 1.5-6x the inference speed of earlier wombats.")] == [(1.5, 6.0, "speedup")]


def test_a_length_in_tokens_reached_with_thousands_separators_is_a_token_count() -> None:
    found = claims("The average output length falls from 5,400 to 2,700 tokens and accuracy changes by under 0.5 points.")
    assert [(c.value, c.metric) for c in found] == [(2700.0, "token-reduction"), (0.5, "accuracy")]


def test_a_metric_word_after_another_absolute_figure_is_that_figures() -> None:
    found = claims("Numbat lowers the energy per sentence by 58% under a 50 ms latency target.")
    assert [(c.value, c.metric) for c in found] == [(58.0, "energy")]  # (the target itself is a bound set, no claim)


@pytest.mark.parametrize(("text", "units"), [
    ("It sustains 538 tokens/s per NPU even under a stringent 15 ms TPOT constraint.", ["tokens/s"]),
    ("Meeting a 50 ms time-per-output-token target requires 20 TB/s of bandwidth.", ["TB/s"]),
])
def test_a_time_bound_set_as_a_target_is_no_claim(text: str, units: list[str]) -> None:
    assert [c.unit for c in claims(text)] == units


@pytest.mark.parametrize("text", [
    "Numbat reduces the sample budget by up to 7.9 times.",
    "The average number of wombat recurrences drops by 2.4x with no loss.",
])
def test_a_multiple_cut_with_no_measure_named_is_work_saved(text: str) -> None:
    assert one(text).metric == "compute"


@pytest.mark.parametrize(("text", "metric"), [
    ("With Wombat-V3 it reaches a 1.6x higher solve rate than plain search.", "accuracy"),
    ("It boosts retrieval accuracy by 2.5x over the numbat baseline.", "accuracy"),
    ("It improves speculative decoding performance by 2.2x.", "speedup"),
    ("The INT8 numbat keeps similar accuracy as FP16 but achieves up to 4.1x better efficiency.", "speedup"),
    # a task's performance named in the clause: the task score's change
    ("Numbat keeps local context while improving task performance by 2x.", "accuracy"),
    ("Numbat has more than 5x performance improvement on the localization benchmarks.", "accuracy"),
    ("Numbat shows about 4x less performance degradation than the wombat.", "accuracy"),
])
def test_a_multiple_of_a_named_task_score_is_accuracy_and_of_performance_speed(text: str, metric: str) -> None:
    assert one(text).metric == metric


@pytest.mark.parametrize(("text", "metric"), [
    ("Numbat compresses a wombat ranking model by 24x at little cost.", "storage"),
    ("It reduces the size of the Gaussian representation by over 30x.", "storage"),
    ("It reduces the size by a factor of 12x to 30x on average.", "storage"),
    ("It reduces the size of the KV cache by 4x.", "memory"),
])
def test_a_model_or_representation_shrunk_by_a_multiple_is_smaller_in_storage(text: str, metric: str) -> None:
    assert one(text).metric == metric


@pytest.mark.parametrize(("text", "values", "metric"), [
    ("The numbat models use 2.35 bits per weight on average.", [2.35], "storage"),
    ("Double quantization saves about 0.41 bits per parameter.", [0.41], "memory"),
    ("We quantize the wombat to 4 bits per weight.", [], None),
    ("The numbat codebook costs only 0.0002 bits per weight.", [0.0002], "storage"),  # an overhead per weight
    ("The wombat's scales amount to only 0.06 bits per weight.", [0.06], "storage"),
])
def test_the_bits_a_method_spends_per_weight_are_a_claim_and_a_bit_width_is_not(text: str, values: list[float],
                                                                                 metric: str | None) -> None:
    found = claims(text)
    assert [c.value for c in found] == values
    assert all(c.metric == metric for c in found)


@pytest.mark.parametrize(("text", "value", "unit", "metric"), [
    ("Numbat can generate up to 14 tokens per target model iteration.", 14.0, "tokens/iteration", "other"),
    ("Wombat produces 0.12 more tokens per step than plain sampling.", 0.12, "tokens/step", "other"),
    ("It answers with about 60 tokens per answer instead of over 400.", 60.0, "tokens/answer", "token-reduction"),
    ("The numbat was trained in just 2.1K A100 GPU hours.", 2.1, "K GPU hours", "other"),
])
def test_tokens_per_unit_of_work_are_a_claim_of_their_own(text: str, value: float, unit: str, metric: str) -> None:
    claim = one(text)
    assert (claim.value, claim.unit, claim.metric) == (value, unit, metric)


@pytest.mark.parametrize("text", [
    "The 7B numbat keeps its accuracy within one point.",
    "The pruned numbat stays within 1 F1 point of the dense model.",
])
def test_a_margin_of_one_point_is_a_claim_in_words_or_digits(text: str) -> None:
    claim = one(text)
    assert (claim.value, claim.metric) == (1.0, "accuracy")


def test_each_size_listed_before_activated_parameters_is_a_claim_and_model_scales_are_not() -> None:
    found = claims("The numbat sizes come with 1.2B, 3.1B and 5.5B activated parameters respectively.")
    assert [c.value for c in found] == [1.2, 3.1, 5.5]
    assert claims("We train wombats across model scales of 150M, 350M and 1.3B parameters.") == []


@pytest.mark.parametrize(("text", "metric"), [
    ("The scheduler improves the cache hit ratio by 12%.", "other"),
    ("Keep-alive prediction lowers the cold-start rate by 2.1x.", "other"),
    ("The shared KV cache raises token reuse by 35%.", "other"),
    ("Packing jobs improves GPU efficiency by 40%.", "other"),
    ("Its arithmetic intensity is 4x higher than a dense kernel's.", "other"),
    ("It needs 0.5% of the pre-training budget to reach 95% of the original performance.", "other"),
    ("训练开销降低5倍。", "other"),
    ("Chunked prefill cuts time-per-output-token by 18%.", "latency-reduction"),
    ("The encoder processes 2.3x more images per second than DeiT-S.", "throughput"),
    ("The unit cuts the energy cost of integer multiplications by 70%.", "energy"),
    ("Idle-patch skipping lowers the complexity of the backbone by 25%.", "compute"),
    ("Idle-time thinking cuts the test-time compute needed to reach the same accuracy by 3x.", "compute"),
    ("The codec gives 21% larger space savings than gzip.", "storage"),
    ("The cost model reduces autotuning time by 5.2x.", "other"),
    ("It reaches the tuned kernel's speed with 3.1x fewer hardware measurements.", "other"),
    ("The fused kernel sustains 61.5 TFLOPS in bf16.", "throughput"),
    ("The wombat backbone costs 3.2 TFLOPs per clip.", "compute"),
    ("The first drafted token is accepted 70-80% of the time.", "other"),
    ("Interleaved stages shrink pipeline bubbles by 4.1x.", "other"),
    ("The hashing scheme compresses the input embeddings by 12x.", "storage"),
    ("One-step sampling is about 20 times cheaper than the 40-step teacher sampler.", "compute"),
    ("The checker adds only 2.1% of the cost of a full inference step.", "compute"),
    ("Batching cuts the serving cost by 35%.", "other"),
    ("The position remapping extends the context size of the wombat by 8x.", "other"),
    ("The tokenizer keeps 98% codebook usage.", "other"),
    ("The line buffer cuts DMA reads by up to 37x for weights.", "other"),
    ("Posit units give a 1.9x hardware efficiency improvement over integer MAC units.", "other"),
    ("The DSL needs about 8x fewer lines of code than hand-written kernels.", "other"),
    ("Kernels for 100-billion-parameter models gain 25% on geometric mean over cuBLAS.", "accuracy"),
])
def test_serving_training_and_hardware_measures_are_named_by_their_own_words(text: str, metric: str) -> None:
    assert claims(text)[0].metric == metric


def test_robustness_is_a_task_score() -> None:
    text = "It processes 1.5x more images per second, improving robustness by 3% over DeiT."
    assert [c.metric for c in claims(text)] == ["throughput", "accuracy"]


@pytest.mark.parametrize(("text", "values"), [
    ("Pruned from ViT-L/14 to 40% of its width, it keeps its accuracy.", [40]),
    ("It reaches 8.1% Pass@1 and 15.2% Pass@10.", [8.1, 15.2]),
])
def test_a_patch_size_or_a_pass_at_k_is_part_of_a_name_not_a_figure(text: str, values: list[float]) -> None:
    assert [c.value for c in claims(text)] == values


def test_the_same_figure_again_after_another_one_is_the_next_item_s_result() -> None:
    text = "It scores 5.2% Pass@1 and 11.0% Pass@10 on HumanEval and 5.2% Pass@1 and 17.3% Pass@10 on MBPP."
    assert [c.value for c in claims(text)] == [5.2, 11.0, 5.2, 17.3]
    assert [c.value for c in claims("It runs 2x faster (a 2x speed-up over the baseline).")] == [2]


@pytest.mark.parametrize(("text", "metric"), [
    ("On Sokoban it solves 64% of the puzzles versus 30% for the baseline.", "accuracy"),
    ("The prover solves an average of 41.5% (12/29) of the problems.", "accuracy"),
    ("At a 5% retention ratio it is 1.8 points ahead of the next-best method.", "accuracy"),
    ("Wrong answers consume 180% more tokens than right ones.", "other"),
    ("It emits 2.4x more tokens per second than the baseline.", "throughput"),
    ("Accelerator FLOPS have grown by 3.0x every two years.", "other"),
    ("Adapter pooling needs 3.2x fewer GPUs for rarely used adapters.", "other"),
    ("The 7B model beats the autoregressive baseline by 2.2% using the same context length.", "accuracy"),
    ("Each extra branch adds less than 8% to per-step decoding time.", "other"),
    ("A batch of 32 already attains 92% of peak throughput.", "throughput"),
    ("The reranker removes up to 70% of the context.", "token-reduction"),
    ("The pruned encoder keeps 97.5% of the teacher's R@1.", "accuracy"),
    ("The kernel sustains 80% of the reference kernel's MFU.", "other"),
])
def test_solve_rates_margins_lengths_trends_and_deployment_sizes_are_read_by_meaning(text: str, metric: str) -> None:
    assert claims(text)[0].metric == metric


def test_a_margin_by_a_relative_share_is_a_task_score() -> None:
    text = ("CLIPPING retains 88.1%-95.3% of the teacher's performance on three video-language retrieval benchmarks, "
            "MSR-VTT, MSVD and DiDeMo, with a vision encoder that is 19.5x smaller. On MSR-VTT it also outperforms the "
            "small state-of-the-art model All-in-one-B by a relative 7.4%, while using 29% fewer parameters.")
    assert [c.metric for c in claims(text) if c.value == 7.4] == ["accuracy"]


def test_a_rank_among_the_top_share_is_no_score() -> None:
    text = "It solves 53% of problems, ranking among the top 10% of contestants."
    assert [c.metric for c in claims(text)] == ["accuracy", "other"]


@pytest.mark.parametrize(("text", "value", "unit", "metric"), [
    ("The model reaches a test perplexity of at most 21.4 on LM1B.", 21.4, None, "quality"),
    ("At a 3x target speedup it loses only about 2 BLEU points relative to the full model.", 2, "points", "accuracy"),
    ("With only 100 training examples it gains 4.1 COMET points over plain KD.", 4.1, "points", "accuracy"),
    ("It reaches 29 APr on LVIS with a ViT-B/16 backbone.", 29, None, "accuracy"),
    ("It lowers the negative log-likelihood by up to 0.31 bits/dim.", 0.31, None, "quality"),
])
def test_scores_bounded_named_in_their_points_or_reached_on_a_benchmark_are_claims(
        text: str, value: float, unit: str | None, metric: str) -> None:
    claim = one(text)
    assert (claim.value, claim.unit, claim.metric) == (value, unit, metric)


def test_a_point_cloud_is_no_score() -> None:
    assert claims("Sparse kernels for 2D images do not carry over to 3D point clouds.") == []


@pytest.mark.parametrize(("text", "values"), [
    ("Accuracy improves markedly, 12% → 40.5% on algorithmic tasks and 70% → 91.2% on GSM8K.", [40.5, 91.2]),
    ("The 30% pruned model runs 1.4x faster than the dense one.", [1.4]),
    ("With a 75% masking ratio, pre-training runs 3x faster.", [3]),
    ("WomNet beats ShuffleNet 0.5x by 2.1% top-1 accuracy and has 9% lower latency than ShuffleNet 1.0x.", [2.1, 9]),
    ("WomAttention doubles the throughput.", [2]),
])
def test_starting_levels_pruning_and_masking_settings_and_width_multipliers_are_no_claims(
        text: str, values: list[float]) -> None:
    assert [c.value for c in claims(text)] == values


def test_decimals_listed_each_on_a_named_benchmark_are_task_scores() -> None:
    text = "It sets new results, e.g. 71.5 on AIME, 93.2 on MATH 500 and 70.9 on MathVista."
    assert [(c.value, c.metric) for c in claims(text)] == [(71.5, "accuracy"), (93.2, "accuracy"), (70.9, "accuracy")]
    assert [c.metric for c in claims("It reaches an FID of 2.1 on CIFAR10, 2.4 on FFHQ and 2.2 on AFHQv2.")] == ["quality"] * 3
    assert claims("The depth error reaches an AbsRel of 6.1 on NYUv2 and 7.9 on KITTI.")[0].metric == "quality"


def test_a_bare_margin_is_a_speed_up_in_a_paper_that_only_makes_inference_faster() -> None:
    found = claims("NumDraft outperforms static draft lengths by up to 40% on Wombat-7B, 65% on Wombat-70B, "
                   "and keeps 99.1% accuracy.")
    assert [c.metric for c in found] == ["accuracy", "accuracy", "accuracy"]
    assert [c.metric for c in with_speed_margins(found, {"speculative-decoding"})] == ["speedup", "speedup", "accuracy"]
    assert [c.metric for c in with_speed_margins(found, {"speculative-decoding", "quantization"})] == ["accuracy"] * 3
    scored = claims("The kernel library outperforms the baseline by 12% in top-1 accuracy.")
    assert [c.metric for c in with_speed_margins(scored, {"hardware-kernel"})] == ["accuracy"]


@pytest.mark.parametrize(("text", "metric"), [
    ("It gives a 21% end-to-end wall-clock speedup at inference time.", "speedup"),
    ("We compress the communicated activations by 3-4x.", "other"),
    ("The dense student preserves 98.1% of the benefit of the MoE teacher.", "accuracy"),
    ("It also speeds up training, and the objective converges in about half the training epochs of plain KD.", "other"),
])
def test_a_speedup_noun_communication_a_benefit_kept_and_training_epochs_are_read_by_their_words(
        text: str, metric: str) -> None:
    assert one(text).metric == metric


def test_a_setting_s_own_weak_noun_names_no_result_s_measure() -> None:
    text = "At 60% sparsity, Wombat models pruned with our search gain 3.9% and 5.2% respectively over uniform baselines."
    assert [(c.value, c.metric) for c in claims(text)] == [(3.9, "accuracy"), (5.2, "accuracy")]
    assert one("It yields a 17% inference kernel speed-up over FlashAttention2.").metric == "speedup"


def test_an_absolute_gain_is_a_task_score_and_a_named_share_may_be_followed_by_a_clause() -> None:
    text = "With 30% fewer FLOPs, WomPrompt achieves an absolute gain of 2.9% on novel classes."
    assert [(c.value, c.metric) for c in claims(text)] == [(30, "compute"), (2.9, "accuracy")]
    assert one("The half-width encoder keeps 97.2% of the teacher's TR@1 and beats the rest.").metric == "accuracy"


def test_a_bracketed_gain_after_a_score_on_a_benchmark_is_read_with_the_score() -> None:
    found = claims("The 7B wombat gets better results, including 61.2% (+20.5%) on AIME 2024 and 48.0% (+6.1%) on LiveCodeBench.")
    assert [(c.value, c.metric) for c in found] == [(61.2, "accuracy"), (20.5, "accuracy"), (48.0, "accuracy"),
                                                    (6.1, "accuracy")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The systolic array sustains 58.3 MAC/cycle at 600 MHz.", [(58.3, "throughput")]),
    ("Iterative preference learning adds more than four points on top of it.", [(4, "accuracy")]),
    ("The trimmed model decreases FID by 2.31 under 4 sampling steps.", [(2.31, "quality")]),
    ("It fine-tunes with less than one-hundredth of the memory of full training.", [(100, "memory")]),
    ("The wombat shrinks models by 41.2% and 63.8% at iso-accuracy.", [(41.2, "storage"), (63.8, "storage")]),
    ("The keyword spotter needs 3.9x less Flash than a quantized MobileNetV2.", [(3.9, "storage")]),
    ("It matches the dense student using 8x less image data than its counterpart.", [(8, "other")]),
])
def test_work_per_cycle_gains_in_words_word_fractions_and_named_shrinkage(text: str, expected: list) -> None:
    assert [(c.value, c.metric) for c in claims(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The chip has 192 MB of on-chip SRAM and 64 GB of LPDDR5 memory.", []),
    ("Compression cuts transfer time by an order of magnitude over 50 Mbps links.", [(10, "x")]),
    ("Streaming keeps the word error rate within 1.2% at a chunk size of 2 seconds.", [(1.2, "%")]),
])
def test_a_chips_memories_a_links_rate_and_a_chunk_length_are_settings(text: str, expected: list) -> None:
    assert [(c.value, c.unit) for c in claims(text)] == expected


def test_memory_a_result_fits_within_is_a_result_even_on_a_named_chip() -> None:
    assert [(c.value, c.unit) for c in claims("It trains on device within 192KB of SRAM on an STM32F746.")] == [
        (192, "KB")]
    assert [(c.value, c.unit) for c in claims("The tracker runs while using 640 MB of memory.")] == [(640, "MB")]
    assert [(c.value, c.unit) for c in claims("It serves with a 13 GB memory footprint on one RTX 4090.")] == [
        (13, "GB")]
    assert claims("The host has 512 GB of memory.") == []


@pytest.mark.parametrize(("text", "value"), [
    ("The cost model reaches a Kendall's tau of 0.71 on the tile collection.", 0.71),
    ("The sensitivity score achieves a rank correlation of 0.88 with the final quantized accuracy.", 0.88),
])
def test_a_correlation_binds_the_bare_number_after_it(text: str, value: float) -> None:
    claim = one(text)
    assert (claim.value, claim.metric) == (value, "other")


def test_a_parts_share_of_the_time_is_a_breakdown_and_a_share_removed_is_a_cut() -> None:
    assert one("Softmax alone takes 38% of the decode time on long prompts.").metric == "other"
    assert one("The idle engine ends up consuming up to 41% of the attention runtime.").metric == "other"
    assert one("Our scheduler removes 38% of the decode time.").metric == "latency-reduction"


def test_a_larger_batch_or_burst_is_a_load_and_a_larger_model_is_parameters() -> None:
    assert one("The paged allocator admits batch sizes up to 3.6x larger.").metric == "other"
    assert one("The autoscaler absorbs bursts 2.2x larger than before.").metric == "other"
    assert one("The teacher is 12x larger than the student.").metric == "parameters"


def test_scores_listed_on_benchmarks_after_an_error_rate_are_error_rates() -> None:
    text = ("The wombat recogniser reaches WERs of 2.1% and 4.4% on two test sets respectively, 8.7% on TED-LIUM "
            "and 3.3% on VoxPopuli.")
    assert [(c.value, c.metric) for c in claims(text)] == [(2.1, "quality"), (4.4, "quality"), (8.7, "quality"),
                                                           (3.3, "quality")]
    text = "Its validation loss stays close to the baseline, and it reaches 61.5% on MMLU-Pro."
    assert one(text).metric == "accuracy"


def test_two_levels_in_brackets_after_the_change_between_them_are_no_claims() -> None:
    assert [c.value for c in claims("The wombat adapter gives a 1.7% accuracy gain (61.2% to 62.9%).")] == [1.7]
    assert [c.value for c in claims("Pruning brings a boost of 2.4% (47.5% vs. 45.1%) on LVIS.")] == [2.4]
    assert [c.value for c in claims("On GSM8K it trails the teacher in accuracy (41.3% vs 44.0%).")] == [41.3]


def test_a_share_of_a_gap_closed_is_in_the_score_the_gap_is_of() -> None:
    assert one("For 2:4 sparse wombats it closes more than 70% of the gap to the dense model.").metric == "accuracy"
    assert one("The numbat closes 95.1% of the perplexity gap to attention.").metric == "quality"


def test_an_f_score_named_before_a_bare_level_binds_it() -> None:
    claim = one("It runs fast, raising the F-score on ABO to 0.712.")
    assert (claim.value, claim.unit) == (0.712, None)


def test_a_count_a_verb_says_fell_from_one_level_to_another_is_the_level_reached() -> None:
    claim = one("With the wombat drafter the number of decoding steps falls from 512 to 133.")
    assert (claim.value, claim.metric) == (133, "other")
    assert claims("We vary the sampling steps from 1 to 8 steps.") == []


def test_a_count_of_tunable_parameters_is_a_result_and_a_models_size_is_not() -> None:
    assert [(c.value, c.unit) for c in claims("The wombat adapter has 2.3M tunable parameters.")] == [(2.3, "M")]
    assert claims("The 7B wombat has 6.7B parameters.") == []


def test_a_chinese_score_held_against_a_baseline_binds_the_bare_difference() -> None:
    claim = one("在袋熊-70B上困惑度与GPTQ相差不到0.3。")
    assert (claim.value, claim.metric, claim.condition) == (0.3, "quality", "less than")
