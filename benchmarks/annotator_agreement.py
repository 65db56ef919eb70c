"""How far two hand annotations of the same report agree: the ceiling the extractor's scores are read against.

Scores a second annotation against the gold as extraction_quality.py scores the extractor (names with
case, spaces and punctuation ignored; hardware on named devices), for technique categories, models and
hardware. Usage: python benchmarks/annotator_agreement.py GOLD.json SECOND.json [GOLD2.json SECOND2.json ...];
with no arguments, the second annotations in gold/agreement/ against their gold (what `make bench` runs).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction_quality import Score, is_class_word, match_named


def agreement(gold: list[dict], second: list[dict]) -> dict[str, Score]:
    theirs = {entry["index"]: entry for entry in second}
    kinds = {k: Score() for k in ("technique_categories", "models", "hardware")}
    for ref in gold:
        other = theirs.get(ref["index"], {})
        pairs = {
            "technique_categories": ([[c] for c in other.get("technique_categories", [])],
                                     [[c] for c in ref["technique_categories"]]),
            "models": ([[m["name"], *m.get("aliases", [])] for m in other.get("models", [])],
                       [[m["name"], *m.get("aliases", [])] for m in ref["models"]]),
            "hardware": ([[h["name"], *h.get("aliases", [])] for h in other.get("hardware", [])
                          if not is_class_word(h["name"])],
                         [[h["name"], *h.get("aliases", [])] for h in ref["hardware"]
                          if not is_class_word(h["name"])]),
        }
        for kind, (mine, want) in pairs.items():
            tp, fp_idx, fn_idx = match_named(mine, want)
            kinds[kind].add(tp, len(fp_idx), len(fn_idx))
    return kinds


GOLD = Path(__file__).resolve().parent / "gold"


def main(argv: list[str]) -> int:
    if not argv:
        argv = [str(p) for second in sorted((GOLD / "agreement").glob("*.second.json"))
                for p in (GOLD / second.name.replace(".second.json", ".dev.json"), second)]
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__)
        return 2
    total = {k: Score() for k in ("technique_categories", "models", "hardware")}
    for gold_path, second_path in zip(argv[::2], argv[1::2], strict=True):
        kinds = agreement(json.loads(Path(gold_path).read_text()), json.loads(Path(second_path).read_text()))
        print(Path(gold_path).name + ": " + ", ".join(f"{k} F1 {s.f1:.3f}" for k, s in kinds.items()))
        for k, s in kinds.items():
            total[k].add(s.tp, s.fp, s.fn)
    print("all: " + ", ".join(f"{k} F1 {s.f1:.3f}" for k, s in total.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
