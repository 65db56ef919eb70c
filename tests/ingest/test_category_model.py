"""The category model that re-weighs the rules' technique categories: what it reads, how it decides, and that
the shipped weights are the ones its training script gives from the development sets alone."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from ingest import techniques
from ingest.category_model import (
    WEIGHTS_PATH,
    CategoryModel,
    category_features,
    load_category_model,
    model_from_dict,
    model_reads_alone,
)
from ingest.techniques import extract_techniques, paper_category_features
from ontology.load import TECHNIQUE_ORDER, load_ontology

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_GOLD = ROOT.parent / "shared" / "data" / "gold"


def _model(weights: dict[str, list[float]], intercepts: list[float],
           categories: tuple[str, ...] = ("kv-cache", "quantization", "other")) -> CategoryModel:
    return model_from_dict({"categories": list(categories), "keep_below": 0.03, "add_above": 0.6,
                            "never_added": ["other"], "keep_below_for": {"other": 0.02},
                            "intercepts": intercepts, "weights": weights})


def test_features_say_where_a_technique_is_named_and_how_often() -> None:
    onto = load_ontology()
    title, brief, abstract = "KVQuant: KV Cache Quantization", "某团队提出了量化方法", "We quantize the KV cache. KV cache"
    text = f"{title}\n{brief}\n{abstract}"
    features = category_features(onto, title, brief, text, (3, 7), onto.technique_index.find(text),
                                 {"quantization"})
    assert set(features["r"]) == {"quantization"}
    assert "kv-cache" in features["cT"] and "quantization" in features["cB"]
    assert {"kv-cache", "kv-cache*2"} <= set(features["cA"]) and "kv-cache*3" not in features["cA"]
    assert {"kvquant", "cache"} <= set(features["t"]) and "kv_cache" in features["t2"]
    assert {"we", "quantize"} <= set(features["a"]) and "quantize" not in features["t"]
    assert set(features["m"]) == set("提出了量")  # the method clause's characters, as the span says
    assert "某" in features["b"]


def test_a_rules_category_goes_only_when_the_model_all_but_rules_it_out() -> None:
    model = _model({"a:decoding": [-8.0, 0.0, 0.0], "a:cache": [-2.0, 0.0, 0.0]}, [0.0, 0.0, 0.0])
    rules = {"kv-cache", "other"}
    unsure = model.scores({"a": dict.fromkeys(["cache"])})  # probability of kv-cache about 0.12
    assert model.decide(rules, unsure) == rules
    ruled_out = model.scores({"a": dict.fromkeys(["decoding"])})
    assert model.decide(rules, ruled_out) == {"other"}


def test_other_goes_only_under_its_stricter_bar_and_is_never_added() -> None:
    model = _model({"a:aside": [0.0, 0.0, -3.7], "a:none": [0.0, 0.0, -8.0], "a:surely": [0.0, 0.0, 9.0]},
                   [0.0, 2.0, 0.0])
    rules = {"quantization", "other"}
    # probability 0.024: another category would go (under 3%), `other` stays (not under 2%)
    assert model.decide(rules, model.scores({"a": dict.fromkeys(["aside"])})) == rules
    assert model.decide(rules, model.scores({"a": dict.fromkeys(["none"])})) == {"quantization"}
    # however sure the model is, `other` comes only from the rules
    assert model.decide({"quantization"}, model.scores({"a": dict.fromkeys(["surely"])})) == {"quantization"}


def test_a_paper_is_never_left_without_a_category() -> None:
    # the model rules out the rules' only category and is confident of none: its likeliest one stands
    model = _model({"a:decoding": [-8.0, -2.0, -8.0]}, [0.0, 0.0, 0.0])
    assert model.decide({"kv-cache"}, model.scores({"a": dict.fromkeys(["decoding"])})) == {"quantization"}


def test_a_category_the_rules_missed_comes_only_when_the_model_is_confident() -> None:
    model = _model({"b:量": [0.0, 3.0, 5.0], "b:化": [0.0, 0.2, 0.0]}, [-6.0, -2.0, -3.0])
    assert model.decide({"other"}, model.scores({"b": dict.fromkeys(["化"])})) == {"other"}
    # quantization's log-odds reach 1.0 (probability 0.73 > 0.6); `other` is never added by the model
    assert model.decide({"other"}, model.scores({"b": dict.fromkeys(["量"])})) == {"other", "quantization"}


def test_extraction_follows_the_models_decision(monkeypatch: pytest.MonkeyPatch) -> None:
    title, brief, abstract = "", "", "We quantize weights to 4 bits with GPTQ and evict tokens from the KV cache."
    assert {c for t in extract_techniques(title, brief, abstract) for c in t.categories} >= {"quantization", "kv-cache"}
    categories = ("quantization", "kv-cache", "speculative-decoding")
    # a model that rules out the KV cache and is sure the paper is about speculative decoding
    sure = _model({"a:evict": [0.0, -9.0, 9.0]}, [5.0, 5.0, -5.0], categories)
    monkeypatch.setattr(techniques, "load_category_model", lambda: sure)
    found = extract_techniques(title, brief, abstract)
    assert {c for t in found for c in t.categories} == {"quantization", "speculative-decoding"}
    assert "tech:speculative-decoding" in {t.id for t in found}  # the category's own concept stands for it
    assert "GPTQ" in {t.name for t in found}  # techniques of a category that stays are kept


def test_the_shipped_model_covers_the_vocabulary_and_never_adds_other() -> None:
    model = load_category_model()
    assert set(model.categories) <= set(TECHNIQUE_ORDER) and len(model.categories) >= 15
    assert "other" in model.never_added and model.keep_scores["other"] < model.keep_score
    assert model.keep_score < 0.0 < model.add_score  # under one chance in two, over one in two
    assert model.weights.shape == (sum(len(v) for v in model.vocabulary.values()), len(model.categories))


def _trainer():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import train_category_model
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return train_category_model


def test_training_reads_development_sets_only() -> None:
    sets = _trainer().development_sets()
    gold_files = [gold.name for _, _, gold in sets]
    new_reports = [g for g in gold_files if not g.startswith("ai-inference-acceleration-2025-10-15")]
    assert new_reports and all(g.endswith(".dev.json") for g in new_reports)
    assert len(sets) == len(set(gold_files))


@pytest.mark.skipif(not SAMPLE_GOLD.is_dir(), reason="the shared sample's gold is not on this machine")
def test_the_shipped_weights_are_what_training_gives_today() -> None:
    """A rule change alters what the model reads; the weights must then be trained again
    (python benchmarks/train_category_model.py --write)."""
    trainer = _trainer()
    trained = trainer.fit(trainer.labelled_papers())
    shipped = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert trained["categories"] == shipped["categories"]
    settings = ("keep_below", "add_above", "never_added", "keep_below_for")  # the decision, not only the weights
    assert {k: trained[k] for k in settings} == {k: shipped[k] for k in settings}
    assert set(trained["weights"]) == set(shipped["weights"])
    worst = max(abs(a - b) for name, row in trained["weights"].items() for a, b in zip(row, shipped["weights"][name]))
    assert worst < 1e-3


def test_training_features_hold_the_rules_conclusion() -> None:
    title, brief, abstract = "Fast KV Cache Eviction", "团队使用KV缓存压缩技术", "We evict cold tokens."
    features = paper_category_features(title, brief, abstract)
    assert "kv-cache" in features["cT"] and "kv-cache" in features["r"]


def test_when_the_rules_found_no_technique_label_the_likely_categories_replace_other() -> None:
    data = {"categories": ["kv-cache", "quantization", "other"], "keep_below": 0.03, "add_above": 0.6,
            "never_added": ["other"], "keep_below_for": {"other": 0.02}, "fallback_add_above": 0.4,
            "fallback_keep_other_above": 0.7, "intercepts": [-1.0, -6.0, 0.0],
            "weights": {"a:diffusion": [0.0, 5.5, 0.0]}}
    model = model_from_dict(data)
    likely = model.scores({"a": dict.fromkeys(["diffusion"])})  # quantization 0.38, kv-cache 0.27
    assert model.decide({"other"}, likely, read_alone=True) == {"other"}  # under the fallback bar
    likelier = likely + [0.0, 0.5, 0.0]  # quantization 0.5
    assert model.decide({"other"}, likelier, read_alone=True) == {"quantization"}  # `other` (0.5) goes
    assert model.decide({"other"}, likelier + [0.0, 0.0, 3.0], read_alone=True) == {"quantization", "other"}
    # a label the rules set aside stays set aside, and a paper the rules gave a technique is read as before
    assert model.decide({"other"}, likelier, read_alone=False) == {"other"}
    assert model.decide({"kv-cache", "other"}, likelier, read_alone=True) == {"kv-cache", "other"}


def test_the_model_reads_alone_only_where_no_region_names_a_technique_and_the_abstract_is_long_enough() -> None:
    words = dict.fromkeys(f"w{i}" for i in range(60))
    assert not model_reads_alone({"cA": dict.fromkeys(["other", "kv-cache*2"]), "a": words})
    assert model_reads_alone({"cT": dict.fromkeys(["other"]), "a": words})
    # a sentence or two is too little for the model to decide alone
    assert not model_reads_alone({"cT": dict.fromkeys(["other"]), "a": dict.fromkeys(["cache", "steer"])})
