"""Quantitative result claims (evidence) from a paper's Chinese brief and English abstract.

Pipeline per text: find quantities (`ingest.numbers`), drop the ones that are settings or names rather
than results, then read metric and direction from the words of the clause around each number, and
baseline, condition and scope with the readers of `ingest.claim_context`. Metric cue words come from
the ontology (`ontology/metrics.ttl`).

Policy (what counts as evidence):
- a number with a result unit (x, %, time, rate, GB, FLOPs, J, dB, points, mm², $, tokens per step), a
  multiple in words ("doubles", "an order of magnitude", 两倍), a sparsity reached ("prunes to 60% sparsity"), the
  bits spent per weight ("use 2.85 bits per weight") or a score bound to a quality/accuracy name or a benchmark
  ("Dice = 0.855", "a 0.3 WikiText2 perplexity increase", "scores 811 on OCRBench", "32 APr on LVIS", "e.g. 77.5
  on AIME, 96.2 on MATH 500");
- not: model sizes and other counts with B/M/K ("7B", "4K", "64k context") unless parameters are
  said to be activated/updated/kept; data set sizes ("0.22M LAION pairs"); bit widths, step counts,
  resolutions ("1024px"), ratios like 2:4, numbers glued to names, years, counts of datasets or tasks
  (no unit), design ratios of an autoencoder ("32× spatial"), sparsity settings ("at 50% sparsity"),
  hardware specs ("6GB VRAM", "on 24GB consumer GPUs"), requirements ("a TPOT SLO of 100 ms"), clip
  lengths, the case a result is measured in ("when 1.2% of the image is edited", "4x video upscaling"), what a
  rate is counted per ("0.2 W per 30 FPS"), a baseline's own figure ("0.98 GB instead of 5.1 GB", "58% ...,
  compared with 30% for X"), the start of a change ("from over 1,400 GB to under 30 GB", "from 15.9% with a single
  sample to 56%", "73% → 93.4%"), a video's running length ("generating 8 seconds of 720p video"), masking and
  pruning settings ("a 50% masking ratio", "the 20% pruned model") and a width multiplier in a name ("GhostNet 0.5x").
- the same figure in brief and abstract is one claim; the abstract's quote is kept. The same figure again in one
  sentence after another figure is the next item's own ("6.7% Pass@1 ... on HumanEval and 6.7% Pass@1 ... on MBPP").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from ingest.claim_context import Span, read_baseline, read_condition, read_leading_baseline, read_scope
from ingest.numbers import FROM_BEFORE, LIST_GAP, SENTENCE_END, Quantity, find_quantities
from ontology.graph import ontology_cache
from ontology.metrics import metric_concepts, metric_cues

Direction = Literal["increase", "decrease"]
Source = Literal["brief", "abstract", "title"]


@dataclass(frozen=True)
class EvidenceClaim:
    metric: str
    value: float
    value_max: float | None
    unit: str | None
    direction: Direction | None
    baseline: str | None
    condition: str | None
    scope: str | None
    quote: str  # verbatim clause of `sentence`
    sentence: str  # verbatim sentence of the source text
    source: Source
    line: int
    # metric "other" on purpose: the clause names a measure outside the list ("batch size"), or a time is a
    # preparation cost ("pruning takes 10 minutes"); a brief's reading of the same figure does not replace it
    other_named: bool = False


_COMPRESSION = re.compile(r"compress|压缩")
# What a paper compresses when it compresses the model itself: then a compression ratio is a smaller model.
_MODEL_COMPRESSING = frozenset({"quantization", "pruning-sparsity", "low-rank-peft", "latent-compression", "kv-cache",
                                "distillation"})


def with_token_compression(claims: list[EvidenceClaim], categories: set[str]) -> list[EvidenceClaim]:
    """A paper that reduces tokens and compresses no model, cache or latent space compresses its prompts,
    contexts or reasoning: its compression ratios ("a 16x compression rate", "compresses contexts by 20x",
    "最高约1500倍压缩率") are token reduction, which the words alone read as storage."""
    if "token-reduction" not in categories or categories & _MODEL_COMPRESSING:
        return claims
    return [replace(c, metric="token-reduction") if c.metric == "storage" and _COMPRESSION.search(c.quote) else c
            for c in claims]


# What a paper is when it only makes inference faster: decoding, serving or kernels, nothing that trades accuracy.
_SPEED_ONLY = frozenset({"speculative-decoding", "serving-scheduling", "hardware-kernel"})
_ACCURACY_TRADING = frozenset({"quantization", "pruning-sparsity", "token-reduction", "distillation", "low-rank-peft",
                               "efficient-architecture", "latent-compression", "few-step-parallel-decoding", "other"})
# "outperforms static draft lengths by 10%-57%", "improves performance by up to 69.5% better than": a bare margin
_BARE_MARGIN = re.compile(r"\b(?:outperform|surpass|exceed|beat|improv)\w*\b[^.;]*?\bby\s+(?:up\s*to\s+|over\s+|about\s+|"
                          r"at\s+least\s+)?[\d.]+%", re.IGNORECASE)


def with_speed_margins(claims: list[EvidenceClaim], categories: set[str]) -> list[EvidenceClaim]:
    """In a paper that only makes inference faster (decoding, serving, kernels) a bare margin over a baseline
    ("outperforms static draft-length speculative decoding by 10%-57%") is a speed-up, not a task score: such
    papers keep their outputs as they are. A margin that names a score stays accuracy."""
    if not categories & _SPEED_ONLY or categories & _ACCURACY_TRADING:
        return claims
    out: list[EvidenceClaim] = []
    for claim in claims:
        margin = claim.metric == "accuracy" and claim.unit == "%" and not _names_a_score(claim.quote)
        # the next items of the margin's list go with it ("by up to 91% on A, 146% on B")
        listed = bool(out) and out[-1].sentence == claim.sentence and out[-1].metric == "speedup" \
            and out[-1].unit == "%" and _BARE_MARGIN.search(out[-1].quote) is not None
        out.append(replace(claim, metric="speedup") if margin and (listed or _BARE_MARGIN.search(claim.quote)) else claim)
    return out


def _names_a_score(quote: str) -> bool:
    return any(metric in {"accuracy", "quality"} and not weak and quote[start:end].lower() != "performance"
               for start, end, metric, weak in metric_cues().find(quote, 0, len(quote)))


# Each boundary pattern opens with one class of every character it can start with, then tells the
# alternatives apart by look-behind: `re` then skips straight to those characters, which it cannot do for an
# alternation of differently-starting branches (three to five times faster, same matches).
# Clause ends: ;；，： always, "," unless inside a number ("10,000"), ":" unless before a digit ("2:4").
_CLAUSE_END = re.compile(r"[;；，：,:](?:(?<=[;；，：])|(?<=,)(?:(?<!\d,)|(?!\d{3}))|(?<=:)(?!\d))")
_CONJUNCTION = re.compile(
    r"[\s、和且并同以及但而](?:(?<=\s)\s*(?:and|while|whereas|but|yet|with|without|as well as)\s+"
    r"|(?<=[、和且但])|(?<=并)(?![行发])|(?<=同)时|(?<=以)及|(?<=及)|(?<=而)(?!言))")

_DECREASE = re.compile(
    r"降低|减少|缩短|缩小|缩减|减小|下降|降|减|节省|削减|压缩|剪枝|修剪|移除|更低|更少|"
    r"(?<![A-Za-z])(?:reduc|lower|cut|decreas|fewer|less\b|drop|degrad|sav|prun|remov|shrink|compress"
    r"|eliminat|smaller|shorten)",
    re.IGNORECASE)
_INCREASE = re.compile(
    r"提升|提高|增加|增长|加速|提速|快|更高|高出|超越|"
    r"(?<![A-Za-z])(?:improv|increas|higher|faster|boost|gain|speed|accelerat|outperform|more\s+(?!than))",
    re.IGNORECASE)
# Verbs that report a level rather than a change: "retaining 96.7%", "保持96.7%准确率", "achieves 98%".
_NEUTRAL = re.compile(r"保持|保留|维持|达到|(?<![A-Za-z])(?:retain|maintain|preserv|keep|achiev|reach|match)",
                      re.IGNORECASE)
_PARAMETER_RESULT = re.compile(
    r"(?:仅|只|only|just|activat\w*|updat\w*|激活|更新|减少|reduc\w*|fewer)\s*\S{0,3}\s*$", re.IGNORECASE)
# "with only 16.6M parameters", "adds fewer than 0.5M parameters": a model's own size; "models with about 120M
# parameters" are what a method is run on
_PARAMETERS_AFTER = re.compile(r"\s*(?:trainable\s+|learnable\s+)?parameters\b", re.IGNORECASE)
_OWN_SIZE_BEFORE = re.compile(r"\b(?:has|have|with|of|adds?|merely|only|just)\s+(?:only\s+|merely\s+|just\s+|about\s+|"
                              r"roughly\s+|fewer\s+than\s+|less\s+than\s+)?$", re.IGNORECASE)
_MODELS_WITH_BEFORE = re.compile(r"\bmodels\s+(?:\w+\s+)?(?:with|of|have)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# "12B active parameters", "5.9B activated parameters": what a mixture of experts runs per token.
_ACTIVE_AFTER = re.compile(r"\s*(?:active|activated|tunable|trainable|learnable)\s+param", re.IGNORECASE)  # what is run or trained
_SCORE_BINDING = re.compile(
    r"\s*(?:=|:|：|of|(?:values?|scores?|results?)\s+of|is|was|reaches|达到?|为|降至|提升至|得分|分数|"
    r"(?:scores?\s+)?(?:stays?|remains?|stands?)\s+(?:at|around)|"  # "the GenEval score stays at 0.79", "HPSv2得分31.08"
    r"(?:提升|提高|降低|下降|增加|减少)了?(?:约|近)?|"  # "FID降低约1.2": a change of the score named
    r"(?:仅|只)?比[^，。；、]{1,20}?(?:高|低)了?(?:约|仅)?|与[^，。；、]{1,20}?相差(?:不到|仅|约)?|"  # "困惑度仅比FP16高0.2"
    r"(?:improves?|improved|drops?|dropped|falls?|fell|decreases?|decreased|rises?|rose|goes|lowers?|lowered|"
    r"reduces?|reduced|raises?|raised|brings?|brought)?\s*(?:further\s+|even\s+)?(?:down\s+|up\s+)?to|"
    r"(?:increase|drop|change|decrease|gain|degradation|reduction|loss|rise)\s+(?:of|by))?"  # "an FID increase of 0.11"
    r"\s*(?:only\s+|just\s+)?$", re.IGNORECASE)
_DESIGN_AXIS = re.compile(r"(?:\s*/\s*[\d.]+\s*[×xX倍])*\s*(?:spatial|temporal|空间|时域|空域"
                          r"|(?:video\s+|image\s+)?(?:down-?sampl|up-?sampl|upscal|super-?resolution\b|SR\b)|magnification|zoom|放大)",
                          re.IGNORECASE)
_SHARE_OF_WEIGHTS = re.compile(r"\s*of\s+(?:the\s+|its\s+|their\s+)?(?:model(?:'s)?\s+)?(?:weights|layers|parameters|params|"
                               r"attention\s+heads|heads|channels|neurons|experts)\b", re.IGNORECASE)
_SKIPPED_BEFORE = re.compile(r"\b(?:skip(?:s|ped|ping)?|bypass(?:es|ed|ing)?|exit(?:s|ing)?\s+(?:after|before))\s+"
                             r"(?:(?:about|roughly|nearly|up\s+to|over|only)\s+)?$", re.IGNORECASE)
_PRUNING_RATIO_BEFORE = re.compile(r"(?:pruning|sparsity|compression)\s+(?:ratios?|rates?)\s+(?:of\s+)?(?:up\s+to\s+)?$",
                                   re.IGNORECASE)
_SPARSITY_SETTING = re.compile(r"\s*(?:的|of\s+)?(?:连续)?(?:sparsity|sparse\b|稀疏率|稀疏度|pattern)",
                               re.IGNORECASE)
# "achieves 70% sparsity", "prunes … to 60% sparsity", "达到70%稀疏度": a sparsity reached is a result.
_SPARSITY_REACHED = re.compile(r"(?:achiev\w*|reach\w*|attain\w*|induc\w*|prune\w*\s+(?:\S+\s+){0,4}?to|"
                               r"达到|实现)\s*(?:up\s+to\s+|over\s+|at\s+least\s+|an?\s+)?$", re.IGNORECASE)
_SPARSITY_BEFORE = re.compile(r"(?:sparsity|稀疏)[^,;，；。.]{0,40}$", re.IGNORECASE)
# "at 20% token reduction", "at 64k context", "在20%…下": the figure is the setting of another result.
# ("保持在95%以上", "控制在2%以内": the level a verb holds a figure at is a result, not a setting)
_SETTING_BEFORE = re.compile(r"(?:(?<![A-Za-z])(?:at|under)\s+(?:an?\s+)?|(?<!保持|维持|稳定|控制|降低|减少|下降|提升|提高|增加|限制|缩短|压缩)"
                             r"在\s*)$", re.IGNORECASE)
# "with a cache budget of only 20%", "at a keep rate of 25%": a budget chosen, not a result
# "at large batch sizes", "under long contexts": a setting described by one word before the cue it names
_SETTING_DESCRIBED_BEFORE = re.compile(r"\b(?:at|under)\s+(?:large|small|larger|smaller|high|low|higher|lower|long|longer|"
                                       r"short|shorter|moderate|extreme)\s+$")
_ABSOLUTE_FIGURE_BEFORE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*(?:ms|s|µs|us|GB|MB|KB|TB|W|mW|J|mJ)[\s-]+$")
_LEVEL_IN_TOKENS_AFTER = re.compile(r"\s*tokens\b(?!\s*(?:/|per\b))")
_PER_FIGURE_BEFORE = re.compile(r"(?<![A-Za-z])(?:per|every)\s+$", re.IGNORECASE)
_WHEN_BEFORE = re.compile(r"(?<![A-Za-z])(?:[Ww]hen|[Ii]f)\s+(?:only\s+|roughly\s+|about\s+|approximately\s+|just\s+)?$")
_BUDGET_BEFORE = re.compile(r"\b(?:budget|keep\s+rate|keep\s+ratio|retention\s+ratio)\s+of\s+(?:only\s+|just\s+)?$",
                            re.IGNORECASE)
# "with a 50% KV cache budget", "both 50% and 35% KV cache budgets": the share a method is allowed, a setting
_BUDGET_AFTER = re.compile(r"\s+(?:(?:and|or)\s+\d+(?:\.\d+)?%\s+)?(?!(?:lower|higher|smaller|larger|less|more|reduced)\b)"
                           r"(?:(?!(?:under|at|with|for|in|on|of|across|to)\b)[A-Za-z-]+\s+){0,3}?budgets?\b")
# "at 1.4x the speed of ...", "at 2x higher throughput": a speed compared, a result however "at" opens it
_RATE_COMPARED_AFTER = re.compile(r"\s*(?:the\s+)?(?:(?:inference|decoding|generation|training|sampling)\s+)?(?:speed|throughput|rate|pace)\s+of\b|\s*(?:higher|faster)\s+"
                                  r"(?:[\w-]+\s+)?(?:speed|throughput)\b", re.IGNORECASE)
_COST_SHARE_AFTER = re.compile(r"\s*(?:of\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}(?:cost|compute|computation|FLOPs|time)|"
                               r"(?:[\w-]+\s+)?overhead)\b", re.IGNORECASE)
# "at 20% lower cost", "at up to 4x higher frame rates": a change compared, not a setting chosen
_CHANGE_COMPARED_AFTER = re.compile(r"\s*(?:lower|less|higher|reduced|cheaper|faster)\s+(?:(?!than\b)[\w-]+\s+)?"
                                    r"(?:costs?|prices?|rates?|frame\s*rates?|speed|throughput|latency|energy|power|"
                                    r"compute|computation|memory|FLOPs)(?![\w-])",
                                    re.IGNORECASE)
# A figure right after "instead of", "versus", "against" or "compared to" (perhaps a name's "'s") is what the
# baseline measures ("occupies 0.98 GB instead of 5.1 GB", "compared to Stable Diffusion 2.1's 200,000 GPU hours");
# a share is only after a share of the paper's own in the sentence ("58% ..., compared with 30% when ..."): alone,
# "compared with" may introduce the claim itself.
_PERCENT_BEFORE = re.compile(r"\d\s*%(?:[^.;。；]|(?<=vs)\.)*$")
_BASELINE_VALUE_BEFORE = re.compile(r"(?:\binstead\s+of|\bversus|\bvs\.?|\bagainst|\bcompared\s+(?:to|with))\s+"
                                    r"(?:(?:the|a|an|only|just|their|its)\s+)?(?:[\w.-]+(?:\s[\w.-]+){0,2}(?:'s|’s)\s+)?$",
                                    re.IGNORECASE)
# "FIDs of 1.48 on ImageNet-64 and 1.88": the next item of a list of bound scores, each on its data set
_LISTED_SCORE_BEFORE = re.compile(rf"\d+\.\d+(?:\s+on\s+[^,;.()]{{1,40}}?)?(?:{LIST_GAP.pattern})$")
_NAMED_SCORE_CHANGES_BY = re.compile(r"\b(?:ris(?:es|ing)|rose|increas(?:es|ed|ing)|improv(?:es|ed|ing)|grow(?:s|ing)?|grew|drop(?:s|ped|ping)?|"
                                     r"fall(?:s|ing)?|fell|degrad(?:es|ed|ing)|worsen(?:s|ed|ing)?|chang(?:es|ed|ing))\s+"
                                     r"(?:only\s+)?by\s+(?:only\s+|just\s+|under\s+|less\s+than\s+|at\s+most\s+)?$",
                                     re.IGNORECASE)
_SEGMENT_LENGTH_BEFORE = re.compile(r"\b(?:chunk|window|segment|frame|hop|block|step|slice)\s+(?:size|length|duration)\s+"
                                    r"(?:of|is|=)\s+(?:about\s+|only\s+)?$", re.IGNORECASE)
# "(42.5% vs. 38.9%)", "(94.0% to 94.8%)": two levels compared in brackets, after the change they make
_BRACKETED_PAIR = re.compile(r"\(\s*\d[\d.,]*\s*%?\s*(?:vs\.?|versus|to|→|->)\s*\d[\d.,]*\s*%?\s*\)")
_FIGURE_IN_CLAUSE = re.compile(r"\d(?:\.\d+)?\s*(?:%|[x×]|points?)(?=[^,;.\d]*$)")


def _restated_pair(text: str, q: Quantity) -> bool:
    """The figure is one of a bracketed pair of levels that follows a figure of the change between them."""
    opening = text.rfind("(", max(0, q.start - 12), q.start)
    if opening < 0 or not (pair := _BRACKETED_PAIR.match(text, opening)) or pair.end() < q.end:
        return False
    return _FIGURE_IN_CLAUSE.search(text, max(0, opening - 40), opening) is not None


_LINK_AFTER = re.compile(r"\s*(?:(?:Ethernet|network|wireless|WAN|LAN|WiFi|Wi-Fi|cellular|inter-node|cross-region)\s+)?"
                         r"(?:links?|networks?|connections?|Ethernet|interconnects?|uplinks?|downlinks?)\b", re.IGNORECASE)
_MEDIA_LENGTH_AFTER = re.compile(r"\s+of\s+(?:\d+p\s+|[\w-]+\s+){0,2}?(?:videos?|audio|speech|footage|music)\b", re.IGNORECASE)
_FIRST_DIGIT = re.compile(r"\d")  # where a figure's number starts after its modifier ("below 0.5")
# "the perplexity increase stays below 0.5", "its FID degradation is under 0.2": the bound of a named score's change
_SCORE_CHANGE_BOUND_BEFORE = re.compile(r"\b(?:increase|rise|drop|degradation|loss|gap)\s+(?:[a-z-]+\s+){0,4}?"
                                        r"(?:stays?\s+|remains?\s+|is\s+|of\s+)?(?:below|under|less\s+than|within|at\s+most)\s+$",
                                        re.IGNORECASE)
# "from 52.3 to", also with the baseline the first figure belongs to: "from 11.26 with OmniQuant to",
# "from 16.3 (SLEB) to", "from 32.48 under BiLLM to"
_CHANGE_TO_BEFORE = re.compile(r"(?<!\()\bfrom\s+(?:(?:an?|the)\s+)?(?:[A-Za-z][\w-]*\s+){0,2}(?:of\s+)?\d+(?:,\d{3})*(?:\.\d+)?\s+"
                               r"(?:\([^()]{1,24}\)\s+|(?:with|under|for|by)\s+(?:the\s+)?[\w.\-]+\s+)?to\s+$")
_NAMED_START_BEFORE = re.compile(r"\bfrom\s+(?:(?:an?|the)\s+)?(?:[A-Za-z][\w-]*\s+){1,2}(?:of\s+)?$", re.IGNORECASE)
# "keeps perplexity within 0.5 of the FP16 model", "within 0.1 COMET points of": a margin to the baseline
_WITHIN_BEFORE = re.compile(r"\bwithin\s+$")
_MARGIN_OF_AFTER = re.compile(r"\s*(?:[A-Z][\w-]*\s+)?(?:points?\s+)?of\b")
_RELATIVE_AFTER = re.compile(r"\s*(?:[A-Za-z]+\s*)?[,(（]\s*(?:an?\s+|about\s+|i\.e\.,?\s+)*\d+(?:\.\d+)?\s*(?:%|x|×|倍)")
_SETTING_NOUN_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:steps?|layers?|bits?|GPUs?|nodes?|samples?|experts?)\b")
_FIGURE_THEN_PAREN = re.compile(r"\d\s*\(\s*$")
_RESTATED_CHANGE_BEFORE = re.compile(r"\d\s*(?:%|x|×|points?)?\s*(?:[A-Za-z-]+\s*)?\(\s*from\s+[\d.]+\s*%?\s*to\s+$")
# The figures of named baselines listed after a comparison: "against 516 KB for A and 327 KB for B", "surpassing
# A (66.98%) and B (71.56%)"
_ITEM_GAP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
_FOR_ITEM = r"\d[\d.,]*\s*[^\s,;]*\s+for\s+[^,;()]{1,40}?"
_BASELINE_FOR_AFTER = re.compile(r"\s*[^\s,;]{0,6}\s+for\s+(?:the\s+)?[\w\-]")
_BASELINE_LIST_BEFORE = re.compile(rf"(?:\bagainst|\bversus|\bvs\.?|\bcompared\s+(?:to|with)|\binstead\s+of)\s+(?:the\s+)?"
                                   rf"(?:{_FOR_ITEM}{_ITEM_GAP})*$", re.IGNORECASE)
# A named baseline's own score, alone or as the next item of a list: "surpassing GhostNet (74.5%)", "surpassing
# LoRA's 67.7%", "surpassing A (66.98%) and B (71.56%)"
# (several figures may stand in its parenthesis: "faster than MobileNetV2x1.4 (1.02 ms, 74.7% top-1)")
_SCORED_ITEM = r"[A-Z][\w.+×-]*\s*\(\s*\d[^()]{0,40}\)"
_NAMED_BASELINE_SCORE_BEFORE = re.compile(rf"\b(?:surpass\w*|outperform\w*|exceed\w*|beat\w*|than|over|versus|vs\.?|as)\s+"
                                          rf"(?:the\s+)?(?:{_SCORED_ITEM}{_ITEM_GAP})*[A-Z][\w.+×-]*"
                                          rf"(?:'s\s+|\s*\(\s*(?:\d[^(),;/]{{0,20}}[,/]\s*){{0,2}})$")
# "an FVD of 181": a score's name holds the whole number that follows it
_OF_END = re.compile(r"\bof\s+(?:only\s+|just\s+)?$")
# "from 71s to 29s", "from 3.8% for X to 1.8%": the first figure is the baseline's, the claim is the second.
_REACHED_BEFORE_FROM = re.compile(r"\bto\s+[\d.]+\s*(?:%|x|×)?\s*,?\s*from\s+$")
# ("from 15.9% with a single sample to 56%", "from 4.52% for the previous Open-Sora version to 0.69%": what the first
# figure was measured with may stand before "to")
_TO_AFTER = re.compile(r"(?:/[a-z]+)?\s*(?:for\s+(?:the\s+)?[A-Z][\w.+-]*\s+|(?:for|with|under)\s+(?:an?\s+|the\s+)?"
                       r"(?:[\w.+-]+\s+){1,4}?)?(?:to|降至|降到|减至|到|至)\s*"  # "ms/token to"
                       r"(?:(?:under|over|about|around|nearly|roughly|only|just|below|less\s+than|more\s+than)\s+)?\d")
# A score name after a bare number, perhaps after a change word and a data set: "0.3 WikiText2 perplexity
# increase", "0.01 drop in FID", "38.5 AP".
_SCORE_AFTER = re.compile(r"\s*(?:(?:points?\s+)?(?:drop|decline|increase|reduction|degradation|loss|gain)\s+)?"
                          r"(?:(?:in|of|on)\s+(?:the\s+)?)?(?:lower\s+|higher\s+)?(?:[A-Z][\w-]*\s+){0,2}?(?:box\s+|mask\s+)?"
                          r"(?P<name>f1|dice|auroc|auc|[gsr]?fid|fvd|fad|psnr|ssim|miou|map|ap[rcfbm]?|ap50|ap75|pq|nds|wer|cer|clip score|lpips|bleu|rouge|perplexity|ppl|mos|"
                          r"anls|cider|meteor|ndcg|mrr|chrf|comet|geneval|bpc|bits[ -]per[ -](?:dimension|character|byte)|bits/dim|j&f|bertscore|"
                          r"(?:top-[15]\s+)?accuracy(?=\s+(?:drop|loss|degradation|gain|improvement|better|higher|lower|worse)))"
                          r"s?(?![A-Za-z0-9])", re.IGNORECASE)  # (Chinese may follow: "0.8 box AP的效果")
# "73.0 on MMBench", "1548.6 on MME perception": a decimal score on a benchmark named by its shape (a -Bench, -QA,
# -Eval or -Vet suffix, or the "MM" of multimodal benchmarks) or by its split ("80.3 on the DAVIS 2017 validation set")
_BENCHMARK_NAME = r"(?:[A-Z][\w-]*(?:[Bb]ench|QA|Eval|Vet)|MM[A-Z][\w-]*)(?![\w-])"
_BENCHMARK_AFTER = re.compile(rf"\s+on\s+(?:the\s+)?(?:(?:[A-Z][\w-]*\s+)?{_BENCHMARK_NAME}|"
                              r"[A-Z][\w-]*(?:\s+\d{4})?\s+(?:validation|val|test|dev)\s+(?:set|split)\b)")
# "lifts MMMU to 45.0", "raises the score on MMBench to 73.1": a benchmark's level reached
_BENCHMARK_RAISED_TO_BEFORE = re.compile(rf"\b(?:rais|lift|boost|improv|increas|push)\w*\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?"
                                         rf"{_BENCHMARK_NAME}(?:\s+[A-Z][\w-]*)?\s+to\s+$")
_BENCHMARK_NAMED = re.compile(_BENCHMARK_NAME)
_CLAUSE_WORD = re.compile(r"\b(?:while|whereas|and|but|with|at|as)\b")  # "438.1 while mIoU stays": another clause's score
# "enhancing the mIoUs on COCO and LVIS by 2.3 and 3.2": a change of a named score, given "by" a bare number
_SCORE_CHANGE_BEFORE = re.compile(r"(?:improv|enhanc|increas|decreas|boost|rais|declin|drop|reduc|lower|chang)\w*\s+(?:the\s+)?"
                                  r"[\w'’-]+(?:\s+[\w×/.+'’-]+){0,8}?\s+by\s+(?:only\s+|just\s+)?(?:\+?[\d.]+\s*(?:,\s*(?:and\s+)?|and\s+))*\+?$",
                                  re.IGNORECASE)
# A device's memory written after it ("Jetson Orin 64GB", "A100 80GB"): a spec, not a result.
_DEVICE_BEFORE = re.compile(r"(?:[A-Z][A-Za-z]*\d+[A-Za-z]*|(?:RTX|GTX|Quadro)\s+\d{3,5}\w*|Orin|Xavier|GPU|Max|Ultra|Pro)"
                            r"[\s(-]*$")
# "8GB of shared memory", "1 TB of host DRAM", "a 12GB NVIDIA Titan Xp", "a 32 GB V100-GPU", "128 GB of LPDDR5
# memory": the device's, a setup
_HARDWARE_SPEC = re.compile(r"\s*(?:(?:NVIDIA|AMD|Intel|Apple|Qualcomm)\b|(?:of\s+)?(?:(?:unified|device|GPU|on-chip|consumer|"
                            r"consumer-grade|laptop|desktop|shared|host|system|RTX|[A-Z]?\d{2,4}\w*|[A-Z]\d{2,4}\w*)[\s-]+){0,2}"
                            r"(?:VRAM|RAM|SRAM|HBM\w*|DRAM|(?:LP|G)?DDR\d\w*|SSD|flash|disk|storage|显存|内存|memory(?!\s+footprint)|GPUs?))",
                            re.IGNORECASE)
# A number of devices ("4x NVIDIA A6000", "8x A100 GPUs") is a setup, not a speed-up.
_DEVICES_AFTER = re.compile(r"\s*(?:NVIDIA|AMD|Intel|Google|Huawei|Ascend|RTX|GTX|Tesla|[AHLVTP]\d{2,3}\b|"
                            r"GPUs?\b|TPUs?\b|NPUs?\b)")
# Hours of audio or data ("22,000 hours of audio", "a 20,000 hour task", "960 hours of LibriSpeech") are a
# data set's size.
_DATA_DURATION_AFTER = re.compile(r"\s*(?:of\s+(?:[a-z][\w-]*\s+|[A-Z][a-z]+\s+){0,2}|(?:transcribed|labell?ed|unlabell?ed|"
                                  r"speech|training)\s+)?(?:audio|speech|data|recordings?|task|dataset|corpus)\b"
                                  r"|\s*of\s+(?-i:(?!GPU|CPU|TPU|NPU)[A-Z][\w-]+)", re.IGNORECASE)
# A resource used, or a device a model fits on ("fits a single 24GB GPU"): the size is the result.
_RESOURCE_USE = re.compile(r"(?:only|just|仅|只|需|requires?|needs?|uses?|using|occup\w*|占用|consum\w*|to|within|under|fits?(?:\s+in(?:to)?)?"
                           r"(?:\s+(?:a|one|an))?(?:\s+single)?)\s*\S{0,4}\s*$", re.IGNORECASE)
# A data set's size ("0.22M LAION pairs", "1.5B tokens of text") is no parameter count.
_DATA_AFTER = re.compile(r"\s*(?:[A-Z][\w-]*\s+)?(?:pairs|images|samples|examples|tokens|sentences|videos|"
                         r"instructions|data|documents|frames|clips|prompts)\b", re.IGNORECASE)
# A requirement the system is held to ("a TPOT SLO of 100 ms/token") is no result.
_REQUIREMENT_BEFORE = re.compile(r"(?:SLOs?|deadline|budget|requirements?|constraint)\s+(?:of\s+)?$", re.IGNORECASE)
# Resolutions written in pixels ("1024px text-to-image generation") are settings.
_RESOLUTION_AFTER = re.compile(r"\s*(?:text-to-image|images?|resolution|generation|videos?|inputs?|outputs?)\b",
                               re.IGNORECASE)
_DECADE = re.compile(r"(?:1[89]|20)\d0s")
_PARTS_OF_A_LIST_BEFORE = re.compile(r"\b(?:contributions?|benefits?|advantages?|goals?|aims?|reasons?|challenges?)"
                                     r"\s+(?:\w+\s+)?(?:are|is)\s+$", re.IGNORECASE)
_DATA_NAMED_BEFORE = re.compile(r"(?:corpus|dataset|data set|data)\s*[(（]\s*$", re.IGNORECASE)  # "LibriSpeech corpus (960 h)"
_CLIP_LENGTH = re.compile(r"\s*(?:-?long|videos?|clips?|audio|视频|音频|时长)", re.IGNORECASE)

# Preparing a model before a time figure ("is trained in 12 GPU hours", "quantizes OPT-175B in four GPU
# hours", "the search costs 20 GPU hours", "aligning a 7B model takes 3 GPU hours"): the time is no latency;
# with a latency word in between it is one ("the pruned model's latency").
_PREPARATION = re.compile(r"(?<![A-Za-z-])(?:pre-?train(?!ed\b)|train|calibrat|fine-?tun|(?:auto-?)?tun(?=e|ing)|search|align|quantiz|prun|distill|offline)\w*"
                          r"|训练|校准|微调|量化|剪枝|蒸馏", re.IGNORECASE)
_INFERENCE_TIME = re.compile(r"latency|inference|per (?:image|token|frame|request|sample)|generat|推理|延迟|生成",
                             re.IGNORECASE)
# "700x smaller", "25x larger models", "大300倍的…模型": a ratio of model sizes, not of speeds; a larger batch,
# context or cache is another quantity.
_SIZE_RATIO_AFTER = re.compile(r"\s*(?:smaller|larger|bigger)\b(?!\s+(?:batch|context|images?|inputs?|datasets?|"
                               r"data|vocabular\w*|(?:kv\s+)?caches?|memory|footprint|(?:chip\s+|die\s+|silicon\s+)?area))", re.IGNORECASE)
_LOAD_NOUN_BEFORE = re.compile(r"\b(?:batch(?:es|\s+sizes?)?|bursts?)\s+(?:up\s+to\s+|about\s+|nearly\s+|roughly\s+)?$",
                               re.IGNORECASE)
_LONGER_AFTER = re.compile(r"\s*(?:times\s+)?longer\b(?!\s+(?:to\s+(?:train|run|compute|process)|latency|time))", re.IGNORECASE)
_SIZE_RATIO_BEFORE = re.compile(r"大\s*$")
# "per token", "per generated token", not "developer"
_PER_BEFORE = re.compile(r"(?<![A-Za-z])(?i:per)\s(?:[a-z]+(?:ed|ing)\s)?$|每$")
# Words that count a model's weights: beside them a smaller model has fewer weights, whatever its number format.
_COUNTED_PARAMETERS = re.compile(r"(?i:spars|prun|param|experts|layers|heads|channels|rank)")
# A number format named beside a size ("int8", "FP16", "4-bit", "quantized"): the size is the storage's.
_PRECISION = re.compile(r"(?i:\b(?:int|fp|bf|float)\d{1,2}\b|\d-bit\b|quantiz\w*)")
_MORE_ACCURATE_AFTER = re.compile(r"\s*(?:more|higher)\s+accura(?:te|cy)\b", re.IGNORECASE)
_SHARE_OF_NAMED_SCORE = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?[\w-]+['’]s\s+"
                                   # (not a name that only describes the noun after it: "the teacher's FID score")
                                   r"(?P<name>[A-Z][\w@+-]*(?:\.\d+)*)(?![\w@.+-]*\s+(?!and\b|or\b|while\b|but\b)[a-z])")
_SPEEDUP_NOUN_AFTER = re.compile(r"\s*(?:(?:end-to-end|e2e|wall-clock|overall|average|inference|decoding|prefill|"
                                 r"real|practical|measured|total|training|kernel)\s+){1,3}speed-?ups?\b", re.IGNORECASE)
_ABSOLUTE_GAIN_BEFORE = re.compile(r"\babsolute\s+(?:gain|improvement|increase|drop|decrease|boost)s?\s+(?:of\s+)?"
                                   r"(?:up\s+to\s+|about\s+|over\s+)?$", re.IGNORECASE)
_SOLVED_BEFORE = re.compile(r"\bsolv(?:es|ed|ing|e)\s+(?:(?:only|about|over|nearly|roughly|an\s+average\s+of)\s+)*$",
                            re.IGNORECASE)
_TOP_BEFORE = re.compile(r"\btop\s+$", re.IGNORECASE)
_AHEAD_AFTER = re.compile(r"\s+ahead\s+of\b", re.IGNORECASE)
_MORE_TOKENS_AFTER = re.compile(r"\s*(?:times\s+)?more\s+(?:[\w-]+\s+)?tokens\b(?!\s*(?:per\b|/))", re.IGNORECASE)
_EVERY_YEARS_AFTER = re.compile(r"\s+(?:every|each)\s+(?:(?:two|three|four|five|\d+)\s+)?years?\b|\s+(?:per\s+year|a\s+year|"
                                r"annually|year-over-year)\b", re.IGNORECASE)
_FEWER_MACHINES_AFTER = re.compile(r"\s*(?:times\s+)?(?:fewer|less)\s+(?:[\w-]+\s+)?(?:GPUs|machines|nodes|servers|instances)\b",
                                   re.IGNORECASE)
_FEWER_DATA_AFTER = re.compile(r"\s*(?:times\s+)?(?:fewer|less|smaller)\s+((?:pre-?)?training\s+)?"  # "a 10x smaller training set"
                               r"(?:(?:image|text|video|audio|speech|labell?ed|unlabell?ed|paired|real|synthetic)\s+)?"
                               r"(tokens|data|datasets?|sets?|examples|samples|epochs|(?<=training\s)(?:iterations|steps))\b",
                               re.IGNORECASE)
_SHARE_OF_TOKENS = re.compile(r"\s*of\s+(?:the\s+|its\s+|their\s+)?(?:(?!training\b)\w+\s+){0,2}(?:tokens|visual tokens|"
                              r"tokens?\s+budget|(?:context|prompt)\b(?!\s+(?:window|length)))\b|\s*的\s*(?:token|令牌)",
                              re.IGNORECASE)
# "trained on 6 times fewer tokens", "40x fewer training tokens": tokens of training data, not of output
_TRAINING = re.compile(r"(?<![A-Za-z-])(?:pre-?)?train(?:s|ed|ing)?\b|训练", re.IGNORECASE)
_HALVING = re.compile(r"halv|half|一半|减半", re.IGNORECASE)
_ABSOLUTE_KINDS = {"time": "latency", "gpu-time": "compute", "rate": "throughput", "flops": "compute",
                   "energy": "energy", "score": "quality", "count": "parameters",
                   "area": "other", "bitrate": "other", "cost": "other", "tokens-per": "other"}
_DROPPED_KINDS = {"bits", "steps"}
_SCORE_METRICS = {"accuracy", "quality", "slo-attainment", "other"}  # what points of a score can measure
_RELATIVE_KINDS = {"ratio", "percent", "points", None}
_DEFAULT = {"ratio": "speedup", "percent": "other", "points": "accuracy", None: "quality"}


def _spans(text: str, pattern: re.Pattern[str], start: int, end: int) -> list[Span]:
    spans, cursor = [], start
    for match in pattern.finditer(text, start, end):
        spans.append(Span(cursor, match.start()))
        cursor = match.end()
    spans.append(Span(cursor, end))
    return spans


def _containing(spans: list[Span], pos: int) -> Span:
    for span in spans:
        if span.start <= pos < span.end:
            return span
    return spans[-1]


@ontology_cache
def _score_name_before() -> re.Pattern[str]:
    """A quality or accuracy name right before a bare number: "Dice = 0.855", "an F1-score of 0.98"."""
    concepts = metric_concepts()
    unitless = tuple(cue for concept in concepts.values() for cue in concept.unitless_cues)  # "real-time factor"
    names = sorted(concepts["quality"].cues + concepts["accuracy"].cues + unitless, key=len, reverse=True)
    # "a Fréchet Inception Distance (FID) of 2.73": the name's abbreviation may follow it in brackets
    # "the F-score on GSO to 0.651": the data set it is measured on may stand between the name and the binding
    # (Chinese may stand right before the name: "在MSR-VTT上CLIPSIM达0.2773"), and so may the model it is the score of:
    # "lowers the WikiText perplexity of LLaMA-7B to 6.86"
    # ("FID-30K of 22.5": the number of samples it was computed on may follow the name)
    return re.compile(rf"(?<![A-Za-z0-9_-])(?:{'|'.join(map(re.escape, names))})(?:-score|-\d+[Kk])?s?"
                      rf"(?:\s*\([A-Za-z][\w@&-]{{0,9}}\))?"
                      rf"(?:\s+(?:on|of|for)\s+[A-Z][\w.-]*(?:\s+\d+[×x]\d+)?)?{_SCORE_BINDING.pattern}",
                      re.IGNORECASE)


@ontology_cache
def _score_name_anywhere() -> re.Pattern[str]:
    """Any quality or accuracy name ("mIoU", "FID"), wherever it stands before a bare score change."""
    concepts = metric_concepts()
    names = sorted((c for c in concepts["quality"].cues + concepts["accuracy"].cues if len(c) >= 3), key=len,
                   reverse=True)
    # a short name counts only as an abbreviation is written: "box AP", not the "ap" of "gap"
    short = sorted(re.escape(c.upper()) for c in concepts["quality"].cues + concepts["accuracy"].cues if len(c) < 3)
    written = rf"|(?-i:\b(?:{'|'.join(short)})\b)" if short else ""
    return re.compile(rf"(?<![a-z])(?:{'|'.join(map(re.escape, names))}){written}", re.IGNORECASE)


_ARROW_AFTER = re.compile(r"\s*(?:→|->|⟶|⇒)\s*[~≈]?\d")
_SETTING_RATIO_AFTER = re.compile(r"\s+(?:masking|mask|dropout|drop|pruning|keep|retention|sampling)\s+(?:ratio|rate)s?\b",
                                  re.IGNORECASE)
_PRUNED_MODEL_AFTER = re.compile(r"[\s-]+(?:pruned|sparse|sparsified|compressed)\s+(?:[\w-]+\s+)?"
                                 r"(?:models?|networks?|LLMs?|versions?|variants?)\b", re.IGNORECASE)
_WIDTH_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+[A-Z][\w-]*\s$")  # "GhostNet 1.0x", "MobileNetV2 0.75x"
_CHANGE_WORD_AFTER = re.compile(r"\s*(?:faster|slower|speed|higher|lower|more|less|fewer|smaller|larger|bigger|better|"
                                r"reduction|improvement|compression|acceleration|throughput|memory|over|than)\b", re.IGNORECASE)


_LISTED_ON_NAME = re.compile(r"\s+on\s+(?:the\s+)?[A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*)?(?![\w.+-])"
                             r"(?!\s+(?!and\b|or\b)[a-z])")
_SCORE_ON_NAME = re.compile(r"(?<![\w.])\d+\.\d+\s+on\s+(?:the\s+)?[A-Z]")


def _scores_listed_on(text: str, q: Quantity) -> bool:
    """"e.g. 77.5 on AIME, 96.2 on MATH 500 and 74.9 on MathVista": decimals listed each on a named benchmark (not a
    device: "1.5 on A100"; not a name that only describes a noun: "6.8 on the Bilby scale")."""
    if not (_ON_BENCHMARK_AFTER.match(text, q.end) and _LISTED_ON_NAME.match(text, q.end)):
        return False
    return any(m.start() != q.start for m in _SCORE_ON_NAME.finditer(text, max(0, q.start - 60), q.end + 60))


def _score_on_benchmark(text: str, q: Quantity) -> bool:
    """"32 APr on LVIS": a whole number with a score's name and the benchmark it was reached on."""
    score = _SCORE_AFTER.match(text, q.end)
    return score is not None and _ON_BENCHMARK_AFTER.match(text, score.end()) is not None


