"""Scores `papergraph extract` against hand-checked gold annotations (shared/docs/gold-format.md).

Prints precision, recall and F1 per entity kind, metric accuracy on matched evidence and title
exactness. Usage: python benchmarks/extraction_quality.py [--report R.md] [--gold G.json] [--misses]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.model import Hardware, Paper
from ingest.pipeline import extract_report
from ontology.load import hardware_by_node_id

SHARED = ROOT.parent / "shared" / "data"
DEFAULT_REPORT = SHARED / "reports" / "ai-inference-acceleration-2025-10-15.md"
DEFAULT_GOLD = SHARED / "gold" / "ai-inference-acceleration-2025-10-15.dev.json"

TARGETS = {"institutions": 0.90, "technique_categories": 0.80, "models": 0.80, "hardware": 0.80,
           "evidence": 0.85}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _fold(text: str) -> str:
    """gold-format.md: names match with case, spaces and punctuation ignored ("RTX 2080Ti" = "RTX 2080 Ti",
    "TPUv4" = "TPU v4", "A100-80GB" = "A100 80GB"). Until 2026-11-30 only case and hyphens were ignored."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def match_named(predicted: list[list[str]], gold: list[list[str]]) -> tuple[int, list[int], list[int]]:
    """One-to-one matching of entities, each given as [name, *aliases]; returns tp and unmatched indices."""
    gold_keys = [{_fold(n) for n in names} for names in gold]
    used: set[int] = set()
    unmatched_pred = []
    for i, names in enumerate(predicted):
        keys = {_fold(n) for n in names}
        hit = next((g for g, gk in enumerate(gold_keys) if g not in used and keys & gk), None)
        if hit is None:
            unmatched_pred.append(i)
        else:
            used.add(hit)
    return len(used), unmatched_pred, [g for g in range(len(gold)) if g not in used]


def hardware_names(device: Hardware) -> list[str]:
    """A predicted device's name and aliases (gold-format.md: "any normalised name or alias agrees"): the
    labels the ontology gives its node ("GeForce RTX 4090" for "NVIDIA RTX 4090"), and for a device named
    with its vendor prefixed, the name as a report writes it ("Kirin 980" for "Huawei Kirin 980")."""
    known = hardware_by_node_id()
    names = [device.name]
    entry = known.get(device.id)
    if entry is not None:
        names += entry.labels
    vendor = next((v for v in _vendors() if device.name.startswith(v + " ")), None)
    if vendor is not None:
        names.append(device.name[len(vendor) + 1:])
    return names


@cache
def _vendors() -> tuple[str, ...]:
    """Vendor prefixes, longest first ("AMD Xilinx" before "AMD"), built once for the whole run."""
    return tuple(sorted({entry.vendor for entry in hardware_by_node_id().values() if entry.vendor},
                        key=len, reverse=True))


# Hardware is scored on named devices (gold-format.md): a name made only of class nouns and qualifiers
# ("GPU", "edge devices", "48GB GPU", "consumer-grade GPUs") is a class word and left out on both sides.
_CLASS_NOUNS = frozenset(
    ["gpu", "gpus", "cpu", "cpus", "npu", "npus", "tpu", "tpus", "dram", "ssd", "ssds", "hbm", "memory", "fpga", "fpgas", "asic", "asics", "accelerator", "accelerators", "device", "devices", "phone", "phones", "smartphone", "smartphones", "microcontroller", "microcontrollers", "mcu", "mcus", "soc", "socs", "processor", "processors", "chip", "chips", "hardware", "server", "servers", "laptop", "laptops"])
_QUALIFIERS = frozenset(
    ["consumer", "grade", "commodity", "single", "multiple", "multi", "mobile", "edge", "low", "high", "end", "resource", "constrained", "embedded", "cloud", "datacenter", "data", "center", "modern", "standard", "general", "purpose", "the", "a", "an", "on", "off", "chip", "host", "main", "shared", "integrated", "discrete", "arm", "x86", "desktop", "personal", "class", "level"])


