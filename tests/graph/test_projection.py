"""The projection both stores share: Neo4j-storable properties and an exact inverse for export."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graph.model import ParseWarning, to_plain
from graph.projection import ProjectionError, parse_warning, project, rebuild_batches
from graph.store import RELATIONSHIPS
from tests.contract import batches as b


def _storable(value: object) -> bool:
    scalar = (str, int, float, bool)
    return isinstance(value, scalar) or (isinstance(value, list) and all(isinstance(v, scalar) for v in value))


def test_properties_are_neo4j_storable() -> None:
    proj = project(b.batch_a())
    for node in proj.nodes.values():
        assert "id" not in node.props and "label" not in node.props
        assert all(_storable(v) for v in node.props.values()), node
    for rel in proj.rels.values():
        assert all(_storable(v) for v in rel.props.values()), rel


def test_relationships_follow_the_schema() -> None:
    proj = project(b.batch_a())
    allowed = set(RELATIONSHIPS)
    for rel_type, start, end in proj.rels:
        assert (rel_type, proj.nodes[start].label, proj.nodes[end].label) in allowed


def test_categories_and_parents_are_stubs() -> None:
    proj = project(b.batch_a())
    category = proj.nodes["tech:kv-cache"]
    # The vocabulary's labels in both languages, from the ontology.
    assert category.stub and category.props["kind"] == "category"
    assert "KV" in category.props["name"] and category.props["label_zh"] == "KV 缓存优化"
    assert ("BROADER", b.FP8_KV.id, "tech:kv-cache") in proj.rels
    assert proj.nodes["inst:qualcomm"].stub and ("PART_OF", b.QUALCOMM.id, "inst:qualcomm") in proj.rels
    assert not proj.nodes[b.FP8_KV.id].stub and proj.nodes[b.FP8_KV.id].props["kind"] == "concept"
    assert proj.rels[("FROM_REPORT", b.spec_paper().id, b.REPORT_A)].props == {"index": 1, "line": 10}
    assert "sources" not in proj.nodes[b.spec_paper().id].props


def test_rebuild_is_the_inverse_of_project() -> None:
    batch = b.batch_a()
    proj = project(batch)
    rebuilt = rebuild_batches(proj.nodes.values(), proj.rels.values())
    assert to_plain(rebuilt) == to_plain([batch])


def test_one_id_for_two_labels_is_refused() -> None:
    clash = b.paper("Clash", b.REPORT_A, 7, models=(replace(b.LLAMA, id=b.SJTU.id),))
    with pytest.raises(ProjectionError, match="Institution and Model"):
        project(replace(b.batch_a(), papers=(*b.batch_a().papers, clash)))


def test_warnings_round_trip_through_text() -> None:
    warning = ParseWarning("dir/weekly: 1.md", 12, "empty-title", "heading 13: no title: kept brief")
    assert parse_warning(str(warning)) == warning
    assert parse_warning("free text") == ParseWarning("", 0, "warning", "free text")
