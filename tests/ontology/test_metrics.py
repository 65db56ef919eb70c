"""The metric ontology: the 14 fixed ids, bilingual labels, and unambiguous cue words."""

from collections import Counter

from rdflib import RDF, Literal

from graph.model import METRICS
from ontology.graph import METRIC, PG, ontology_graph
from ontology.metrics import metric_concepts, metric_cues


def test_exactly_the_fourteen_metric_ids():
    assert sorted(metric_concepts()) == sorted(METRICS)
    individuals = {str(s).removeprefix(str(METRIC)) for s in ontology_graph().subjects(RDF.type, PG.Metric)}
    assert individuals == set(METRICS)


def test_every_metric_is_labelled_in_english_and_chinese_and_defined():
    for concept in metric_concepts().values():
        assert concept.label_en, concept.id
        assert concept.label_zh and any("\u4e00" <= ch <= "\u9fff" for ch in concept.label_zh), concept.id
        assert concept.definition, concept.id


def test_cue_words_are_language_tagged_in_both_languages():
    graph = ontology_graph()
    for metric_id in METRICS:
        languages = {o.language for o in graph.objects(METRIC[metric_id], PG.cue) if isinstance(o, Literal)}
        assert {"en", "zh"} <= languages, metric_id


def test_no_cue_word_is_claimed_by_two_metrics():
    # Latency words belong to `latency`; the extractor derives `latency-reduction` from them when the figure
    # is relative and falls (documented in metrics.ttl), so no word needs two owners.
    owners = Counter(word for c in metric_concepts().values() for word in c.cues + c.weak_cues)
    assert [word for word, count in owners.items() if count > 1] == []


def test_cue_lookup_finds_words_in_both_languages():
    cues = metric_cues()
    found = [(metric, weak) for _, _, metric, weak in cues.find("显存降低，throughput higher, 计算 cost")]
    assert found == [("memory", False), ("throughput", False), ("compute", True), ("other", True)]  # a bare cost is money


def test_english_cues_match_whole_words_only():
    cues = metric_cues()
    assert cues.find("a real-time mapping") == []
    assert [m for _, _, m, _ in cues.find("视觉tokens减少")] == ["token-reduction"]


def test_longer_cue_wins_over_its_prefix():
    cues = metric_cues()
    assert [m for _, _, m, _ in cues.find("a latency reduction of")] == ["latency-reduction"]
