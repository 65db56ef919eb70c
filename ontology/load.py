"""Compiles the rdflib ontology into lookup tables the extractors and search use at run time.

rdflib queries are far too slow to run per paper, so everything is read once into dicts, a token
phrase index (labels in both languages, matched on word/character tokens, longest first) and one
alternation regex for model-family name forms. `load_ontology()` is cached (`ontology_cache`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import accumulate, compress
from operator import itemgetter, or_

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from graph.ids import entity_id
from ontology.graph import HW, MODEL, PG, TECH, ontology_cache, ontology_graph

# Words, numbers with decimals ("1.58", "2.1"), single CJK characters and Greek letters are tokens;
# punctuation and spacing are ignored, so "KV-cache", "KV cache" and "KV缓存" share tokens.
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)*|[\u3400-\u9fff]|[\u0370-\u03ff]")


_FIRST_FOUR, _FIRST_THREE, _FIRST_TWO = itemgetter(slice(0, 4)), itemgetter(slice(0, 3)), itemgetter(slice(0, 2))
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_REMEMBERED_TOKENS = 100_000  # distinct tokens `Ontology._stem_starts` keeps (28 reports have ~11,000)


def ascii_lower(text: str) -> str:
    """`text` with A-Z lowered and every other character kept (offsets hold); bytes.lower() folds ASCII
    only and runs at C speed, unlike str.translate on non-ASCII text."""
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


@lru_cache(maxsize=16)
def lowered_text(text: str) -> str:
    """`text.lower()`, kept for a few texts: the token table and the technique readers of one paper each
    lower the same text, and lowering Chinese text costs far more than hashing it."""
    return text.lower()


@dataclass(frozen=True)
class TokenTable:
    """A text's tokens, lower-cased, and their offsets: `bounds[2 * i]` is where token i starts in the
    text and `bounds[2 * i + 1]` where it ends."""

    folded: tuple[str, ...]
    bounds: list[int]

    def surface(self, text: str, first: int, count: int) -> tuple[str, ...]:
        """Tokens first .. first + count - 1 as written in `text`."""
        b = self.bounds
        return tuple(text[b[2 * i]:b[2 * i + 1]] for i in range(first, first + count))


@lru_cache(maxsize=64)
def token_table(text: str) -> TokenTable:
    """Tokens of `text`; cached because several extractors scan the same paper text.

    Nearly always lowering changes ASCII letters only, so the lowered text has the same token spans:
    one C-level split of it gives the folded tokens and the gaps between them, whose running lengths
    are the offsets. Otherwise (a Greek capital, "İ") tokens are read from `text` itself and folded
    from the lowered text when that keeps every length and token count, else token by token."""
    lowered = lowered_text(text)
    if text.isascii() or lowered == ascii_lower(text):  # isascii() reads a flag: no second lowering
        parts = _TOKEN_SPLIT.split(lowered)  # gap, token, gap, ..., token, gap
        return TokenTable(tuple(parts[1::2]), list(accumulate(map(len, parts[:-1]))))
    toks = tuple(_TOKEN.finditer(text))
    folded = tuple(_TOKEN.findall(lowered)) if len(lowered) == len(text) else ()
    if len(folded) != len(toks):
        folded = tuple(m.group().lower() for m in toks)
    return TokenTable(folded, [offset for m in toks for offset in m.span()])


def label_key(label: str) -> tuple[str, ...]:
    """The case-folded token tuple a label is indexed under."""
    return tuple(m.group().lower() for m in _TOKEN.finditer(unicodedata.normalize("NFKC", label)))


def _is_case_sensitive(label: str) -> bool:
    """Short abbreviations (ToMe, MoE, KD) must keep their case or they collide with ordinary words."""
    return " " not in label and label.isascii() and len(label) <= 8 and sum(c.isupper() for c in label) >= 2


@dataclass(frozen=True)
class PhraseHit:
    target: str
    start: int
    end: int
    surface: str


_END = ""  # the trie key under which a node keeps the entries of the phrase ending there (no token is "")


class PhraseIndex:
    """Longest-match phrase lookup over tokens: a trie of token tuples, walked only from tokens that can
    start a phrase. Those are picked out by C-level `map`/`compress` over the folded tokens, so the
    Python loop runs per candidate (a few per sentence), not per token, and a walk stops at the first
    token no phrase continues with instead of probing every phrase length."""

    def __init__(self, labels: dict[str, str]) -> None:
        self._trie: dict[str, dict] = {}
        for label, target in labels.items():
            for variant in _variants(label):
                key = label_key(variant)
                if not key:
                    continue
                exact = tuple(_TOKEN.findall(variant)) if _is_case_sensitive(label) else None
                node = self._trie
                for word in key:
                    node = node.setdefault(word, {})
                node.setdefault(_END, []).append((target, exact))

    def find(self, text: str) -> list[PhraseHit]:
        table = token_table(text)
        folded, bounds = table.folded, table.bounds
        root = self._trie
        hits: list[PhraseHit] = []
        n, resume = len(folded), 0
        for i in compress(range(n), map(root.__contains__, folded)):
            if i < resume:
                continue
            node, j = root[folded[i]], i + 1
            if _END not in node and (j == n or folded[j] not in node):
                continue  # no phrase is this one word, and none goes on with the next (most candidates)
            ends = []  # (length, entries) of every phrase the tokens from i spell, shortest first
            while node is not None:
                if _END in node:
                    ends.append((j - i, node[_END]))
                node = node.get(folded[j]) if j < n else None
                j += 1
            for length, entries in reversed(ends):
                # an entry with no case rule needs no look at the tokens as written
                first_target, first_exact = entries[0]
                target = first_target if first_exact is None else _accepted(
                    entries, table.surface(text, i, length))
                if target is not None:
                    start, end = bounds[2 * i], bounds[2 * (i + length) - 1]
                    hits.append(PhraseHit(target, start, end, text[start:end]))
                    resume = i + length
                    break
        return hits


def _accepted(entries: list[tuple[str, tuple[str, ...] | None]], surface: tuple[str, ...]) -> str | None:
    """The first entry whose case rule the tokens as written meet (abbreviations as written or in
    capitals)."""
    for target, exact in entries:
        if exact is None or surface == exact or surface == tuple(t.upper() for t in exact):
            return target
    return None


def _variants(label: str) -> set[str]:
    """A label, its plural, and its hyphen-joined spelling ("low-rank adapter" -> "lowrank adapter")."""
    out = {label}
    if "-" in label:
        out.add(label.replace("-", ""))
    return out | {form + "s" for form in out if _pluralisable(form.rsplit(" ", 1)[-1])}


def _pluralisable(word: str) -> bool:
    """English plurals of words ("adapters") and of model numbers ("A100s", "4090s")."""
    return word.isascii() and (word.isalpha() and len(word) > 2 and not word.endswith("s")
                               or word.isalnum() and word[-1].isdigit() and not word.isdigit())


@dataclass(frozen=True)
class TechniqueConcept:
    id: str  # local name, e.g. "ptq"; top concepts use the vocabulary category id
    name: str
    label_zh: str | None
    categories: tuple[str, ...]
    labels: tuple[str, ...]
    is_category: bool
    subsumed_by: tuple[str, ...] = ()  # categories in whose presence this concept is no contribution of its own
    often_incidental: bool = False  # named as something used more often than as a contribution (vLLM)


@dataclass(frozen=True)
class HardwareEntry:
    id: str
    name: str
    hw_class: str
    generic: bool
    labels: tuple[str, ...]
    vendor: str | None = None  # prefixed to a family member's name ("Qualcomm" + "Snapdragon 8 Gen 2")
    stems: tuple[str, ...] = ()  # words a member's model number follows ("Snapdragon", "Apple M")
    memory_variants: tuple[str, ...] = ()  # sizes it is sold in, each a device of its own ("80GB": A100 80GB)
    suffixes: tuple[str, ...] = ()  # words that follow a member's model number ("Bionic": "A14 Bionic")


@dataclass(frozen=True)
class DeviceGrammar:
    """Named devices of a known family or vendor, recognised by shape: a stem from the ontology
    ("Snapdragon", "Jetson", "Galaxy") then a model number ("8 Gen 2", "AGX Orin", "S24 Ultra")."""

    pattern: re.Pattern[str]
    family_of_stem: dict[str, str]  # stem as written -> family entry id
    designators: frozenset[str]  # words that may stand in a model number ("Gen", "Ultra", "Orin")
    label_ids: dict[str, str]  # folded label of a known device -> its entry id
    number: str = ""  # the model-number part of `pattern`
    stem_finder: re.Pattern[str] = re.compile("(?!)")  # every stem, longest first, nothing around it
    family_of_entry: dict[str, str] = field(default_factory=dict)  # known device -> family whose stem it names
    # a model number then a family's suffix word ("A14 Bionic", "A15 Pro Bionic"), and each suffix's family
    suffix_pattern: re.Pattern[str] = re.compile("(?!)")
    family_of_suffix: dict[str, str] = field(default_factory=dict)

    @cached_property
    def folded_designators(self) -> frozenset[str]:
        """`designators` as `device_key` writes words: read for every device a text names."""
        return frozenset(d.casefold() for d in self.designators)

    def finditer(self, text: str) -> list[re.Match[str]]:
        """`pattern`'s matches, searched with only the stems that occur in `text` (most texts name none,
        and one stem's pattern is scanned much faster than all of them). Each stem has a pattern of its own,
        compiled once: a pattern per set of stems was compiled anew for nearly every new report. Their matches
        are read as one alternation reads them: leftmost first, the longer stem first at one place."""
        present = sorted(set(self.stem_finder.findall(text)), key=lambda s: (-len(s), s))
        if len(present) <= 1:
            return list(_stem_pattern(present[0], self.number).finditer(text)) if present else []
        rank = {stem: i for i, stem in enumerate(present)}
        found = sorted((m for stem in present for m in _stem_pattern(stem, self.number).finditer(text)),
                       key=lambda m: (m.start(), rank[m.group("stem")]))
        kept: list[re.Match[str]] = []
        for match in found:
            if not kept or match.start() >= kept[-1].end():
                kept.append(match)
        return kept


@cache
def _stem_pattern(stem: str, number: str) -> re.Pattern[str]:
    return re.compile(rf"(?P<stem>{re.escape(stem)}){number}")


@dataclass(frozen=True)
class ModelForm:
    family: str  # family local name
    canonical: str
    version_join: str
    requires_version: bool
    space_joined_tags: bool


@dataclass(frozen=True)
class ModelFamily:
    id: str
    name: str
    labels: tuple[str, ...]
    parent: str | None
    subfamily_tag: str | None


@dataclass(frozen=True)
class Ontology:
    techniques: dict[str, TechniqueConcept]
    categories: dict[str, tuple[str, str]]  # category id -> (English, Chinese) label
    technique_index: PhraseIndex
    hardware: dict[str, HardwareEntry]
    hardware_index: PhraseIndex
    device_grammar: DeviceGrammar
    model_families: dict[str, ModelFamily]
    model_forms: dict[str, ModelForm]  # regex group name -> form
    model_regex: re.Pattern[str]
    model_alias_index: PhraseIndex  # long names ("Segment Anything Model") -> family id
    model_prefixes: frozenset[str]  # first 1-4 letters of every stem: the only places a model name starts
    # the name forms whose stem starts so, one regex each, and whether they all need a capital there
    model_regex_by_prefix: dict[str, tuple[re.Pattern[str], bool]]
    _label_concept: dict[tuple[str, ...], str]
    # folded token -> whether a stem can start there, remembered for every token seen (see `_stem_starts`)
    _starts_stem: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def model_matches(self, text: str) -> list[re.Match[str]]:
        """Family-regex matches in `text`, left to right, not overlapping. The regex runs only where a
        stem can begin (a token whose first two or three letters start one): an anchored match per
        candidate instead of a search through the whole text; C-level `map`/`compress` pick the
        candidates, so Python loops over those only."""
        table = token_table(text)
        folded, bounds = table.folded, table.bounds
        matches: list[re.Match[str]] = []
        end = 0
        by_prefix = self.model_regex_by_prefix
        for i in compress(range(len(folded)), self._stem_starts(folded)):
            if bounds[2 * i] < end:
                continue
            token, start = folded[i], bounds[2 * i]
            capital = text[start].isupper()
            found = [m for key in {token[:4], token[:3], token[:2]} if (entry := by_prefix.get(key))
                     and (capital or not entry[1]) and (m := entry[0].match(text, start))]
            if found:
                match = max(found, key=lambda m: m.end())
                matches.append(match)
                end = match.end()
        return matches

    def _stem_starts(self, folded: tuple[str, ...]) -> Iterable[bool]:
        """For each token, whether its first two, three or four letters are a stem prefix. A token is
        judged once and remembered: texts mostly repeat tokens, and slicing every token three times per
        text was most of `model_matches`' time. Past `_REMEMBERED_TOKENS` (several hundred reports'
        vocabulary) new tokens are judged per text; nothing is ever removed, so threads may share it."""
        known = self._starts_stem
        unseen = set(folded).difference(known)
        if len(known) + len(unseen) > _REMEMBERED_TOKENS:
            starts_stem = self.model_prefixes.__contains__
            return map(or_, map(or_, map(starts_stem, map(_FIRST_FOUR, folded)),
                                map(starts_stem, map(_FIRST_THREE, folded))),
                       map(starts_stem, map(_FIRST_TWO, folded)))
        prefixes = self.model_prefixes
        for token in unseen:
            known[token] = token[:4] in prefixes or token[:3] in prefixes or token[:2] in prefixes
        return map(known.__getitem__, folded)

    def concept_labels(self, concept_id: str) -> tuple[str, ...]:
        """Every label (both languages) of a technique concept; accepts "ptq" or "tech:ptq"."""
        concept = self.techniques.get(concept_id.removeprefix("tech:"))
        return concept.labels if concept else ()

    def expand_query_term(self, text: str) -> list[str]:
        """A query term that names a technique expands to all the concept's labels (推测解码 <->
        speculative decoding); anything else comes back unchanged."""
        return _expand_term(text, self._label_concept, self.techniques)


def _local(uri: object, namespace: str) -> str:
    return str(uri)[len(namespace):]


def _labels(graph: Graph, subject: object) -> tuple[str | None, str | None, list[str]]:
    en = zh = None
    for label in graph.objects(subject, SKOS.prefLabel):
        if isinstance(label, Literal) and label.language == "zh":
            zh = str(label)
        else:
            en = str(label)
    alts = [str(a) for a in graph.objects(subject, SKOS.altLabel)]
    return en, zh, alts


def _techniques(graph: Graph) -> dict[str, TechniqueConcept]:
    tops = {_local(c, str(TECH)) for c in graph.subjects(SKOS.topConceptOf, PG.techniqueScheme)}
    broader: dict[str, list[str]] = {}
    for concept in graph.subjects(SKOS.inScheme, PG.techniqueScheme):
        broader[_local(concept, str(TECH))] = [_local(b, str(TECH)) for b in graph.objects(concept, SKOS.broader)]

    def reach(concept: str, seen: frozenset[str] = frozenset()) -> set[str]:
        if concept in tops:
            return {concept}
        return set().union(*(reach(b, seen | {concept}) for b in broader[concept] if b not in seen))

    out = {}
    for concept, _ in sorted(broader.items()):
        en, zh, alts = _labels(graph, TECH[concept])
        labels = tuple(dict.fromkeys(x for x in (en, zh, *sorted(alts)) if x))
        categories = tuple(c for c in TECHNIQUE_ORDER if c in reach(concept))
        subsumed_by = tuple(sorted(_local(o, str(TECH)) for o in graph.objects(TECH[concept], PG.subsumedBy)))
        incidental = bool(graph.value(TECH[concept], PG.oftenIncidental))
        out[concept] = TechniqueConcept(concept, en or concept, zh, categories, labels, concept in tops, subsumed_by,
                                        incidental)
    return out


def _hardware(graph: Graph) -> dict[str, HardwareEntry]:
    out = {}
    for device in graph.subjects(RDF.type, PG.Hardware):
        local = _local(device, str(HW))
        hw_class = str(graph.value(graph.value(device, PG.hardwareClass), PG.classId))
        en, _, alts = _labels(graph, device)
        generic = bool(graph.value(device, PG.generic))
        vendor = graph.value(device, PG.vendor)
        stems = tuple(sorted(str(stem) for stem in graph.objects(device, PG.deviceStem)))
        memory = tuple(sorted(str(size).upper() for size in graph.objects(device, PG.memoryVariant)))
        suffixes = tuple(sorted(str(suffix) for suffix in graph.objects(device, PG.deviceSuffix)))
        out[local] = HardwareEntry(local, en or local, hw_class, generic, tuple(x for x in (en, *sorted(alts)) if x),
                                   str(vendor) if vendor else None, stems, memory_variants=memory,
                                   suffixes=suffixes)
    return out


# A model-number part: "8", "910B", "i9-13900K", "v5e", "MLU370", "S24", "X100", "8+", "H7A3" (a
# microcontroller's part number: letters and digits in turn, perhaps with its package code, "H7A3ZI"); memory sizes ("80GB") are read so they can be
# dropped from the name. Designator words come from the ontology.
_NUMBER_PART = r"(?:[A-Za-z]{0,4}\d+(?:\.\d+)?(?:[A-Za-z]{1,4}\d{0,2}(?:[A-Z]{2}(?![a-z]))?)?(?:-\d+[A-Za-z]{0,3}\d?)?\+?)"  # "i5-1135G7"


def device_key(name: str) -> str:
    """Folded words and numbers of a device name, letters and digits apart ("RTX5090" = "RTX 5090")."""
    return " ".join(re.findall(r"[a-z]+|\d+(?:\.\d+)?|[^\sa-z\d\W]+", " ".join(label_key(name))))


def _device_grammar(graph: Graph, hardware: dict[str, HardwareEntry]) -> DeviceGrammar:
    designators = frozenset(str(word) for word in graph.objects(None, PG.designatorWord))
    family_of_stem = {stem: entry.id for entry in hardware.values() for stem in entry.stems}
    stems = "|".join(re.escape(s) for s in sorted(family_of_stem, key=len, reverse=True)) or "(?!)"
    words = "|".join(re.escape(w) for w in sorted(designators, key=len, reverse=True)) or "(?!)"
    part = rf"(?:{_NUMBER_PART}|(?:{words})(?![A-Za-z0-9]))"
    # No look-behind before the stem, so `re` can skip to the stems' first characters; the caller checks
    # that the character before a match is no letter, digit or hyphen.
    # A product line or code name may stand before the model number ("Virtex UltraScale+ VU9P", "Xeon
    # Broadwell E5-2686 v4"): a capitalised word, never the last one, so "A100 And H100" stays two devices.
    line = r"(?:(?:[A-Z][a-z]+(?:[A-Z][a-z]*)*|(?!(?:[GCNT]PU|SOC)S?\b)[A-Z]{4,})\+?[ \t])"  # "Tesla", "TESLA"
    number = rf"(?P<number>[ \t-]?{line}{{0,2}}{part}(?:[ \t-]{part}){{0,4}})(?![A-Za-z0-9_])"
    pattern = re.compile(rf"(?P<stem>{stems}){number}")
    label_ids: dict[str, str] = {}
    for entry in sorted(hardware.values(), key=lambda e: e.id):
        for label in entry.labels:
            label_ids.setdefault(device_key(label), entry.id)
    family_of_entry = {}
    for entry in hardware.values():
        for stem, family_id in family_of_stem.items():
            # a vendor's name is no family's mark: "Samsung" is a stem of the Galaxy phones ("Samsung S24"), but
            # Samsung's memory is no phone, nor "Intel Gaudi" a Core CPU
            if family_id != entry.id and not hardware[family_id].generic and stem != hardware[family_id].vendor \
                    and re.search(rf"(?<!\w){re.escape(stem)}(?!\w)", entry.name):
                family_of_entry[entry.id] = family_id
                break
    stem_finder = re.compile(_grouped_alternation(sorted(family_of_stem, key=len, reverse=True)) or "(?!)")
    family_of_suffix = {suffix: entry.id for entry in hardware.values() for suffix in entry.suffixes}
    suffixes = "|".join(re.escape(s) for s in sorted(family_of_suffix, key=len, reverse=True)) or "(?!)"
    suffix_pattern = re.compile(
        rf"(?<![\w\-])(?P<number>[A-Z]\d{{1,3}}[A-Za-z]?(?:[ \t](?:{words}))?)[ \t](?P<suffix>{suffixes})(?![\w\-])")
    return DeviceGrammar(pattern, family_of_stem, designators, label_ids, number, stem_finder, family_of_entry,
                         suffix_pattern, family_of_suffix)


def _grouped_alternation(words: list[str]) -> str:
    """`words` as one alternation that matches as the flat one does (preferring earlier words), with the
    words grouped under their first character ("J(?:etson|...)"): at each position of a text `re` tries
    every branch of a flat alternation, but only one group of this one (`findall` about 2.5x faster)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


