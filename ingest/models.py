"""Existing named models a paper uses or evaluates, and the names it gives its own method.

Models are recognised by the family name forms of ontology/models.ttl plus a shared version/size/tag
grammar, so unseen checkpoints of known families ("Qwen3-30B-A3B") are found without listing them.
The paper's own method ("FastVSR", "AutoPrune") comes from proposal phrasing and is kept apart.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate, compress, pairwise

from graph.ids import entity_id
from graph.model import Model
from ingest.numbers import SENTENCE_END
from ontology.graph import ontology_cache
from ontology.institutions import institution_registry
from ontology.load import ModelForm, Ontology, load_ontology, token_table

_SIZE_TAG = re.compile(r"^(\d+(?:\.\d+)?)([bmk])$", re.IGNORECASE)
_TAG_CASE = {"t2v": "T2V", "i2v": "I2V", "ti2v": "TI2V", "vl": "VL", "xl": "XL", "xxl": "XXL", "moe": "MoE",
             "it": "it", "hf": "hf", "dev": "dev", "schnell": "schnell", "oss": "oss", "r1": "R1",
             "α": "Alpha", "σ": "Sigma"}  # Greek tags spelled out so that ids (ASCII slugs) stay distinct


def find_models(sentence: str) -> list[Model]:
    """Models named in one piece of text, in order of first mention, fullest form per checkpoint."""
    return _drop_prefixes(*_named_models(sentence))


# The usual names of a small model derived from a well-known one: a size or speed word glued to the stem.
# (No look-behind first: `re` then skips to the prefixes' first letters; the caller checks the boundary.)
_DERIVED = re.compile(r"(?:Mobile|Efficient|Fast|Tiny|Edge|Nano|Micro|Mini|Light|Open)"
                      r"(?:SAM|ViT|BERT|DiT|CLIP|LLaMA|Llama|DETR|Whisper)(?:-?[A-Z0-9][A-Za-z0-9_.]*)?(?![A-Za-z0-9_-])")
_SIZE_BEFORE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?[BbMm])\s+$")
_HAS_SIZE = re.compile(r"\d+(?:\.\d+)?[BM]\b|\d+x\d+B")
_BRACED = re.compile(r"-\{([A-Za-z0-9., -]{1,40})\}")
_ITEM_SEPARATOR = r"/|\s*,\s*(?:and\s+)?|\s+and\s+|\s*[、和与及]\s*"  # "7B/13B", "1.5, 2.1 and", "A、B和C"
_SIZE_SEPARATOR = re.compile(_ITEM_SEPARATOR)
# "LLaVA-HR", "SwinIR-light", "SigLIP-SO400M/14" (a size code and its patch size); not "CLIP-Knowledge Distillation"
_GLUED_TAG = re.compile(r"-([A-Z][A-Za-z0-9]*(?:-\d+[kK]|(?<=\d[MB])(?:/\d{1,2}|-\d{3}))?(?:-(?:Instruct|Chat|Base|\d{4}))*|(?:light|lite|tiny|small|base|large|huge|mini|nano)(?=[\s,;.)]))"
                        r"(?![\w\-‐/])(?!\s+[A-Z][a-z])")
_COMPONENT_AFTER = re.compile(r"\s+(VAE|VQ-?VAE|Tokenizer)\b(?!-)")  # "EnCodec tokenizer" describes EnCodec
# "Llama 2 (7B, 13B and 70B)", "the Claude 3 family (Haiku, Sonnet and Opus)": sizes or tiers, one checkpoint each
_PAREN_ITEM = r"(?:\d+(?:\.\d+)?[BMbm]|Haiku|Sonnet|Opus|Pro|Flash|Ultra|Nano|Mini|Lite|Instruct|Chat|Base)"
_PAREN_SIZES = re.compile(rf"\s*(?:(?:models?|family|series)\s*)?\(({_PAREN_ITEM}(?:(?:/|\s*,\s*(?:and\s+)?|\s+and\s+)"
                          rf"{_PAREN_ITEM})*)\)")


# What may follow a model's last size or decimal version as more of the same ("OPT-30B/66B/175B", "Stable Diffusion
# 1.5, 2.1 and SDXL"): the listed items, the model's own last item, and how an item is spelt in a name.
_LISTED_SIBLINGS = (
    (re.compile(rf"(?:(?:{_ITEM_SEPARATOR})\d+(?:\.\d+)?[BMbm])+(?!\w|\.\d)"), re.compile(r"\d+(?:\.\d+)?[BMbm]$"), str.upper),
    (re.compile(rf"(?:(?:{_ITEM_SEPARATOR})\d+\.\d+(?![\w.]))+"), re.compile(r"(?<=[A-Za-z -])\d+\.\d+$"), str),
    # "LLaMA-1/2/3", not the sizes of "Falcon-7/40/180B"
    (re.compile(r"(?:/\d{1,2}(?![\w.]))+(?!/)"), re.compile(r"(?<=[A-Za-z]-)\d{1,2}$"), str),
    # "T5 Base, Large, and XL": the tiers listed after the first
    (re.compile(rf"(?:(?:{_ITEM_SEPARATOR})(?:Small|Base|Large|XL|XXL|Huge|Giant)(?![\w-]))+"),
     re.compile(r"(?<=[- ])(?:Small|Base|Large|XL|XXL|Huge|Giant)$"), str),
)


def _listed_siblings(text: str, end: int, model: Model) -> list[Model]:
    """The other checkpoints of "OPT-30B/66B/175B", "LLaMA 1B and 7B", "Stable Diffusion 1.5, 2.1 and SDXL": the
    same name with each size or version listed after it in place of its own."""
    siblings = []
    for listed, own_item, spelt in _LISTED_SIBLINGS:
        more, own = listed.match(text, end), own_item.search(model.name)
        if more and own:
            stem = model.name[:own.start()]
            siblings += [Model(entity_id("model", stem + spelt(item)), stem + spelt(item), model.family)
                         for item in _SIZE_SEPARATOR.split(more.group()) if item]
    return siblings


_SIZE_WORD = r"\d+(?:\.\d+)?\s*(?:billion|million|B|M)\b"
_SIZE_LIST = rf"(?:{_SIZE_WORD})(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|/){_SIZE_WORD})*"
# "OPT models of 1.3 billion and 6.7 billion parameters", "LLaMA models of sizes 7B, 13B, and 30B" (sizes "from 7B to
# 70B" are a range of the family, not its checkpoints)
_SIZES_AFTER = re.compile(rf"\s+models?\s+(?:(?:of|with)\s+({_SIZE_LIST})\s+param"
                          rf"|(?:of|with|in|at)\s+sizes?\s+(?:of\s+)?({_SIZE_LIST}))")
_SIZE_ITEM = re.compile(r"(\d+(?:\.\d+)?)\s*(billion|million|B|M)")
_SAMPLER_OR_TUNER_AFTER = re.compile(r"[\s-]+(?:steps?|samplers?|solvers?|schedules?|scheduler|tuners?|auto-?tuners?)\b")  # "the Chameleon tuner"
_METRIC_AFTER = re.compile(r"[\s-]?(?:score|Score|SCORE)s?\b|\s*(?:分数|得分|评分|损失|相似度)|\.(?:cpp|js)\b")  # also "llama.cpp": a program; "CLIP分数", "CLIP损失"
# "LLaMA-based model", "CLIP-style encoder", "ChatGPT-generated data": a family named as a modifier of
# something else, not a checkpoint the paper runs.
_MODIFIER = r"-(?:based|style|like|architecture|generated|derived|inspired|type)"
# "LLaMA式", "Llama架构", "the Llama architecture", "the YOLO framework": a design taken over, no checkpoint run
_MODIFIER_AFTER = re.compile(rf"{_MODIFIER}\b|\s+(?:architecture|style|framework|paradigm)\b|\s*(?:式|架构|风格|框架)")  # after a matched family
_MODIFIER_END = re.compile(rf"{_MODIFIER}$")  # ending an enumeration's item
# A word in capitals right before a ViT checkpoint ("MAE ViT-B", "EVA-CLIP ViT-G"), but no number format ("W4A8")
_TRAINED_BY_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]+(?:-[A-Z][A-Za-z0-9]*)?) $")
_NOT_A_TRAINER = re.compile(r"W\d+A\d+|INT\d+|FP\d+|BF16|GPU|CPU|NPU|TPU|LLM|VLM|AND|OR")
# A bare name that is also a registered organisation's, as its possessor or the subject of a release
_ORGANISATION_AFTER = re.compile(r"['’]s\s|\s*(?:等|与|和)?\s*(?:发布|提出|推出)")
# ... but a network built on a checkpoint named with its version or size runs that checkpoint ("a ResNet-18-based
# network"). A "-style" checkpoint is only its design ("GPT-3-style models"); a "GPT-4-based evaluation" its judge.
_CHECKPOINT_MODIFIED = re.compile(r"-based\b(?!\s+(?:evaluations?|judg\w*|assessments?|scor\w*|metrics?)\b)")


def _whole_model(onto: Ontology, word: str) -> Model | None:
    """The model `word` names from end to end, if it is one."""
    match = next((m for m in onto.model_matches(word) if m.span() == (0, len(word))), None)
    return _model_from_match(onto, match) if match else None


_GLUED_WORD = re.compile(r"-[A-Za-z]+(?![A-Za-z0-9-])")


def _names_organisation(sentence: str, match: re.Match[str]) -> bool:
    """The match names a registered organisation: a bare name as its possessor or publisher ("DeepSeek's
    codebase", "DeepSeek发布了"), or the name with a glued word, as the registry writes it ("DeepSeek-AI")."""
    if _ORGANISATION_AFTER.match(sentence, match.end()) and not (match.group("ver") or match.group("tags")):
        return institution_registry().lookup(match.group()) is not None
    tagged = _GLUED_WORD.match(sentence, match.end())
    if tagged is None:
        return False
    written = sentence[match.start():tagged.end()]
    registered = institution_registry().lookup(written)
    return registered is not None and written in (registered.name, *registered.aliases)


def _named_models(sentence: str) -> tuple[list[Model], set[str]]:
    """The models named, and the names (folded) that an enumeration lists beside a longer form of them
    ("on LLaMA and LLaMA-2": both are models, the bare one is not shorthand for the other)."""
    onto = load_ontology()
    found: dict[str, Model] = {}
    known_spans = []
    named_at: list[tuple[int, int, str]] = []
    listed_versions: set[str] = set()
    for match in onto.model_matches(sentence):
        if sentence.startswith(" (", match.end()) and (acronym := _ACRONYM.match(sentence, match.end() + 1)) \
                and match.group() in acronym.group(1) and len(acronym.group(1)) > len(match.group()):
            continue  # "Hidden-unit BERT (HuBERT)": the end of another model's expansion, that model is named by it
        if _METRIC_AFTER.match(sentence, match.end()) or _SAMPLER_OR_TUNER_AFTER.match(sentence, match.end()) \
                or _MODIFIER_AFTER.match(sentence, match.end()) and not (
                    (match.group("ver") or match.group("tags")) and _CHECKPOINT_MODIFIED.match(sentence, match.end())) \
                or _names_data(sentence, *match.span(), known=True) or _names_organisation(sentence, match):
            continue  # "CLIP Score", "BERTScore": a metric named after a model; "llama.cpp": a program;
            # "LLaMA-based": a modifier; "250 DDPM steps": a sampler; "fine-tuned on Alpaca": data; "DeepSeek's
            # codebase", "DeepSeek发布了", "DeepSeek-AI": the company of that name
        model = _model_from_match(onto, match)
        if model is None and len(match.group()) > 2 and not _SIZES_AFTER.match(sentence, match.end()) \
                and _COMPARED_BEFORE.search(sentence, max(0, match.start() - 64), match.start()):
            # "exceeds the performance of Mamba", "outperforms both Mamba and X": a family that needs a
            # version elsewhere, named as what the paper is compared with, is that family's model (a name
            # of two letters, "SD", says too little)
            model = _family_model(onto, match)
        size = _SIZE_BEFORE.search(sentence, max(0, match.start() - 12), match.start())
        if model is not None and size and not _HAS_SIZE.search(model.name):  # "the 70B Llama-2 model"
            name = f"{model.name}-{size.group(1).upper()}"
            model = Model(entity_id("model", name), name, model.family)
        sized = _SIZES_AFTER.match(sentence, match.end()) if model is None or not _HAS_SIZE.search(model.name) else None
        if sized:  # "OPT models of 1.3 billion and 6.7 billion parameters": one checkpoint per size
            base = model or _family_model(onto, match)
            stem, family = base.name, base.family
            known_spans.append(match.span())
            named_at.append((*match.span(), stem.casefold()))
            for number, scale in _SIZE_ITEM.findall(sized.group(1) or sized.group(2)):
                name = f"{stem}-{number}{scale[0].upper()}"
                found.setdefault(name.casefold(), Model(entity_id("model", name), name, family))
            continue
        tagged = _GLUED_TAG.match(sentence, match.end()) if model is not None else None
        partner = _whole_model(onto, tagged.group(1)) if tagged else None
        match_end = match.end()
        if tagged and _BENCHMARK.search(tagged.group(1)):
            continue  # "LLaVA-Bench": a benchmark named after a model
        if partner is not None and partner.name == partner.family:
            # "EVA02-CLIP", "EVA-CLIP": a bare family glued after another names a variant of it, as written
            name = sentence[match.start():tagged.end()]
            model = Model(entity_id("model", name), name, partner.family)
            match_end = tagged.end()
        elif partner is not None:  # "ResNet50-MobileNetV1": a teacher-student pair, two models
            found.setdefault(partner.name.casefold(), partner)
        elif tagged and tagged.group(1).upper() not in _NOT_MODELS \
                and not _DATA_SET_NAME.fullmatch(tagged.group(1)):
            # "LLaVA-HR", "Emu3-Gen", "Conformer-CTC": a variant of a known model, named as written
            name = f"{model.name}-{tagged.group(1)}"
            model = Model(entity_id("model", name), name, model.family)
            match_end = tagged.end()
        elif model is not None and (component := _COMPONENT_AFTER.match(sentence, match_end)):
            name = f"{model.name} {component.group(1)}"  # "the HunyuanVideo VAE": a released part, a model of its own
            model = Model(entity_id("model", name), name, model.family)
            match_end = component.end()
        in_parens = _PAREN_SIZES.match(sentence, match_end) if model is not None and not _HAS_SIZE.search(
            model.name) else None
        if in_parens:  # "Llama 2 (7B, 13B and 70B)", "BLOOM (176B)": one checkpoint per size
            known_spans.append((match.start(), in_parens.end()))
            named_at.append((match.start(), match_end, model.name.casefold()))
            for size in _SIZE_SEPARATOR.split(in_parens.group(1)):
                name = f"{model.name}-{size.upper()}" if size[0].isdigit() else f"{model.name} {size}"
                found.setdefault(name.casefold(), Model(entity_id("model", name), name, model.family))
            continue
        if model is not None:  # a bare stem that needs a version ("MPT") may still be an enumeration's item
            known_spans.append((match.start(), match_end))
            found.setdefault(model.name.casefold(), model)
            named_at.append((match.start(), match_end, model.name.casefold()))
            siblings = _listed_siblings(sentence, match_end, model)
            for sibling in siblings:
                found.setdefault(sibling.name.casefold(), sibling)
            if siblings:  # "LLaMA-2/3": the versions listed are models, none shorthand for a checkpoint named elsewhere
                listed_versions |= {model.name.casefold(), *(s.name.casefold() for s in siblings)}
            braced = _BRACED.match(sentence, match_end)  # "Vicuna-{7B,13B}": two checkpoints
            if braced:
                found.pop(model.name.casefold(), None)
                for item in (i.strip() for i in braced.group(1).split(",") if i.strip()):
                    name = f"{model.name}-{item}"
                    found.setdefault(name.casefold(), Model(entity_id("model", name), name, model.family))
    for hit in onto.model_alias_index.find(sentence):
        family = onto.model_families[hit.target]
        found.setdefault(family.name.casefold(), Model(entity_id("model", family.name), family.name, family.name))
    for start, end, name in _sized_names(sentence):
        inner = max((at for at in named_at if at[0] == start and at[1] < end), key=lambda at: at[1], default=None)
        if inner is not None and inner[2] in found:
            # "LLaVA-1.6-Mistral-7B": a checkpoint named by a known family and more, the family's model
            family = found.pop(inner[2]).family
            found.setdefault(name.casefold(), Model(entity_id("model", name), name, family))
            known_spans.append((start, end))
            named_at[named_at.index(inner)] = (start, end, name.casefold())
        elif not any(start < known_end and known_start < end for known_start, known_end in known_spans):
            known_spans.append((start, end))
            if _names_data(sentence, start, end):
                continue  # "trained on YFCC-15M", "the SA-1B dataset": a data set named by its size
            found.setdefault(name.casefold(), Model(entity_id("model", name), name, None, resolved=False))
    for match in _DERIVED.finditer(sentence):  # "MobileSAM", "TinyViT": a small model of a known family
        before = sentence[match.start() - 1] if match.start() else " "
        glued = before.isascii() and (before.isalnum() or before in "-_")
        if not glued and not any(match.start() < e and s < match.end() for s, e in known_spans):
            name = match.group(0)
            found.setdefault(name.casefold(), Model(entity_id("model", name), name, None, resolved=False))
    # "RecurrentGemma 9B": an unknown family, sized; "outperforms Monodepth2": a baseline model; "a pre-trained
    # BigVGAN vocoder": a model the paper runs
    for start, end, name in _spaced_sized_names(sentence) + _compared_names(sentence) + _pretrained_names(sentence):
        if not any(start < known_end and known_start < end for known_start, known_end in known_spans):
            known_spans.append((start, end))
            stem = _family_stem(onto, name)
            model = found.setdefault(name.casefold(), _family_model(onto, stem) if stem else
                                     Model(entity_id("model", name), name, None, resolved=False))
            for sibling in _listed_siblings(sentence, end, model):  # "CodeLLaMA 7B/34B"
                found.setdefault(sibling.name.casefold(), replace(sibling, resolved=False))
    # "whisper-large-v2", "vicuna-68m"; "the gte-base-en-v1.5 embedding model"
    for start, end, name, family in _lowercase_ids(sentence) + _ids_in_role(sentence):
        if not any(start < known_end and known_start < end for known_start, known_end in known_spans):
            known_spans.append((start, end))
            found.setdefault(name.casefold(), Model(entity_id("model", name), name, family, resolved=family is not None))
    for name, family in _listed_beside(sentence, known_spans):
        found.setdefault(name.casefold(), Model(entity_id("model", name), name, family, resolved=family is not None))
    named_at.sort()
    for (start, end, first), (next_start, next_end, second) in pairwise(list(named_at)):
        # "CLIP ViT-L/14", "OpenCLIP ViT-H/14": a bare family, or a variant named without a number, naming the
        # checkpoint of its ViT backbone
        model, backbone = found.get(first), found.get(second)
        if model is not None and backbone is not None and next_start == end + 1 and sentence[end] == " " and (
                model.name == model.family or backbone.family == "ViT" and not _HAS_DIGIT.search(model.name)):
            name = f"{model.name} {backbone.name}"
            found.pop(first, None)
            found.pop(second, None)
            found[name.casefold()] = Model(entity_id("model", name), name, model.family)
    for start, _, key in named_at:
        # "MAE ViT-B", "EVA ViT-G": a backbone checkpoint named with the method or model it was trained by, one name
        model = found.get(key)
        pretrained_by = _TRAINED_BY_BEFORE.search(sentence, max(0, start - 16), start) \
            if model is not None and model.family == "ViT" else None
        if pretrained_by and not _NOT_A_TRAINER.fullmatch(pretrained_by.group(1)):
            name = f"{pretrained_by.group(1)} {model.name}"
            found.pop(key)
            found[name.casefold()] = Model(entity_id("model", name), name, model.family)
    # Each enumeration's items together: a bare name is a model of its own only beside a longer form of it in
    # the same list ("LLaMA and LLaMA-2"); in "LLaMA, OPT and GPT-NeoX", with "LLaMA-7B" named elsewhere, it is
    # shorthand for that checkpoint.
    enumerations: list[frozenset[str]] = []
    current: set[str] = set()
    for (_, end, first), (start, _, second) in pairwise(named_at):
        if _SEPARATOR_ONLY.match(sentence[end:start]):
            current |= {first, second}
        elif current:
            enumerations.append(frozenset(current))
            current = set()
    if current:
        enumerations.append(frozenset(current))
    # versions listed after a slash ("LLaMA-2/3") are each a model, whatever is named elsewhere
    enumerated = set(listed_versions) | {name for items in enumerations for name in items
                                         if any(other != name and other.startswith(name) for other in items)}
    return list(found.values()), enumerated


# An enumeration of models ("on LLaMA-2, Falcon and MPT", "在A、B和C上"): an item beside a known model that
# is shaped like a model name (a capital and a digit, an inner capital or hyphen, all capitals, or an acronym
# glued to a word: "GMFlow", "BEVDet") is one too, though the ontology does not list its family.
_ITEM_TAIL = r"[A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*"
_ITEM = rf"[A-Z]{_ITEM_TAIL}"
_SEPARATOR = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*[、和及与或]\s*|/)"
# An item ends the name: a separator, punctuation, "models" or Chinese follows, not another word.
_ITEM_END = r"(?=\s*(?:[,，、;；.。:：)）/]|and\b|or\b|models?\b|LLMs?\b|[\u4e00-\u9fff]|$)|\s+[a-z])"
_SEPARATOR_ONLY = re.compile(rf"{_SEPARATOR}$")
# (an item may carry a version after a space: "Qwen2.5-VL-7B and GOT-OCR 2.0")
_NEXT_ITEM = re.compile(rf"{_SEPARATOR}({_ITEM}(?:\s(?:(?:[vV]\d+(?:\.\d+)*|\d+\.\d+)(?![\w.])|\d+(?:\.\d+)?[BM](?!\w|\.\d)))?)"
                        rf"(?![A-Za-z0-9_\-‐]){_ITEM_END}")  # "..., CodeLlama 7B and Llemma 7B": a size after a space too