def _is_result(text: str, q: Quantity) -> bool:
    """False for settings, names and counts that are not results (see the module policy)."""
    before, after = text[max(0, q.start - 48):q.start], text[q.end:q.end + 30]
    if q.kind in _DROPPED_KINDS:
        # a bit width is a setting, but the bits a method ends up spending per weight are its result ("the models
        # use 2.85 bits per weight on average", "saving about 0.37 bits per parameter")
        return q.kind == "bits" and bool(_BITS_PER_WEIGHT_AFTER.match(text, q.end)) \
            and bool(_BITS_SPENT_BEFORE.search(text, max(0, q.start - 40), q.start))
    if q.kind == "percent" and _MADE_OF_BEFORE.search(text, max(0, q.start - 90), q.start):
        return False  # "a hybrid made of 43% Mamba-2, 7% self-attention and 50% MLP layers": what it is made of
    if _WHEN_CUT_BEFORE.search(text, max(0, q.start - 80), q.start):
        return False  # "when the KV cache is reduced by 2x", "when a 9B model is pruned to 3B": the setting tried
    if q.kind == "time" and _TIME_TARGET_AFTER.match(text, q.end):
        return False  # "under a stringent 15 ms TPOT constraint", "a 50 ms latency target": a bound set, not met
    if q.kind == "time" and _SEGMENT_LENGTH_BEFORE.search(before):
        return False  # "at a chunk size of 1 second", "a 2 s window": how the input is cut, a setting
    if _restated_pair(text, q):
        return False  # "a 2.1% accuracy gain (38.7% to 40.8%)": the two levels the gain before them is made of
    if q.kind == "bitrate" and _LINK_AFTER.match(text, q.end):
        return False  # "over 100 Mbps links", "a 10 Gb/s network": the link a system runs on, a setting
    if q.kind == "time" and _MEDIA_LENGTH_AFTER.match(text, q.end):
        return False  # "generating only 8 seconds of 720p video": how long the output runs, not how long it takes
    if q.kind in {None, "percent", "points"} and ("(" in before or "s " in before[-4:]) \
            and _NAMED_BASELINE_SCORE_BEFORE.search(text, max(0, q.start - 120), q.start):
        # "surpassing GhostNet (74.5%)", "... A (66.98%) and B (71.56%)", "surpassing LoRA's 67.7%", "outperforming
        # FLUX-schnell (7.94 FID / 0.71 GenEval)": a named baseline's own scores
        return False
    if q.kind is None:
        named = _score_name_before().search(before)
        if named and _NAMED_START_BEFORE.search(before) and _TO_AFTER.match(after):
            return False  # "from an FID of 2.07 to 1.55": the level the change starts from
        # ("scores 811 on OCRBench": a whole number a score verb gives on a benchmark)
        scored_on = _SCORE_VERB_BEFORE.search(before) and _BENCHMARK_AFTER.match(text, q.end)
        bound = named or _SCORE_AFTER.match(after) or scored_on or "." in q.text and (
            _BENCHMARK_AFTER.match(text, q.end) or _BENCHMARK_RAISED_TO_BEFORE.search(before)
            or _scores_listed_on(text, q))
        if not bound and "." in q.text and " by " in before[-30:] and (
                change := _SCORE_CHANGE_BEFORE.search(text, max(0, q.start - 80), q.start)):
            # "lowers the FID of LDM-4 on ImageNet 256×256 by 6.25": the score named after the verb, or the
            # benchmark ("raising LongVideoBench by +4.30")
            bound = _score_name_anywhere().search(text, change.start(), q.start) \
                or _BENCHMARK_NAMED.search(text, change.start(), q.start)
        if not bound and "." in q.text and (changed := _SCORE_CHANGE_BOUND_BEFORE.search(
                text, max(0, q.start - 64), q.start + _FIRST_DIGIT.search(q.text).start())):
            # "the perplexity increase before fine-tuning stays below 0.5": the bound of the score's change
            bound = _score_name_anywhere().search(text, max(0, changed.start() - 30), changed.start() + 1)
        if not bound and "." in q.text and (changed := _NAMED_SCORE_CHANGES_BY.search(before)):
            # "perplexity rises by only 0.3", "the FID drops by 0.12": a change of the score named before the verb,
            # or of the benchmark ("MMLU-Pro improves by 0.93")
            bound = _score_name_anywhere().search(before, max(0, changed.start() - 40), changed.start() + 1) \
                or _BENCHMARK_NAMED.search(before, max(0, changed.start() - 40), changed.start() + 1)
        if not bound and (listed := _LISTED_SCORE_BEFORE.search(before)):
            # "FID scores of 20.5 and 40.3": the next item of a list of bound scores
            start = q.start - len(before) + listed.start()
            bound = _score_name_before().search(text, max(0, start - 48), start)
        if not bound and (change := _CHANGE_TO_BEFORE.search(before)):
            return _level_reached(text, q, q.start - len(before) + change.start(), after)
        if not bound and "." in q.text and _bound_list(text, q):
            return True
        if not bound and _WITHIN_BEFORE.search(before) and (margin := _MARGIN_OF_AFTER.match(after)):
            return "." in q.text or "point" in margin.group()  # a score's margin, not "within 2 of the end"
        # a whole number is a score when the name holds it ("an FVD of 181"), not when it only stands near one
        return bool(bound) and ("." in q.text or "=" in before[-3:] or bool(named and _OF_END.search(before))
                                or bool(scored_on) or bool(_WITHIN_BEFORE.search(before) and _MARGIN_OF_AFTER.match(after))
                                or _score_on_benchmark(text, q))
        # ("within 1 F1 point of the uncompressed model": a whole number is a margin when "within" bounds it)
    if _TO_AFTER.match(text, q.end) and FROM_BEFORE.search(before):  # the anchored test first: it rarely holds
        return False
    if _ARROW_AFTER.match(text, q.end):
        return False  # "73% → 93.4% on GSM8K": the level a change starts from
    if q.kind == "percent" and (_SETTING_RATIO_AFTER.match(after) or _PRUNED_MODEL_AFTER.match(after)):
        return False  # "a 50% masking ratio", "the 20% pruned model runs 1.3x faster": a setting, not a result
    if q.kind == "ratio" and q.value <= 2 and q.text[:1].isdigit() and _WIDTH_NAME_BEFORE.search(before) and not _CHANGE_WORD_AFTER.match(after):
        return False  # "surpasses GhostNet 0.5x by 2.5%": a width multiplier in a network's name
    if FROM_BEFORE.search(before) and _REACHED_BEFORE_FROM.search(before):
        return False  # "the gap shrinks to 0.7%, from 2.1% for the previous recipe": the level it started from
    if q.kind in {"ratio", "percent", "count", "tokens-per"} and (_SETTING_BEFORE.search(before) or (
            " of " in before[-20:] and _BUDGET_BEFORE.search(before)) or (
            q.kind == "percent" and "udget" in after and _BUDGET_AFTER.match(after))) and not (
            (q.kind == "ratio" and _RATE_COMPARED_AFTER.match(after)) or _CHANGE_COMPARED_AFTER.match(after)
            or q.kind == "percent" and q.modifier == "less than" and _COST_SHARE_AFTER.match(after)):
        return False  # "at 50% sparsity" is a setting; "at 1.4x the speed of ..." is a result, and so is "at less
        # than 7% of the pre-training cost" (a cost bounded, not a setting chosen)
    if _PER_FIGURE_BEFORE.search(before):
        return False  # "0.2 W per 30 FPS of video": what a rate is counted per
    if q.kind in {"ratio", "percent"} and _WHEN_BEFORE.search(before):
        return False  # "when roughly 1.2% of the image area is edited": the case a result is measured in
    if (q.kind not in {None, "percent", "ratio", "points"} or q.kind == "percent"
            and _PERCENT_BEFORE.search(text, max(0, q.start - 120), q.start)) and _BASELINE_VALUE_BEFORE.search(before):
        return False  # "0.98 GB instead of 5.1 GB": the baseline's figure; a share or score compared stays
    if _RESTATED_CHANGE_BEFORE.search(before):
        return False  # "3.5% mIoU (from 45.1% to 48.6%)": the levels of a change already claimed
    if q.kind == "cost" and _FIGURE_THEN_PAREN.search(before):
        return False  # "saving $300,000 ($26,000 vs. $320,000)": the two sums the saving is the difference of
    if q.kind not in {None, "percent", "ratio", "points"} and _BASELINE_FOR_AFTER.match(after) \
            and _BASELINE_LIST_BEFORE.search(text, max(0, q.start - 160), q.start):
        return False  # "against 516 KB for A and 327 KB for B"; a share or score compared stays, as above
    if q.kind == "count":
        # a size in millions of parameters is a small model's own size, a result ("with 16.6M parameters");
        # billions are the scale of the models a method is run on, unless what it keeps or activates (each item of a
        # list of sizes activated: "with 1.0B, 2.8B and 4.5B activated parameters").
        listed = _COUNT_LIST_TAIL.match(text, q.end)
        return q.unit in {"B", "M"} and bool(_PARAMETER_RESULT.search(before) or _ACTIVE_AFTER.match(after)
                                             or _ACTIVE_AFTER.match(text, listed.end()) or (
            q.unit == "M" and _PARAMETERS_AFTER.match(after) and _OWN_SIZE_BEFORE.search(before)
            and not _MODELS_WITH_BEFORE.search(before))) and not _DATA_AFTER.match(after)
    if q.kind in {"time", "rate"} and _REQUIREMENT_BEFORE.search(before):
        return False
    if q.unit == "px" and _RESOLUTION_AFTER.match(after):
        return False
    if q.kind == "ratio" and _DESIGN_AXIS.match(after):
        return False
    if q.kind == "ratio" and q.value_max is None and q.value.is_integer() and _DEVICES_AFTER.match(after):
        return False
    if q.kind == "time" and q.unit == "s" and _DECADE.fullmatch(q.text):
        return False  # "in the 1990s"
    if q.kind == "ratio" and "fold" in q.text and _PARTS_OF_A_LIST_BEFORE.search(before):
        return False  # "our contributions are three-fold"
    if q.kind == "time" and (_DATA_DURATION_AFTER.match(after) or _DATA_NAMED_BEFORE.search(before)):
        return False
    if q.kind == "percent" and (_SPARSITY_SETTING.match(after) or _SPARSITY_BEFORE.search(before)):
        return q.value_max is None and bool(_SPARSITY_REACHED.search(before))
    if q.kind == "memory" and _HARDWARE_SPEC.match(after) and not _RESOURCE_USE.search(before):
        return False
    if q.kind == "memory" and q.value_max is None and _DEVICE_BEFORE.search(before):
        return False
    return not (q.kind == "time" and _CLIP_LENGTH.match(after))