# The grammar after a family stem: an optional version ("2.1", "v2", "-3", ".1"), then tags joined by
# "-" (sizes "7B"/"8x7B"/"A3B", patch sizes "L/14", versions, variant words) or by a space (sizes,
# versions, capitalised variant words only, so "SANA and FLUX" stays two names).
_TAG_WORDS = (
    "xxlarge|xlarge|instruct|chat|base|it|hf|vl|t2v|i2v|ti2v|xl|xxl|turbo|large|small|tiny|mini|medium|huge|giant|nano|pro"
    "|max|plus|coder|llama|qwen|math|vision|krea|dev|schnell|lightning|sprint|distill|preview|omni|moe|flash|lite|air"
    "|sigma|alpha|beta|next|onevision|sonnet|opus|haiku|ultra|oss|r1|zero|video|image|audio|med|slim|nemo|α|σ|Σ"
)
_SIZE = r"\d+(?:\.\d+)?[BbMmKk]|\d+x\d+[Bb]|A\d+(?:\.\d+)?B|\d+[Bb]\d"  # "BLOOM-7B1": 7.1B
# Points of a score written in Chinese ("取得66.3分", "提升2个百分点"); the 分 of 分钟, 分辨率, 分析 or 分别 is none.
# Evidence reads scores in points with it too (ingest/numbers.py).
POINTS_ZH = r"个?百分点|个点(?![云阵位])|分(?![钟之别类配布析数位辨])"  # "高8个点", not "4096个点云"
# A figure and a score after a name ("超过ResNet 5.5 mAP", "超越BERT 0.8分") is a result, not a version.
_SCORE_WORD = rf"[%％倍×]|{POINTS_ZH}|(?:m?AP|mIoU|points?|pp|dB|FID|BLEU|PSNR)(?![A-Za-z])"
_VERSION = r"[vV]?\d+(?:\.\d+)*(?:x\d{1,2}(?![\dA-Za-z.])|[a-z])?"  # "ResNet32x4": a width multiplier
# ViT-style size codes ("DeiT-S", "ViM-Ti") are case-sensitive so that a lone "-s" is not a size.
# Backbone codes ("RT-DETR-R18", "DINO-R50") are tags too.
_DASH_TAG = (rf"(?:-|\s[-–]\s)(?:{_SIZE}|(?:XL|XXL|[BLSHGgT]|Huge|Large|Base|Small|Giant)/\d+|[Bb]\d(?![\w.])|R\d{{2,3}}(?![\w.])|"
             rf"(?:Ti|XXS|XS|xxs|xs|S|B|L|H|G|g|N|M|C|E|X|T|V)(?![A-Za-z0-9/])|{_VERSION}|(?i:{_TAG_WORDS}))(?![A-Za-z0-9])")
