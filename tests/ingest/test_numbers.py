"""Quantity parsing: every number form of the report format, in Chinese and English."""

import pytest

from ingest.numbers import find_quantities


def only(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "value", "value_max", "unit", "modifier"), [
    ("模型加速了42.5倍", 42.5, None, "x", None),
    ("a 2.75× gain", 2.75, None, "x", None),
    ("runs 2.75x quicker", 2.75, None, "x", None),
    ("a 7 times smaller cache", 7, None, "x", None),
    ("a 12-fold cut", 12, None, "x", None),
    ("speedups of 1.30-1.90× overall", 1.30, 1.90, "x", None),
    ("speedups of 1.30–1.90x overall", 1.30, 1.90, "x", None),
    ("提速3.5-7.2倍", 3.5, 7.2, "x", None),
    ("gains of 1.2x-4.4x", 1.2, 4.4, "x", None),
    ("最高5倍的吞吐", 5, None, "x", "up to"),
    ("up to 5x higher throughput", 5, None, "x", "up to"),
    ("快80倍以上", 80, None, "x", "at least"),
    ("over 80x faster", 80, None, "x", "at least"),
    ("超72%的请求", 72, None, "%", "at least"),
    ("实现亚30ms延迟", 30, None, "ms", "less than"),
    ("sub-30 ms latency", 30, None, "ms", "less than"),
    ("an accuracy drop (< 3%)", 3, None, "%", "less than"),
    ("about 12% fewer steps", 12, None, "%", "about"),
    ("能耗降低35%", 35, None, "%", None),
    ("a 35% reduction", 35, None, "%", None),
    ("a 35％ reduction", 35, None, "%", None),
    ("storage drops by 20-30%", 20, 30, "%", None),
    ("ratios of 0.5%-2.5% of the input", 0.5, 2.5, "%", None),
    ("gains of 2.1 percentage points", 2.1, None, "points", None),
    ("processes 6.4 slides/分钟", 6.4, None, "slides/min", None),
    ("at 120 frames per second", 120, None, "fps", None),
    ("达到120帧/秒", 120, None, "fps", None),
    ("生成一段视频仅需4.5秒", 4.5, None, "s", None),
    ("in 4.5 s per image", 4.5, None, "s", None),
    ("a latency of 85 ms", 85, None, "ms", None),
    ("serves 12,500 tokens/s", 12500, None, "tokens/s", None),
    ("serves 900 tokens per second", 900, None, "tokens/s", None),
    ("needs only 6 GPU days", 6, None, "GPU days", None),
    ("uses 3.2 GB of memory", 3.2, None, "GB", None),
    ("costs 11.5 GFLOPs", 11.5, None, "GFLOPs", None),
    ("draws 2.5 J per token", 2.5, None, "J", None),
    ("reaches 31.2 dB PSNR", 31.2, None, "dB", None),
])
def test_number_forms(text, value, value_max, unit, modifier):
    q = only(text)
    assert q.value == pytest.approx(value)
    assert q.value_max == (pytest.approx(value_max) if value_max is not None else None)
    assert q.unit == unit
    assert q.modifier == modifier
    assert q.text in text
    assert text[q.start:q.end] == q.text


def test_bare_score_has_no_unit():
    q = only("Dice = 0.912 on the test split")
    assert (q.value, q.unit, q.kind) == (0.912, None, None)


def test_percent_after_metric_name():
    q = only("AUROC 98.4% on the benchmark")
    assert (q.value, q.unit) == (98.4, "%")


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("速度提升三倍", 3, "x"),
    ("快两倍", 2, "x"),
    ("提速十二倍", 12, "x"),
    ("显存减少一半", 50, "%"),
])
def test_chinese_numerals_where_they_carry_results(text, value, unit):
    q = only(text)
    assert (q.value, q.unit) == (value, unit)


def test_chinese_numeral_counts_are_not_quantities():
    assert find_quantities("在五个数据集和三个任务上验证") == []


@pytest.mark.parametrize("text", [
    "we fine-tune Qwen-2.5-14B and LLaVA-1.6",
    "top-1 accuracy is reported",
    "weights in FP8 and W4A16",
    "videos at 1080×1920 resolution",
    "the 2:4 pattern",
    "released on 2025-10-15",
    "version 1.2.3 of the library",
    "the network runs in half-precision",  # a number format, not half of anything
    "it runs in half precision on the GPU",
])
def test_identifiers_resolutions_ratios_and_dates_are_skipped(text):
    assert find_quantities(text) == []


def test_gpu_name_is_not_an_hour_count():
    assert [q.unit for q in find_quantities("trained for 3 days on 32 H100 GPUs")] == ["days", None]


@pytest.mark.parametrize(("text", "unit", "kind"), [
    ("a 4K image", "K", "count"),
    ("at 128k context", "K", "count"),
    ("a 1.3B model", "B", "count"),
    ("4-bit weights", "bit", "bits"),
    ("in 8 steps", "steps", "steps"),
])
def test_counts_and_settings_are_classified(text, unit, kind):
    q = only(text)
    assert (q.unit, q.kind) == (unit, kind)


def test_several_quantities_in_order():
    values = [q.value for q in find_quantities("延迟降低1.7x，吞吐提升2.4x，内存减少30%")]
    assert values == [1.7, 2.4, 30]


