"""A linear model that re-weighs the technique categories the rules give a paper.

The rules (ingest/techniques.py) read the ontology's labels and where they stand; on reports nobody here had
seen, they missed categories a paper contributes in words no label lists and kept categories named in
passing. This model, one logistic regression per category trained on the hand-annotated development sets
(`benchmarks/train_category_model.py --write`; held-out sets are never read), scores each category from what the
rules found (their categories, each concept's hits by region) and the paper's own words (title words and
word pairs, abstract words, the characters of the Chinese brief and of its method clause). Its decision
stays close to the rules: a category the rules give goes only when the model all but rules it out, and one
they do not give comes only when the model is confident, or, where no label of any technique stands in a paper of
some length, when the model finds it likely (`model_reads_alone`). `other` (the part that is not an efficiency
technique) is never added by the model and goes only under a stricter bar: the sample's annotations give it
to 10-31% of papers, the other dev sets to 5%, and a looser hand with it cost the sample's sets in
cross-validation.

The weights are data (`category_weights.json`, written by the training script), read once.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import pairwise
from operator import is_not
from pathlib import Path

import numpy as np

from ontology.load import Ontology, PhraseHit, token_table

WEIGHTS_PATH = Path(__file__).with_name("category_weights.json")
# Counts of a category's hits in one region saturate: the third mention says little the second did not.
_SATURATION = 3


_KNOWN = partial(is_not, None)  # a row found in a vocabulary (row 0 included), at C speed

PaperFeatures = dict[str, dict[str, None]]  # feature kind ("a": abstract words, ...) -> keys present


def category_features(onto: Ontology, title: str, brief: str, text: str, method_span: tuple[int, int] | None,
                      hits: Iterable[PhraseHit], rule_categories: Iterable[str]) -> PaperFeatures:
    """What the model reads of one paper; every feature is present or absent. `text` is
    f"{title}\\n{brief}\\n{abstract}" as the phrase index read it, `hits` the technique labels it found there,
    `method_span` where the brief's method clause stands, `rule_categories` what the rules concluded. Words are the tokens the phrase index already cut
    of that text (letters and digits, one per Chinese character): reading them costs a few C-level slices,
    and looking them up, grouped by kind, reuses the hashes the index computed."""
    brief_at, abstract_at = len(title) + 1, len(title) + len(brief) + 2
    features: PaperFeatures = {"r": dict.fromkeys(rule_categories)}
    counts: dict[tuple[str, str], int] = {}
    for hit in hits:
        region = "T" if hit.start < brief_at else ("B" if hit.start < abstract_at else "A")
        features.setdefault(f"h{region}", {})[hit.target] = None
        for category in onto.techniques[hit.target].categories:
            counts[region, category] = counts.get((region, category), 0) + 1
    for (region, category), n in counts.items():
        # a category named once, twice, three times or more in a region: "kv-cache", "kv-cache*2", ...
        keys = features.setdefault(f"c{region}", {})
        keys.update(dict.fromkeys([category] + [f"{category}*{k}" for k in range(2, min(n, _SATURATION) + 1)]))
    table = token_table(text)
    tokens, starts = table.folded, table.bounds[::2]
    brief_first, abstract_first = bisect_left(starts, brief_at), bisect_left(starts, abstract_at)
    title_words = tokens[:brief_first]
    features["t"] = dict.fromkeys(title_words)
    features["t2"] = dict.fromkeys(map("_".join, pairwise(title_words)))
    features["a"] = dict.fromkeys(tokens[abstract_first:])
    features["b"] = dict.fromkeys(tokens[brief_first:abstract_first])
    if method_span is not None:
        first, last = bisect_left(starts, brief_at + method_span[0]), bisect_left(starts, brief_at + method_span[1])
        features["m"] = dict.fromkeys(tokens[first:last])
    return features


# Distinct abstract words below which the model has read too little to decide on its own: on a sentence or two its
# weights say what a word usually goes with ("lightweight", "attention"), not what this paper does.
_WORDS_TO_DECIDE_ALONE = 40


def model_reads_alone(features: PaperFeatures) -> bool:
    """Whether the model reads the paper alone: no label of any technique category but `other` anywhere (so the
    rules had nothing to go on), and an abstract long enough to read a contribution from its words."""
    return len(features.get("a", ())) >= _WORDS_TO_DECIDE_ALONE and not any(
        key.split("*", 1)[0] != "other" for kind in ("cT", "cB", "cA") for key in features.get(kind, ()))


def flat_features(features: PaperFeatures) -> list[str]:
    """"kind:key" names, as the weights file writes them."""
    return [f"{kind}:{key}" for kind, keys in features.items() for key in keys]


@dataclass(frozen=True)
class CategoryModel:
    categories: tuple[str, ...]
    vocabulary: dict[str, dict[str, int]]  # feature kind -> key -> row of `weights`
    weights: np.ndarray  # (features, categories)
    intercepts: np.ndarray  # (categories,)
    keep_score: float  # a rule's category goes when its log-odds are under this
    add_score: float  # a category the rules missed comes when its log-odds are over this
    never_added: frozenset[str]  # categories only the rules give (the model may still remove them)
    keep_scores: dict[str, float]  # a stricter bar than `keep_score` for removing these categories
    # when the rules found no technique ("other" alone): the bar for the model's own categories, and the bar
    # `other` must clear to stay beside them (None: no such reading)
    fallback_add_score: float | None = None
    fallback_keep_other: float | None = None

    def scores(self, features: PaperFeatures) -> np.ndarray:
        """Each category's log-odds: the intercept plus the weights of the features present."""
        rows: list[int] = []
        for kind, keys in features.items():
            vocabulary = self.vocabulary.get(kind)
            if vocabulary:
                rows.extend(filter(_KNOWN, map(vocabulary.get, keys)))
        return self.intercepts + self.weights.take(np.fromiter(rows, np.intp, len(rows)), axis=0).sum(axis=0)

    def decide(self, rule_categories: set[str], scores: np.ndarray, read_alone: bool = False) -> set[str]:
        """The categories after the model: the rules' unless ruled out, plus the confident ones; the model's
        likeliest when that would leave the paper with none (every paper contributes something)."""
        score = dict(zip(self.categories, scores.tolist()))
        if rule_categories == {"other"} and read_alone and self.fallback_add_score is not None:
            # no label of a technique anywhere (`read_alone`, see `model_reads_alone`): a paper in words no label
            # lists ("diffusion language models") takes the categories the model finds likely, and `other` stays
            # beside them only if the model is sure of it. A label the rules set aside stays set aside.
            found = {c for c, s in score.items() if c != "other" and s > self.fallback_add_score}
            if found:
                return found | ({"other"} if score.get("other", -math.inf) > (self.fallback_keep_other or 0.0) else set())
        kept = {c for c in rule_categories if c not in score or score[c] >= self.keep_scores.get(c, self.keep_score)}
        return kept | {c for c, s in score.items() if s > self.add_score and c not in self.never_added} or {
            max(score, key=score.get)}


def _log_odds(probability: float) -> float:
    return math.log(probability / (1.0 - probability))


def model_from_dict(data: dict) -> CategoryModel:
    categories = tuple(data["categories"])
    names = list(data["weights"])
    weights = np.array([data["weights"][n] for n in names], dtype=np.float32).reshape(len(names), len(categories))
    vocabulary: dict[str, dict[str, int]] = {}
    for row, name in enumerate(names):
        kind, key = name.split(":", 1)
        vocabulary.setdefault(kind, {})[key] = row
    return CategoryModel(categories, vocabulary, weights,
                         np.array(data["intercepts"], dtype=np.float32), _log_odds(float(data["keep_below"])),
                         _log_odds(float(data["add_above"])), frozenset(data["never_added"]),
                         {c: _log_odds(float(p)) for c, p in data["keep_below_for"].items()},
                         _optional_log_odds(data.get("fallback_add_above")),
                         _optional_log_odds(data.get("fallback_keep_other_above")))


def _optional_log_odds(probability: float | None) -> float | None:
    return None if probability is None else _log_odds(float(probability))


@lru_cache(maxsize=1)
def load_category_model() -> CategoryModel:
    return model_from_dict(json.loads(WEIGHTS_PATH.read_text(encoding="utf-8")))
