"""Techniques a paper uses, as concepts of the SKOS scheme in ontology/techniques.ttl.

Labels of every concept (English and Chinese, with variants) are matched in the title, the Chinese
brief and the abstract. A specific concept ("GPTQ") stands for its categories; a bare category label
("量化") yields the category concept only when nothing more specific in that category matched.
`other` stands for the part of a paper that is not an efficiency technique: it is given when no
concept matched (unless the title or brief shows an efficient network design), and beside the matched ones
when the problem the brief says the paper solves is not one of cost or speed (see `pg:efficiencyCue`). A
non-efficiency concept ("graph neural network") matched beside efficiency ones counts only where the title
names it (`_main_aims_only`).
A category counts where the paper contributes it (`_contributed`): mentions weigh by where they stand,
baselines and other work weigh nothing, and what papers more often run on or build with than contribute
(`pg:oftenIncidental`: inference engines, FlashAttention, offloading, adapters, named diffusion samplers) weighs
half outside the title.
The rules' categories are then re-weighed by a linear model trained on the annotated development sets
(ingest/category_model.py): a category they give goes only when the model all but rules it out, one they
miss comes only when the model is confident.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from graph.ids import entity_id
from graph.model import Technique
from ingest.category_model import (
    PaperFeatures,
    category_features,
    load_category_model,
    model_reads_alone,
)
from ontology.graph import PG, ontology_cache, ontology_graph
from ontology.load import TECHNIQUE_ORDER, Ontology, PhraseHit, TechniqueConcept, load_ontology, lowered_text

# "a lightweight fusion prediction network", "轻量级编码器-解码器架构": a light network design named with
# a few words in between, which no fixed label can list. A "lightweight model" may be a drafter or a
# filter (not a network design), so only network/architecture/backbone nouns count.
_LIGHT_NETWORK = re.compile(
    r"\blight-?weight(?:[ -][A-Za-z]+){0,3}?[ -](?:networks?|architectures?|backbones?|CNNs?|ConvNets?|"
    r"(?:image )?encoders?|decoders?)\b"
    r"|轻量(?:级|化)?[\u4e00-\u9fffA-Za-z-]{0,8}?(?:网络|架构|骨干)", re.IGNORECASE)

# A title that calls the paper's model lightweight ("Towards Lightweight SAM", "A Lightweight, Fast, and
# Cheap Version of ...") is about an efficient design, unless the paper names a technique that makes it light
# ("Lightweight Speculative Decoding", "Token Merging for Light-weight Video Transformers"); a distilled
# student is a light network the paper designs.
_LIGHT_TITLE = re.compile(r"\blight-?weight\b|轻量", re.IGNORECASE)

# ...of a network it designs: a detector, an encoder, a backbone, a recogniser, a model family.
_DESIGNED_THING = re.compile(r"\b(?:detect\w*|encoders?|backbones?|networks?|models?|transformers?|recogni\w*|"
                             r"segment\w*|classif\w*|architectures?|assistants?|baselines?|(?:M)?LLMs?|VLMs?|"
                             r"ConvNets?|CNNs?)\b|检测|编码器|骨干|网络|识别|分割", re.IGNORECASE)
_NETWORK_BRIEF = re.compile(r"(?:网络|架构|模型|骨干|编码器|Transformer)(?:设计|结构)")
_SERVING_TITLE = re.compile(r"\bServ(?:ing|e|es|er)\b(?!\s+as\b)")
_FAST_TITLE = ("real-time", "real time", "fast", "efficient", "lightweight", "light-weight", "tiny", "compact",
               "实时", "快速", "高效", "轻量")

# The brief's "解决了<problem>问题" clause: from 解决 to the noun that closes the problem or the clause.
_PROBLEM = re.compile(r"解决了?(.+?)(?:的?(?:问题|难题|挑战|矛盾|困境|威胁)|[，,；;。]|$)")


def extract_techniques(title: str, brief: str, abstract: str) -> tuple[Technique, ...]:
    """Technique concepts of a paper; `other` when no concept matched or the stated problem is not
    about efficiency (nothing for a paper with no text). The rules' categories are then re-weighed by
    the category model (ingest/category_model.py)."""
    if not (title.strip() or brief.strip() or abstract.strip()):
        return ()
    onto = load_ontology()
    concepts, ruled, features = _read_paper(onto, title, brief, abstract)
    model = load_category_model()
    decided = model.decide(ruled, model.scores(features), model_reads_alone(features))
    if decided != ruled:
        concepts = _with_categories(onto, concepts, decided)
    return tuple(_technique(c) for c in concepts)


def paper_category_features(title: str, brief: str, abstract: str) -> PaperFeatures:
    """What the category model reads of a paper, the rules' conclusion included (for its training)."""
    return _read_paper(load_ontology(), title, brief, abstract)[2]