_PREVIOUS_ITEM = re.compile(rf"(?<![A-Za-z0-9_\-‐])({_ITEM}){_SEPARATOR}$")
_CAPITAL_WORD_BEFORE = re.compile(r"[A-Z][\w-]*\s+$")  # "Linear DiT": the item is the end of a longer name
_MODEL_SHAPE = re.compile(r"^(?=.*[A-Z])(?:(?=.*\d)(?=.*[A-Za-z]{2})|.+[a-z][A-Z]|[A-Z]{2,}[a-z]{2}|[A-Z][A-Za-z]*-[A-Za-z0-9]|[A-Z]{3,}$)")


def _listed_beside(text: str, known: list[tuple[int, int]]) -> list[tuple[str, str | None]]:
    """(name, family) of the items beside known models; a bare stem of a known family that needs a
    version on its own ("MPT", "Pythia") is that family's model here."""
    names: list[tuple[str, str | None]] = []
    if not known:
        return names
    onto = load_ontology()
    for start, end in sorted(known):
        cursor = end
        while (item := _NEXT_ITEM.match(text, cursor)) is not None:
            if any(s <= item.start(1) < e for s, e in known):
                cursor = next(e for s, e in known if s <= item.start(1) < e)
                continue
            family = _family_of_canonical().get(item.group(1))
            stem, _, size = item.group(1).partition(" ")
            if size[-1:] in ("B", "M") and not (_NAME_MARK.search(stem) or _plain_name(onto, text, item.start(1), stem)):
                break  # a size after a word that is no name ("Attention-free 7B designs")
            if family is None and not (_model_shaped(onto, item.group(1))
                                       or _plain_name(onto, text, item.start(1), item.group(1))) \
                    or _MODIFIER_END.search(item.group(1)):
                break
            names.append((item.group(1), family))
            cursor = item.end(1)
        cursor = start
        while (previous := _PREVIOUS_ITEM.search(text, max(0, cursor - 40), cursor)) is not None:
            if any(s <= previous.start(1) < e for s, e in known) or _CAPITAL_WORD_BEFORE.search(
                    text, max(0, previous.start(1) - 30), previous.start(1)):
                break
            family = _family_of_canonical().get(previous.group(1))
            if family is None and not (_model_shaped(onto, previous.group(1))
                                       or _plain_name(onto, text, previous.start(1), previous.group(1))):
                break
            names.append((previous.group(1), family))  # "YOLOR, YOLOX, Scaled-YOLOv4": walk back item by item
            cursor = previous.start(1)
    return names


