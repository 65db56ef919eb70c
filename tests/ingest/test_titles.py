"""Title repair: what is removed, what is re-joined, and what must be left alone."""

import pytest

from ingest.titles import clean_title, rejoin_hyphenation, report_vocabulary

VOCAB = report_vocabulary("we linearize attention in large language models that are representative "
                          "of real time one step processing")


@pytest.mark.parametrize("raw, expected", [
    ("SURGERY: A RECIPE TO LIN-EARIZE YOUR MODEL", "SURGERY: A RECIPE TO LINEARIZE YOUR MODEL"),
    ("BEYOND SPARSITY IN DIFFUSION TRANSFORM-ERS", "BEYOND SPARSITY IN DIFFUSION TRANSFORMERS"),
    ("SPARSE ATTEN-TION FOR DIFFUSION LAN-GUAGE MODELS", "SPARSE ATTENTION FOR DIFFUSION LANGUAGE MODELS"),
    ("VIA REP-RESENTATIVE HEADS", "VIA REPRESENTATIVE HEADS"),
])
def test_line_break_hyphens_are_rejoined(raw, expected):
    assert clean_title(raw, VOCAB) == expected


@pytest.mark.parametrize("title", [
    "Asymmetric VAE for One-Step Video Super-Resolution",
    "TY-RIST: Tactical YOLO Tricks for Real-time Detection",
    "DC-Gen: Post-Training Diffusion Acceleration",
    "BALR-SAM: Boundary-Aware Low-Rank Adaptation of SAM",
    "INFLLM-V2: DENSE-SPARSE SWITCHABLE ATTENTION FOR SHORT-TO-LONG ADAPTATION",
    "ROLLING FORCING: LONG VIDEO DIFFUSION IN REAL-TIME",
])
def test_real_hyphens_and_casing_are_kept(title):
    assert clean_title(title, VOCAB) == title


def test_without_vocabulary_only_suffix_fragments_are_joined():
    assert clean_title("QUANTIZA-TION AND ONE-STEP") == "QUANTIZATION AND ONE-STEP"
    assert rejoin_hyphenation("School of Communica- tions and Brain- Inspired Intelligence") == \
        "School of Communications and Brain-Inspired Intelligence"


@pytest.mark.parametrize("raw, expected", [
    ("Fast Video Decoding FAST VIDEO DECODING", "Fast Video Decoding"),
    ("Under review as a conference paper at ICLR 2026 GRACE-MOE: EFFICIENT MOE", "GRACE-MOE: EFFICIENT MOE"),
    ("Published as a conference paper at NeurIPS 2025 Tiny Things", "Tiny Things"),
    ("Preprint. Tiny Things", "Tiny Things"),
    ("P r e p r i n t . U n d e r R e v i e w . MoE-X: One checkpoint", "MoE-X: One checkpoint"),
    ("RESTORING IMAGES VIA FLOW A PREPRINT", "RESTORING IMAGES VIA FLOW"),
    ("REAL-TIME SEGMENTATION FOR DIVERSE CONDITIONS *", "REAL-TIME SEGMENTATION FOR DIVERSE CONDITIONS"),
    ('"Explainable Detection: A Dual-Eye Approach"', "Explainable Detection: A Dual-Eye Approach"),
    ("D 2 CACHE: ACCELERATING LLMS VIA CACHING", "D²CACHE: ACCELERATING LLMS VIA CACHING"),
    ("S 2 NN: Sub-bit Spiking Neural Networks", "S²NN: Sub-bit Spiking Neural Networks"),
    ("   ", ""),
])
def test_extraction_damage_is_removed(raw, expected):
    assert clean_title(raw, VOCAB) == expected


def test_vocabulary_ignores_fragments_next_to_hyphens():
    vocab = report_vocabulary("we lin-earize models; the transform-ers are fast")
    assert {"we", "models", "the", "are", "fast"} <= vocab
    assert not {"lin", "earize", "transform", "ers"} & vocab


def test_a_conference_banner_before_the_title_goes():
    assert clean_title("37th Conference on Neural Information Processing Systems (NeurIPS 2023). QuIP: 2-Bit "
                       "Quantization of Large Language Models With Guarantees") == (
        "QuIP: 2-Bit Quantization of Large Language Models With Guarantees")
    assert clean_title("Proceedings of the 41st International Conference on Machine Learning, Vienna, Austria. "
                       "PMLR 235, 2024. Foo: Fast Bar") == "Foo: Fast Bar"
    assert clean_title("Conformer-Based Speech Models for Edge Devices") == "Conformer-Based Speech Models for Edge Devices"


def test_a_line_break_right_after_a_compound_hyphen_is_rejoined() -> None:
    vocabulary = report_vocabulary("an efficient design and efficient training")
    assert clean_title("Attention with Hardware-Effi-cient Training", vocabulary) == (
        "Attention with Hardware-Efficient Training")