def _read_paper(onto: Ontology, title: str, brief: str,
                abstract: str) -> tuple[list[TechniqueConcept], set[str], PaperFeatures]:
    """The rules' concepts, their categories, and what the category model reads."""
    text = f"{title}\n{brief}\n{abstract}"
    hits = onto.technique_index.find(text)
    concepts = _rule_concepts(onto, (title, brief, abstract), text, hits)
    ruled = {cat for c in concepts for cat in c.categories}
    return concepts, ruled, category_features(onto, title, brief, text, _method_span(brief), hits, ruled)


def _with_categories(onto: Ontology, concepts: list[TechniqueConcept],
                     categories: set[str]) -> list[TechniqueConcept]:
    """The concepts whose categories all stay, and a category's own concept for each category the
    remaining ones do not cover."""
    kept = [c for c in concepts if set(c.categories) <= categories]
    covered = {cat for c in kept for cat in c.categories}
    return kept + [onto.techniques[cat] for cat in TECHNIQUE_ORDER if cat in categories - covered]


def _rule_concepts(onto: Ontology, texts: tuple[str, str, str], text: str,
                   hits: list[PhraseHit]) -> list[TechniqueConcept]:
    """The concepts the rules find from the labels' `hits` in the paper (`texts`: title, brief, abstract;
    `text` the three joined, as the index read them) and its own words."""
    title, brief, abstract = texts
    matched = _contributed(onto, (title, brief, abstract), hits,
                           list({h.target: onto.techniques[h.target] for h in hits}.values()))
    present = {cat for c in matched for cat in c.categories}
    # pg:subsumedBy: a bare "sparsity" in a mixture-of-experts paper is the experts' activation sparsity,
    # "parallel decoding" in a speculative decoding paper is part of it
    matched = [c for c in matched if not any(other in present for other in c.subsumed_by)]
    specific = [c for c in matched if not c.is_category]
    covered = {cat for c in specific for cat in c.categories}
    present = {cat for c in matched for cat in c.categories}
    bare = [c for c in matched if c.is_category and c.id not in covered]
    concepts = specific + bare
    if "efficient-architecture" not in present and (_mentions_light_network(text) or (
            _LIGHT_TITLE.search(title) and not present - {"other", "distillation"})):
        concepts.append(onto.techniques["efficient-architecture"])
    if "caching-reuse" not in {cat for c in concepts for cat in c.categories} and _reuses_computation(text):
        concepts.append(onto.techniques["caching-reuse"])
    kinds = {cat for c in concepts for cat in c.categories}
    for category, described, said_otherwise in _DESCRIBED_IN_OWN_WORDS:
        if category not in kinds and not kinds & said_otherwise and described(title, brief):
            concepts.append(onto.techniques[category])
            kinds.add(category)
    if "efficient-architecture" not in kinds and _title_presents_efficient_model(title):
        concepts.append(onto.techniques["efficient-architecture"])
        kinds.add("efficient-architecture")
    if "token-reduction" not in kinds and "kv-cache" not in kinds and _prunes_tokens(text):
        concepts.append(onto.techniques["token-pruning"])  # "prune redundant tokens", "剪除冗余token"
        concepts = [c for c in concepts if not (c.is_category and c.id == "pruning-sparsity")]
    if "serving-scheduling" not in present and _SERVING_TITLE.search(title):
        concepts.append(onto.techniques["serving-scheduling"])  # "Serving Generative LLMs on Preemptible Instances"
    if not concepts and (_about_efficiency(title) or _designs_efficient_network(title, brief)):
        # No technique named, but the paper is about being fast or small ("Real-Time Object Detection",
        # "Faster ... Encoder"): its contribution is the design of an efficient network.
        concepts.append(onto.techniques["efficient-architecture"])
    concepts = _main_aims_only(title, hits, concepts)
    if "other" not in {cat for c in concepts for cat in c.categories} and (
            not concepts or _problem_is_not_efficiency(onto, brief)):
        concepts.append(onto.techniques["other"])
    return concepts