# A checkpoint written as a lower-case repository id ("whisper-large-v2", "vicuna-68m", "gpt-3.5-turbo"): a known
# family's name, then hyphen-joined parts with a number or a size word. The family forms are case-sensitive so
# that "whisper" or "switch" in prose is no model; the joined parts say this one is. Candidates are the tokens
# the phrase index already cut that name a family (a dictionary test each), so the text is not scanned again.
_ID_TAIL = re.compile(r"(?:-[a-z0-9]+(?:\.[a-z0-9]+)*)+(?![\w-])")
_ID_PART = re.compile(r"\d|(?:^|-)(?:tiny|small|base|medium|large|xl|xxl|mini|instruct|chat|turbo)(?:-|$)")


def _lowercase_ids(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, id as written, family) of each lower-case repository id of a known family."""
    families = _lowercase_family_names()
    table = token_table(text)
    folded, bounds = table.folded, table.bounds
    found = []
    for i in compress(range(len(folded)), map(families.__contains__, folded)):
        start, end = bounds[2 * i], bounds[2 * i + 1]
        if not text.startswith("-", end) or not text[start:end].islower() or start and (
                text[start - 1].isalnum() or text[start - 1] in "_./-"):
            continue
        tail = _ID_TAIL.match(text, end)
        if tail and _ID_PART.search(tail.group()):
            found.append((start, tail.end(), text[start:tail.end()], families[folded[i]]))
    return found


# A repository id of any family in a model's role: "the gte-base-en-v1.5 embedding model", "the all-mpnet-base-v2
# sentence encoder"
_ID_IN_ROLE = re.compile(r"\bthe\s+([a-z][a-z0-9]*(?:-[a-z0-9]+(?:\.[a-z0-9]+)*)+)\s+(?:[a-z]+\s+)?(?:model|encoder|checkpoint)s?\b")


def _ids_in_role(text: str) -> list[tuple[int, int, str, None]]:
    """(start, end, id, no family) of each lower-case id in a model's role that is shaped like a checkpoint's: two
    hyphens or more, a number or size word among its parts (`_ID_PART`, as for a known family's ids) and no bit
    width ("the sub-8-bit model" is a kind)."""
    if " the " not in text:
        return []
    return [(m.start(1), m.end(1), m.group(1), None) for m in _ID_IN_ROLE.finditer(text)
            if m.group(1).count("-") >= 2 and _ID_PART.search(m.group(1)) and "bit" not in m.group(1)]


@ontology_cache
def _lowercase_family_names() -> dict[str, str]:
    """The family of each one-word canonical model name, case-folded ("whisper": Whisper)."""
    return {canonical.casefold(): family for canonical, family in _family_of_canonical().items()
            if canonical.isalnum()}


@ontology_cache
def _family_of_canonical() -> dict[str, str]:
    """The family of each canonical model name: a bare stem in an enumeration ("MPT") is that family's model."""
    onto = load_ontology()
    return {f.canonical: onto.model_families[f.family].name for f in reversed(list(onto.model_forms.values()))}


def _model_shaped(onto: Ontology, word: str) -> bool:
    """A model-like name that is no technique label, hardware or metric word ("GPTQ", "A100", "FLOPs")."""
    if len(word) < 3 or not _MODEL_SHAPE.match(word) or _never_a_model(word) or _BENCHMARK.search(word):
        return False
    # a technique's label after a hyphen in a longer name ("V-MoE", "Zip-NeRF") leaves it a name; one opening it
    # ("EAGLE-1", "LCM-LoRA") names the technique's own version, and one glued on ("DistriFusion") a method
    return not (any(hit.start == 0 or word[hit.start - 1] != "-" for hit in onto.technique_index.find(word))
                or onto.hardware_index.find(word) or onto.device_grammar.pattern.match(word))


def _plain_name(onto: Ontology, text: str, at: int, word: str) -> bool:
    """A capitalised plain word ("Gopher", "Florence") listed beside known models inside a sentence is one more
    model's name; one opening a sentence ("Moreover, LLaMA-2 ...") is capitalised for that alone."""
    return _PLAIN_NAME.fullmatch(word) is not None and word.casefold() not in _LIST_WORDS \
        and not _SENTENCE_START_BEFORE.search(text, max(0, at - 4), at) \
        and not onto.technique_index.find(word) and not onto.hardware_index.find(word)


_PLAIN_NAME = re.compile(r"[A-Z][a-z]{3,}")
_SENTENCE_START_BEFORE = re.compile(r"(?:^|[.!?:;\n(]\s*|\*\*\s*)$")
_LIST_WORDS = frozenset({"tiny", "small", "base", "medium", "large", "huge", "giant", "transformer", "transformers",
                         "first", "second", "third", "then", "both", "other", "others"})


_BENCHMARK = re.compile(r"(?:Bench|Eval|QA|Arena|Set|Net-\d+K)$")  # "SEED-Bench", "MT-Bench": benchmarks

_HAS_DIGIT = re.compile(r"\d")
# Upper-case words of an evaluation sentence that are not models: units, formats, task and metric names.
_NOT_MODELS = frozenset({"GPU", "GPUS", "CPU", "CPUS", "NPU", "NPUS", "FLOPS", "TFLOPS", "GFLOPS", "FP16", "FP8",
                         "BF16", "INT8", "INT4", "FP32", "LLM", "LLMS", "VLM", "VLMS", "MLLM", "MLLMS", "API",
                         "SOTA", "KV", "MOE", "SLO", "TTFT", "TPOT", "PPL", "FID", "PSNR", "SSIM", "LPIPS",
                         "BLEU", "ROUGE", "NLP", "CV", "ASR", "OCR", "QA", "VQA", "FPS", "TOP-K", "TOP-P"})
# Kinds of network or layer, training steps and software: no model on their own, but a variant's tag after a
# model's name ("BART-large-CNN", "Conformer-RNN")
_KINDS_NOT_NAMES = frozenset({"SOC", "SOCS", "MLP", "MLPS", "MHA", "MQA", "CNN", "CNNS", "RNN", "RNNS", "DNN", "DNNS",
                              "SSM", "SSMS", "TTS", "SFT", "COT", "MOS", "SWA", "RAG", "NAS", "PYTORCH", "TENSORFLOW",
                              "JAX", "MLX", "ONNX", "CUDA", "TRITON", "TENSORRT",
                              "RELU", "GELU", "SILU", "SWIGLU", "GEGLU", "REGLU"})  # activation functions
_NOT_NAMES = _NOT_MODELS | _KINDS_NOT_NAMES


def _never_a_model(word: str) -> bool:
    """A unit, format, metric, kind of network, software or data set: never a model, whatever its shape."""
    return word.upper() in _NOT_NAMES or _DATA_SET_NAME.fullmatch(word) is not None \
        or _NUMBER_FORMAT.fullmatch(word) is not None


_NUMBER_FORMAT = re.compile(r"MX(?:FP|INT)?\d+|(?:NV|MX)?FP\d+(?:-E\dM\d)?|INT\d+|E\dM\d|UINT\d+")  # "MX9", "MXFP4", "NVFP4"


# A data set named by its size, like a checkpoint ("LAION-5B", "SA-1B", "MovieLens-25M"): what a model is
# trained or tuned on, or a name a data noun follows.
_DATA_BEFORE = re.compile(r"(?:train(?:ed|ing)?|tun(?:ed|e|ing)|distill(?:ed)?|pre-?trained)\s+(?:\w+\s+)?on\s+"
                          r"(?:the\s+)?$", re.IGNORECASE)
_DATA_NOUN_AFTER = re.compile(r"[-\s](?:[A-Z][\w-]*\s)?(?:dataset|data|images|videos|corpus|benchmark|training\s+set)s?\b"
                              r"|\s*(?:多任务|多模态|预训练|训练|指令|合成|标注)?数据集")
_SAMPLES_FROM_BEFORE = re.compile(r"(?:samples|examples|instructions|prompts|traces|workloads|requests|images|"
                                  r"videos|captions|image-text\s+pairs)\s+"
                                  r"(?:drawn\s+|derived\s+)?from\s+(?:the\s+)?$",
                                  re.IGNORECASE)


# Data sets and benchmarks named like checkpoints ("PG-19", "WebVid-10M", "Vicuna-80"), whatever the sentence
_DATA_SET_NAME = re.compile(r"CIFAR-?\d+|PG-?19|Wiki-?40B|WebVid(?:-\d+[MK])?|AudioSet(?:-\d+[MK])?|SA-1B|SA-V|Pile|"
                            r"ShareGPT|C4|LAION(?:-\w+)?|WikiText(?:-?\d+)?|Vicuna-80|LibriSpeech|ImageNet(?:-\w+)?|NTIRE|"
                            r"COCO|GLUE|MMLU|GSM8K|JFT(?:-\w+)?|DataComp(?:-\w+)?", re.IGNORECASE)


_TUNED_ON_BEFORE = re.compile(r"tun(?:ed|e|ing)\s+(?:\w+\s+)?on\s+(?:the\s+)?$", re.IGNORECASE)


def _names_data(text: str, start: int, end: int, known: bool = False) -> bool:
    """The name at start..end is a data set's ("fine-tuned on Alpaca", "256 samples from Alpaca", "the SA-1B
    dataset"): several model names (Alpaca, SA-1B) are also the names of the data they were made with. A
    known family is data only after tuning, not training ("pre-training on LLaMA 1B and 7B architectures")."""
    before = _TUNED_ON_BEFORE if known else _DATA_BEFORE
    return bool(before.search(text, max(0, start - 24), start) or _DATA_NOUN_AFTER.match(text, end)
                or _SAMPLES_FROM_BEFORE.search(text, max(0, start - 40), start))


# A checkpoint of a family the ontology does not know yet: a capitalised name whose last part is a
# parameter count ("Foo-V2-1.3B"). The count is what sets a checkpoint apart from a method name.
# (The capital comes before the look-behind on the character before it, so `re` can skip to capitals.)
# A checkpoint suffix may follow the count: a version ("-v1", "-V1.1", "-002"), a tuning tag ("-Instruct",
# "-chat", "-hf", "-it") or a context length ("-32k"): "WizardMath-7B-V1.1", "Abel-7B-002".
_CHECKPOINT_SUFFIX = r"(?:-(?:[vV]\d+(?:\.\d+)*|\d{3}|[Ii]nst(?:ruct)?|[Cc]hat|[Bb]ase|hf|it|[Pp]review|\d+[kK]))"
_SIZED_NAME = re.compile(
    r"([A-Z](?<![A-Za-z0-9_.\-‐][A-Z])[A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*?-\d+(?:\.\d+)?(?:[BM]|[GM]F)"
    rf"{_CHECKPOINT_SUFFIX}{{0,2}})(?![A-Za-z0-9_\-‐])")
_SIZE_SUFFIX = re.compile(r"-\d+(?:\.\d+)?(?:[BM]|[GM]F)")  # a parameter count, or a FLOPs one ("RegNetY-16GF")


# ... or whose last part is a size word ("TopFormer-Base", "M2-BERT-base", "EVA-XL"), when the rest is
# shaped like a model name itself (so "X-Large" or "Pre-Base" are not models).
# A language or version tag may follow the size word ("BGE-base-en-v1.5", "GTE-large-v1.5").
_SIZE_WORD_SUFFIX = (r"-(?:Tiny|Small|Base|Medium|Large|Huge|Giant|XXS|XS|XL|XXL|tiny|small|base|medium|large)"
                     r"(?:-(?:en|zh|multilingual|[vV]\d+(?:\.\d+)*))*(?![A-Za-z0-9_\-‐])")
_SIZE_WORD_NAME = re.compile(
    rf"([A-Z](?<![A-Za-z0-9_.\-‐][A-Z])[A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*?){_SIZE_WORD_SUFFIX}")
_SIZE_WORD_AFTER_DASH = re.compile(_SIZE_WORD_SUFFIX)


# A model-shaped name (an inner capital, a digit or all capitals) and a parameter count after a space:
# "RecurrentGemma 9B", "Falcon2 11B". A plain word before the count ("Transformer 7B") is no name.
_SPACED_SIZE = re.compile(r" (\d+(?:\.\d+)?[BM])(?!\w|\.\d)")  # the count first: a capital starts too many words
_NAME_BEFORE = re.compile(r"(?<![A-Za-z0-9_.\-‐])[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*$")
_VERSIONED_NAME_BEFORE = re.compile(r"(?<![A-Za-z0-9_.\-‐])([A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*) [vV]\d+(?:\.\d+)?$")
_NAME_MARK = re.compile(r"\d|[a-z][A-Z]|^[A-Z0-9]+$")  # a digit, an inner capital or all capitals; not "Attention-free"


def _spaced_sized_names(text: str) -> list[tuple[int, int, str]]:
    onto = load_ontology()
    found = []
    for size in _SPACED_SIZE.finditer(text):
        versioned = _VERSIONED_NAME_BEFORE.search(text, max(0, size.start() - 48), size.start())
        if versioned:  # "MobileVLM v2 3B": a name, its version, then the count
            if _model_shaped(onto, versioned.group(1)):
                found.append((versioned.start(), size.end(), f"{versioned.group()}-{size.group(1)}"))
            continue
        name = _NAME_BEFORE.search(text, max(0, size.start() - 40), size.start())
        if name and _NAME_MARK.search(name.group()) and _model_shaped(onto, name.group()):
            found.append((name.start(), size.end(), f"{name.group()}-{size.group(1)}"))
    return found


# A model-shaped name right after a comparison ("outperforms Monodepth2", "better than Conformer-CTC"): the
# baseline it is compared with, when it ends as model names do (a version number, a network suffix); a
# compared method ("DistriFusion", "CoT", "LLM-Pruner") does not.
_COMPARISONS = ("outperform", "than ", "surpass", "versus ", "vs")
_COMPARED = re.compile(r"(?:s|ing|ed|es)?\.?\s+(?:the\s+)?([A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*)"
                       r"(?=\s*(?:[,;.)]|'s|\s(?:by|on|in|with|and|while|at)\b))")
_MODEL_ENDING = re.compile(r"(?:\d|Net|GAN|[Ff]ormer|SR|ViT|BERT|GPT|LM|Vim|XL|VAE)$")


# A figure reported for a name in a comparison ("compared with 1.8 FPS for SuperPoint", "versus 59.6 mAP at 84.1
# ms for CenterPoint"): the name is the baseline the figure was measured on. Read from each " for " a figure
# stands before (few in a text), back to a comparison word in the same sentence.
_COMPARISON_OPENING = re.compile(r"\b(?:versus|vs\.?|compared\s+(?:with|to)|against|than)\s")
_FIGURE_BEFORE_FOR = re.compile(r"\d\s*(?:%|[x×]|[A-Za-z/]{1,6})?$")
_NAME_AFTER_FOR = re.compile(rf"(?:the\s+)?({_ITEM})(?=\s*(?:[,;.)]|and\b|or\b|$))")


def _figures_for_names(text: str) -> list[tuple[int, int, str]]:
    found = []
    at = text.find(" for ")
    while at >= 0:
        if _FIGURE_BEFORE_FOR.search(text, max(0, at - 8), at):
            sentence_start = max(text.rfind(". ", 0, at), text.rfind(";", 0, at), 0)
            name = _NAME_AFTER_FOR.match(text, at + 5)
            if name and _COMPARISON_OPENING.search(text, sentence_start, at) \
                    and _model_shaped(load_ontology(), name.group(1)):
                found.append((name.start(1), name.end(1), name.group(1)))
        at = text.find(" for ", at + 5)
    return found


def _compared_names(text: str) -> list[tuple[int, int, str]]:
    onto = load_ontology()
    found = _figures_for_names(text)
    for cue in _COMPARISONS:
        at = text.find(cue)
        while at >= 0:
            end = at + len(cue.rstrip())
            if at == 0 or not text[at - 1].isalpha():
                m = _COMPARED.match(text, end)
                if m and _MODEL_ENDING.search(m.group(1)) and _model_shaped(onto, m.group(1)):
                    found.append((m.start(1), m.end(1), m.group(1)))
            at = text.find(cue, end)
    return found


# A model the paper runs as a part, named by its role: "the pre-trained EDM network as the teacher", "a
# pre-trained BigVGAN vocoder", "PaSST and AST checkpoints". Over the dev sets such names were models 9 times in 10.
_ROLE = r"(?:network|vocoder|model|checkpoint|teacher|backbone|encoder|decoder|detector|generator)s?"
# (the first letter stands outside the case-insensitive group, so that `re` skips straight to candidate letters)
_PRETRAINED_NAME = re.compile(rf"[PpOoFf](?i:(?<=p)re-?trained|(?<=o)ff-the-shelf|(?<=f)rozen)\s+(?:the\s+)?({_ITEM})\s+{_ROLE}\b"
                              # "an ImageNet-pretrained DaViT-B": pre-trained on a named data set, a network
                              rf"|[A-Z][\w]*-pre-?trained\s+({_ITEM})")
# (the first name is written capital-first, its look-behind after it, so that `re` skips straight to capitals)
_NAMES_BEFORE_ROLE = re.compile(rf"([A-Z](?<![\w-][A-Z]){_ITEM_TAIL})(?:(?:\s+and\s+({_ITEM}))?\s+"
                                r"(?:checkpoints|teachers|backbones|vocoders)\b"
                                # "on the MAR-B, MAR-L and MAR-H models", "into NAT and DiNAT models": a list of two
                                # or more named as models
                                rf"|,?\s+and\s+({_ITEM})\s+(?:models|networks)\b"
                                rf"|,\s+({_ITEM}),?\s+and\s+({_ITEM})\s+(?:models|networks)\b)")
# "distilled from the EDM teacher", "built on the ADM backbone": one network in the role, named with its article.
# A backbone named by a coined word ("the StrideFormer backbone") is mostly the paper's own design, so a backbone's
# name needs a digit or to be written in capitals.
_NAME_IN_ROLE = re.compile(rf"\b(?:the|an?)\s+(?:(?:[a-z][\w-]*\s+)?({_ITEM})\s+teacher|((?=[^\s]*\d|[A-Z]{{3,}}\s){_ITEM})\s+backbone)\b")
# "We use STCN as the teacher", "with AutoCompressor as the encoder": a network given a part to play.
_NAME_AS_ROLE = re.compile(rf"\b(?:[Uu]s(?:e[sd]?|ing)|[Ww]ith|[Aa]dopt(?:s|ed|ing)?|[Ee]mploy(?:s|ed|ing)?|[Tt]ak(?:e[sn]?|ing))\s+"
                           rf"(?:the\s+|an?\s+)?({_ITEM})\s+as\s+(?:the|an?|its|our)\s+(?:[\w-]+\s+)?"
                           rf"(?:teacher|student|encoder|decoder|backbone|draft(?:\s+model)?|target\s+model|verifier|"
                           rf"reward\s+model|judge)\b")

# "a 3-billion-parameter GLIDE model", "a 12-layer UniLM as the teacher": a network sized by its parameters or
# layers, named before its role, is one the paper runs (a size ties the name to a checkpoint, not a method)
_COUNTED_NAME = re.compile(rf"(?<![\w.-])\d+(?:\.\d+)?(?:[BMK]|-(?:billion|million))?-(?:parameter|layer)\s+({_ITEM})"
                           rf"(?=\s+{_ROLE}\b|\s+as\s+(?:the|an?|its)\s)")


def _pretrained_names(text: str) -> list[tuple[int, int, str]]:
    onto = load_ontology()
    found = []
    lowered = _lowered(text)
    patterns = [pattern for pattern, cues in ((_PRETRAINED_NAME, ("trained", "off-the-shelf", "frozen")),
                                              (_NAMES_BEFORE_ROLE, ("checkpoints", "teachers", "backbones", "vocoders",
                                                                    " models", " networks")),
                                              (_NAME_IN_ROLE, ("teacher", "backbone")),
                                              (_NAME_AS_ROLE, (" as ",)),
                                              (_COUNTED_NAME, ("-parameter", "-layer")))
                if any(cue in lowered for cue in cues)]
    for pattern in patterns:
        for match in pattern.finditer(text):
            for group in range(1, pattern.groups + 1):
                name = match.group(group)
                if name and (_names_a_network(onto, name) or _family_stem(onto, name)):
                    found.append((match.start(group), match.end(group), name))
    return found


def _defined_after_lowercase(text: str, name: str) -> bool:
    """`name` is defined as a phrase ending in a common word ("blockwise parallel decoding (BPD)", "a
    k-nearest-neighbor (KNN) search"): a method's acronym, even where "1.5B-parameter BPD models" sizes the models
    trained with it; one defined from a name ("Hierarchical Reasoning Model (HRM)") stays a name."""
    at = text.find(f"({name})")
    words = text[max(0, at - 40):at].split() if at > 0 else []
    return bool(words) and words[-1][:1].islower()


def _family_stem(onto: Ontology, name: str) -> re.Match[str] | None:
    """The match when the whole name is a known family's stem that needs a version elsewhere ("Pythia
    checkpoints", "models such as DiT"): that family's model where the text names it by its role, as an example
    or as what it is compared with. Two letters ("SD") say too little."""
    if len(name) <= 2:
        return None
    known = onto.model_matches(name)
    return known[0] if len(known) == 1 and known[0].span() == (0, len(name)) \
        and _model_from_match(onto, known[0]) is None else None


def _sized_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every sized name; known families are matched first and win overlaps."""
    found = []
    if _SIZE_SUFFIX.search(text) is not None:  # every sized name ends so; a search for "-" is fast
        found = [(m.start(1), m.end(1), m.group(1)) for m in _SIZED_NAME.finditer(text)]
    if _SIZE_WORD_AFTER_DASH.search(text):  # one scan for the suffix before the pattern that needs a capital
        onto = load_ontology()
        found += [(m.start(1), m.end(), m.group()) for m in _SIZE_WORD_NAME.finditer(text)
                  if _model_shaped(onto, m.group(1))]
    return found


def extract_models(title: str, brief: str, abstract: str, proposed: tuple[str, ...],
                   proposes_network: bool = False) -> tuple[Model, ...]:
    """Named models in title, brief and abstract, minus the paper's own proposed names, the known models inside
    them ("DAMO-YOLO") and the checkpoints named after them (a proposed "LLaDA-MoE-7B" does not hide the existing
    "LLaDA" named elsewhere), minus the checkpoints listed right after "our (pruned) models", minus names the
    paper calls a data set ("the SA-1B dataset", "request traces derived from Alpaca", "four test sets (Vicuna,
    Koala, ...)"), minus unknown acronyms it defines from common words ("a k-nearest-neighbor (KNN) search"), and
    minus names given only as the field's examples in the abstract's opening sentence.
    A paper that `proposes_network` (an efficient architecture of its own) compares it with other
    networks, so every model-shaped name it is compared with is a model (see `_networks_after`); networks given as
    examples of a kind of model, named as baselines or in a part ("the teacher is X"), or as what a method is
    applied to or run with are models in any paper (`_EXAMPLE_CUE`, `_RUN_WITH_ON`)."""
    own = own_name_keys(proposed)
    text = _without_own_names(f"{title}\n{brief}\n{abstract}", proposed)
    if "://" in text:  # a link names a repository or a site, not a model it evaluates ("github.com/org/Foo-LM")
        text = _LINK.sub(lambda link: " " * len(link.group()), text)
    if "our " in text or "Our " in text:  # "our pruned models Foo-6B-It and Foo-6B-Chat": the paper's own checkpoints
        text = _OUR_MODELS.sub(_blank_own_models, text)
    named, enumerated = _named_models(text)
    cues = _example_cues(text) + list(_RUN_WITH_ON.finditer(text)) if "with " in text else _example_cues(text)
    listed = _networks_after(text, cues, skip_known_families=True)
    if proposes_network:
        listed += _networks_after(text, _NETWORK_COMPARISON.finditer(text))
    known = {m.name.casefold() for m in named}
    for model in listed:  # each name once, the first reading kept
        if model.name.casefold() not in known:
            known.add(model.name.casefold())
            named.append(model)
    models = [m for m in named if not (own and _name_key(m.name).startswith(own))
              and not (not m.resolved and m.name.isupper() and _defined_after_lowercase(text, m.name))]
    # (an unknown acronym the text defines from common words, "a k-nearest-neighbor (KNN) search", names a method)
    # a name the paper calls a data set anywhere ("the SA-1B dataset") is that data set where it stands alone too
    models = [m for m in models if not called_data(text, m.name) and not _DATA_SET_NAME.fullmatch(m.name)]
    opener = _field_opener(text, len(title) + len(brief) + 2)
    if opener is not None:  # "Large language models such as ChatGPT and GPT-4 have transformed ...": the field's
        folded = text.casefold()
        models = [m for m in models if not _only_within(folded, m.name, opener)]  # examples, not models it uses
    if "sets (" in text:  # "evaluate on four test sets (Vicuna, WizardLM, Koala and ...)": data ("four deep-learning
        # benchmarks (ResNet-18, ...)" may be networks run as workloads)
        folded = text.casefold()
        for listed_data in _DATA_LISTED.finditer(text):
            models = [m for m in models if not _only_within(folded, m.name, listed_data.span(1))]
    return tuple(_drop_prefixes(models, enumerated))


_DATA_LISTED = re.compile(r"\b(?:data\s*sets|test\s+sets|evaluation\s+sets)\s+\(([^()]{3,200})\)")


# (no "\b" first: `re` then skips to "O" and "o"; the word boundary is checked on each match, a third of the cost)
_OUR_MODELS = re.compile(rf"([Oo]ur\s+(?:[a-z][\w-]*\s+){{0,2}}models?\s+)(?:\(\s*)?{_ITEM}(?:{_SEPARATOR}{_ITEM})*")


def _blank_own_models(own: re.Match[str]) -> str:
    """The names after "our ... models" blanked (same length, so positions hold); "four models X" is no "our"."""
    if own.start() and is_word_char(own.string[own.start() - 1]):
        return own.group()
    return own.group(1) + " " * (own.end() - own.end(1))


# The abstract's opening sentence, when it gives examples of the field ("such as", "like", "exemplified by") and says
# nothing of the paper itself and gives no figure.
_FIELD_EXAMPLE = re.compile(r"\b(?:such\s+as|like|e\.g\.|exemplified\s+by)\s")
# the paper's own work, or its method ("it") measured against the examples
_OWN_WORK = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Tt]his\s+(?:paper|work)|[Ii]t|[Bb]eats?|[Oo]utperform\w*|[Ss]urpass\w*|[Uu]nlike|"
                       r"[Cc]ompared)\b")
_FIGURE = re.compile(r"(?<![\w.-])\d")  # a number of its own, not the digit of a name ("GPT-4")


def _field_opener(text: str, abstract_start: int) -> tuple[int, int] | None:
    stop = SENTENCE_END.search(text, abstract_start)
    end = stop.start() if stop else len(text)
    if _FIELD_EXAMPLE.search(text, abstract_start, end) is None or _OWN_WORK.search(text, abstract_start, end) \
            or _FIGURE.search(text, abstract_start, end):
        return None  # "It beats CNN models such as A and B by 0.3 dB": a result, whatever its subject
    return abstract_start, end


def _only_within(folded: str, name: str, span: tuple[int, int]) -> bool:
    """Every mention of the name, in any case, inside the span (`folded`: the text case-folded)."""
    key = name.casefold()
    at = folded.find(key)
    if at < 0:
        return False  # written otherwise than named ("LLaMA2" for "LLaMA-2"): not judged here
    while at >= 0:
        if not span[0] <= at < span[1]:
            return False
        at = folded.find(key, at + 1)
    return True


def called_data(text: str, name: str) -> bool:
    """The text calls `name` a data set somewhere ("the SA-1B dataset", "request traces derived from Alpaca")."""
    at = text.find(name)
    while at >= 0:
        if _DATA_NOUN_AFTER.match(text, at + len(name)) or _SAMPLES_FROM_BEFORE.search(text, max(0, at - 40), at):
            return True  # "the SA-1B dataset", "request traces derived from Alpaca"
        at = text.find(name, at + len(name))
    return False


_LINK = re.compile(r"\b(?:https?|ftp)://\S+")


# What a network is compared with ("Compared with MPRNet, HINet and the Transformer-based IPT", "outperforms
# CARN, LAPAR-A and RFDN"): the cue, then words that describe the items, then the items.
_COMPARISON_CUE = (r"(?<![A-Za-z])(?:[Cc]ompared\s+(?:with|to)|[Aa]gainst|[Oo]utperform(?:s|ing|ed)?|"
                   r"[Ss]urpass(?:es|ing|ed)?|than|versus|vs\.?")  # its closing bracket is each pattern's own
_NETWORK_COMPARISON = re.compile(
    rf"{_COMPARISON_CUE}|over)\s+(?:the\s+)?(?:(?:[\w-]+-based|larger|smaller|strong|recent|previous|prior|popular)\s+)*")
# A name may begin with a lower-case letter before a capital ("iSTFTNet", "uSFGAN"); "Multi-band MelGAN" is one name
# ... and a version after a space is part of it ("Midjourney v6", "Playground v2.5")
_NEXT_COMPARED = re.compile(rf"((?:[a-z](?=[A-Z]))?{_ITEM}(?:\s[vV]\d+(?:\.\d+)*)?)(?![A-Za-z0-9_\-‐])(?!\s+[A-Z])")
_COMPARED_SEPARATOR = re.compile(rf"{_SEPARATOR}(?:the\s+)?(?:(?:[\w-]+-based|larger|smaller)\s+)*")
_CLASS_NAME = re.compile(r"^(?:Transformers?|CNNs?|RNNs?|LSTMs?|MLPs?|GNNs?|[ADS]NNs?)$|[A-Z]s$|ers$")  # "ViTs": a kind


_COMPARED_BEFORE = re.compile(
    rf"{_COMPARISON_CUE}|[Oo]utperform(?:s|ing|ed)?\s+both|[Ee]xceed(?:s|ing|ed)?|performance\s+of|match(?:es|ed|ing)?)\s+(?:the\s+)?"
    r"(?:(?:[A-Z][\w-]*\s+){1,4}\(\s*)?$")  # "outperforms the Diffusion Transformer (DiT)": its abbreviation too


# Networks given as examples of a kind of model, or as what a method is applied to: "lightweight CNN models
# such as CARN, IMDN and LatticeNet", "LLMs, e.g., LLaMA", "applied to VideoSwin-T and TimeSformer", "the
# compared methods include RAFT and GMA", "seven models (including A, B and C)", "four LLMs: A, B, C and D",
# "baselines such as A, B and C". Over the 53 dev sets these cues found 19 models the other rules missed and 2
# names the annotators did not count, whatever the paper proposes ("baselines such as": 3 more on 59, none
# wrong); after "methods such as" the items were mostly methods, after "models like" diffusion formulations
# ("DDPM"), and after "Transformers (" an acronym's definition, so none is read.
_EXAMPLE_CUE = re.compile(
    r"(?:(?:[Mm]odels|[Nn]etworks|[Aa]rchitectures|[Bb]ackbones|[Dd]etectors|[Bb]aselines|CNNs|ViTs|LLMs|SSMs|[Tt]ransformers)\s*"
    r"(?:,?\s*(?:such\s+as|including|e\.g\.,?|namely)|\(\s*(?:including|e\.g\.,?|such\s+as)|:)|[Aa]ppl(?:ied|ying|y|ies)\s+(?:[\w-]+\s+){0,3}?to|[Gg]enerali[sz](?:es|ed|ing)\s+to|"
    r"[Cc]ompared\s+(?:methods|models|networks|baselines)\s+include|"
    # "Teachers include I2SB and DDBM", "The teacher is AudioSR": networks in a part named by it
    r"(?:[Tt]eachers|[Ss]tudents|[Bb]ackbones)\s+include|"
    r"(?<=[Tt]he )(?:teacher|student|backbone|draft\s+model|base\s+model)\s+(?:is|was)|"
    # "than the baselines Gen-3, T2V-Turbo and Kling", "over a strong baseline, Diff-Foley": the baselines named
    r"(?P<baseline_named>[Bb]aselines?(?:,|(?=\s+[A-Z]))))\s+(?:the\s+)?")
# "Evaluated with MinkUNet and SPVCNN on SemanticKITTI": the networks a method is run with, on a named data set
_RUN_WITH_ON = re.compile(rf"(?<![\w-])[Ww]ith\s+(?:the\s+)?(?=(?:{_ITEM}{_SEPARATOR})*{_ITEM}\s+on\s+(?:the\s+)?[A-Z])")
_KIND_WITH_EXAMPLES_AFTER = re.compile(r"\s+(?:models|networks)\s+(?:including|such\s+as|e\.g\.)")
# The words `_EXAMPLE_CUE` begins with, lowered: it is tried only where one stands (a scan for a few words
# costs a tenth of a regex search through the whole text).
_EXAMPLE_HEADS = ("models", "networks", "architectures", "backbone", "detectors", "baseline", "cnns", "teacher", "student",
                  "draft", "base model", "vits", "llms", "ssms",
                  "transformers", "appl", "compared", "generali")


def _example_cues(text: str) -> list[re.Match[str]]:
    """`_EXAMPLE_CUE`'s matches in `text` that start a word, left to right."""
    lowered, found = _lowered(text), []
    for head in _EXAMPLE_HEADS:
        at = lowered.find(head)
        while at >= 0:
            if (at == 0 or not is_word_char(text[at - 1])) and (match := _EXAMPLE_CUE.match(text, at)):
                found.append(match)
            at = lowered.find(head, at + len(head))
    return sorted(found, key=lambda m: m.start())


def _networks_after(text: str, cues: Iterable[re.Match[str]], skip_known_families: bool = False) -> list[Model]:
    """Networks named after a cue, each item of its enumeration: model-shaped (see `_model_shaped`)
    or ending as network names do ("Uformer", "HiFi-GAN"), and no kind of network ("Transformers",
    "RNN-Transducers") or organisation ("NVIDIA"). After a comparison (`_NETWORK_COMPARISON`) such names were
    models nearly always (5 in 6) when the paper proposes a network, and mostly methods, libraries or data
    when it does not, so the caller reads comparisons only in papers that propose a network."""
    onto, registry = load_ontology(), institution_registry()
    found: dict[str, Model] = {}
    for cue in cues:
        at = cue.end()
        while (item := _NEXT_COMPARED.match(text, at)) is not None:
            name = item.group(1)
            if name.isupper() and name.isalpha() and cue.re is _EXAMPLE_CUE and cue.group("baseline_named"):
                break  # "the best baseline, TLP", "the baseline IVF index": an acronym named so was a method
            if _KIND_WITH_EXAMPLES_AFTER.match(text, item.end()):
                break  # "applying it to Stable-Diffusion models including SD-V1.5": a kind, its examples follow
            if " " in name and onto.model_matches(name.split(" ", 1)[0]):
                break  # a known family's version after a space ("HiFi-GAN V1") is left to the registry's grammar
            stem = _family_stem(onto, name)
            if not (stem or _names_a_network(onto, name)) or registry.lookup(name) is not None:
                break  # (a known family's bare stem, "Mamba", is a network too, though no name's shape says so)
            if stem is not None:  # "models such as LDM, DiT and SiT": that family's model
                family_model = _family_model(onto, stem)
                found.setdefault(family_model.name.casefold(), family_model)
            elif not (skip_known_families and onto.model_matches(name)):
                # (a known family's item, "LLaMA2-7B", is left to the registry's grammar, which spells it canonically)
                found.setdefault(name.casefold(), Model(entity_id("model", name), name, None, resolved=False))
            separator = _COMPARED_SEPARATOR.match(text, item.end())
            if separator is None:
                break
            at = separator.end()
    return list(found.values())


def _names_a_network(onto: Ontology, name: str) -> bool:
    """Model-shaped (see `_model_shaped`) or ending as network names do ("Uformer", "HiFi-GAN"), and no kind
    of network ("ViTs", "RNN-Transducers") or modifier ("Transformer-based")."""
    return not (_CLASS_NAME.search(name) or _MODIFIER_END.search(name)) and (
        _model_shaped(onto, name) or len(name) >= 4 and bool(_MODEL_ENDING.search(name))
        and not _never_a_model(name) and not onto.technique_index.find(name))


# A size at the end of a name: "Dream 7B", "Numbat-1.5B"
_SIZE_TAIL = re.compile(r"[\s-]+\d+(?:\.\d+)?[BM]$")


def is_own_name(name: str, proposed: tuple[str, ...]) -> bool:
    """A model name that is one of the paper's own (see `own_name_parts`), in any spelling."""
    own = own_name_keys(proposed)
    return bool(own) and _name_key(name).startswith(own)


def _without_own_names(text: str, proposed: tuple[str, ...]) -> str:
    """The paper's own names blanked (same length): a known model inside one ("DAMO-YOLO", "On-device Sora",
    "MiniCPM-V") is part of the paper's name, not a model it uses."""
    names = sorted({p.strip() for p in own_name_parts(proposed) if len(p.strip()) >= 3}, key=len, reverse=True)
    for start, end in own_name_spans(text, names):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def own_name_spans(sentence: str, names: list[str]) -> list[tuple[int, int]]:
    """Where the names (longest first) stand as words of their own, each with the "-suffix" parts glued
    to it ("FastX-Llama"), leftmost first and not overlapping. Found with `str.find`: a compiled pattern
    per paper cost more than the search, since nearly every report brings new names."""
    found = []
    for rank, name in enumerate(names):
        at = sentence.find(name)
        while at >= 0:
            # a Latin name right after Chinese ("发布了OPT-Tree论文") starts a word of its own
            if at == 0 or not is_word_char(sentence[at - 1]) or name[0].isascii() and not sentence[at - 1].isascii():
                found.append((at, rank, _suffixed_end(sentence, at + len(name))))
            at = sentence.find(name, at + 1)
    spans: list[tuple[int, int]] = []
    for start, _, end in sorted(found):
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


def _suffixed_end(sentence: str, end: int) -> int:
    """The end of "-suffix" parts from `end` on: a hyphen and letters, digits, "_" or "."."""
    while end + 1 < len(sentence) and sentence[end] in "-‐" and _suffix_char(sentence[end + 1]):
        end += 2
        while end < len(sentence) and _suffix_char(sentence[end]):
            end += 1
    return end


def _suffix_char(char: str) -> bool:
    return char.isalnum() or char in "_."


def own_name_keys(proposed: tuple[str, ...]) -> tuple[str, ...]:
    """Spelling-free keys of `own_name_parts`."""
    return tuple(key for key in {_name_key(p) for p in own_name_parts(proposed)} if len(key) >= 2)


def own_name_parts(proposed: tuple[str, ...]) -> list[str]:
    """Both parts of each proposed name ("TBR" and "Token Budget Routing"), and a sized name without its size:
    "Dream 7B" makes "Dream-v0-Instruct-7B" and a bare "Dream" the paper's own too."""
    parts = [p for name in proposed for p in re.split(r"\s*[()]\s*", name) if p.strip()]
    return parts + [stem for p in parts if (stem := _SIZE_TAIL.sub("", p)) != p and len(_name_key(stem)) >= 4]



def _matched_form(onto: Ontology, match: re.Match[str]) -> ModelForm:
    """The name form whose group of the family regex matched."""
    return onto.model_forms[next(name for name, value in match.groupdict().items() if value and name.startswith("f"))]


def _family_model(onto: Ontology, match: re.Match[str]) -> Model:
    """A family's model, named by its stem alone ("DiT", "Mamba"): what a name that needs a version stands for where
    the text compares with it or gives it as an example."""
    form = _matched_form(onto, match)
    return Model(entity_id("model", form.canonical), form.canonical, onto.model_families[form.family].name)


def _model_from_match(onto: Ontology, match: re.Match[str]) -> Model | None:
    form = _matched_form(onto, match)
    version = (match.group("ver") or "").lstrip("-. \t\n")
    tags = [t for t in re.split(r"[-–\s\[\]]+", match.group("tags") or "") if t]  # "FLUX.1 [dev]": FLUX.1-dev
    if form.requires_version and not (version or tags):
        return None
    name = form.canonical + (form.version_join + version if version else "")
    if tags:
        name += (" " if form.space_joined_tags else "-") + "-".join(_tag(t) for t in tags)
    family = onto.model_families[form.family]
    for child in onto.model_families.values():
        if child.parent == family.id and child.subfamily_tag and child.subfamily_tag.casefold() in (
                t.casefold() for t in tags):
            family = child
    return Model(entity_id("model", name), name, family.name)


def _tag(tag: str) -> str:
    size = _SIZE_TAG.match(tag)
    if size:
        return size.group(1) + size.group(2).upper()
    if tag in {"xxs", "xs"} or tag == "g" or tag.startswith("g/"):
        return tag  # "MobileViT-xxs", "ViT-g/14" (giant, not ViT-G, gigantic): a size code kept as written
    return _TAG_CASE.get(tag.casefold(), tag[:1].upper() + tag[1:] if tag[:1].islower() else tag)


def _drop_prefixes(models: list[Model], enumerated: AbstractSet[str] = frozenset()) -> list[Model]:
    """"Wan2.1" is dropped when "Wan2.1-14B" is also named, "YOLO" when "YOLOv8" is: keep the fullest
    form of a checkpoint; unless an enumeration lists the shorter one beside it ("LLaMA and LLaMA-2") or the
    longer one its chat or instruction-tuned checkpoint."""
    keys = [(m.name.casefold(), m.family) for m in models]
    return [m for m, (n, fam) in zip(models, keys, strict=True) if n in enumerated
            or not any(o != n and o.startswith(n) and (f == fam or o[len(n)] in "-. ")
                       and not _TUNED_TAIL.match(o, len(n)) for o, f in keys)]


# A chat, instruction-tuned, distilled few-step or long-context checkpoint is another checkpoint than its base
# ("Llama 2 13B" and "Llama 2 13B - Chat", "SDXL" and "SDXL-Turbo", "LLaMA-2-7B" and "LLaMA-2-7B-32K" are two
# models), so the base is not shorthand for it.
_TUNED_TAIL = re.compile(r"[-. ]*(?:chat|instruct|it|hf|sft|dpo|rlhf|turbo|lightning|\d+k)\b")


# ---- the paper's own method -------------------------------------------------------------------

_WORD = r"(?:[A-Z][A-Za-z0-9_²³]*|[a-z]+[A-Z][A-Za-z0-9_²³]*)(?:[-‐][A-Za-z0-9_²³]+)*"
_CONNECTOR = r"(?:of|for|to|and|with|in|on|from|the|via|by)"
_PAREN_TEXT = r"[A-Za-z0-9²³\-‐ ]{2,40}"
# Title Case words, possibly joined by lower-case connectors ("Latent Codebooks for Fast Thinking")
_PHRASE = rf"{_WORD}(?:\s+(?:{_CONNECTOR}\s+)*{_WORD}){{0,11}}"
_NAME = rf"{_PHRASE}(?:\s*\({_PAREN_TEXT}\))?"
_TITLE_PREFIX = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9\-‐.²³α-ωΑ-Ω ]{0,30}?)\s*:\s")  # "PixArt-α: ..."
# "DeepSeek-V3 Technical Report", "Phi-4-reasoning Technical Report: ...": the report is on the paper's own model
# ... and so does "The Falcon Series of Open Language Models", "The Llama 3 Herd of Models"
_TITLE_REPORT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9\-‐.²³α-ωΑ-Ω ]{0,30}?)\s+(?:Technical|Tech)\s+Report\b"
                           r"|^\s*The\s+([A-Z][A-Za-z0-9\-‐.²³α-ωΑ-Ω ]{0,30}?)\s+(?:Series|Family|Herd|Suite)\s+of\b",
                           re.IGNORECASE)