# A list of bare scores bound as a whole: "reach 48.1, 49.0 and 50.0 mAP", "are 3.3, 3.6 and 2.9 higher than the
# baseline", "improvements of 0.34, 11.52 and 5.05 on ...".
# ... or split by slashes, one figure per variant: "DAMO-YOLO-T/S/M/L achieve 42.0/46.0/49.2/50.8 mAPs"
_LIST_HEAD = re.compile(rf"(?:\d+(?:\.\d+)?%?(?:{LIST_GAP.pattern}|\s*/\s*))*$")
_LIST_TAIL = re.compile(rf"(?:(?:{LIST_GAP.pattern}|\s*/\s*)\d+(?:\.\d+)?%?)*")
_HIGHER_AFTER = re.compile(r"\s+(?:points?\s+)?(?:higher|lower|better|worse)\s+than\b")
_GAIN_OF_BEFORE = re.compile(r"\b(?:improvements?|gains?)\s+of\s+(?:up\s+to\s+)?$", re.IGNORECASE)


def _bound_list(text: str, q: Quantity) -> bool:
    """A bare figure, alone or in a list, whose list a score name or a comparison follows, or a gain opens."""
    head = _LIST_HEAD.search(text, max(0, q.start - 80), q.start)
    start = head.start() if head else q.start
    end = _LIST_TAIL.match(text, q.end).end()
    return bool((_SCORE_AFTER.match(text, end) or _BENCHMARK_AFTER.match(text, end)) and end > q.end
                or _HIGHER_AFTER.match(text, end)
                or _GAIN_OF_BEFORE.search(text, max(0, start - 30), start))