def is_class_word(name: str) -> bool:
    tokens = [t for t in re.split(r"[^0-9a-z]+", name.casefold()) if t]
    tokens = [t for t in tokens if not re.fullmatch(r"\d+(?:gb|g|mb|tb)?", t) and t not in _QUALIFIERS]
    if re.search(r"[\u4e00-\u9fff]", name):
        return bool(re.fullmatch(r"[\u4e00-\u9fff]*(?:设备|处理器|显卡|芯片|GPU|CPU|NPU)", name))
    return all(t in _CLASS_NOUNS for t in tokens)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def match_evidence(predicted: list[dict], gold: list[dict]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Claims match when their values agree (value_max too, where gold gives one) one-to-one."""
    pairs, used = [], set()
    for i, claim in enumerate(predicted):
        for g, ref in enumerate(gold):
            if g in used or not _close(claim["value"], ref["value"]):
                continue
            if ref.get("value_max") is not None and not _close(claim.get("value_max"), ref["value_max"]):
                continue
            pairs.append((i, g))
            used.add(g)
            break
    matched_pred = {i for i, _ in pairs}
    return pairs, [i for i in range(len(predicted)) if i not in matched_pred], \
        [g for g in range(len(gold)) if g not in used]


FIELDS = ("unit", "direction", "model", "hardware")


def _same_field(attribute: str, claim: dict, ref: dict, paper_ref: dict) -> bool:
    """Units compare folded (× = x); model and hardware by any alias the gold lists for that entity."""
    mine, theirs = claim.get(attribute), ref.get(attribute)
    if attribute == "unit":
        return (mine or "").replace("×", "x").casefold() == (theirs or "").replace("×", "x").casefold()
    if attribute in ("model", "hardware"):
        if not mine or not theirs:
            return not mine and not theirs
        kind = "models" if attribute == "model" else "hardware"
        aliases = {_fold(theirs)}
        for entity in paper_ref.get(kind, []):
            names = {_fold(entity["name"]), *(_fold(a) for a in entity.get("aliases", []))}
            if _fold(theirs) in names:
                aliases |= names
        return _fold(mine) in aliases
    return mine == theirs


def score(papers: dict[int, Paper], gold: list[dict]) -> dict[str, object]:
    kinds = {k: Score() for k in ("institutions", "technique_categories", "models", "hardware", "evidence",
                                  "proposed", "hardware_with_class_words")}
    titles_exact = titles_caseless = author_exact = metric_right = matched_claims = 0
    field_right = dict.fromkeys(FIELDS, 0)
    for ref in gold:
        paper = papers.get(ref["index"])
        tag = f"#{ref['index']}"
        if paper is None:
            for kind in kinds.values():
                kind.add(0, 0, 1)
            continue
        titles_exact += paper.title == ref["title"]
        titles_caseless += paper.title.casefold() == ref["title"].casefold()  # annotators differ on ALL-CAPS titles
        if paper.title != ref["title"]:
            kinds["proposed"].misses.append(f"{tag} title {paper.title!r} != {ref['title']!r}")
        author_exact += paper.author_count == ref.get("author_count")

        named = {
            "institutions": ([[i.name, *i.aliases] for i in paper.institutions],
                             [[g["name"], *g.get("aliases", [])] for g in ref["institutions"]]),
            "models": ([[m.name] for m in paper.models],
                       [[g["name"], *g.get("aliases", [])] for g in ref["models"]]),
            "hardware": ([hardware_names(h) for h in paper.hardware if not is_class_word(h.name)],
                         [[g["name"], *g.get("aliases", [])] for g in ref["hardware"]
                          if not is_class_word(g["name"])]),
            "hardware_with_class_words": ([hardware_names(h) for h in paper.hardware],
                                          [[g["name"], *g.get("aliases", [])] for g in ref["hardware"]]),
            "proposed": ([[p] for p in paper.proposed], [[p] for p in ref.get("proposed", [])]),
            "technique_categories": ([[c] for c in sorted({c for t in paper.techniques for c in t.categories})],
                                     [[c] for c in ref["technique_categories"]]),
        }
        for kind, (pred, want) in named.items():
            tp, fp_idx, fn_idx = match_named(pred, want)
            kinds[kind].add(tp, len(fp_idx), len(fn_idx))
            kinds[kind].misses += [f"{tag} {kind} extra: {pred[i][0]}" for i in fp_idx]
            kinds[kind].misses += [f"{tag} {kind} missed: {want[g][0]}" for g in fn_idx]

        names = {m.id: m.name for m in paper.models} | {h.id: h.name for h in paper.hardware}
        predicted = [{"value": e.value, "value_max": e.value_max, "metric": e.metric, "quote": e.quote,
                      "unit": e.unit, "direction": e.direction, "model": names.get(e.model or ""),
                      "hardware": names.get(e.hardware or "")} for e in paper.evidence]
        pairs, fp_idx, fn_idx = match_evidence(predicted, ref["evidence"])
        kinds["evidence"].add(len(pairs), len(fp_idx), len(fn_idx))
        for i, g in pairs:
            matched_claims += 1
            for attribute in FIELDS:
                field_right[attribute] += _same_field(attribute, predicted[i], ref["evidence"][g], ref)
            alternatives = ref["evidence"][g].get("metric_alt") or []
            if isinstance(alternatives, str):
                alternatives = [alternatives]
            if predicted[i]["metric"] in (ref["evidence"][g]["metric"], *alternatives):
                metric_right += 1
            else:
                kinds["evidence"].misses.append(
                    f"{tag} metric {predicted[i]['metric']} != {ref['evidence'][g]['metric']}: "
                    f"{predicted[i]['quote']}")
        kinds["evidence"].misses += [f"{tag} evidence extra: {predicted[i]['value']} {predicted[i]['quote']!r}"
                                     for i in fp_idx]
        kinds["evidence"].misses += [f"{tag} evidence missed: {ref['evidence'][g]['value']} "
                                     f"{ref['evidence'][g]['quote']!r}" for g in fn_idx]
    return {
        "kinds": kinds,
        "titles_exact": titles_exact / len(gold),
        "titles_ignoring_case": titles_caseless / len(gold),
        "author_count_exact": author_exact / len(gold),
        "metric_accuracy": metric_right / matched_claims if matched_claims else 0.0,
        "field_accuracy": {k: v / matched_claims if matched_claims else 0.0 for k, v in field_right.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--misses", action="store_true", help="list every miss and extra")
    args = parser.parse_args(argv)

    batch = extract_report(args.report)
    by_index = {source.index: paper for paper in batch.papers for source in paper.sources
                if source.report == batch.report.id}
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    result = score(by_index, gold)

    print(f"gold: {args.gold.name} ({len(gold)} papers)")
    print(f"{'kind':<27}{'P':>7}{'R':>7}{'F1':>7}{'target':>8}")
    for name, kind in result["kinds"].items():  # type: ignore[union-attr]
        target = TARGETS.get(name)
        mark = "" if target is None else ("  ok" if kind.f1 >= target else "  BELOW")
        target_text = f"{target:.2f}" if target else "-"
        print(f"{name:<27}{kind.precision:7.3f}{kind.recall:7.3f}{kind.f1:7.3f}{target_text:>8}{mark}")
    print(f"evidence metric accuracy on matched claims: {result['metric_accuracy']:.3f} (target 0.90)")
    fields = ", ".join(f"{k} {v:.3f}" for k, v in result["field_accuracy"].items())  # type: ignore[union-attr]
    print(f"evidence fields right on matched claims: {fields}")
    print(f"titles exact: {result['titles_exact']:.3f} (target 0.95); ignoring case: "
          f"{result['titles_ignoring_case']:.3f}")
    print(f"author count exact: {result['author_count_exact']:.3f}")
    if args.misses:
        for kind in result["kinds"].values():  # type: ignore[union-attr]
            for miss in kind.misses:
                print("  ", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