# A size word in lower case after a space ("Whisper large-v3", "Whisper medium") is a tag, unless a noun
# follows that makes it an adjective ("GPT large language models").
_LOWER_SIZE = (r"(?:tiny|small|base|medium|large)(?:-v\d+(?:\.\d+)?)?(?:\.en)?(?![A-Za-z0-9-])"
               r"(?!\s+(?:language|vision|multimodal|foundation|models?|scale|batch|amounts?|numbers?|datasets?|"
               r"corpora|corpus|inputs?|images?|contexts?|variants?|margins?|gains?|improvements?))")
_SPACE_TAG = (rf" (?:{_SIZE}|\d+(?:\.\d+)+(?!\s*(?:{_SCORE_WORD}))|[vV]\d+(?:\.\d+)*(?![.\d])|(?=[A-Z])(?i:{_TAG_WORDS})|"
              rf"{_LOWER_SIZE}|\[(?i:{_TAG_WORDS})\]|(?<=[0-9BbMm] )(?:chat|instruct)|(?<=\d )(?:mini|nano)|(?<=\do )(?:mini|nano))"
              r"(?![A-Za-z0-9])")
# A parameter count glued to the stem ("GPT-J6B", "GPT-NeoX20B") is the checkpoint's size.
_SUFFIX = (rf"(?P<ver>[-\s.]?{_VERSION}(?![A-Za-z])(?!\.?\d)(?!\s*(?:{_SCORE_WORD}))|\d+(?:\.\d+)?[BM](?![A-Za-z0-9]))?"
           rf"(?P<tags>(?:{_DASH_TAG}|{_SPACE_TAG})*)")