_CHANGE_VERB_BETWEEN = re.compile(r"\s(?:falls?|fell|drops?|dropped|decreases?|decreased|shrinks?|shrank|declines?|declined|"
                                  r"goes\s+down|rises?|rose|grows?|grew|increases?|increased)\s+(?:\w+\s+)?")


def _level_reached(text: str, q: Quantity, change_start: int, after: str) -> bool:
    """A bare figure after "from X to" is the level reached ("perplexity from 52.3 to 34.9", "the real-time
    factor drops from 0.082 to 0.021", "from 741 to 225 tokens") when a metric word names it, just before the
    change or right after the figure; not when the change spans settings ("from 1 to 8 steps"), restates the
    claim before it ("(from 313 to 181)", which the pattern leaves out) or a share follows ("from 576 to 144,
    a 75% reduction": the share is the claim)."""
    if _SETTING_NOUN_AFTER.match(after) or _RELATIVE_AFTER.match(after):
        return False
    named_before = metric_cues().find(text, max(0, change_start - 40), q.start)  # "from an FID of 2.07 to"
    if any(not weak and (metric != "other" or _CHANGE_VERB_BETWEEN.fullmatch(text, end, change_start))
           for _, end, metric, weak in named_before):
        return True  # ... a count the clause names only when a verb says it changed ("steps fall from 576 to 147")
    return any(not weak for _, _, _, weak in metric_cues().find(text, q.end, q.end + 12))


