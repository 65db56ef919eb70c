"""Train the category model (ingest/category_model.py) on the development annotations, and measure it.

Reads only development sets: the shared sample's gold (papers 1-20), this repository's two annotations of
papers 21-45 and 46-70, and `benchmarks/gold/*.dev.json`. Files named `*.heldout.json` of the new reports
are never read: they measure the model afterwards (`extraction_quality.py`).

    python benchmarks/train_category_model.py            # leave-one-report-out figures, rules vs model
    python benchmarks/train_category_model.py --write    # train on every dev set, write ingest/category_weights.json

The figures come from training on all sets but one and scoring the one left out, for each set in turn. The rules were
themselves written on these sets, so their figure here is an in-sample one; the sets the rules were not yet
tuned on when they became dev sets say more (printed as "newest").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.category_model import (
    WEIGHTS_PATH,
    CategoryModel,
    PaperFeatures,
    flat_features,
    model_reads_alone,
)
from ingest.report import read_report
from ingest.techniques import paper_category_features
from ontology.load import TECHNIQUE_ORDER

GOLD = ROOT / "benchmarks" / "gold"
SAMPLE = ROOT.parent / "shared" / "data"
SAMPLE_REPORT = SAMPLE / "reports" / "ai-inference-acceleration-2025-10-15.md"
# Chosen by leave-one-report-out validation over a grid (C 0.5/1/2, keep 0.01-0.08, add 0.5-0.8) on the 47 dev
# sets: every setting gave 0.841-0.847 micro F1, so the choice is among near-equals. This one (0.845) keeps the
# sample's sets at the rules' figures and lifts the seven sets converted last to 0.817 (0.808 with the earlier
# C=1.0 / 0.03 / 0.6). Removing more of the rules' categories (keep 0.08) gave up to 0.835 there but cost the
# sample's 21-45 set 0.04; adding at even odds (0.5) gave 0.847 but overrode rules' deliberate exclusions on
# short texts (two rule tests). Re-run on 53 sets (C 0.5/1, keep 0.03-0.08, add 0.5-0.7): all within 0.840-0.850; the
# settings above this one cost the sample's 21-45 set 0.03-0.07. Re-run on 91 sets in 2026-12-01's ninth session
# (micro / Z63-Z67 mean): C 0.25 0.823 / 0.809, C 0.5 0.827 / 0.813 (then shipped), C 1.0 0.831 / 0.828, C 0.5 with
# keep 0.08 0.830 / 0.818; C 1.0 with add 0.65 0.829 / 0.828, with add 0.7 0.828 / 0.824. C 1.0 adding at 0.6 overrode
# a rule's deliberate exclusion on a short text (one rule test); at 0.65 it does not, and the sample's sets keep their
# figures as shipped (1.000, 0.963, 0.988), though left out the 21-45 set scores 0.805 (0.821 at C 0.5): chosen
# for the reports written last, which stand for the next ones.
REGULARISATION_C = 1.0
KEEP_BELOW, ADD_ABOVE = 0.05, 0.65
NEVER_ADDED = ("other",)
# `other` goes only when the model puts it under 2%: over the dated dev sets the rules gave it 55 times where the
# annotators did not (and missed it 33 times), but the sample's annotations give it to 10-31%. Leave-one-report-out, letting the
# model remove it this way lifted micro F1 0.845 -> 0.851 and the seven sets converted last 0.817 -> 0.832 with
# the sample's sets unchanged; a bar of 3% or 5% cost the sample's 21-45 set (0.900, 0.886).
KEEP_BELOW_FOR = {"other": 0.02}
# When the rules found no label of any technique and give `other` alone, the model's categories over 40% replace it, and `other`
# stays beside them only over 70%. Leave-one-report-out on the 111 sets of 2026-12-02's third session (from the saved
# predictions, the weights unchanged): micro 0.8227 -> 0.8248, the five sets converted last 0.717 -> 0.738, the
# sample's sets unchanged; bars of 0.2-0.5 and 0.3-0.99 all gave 0.823-0.825 micro. (Replacing `other` also where the
# rules had set a label aside gave 0.8253 but overrode a rule's deliberate reading of a passing mention.)
FALLBACK_ADD_ABOVE, FALLBACK_KEEP_OTHER_ABOVE = 0.4, 0.7
# The shared sample's papers weigh twice in training: its figures are the contract ("the sample's own figures do
# not drop"), and with 53 sets the model retrained at equal weights added one category to papers 21-45 that its
# gold does not give (in-sample 0.963 -> 0.951). Leave-one-report-out on those 53 sets, weight 2 changed micro F1
# by -0.0007 (0.8473 -> 0.8466), the six sets then newest by -0.0004 and the sample's sets not at all.
SAMPLE_WEIGHT = 2.0
# Features seen in fewer papers than this carry no weight worth shipping.
MIN_PAPERS = 3
# A feature whose every weight is smaller than this changes no score noticeably and is not shipped.
SMALLEST_WEIGHT = 0.05
# Dev sets that were held out (never tuned on) until the session this model was written in.
NEWEST = (
    "2026-03-08", "2026-05-05", "2026-07-06", "2026-09-13", "2026-11-29",
)  # Z93-Z97


def development_sets() -> list[tuple[str, Path, Path]]:
    sets = [("sample 1-20", SAMPLE_REPORT, SAMPLE / "gold" / "ai-inference-acceleration-2025-10-15.dev.json"),
            ("sample 21-45", SAMPLE_REPORT, GOLD / "ai-inference-acceleration-2025-10-15.heldout.json"),
            ("sample 46-70", SAMPLE_REPORT, GOLD / "ai-inference-acceleration-2025-10-15.heldout2.json")]
    for gold in sorted(GOLD.glob("*.dev.json")):
        date = gold.name.removeprefix("ai-inference-acceleration-").removesuffix(".dev.json")
        sets.append((date, GOLD / "reports" / f"ai-inference-acceleration-{date}.md", gold))
    return sets


def labelled_papers() -> list[tuple[str, PaperFeatures, set[str]]]:
    """(set, features, annotated categories) of every annotated paper with any text."""
    rows = []
    for name, report, gold in development_sets():
        papers = {p.index: p for p in read_report(report).papers}
        for entry in json.loads(gold.read_text(encoding="utf-8")):
            paper = papers.get(entry["index"])
            if paper is None or not (paper.title.strip() or paper.brief.strip() or paper.abstract.strip()):
                continue
            rows.append((name, paper_category_features(paper.title, paper.brief, paper.abstract),
                         set(entry["technique_categories"])))
    return rows


def fit(rows: list[tuple[str, PaperFeatures, set[str]]]) -> dict:
    """One L2 logistic regression per category; the weights as the JSON the model loads."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    flat = [flat_features(features) for _, features, _ in rows]
    seen: dict[str, int] = {}
    for features in flat:
        for name in features:
            seen[name] = seen.get(name, 0) + 1
    names = sorted(n for n, k in seen.items() if k >= MIN_PAPERS)
    column = {n: i for i, n in enumerate(names)}
    data, indices, indptr = [], [], [0]
    for features in flat:
        for name in features:
            if name in column:
                indices.append(column[name])
                data.append(1.0)
        indptr.append(len(indices))
    matrix = csr_matrix((np.array(data), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int32)),
                        shape=(len(rows), len(names)))
    categories = [c for c in TECHNIQUE_ORDER if any(c in gold for _, _, gold in rows)]
    weights = np.zeros((len(names), len(categories)))
    intercepts = np.zeros(len(categories))
    sample_weight = np.array([SAMPLE_WEIGHT if name.startswith("sample") else 1.0 for name, _, _ in rows])
    for j, category in enumerate(categories):
        labels = np.array([category in gold for _, _, gold in rows])
        regression = LogisticRegression(C=REGULARISATION_C, solver="liblinear", max_iter=5000, random_state=0)
        regression.fit(matrix, labels, sample_weight=sample_weight)
        weights[:, j] = regression.coef_[0]
        intercepts[j] = regression.intercept_[0]
    return {"categories": categories, "keep_below": KEEP_BELOW, "add_above": ADD_ABOVE,
            "never_added": list(NEVER_ADDED), "keep_below_for": KEEP_BELOW_FOR,
            "fallback_add_above": FALLBACK_ADD_ABOVE, "fallback_keep_other_above": FALLBACK_KEEP_OTHER_ABOVE, "intercepts": [round(float(b), 5) for b in intercepts],
            "weights": {n: [round(float(w), 4) for w in weights[i]] for i, n in enumerate(names)
                        if np.abs(weights[i]).max() >= SMALLEST_WEIGHT}}