# "we|We|this paper|This paper|this work|This work" at a word start, written first-character-first so that
# `re` skips straight to w/W/t/T (the look-behind stands for the leading \b).
_EN_PROPOSE = re.compile(
    r"[wWtT](?<!\w[wWtT])(?:(?<=[wW])e|(?<=[tT])his (?:paper|work))"
    r"\s+(?:first\s+|further\s+|then\s+|also\s+)?"
    r"(?:propose|introduce|present|develop|design|build|construct)(?:s|d|ed)?\s+(?:a\s+|an\s+|the\s+)?"
    r"(?:(?:new|novel|simple|general|unified|training-free|lightweight|efficient)[\s,]+)*"
    r"(?:(?:framework|method|approach|system|model|network|technique|algorithm|architecture|module|"
    r"pipeline|strategy),?\s+(?:called|named|dubbed|termed)?\s*)?"
    rf"({_NAME})")
_CALLED_WORDS = ("called", "named", "dubbed", "termed", "coined")  # substring tests before _CALLED: cheap
_CALLED = re.compile(rf"\b(?:called|named|dubbed|termed|coined)(?:\s+as)?\s+({_NAME})")
# "we have trained and open-sourced MiniCPM4.1", "开源了X模型": a released model is the paper's own
_EN_RELEASE = re.compile(
    r"\b(?:we|We)\s+(?:have\s+|also\s+)*(?:trained\s+and\s+)?(?:open-sourced?|release[ds]?)\s+"
    r"([A-Z][A-Za-z0-9_²³.\-‐]*[A-Za-z0-9_²³])")