def _nearest(matches: list[tuple[int, int]], pos_start: int, pos_end: int) -> tuple[int, int] | None:
    best, best_distance = None, None
    for start, end in matches:
        distance = pos_start - end if end <= pos_start else start - pos_end if start >= pos_end else 0
        if best_distance is None or distance < best_distance:
            best, best_distance = (start, end), distance
    return best


def _nearest_verb(text: str, window: Span, q: Quantity) -> Direction | None:
    verbs = [(m.start(), m.end(), "decrease") for m in _DECREASE.finditer(text, window.start, window.end)]
    verbs += [(m.start(), m.end(), "increase") for m in _INCREASE.finditer(text, window.start, window.end)]
    verbs = [v for v in verbs if not (q.start <= v[0] < q.end)]
    nearest = _nearest([(s, e) for s, e, _ in verbs], q.start, q.end)
    if nearest is None:
        return None
    return next(d for s, e, d in verbs if (s, e) == nearest)  # type: ignore[return-value]


def _direction(text: str, sub: Span, clause: Span, q: Quantity,
               previous: list[tuple[Quantity, str, Direction | None]]) -> Direction | None:
    """The nearest verb of the sub-clause; else the direction of the previous same-unit figure of the
    clause ("reduced time by 71-78% and carbon by 63-65%"); else a verb before the number in the
    clause with no other figure in between ("reduce the TTFT of A and B by up to 50%")."""
    if q.unit == "%" and _HALVING.search(q.text):
        return "decrease"
    direction = _nearest_verb(text, sub, q)
    if direction or _NEUTRAL.search(text, sub.start, sub.end):
        return direction
    same_clause = [(other, d) for other, _, d in previous if clause.start <= other.start < q.start]
    if same_clause:
        return next((d for other, d in reversed(same_clause) if other.kind == q.kind), None)
    return _nearest_verb(text, Span(clause.start, q.start), q)


def _metric_from_cues(cues: list[tuple[int, int, str, bool]], q: Quantity,
                      direction: Direction | None) -> str | None:
    """The metric of the nearest decisive cue: specific nouns beat speed words, which beat weak cues."""
    usable = [c for c in cues if not (c[2] == "token-reduction" and direction != "decrease")]
    specific = [c for c in usable if not c[3] and c[2] != "speedup"]
    timing = [c for c in usable if not c[3] and c[2] == "speedup"]
    weak = [c for c in usable if c[3]]
    for group in (specific, timing, weak):
        nearest = _nearest([(s, e) for s, e, _, _ in group], q.start, q.end)
        if nearest:
            return next(m for s, e, m, _ in group if (s, e) == nearest)
    return None


_NAMED_POINTS = re.compile(r"\d\s+([A-Z][A-Za-z0-9@-]*)\s+points?$")


def _metric(q: Quantity, windows: list[Span], direction: Direction | None,
            cues: list[tuple[int, int, str, bool]], inherited: str | None, scope: str | None,
            text: str, earlier: str | None = None) -> str:
    """The metric the words give (`_metric_by_words`), within what the unit allows: points are a score's
    ("取得66.3分"), whatever cache or size word stands near; a model made smaller where a number format is named is
    smaller in storage, unless its weights are counted ("a 2-bit Conformer is 32% smaller")."""
    # "5.2 COMET points", "about 1 BLEU point": the score the unit names, a task score if no cue lists it
    if q.kind == "points" and (named := _NAMED_POINTS.search(q.text)) \
            and (metric := metric_cues().metric_of.get(named.group(1).lower(), "accuracy")) in _SCORE_METRICS:
        return metric
    metric = _metric_by_words(q, windows, direction, cues, inherited, scope, text, earlier)
    if metric == "parameters" and direction == "decrease" and q.kind in {"ratio", "percent"} \
            and _PRECISION.search(text, windows[2].start, max(windows[1].end, q.end)) \
            and not _COUNTED_PARAMETERS.search(text, windows[1].start, max(windows[1].end, q.end)):
        return "storage"  # "a 2-bit Conformer is 32% smaller", "4-bit weights shrink the model by 3.6x": fewer
        # bits per weight make it smaller, not fewer weights (unless sparsity or a parameter count is named)
    if q.kind == "points" and metric in {"other", "quality"} and not any(
            c[2] == metric and not c[3] and windows[0].start <= c[0] < windows[0].end for c in cues):
        return "accuracy"  # "costs more than 10 points on several tasks": no other measure named in its own sub-clause
    return "accuracy" if q.kind == "points" and metric not in _SCORE_METRICS else metric