def _main_aims_only(title: str, hits: list[PhraseHit],
                    concepts: list[TechniqueConcept]) -> list[TechniqueConcept]:
    """A topic that is not an efficiency technique (graph networks, contrastive learning, data augmentation)
    is the paper's aim beside an efficiency technique only where the title names it; named in the brief or
    the abstract, it is the setting ("quantization for graph neural networks") or a side remark. Measured
    over 32 dev sets, even the brief's method clause named such a topic as the setting far more often
    than as an aim."""
    if all(c.categories == ("other",) for c in concepts):
        return concepts
    in_title = {h.target for h in hits if h.start < len(title)}
    return [c for c in concepts if c.categories != ("other",) or c.id in in_title]


# Where a mention sits says how much it tells about what the paper contributes: the title and the brief's
# method clause ("使用…技术", "提出…") most, a sentence of its own work ("we propose") more than one in
# passing, and a sentence about other work ("existing methods such as pruning") nothing.
_METHOD_CLAUSE = re.compile(r"(?:使用|采用|提出|利用|通过|基于|结合|引入)(.+?)(?=解决|，?达成|，?实现|$)")
@lru_cache(maxsize=8)
def _method_span(brief: str) -> tuple[int, int] | None:
    """Where the brief's method clause stands; several rules of one paper read it."""
    found = _METHOD_CLAUSE.search(brief)
    return found.span(1) if found else None


def _method_clause(brief: str) -> str:
    span = _method_span(brief)
    return brief[span[0]:span[1]] if span else ""


_OWN_WORK = ("we", "our", "this paper", "this work", "本文", "我们")
_OTHER_WORK = ("existing", "previous", "prior", "conventional", "traditional", "such as", "unlike", "compared to",
               "compared with", "orthogonal", "complementary", "instead of", "rather than", "often rely", "现有",
               "传统", "以往", "不同于")
_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]?")
# A comparison right before a mention: the technique is a baseline ("2x faster than FlashAttention").
_COMPARISON = ("than", "over", "versus", "vs.", "compared to", "compared with", "outperform", "surpass",
               "relative to", "against", "baseline", "相比", "相较", "优于", "超过", "较")
_STEMS = frozenset({"outperform", "surpass", "baseline"})
_BREAK = re.compile(r"[.;。；]")
_STRONG = 2.0


def _contributed(onto: Ontology, texts: tuple[str, str, str], hits: list[PhraseHit],
                 matched: list[TechniqueConcept]) -> list[TechniqueConcept]:
    """The matched concepts whose categories the paper contributes to: a category needs weight 2 from
    where its concepts are mentioned (title 3, method clause 3, own-work sentence 2, other sentence 1,
    a sentence about other work 0). When no category reaches 2, every matched concept stays."""
    if len(matched) < 2:
        return matched
    title, brief, abstract = texts
    text = f"{title}\n{brief}\n{abstract}"
    brief_at, abstract_at = len(title) + 1, len(title) + len(brief) + 2
    regions = [(0, len(title), 3.0)]  # (start, end, weight) over `text`, in order
    method = _method_span(brief)
    if method:
        regions += [(brief_at, brief_at + method[0], 1.0),
                    (brief_at + method[0], brief_at + method[1], 3.0),
                    (brief_at + method[1], abstract_at, 1.0)]
    else:
        regions.append((brief_at, abstract_at, 1.0))
    sentences = [m.span() for m in _SENTENCE.finditer(abstract)]
    sentence_starts = [start for start, _ in sentences]

    lowered = abstract.lower()
    own, other = ({bisect_right(sentence_starts, at) - 1 for at, _ in _cue_spans(lowered, cues)}
                  for cues in (_OWN_WORK, _OTHER_WORK))
    for i, (start, end) in enumerate(sentences):
        value = (1.0 if i in other else 2.0) if i in own else (0.0 if i in other else 1.0)
        regions.append((abstract_at + start, abstract_at + end, value))
    comparisons = sorted(end for _, end in _cue_spans(lowered_text(text), _COMPARISON, len(title)))
    weight: dict[str, float] = {}
    own_weight: dict[str, float] = {}
    starts = [r[0] for r in regions]
    for hit in hits:
        region = regions[max(0, bisect_right(starts, hit.start) - 1)]
        value = region[2] if hit.start < region[1] else 1.0
        if hit.start >= len(title) and _compared(text, comparisons, hit.start):
            value = 0.0  # a baseline it is compared with ("2x faster than FlashAttention")
        if onto.techniques[hit.target].often_incidental and hit.start >= len(title):
            value *= 0.5  # FlashAttention, vLLM, offloading, adapters: more often used than contributed
        own_weight[hit.target] = own_weight.get(hit.target, 0.0) + value
        for category in onto.techniques[hit.target].categories:
            weight[category] = weight.get(category, 0.0) + value
    if not any(w >= _STRONG for w in weight.values()):
        return [c for c in matched if own_weight.get(c.id, 0.0) > 0] or matched
    # a concept named only as a baseline or as other work goes, whatever its categories
    return [c for c in matched if own_weight.get(c.id, 0.0) > 0
            and any(weight.get(cat, 0.0) >= _STRONG for cat in c.categories)]


