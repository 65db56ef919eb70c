"""The domain model every layer passes around.

Extraction produces an `ImportBatch` (one report and its papers); stores persist it; the API and the
interchange JSON (`../shared/docs/interchange.md`) are this model serialised. Records are frozen so
that a batch can be shared between the store, the search index and the exporter without copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# The 18 technique categories and 14 metric ids of the controlled vocabulary (vocabulary.md).
# The ontology is the source of truth; these tuples let code and tests name them without loading it.
TECHNIQUE_CATEGORIES: tuple[str, ...] = (
    "quantization", "pruning-sparsity", "token-reduction", "distillation", "speculative-decoding",
    "early-exit-adaptive", "kv-cache", "efficient-attention", "mixture-of-experts", "state-space-model",
    "caching-reuse", "few-step-parallel-decoding", "latent-compression", "low-rank-peft",
    "serving-scheduling", "hardware-kernel", "efficient-architecture", "other",
)
METRICS: tuple[str, ...] = (
    "speedup", "latency", "latency-reduction", "throughput", "memory", "compute", "storage", "accuracy",
    "quality", "energy", "token-reduction", "parameters", "slo-attainment", "other",
)
HARDWARE_CLASSES: tuple[str, ...] = (
    "gpu", "npu", "cpu", "edge-device", "mobile", "memory", "accelerator", "other",
)

Direction = Literal["increase", "decrease"]
EvidenceSource = Literal["brief", "abstract", "title"]


@dataclass(frozen=True)
class ParseWarning:
    """Something odd in a report that was reported, not repaired by invention."""

    file: str
    line: int
    code: str  # e.g. "empty-title", "unfilled-template", "empty-abstract", "count-mismatch"
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.code}: {self.message}"


@dataclass(frozen=True)
class ReportInfo:
    id: str  # stable: derived from the file name stem, so a corrected report replaces its predecessor
    title: str
    source: str  # file name
    generated_at: str | None = None  # ISO 8601, e.g. "2025-10-15T18:50:54"
    declared_papers: int | None = None


@dataclass(frozen=True)
class SourceRef:
    """Where a paper appears: report id, the `### N.` number, and the heading's line."""

    report: str
    index: int
    line: int


@dataclass(frozen=True)
class Institution:
    id: str
    name: str  # canonical English name where known, else the name as written
    aliases: tuple[str, ...] = ()
    parent: str | None = None  # id of the parent organisation (PART_OF)
    parent_name: str | None = None
    resolved: bool = True  # False: not in the registry (a brief's aligned name is kept as an alias)
    country: str | None = None


@dataclass(frozen=True)
class Technique:
    """A SKOS concept the paper uses; `categories` are the top concepts it falls under."""

    id: str
    name: str
    categories: tuple[str, ...]
    label_zh: str | None = None


@dataclass(frozen=True)
class Model:
    id: str
    name: str
    family: str | None = None
    resolved: bool = True  # False: recognised by its shape or context, not known to the ontology


@dataclass(frozen=True)
class Hardware:
    id: str
    name: str  # the device as named, model number kept ("Snapdragon 8 Gen 2", "Apple M3 Max")
    hw_class: str  # one of HARDWARE_CLASSES; serialised as "class"
    family: str | None = None  # id of the family device it belongs to ("hw:qualcomm-snapdragon")
    resolved: bool = True  # False: recognised by its shape or context, not known to the ontology


@dataclass(frozen=True)
class Evidence:
    """One quantitative result claim with the exact quote it was read from."""

    id: str
    metric: str  # one of METRICS
    value: float
    unit: str | None  # "x", "%", "ms", "s", "tokens/s", "GB", "points", ...
    quote: str
    source: EvidenceSource
    line: int
    value_max: float | None = None
    direction: Direction | None = None
    baseline: str | None = None
    condition: str | None = None  # "up to", "at least", "at 64k context", ...
    scope: str | None = None  # "end-to-end", "attention", "GEMM", "prefill", ...
    model: str | None = None  # model id
    hardware: str | None = None  # hardware id


@dataclass(frozen=True)
class Paper:
    id: str
    title: str
    abstract: str
    brief: str
    author_count: int | None
    sources: tuple[SourceRef, ...]
    proposed: tuple[str, ...] = ()
    institutions: tuple[Institution, ...] = ()
    techniques: tuple[Technique, ...] = ()
    models: tuple[Model, ...] = ()
    hardware: tuple[Hardware, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()


@dataclass(frozen=True)
class ImportBatch:
    """Everything one report contributes to the graph."""

    report: ReportInfo
    papers: tuple[Paper, ...]
    warnings: tuple[ParseWarning, ...] = ()  # report-level warnings (count mismatch, ...)


@dataclass(frozen=True)
class ImportSummary:
    """What an upsert changed, per label: created, merged (updated) and unchanged node counts."""

    report: str
    created: dict[str, int] = field(default_factory=dict)
    merged: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) + sum(self.merged.values()) + sum(self.removed.values()))


def to_plain(value: Any) -> Any:
    """Serialise model objects to JSON-ready dicts with the interchange field names."""
    from dataclasses import fields, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in fields(value):
            key = "class" if f.name == "hw_class" else f.name
            out[key] = to_plain(getattr(value, f.name))
        return out
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value