def model_prefix(word: str) -> str:
    """Where a name of this stem starts: the first four letters or digits of its first token (fewer if
    the token is shorter), so "Latte" is not tried at every "latency"."""
    first = re.match(r"[A-Za-z0-9]*", word).group()  # type: ignore[union-attr]
    return first[:4].lower() if first else word[:3].lower()


def _models(graph: Graph) -> tuple[dict[str, ModelFamily], dict[str, ModelForm], re.Pattern[str], PhraseIndex]:
    families: dict[str, ModelFamily] = {}
    forms: dict[str, ModelForm] = {}
    alternatives: list[tuple[str, str]] = []
    aliases: dict[str, str] = {}
    for family in sorted(graph.subjects(RDF.type, PG.ModelFamily)):
        local = _local(family, str(MODEL))
        en, _, alts = _labels(graph, family)
        parent = graph.value(family, SKOS.broader)
        tag = graph.value(family, PG.subfamilyTag)
        families[local] = ModelFamily(local, en or local, tuple(x for x in (en, *alts) if x),
                                      _local(parent, str(MODEL)) if parent else None, str(tag) if tag else None)
        for alt in alts:
            aliases[alt] = local
        for node in graph.objects(family, PG.nameForm):
            pattern = str(graph.value(node, PG.pattern))
            if not bool(graph.value(node, PG.caseSensitive)):
                pattern = f"(?i:{pattern})"
            group = f"f{len(forms)}"
            forms[group] = ModelForm(local, str(graph.value(node, PG.canonical)), str(graph.value(node, PG.versionJoin)),
                                     bool(graph.value(node, PG.requiresVersion)),
                                     bool(graph.value(node, PG.spaceJoinedTags)))
            alternatives.append((group, pattern))
    # longer stems first ("MedSAM" before "SAM", "Open-Sora-Plan" before "Open-Sora"), a (?i:) wrapper not counted
    alternatives.sort(key=lambda item: -len(item[1].removeprefix("(?i:").removesuffix(")")))
    return families, forms, _model_regex(alternatives), PhraseIndex(aliases)