def _rules(features: PaperFeatures) -> set[str]:
    return set(features["r"])


def cross_validate(rows: list[tuple[str, PaperFeatures, set[str]]]) -> None:
    from ingest.category_model import model_from_dict

    counts: dict[str, dict[str, list[int]]] = {}
    for held in dict.fromkeys(name for name, _, _ in rows):
        model: CategoryModel = model_from_dict(fit([r for r in rows if r[0] != held]))
        tally = counts.setdefault(held, {"rules": [0, 0, 0], "model": [0, 0, 0]})
        for _, features, gold in (r for r in rows if r[0] == held):
            rules = _rules(features)
            decided = model.decide(rules, model.scores(features), model_reads_alone(features))
            for kind, got in (("rules", rules), ("model", decided)):
                tally[kind][0] += len(got & gold)
                tally[kind][1] += len(got - gold)
                tally[kind][2] += len(gold - got)

    def f1(t: list[int]) -> float:
        return 2 * t[0] / (2 * t[0] + t[1] + t[2]) if t[0] else 0.0

    for name, tally in counts.items():
        print(f"{name:14s} rules {f1(tally['rules']):.3f}  model {f1(tally['model']):.3f}")
    for label, names in (("all (micro)", list(counts)), ("newest (mean)", [n for n in counts if n in NEWEST])):
        if label.startswith("all"):
            total = {k: [sum(counts[n][k][i] for n in names) for i in range(3)] for k in ("rules", "model")}
            print(f"{label:14s} rules {f1(total['rules']):.3f}  model {f1(total['model']):.3f}")
        else:
            print(f"{label:14s} rules {np.mean([f1(counts[n]['rules']) for n in names]):.3f}  "
                  f"model {np.mean([f1(counts[n]['model']) for n in names]):.3f}")


def _one_feature_a_line(weights: dict) -> str:
    """The weights as JSON with each feature on a line of its own, so that a retrained file's diff says which
    features changed."""
    head = {k: v for k, v in weights.items() if k != "weights"}
    rows = ",\n".join(f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps(row)}"
                       for name, row in weights["weights"].items())
    return json.dumps(head, ensure_ascii=False)[:-1] + ',\n "weights": {\n' + rows + "\n }\n}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="train on every dev set and write the weights")
    args = parser.parse_args()
    rows = labelled_papers()
    if not args.write:
        cross_validate(rows)
        return 0
    weights = fit(rows)
    WEIGHTS_PATH.write_text(_one_feature_a_line(weights), encoding="utf-8")
    print(f"{len(rows)} papers from {len({r[0] for r in rows})} sets; {len(weights['weights'])} features -> "
          f"{WEIGHTS_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