def _cue_spans(lowered: str, cues: tuple[str, ...], start: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each cue from `start` on: whole words, or word starts for the stems
    ("outperforms"). Plain `str.find`: the cue lists are short and a regex alternation scanned every
    abstract far more slowly."""
    for cue in cues:
        at = lowered.find(cue, start)
        while at >= 0:
            end = at + len(cue)
            if not cue.isascii() or ((at == 0 or not lowered[at - 1].isalpha()) and (
                    cue in _STEMS or end == len(lowered) or not lowered[end].isalpha())):
                yield at, end
            at = lowered.find(cue, end)


def _compared(text: str, comparisons: list[int], at: int) -> bool:
    """A comparison word ends at most 40 characters before `at`, with no sentence break in between."""
    i = bisect_right(comparisons, at) - 1
    return i >= 0 and at - comparisons[i] <= 40 and not _BREAK.search(text, comparisons[i], at)


# "reuse the pre-computed feature maps from the previous step", "复用上一步的激活": reuse of computed results
# named with a few words in between, which no fixed label can list.
_REUSE = re.compile(
    r"\b(?:we|our|by|to|which)\s+(?:\w+\s+){0,2}?(?:reus(?:e|es|ing)|recycl(?:e|es|ing)|cach(?:e|es|ing))\s+"
    r"(?:\S+\s+){0,4}?(?:features?|feature maps?|activations?|attention (?:maps?|outputs?|scores)|outputs?|"
    r"intermediate results|computations?|key-value pairs)\b"
    r"|(?:复用|重用)[^，。,；;]{0,10}?(?:特征|激活|注意力|中间结果|计算结果|输出|隐状态)"
    r"|跨(?:时间步|去噪步|步骤)[^，。,；;]{0,8}?(?:共享|复用)", re.IGNORECASE)


def _reuses_computation(text: str) -> bool:
    lowered = lowered_text(text)  # plain substring tests first: the pattern is slow to scan
    if not any(w in lowered for w in ("reus", "recycl", "cach", "复用", "重用", "跨时间步", "跨去噪步", "跨步骤")):
        return False
    return _REUSE.search(text) is not None


# "prunes redundant tokens", "merging similar visual tokens", "剪除冗余token": tokens pruned or merged, named
# with a few words in between, which no fixed label can list. Tokens evicted from or merged in a KV cache are
# not meant (nor read in a KV-cache paper).
_TOKEN_PRUNING = re.compile(
    r"\b(?:prun(?:e|es|ed|ing)|merg(?:e|es|ed|ing))\s+(?:the\s+|of\s+)?(?:[\w-]+\s+){0,3}?tokens?\b(?![\w-]*\s*cache)"
    r"|(?:剪除|剪枝|合并|裁剪)[^，。,；;]{0,8}?(?:token|令牌)(?![^，。,；;]{0,4}缓存)", re.IGNORECASE)
_ZH_PRUNE_VERBS = ("剪除", "剪枝", "合并", "裁剪")


# A backbone the paper designs ("A Hybrid Mamba-Transformer Vision Backbone", "通用视觉骨干") or an operator
# that replaces attention ("以…算子替代注意力") is a network design of its own: an efficient architecture.
_BACKBONE_TITLE = re.compile(r"\bBackbones?\b")
_BACKBONE_METHOD = re.compile(r"视觉骨干|骨干网络|通用骨干|混合骨干|(?:替代|取代)(?:自)?注意力")


# A Gaussian-splatting paper about memory or storage ("Reducing the Memory Footprint of 3D Gaussian
# Splatting"), or a latent space or autoencoder said to be highly compressed ("32倍压缩深度自编码器",
# "紧凑一维潜在序列"): the vocabulary's latent compression, named in words no fixed label lists.
_GAUSSIANS = re.compile(r"Gaussian Splatting|3D Gaussian|3DGS|高斯泼溅|高斯溅射|3D高斯", re.IGNORECASE)
_SMALLER = re.compile(r"compress|compact|memory|storage|footprint|压缩|存储|内存|显存", re.IGNORECASE)
_COMPRESSED_LATENT = re.compile(
    r"(?:高度|深度|高)?压缩(?:比)?的?(?:深度|语义)?(?:自编码器|潜空间|潜在空间|VAE|潜在序列)|highly[- ]compressed latent|"
    r"(?:deep\s+)?compression\s+auto-?encoder|compact\s+(?:1D\s+|one-dimensional\s+)?latent|紧凑的?(?:一维)?潜在",
    re.IGNORECASE)


# Computation that adapts to the input, named in the method's own words: layers, experts or frames skipped
# ("选择性跳过中间层", "动态跳过专家", "跳帧", "skips layers"), or effort chosen by the difficulty of the task
# ("依据问题难度", "根据任务复杂度").
_ADAPTIVE = re.compile(
    r"\bAdaptive\s+(?:[\w-]+\s+){0,2}?(?:Tokens?|Experts?|Layers?|Depth|Computation|Compute|Inference|Gating|"
    r"Language Modeling)\b(?!\s+(?:Reduction|Caching|Pruning|Merging|Compression))|"
    r"(?:动态|选择性|按需)?跳过(?:中间|部分)?(?:层|专家|帧)|跳帧|(?:根据|依据)(?:任务|问题|输入)(?:的)?(?:复杂度|难度)|"
    r"\bskip(?:s|ping)?\s+(?:\w+\s+){0,2}?(?:layers|experts|frames|blocks)\b", re.IGNORECASE)


# Every _ADAPTIVE match holds one of these once case-folded (casefold, unlike lower, folds every letter the
# pattern's IGNORECASE accepts for s): a plain test before the slow pattern.
_ADAPTIVE_CUES = ("adapt", "sk", "跳", "据")


def _adapts_computation(title: str, brief: str) -> bool:
    head = f"{title}\n{_method_clause(brief)}"
    folded = head.casefold()
    return any(cue in folded for cue in _ADAPTIVE_CUES) and _ADAPTIVE.search(head) is not None


# Every _COMPRESSED_LATENT phrase holds one of these, lower-cased: a plain test before the slow pattern.
_LATENT_CUES = ("comp", "压缩", "紧凑")


def _compresses_representation(title: str, brief: str) -> bool:
    head = f"{title}\n{brief}"
    if _GAUSSIANS.search(head) and _SMALLER.search(head):
        return True
    lowered = head.lower()
    return any(cue in lowered for cue in _LATENT_CUES) and _COMPRESSED_LATENT.search(head) is not None


def _designs_backbone(title: str, brief: str) -> bool:
    if _BACKBONE_TITLE.search(title):
        return True
    return ("骨干" in brief or "注意力" in brief) and _BACKBONE_METHOD.search(_method_clause(brief)) is not None


# A title that presents the paper's own model as fast or small ("MobileVLM: A Fast, Strong and Open Vision
# Language Assistant", "EdgeTAM: On-Device Track Anything Model", "YOLOv12: ... Real-Time Object Detectors"):
# the model is an efficient design. "... for Efficient Vision Transformers" states an aim, not a design.
_EFFICIENT_MODEL_CUE = re.compile(
    r"\b(?:fast|real-?time|mobile|on-device|phones?|tiny|small|compact|light-?weight|practical size)\b", re.IGNORECASE)
# ...unless the title is about a process applied to models (inference, serving, quantization, training)
_PROCESS = re.compile(r"\b(?:inference|serving|quantiz\w*|fine-?tun\w*|finetun\w*|training|decoding|sampling|"
                      r"caching|cache|pruning|distillation|pretraining|compression|solver|evaluation|execution)\b",
                      re.IGNORECASE)
_AIM = re.compile(r"\b(?:for|towards?|to|enabling|enable|via)\b", re.IGNORECASE)


def _title_presents_efficient_model(title: str) -> bool:
    if ":" not in title:
        return False
    name, rest = title.split(":", 1)
    if not name.strip() or len(name.split()) > 3 or _PROCESS.search(rest):
        return False
    for cue in _EFFICIENT_MODEL_CUE.finditer(rest):
        if _AIM.search(rest[:cue.start()]) is None and _DESIGNED_THING.search(rest, cue.end()):
            return True
    return False


# A processor, chip or accelerator the paper designs ("A Latency-Optimized ... Processor for LLM Inference",
# "Algorithm and Accelerator Co-Design", "Architectural Support for ...", "数据流FPGA架构", "专用硬件加速单元"):
# hardware of its own.
_HARDWARE_TITLE = re.compile(r"\b(?:Processors?|Chips?|ASICs?|FPGAs?|Supercomputers?|Dataflow Architecture|Accelerators?(?![\w-])|"
                             r"Architectural Support|Hardware Architecture)\b")
_HARDWARE_METHOD = re.compile(r"(?:处理器|加速器|芯片|FPGA|ASIC|数据流)[^，。,；;]{0,6}?(?:设计|架构)"
                              r"|专用硬件|硬件加速(?:单元|器)")


# A method that accelerates is no accelerator: "as a Plug-and-Play Accelerator", "A Training-free Accelerator".
_METAPHOR = re.compile(r"(?:\bas\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}|(?:Plug-and-Play|Universal|Training-[Ff]ree|"
                       r"Lossless|General)\s+)Accelerators?\b")


# Inference fitted to one kind of processor the title names ("LLM Inference on a Smartphone", "Fast On-device
# LLM Inference with NPUs", "GPU-accelerated", "Near-Data Experts"): hardware-aware design. ("on Mobile
# Devices" alone says where a model runs, not that it is fitted to a processor.)
_HARDWARE_TARGET_TITLE = re.compile(
    r"\b(?:Inference|Deployment|Serving|Decoding)\b[^:]{0,40}?\b(?:on|with)\s+(?:an?\s+|the\s+)?"
    r"(?:Smartphones?|NPUs?|CPUs?|GPUs?|Mobile\s+(?:GPUs?|SoCs?|NPUs?))\b|\bGPU-accelerated\b|\bNear-Data\b")


def _hardware_aware(title: str, brief: str) -> bool:
    return bool((_HARDWARE_TITLE.search(title) and not _METAPHOR.search(title))
                or (("PU" in title or "phone" in title or "Near-Data" in title) and _HARDWARE_TARGET_TITLE.search(title))
                or _HARDWARE_METHOD.search(_method_clause(brief)))


# Fewer sampling steps in the paper's own words: "in a Single Step" in the title; "仅15步", "单步采样", "减少去噪步数",
# "需要成百上千采样步" in the brief (reasoning steps, 推理步数, are another matter).
_FEW_STEPS_TITLE = re.compile(r"\b(?:[Ss]ingle|[Oo]ne|[Ff]ew|[Tt]wo)[- ][Ss]teps?\b")
_FEW_STEPS_BRIEF = re.compile(r"(?:仅|只需?|仅用|仅需|只用)\s*(?:\d+|[一二两三四五六七八九十])\s*个?(?:采样|去噪|反向|扩散)?步(?!推理|思考)"
                              r"|单步(?:采样|去噪)|一步(?:采样|去噪)|(?:减少|压缩|降低)(?:去噪|采样)步数"
                              r"|(?:去噪|采样)步数(?:多|过多|较多)|成百上千(?:个)?(?:采样|去噪)?步")


def _reduces_steps(title: str, brief: str) -> bool:
    return bool(_FEW_STEPS_TITLE.search(title) or ("步" in brief and _FEW_STEPS_BRIEF.search(brief)))


# An attention mechanism the title names as the paper's own, first or after "with"/"via" ("Striped Attention:",
# "RelayAttention for ...", "... with Hierarchical Attention"): its design is the contribution, unless it is a
# standard kind (cross-, self-, paged attention) or the paper already reads as a cache or token method.
_NAMED_ATTENTION = re.compile(
    r"(?:^|\b(?:with|via|using)\s+(?:[\w-]+\s+){0,2}?)"
    r"(?!(?:Cross|Self|Query|Paged|Cached|Dist|Multi-Head|Head)[- ]?Attention)[A-Z][\w]*(?:-[A-Z]?\w+)?"
    r"[- ]?Attention(?![\w-])(?!\s+(?:Heads?|Graph|Maps?|Scores?|Sinks?)\b)")



def _names_attention(title: str, brief: str) -> bool:
    return "ttention" in title and _NAMED_ATTENTION.search(title) is not None


# Categories a paper's title or method clause describes in words no fixed label lists: each with its reader,
# and the categories that, already found, say the same thing another way.
_DESCRIBED_IN_OWN_WORDS = (
    ("efficient-architecture", _designs_backbone, frozenset()),
    ("early-exit-adaptive", _adapts_computation, frozenset()),
    ("latent-compression", _compresses_representation, frozenset()),
    ("hardware-kernel", _hardware_aware, frozenset()),
    ("few-step-parallel-decoding", _reduces_steps, frozenset()),
    ("efficient-attention", _names_attention, frozenset({"kv-cache", "caching-reuse", "token-reduction"})),
)


def _prunes_tokens(text: str) -> bool:
    lowered = lowered_text(text)  # plain substring tests first: the pattern is slow to scan
    if "token" not in lowered and "令牌" not in text:
        return False
    if "prun" not in lowered and "merg" not in lowered and not any(verb in text for verb in _ZH_PRUNE_VERBS):
        return False  # no verb of the pattern's either
    return _TOKEN_PRUNING.search(text) is not None


def _mentions_light_network(text: str) -> bool:
    lowered = lowered_text(text)  # a plain substring test first: the pattern itself is slow to scan
    if "lightweight" not in lowered and "light-weight" not in lowered and "轻量" not in text:
        return False
    return _LIGHT_NETWORK.search(text) is not None


def _designs_efficient_network(title: str, brief: str) -> bool:
    """No technique named, the brief's problem is one of cost, and the paper designs a network: an
    efficient architecture (SeaFormer, UNETR++, a mobile speech recogniser)."""
    problem = _PROBLEM.search(brief)
    if problem is None or not any(cue in problem.group(1).lower() for cue in _efficiency_cues()):
        return False
    return _DESIGNED_THING.search(title) is not None or _NETWORK_BRIEF.search(brief) is not None


def _about_efficiency(title: str) -> bool:
    """A title that promises speed or smallness itself ("Real-Time", "Faster", "Lightweight")."""
    folded = title.lower()
    return any(cue in folded for cue in _FAST_TITLE) and _DESIGNED_THING.search(title) is not None


def _problem_is_not_efficiency(onto: Ontology, brief: str) -> bool:
    """True when the brief states a problem that names neither an efficiency technique nor a cost
    word; False when it states none (nothing to judge by)."""
    found = _PROBLEM.search(brief)
    if found is None:
        return False
    problem = found.group(1)
    folded = problem.lower()
    if any(cue in folded for cue in _efficiency_cues()):
        return False
    return all(onto.techniques[hit.target].categories == ("other",)
               for hit in onto.technique_index.find(problem))


@ontology_cache
def _efficiency_cues() -> tuple[str, ...]:
    return tuple(sorted({str(cue).lower() for cue in ontology_graph().objects(None, PG.efficiencyCue)}))


def _technique(concept: TechniqueConcept) -> Technique:
    return Technique(entity_id("tech", concept.id), concept.name, concept.categories, concept.label_zh)