def test_a_venue_banner_without_a_year_ends_with_the_venue_name() -> None:
    assert clean_title("Proceedings of the 40th International Conference on Machine Learning Fast Sparse "
                       "Decoding") == "Fast Sparse Decoding"
    assert clean_title("Machine Learning for Systems") == "Machine Learning for Systems"


def test_a_compound_stays_hyphenated_even_where_the_report_also_writes_it_closed_up() -> None:
    vocabulary = report_vocabulary("we study finetuning and autoregressive decoding of models")
    assert clean_title("Efficient Fine-tuning of Auto-regressive Models", vocabulary) == (
        "Efficient Fine-tuning of Auto-regressive Models")
    assert clean_title("EFFICIENT FINE-TUNING FOR LLMS", vocabulary) == "EFFICIENT FINE-TUNING FOR LLMS"
    # a break inside a word is still mended
    assert clean_title("Efficient Finetun-ing of Models", vocabulary) == "Efficient Finetuning of Models"


def test_a_space_before_the_colon_is_removed() -> None:
    assert clean_title("FooRate : Learned Rates for Bar") == "FooRate: Learned Rates for Bar"


def test_a_venue_and_year_in_brackets_or_before_a_colon_is_not_the_title() -> None:
    for raw in ("[ICLR 2025] FooNet: Fast Bar", "(NeurIPS 2024 Spotlight) FooNet: Fast Bar",
                "ICML 2024: FooNet: Fast Bar", "FooNet: Fast Bar [ACL 2024]"):
        assert clean_title(raw) == "FooNet: Fast Bar"
    assert clean_title("Mamba-2 (2024): Fast") == "Mamba-2 (2024): Fast"  # a year alone is no venue
    assert clean_title("Llama 2 (7B) Serving") == "Llama 2 (7B) Serving"


def test_an_upper_case_copy_before_the_title_is_dropped() -> None:
    assert clean_title("FOONET: FAST BAR FooNet: Fast Bar") == "FooNet: Fast Bar"


def test_a_space_after_a_hyphen_before_a_fragment_is_a_line_break() -> None:
    vocabulary = report_vocabulary("we study efficient decoding of models")
    assert clean_title("Foo: Accel- erating Bar", vocabulary) == "Foo: Accelerating Bar"
    assert clean_title("Foo: Memory- efficient Bar", vocabulary) == "Foo: Memory-efficient Bar"
    assert clean_title("Foo: Self- attention Bar", vocabulary) == "Foo: Self-attention Bar"


def test_a_line_break_inside_a_word_the_report_does_not_use_elsewhere_is_mended() -> None:
    vocabulary = report_vocabulary("We run robots and report results.")
    assert clean_title("Dynamic Inference for Efficient Robot Exe-cution", vocabulary) == \
        "Dynamic Inference for Efficient Robot Execution"
    # a compound of two words stays one
    assert clean_title("Fine-grained Re-thinking of Co-design", vocabulary) == "Fine-grained Re-thinking of Co-design"


def test_a_break_whose_tail_is_a_word_but_whose_head_is_none_is_mended() -> None:
    vocabulary = report_vocabulary("a low-rank decomposition of the weights at every position")
    assert clean_title("Weight Decom- position for Fast Models", vocabulary) == "Weight Decomposition for Fast Models"
    # a head that is a word keeps the hyphen ("Post- training" stays a compound)
    assert clean_title("Fast Post- Training", vocabulary) == "Fast Post-Training"


def test_inline_tex_in_a_title_reads_as_plain_symbols() -> None:
    assert clean_title("An $L_1$ Penalty for Sparse Heads") == "An L1 Penalty for Sparse Heads"
    assert clean_title("Adaptive Top-$k$ Routing in $\\mathcal{O}(n)$ Time") == "Adaptive Top-k Routing in O(n) Time"
    assert clean_title("Serving LLMs for $5 to $10 a Day") == "Serving LLMs for $5 to $10 a Day"  # prices stay


@pytest.mark.parametrize("title", ["Thermal- and Power-Aware Scheduling", "Pre- or Post-Training Quantization",
                                   "Token- to Layer-Level Sparsity"])
def test_a_hyphen_suspended_before_a_conjunction_keeps_its_space(title: str) -> None:
    assert clean_title(title, report_vocabulary("thermal and power aware scheduling of layers")) == title


def test_a_short_prefix_cut_off_by_a_line_break_joins_where_the_text_writes_the_word_whole():
    vocab = report_vocabulary("de la Cruz et al. study coding and decoding; decoding is fast")
    assert rejoin_hyphenation("Early De- coding", vocab) == "Early Decoding"
    assert rejoin_hyphenation("Early De- coding", report_vocabulary("de la Cruz study coding")) == "Early De-coding"
