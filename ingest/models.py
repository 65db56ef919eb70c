"""Existing named models a paper uses or evaluates, and the names it gives its own method.

Models are recognised by the family name forms of ontology/models.ttl plus a shared version/size/tag
grammar, so unseen checkpoints of known families ("Qwen3-30B-A3B") are found without listing them.
The paper's own method ("FastVSR", "AutoPrune") comes from proposal phrasing and is kept apart.
"""

from __future__ import annotations

import re

from graph.model import Model
from ingest.ids import entity_id
from ontology.load import Ontology, folded_tokens, load_ontology, tokens

_SIZE_TAG = re.compile(r"^(\d+(?:\.\d+)?)([bmk])$", re.IGNORECASE)
_TAG_CASE = {"t2v": "T2V", "i2v": "I2V", "ti2v": "TI2V", "vl": "VL", "xl": "XL", "xxl": "XXL", "moe": "MoE",
             "it": "it", "hf": "hf", "dev": "dev", "schnell": "schnell", "oss": "oss", "r1": "R1"}


def find_models(sentence: str) -> list[Model]:
    """Models named in one piece of text, in order of first mention, fullest form per checkpoint."""
    onto = load_ontology()
    found: dict[str, Model] = {}
    for match in _model_matches(onto, sentence):
        model = _model_from_match(onto, match)
        if model is not None:
            found.setdefault(model.name.casefold(), model)
    for hit in onto.model_alias_index.find(sentence):
        family = onto.model_families[hit.target]
        found.setdefault(family.name.casefold(), Model(entity_id("model", family.name), family.name, family.name))
    return _drop_prefixes(list(found.values()))


def extract_models(title: str, brief: str, abstract: str, proposed: tuple[str, ...]) -> tuple[Model, ...]:
    """Named models in title, brief and abstract, minus the paper's own proposed names."""
    own = {name.casefold() for name in proposed}
    models = find_models(f"{title}\n{brief}\n{abstract}")
    return tuple(m for m in models if m.name.casefold() not in own)


def _model_matches(onto: Ontology, text: str) -> list[re.Match[str]]:
    """Runs the family regex only where a stem can begin: one anchored match per candidate instead of
    an unanchored search through the whole text."""
    matches: list[re.Match[str]] = []
    end = 0
    prefixes = onto.model_prefixes
    for token, word in zip(tokens(text), folded_tokens(text), strict=True):
        if token.start() < end or (word[:3] not in prefixes and word[:2] not in prefixes):
            continue
        match = onto.model_regex.match(text, token.start())
        if match:
            matches.append(match)
            end = match.end()
    return matches


def _model_from_match(onto: Ontology, match: re.Match[str]) -> Model | None:
    group = next(name for name, value in match.groupdict().items() if value and name.startswith("f"))
    form = onto.model_forms[group]
    version = (match.group("ver") or "").lstrip("-. \t\n")
    tags = [t for t in re.split(r"[-\s]+", match.group("tags") or "") if t]
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
    return _TAG_CASE.get(tag.casefold(), tag[:1].upper() + tag[1:] if tag[:1].islower() else tag)


def _drop_prefixes(models: list[Model]) -> list[Model]:
    """"Wan2.1" is dropped when "Wan2.1-14B" is also named: keep the fullest form of a checkpoint."""
    names = [m.name.casefold() for m in models]
    return [m for m, n in zip(models, names, strict=True)
            if not any(o != n and o.startswith(n) and o[len(n)] in "-. " for o in names)]


# ---- the paper's own method -------------------------------------------------------------------

_NAME = r"[A-Z][A-Za-z0-9]*(?:[-‐][A-Za-z0-9]+)*(?:\s?\([A-Za-z0-9\-]+\))?"
_TITLE_PREFIX = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9\-‐.²³ ]{0,30}?)\s*:\s")
_EN_PROPOSE = re.compile(
    r"\b(?:we|We|this paper|This paper|this work|This work)\s+(?:first\s+)?(?:propose|introduce|present|develop|"
    r"design|build|construct)s?\s+(?:a\s+|an\s+|the\s+)?(?:(?:new|novel|simple|general|unified|"
    r"training-free|lightweight|efficient)[\s,]+)*(?:(?:framework|method|approach|system|model|network|"
    r"technique|algorithm|architecture|module|pipeline|strategy),?\s+(?:called|named|dubbed|termed)?\s*)?"
    rf"({_NAME})")
_CALLED = re.compile(rf"\b(?:called|named|dubbed|termed|coined)\s+({_NAME})")
_ZH_PUBLISHED = re.compile(r"发布了《?([A-Za-z][A-Za-z0-9\-‐.²³ ]{1,30}?)》?论文")
_ZH_PROPOSE = re.compile(r"提出(?:了)?(?:名为|一种名为)?《?([A-Za-z][A-Za-z0-9\-‐.²³]{1,30})》?"
                         r"(?:的)?(?:方法|框架|网络|模型|系统|算法|架构|技术)")
_ZH_NAMED_FRAMEWORK = re.compile(r"提出([A-Za-z][A-Za-z0-9\-]{1,30})(?:框架|方法)")
_WORD_LIKE = re.compile(r"^[A-Z][a-z]+$")  # "Pruning", "Attention": ordinary capitalised words


def extract_proposed(title: str, brief: str, abstract: str) -> tuple[str, ...]:
    """Names the paper gives its own method, system or model, in order of first mention."""
    names: list[str] = []
    prefix = _TITLE_PREFIX.match(title or "")
    if prefix and _looks_like_name(prefix.group(1)):
        names.append(prefix.group(1).strip())
    for pattern in (_ZH_PUBLISHED, _ZH_PROPOSE, _ZH_NAMED_FRAMEWORK):
        names += [m.group(1).strip() for m in pattern.finditer(brief or "")]
    for pattern in (_EN_PROPOSE, _CALLED):
        names += [m.group(1).strip() for m in pattern.finditer(abstract or "")]
    out: dict[str, str] = {}
    for name in names:
        name = name.rstrip(".,;")
        if not _looks_like_name(name):
            continue
        known = find_models(name)
        if known and known[0].name.casefold() == name.casefold():
            continue  # an existing model ("we introduce Qwen2.5 ...") is not the paper's own
        out.setdefault(_name_key(name), name)
    return tuple(out.values())


def _looks_like_name(text: str) -> bool:
    """A method name has an upper-case letter inside or a digit: "FastVSR", "D²Cache", "UAT", not "Our"."""
    text = text.strip()
    if not text or len(text) > 40 or len(text.split()) > 4:
        return False
    first = text.split()[0]
    if _WORD_LIKE.match(first) and len(text.split()) == 1:
        return False
    return any(c.isupper() for c in text[1:]) or any(c.isdigit() for c in text) or text.isupper()


def _name_key(name: str) -> str:
    return re.sub(r"\s*\(.*\)$", "", name).casefold().replace(" ", "")

