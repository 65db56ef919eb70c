"""Filters take vocabulary ids bare or prefixed ("speedup" or "metric:speedup", "quantization" or
"tech:quantization"); both stores read them through `PaperFilter.normalised`/`canonical_id`."""

from __future__ import annotations

from graph.store import EvidenceFilter, GraphStore, PaperFilter, canonical_id
from tests.contract import batches as b


def test_canonical_id_adds_the_prefix_once() -> None:
    assert canonical_id("metric", "speedup") == canonical_id("metric", "metric:speedup") == "metric:speedup"
    assert canonical_id("tech", "kv-cache") == "tech:kv-cache"
    assert PaperFilter(category=("quantization",), metric=("metric:memory",)).normalised() == PaperFilter(
        category=("tech:quantization",), metric=("metric:memory",))


def test_bare_and_prefixed_filter_values_match_the_same(store: GraphStore) -> None:
    store.upsert(b.batch_a())
    store.upsert(b.batch_b())
    bare = PaperFilter(category=("quantization",), metric=("speedup",))
    prefixed = PaperFilter(category=("tech:quantization",), metric=("metric:speedup",))
    assert store.paper_ids(bare) == store.paper_ids(prefixed) == {b.quant_paper().id}
    assert store.list_papers(bare, limit=10) == store.list_papers(prefixed, limit=10)
    evidence = [store.list_evidence(EvidenceFilter(metric=(m,), papers=PaperFilter(category=(c,))),
                                    "value_desc", limit=10)
                for m, c in (("speedup", "speculative-decoding"),
                             ("metric:speedup", "tech:speculative-decoding"))]
    assert evidence[0] == evidence[1] and [e["value"] for e in evidence[0].items] == [3.2, 2.1]
    assert store.technique_cooccurrence(10, "quantization") == store.technique_cooccurrence(10, "tech:quantization")
    assert store.technique_cooccurrence(10, "quantization")