# "(ITA) Loss-based ...": the name runs on past what was matched, so the match is not the name
_RUNS_ON = re.compile(r"\s+(?:[A-Z][\w]*\b|\w+-based\b)(?!\s*[,.(])")
_RELEASE_WORDS = ("open-source", "release")
_ZH_RELEASE = re.compile(r"开源了?([A-Za-z][A-Za-z0-9\-‐.²³]{1,30}?)(?:模型|系列|$|[，。、；])")
_ZH_PUBLISHED = re.compile(r"发布了《?([A-Za-z][A-Za-z0-9\-‐.²³α-ωΑ-Ω ]{1,30}?)》?论文")
_ZH_PROPOSE = re.compile(r"提出(?:了)?(?:名为|一种名为)?《?([A-Za-z][A-Za-z0-9\-‐.²³ ]{0,40}?[A-Za-z0-9²³]"
                         r"(?:\s*[（(][A-Za-z0-9\-‐.²³ ]{2,40}[）)])?)》?"
                         r"(?:的)?(?:方法|框架|网络|模型|系统|算法|架构|技术)")
# A defined acronym that names a part of the paper's design: "the Fused Kernel Engine (FKE) module",
# "X employs Linear Attention Mamba (LAM)", "(1) a Complementary Detail Enhancement Network (CDEN)".
_PART_NOUN = r"(?:module|block|layer|unit|component|mechanism|engine|encoder|decoder|head)s?\b"
_PART_AFTER = re.compile(rf"\s+{_PART_NOUN}")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$")
_SUBJECT_VERB = re.compile(r"\b(?:employs|combines|comprises|consists\s+of|features|contains|integrates)\b")
_ENUMERATED = re.compile(rf"\((?:[1-9]|i{{1,3}}|iv|v)\)\s+(?:(?:a|an|the)\s+)?({_NAME})(?=[\s,;:])")
_PART_CUE = re.compile(r"\b(?:components?|innovations?|contributions?|modules?|parts)\b")
_ACRONYM = re.compile(rf"\(({_PAREN_TEXT})\)")
_DEFINED_BEFORE = re.compile(rf"(?<![A-Za-z0-9_²³\-‐])({_WORD}(?:\s+{_WORD}){{1,5}})\s*$")
# what follows a name when its expansion comes after it: "X (Long)", "X: Long", "X, a Long"
_AFTER_NAME = re.compile(rf"(?:\s*\(|:\s+|,\s+(?:a|an|the)\s+)({_PHRASE})")
_IN_PARENS = re.compile(r"\s*\)")
_PHRASE_AT_END = re.compile(rf"(?<![A-Za-z0-9_²³\-‐])({_PHRASE})\s*$")
_LEADING_ARTICLE = re.compile(r"^(?:The|A|An|Our)\s+")
_MAX_LONG_WORDS = 8