def _metric_by_words(q: Quantity, windows: list[Span], direction: Direction | None,
                     cues: list[tuple[int, int, str, bool]], inherited: str | None, scope: str | None,
                     text: str, earlier: str | None = None) -> str:
    """Unit first (ms is latency, GB memory), then cue words from the innermost window outwards; a
    figure with no cue in its clause takes the metric of the previous same-unit figure of its sentence
    ("up to 22.58× speedup …, and up to 57.51× with KV-Cache")."""
    in_clause = [c for c in cues if windows[1].start <= c[0] < windows[1].end]
    if q.kind == "memory":  # "occupies 1.8 GB of memory": a footprint in memory, whatever word says it is held
        if any(c[2] == "storage" for c in in_clause) and not _OF_MEMORY_AFTER.match(text, q.end):
            return "storage"
        if not any(c[2] == "memory" for c in in_clause) and _SHRINK_VERB.search(text, windows[1].start, q.start):
            return "storage"  # "the checkpoint shrinks from 16.4 GB to 1.1 GB": a size on disk, no memory named
        return "memory"
    if (q.kind == "percent" or q.text.startswith("1/")) and _SHARE_OF_TOKENS.match(text, q.end):
        return "token-reduction"  # "using only 7.6% (or 1/5) of the tokens": the share of tokens kept
    if q.kind == "percent" and (share := _SHARE_OF_PERFORMANCE.match(text, q.end)) \
            and not _OF_PEAK_AFTER.match(text, q.end) and not _ERROR_OF_BEFORE.search(text, max(0, q.start - 30), q.start):
        if _SYSTEM_PERFORMANCE.search(text, q.end, share.end()) or _OF_A_SYSTEM.match(text, share.end()):
            return "throughput"  # "80% of native performance", "90% of the performance of Intel MKL": a program's speed
        return "accuracy"  # "retains about 93% of the original performance": a share of the task score kept
    if q.kind == "percent" and (named := _SHARE_OF_NAMED_SCORE.match(text, q.end)) \
            and not _WITHIN_BEFORE.search(text, max(0, q.start - 8), q.start):
        # "keeps 98.1% of the teacher's TR@1": a share of the score the name is a cue of, a task score if none
        return metric_cues().metric_of.get(named.group("name").lower(), "accuracy")
    if q.kind == "percent" and _SPARSITY_SETTING.match(text, q.end):
        return "parameters"  # a sparsity reached ("pruned to at least 50% sparsity")
    if q.kind == "percent" and (share := _SHARE_OF_WEIGHTS.match(text, q.end)
                                or _PRUNING_RATIO_BEFORE.search(text, max(0, q.start - 30), q.start)):
        # "removing 45% of the layers", "a pruning ratio of 50%": a share of the model; "skips about 40% of the
        # layers" per input: computation saved, the model unchanged
        skipped = share and _SKIPPED_BEFORE.search(text, max(0, q.start - 30), q.start)
        return "compute" if skipped else "parameters"
    if q.kind in {"time", "gpu-time"}:
        # GPU time is never a per-item latency: a preparation word anywhere before it in the sentence
        # ("Training the heads is cheap, taking less than 1 GPU hour") makes it a preparation cost.
        # (a relative clause, "..., which takes only 26 minutes", reads back to what it is about)
        relative = _RELATIVE_OPENING.match(text, windows[1].start) is not None
        preparing = _preparing(text, windows[2 if q.kind == "gpu-time" or relative else 1].start, q) or (
            q.kind == "gpu-time" and _PREPARATION.search(text, q.start, q.end) is not None)  # "offline GPU hours"
        if q.kind == "time" and any((c[2] == "compute" or text[c[0]:c[1]].lower().startswith("cost"))
                                    and c[0] < q.start for c in in_clause):
            return "compute"  # "training cost of 12 days": a compute budget
        if preparing or (q.kind == "time" and (scope == "training" or q.unit in {"h", "days"} and not any(
                c[2] == "latency" for c in in_clause if c[0] < q.start))):
            return "other"  # time to train, calibrate or prune a model is no per-item latency
    if q.kind == "percent" and (_SHARE_OF_TIME_AFTER.match(text, q.end)
                                or _ACCOUNTS_FOR_BEFORE.search(text, max(0, q.start - 30), q.start)
                                or _PART_OF_TIME_AFTER.match(text, q.end)
                                and _TAKES_BEFORE.search(text, max(0, q.start - 30), q.start)
                                or _ADDED_TO_TIME_AFTER.match(text, q.end)
                                and _ADDS_BEFORE.search(text, max(0, q.start - 30), q.start)):
        return "other"  # "overhead that can reach 20% of the runtime", "account for up to 78% of the total": a breakdown
    if q.kind == "percent" and (_ERROR_OF_BEFORE.search(text, max(0, q.start - 30), q.start)
                                or _ERROR_AFTER.match(text, q.end)):
        return "quality"  # "a mean absolute percentage error of 2.1% for latency": how far an estimate is off
    if q.kind == "percent" and (gap := _SHARE_OF_GAP_AFTER.match(text, q.end)):
        # "closes more than 80% of the gap to the dense model": a task score's gap unless another score is named
        named = metric_cues().metric_of.get((gap.group(1) or "").lower())
        return named if named in {"accuracy", "quality"} else "accuracy"
    if q.kind in {"percent", "ratio"} and _STEP_COST_AFTER.match(text, q.end):
        return "compute"  # "of the cost of a full inference step", "35 times cheaper than the 35-step sampler": compute
    if q.kind == "percent" and _OF_PEAK_AFTER.match(text, q.end):
        return "other"  # "88% of the peak link bandwidth", "5% of the theoretical peak": a utilisation of the hardware
    if q.kind in {"percent", "ratio"} and any(_GPU_TIME.fullmatch(text, c[0], c[1]) for c in in_clause) \
            and _TRAINING_RUN.search(text, windows[1].start, windows[1].end):
        return "other"  # "35% fewer GPU days to train", "about 1% of the GPU time of distillation": a preparation cost
    if q.kind == "flops" and (_PER_DEVICE_OR_SECOND.match(text, q.end) or any(
            c[2] == "throughput" and windows[0].start <= c[0] < windows[0].end for c in cues)
            or q.unit == "TFLOPs" and _SUSTAINED_BEFORE.search(text, max(0, q.start - 40), q.start)):
        return "throughput"  # "a throughput of 1.46 TFLOPs", "560 TFLOPS/GPU": operations done per second
    if q.kind is None and _LEVEL_IN_TOKENS_AFTER.match(text, q.end) and _CHANGE_TO_BEFORE.search(
            text, max(0, q.start - 60), q.start):
        return "token-reduction"  # "the output length falls from 5,400 to 2,700 tokens": a length reached, in tokens
    if q.unit == "tokens/answer":
        return "token-reduction"  # "about 40 tokens per answer instead of over 500": the output's length
    if q.kind == "bits":  # bits spent per weight: the model's size in storage, or its memory when saved
        return "memory" if _SAVING_BEFORE.search(text, max(0, q.start - 40), q.start) else "storage"
    if q.kind in _ABSOLUTE_KINDS:
        return _ABSOLUTE_KINDS[q.kind]
    if q.kind is None and (score := _SCORE_AFTER.match(text, q.end)) \
            and not _CLAUSE_WORD.search(text, q.end, score.start("name")):
        # "46.4 PQ at 23.6 FPS", "0.3 WikiText2 perplexity increase": the score named right after a bare number
        name = score.group("name").lower()
        return metric_cues().metric_of.get(name, "accuracy")  # a name no cue lists ("PQ") is a task score
    if q.kind is None and _BENCHMARK_AFTER.match(text, _LIST_TAIL.match(text, q.end).end()):
        return "accuracy"  # "73.0 on MMBench", "8.7 and 8.9 on MT-bench": a task score
    if q.kind is None and _scores_listed_on(text, q) \
            and not any(windows[3].start <= c[0] < windows[3].end for c in cues):
        return "accuracy"  # "e.g. 60.8 on AIME, 94.6 on MATH 500": task scores, no other measure named in the clause
    if q.kind is None and _BENCHMARK_NAMED.search(text, windows[0].start, q.start) and not any(
            windows[0].start <= c[0] < q.start and not c[3] for c in cues):
        return "accuracy"  # "raising LongVideoBench by +4.30", "lifts MMMU to 45.0": a benchmark's score, no other named
    if q.kind in {"percent", "points", None} and _WITHIN_BEFORE.search(text, max(0, q.start - 8), q.start) \
            and _OF_AFTER.match(text, q.end):
        # A margin to a reference: in the task score or quality the reference names, whatever stands before it
        # ("pruned to 1.6B parameters, stays within 1% of the original GenEval score", "of the teacher's FID"); with
        # no measure named before or after it, task accuracy ("the models stay within 1% of the FP16 baseline"),
        # and in the measure the reference names otherwise ("within 3% of the optimal throughput"). A word that
        # only describes the reference ("of the full-cache baseline") names no measure.
        named = [c for c in cues if q.end <= c[0] < q.end + 40 and not c[3]
                 and not _REFERENCE_NOUN_AFTER.match(text, c[1])]
        score = next((c for c in named if c[2] in {"accuracy", "quality"}), None)
        if score is not None:
            return score[2]
        if not named and not any(windows[0].start <= c[0] < q.start and not c[3] for c in cues):
            return "accuracy"
    if q.kind == "percent" and direction is None and not in_clause and (
            _ON_BENCHMARK_AFTER.match(text, _past_delta(text, q.end))
            or _SCORE_VERB_BEFORE.search(text, max(0, q.start - 20), q.start)
            and not _OF_AFTER.match(text, q.end)):
        # "reaches 95.2% on MATH-500", "a distilled X reaches 76.9%": a score, whatever the sentence's cues; an error
        # rate when the score last named before it in the sentence is one ("WERs of 1.17% ..., 9.12% on GigaSpeech")
        named = [c for c in cues if windows[-1].start <= c[0] < q.start and not c[3] and c[2] in {"accuracy", "quality"}]
        return "quality" if named and _ERROR_RATE_NAME.search(text, named[-1][0], named[-1][1]) else "accuracy"
    if _MORE_ACCURATE_AFTER.match(text, q.end):
        return "accuracy"  # "2.9% more accurate", "1.5x more accurate"
    if q.kind in {"percent", "ratio"} and _SPEEDUP_NOUN_AFTER.match(text, q.end):
        return "speedup"  # "a 29% end-to-end wall-clock speedup": the noun the figure qualifies, whatever time word is between
    if q.kind in {"percent", "points"} and _ABSOLUTE_GAIN_BEFORE.search(text, max(0, q.start - 40), q.start):
        return "accuracy"  # "an absolute gain of 3.45% on novel classes": an absolute change is a task score's
    if q.kind == "percent" and _SOLVED_BEFORE.search(text, max(0, q.start - 30), q.start):
        return "accuracy"  # "solves 81% of the puzzles", "solves an average of 53.3%": a solve rate
    if q.kind == "percent" and _TOP_BEFORE.search(text, max(0, q.start - 8), q.start):
        return "other"  # "ranking among the top 20% of students": a rank, not a score
    if q.kind == "points" and _AHEAD_AFTER.match(text, q.end):
        return "accuracy"  # "2.3 points ahead of the next-best method": a margin in the task score
    if q.kind in {"percent", "ratio"} and (_MORE_TOKENS_AFTER.match(text, q.end) or _EVERY_YEARS_AFTER.match(text, q.end)
                                           or _FEWER_MACHINES_AFTER.match(text, q.end)):
        # "consume 225% more tokens", "about 1.5x more tokens": a longer output, no reduction; "grown by 3.0x every
        # two years": a trend of the field; "4.7x fewer GPUs": a deployment's size
        return "other"
    fewer = _FEWER_DATA_AFTER.match(text, q.end)
    if fewer and (fewer.group(1) or fewer.group(2).lower() != "tokens"
                  or _TRAINING.search(text, windows[1].start, q.start)):
        return "other"  # "trained on 6 times fewer tokens", "10x less training data": a data budget
    if q.kind == "ratio" and _LONGER_AFTER.match(text, q.end):
        return "other"  # "contexts up to 16x longer", "video up to 4x longer": a length reached, not a speed
    if q.kind == "ratio" and (shrunk := _SHRUNK_BY_BEFORE.search(text, max(0, q.start - 90), q.start)) \
            and "cache" not in shrunk.group().lower() \
            and not any(c[2] in {"memory", "token-reduction"} and not c[3] for c in in_clause):
        return "storage"  # "compresses a RankNet model by 32x", "reduces the size of the representation by over 40x"
        # (a cache's size is memory: "reduces the size of the KV cache by 4x")
    if q.kind == "ratio" and _SIZE_RATIO_AFTER.match(text, q.end) and _LOAD_NOUN_BEFORE.search(text, max(0, q.start - 24),
                                                                                                 q.start):
        return "other"  # "batch sizes up to 4.3x larger", "bursts 2.5x larger": the load a system takes, not a model
    if q.kind == "ratio" and (_SIZE_RATIO_AFTER.match(text, q.end)
                              or _SIZE_RATIO_BEFORE.search(text, max(0, q.start - 3), q.start)):
        # a size, of the parameters unless the clause says it is the storage ("weight storage is 4x smaller")
        # or a cache ("a state 700x smaller than the KV cache")
        if any(c[2] == "storage" for c in in_clause) or _PRECISION.search(text, windows[2].start, max(windows[1].end, q.end)):
            return "storage"  # ... or a number format: "int8 makes the model 4x smaller than float32"
        return "memory" if any(c[2] == "memory" and c[0] >= q.end for c in in_clause) else "parameters"
    for depth, window in enumerate(windows):
        if depth == 2 and inherited:
            return inherited
        # Beyond the sub-clause only words before the figure count: the next sub-clause has its own.
        end = window.end if depth == 0 else q.start
        inside = [c for c in cues if window.start <= c[0] < end and not (q.start <= c[0] < q.end)]
        inside = [c for c in inside if not _possessor(text, inside, c)
                  and not (c[0] >= q.end and (_SETTING_BEFORE.search(text, max(0, c[0] - 8), c[0])
                                              or _SETTING_DESCRIBED_BEFORE.search(text, max(0, c[0] - 24), c[0])
                                              or q.kind in {"percent", "ratio"}
                                              and _ABSOLUTE_FIGURE_BEFORE.search(text, max(q.end, c[0] - 24), c[0])))]
        # (a cue after the figure that opens a setting, "at a batch size of 32", says under what it was measured;
        # one right after an absolute figure, "by 58% under a 50 ms latency target", is that figure's)
        # A metric word right after the figure, at most one word between, says what the figure measures
        # ("twice as fast", "4x larger batch size"), whatever noun stands before it
        adjacent = next((c for c in inside if not c[3] and q.end <= c[0]
                         and _ADJACENT_GAP.fullmatch(text, q.end, c[0])), None) if depth == 0 else None
        if adjacent is None and depth == 0 and (compared := _CHANGE_COMPARED_AFTER.match(text, q.end)):
            # "at 20% lower cost": the noun the comparative names, even a weak cue
            adjacent = next((c for c in inside if q.end <= c[0] < compared.end()), None)
        if adjacent is not None:  # "a 1.3x acceleration in decoding throughput": what it is "in" is measured
            adjacent = next((c for c in inside if not c[3] and c[0] > adjacent[1]
                             and _IN_WHAT.fullmatch(text, adjacent[1], c[0])), adjacent)
        metric = adjacent[2] if adjacent and not (adjacent[2] == "token-reduction" and direction != "decrease") \
            else _metric_from_cues(inside, q, direction)
        if depth == 0 and (metric is None or all(c[3] for c in inside)) and \
                text.find("utperform", windows[2].start, q.start) >= 0 and \
                _OUTPERFORMS_BY.search(text, windows[2].start, q.start):
            return "speedup" if q.kind == "ratio" else "accuracy"  # "outperforms TPU v3 by 2.1x"
        if depth == 0 and (metric is None or all(c[3] for c in inside)) and \
                _SURPASSES_BY.search(text, windows[2].start, q.start):
            # "N2UQ surpasses ... by 0.5-1.7%"; after another figure of the sentence, the margin is in its measure
            # ("achieves 2.81x speedup ..., surpassing EAGLE-2 by 8%-20%")
            return earlier or ("speedup" if q.kind == "ratio" else "accuracy")
        if metric == "latency" and q.kind is None:
            return "latency"  # a time with no unit: "a real-time factor of 0.066"
        if metric == "latency" and q.kind == "percent" and _training_time(text, window, q):
            return "other"  # "lowers pre-training wall-clock time by 18%": time to train a model is no latency
        if metric == "latency":
            # "improves tail latency by an order of magnitude": a latency improved is a latency cut
            cut = direction == "decrease" or _LATENCY_IMPROVED_BY.search(text, max(0, q.start - 60), q.start)
            if q.kind == "percent" and q.value > 100:
                return "speedup"  # "a 272% improvement in runtime": no latency is cut by more than all of it
            return "latency-reduction" if cut or q.kind == "percent" else "speedup"
        if metric == "storage" and (any(c[2] == "memory" for c in inside) or _kv_cache_named(text, inside, windows[2])):
            return "memory"  # "KV cache compression ratio": the cache is memory, not storage, wherever the
            # text says which cache it compresses
        if metric == "token-reduction" and _TRAINING.search(text, *(
                (windows[1].start, windows[1].end) if fewer else (windows[0].start, windows[0].end))):
            return "other"  # fewer training tokens ("10x less tokens and 2.5x less training steps"): a data budget
        if metric == "accuracy" and q.kind == "ratio" and not any(
                c[2] == "accuracy" and not c[3] and _NAMED_ACCURACY.fullmatch(text, c[0], c[1])
                and (q.start - 24 <= c[1] and c[0] <= q.end + 24)
                and not _HELD_ACCURACY_BEFORE.search(text, max(0, c[0] - 16), c[0]) for c in inside) \
                and not _TASK_PERFORMANCE.search(text, window.start, window.end):
            return "speedup"  # "improves SD performance by 2×": x figures of "performance" are speed, unless a task
            # score is named ("boosting retrieval accuracy by 1.5-7.1x", "a 1.4x higher solve rate")
        if metric:
            return metric
    if q.kind == "percent" and direction == "increase":
        return "accuracy"  # a bare "4.6% improvement" reports task performance
    if q.kind in {"percent", "ratio"} and _COMPRESSES.search(text, windows[0].start, q.start):
        # "compresses fine-tuned BERT models by up to 50%", no measure named: the share of the model removed; a
        # compression ratio ("compressing weights by about 8x") is the size it is stored in
        return "parameters" if q.kind == "percent" else "storage"
    if q.kind == "ratio" and direction == "decrease":
        return "compute"  # "reduces the sample budget by 7.9 times", "recurrences drop by 2.4x": work cut, no measure named
    return _DEFAULT.get(q.kind, "other")


def _possessor(text: str, cues: list[tuple[int, int, str, bool]], cue: tuple[int, int, str, bool]) -> bool:
    """A cue that only says whose another measure is ("the P99 latency of online requests", "the memory of
    the KV cache"): the measure it follows through "of" is what a figure measures, not it."""
    return any(not other[3] and other[2] not in {"speedup", cue[2]} and other[1] <= cue[0]
               and _OF_POSSESSOR.fullmatch(text, other[1], cue[0]) for other in cues)


def _training_time(text: str, window: Span, q: Quantity) -> bool:
    """A training word before the figure in its window, and no inference word after it: the time cut is a
    training run's ("cuts training time by 16%", "lowers pre-training wall-clock time by 18%")."""
    found = None
    for found in _TRAINING_RUN.finditer(text, window.start, q.start):
        pass
    return found is not None and not _INFERENCE_TIME.search(text, found.end(), q.start)