def _model_regex(alternatives: list[tuple[str, str]]) -> re.Pattern[str]:
    stems = "|".join(f"(?P<{group}>{pattern})" for group, pattern in alternatives)
    # A name may be glued to Chinese ("在Vicuna-7B上"): the start is "no Latin letter or digit before".
    return re.compile(rf"(?<![A-Za-z0-9_\-.])(?:{stems}){_SUFFIX}(?![A-Za-z0-9])")  # "ResNet32x4/ShuffleNetV2": two


def _regex_by_prefix(forms: dict[str, ModelForm], regex: re.Pattern[str]
                     ) -> dict[str, tuple[re.Pattern[str], bool]]:
    """One small regex per stem prefix, so a candidate token tries only the forms that can start there;
    with it, whether every such form is case-sensitive and opens with a capital ("Latte", "Imagen"), so
    that "latency" and "image" are not even tried."""
    patterns = re.findall(r"\(\?P<(f\d+)>((?:[^()]|\((?:[^()])*\))*)\)", regex.pattern)
    by_prefix: dict[str, list[tuple[str, str]]] = {}
    for group, pattern in patterns:
        by_prefix.setdefault(model_prefix(forms[group].canonical), []).append((group, pattern))
    return {prefix: (_model_regex(items), all(p[:1].isupper() for _, p in items))
            for prefix, items in by_prefix.items()}