def extract_proposed(title: str, brief: str, abstract: str) -> tuple[str, ...]:
    """Names the paper gives its own method, system, model or design parts, in order of first mention.

    A title prefix ("FastVSR: ...") and a brief's "发布了X论文" must look coined (FastVSR, D²Cache, UAT),
    since titles also open with plain phrases ("Fast Thinking: ..."); an abstract's "we propose X" may
    also name a Title Case phrase ("Attention Surgery", "Reduced Transformer (RT)"). A name written with
    its expansion is given as "Acronym-like expansion (ABBR)" when the short form is the initials of the
    long one ("Token Budget Routing (TBR)"), otherwise as "Name (expansion)" ("AutoPrune (Complexity-
    Adaptive Pruning)"); an expansion written elsewhere in the abstract ("LUQ: Layerwise ...") is joined on.
    """
    title, brief, abstract = title or "", brief or "", abstract or ""
    prefix = _TITLE_REPORT.match(title) or _TITLE_PREFIX.match(title)
    strict = [prefix.group(prefix.lastindex)] if prefix else []
    strict += [m.group(1) for m in _ZH_PUBLISHED.finditer(brief)]
    loose = [m.group(1).replace("（", " (").replace("）", ")") for m in _ZH_PROPOSE.finditer(brief)]
    patterns = [_EN_PROPOSE] + ([_CALLED] if any(w in abstract for w in _CALLED_WORDS) else [])
    loose += [m.group(1) for pattern in patterns for m in pattern.finditer(abstract)
              if not _RUNS_ON.match(abstract, m.end())]
    released = [m.group(1) for m in _ZH_RELEASE.finditer(brief)] if "开源" in brief else []
    if any(word in abstract for word in _RELEASE_WORDS):
        released += [m.group(1) for m in _EN_RELEASE.finditer(abstract)]
    names: dict[str, list] = {}  # key -> [short or phrase, expansion, expansion written first]
    for raw, kind in [(n, "strict") for n in strict] + [(n, "loose") for n in loose] + [
            (n, "released") for n in released]:
        title_prefix = bool(prefix and raw == prefix.group(prefix.lastindex))
        _add(names, raw, "named" if title_prefix and _written_as_name(raw, abstract) else kind, title_prefix)
    for raw in _design_parts(abstract, [v[0] for v in names.values()]):
        _add(names, raw, "loose", title_prefix=False)
    for short in [v[0] for v in names.values()]:
        _add_variants(names, short, f"{brief}\n{abstract}")
    for value in names.values():
        if value[1] is None:
            value[1], value[2] = _expansion(value[0], abstract)
    return tuple(_display(*value) for value in names.values())


