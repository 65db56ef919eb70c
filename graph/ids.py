"""Stable ids: the same entity gets the same id in every report and every run.

Ids are readable slugs of the canonical name where one exists (``inst:shanghai-jiao-tong-university``)
and short content hashes where the natural key is long text (papers, evidence).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_SLUG = re.compile(r"[^0-9a-z\u3400-\u9fff]+")


def slug(name: str) -> str:
    """Lower-case ASCII/CJK slug: "NVIDIA RTX 5090" -> "nvidia-rtx-5090"; Chinese kept as is."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = folded.replace("+", "plus").replace(".", "-")
    return _NON_SLUG.sub("-", folded).strip("-") or "unnamed"


def digest(*parts: str, length: int = 16) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


def normalise_title(title: str) -> str:
    """The key two reports share for the same paper: case, punctuation and spacing folded."""
    return " ".join(_NON_SLUG.sub(" ", unicodedata.normalize("NFKC", title).lower()).split())


def entity_id(kind: str, name: str) -> str:
    """kind is one of: inst, tech, model, hw, metric."""
    return f"{kind}:{slug(name)}"


def report_id(source_name: str) -> str:
    stem = source_name.rsplit("/", 1)[-1]
    stem = stem.removesuffix(".md")
    return f"report:{slug(stem)}"


def paper_id(title: str, fallback_text: str) -> str:
    """From the cleaned title; a paper without one is keyed by its abstract or brief."""
    key = normalise_title(title) or normalise_title(fallback_text)
    return f"paper:{digest(key)}"


def evidence_id(paper: str, metric: str, value: float, value_max: float | None, unit: str | None,
                quote: str) -> str:
    key = (paper, metric, repr(float(value)), repr(value_max), unit or "", normalise_title(quote))
    return f"ev:{digest(*key)}"