TECHNIQUE_ORDER = (
    "quantization", "pruning-sparsity", "token-reduction", "distillation", "speculative-decoding",
    "early-exit-adaptive", "kv-cache", "efficient-attention", "mixture-of-experts", "state-space-model",
    "caching-reuse", "few-step-parallel-decoding", "latent-compression", "low-rank-peft",
    "serving-scheduling", "hardware-kernel", "efficient-architecture", "other",
)


@ontology_cache
def load_ontology() -> Ontology:
    """The compiled ontology (cached until `ontology.graph.use_user_ontology` changes the user files)."""
    graph = ontology_graph()
    techniques = _techniques(graph)
    technique_labels = {label: c.id for c in techniques.values() for label in c.labels}
    hardware = _hardware(graph)
    hardware_labels = {label: h.id for h in hardware.values() for label in h.labels}
    device_grammar = _device_grammar(graph, hardware)
    families, forms, regex, alias_index = _models(graph)
    categories = {c.id: (c.name, c.label_zh or c.name) for c in techniques.values() if c.is_category}
    return Ontology(
        techniques=techniques, categories=categories, technique_index=PhraseIndex(technique_labels),
        hardware=hardware, hardware_index=PhraseIndex(hardware_labels), device_grammar=device_grammar,
        model_families=families,
        model_forms=forms, model_regex=regex, model_alias_index=alias_index,
        model_prefixes=frozenset(model_prefix(f.canonical) for f in forms.values()),
        model_regex_by_prefix=_regex_by_prefix(forms, regex),
        _label_concept={label_key(label): concept for label, concept in technique_labels.items()},
    )


@ontology_cache
def hardware_by_node_id() -> dict[str, HardwareEntry]:
    """Known devices by the id their nodes get ("hw:nvidia-a100"): extraction reads a device's memory
    variants by it, projection names a family's stub node by it."""
    return {entity_id("hw", entry.name): entry for entry in load_ontology().hardware.values()}


def _expand_term(text: str, label_concept: dict[str, str], techniques: dict[str, TechniqueConcept]) -> list[str]:
    concept = label_concept.get(label_key(text))
    if concept is None:
        return [text]
    return [text] + [label for label in techniques[concept].labels if label.casefold() != text.casefold()]


@ontology_cache
def technique_expander() -> Callable[[str], list[str]]:
    """`Ontology.expand_query_term` built from the technique concepts alone: what search needs, without
    compiling the model and hardware grammars (most of `load_ontology`'s time, paid by a server's first
    query)."""
    techniques = _techniques(ontology_graph())
    label_concept = {label_key(label): c.id for c in techniques.values() for label in c.labels}
    return lambda text: _expand_term(text, label_concept, techniques)
