"""Context readers of an evidence claim: baseline, condition and scope, from the words around its figure.

They live apart from `ingest.evidence` because they only read a window that evidence extraction has
already chosen (a sub-clause, a clause, the sentence's first clause) and decide nothing about whether a
figure is a result or which metric it measures; each is a pure function of the text and its window.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.numbers import Quantity


class Span(NamedTuple):
    """Offsets of a window of the text; a tuple, not a dataclass: thousands are made per report."""

    start: int
    end: int


_BASELINE_EN = re.compile(
    r"(?:compared\s+(?:to|with)|relative\s+to"
    r"|(?<!more\s)(?<!less\s)(?<!greater\s)(?<!rather\s)(?<!other\s)than"
    r"|(?<![Aa]veraged\s)over(?!\s+(?:all|time|the\s+course))|versus|vs\.?|against|that\s+of)\s+"
    r"(?![\d.~<>]|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)"  # "over 60x" is a modifier
    r"(?:the\s+)?(?P<b>(?:[^,;.()]|\.(?=\d))+?)"
    r"(?=\s+(?:on|at|in|for|with|while|without|and|across|under|when|by|using|to|demonstrating)\b"
    r"|[,;()]|\.(?!\d)|$)",
    re.IGNORECASE)
_BASELINE_ZH = re.compile(
    r"(?:相较于|相比于|相比|较|对比|(?<![对无])比(?![例率较]))(?P<b>[^，,；;。、（(]{1,30}?)"
    r"(?=提升|提高|降低|减少|缩短|加速|提速|快|更|实现|达到|的|将|，|,|$)")
_CONDITION = re.compile(
    r"(?P<c>on\s+average|平均"
    r"|(?<![A-Za-z])at\s+(?:an?\s+)?[\w.,-]+\s+(?:context|sequence|length|tokens|batch\s+size|resolution)"
    r"(?:\s+length)?|在[^，,。；]{1,20}?(?:下|时|中)|in\s+[\w\s-]{3,40}?\s+(?:scenarios|settings|workloads|regimes)"
    r"|\d+[kK]\s*tokens?输入时)", re.IGNORECASE)
_SCOPES = (
    ("end-to-end", re.compile(r"end-to-end|端到端", re.IGNORECASE)),
    ("attention", re.compile(r"attention|注意力", re.IGNORECASE)),
    ("GEMM", re.compile(r"GEMM|matmul|矩阵乘", re.IGNORECASE)),
    ("softmax", re.compile(r"softmax", re.IGNORECASE)),
    ("prefill", re.compile(r"prefill|pre-filling|预填充", re.IGNORECASE)),
    ("decode", re.compile(r"(?<![A-Za-z])decod(?:e|ing)\b|解码", re.IGNORECASE)),
    ("rollout", re.compile(r"rollout", re.IGNORECASE)),
    ("training", re.compile(r"training|训练", re.IGNORECASE)),
)

_COMPARISON_WORDS = r"(?:compared\s+(?:to|with)|relative\s+to|相比于?|相较于?|与)"
_LEADING_COMPARISON = re.compile(rf"\s*{_COMPARISON_WORDS}", re.IGNORECASE)


# Every _BASELINE_EN match holds one of these once case-folded (casefold, unlike lower, folds every letter the
# pattern's IGNORECASE accepts for s), every _BASELINE_ZH match 比 or 较: plain tests before the slow patterns,
# since most windows compare with nothing.
_BASELINE_EN_CUES = ("compared", "relat", "than", "ver", "vs", "aga", "that")
_BASELINE_ZH_CUES = ("比", "较")


def read_baseline(text: str, window: Span) -> str | None:
    """What the figure is compared with: "2.3x faster than vLLM", "相比FP16基线"."""
    segment = text[window.start:window.end]
    folded = segment.casefold()
    match = (any(cue in folded for cue in _BASELINE_EN_CUES) and _BASELINE_EN.search(segment)) or (
        any(cue in segment for cue in _BASELINE_ZH_CUES) and _BASELINE_ZH.search(segment))
    return match.group("b").strip() or None if match else None


def read_leading_baseline(text: str, first: Span, clause: Span) -> str | None:
    """"Compared with the FP16 baseline, X yields 2.3x": the comparison opens the sentence (whose first
    clause is `first`)."""
    if first == clause or not _LEADING_COMPARISON.match(text, first.start):
        return None
    segment = text[first.start:first.end].strip()
    segment = re.sub(rf"^{_COMPARISON_WORDS}\s*(?:the\s+)?", "", segment, flags=re.IGNORECASE)
    return re.sub(r"(?:相比|相较)$", "", segment).strip() or None


_UP_TO_BEFORE = re.compile(r"(?:最高|最多|高达|可达)[^\d，,；;]{0,8}$")


def read_condition(text: str, window: Span, q: Quantity) -> str | None:
    """The figure's modifier and the setting it holds under: "up to; at 32k context", "平均"."""
    parts = [q.modifier] if q.modifier else []
    if not parts and _UP_TO_BEFORE.search(text, window.start, q.start):
        parts.append("up to")  # "最高提速3倍": the modifier is separated from its figure by the verb
    parts += [m.group("c").strip() for m in _CONDITION.finditer(text, window.start, window.end)]
    return "; ".join(dict.fromkeys(parts)) or None


def read_scope(text: str, window: Span, q: Quantity) -> str | None:
    """The part of the system measured (attention, prefill, end-to-end...): the nearest scope word."""
    best = None
    for name, pattern in _SCOPES:
        for match in pattern.finditer(text, window.start, window.end):
            distance = abs(match.start() - q.start)
            if best is None or distance < best[0]:
                best = (distance, name)
    return best[1] if best else None