def _written_as_name(word: str, abstract: str) -> bool:
    """A title's one plain word ("Restormer: ...") is the paper's name when the abstract writes it as a name
    does: capitalised wherever it stands, also inside a sentence; a word ("Sparsity: ...") is lower-cased
    there."""
    word = word.strip()
    if not word.isalpha() or not word[0].isupper() or len(word) < 4:
        return False
    lowered, key = _lowered(abstract), word.lower()
    if len(lowered) != len(abstract):  # lowering moved offsets ("İ"): no place can be told
        return False
    places = []
    at = lowered.find(key)
    while at >= 0:  # found with str.find: a pattern per title would be compiled once per paper
        end = at + len(key)
        if not (at and is_word_char(abstract[at - 1]) or end < len(abstract) and is_word_char(abstract[end])):
            places.append(at)
        at = lowered.find(key, end)
    return bool(places) and all(abstract.startswith(word, at) for at in places) and any(
        at and not _SENTENCE_END_BEFORE.search(abstract, max(0, at - 8), at) for at in places)


_SENTENCE_END_BEFORE = re.compile(r"[.!?]\s*$")


def is_word_char(char: str) -> bool:
    """A character a name cannot stand next to and still be a word of its own: letter, digit, "_" or "-"."""
    return char.isalnum() or char in "_-"


def _add(names: dict[str, list], raw: str, kind: str, title_prefix: bool) -> None:
    raw = _LEADING_ARTICLE.sub("", raw.strip().rstrip(".,;"))
    both = re.fullmatch(r"(\S+)\s+and\s+(\S+)", raw)
    if both and all(_looks_coined(part) for part in both.groups()):
        for part in both.groups():  # "KAN-IDIR and RandKAN-IDIR": two names
            _add(names, part, kind, title_prefix)
        return
    short, long, long_first = _split_name(raw)
    if not short:
        return
    if kind == "strict" and not _looks_coined(short):
        return
    if kind == "loose" and not (long or _looks_like_name(short)):
        return
    if kind == "released" and not _coined_word(short):
        return
    if kind == "loose" and not title_prefix and _is_known_model(short):
        return  # "we evaluate on Qwen2.5" is not the paper's own model; a title prefix always is
    key = _name_key(short)
    if key not in names:
        names[key] = [short, long, long_first]
    elif names[key][1] is None:
        names[key][1:] = [long, long_first]


def _split_name(name: str) -> tuple[str, str | None, bool]:
    """"Token Budget Routing (TBR)" -> ("TBR", "Token Budget Routing"); the shorter part is the name.
    A long phrase past a few words is a sentence, not an expansion: only its short form is kept
    ("Hiding Visual Tokens from the Drafter for ... (HiViS)" -> HiViS)."""
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if not match:
        words = name.split()
        if len(words) > 6 or (len(words) > 1 and any(_looks_coined(w) for w in words) and re.search(
                rf"\s{_CONNECTOR}\s", name)):
            return "", None, False
        return name, None, False
    outer, inner = match.group(1).strip(), match.group(2).strip()
    long_first = len(inner.replace(" ", "")) < len(outer.replace(" ", ""))
    short, long = (inner, outer) if long_first else (outer, inner)
    if len(long.split()) > _MAX_LONG_WORDS or len(long.split()) < 2:
        return ((short, None, False) if _looks_coined(short) else ("", None, False))
    return short, long, long_first


