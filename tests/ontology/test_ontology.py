"""The ontology files: the fixed vocabulary ids, bilingual labels, unambiguous labels, a connected
technique hierarchy, and the compiled lookup tables built from them."""

from __future__ import annotations

import time

from rdflib.namespace import RDF, SKOS

from graph.model import HARDWARE_CLASSES, TECHNIQUE_CATEGORIES
from ontology.graph import HW, PG, TECH, ontology_graph
from ontology.load import ascii_lower, label_key, load_ontology, token_table


def _local(uri: object, namespace: object) -> str:
    return str(uri)[len(str(namespace)):]


def test_top_concepts_are_exactly_the_vocabulary_categories() -> None:
    graph = ontology_graph()
    tops = {_local(c, TECH) for c in graph.subjects(SKOS.topConceptOf, PG.techniqueScheme)}
    assert tops == set(TECHNIQUE_CATEGORIES)
    assert set(load_ontology().categories) == set(TECHNIQUE_CATEGORIES)


def test_every_concept_has_english_and_chinese_preflabels() -> None:
    graph = ontology_graph()
    concepts = list(graph.subjects(SKOS.inScheme, PG.techniqueScheme))
    assert len(concepts) >= 150
    for concept in concepts:
        languages = {label.language for label in graph.objects(concept, SKOS.prefLabel)}
        assert {"en", "zh"} <= languages, concept


def test_no_label_is_claimed_by_two_concepts() -> None:
    graph = ontology_graph()
    owner: dict[str, object] = {}
    for concept in graph.subjects(SKOS.inScheme, PG.techniqueScheme):
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(concept, prop):
                key = str(label).casefold()
                assert owner.setdefault(key, concept) == concept, f"{label!r} on {concept} and {owner[key]}"


def test_every_narrower_concept_reaches_a_top_concept() -> None:
    onto = load_ontology()
    for concept in onto.techniques.values():
        assert concept.categories, concept.id
        assert set(concept.categories) <= set(TECHNIQUE_CATEGORIES)
        if concept.is_category:
            assert concept.categories == (concept.id,)
    assert set(onto.techniques["qlora"].categories) == {"quantization", "low-rank-peft"}


def test_hardware_classes_are_the_vocabulary_classes() -> None:
    graph = ontology_graph()
    class_ids = {str(graph.value(c, PG.classId)) for c in graph.subjects(RDF.type, PG.HardwareClass)}
    assert class_ids == set(HARDWARE_CLASSES)
    onto = load_ontology()
    assert onto.hardware
    assert all(h.hw_class in HARDWARE_CLASSES for h in onto.hardware.values())
    assert onto.hardware["nvidia-rtx-5090"].hw_class == "gpu"
    assert (HW["nvidia-rtx-5090"], RDF.type, PG.Hardware) in graph


def test_concept_labels_and_query_expansion_cross_languages() -> None:
    onto = load_ontology()
    labels = onto.concept_labels("tech:speculative-decoding")
    assert "speculative decoding" in labels and "推测解码" in labels
    expanded = onto.expand_query_term("推测解码")
    assert expanded[0] == "推测解码" and "speculative decoding" in expanded
    assert "知识蒸馏" in onto.expand_query_term("Knowledge Distillation")
    assert onto.expand_query_term("protein folding") == ["protein folding"]


def test_phrase_index_matches_longest_label_and_respects_abbreviation_case() -> None:
    index = load_ontology().technique_index
    hits = index.find("We use token merging (ToMe), a tome of tricks, and sparse attention.")
    assert [h.target for h in hits] == ["token-merging", "token-merging", "sparse-attention"]
    assert [h.surface for h in hits][:2] == ["token merging", "ToMe"]
    assert label_key("KV-cache") == label_key("KV cache")


def test_token_table_offsets_point_at_the_tokens_as_written() -> None:
    for text in ("Run Qwen2.5-7B 在 GPU上, KV-cache!", "ΣΩ-Net with ΔW on Ｈ100"):  # the second lowers non-ASCII
        table = token_table(text)
        spans = [(table.bounds[2 * i], table.bounds[2 * i + 1]) for i in range(len(table.folded))]
        assert [text[a:b].lower() for a, b in spans] == list(table.folded)
    assert token_table("Qwen2.5 在GPU").folded == ("qwen2.5", "在", "gpu")
    assert token_table("ΔW ok").surface("ΔW ok", 0, 2) == ("Δ", "W")


def test_ascii_lower_folds_ascii_letters_only() -> None:
    assert ascii_lower("GPU ΣΩ Ｈ推理") == "gpu ΣΩ Ｈ推理"


def test_phrase_hits_carry_offsets_of_the_text_as_written() -> None:
    text = "ΔW 与 Speculative Decoding 和 KV cache"
    hits = load_ontology().technique_index.find(text)
    assert [h.target for h in hits] == ["speculative-decoding", "kv-cache"]
    assert [text[h.start:h.end] for h in hits] == ["Speculative Decoding", "KV cache"]


def test_model_matches_start_at_stems_only_and_do_not_overlap() -> None:
    onto = load_ontology()
    text = "We run Qwen2.5-7B and LLaMA-2 on 推理; a drama, a wave, not Swan-7."
    assert [m.group() for m in onto.model_matches(text)] == ["Qwen2.5-7B", "LLaMA-2"]
    assert onto.model_matches("中文 without names") == []


def test_load_time_is_reported() -> None:
    load_ontology.cache_clear()
    started = time.perf_counter()
    onto = load_ontology()
    elapsed = time.perf_counter() - started
    assert onto.techniques  # the figure is printed for the record; benchmarks/ owns speed targets
    print(f"load_ontology (graph cached): {elapsed * 1000:.0f} ms")