def _kv_cache_named(text: str, cues: list[tuple[int, int, str, bool]], sentence: Span) -> bool:
    """A compression figure is the KV cache's wherever the text names that cache; one the text calls storage
    ("less storage space") only when its own sentence does ("KV cache storage")."""
    if any(c[2] == "storage" and text[c[0]:c[0] + 7].lower() == "storage" for c in cues):
        return _KV_CACHE.search(text, sentence.start, sentence.end + 60) is not None
    return _KV_CACHE.search(text) is not None


_RELATIVE_OPENING = re.compile(r"[\s,;]*(?:which|that)\b")


def _preparing(text: str, clause_start: int, q: Quantity) -> bool:
    """A time figure that says how long preparing the model took: a training, calibration, pruning or
    quantization word before it in its clause, and no inference word between the two."""
    before = text[clause_start:q.start]
    found = None
    for found in _PREPARATION.finditer(before):
        pass
    return found is not None and not _INFERENCE_TIME.search(before, found.end())


# "A outperforms B by": the figure that follows, with no metric word of its own, is a performance margin.
# (the verb, then at most 100 characters of one sentence with no change verb of its own, then "by")
_MARGIN_BY = (r"\b(?:(?!\b(?:while|whereas|reduc|lower|cut|improv|increas|boost|achiev|decreas|sav|rais)\w*)"
              r"(?:[^;.]|\.(?=\w))){0,100}?\bby\s+(?:up\s+to\s+|about\s+|over\s+|~|an?\s+relative\s+)?\+?$")
_OUTPERFORMS_BY = re.compile(r"\boutperform(?:s|ed|ing)?" + _MARGIN_BY, re.IGNORECASE)
# ... as after "surpasses", "exceeds" or "beats", in the measure of the sentence's previous relative figure if it has one
_SURPASSES_BY = re.compile(r"\b(?:surpass(?:es|ed|ing)?|exceed(?:s|ed|ing)?|beat(?:s|ing)?)" + _MARGIN_BY, re.IGNORECASE)
_ADJACENT_GAP = re.compile(r"\s*(?:[A-Za-z-]+\s+)?")
# A level reached on a named benchmark ("95.2% on MATH-500"), not on a device ("on A100 GPUs")
_ON_BENCHMARK_AFTER = re.compile(r"\s+on\s+(?:the\s+)?[A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*)?\b(?!\s+(?:GPU|CPU|NPU|TPU)s?\b)")
# "56.7% (+40.0%) on AIME 2024": the gain in brackets after a score, which is read with the score it qualifies
_DELTA_IN_BRACKETS = re.compile(r"\s*\([+\-−]\d+(?:\.\d+)?%?\)")


def _past_delta(text: str, end: int) -> int:
    """Where the words after a figure start, past a bracketed gain after it or closing around it."""
    if (delta := _DELTA_IN_BRACKETS.match(text, end)) is not None:
        return delta.end()
    return end + 1 if text.startswith(")", end) and text[max(0, end - 12):end].rfind("(+") >= 0 else end


_ERROR_RATE_NAME = re.compile(r"\b(?:WERs?|CERs?|errors?)\b", re.IGNORECASE)  # a rate of errors, lower is better
# "reaches 76.9%", "achieves 82.8%": a level reached
_SCORE_VERB_BEFORE = re.compile(r"\b(?:reach(?:es|ed|ing)?|achiev(?:es|ed|ing)|attain(?:s|ed|ing)?|scor(?:es|ed|ing))\s+$")
_OF_AFTER = re.compile(r"\s+of\b")
# "shrinks from 16.4 GB to", "compress a 7B model from 12.6 GB to": the end of a size's fall
_SHRINK_VERB = re.compile(r"\b(?:shrink(?:s|ing)?|shrank|shrunk|compress(?:es|ed|ing)?)\b[^,;]*?\bfrom\s+[\d.,]+\s*"
                          r"[KMGT]i?B\b[^,;]*?\bto\s+$"
                          # "the final model weighs 440MB", "compresses ResNet50 to 3.3MB": a model's size
                          r"|\b(?:weigh(?:s|ed|ing)?|compress(?:es|ed|ing)?\s+(?:[\w.-]+\s+){1,3}?to)\s+(?:only\s+|just\s+|about\s+)?$",
                          re.IGNORECASE)
# "the kernel reaches 5.4 TFLOPS": what hardware sustains is a rate; a model's cost is named, not reached
_SUSTAINED_BEFORE = re.compile(r"\b(?:reach(?:es|ed|ing)?|achiev(?:es|ed|ing)|sustain(?:s|ed|ing)?|deliver(?:s|ed|ing)?|"
                               r"attain(?:s|ed|ing)?)\s+(?:up\s+to\s+|about\s+|over\s+|nearly\s+)?$", re.IGNORECASE)
# "560 TFLOPS/GPU", "12 GFLOPs/s": operations done per device or per second
_PER_DEVICE_OR_SECOND = re.compile(r"\s*/\s*(?:s|sec|second|GPU|chip|device)\b", re.IGNORECASE)
_OF_MEMORY_AFTER = re.compile(r"\s+of\s+(?:(?:GPU|device|host|CPU|peak)\s+)?(?:memory|VRAM|RAM)\b", re.IGNORECASE)
# "at the same accuracy", "under equal latency", "at the same GPU latency" (one describing word may stand between):
# a quantity held fixed, the condition of a claim, not its measure
_AT_FIGURE_BEFORE = re.compile(r"\bat\s+\d[\d.,]*\s*[KkMm]?\s+$")
# A task's performance named in a ratio's clause ("improving task performance by 2x", "5x performance improvement on the
# localization benchmarks", "4x less degradation"): a task score's change, not a speed-up
_TASK_PERFORMANCE = re.compile(r"\btask\s+performance|\bbenchmarks?\b|\bdegradation\b|relative\s+performance\s+gain")
_NAMED_ACCURACY = re.compile(r"accuracy|accuracies|solve\s+rate|success\s+rate|pass@1|exact\s+match|win\s+rate|准确率|正确率",
                             re.IGNORECASE)
_HELD_ACCURACY_BEFORE = re.compile(r"\b(?:similar|same|comparable|competitive|small|no|minimal|negligible)\s+(?:[\w-]+\s+)?$",
                                   re.IGNORECASE)  # "similar accuracy as the FP16 model": accuracy kept, not the figure's
# What a model or representation is shrunk by: "compresses a RankNet ranking model by 32x", "reduces the size of the
# 3D Gaussian representation by over 40x", "reduces the size by a factor of 17x to 42x"
_SHRUNK_BY_BEFORE = re.compile(r"\b(?:compress(?:es|ed|ing)?\s+(?:the\s+|an?\s+)?(?:[\w.-]+\s+){0,3}?(?:model|network|representation|"
                               r"embeddings?|weights|scenes?)|reduc(?:es|ed|ing)\s+(?:the\s+)?(?:model\s+|file\s+|storage\s+)?"
                               r"size(?:\s+of\s+(?:the\s+)?(?:[\w.-]+\s+){0,4}?[\w.-]+)?)\s+by\s+(?:a\s+factor\s+of\s+)?"
                               r"(?:up\s+to\s+|over\s+|about\s+|more\s+than\s+|roughly\s+)?$", re.IGNORECASE)
_BITS_PER_WEIGHT_AFTER = re.compile(r"\s*(?:/|per\s+)(?:weight|parameter)\b", re.IGNORECASE)
_TIME_TARGET_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:constraints?|SLAs?|SLOs?|targets?|deadlines?|requirements?)\b")
_MADE_OF_BEFORE = re.compile(r"\b(?:made|composed|consisting)\s+(?:up\s+)?of\s+(?:\d[^;.]{0,40}?(?:,\s*(?:and\s+)?|\s+and\s+))*$")
# A figure a "when" clause cuts something by or to, in that clause: the setting a result is reported under
_WHEN_CUT_BEFORE = re.compile(r"\b[Ww]hen\s+[^,;.]{0,50}?\b(?:is|are|gets?)\s+(?:\w+\s+)?(?:reduced|cut|pruned|compressed|"
                              r"shrunk|lowered)\b[^,;.]{0,30}$")
# ... or the overhead a method adds per weight ("the codebook costs only 0.0002 bits per weight", "amounts to 0.06 bits")
_BITS_SPENT_BEFORE = re.compile(r"\b(?:sav(?:e|es|ed|ing)|us(?:e|es|ed|ing)|compression\s+rate\s+of|costs?|amounts?\s+to|"
                                r"adds?|overhead\s+of)\s+(?:only\s+|just\s+|about\s+|"
                                r"roughly\s+|on\s+average\s+)?$", re.IGNORECASE)
_SAVING_BEFORE = re.compile(r"\bsav(?:e|es|ed|ing)\s+(?:only\s+|just\s+|about\s+|roughly\s+)?$", re.IGNORECASE)
_COUNT_LIST_TAIL = re.compile(r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)\d+(?:\.\d+)?\s*[BM](?![A-Za-z0-9]))*")
_GENERIC_SCORE = frozenset({"score", "scores", "得分", "分数"})
_NAME_SCORE_GAP = re.compile(r"\s*(?:(?:total|overall|average|mean)\s+)?")
_HELD_EQUAL_BEFORE = re.compile(r"\b(?:at|under|with|for|using|reach(?:es|ed|ing)?|maintain(?:s|ed|ing)?)\s+(?:the\s+|a\s+)?"
                                r"(?:same|equal|similar|comparable|matched)"
                                r"\s+(?:[A-Za-z-]+\s+)?$", re.IGNORECASE)
# "a 1.3x acceleration in decoding throughput": what a change word is "in" or "of"
_IN_WHAT = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?(?:[A-Za-z-]+\s+)?")
# a share of what the hardware could do at most; "of the peak memory" is a footprint
_OF_PEAK_AFTER = re.compile(r"(?:\s*(?:-|to|~)\s*[\d.]+%)?\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?(?:theoretical\s+|hardware\s+)?"
                            r"(?:peak|maximum|roofline)\b(?!\s+(?:memory|GPU\s+memory|VRAM|accuracy|quality|scores?|throughput))", re.IGNORECASE)
# ... whose performance is a program's or a machine's: its speed, not a task score
_SYSTEM_PERFORMANCE = re.compile(r"\b(?:native|GPUs?|hardware|kernels?|librar(?:y|ies)|MKL|cuBLAS|BLAS|FlashAttention\w*|"
                                 r"vendor|hand-(?:tuned|written|optimi[sz]ed))\b")
# (in the share's own words, or the owner named right after them: "the performance of Intel MKL"; not "the original
# performance on GPUs", where it was measured)
_OF_A_SYSTEM = re.compile(r"\s+of\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?" + _SYSTEM_PERFORMANCE.pattern)
_SHARE_OF_PERFORMANCE = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,2}(?:performance|accuracy|"
                                   r"benchmark\s+average|average\s+score|benefit)\b", re.IGNORECASE)
# (A figure's own modifier, "up to", "about", "more than", is part of the quantity, so these patterns end before it.)
_LATENCY_IMPROVED_BY = re.compile(r"\bimprov(?:es|ed|ing|e)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}latenc(?:y|ies)"
                                  r"\s+by\s+$", re.IGNORECASE)
# ... or named after it: "stays below 3% mean absolute percentage error", "within a 5% relative error"
_ERROR_AFTER = re.compile(r"\s+(?:(?:mean|average|relative|absolute|percentage|prediction|estimation|modell?ing)\s+){0,3}"
                          r"(?:errors?|MAPE)\b(?!\s+(?:reduction|rates?))", re.IGNORECASE)
# "consuming up to 55% of the attention runtime", "takes 40% of the decode time": what a part spends of the time
_TAKES_BEFORE = re.compile(r"\b(?:consum(?:es|ed|ing|e)|tak(?:es|ing|e)|spend(?:s|ing)?|occup(?:ies|ying|y)|"
                           r"dominat(?:es|ing|e))\s+(?:only\s+|just\s+|about\s+|up\s+to\s+|over\s+|nearly\s+|roughly\s+)?$",
                           re.IGNORECASE)
_PART_OF_TIME_AFTER = re.compile(r"\s+of\s+(?:the\s+|all\s+)?(?:[\w-]+\s+){0,2}?(?:time|runtime|latency|cycles)\b",
                                 re.IGNORECASE)
_SHARE_OF_GAP_AFTER = re.compile(r"\s+of\s+the\s+(?:([\w-]+)\s+)?gap\b", re.IGNORECASE)
_STEP_COST_AFTER = re.compile(r"\s*(?:of\s+the\s+cost|(?:times\s+)?cheaper)\b[^.;,]{0,40}?\b(?:(?:inference|forward|denoising|"
                              r"sampling|decoding)\s+(?:steps?|pass(?:es)?)|\d+-step)\b", re.IGNORECASE)
_ACCOUNTS_FOR_BEFORE = re.compile(r"\baccount(?:s|ed|ing)?\s+for\s+$", re.IGNORECASE)
# "adding less than 1% to the total sampling time": an overhead's share of the time, not a latency cut
_ADDS_BEFORE = re.compile(r"\badd(?:s|ed|ing)?\s+(?:only\s+|just\s+|about\s+|less\s+than\s+|under\s+|at\s+most\s+)?$",
                          re.IGNORECASE)
_ADDED_TO_TIME_AFTER = re.compile(r"\s+to\s+(?:the\s+)?(?:total\s+|overall\s+|end-to-end\s+)?(?:[\w-]+\s+){0,2}"
                                  r"(?:time|runtime|latency)\b", re.IGNORECASE)
