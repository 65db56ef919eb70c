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
             "it": "it", "hf": "hf", "dev": "dev", "schnell": "schnell", "oss": "oss", "r1": "R1",
             "α": "Alpha", "σ": "Sigma"}  # Greek tags spelled out so that ids (ASCII slugs) stay distinct


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
    own = tuple(re.sub(r"\s*\(.*\)$", "", name).casefold() for name in proposed)
    models = find_models(f"{title}\n{brief}\n{abstract}")
    return tuple(m for m in models if not (own and m.name.casefold().startswith(own)))


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
    """"Wan2.1" is dropped when "Wan2.1-14B" is also named, "YOLO" when "YOLOv8" is: keep the fullest
    form of a checkpoint."""
    keys = [(m.name.casefold(), m.family) for m in models]
    return [m for m, (n, fam) in zip(models, keys, strict=True)
            if not any(o != n and o.startswith(n) and (f == fam or o[len(n)] in "-. ") for o, f in keys)]


# ---- the paper's own method -------------------------------------------------------------------

_WORD = r"[A-Z][\w²³]*(?:[-‐][\w²³]+)*"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,3}}(?:\s*\([A-Za-z0-9²³\-‐ ]{{2,40}}\))?"
_TITLE_PREFIX = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9\-‐.²³ ]{0,30}?)\s*:\s")
_EN_PROPOSE = re.compile(
    r"\b(?:we|We|this paper|This paper|this work|This work)\s+(?:first\s+|further\s+|then\s+)?"
    r"(?:propose|introduce|present|develop|design|build|construct)s?\s+(?:a\s+|an\s+|the\s+)?"
    r"(?:(?:new|novel|simple|general|unified|training-free|lightweight|efficient)[\s,]+)*"
    r"(?:(?:framework|method|approach|system|model|network|technique|algorithm|architecture|module|"
    r"pipeline|strategy),?\s+(?:called|named|dubbed|termed)?\s*)?"
    rf"({_NAME})")
_CALLED = re.compile(rf"\b(?:called|named|dubbed|termed|coined)\s+({_NAME})")
_ZH_PUBLISHED = re.compile(r"发布了《?([A-Za-z][A-Za-z0-9\-‐.²³ ]{1,30}?)》?论文")
_ZH_PROPOSE = re.compile(r"提出(?:了)?(?:名为|一种名为)?《?([A-Za-z][A-Za-z0-9\-‐.²³]{1,30})》?"
                         r"(?:的)?(?:方法|框架|网络|模型|系统|算法|架构|技术)")
_LEADING_ARTICLE = re.compile(r"^(?:The|A|An|Our)\s+")


def extract_proposed(title: str, brief: str, abstract: str) -> tuple[str, ...]:
    """Names the paper gives its own method, system or model, in order of first mention.

    A title prefix ("FastVSR: ...") and a brief's "发布了X论文" must look coined (FastVSR, D²Cache, UAT),
    since titles also open with plain phrases ("Fast Thinking: ..."); an abstract's "we propose X" may
    also name a Title Case phrase ("Attention Surgery", "Reduced Transformer (RT)")."""
    prefix = _TITLE_PREFIX.match(title or "")
    strict = [prefix.group(1)] if prefix else []
    strict += [m.group(1) for m in _ZH_PUBLISHED.finditer(brief or "")]
    loose = [m.group(1) for m in _ZH_PROPOSE.finditer(brief or "")]
    loose += [m.group(1) for pattern in (_EN_PROPOSE, _CALLED) for m in pattern.finditer(abstract or "")]
    out: dict[str, str] = {}
    for name, is_strict in [(n, True) for n in strict] + [(n, False) for n in loose]:
        name = _LEADING_ARTICLE.sub("", name.strip().rstrip(".,;"))
        if not (_looks_coined(name) if is_strict else _looks_like_name(name)):
            continue
        if not (prefix and name == prefix.group(1).strip()) and _is_known_model(name):
            continue  # "we evaluate on Qwen2.5" is not the paper's own model; a title prefix always is
        out.setdefault(_name_key(name), name)
    return tuple(out.values())


def _is_known_model(name: str) -> bool:
    known = find_models(name)
    return bool(known) and known[0].name.casefold() == name.casefold()


def _coined_word(word: str) -> bool:
    """FastVSR, D²Cache, Tiny-QMoE, LLaDA-MoE: mixed case inside the word, or a digit."""
    inner = word[1:]
    return any(c.isdigit() or c in "²³" for c in word) or (
        any(c.isupper() for c in inner) and any(c.islower() for c in word))


def _looks_coined(name: str) -> bool:
    """A title prefix or brief name: one coined or all-caps word (UAT, GRACE-MOE), or a phrase with a
    coined word; "Fast Thinking", "ATTENTION SURGERY" are phrases, not names."""
    words = re.sub(r"\s*\(.*\)$", "", name).split()
    if not words or len(words) > 4 or len(name) > 40:
        return False
    if len(words) == 1:
        return _coined_word(words[0]) or (len(words[0]) >= 2 and words[0].isupper())
    return any(_coined_word(w) for w in words)


def _looks_like_name(name: str) -> bool:
    """An abstract name may also be a Title Case phrase, but not one ordinary word ("Our", "This")."""
    words = re.sub(r"\s*\(.*\)$", "", name).split()
    if not words or len(name) > 60:
        return False
    return len(words) > 1 or _looks_coined(name)


def _name_key(name: str) -> str:
    return re.sub(r"\s*\(.*\)$", "", name).casefold().replace(" ", "")
