"""Baseline, condition and scope read from the window around a figure."""

from __future__ import annotations

from ingest.claim_context import Span, read_baseline, read_condition, read_leading_baseline, read_scope
from ingest.numbers import find_quantities


def _whole(text: str) -> Span:
    return Span(0, len(text))


def test_baseline_is_what_the_figure_is_compared_with() -> None:
    assert read_baseline("2.3x faster than vLLM on A100", _whole("2.3x faster than vLLM on A100")) == "vLLM"
    assert read_baseline("相比FP16基线提升2倍", _whole("相比FP16基线提升2倍")) == "FP16基线"
    assert read_baseline("reaches 2.3x speedup", _whole("reaches 2.3x speedup")) is None
    assert read_baseline("over 60x faster", _whole("over 60x faster")) is None  # a modifier, not a baseline


def test_leading_baseline_opens_the_sentence() -> None:
    text = "Compared with the FP16 baseline, X yields 2.3x speedup"
    first, rest = Span(0, 31), Span(32, len(text))
    assert read_leading_baseline(text, first, rest) == "FP16 baseline"
    assert read_leading_baseline(text, first, first) is None  # the figure's own clause is not "leading"


def test_condition_joins_modifier_and_setting() -> None:
    text = "up to 3x speedup at 32k context length"
    q = find_quantities(text)[0]
    assert read_condition(text, _whole(text), q) == "up to; at 32k context length"
    zh = "最高提速3倍"
    assert read_condition(zh, _whole(zh), find_quantities(zh)[0]) == "up to"


def test_scope_is_the_nearest_scope_word() -> None:
    text = "training is 2x cheaper and attention runs 3x faster"
    quantities = find_quantities(text)
    assert [read_scope(text, _whole(text), q) for q in quantities] == ["training", "attention"]
    assert read_scope("3x faster", _whole("3x faster"), find_quantities("3x faster")[0]) is None
