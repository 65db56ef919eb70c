"""The extraction-quality scorer matches entities as ../shared/docs/gold-format.md says: any normalised
name or alias of a predicted entity against any of the gold entity's."""

import importlib.util
import sys
from pathlib import Path

from ingest.hardware import extract_hardware

_SPEC = importlib.util.spec_from_file_location(
    "extraction_quality", Path(__file__).resolve().parents[1] / "benchmarks" / "extraction_quality.py")
quality = importlib.util.module_from_spec(_SPEC)
sys.modules["extraction_quality"] = quality  # its dataclasses look their module up
_SPEC.loader.exec_module(quality)


def _score(text: str, gold: list[list[str]]) -> int:
    predicted = [quality.hardware_names(h) for h in extract_hardware("", "", text)]
    tp, _, _ = quality.match_named(predicted, gold)
    return tp


def test_a_known_device_matches_gold_written_with_another_of_its_labels() -> None:
    assert _score("Measured on an RTX 3090.", [["NVIDIA GeForce RTX 3090", "GeForce RTX 3090"]]) == 1


def test_a_family_member_matches_gold_written_without_its_vendor() -> None:
    assert _score("It runs on the Kirin 9000 of a phone.", [["Kirin 9000"]]) == 1


def test_a_different_device_does_not_match() -> None:
    assert _score("Measured on an RTX 3090.", [["NVIDIA RTX 4090"]]) == 0


def test_titles_are_scored_exactly_and_apart_ignoring_case() -> None:
    from graph.model import Paper
    papers = {1: Paper("paper:a", "FAST THING: A STUDY", "", "", None, ()),
              2: Paper("paper:b", "Slow Thing", "", "", None, ())}
    gold = [{"index": 1, "title": "Fast Thing: A Study", "institutions": [], "technique_categories": [],
             "models": [], "hardware": [], "evidence": []},
            {"index": 2, "title": "Slow Thing", "institutions": [], "technique_categories": [],
             "models": [], "hardware": [], "evidence": []}]
    result = quality.score(papers, gold)
    assert (result["titles_exact"], result["titles_ignoring_case"]) == (0.5, 1.0)