# An estimate's error or deviation holding the figure: "an error of 2.1%", "a modeling deviation below 3%"
_ERROR_OF_BEFORE = re.compile(r"\b(?:errors?|deviations?|MAPE)\s+(?:of|is|was|below|under|within|=|:)?\s*"
                              r"(?:only\s+|just\s+)?$", re.IGNORECASE)
# ... but "20% of the runtime of FlashAttention" compares two runtimes
_SHARE_OF_TIME_AFTER = re.compile(r"\s+of\s+(?:the\s+|all\s+)?(?:total\s+|overall\s+|end-to-end\s+)?(?:runtime|cycles|"
                                  r"execution\s+time)\b(?!\s+(?:of|needed|required|taken|used|by)\b)", re.IGNORECASE)
# a training run, not a method that prepares a model for inference ("our quantized model cuts the GPU hours needed for
# serving"): what makes GPU time a preparation cost
_TRAINING_RUN = re.compile(r"(?<![A-Za-z-])(?:(?:pre-?)?train|distill|fine-?tun|calibrat)\w*", re.IGNORECASE)
# the noun a describing word stands before: "full-cache baseline", "dense model"
_REFERENCE_NOUN_AFTER = re.compile(r"[\w-]*\s+(?:baseline|model|counterpart|version|teacher|original|network)s?\b")
_GPU_TIME = re.compile(r"GPU[\s-](?:hours?|days?|time)", re.IGNORECASE)
_OF_POSSESSOR = re.compile(r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?(?:[\w-]+\s+)?")
_COMPRESSES = re.compile(r"\bcompress(?:es|ed|ing)?\b", re.IGNORECASE)
_KV_CACHE = re.compile(r"\bKV[\s-]?cache|\bkey-value cache|KV缓存", re.IGNORECASE)


def _fixed_direction(metric: str, q: Quantity, direction: Direction | None) -> Direction | None:
    if metric in {"latency-reduction", "token-reduction"}:
        return "decrease"
    if metric == "speedup" or (metric == "throughput" and q.kind == "ratio" and direction is None):
        return "increase"
    if q.kind in _ABSOLUTE_KINDS or q.kind is None:
        return None
    return direction


_LISTED_TOGETHER = {"ratio", "percent"}
# "up to a 2.0x and on average a 1.3x improvement": a maximum and a mean of one measure
_AVERAGE_GAP = re.compile(r"\s*,?\s+and\s+(?:on\s+average|an\s+average\s+of|a\s+mean\s+of)\s+(?:an?\s+)?")


def _shared_list(text: str, subs: list[Span], sub: Span, q: Quantity, kept: list[Quantity],
                 cues: list[tuple[int, int, str, bool]], sentence_clauses: list[Span]) -> Span:
    """The sub-clause, stretched over the next one when that starts with a figure of the same unit (multiples and
    percentages count as one) and this one names no metric: "retaining 98.1% and 99.7% of the performance" share
    "performance", "is 12x, 9x and 4x faster" share "faster" across the commas of the list, and "up to a 2.0x and on
    average a 1.3x improvement in throughput" share "throughput"."""
    if any(sub.start <= c[0] < sub.end for c in cues):
        return sub
    last = q
    for other in kept:
        if other.start < last.end:
            continue
        if (other.kind != q.kind and not {other.kind, q.kind} <= _LISTED_TOGETHER) \
                or not (LIST_GAP.fullmatch(text, last.end, other.start) or _AVERAGE_GAP.fullmatch(text, last.end, other.start)):
            break  # "7.5x, 26%, and 14% higher throughput": multiples and percentages share a list
        last = other
    if last is not q:
        clause = _containing(sentence_clauses, last.start)
        return Span(sub.start, _containing(_spans(text, _CONJUNCTION, clause.start, clause.end), last.start).end)
    following = [s for s in subs if s.start >= sub.end]
    if not following:
        return sub
    nxt = following[0]
    lead = next((other for other in kept if nxt.start <= other.start < nxt.end), None)
    if lead is None or lead.kind != q.kind or text[nxt.start:lead.start].strip():
        return sub
    return Span(sub.start, nxt.end)




def _listed_again(text: str, previous: list[tuple[Quantity, str, Direction | None]], q: Quantity) -> bool:
    """"by up to 29x, 29x and 3x on three systems": the same figure again as the next item of a list is a
    claim of its own (one per item), not a repetition."""
    if len(previous) < 2:
        return False
    before = previous[-2][0]
    return _figure(before) == _figure(q) and LIST_GAP.fullmatch(text, before.end, q.start) is not None


def _repeated_in_list(previous: list[tuple[Quantity, str, Direction | None]], q: Quantity, sentence: Span) -> bool:
    """"6.7% Pass@1 and 13.4% Pass@10 on HumanEval and 6.7% Pass@1 ... on MBPP": the same figure again in one
    sentence, after another figure in between, is the next item's own result, not the first one repeated."""
    same = [i for i, (other, _, _) in enumerate(previous[:-1]) if _figure(other) == _figure(q)
            and other.text == q.text and other.start >= sentence.start]  # "2x ..., making it twice as fast": restated
    return bool(same) and any(_figure(other) != _figure(q) for other, _, _ in previous[same[-1] + 1:-1])


def _figure(item: Quantity | EvidenceClaim) -> tuple[float, float | None, str | None]:
    return (item.value, item.value_max, item.unit)


def _read(text: str, source: Source, line: int) -> tuple[list[tuple[int, EvidenceClaim]], set[tuple]]:
    """Claims with their offsets, and the figures of the text that were judged not to be results."""
    quantities = find_quantities(text)
    kept = [q for q in quantities if _is_result(text, q)]
    settings = [q for q in quantities if q not in kept]
    return _claims(text, source, line, kept, settings), {_figure(q) for q in settings}


def _claims(text: str, source: Source, line: int, kept: list[Quantity],
            settings: list[Quantity]) -> list[tuple[int, EvidenceClaim]]:
    if not kept:
        return []
    sentences = _spans(text, SENTENCE_END, 0, len(text))
    first, last = _containing(sentences, kept[0].start), _containing(sentences, kept[-1].start)
    # Cue words are only read around figures: from the first figure's sentence (or 150 characters
    # before it) to the last figure's sentence end.
    cues = metric_cues().find(text, min(first.start, kept[0].start - 150), last.end)
    # a word after "per" is what the measure is divided by ("energy per token"), not what is measured
    cues = [c for c in cues if not _PER_BEFORE.search(text, max(0, c[0] - 20), c[0])
            and not _HELD_EQUAL_BEFORE.search(text, max(0, c[0] - 30), c[0])  # "at the same accuracy": a condition
            and not _AT_FIGURE_BEFORE.search(text, max(0, c[0] - 16), c[0])]  # "latency at 32K tokens": a setting
    # a generic score word right after a named measure is that measure's ("the ImageReward score", "HPSv2得分")
    cues = [c for c in cues if not (text[c[0]:c[1]].lower() in _GENERIC_SCORE and any(
        other[1] <= c[0] and _NAME_SCORE_GAP.fullmatch(text, other[1], c[0]) for other in cues))]
    # a setting's own weak noun ("At 70% sparsity, ... gain 4.73%") says what the setting is, not what a result
    # measures (a score named after a setting still names one: "a 1-step FID of 3.49")
    cues = [c for c in cues if not (c[3] and any(0 <= c[0] - s.end <= 1 for s in settings))]
    # a multiplier's word is its unit ("4 times over A and 30 times over B"), not what another figure measures
    spans = [(f.start, f.end) for f in (*kept, *settings) if f.kind == "ratio"]
    cues = [c for c in cues if not any(start <= c[0] < end for start, end in spans)]
    # "of requests" names a share of them meeting a target, never a multiple ("cuts the tail TTFT of requests by
    # 27x" is a latency's cut): the cues a multiple reads go without it (one list for the text, not one per figure)
    ratio_cues = [c for c in cues if c[2] != "slo-attainment" or text[c[0]:c[1]].lower() != "of requests"]
    clauses: dict[Span, list[Span]] = {}
    out: list[tuple[int, EvidenceClaim]] = []
    seen: set[tuple] = set()
    previous: list[tuple[Quantity, str, Direction | None]] = []  # figures already read, for inheritance
    for q in kept:
        sentence = _containing(sentences, q.start)
        if sentence not in clauses:
            clauses[sentence] = _spans(text, _CLAUSE_END, sentence.start, sentence.end)
        clause = _containing(clauses[sentence], q.start)
        subs = _spans(text, _CONJUNCTION, clause.start, clause.end)
        sub = _containing(subs, q.start)
        # Words after a setting ("… at 30% token reduction") describe the setting, not this figure.
        cut = min([x.start for x in settings if q.end <= x.start < sub.end], default=sub.end)
        cue_sub = Span(sub.start, cut)
        context = Span(max(0, q.start - 150), q.end)
        shared = _shared_list(text, subs, cue_sub, q, kept, cues, clauses[sentence])
        windows = [shared, clause, Span(sentence.start, q.end), context]
        direction = _direction(text, cue_sub, clause, q, previous)
        scope = read_scope(text, sub, q)
        inherited = next((m for other, m, _ in reversed(previous)
                          if other.kind == q.kind and other.start >= sentence.start), None)
        # the measure of the sentence's previous relative figure or score, which a margin after it continues
        earlier = next((m for other, m, _ in reversed(previous) if other.start >= sentence.start
                        and other.kind in _RELATIVE_KINDS), None)
        metric = _metric(q, windows, direction, ratio_cues if q.kind == "ratio" else cues, inherited, scope, text, earlier)
        previous.append((q, metric, direction))
        shares_clause = sum(1 for other in kept if clause.start <= other.start < clause.end) > 1
        quote_span = sub if shares_clause else clause
        key = (metric, q.value, q.value_max, q.unit)
        if key in seen and not _listed_again(text, previous, q) and not _repeated_in_list(previous, q, sentence):
            continue
        seen.add(key)
        out.append((q.start, EvidenceClaim(
            metric=metric, value=q.value, value_max=q.value_max, unit=q.unit,
            direction=_fixed_direction(metric, q, direction),
            baseline=read_baseline(text, sub) or (None if shares_clause else read_baseline(text, clause))
            or read_leading_baseline(text, clauses[sentence][0], clause),
            condition=read_condition(text, sub, q), scope=scope,
            quote=text[quote_span.start:quote_span.end].strip(),
            sentence=text[sentence.start:sentence.end].strip(),
            source=source, line=line,
            other_named=metric == "other" and (q.kind in {"time", "gpu-time"} or _names_other(text, sub, q, cues)),
        )))
    return out


# A condition a figure was measured under ("under different batch sizes", "when using high-end GPUs")
_CONDITION_BEFORE = re.compile(r"[(（]|\b(?:under|with|when|for|in|at|across|using)\b", re.IGNORECASE)


def _names_other(text: str, sub: Span, q: Quantity, cues: list[tuple[int, int, str, bool]]) -> bool:
    """The figure's own sub-clause names a measure outside the list ("4x larger batch size", "raises watch time
    by 0.7%"), not as a condition it was measured under ("1.4x in large-batch settings (batch sizes 32-80)")."""
    for start, _, metric, weak in cues:
        if metric == "other" and not weak and sub.start <= start < sub.end:
            between = text[q.end:start] if start >= q.end else ""
            if not _CONDITION_BEFORE.search(between):
                return True
    return False


def extract_claims(text: str, source: str, line: int) -> list[EvidenceClaim]:
    """Every quantitative result claim of one text (a brief, an abstract or a title), in text order."""
    return [claim for _, claim in _read(text or "", source, line)[0]]  # type: ignore[arg-type]


def _merge(abstract: EvidenceClaim, brief: EvidenceClaim) -> EvidenceClaim:
    """The abstract's quote and line, with fields the abstract left empty filled from the brief."""
    filled = {name: getattr(brief, name) for name in ("direction", "baseline", "condition", "scope")
              if getattr(abstract, name) is None}
    if abstract.metric == "other" and brief.metric != "other" and not abstract.other_named:
        filled["metric"] = brief.metric  # the abstract's "other" was no more than the lack of a measure word
    return replace(abstract, **filled)


_SCORE_UNITS = {None, "%", "points"}


def _same_score(abstract: EvidenceClaim, brief: EvidenceClaim) -> bool:
    """One score written with its percent sign in one text and bare in the other ("54.7% AP", "54.7 AP")."""
    return (abstract.value, abstract.value_max, abstract.metric) == (brief.value, brief.value_max, brief.metric) \
        and abstract.unit in _SCORE_UNITS and brief.unit in _SCORE_UNITS


def extract_evidence(brief: str, brief_line: int | None, abstract: str,
                     abstract_line: int | None) -> list[EvidenceClaim]:
    """Claims of brief and abstract together, ordered by position. A figure stated in both is one claim;
    a brief figure the abstract shows to be a setting ("at 20% token reduction") is dropped."""
    brief_claims, _ = _read(brief or "", "brief", brief_line or 0)
    abstract_claims, abstract_settings = _read(abstract or "", "abstract", abstract_line or 0)
    merged = list(abstract_claims)
    for position, claim in brief_claims:
        figure = _figure(claim)
        twins = [i for i, (_, other) in enumerate(merged)
                 if other.source == "abstract" and (_figure(other) == figure or _same_score(other, claim))]
        if not twins and figure in abstract_settings:
            continue
        if twins:
            best = next((i for i in twins if merged[i][1].metric == claim.metric), twins[0])
            merged[best] = (merged[best][0], _merge(merged[best][1], claim))
        else:
            merged.append((position, claim))
    merged.sort(key=lambda item: (item[1].line, item[0]))
    return [claim for _, claim in merged]