def _display(short: str, long: str | None, long_first: bool) -> str:
    """As written ("LUQ (Layerwise ...)", "Token Budget Routing (TBR)"), except that a coined name
    written after its expansion leads ("Complexity-Adaptive Pruning (AutoPrune)" -> "AutoPrune (...)")."""
    if not long:
        return short
    return f"{long} ({short})" if long_first and _is_initialism(short, long) else f"{short} ({long})"


def _is_initialism(short: str, long: str) -> bool:
    """LAM of Linear Attention Mamba, EoTP of End-of-Text Prediction: the short form's letters appear
    in order among the long form's word initials (AutoPrune, Learn2PD are names, not initials)."""
    letters = [c for c in short.casefold() if c.isalpha()]
    initials = iter(w[0].casefold() for w in re.split(r"[\s\-‐]+", long) if w)
    return bool(letters) and all(any(c == i for i in initials) for c in letters)


def _expansion(short: str, abstract: str) -> tuple[str | None, bool]:
    """The long form written beside a name already found: "MoE-PHDS (Post Hoc Declared Sparsity)",
    "LUQ: Layerwise Ultra-Low Bit Quantization", "MAN, a Latent Diffusion ... Network", and whether it
    was written first. The name is matched by its key, so "d 2 Cache" (a lost superscript) is D²Cache."""
    key = _name_key(short)
    if not key:
        return None, False
    for start, end in _key_spans(key, abstract):
        if start and (abstract[start - 1].isalnum() or abstract[start - 1] in "-‐"):
            continue
        after = _AFTER_NAME.match(abstract, end)
        if after:
            long = _trim_phrase(after.group(1))
            if long and _abbreviates(_initial_letters(short), long):
                return long, False
        if _IN_PARENS.match(abstract, end) and abstract[:start].rstrip().endswith("("):
            window = abstract[max(0, start - 200):abstract.rindex("(", 0, start)]
            before = _PHRASE_AT_END.search(window)
            long = before.group(1) if before and len(before.group(1).split()) <= _MAX_LONG_WORDS else None
            if long and _abbreviates(_initial_letters(short), long):
                return long, True
    return None, False


def _key_spans(key: str, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each place `text` spells `key` with spaces, hyphens or dots in between and any
    case ("d 2 Cache" for d2cache). When the text has no spelling but the plain one (the count in its
    folded view equals the count in its lowered text, both C-level) it is found without a pattern; else a
    pattern for the key, compiled once per key."""
    lowered = _lowered(text)
    if len(lowered) == len(text) and _stripped(text).count(key) == lowered.count(key):
        found = lowered.find(key)
        while found >= 0:
            yield found, found + len(key)
            found = lowered.find(key, found + len(key))
        return
    folded, (starts, folded_ends) = _stripped(text), _pieces(text)
    if not folded_ends or folded_ends[-1] != len(folded):  # lowering changed a length ("İ"): a pattern
        yield from (match.span() for match in _spelling(key).finditer(text))
        return
    found = folded.find(key)
    while found >= 0:
        yield _place_in(found, starts, folded_ends), _place_in(found + len(key) - 1, starts, folded_ends) + 1
        found = folded.find(key, found + len(key))


_SEPARATED = re.compile(r"([\s\-‐.]+)")


@lru_cache(maxsize=8)
def _pieces(text: str) -> tuple[list[int], list[int]]:
    """Where each piece of `text` between spaces, hyphens and dots starts in `text`, and where it ends in
    `_stripped(text)`: a spelling found there is placed in `text` without a pattern per key (nearly every
    paper brings new names to compile). One C-level split and two running sums, as for the token table."""
    parts = _SEPARATED.split(text)  # piece, separator, piece, ..., piece
    ends = list(accumulate(map(len, parts)))
    return [0, *ends[1::2]], list(accumulate(map(len, parts[0::2])))


def _place_in(position: int, starts: list[int], folded_ends: list[int]) -> int:
    """Where the character at `position` of the stripped text stands in the text."""
    piece = bisect_right(folded_ends, position)
    return starts[piece] + position - (folded_ends[piece - 1] if piece else 0)


@lru_cache(maxsize=8)
def _lowered(text: str) -> str:
    return text.lower()


@lru_cache(maxsize=8)
def _stripped(text: str) -> str:
    """`text` without spaces, hyphens and dots, lower-cased, ² and ³ as digits. `str.split()` drops the
    same spaces as a regex `\\s` (Unicode whitespace) and, with `replace`, runs at C speed: a regex
    substitution of every space took about 50 µs an abstract."""
    unspaced = "".join(text.split())
    return unspaced.replace("-", "").replace("‐", "").replace(".", "").replace("²", "2").replace("³", "3").lower()


@lru_cache(maxsize=512)
def _spelling(key: str) -> re.Pattern[str]:
    return re.compile("(?i:" + r"[\s\-‐.]*".join(
        "[2²]" if c == "2" else "[3³]" if c == "3" else re.escape(c) for c in key) + ")")


def _abbreviates(short: str, long: str) -> bool:
    """LUQ of Layerwise Ultra-Low Bit Quantization (its letters among the initials), or D²Cache of
    Dual aDaptive Cache (the initials among its letters); FLAME is not an abbreviation of
    "For Largescale Generative Recommendation with Efficiency"."""
    if _is_initialism(short, long):
        return True
    letters = iter(c for c in short.casefold() if c.isalpha())
    initials = [w[0].casefold() for w in re.split(r"[\s\-‐]+", long) if w and w[0].isupper()]
    return len(initials) >= 2 and all(any(c == i for c in letters) for i in initials)


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` begins (after ". " or a "•" bullet), past its spaces."""
    start = max(text.rfind(". ", 0, pos) + 1, text.rfind("•", 0, pos) + 1, 0)
    while start < pos and text[start].isspace():
        start += 1
    return start


def _trim_phrase(phrase: str) -> str | None:
    """A long form stops before its first connector once it runs past a few words."""
    words = phrase.split()
    if len(words) > _MAX_LONG_WORDS:
        words = re.split(rf"\s+{_CONNECTOR}\s+", phrase)[0].split()
    return " ".join(words) if 2 <= len(words) <= _MAX_LONG_WORDS else None


def _initial_letters(short: str) -> str:
    """The part of a name that should abbreviate its expansion: "PHDS" of MoE-PHDS, "LUQ" of LUQ."""
    parts = re.split(r"[-‐]", short)
    return next((p for p in reversed(parts) if p.isupper() and len(p) > 1), short)


@lru_cache(maxsize=32)
def _subject(found: tuple[str, ...]) -> re.Pattern[str]:
    """The subject of a sentence about the paper's design: "It", "Our <noun>" or one of its names."""
    return re.compile(rf"(?:It|Our\s+\w+|{'|'.join(re.escape(n) for n in found if n) or '(?!)'})\b")


def _design_parts(abstract: str, found: list[str]) -> list[str]:
    """Named parts of the paper's design, defined with an acronym that abbreviates them."""
    parts = []
    for acronym in _ACRONYM.finditer(abstract):  # "Phrase (ACR)": found from the bracket back
        match = _DEFINED_BEFORE.search(abstract, max(0, acronym.start() - 120), acronym.start())
        if not match:
            continue
        sentence = abstract[_sentence_start(abstract, match.start()):match.start()]
        if (_PART_AFTER.match(abstract, acronym.end()) and _ARTICLE_BEFORE.search(sentence)) or (
                _SUBJECT_VERB.search(sentence) and _subject(tuple(found)).match(sentence)):
            parts.append((match.start(), f"{match.group(1)} ({acronym.group(1)})"))
    for match in _ENUMERATED.finditer(abstract):
        if _PART_CUE.search(abstract, _sentence_start(abstract, match.start()), match.start()):
            parts.append((match.start(1), match.group(1)))
    kept = []
    for _, part in sorted(parts):
        short, long, _ = _split_name(part)
        if long is not None and not _is_initialism(short, long):
            continue
        if long is not None and _is_known_technique(short):
            continue  # "Low-Rank Adaptation (LoRA)": an existing method whose acronym is a known label
        kept.append(part)
    return kept


def _add_variants(names: dict[str, list], short: str, text: str) -> None:
    """Checkpoints and variants named after the method: DC-Gen-FLUX, LLaDA-MoE-7B-A1B-Instruct."""
    if " " in short or len(short) < 3 or not (f"{short}-" in text or f"{short}‐" in text):
        return
    # letters and digits of the Latin script only: a brief runs Chinese on after a name ("RepViT-SAM推理比...")
    for match in re.finditer(rf"\b{re.escape(short)}((?:[-‐][A-Z0-9][A-Za-z0-9_]*)+)(?![A-Za-z0-9_\-‐]|\.\d)", text):
        variant = short + match.group(1)
        names.setdefault(_name_key(variant), [variant, None, False])


def _is_known_model(name: str) -> bool:
    known = find_models(name)
    return bool(known) and _name_key(known[0].name) == _name_key(name)


def _is_known_technique(phrase: str) -> bool:
    """The whole phrase is a technique label of the ontology (LoRA, MoE)."""
    return any(hit.start == 0 and hit.end == len(phrase) for hit in load_ontology().technique_index.find(phrase))


def _coined_word(word: str) -> bool:
    """FastVSR, D²Cache, Tiny-QMoE, LLaDA-MoE: mixed case inside the word, or a digit."""
    inner = word[1:]
    return any(c.isdigit() or c in "²³" for c in word) or (
        any(c.isupper() for c in inner) and any(c.islower() for c in word))


def _looks_coined(name: str) -> bool:
    """A title prefix or brief name: one coined or all-caps word (UAT, GRACE-MOE), or a phrase with a
    coined word; "Fast Thinking", "ATTENTION SURGERY" are phrases, not names."""
    words = name.split()
    if not words or len(words) > 4 or len(name) > 40:
        return False
    if len(words) == 1:
        return _coined_word(words[0]) or (len(words[0]) >= 2 and words[0].isupper())
    return any(_coined_word(w) for w in words)


def _looks_like_name(name: str) -> bool:
    """An abstract name may also be a Title Case phrase, but not one ordinary word ("Our", "This")."""
    words = name.split()
    if not words or len(name) > 60:
        return False
    return len(words) > 1 or _looks_coined(name)


def _name_key(name: str) -> str:
    """One key for spellings of a name: D²CACHE, d 2 Cache and d2Cache; MiniCPM4.1 and MiniCPM-4.1;
    S²NN and S 2 NNs; PixArt-α and PixArt-Alpha."""
    name = re.sub(r"(?<=[A-Z])s$", "", name.strip())  # an acronym's plural: S2NNs is S2NN
    name = name.replace("²", "2").replace("³", "3").replace("α", "alpha").replace("σ", "sigma").replace("Σ", "sigma")
    return re.sub(r"[\s\-‐.]", "", name).casefold()
