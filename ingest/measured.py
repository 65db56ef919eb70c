"""Which model and hardware an evidence claim was measured on.

The answer is read from the claim's own clause: "reduces latency by 53x on the NVIDIA H100", "在RTX 4090上
加速2倍". When that clause names none, an earlier clause of the same sentence part may ("On LLaMA-2 7B,
X achieves 1.2x"), but never a later one, one past a ";" or a brief's "，解决了/达成了" (another
statement), nor one the sentence names as a baseline ("than", "compared to", "including", "相比").
The paper's own method is never the model, in any spelling and without its size ("Dream" for "Dream 7B"); a
variant named after it ("DC-Gen-FLUX") stands for the paper model its suffix names (FLUX.1-Krea). "A and B ... X and Y, respectively" pairs in order.
"""

from __future__ import annotations

import re
from itertools import pairwise

from graph.model import Hardware, Model
from ingest.hardware import find_hardware
from ingest.models import find_models, is_own_name, own_name_parts, own_name_spans
from ontology.graph import text_cache

_HARD_BREAK = re.compile(r"[;；]|，(?=解决|达成|实现|使用)")
_SOFT_BREAK = re.compile(r",\s|，|、|\s(?:while|whereas)\s")
_BASELINE = re.compile(
    r"\b(?:over|than|compared\s+(?:to|with)|versus|vs\.?|outperform\w*|surpass\w*|including|relative\s+to|"
    r"against|trained\s+with|distilled\s+from)\b|相比|相较|优于|超过|较", re.IGNORECASE)
_RESULT_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|×|x\b|倍)")


def measured_on(sentence: str, value: float, proposed: tuple[str, ...], paper_models: list[Model],
                paper_hardware: list[Hardware] | None = None) -> tuple[Model | None, Hardware | None]:
    """The model and the hardware the claim with `value` in `sentence` was measured on, if named.
    Given `paper_hardware`, the two lists are the paper's complete ones: a claim names no model (no
    hardware) its paper does not, so an empty list skips that search."""
    complete = paper_hardware is not None
    if complete and not paper_models and not paper_hardware:
        return None, None  # both searches skipped: the clause need not be read at all (most claims)
    text = _without_own_names(sentence, proposed, paper_models)
    at = _position(text, value)
    segment_start = max((m.end() for m in _HARD_BREAK.finditer(text, 0, at)), default=0)
    segment_end = next((m.start() for m in _HARD_BREAK.finditer(text, at)), len(text))
    clause_end = next((m.start() for m in _SOFT_BREAK.finditer(text, at, segment_end)), segment_end)
    starts = [segment_start] + [m.end() for m in _SOFT_BREAK.finditer(text, segment_start, at)]
    own_clause = text[starts[-1]:clause_end]
    earlier = [text[a:b] for a, b in pairwise(starts)]
    # each clause up to its first baseline cue, cut once for both finders
    heads = [_BASELINE.split(clause, maxsplit=1)[0] for clause in [own_clause, *earlier]]
    model = None if complete and not paper_models else _respective(text, at, own_clause) or _first(_models_in, heads)
    if model is not None and is_own_name(model.name, proposed):
        model = None  # "FLUX" where the paper's own is "Flux", "Dream" where it is "Dream 7B": spelled otherwise
    return model, None if complete and not paper_hardware else _first(_hardware_in, heads)


def _first(find, heads: list[str]):  # type: ignore[no-untyped-def]
    """The first entity named before any baseline cue: in the claim's clause, else the earliest
    earlier clause that names one (the sentence's subject, "A distilled MobileNetV3, trained ...")."""
    for head in heads:
        found = find(head)
        if found:
            return found[0]
    return None


@text_cache(maxsize=64)
def _models_in(clause: str) -> tuple[Model, ...]:
    return tuple(find_models(clause)) if clause.strip() else ()


@text_cache(maxsize=64)
def _hardware_in(clause: str) -> tuple[Hardware, ...]:
    return tuple(find_hardware(clause)) if clause.strip() else ()


def _respective(text: str, at: int, own_clause: str) -> Model | None:
    """"reduce the TTFT of A and B by 50% and 55%, respectively": the k-th number is the k-th model's."""
    if "respectively" not in text:
        return None
    models = _models_in(_BASELINE.split(text, maxsplit=1)[0])
    numbers = [m.start() for m in _RESULT_NUMBER.finditer(text)]
    if len(models) < 2 or at not in numbers:
        return None
    return models[numbers.index(at) % len(models)]


def _position(text: str, value: float) -> int:
    """Where the claim's number stands (its first mention); 0 when it cannot be found."""
    for match in _RESULT_NUMBER.finditer(text):
        if float(match.group(1)) == value:
            return match.start()
    for match in re.finditer(r"\d+(?:\.\d+)?", text):
        if float(match.group()) == value:
            return match.start()
    return 0


def _without_own_names(sentence: str, proposed: tuple[str, ...], paper_models: list[Model]) -> str:
    """The paper's own names blanked out (same length, so positions hold); a variant "<own>-<base>"
    replaced by the paper model its suffix names, when there is one."""
    names = sorted({p for p in own_name_parts(proposed) if len(p.strip()) > 1}, key=len, reverse=True)
    spans = own_name_spans(sentence, names)
    if not spans:
        return sentence
    out, cursor = [], 0
    for start, end in spans:
        out += [sentence[cursor:start], _base_model(sentence[start:end], names, paper_models)]
        cursor = end
    return "".join(out) + sentence[cursor:]


def _base_model(variant: str, own: list[str], paper_models: list[Model]) -> str:
    blank = " " * len(variant)
    stem = next((n for n in sorted(own, key=len) if variant.startswith(n)), variant)
    suffix = variant[len(stem):].lstrip("-‐").casefold()
    if not suffix:
        return blank
    base = next((m for m in paper_models if m.name.casefold().startswith(suffix)
                 or (m.family or "").casefold() == suffix), None)
    return f" {base.name} " if base else blank