def test_range_with_different_units_is_not_one_range():
    found = find_quantities("from 3x to 20 ms")
    assert [(q.value, q.value_max, q.unit) for q in found] == [(3, None, "x"), (20, None, "ms")]


def test_a_plus_after_a_number_is_at_least() -> None:
    found = find_quantities("It runs at 75+ FPS on a laptop CPU.")
    assert [(q.value, q.unit, q.modifier) for q in found] == [(75, "fps", "at least")]


def test_bare_numbers_listed_before_a_unit_share_it() -> None:
    found = find_quantities("It gains 2.1, 0.8 and 1.6 points, and is 7, 5 and 3 times faster.")
    assert [(q.value, q.unit) for q in found] == [(2.1, "points"), (0.8, "points"), (1.6, "points"),
                                                  (7, "x"), (5, "x"), (3, "x")]
    assert [(q.value, q.unit) for q in find_quantities("on a Snapdragon 888 and 2x less power")][-1] == (2, "x")
    assert [(q.value, q.value_max, q.unit) for q in find_quantities("between 1.2 and 2.4 times")] == [(1.2, 2.4, "x")]


def test_figures_listed_with_respectively_share_the_last_ones_unit() -> None:
    found = find_quantities("The chip draws 12, 20 and 31 mW for the three modes, respectively.")
    assert [(q.value, q.unit) for q in found] == [(12, "mW"), (20, "mW"), (31, "mW")]
    # without "respectively" a bare number before a measured one may count something else
    assert [(q.value, q.unit) for q in find_quantities("It uses 4 and 16 GB of memory.")] == [(4, None), (16, "GB")]


def test_a_resolution_in_chinese_is_no_score() -> None:
    # "分" after a number is a score in points, but "分辨率" is resolution
    assert [(q.value, q.unit) for q in find_quantities("在1/16分辨率上匹配，MMLU上取得66.3分")] == [
        (1.0, None), (16.0, None), (66.3, "points")]


def test_a_fraction_of_what_a_baseline_takes_is_a_share_or_a_multiple():
    def read(text):
        return [(q.value, q.unit) for q in find_quantities(text)]
    assert read("It runs with less than 1/1000 of the memory of PyTorch.") == [(1000.0, "x")]
    assert read("It needs roughly 1/4 of the training FLOPs.") == [(25.0, "%")]
    # a fraction that sets something up is no result: "rank 1/16 of the hidden size"
    assert (16.0, "x") not in read("Rank 1/16 of the hidden size is used.")


def test_a_multiple_written_as_a_factor_is_a_ratio():
    def read(text):
        return [(q.value, q.unit, q.modifier) for q in find_quantities(text)]
    assert read("It cuts decoding time by a factor of 5 on long inputs.") == [(5.0, "x", None)]
    assert read("The encoder shrinks activations by a factor of about 3.2.") == [(3.2, "x", "about")]
    assert read("Its speed comes within a factor of three of the GAN.") == [(3.0, "x", None)]
    # a real-time factor or a scaling factor is a figure of its own or a setting, not a multiple
    assert read("It runs at a real-time factor of 0.05.") == [(0.05, None, None)]
    assert read("Logits use a scaling factor of 4.") == [(4.0, None, None)]


def test_two_figures_of_one_unit_after_between_are_one_range() -> None:
    [q] = find_quantities("Speed-ups lie between 12% and 41% on the three workloads.")
    assert (q.value, q.value_max, q.unit) == (12.0, 41.0, "%")
    # not after "between", or falling: two figures
    assert [q.value for q in find_quantities("It gains 12% and 41% on the two sets.")] == [12.0, 41.0]
    assert [q.value for q in find_quantities("between 41% and 12% of the rows")] == [41.0, 12.0]


@pytest.mark.parametrize(("text", "unit", "kind"), [
    ("A read completes in 214 ns.", "ns", "time"),
    ("The comparator settles in 410 ps.", "ps", "time"),
    ("Each synaptic operation costs 2.8 pJ.", "pJ", "energy"),
    ("A MAC takes 35 fJ and a fetch 1.9 nJ.", "fJ", "energy"),
])
def test_nano_and_pico_scales_are_units_of_their_own(text: str, unit: str, kind: str) -> None:
    q = find_quantities(text)[0]
    assert (q.unit, q.kind) == (unit, kind)


def test_a_power_is_no_figure_of_its_exponent() -> None:
    assert [(q.value, q.unit) for q in find_quantities("For a budget of 10^24 FLOPs it is 3x faster.")] == [(3.0, "x")]


@pytest.mark.parametrize(("text", "value", "unit", "modifier"), [
    ("It costs $5.6 per run.", 5.6, "USD", None),
    ("It was trained for only $150k.", 150.0, "K USD", None),
    ("It saves nearly $120,000 a year.", 120000.0, "USD", "about"),
    ("It was trained with less than $0.2 million.", 0.2, "M USD", "less than"),
])
def test_a_sum_of_money_is_a_cost_with_its_scale_in_the_unit(text: str, value: float, unit: str,
                                                              modifier: str | None) -> None:
    [q] = find_quantities(text)
    assert (q.value, q.unit, q.kind, q.modifier) == (value, unit, "cost", modifier)


def test_operations_per_joule_are_an_energy_efficiency() -> None:
    [q] = find_quantities("It reaches 5.2 GOPS/J on a wombat core.")
    assert (q.value, q.unit, q.kind) == (5.2, "GOP/J", "energy")
