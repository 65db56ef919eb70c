"""Leaderboards: the claims of one metric, best first, ranked only among comparable claims.

Two claims are comparable when their units measure the same thing after conversion (ms with s, MB with
GB, GPU days with GPU hours; x only with x, % only with %) and they claim the same kind of figure: a
level ("3.5 s per image"), a rise ("2.2x faster") or a fall ("cuts memory by 80%"). Each such group is
ranked on its own, in the metric's direction (`pg:better` in ontology/metrics.ttl):
- a level ranks higher-first when the metric improves upwards; durations, byte sizes and FLOP counts
  rank lower-first whatever the metric (a training time is better short); a bare factor ("6x" with
  no direction word) is read as the improvement it almost always is, larger first;
- a change ranks by its size when it goes the better way ("4x lower memory" beats "2x lower"), else
  smallest first (an accuracy drop of 0.1 points beats one of 2 points).
Ranges rank by their lower value; "up to" and "at least" stay in the claim's `condition`.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass

from graph.store import Claim

# unit as written -> (family, factor to the family's base unit)
_SCALES: dict[str, tuple[str, float]] = {
    "ps": ("time", 1e-12), "ns": ("time", 1e-9), "us": ("time", 1e-6), "µs": ("time", 1e-6), "μs": ("time", 1e-6),
    "ms": ("time", 1e-3), "s": ("time", 1.0), "sec": ("time", 1.0), "min": ("time", 60.0),
    "h": ("time", 3600.0), "hours": ("time", 3600.0), "days": ("time", 86400.0),
    "GPU hours": ("GPU time", 1.0), "GPU days": ("GPU time", 24.0),
    "B": ("bytes", 1.0), "KB": ("bytes", 1e3), "MB": ("bytes", 1e6), "GB": ("bytes", 1e9), "TB": ("bytes", 1e12),
    "KiB": ("bytes", 1024.0), "MiB": ("bytes", 1024.0 ** 2), "GiB": ("bytes", 1024.0 ** 3),
    "MFLOPs": ("FLOPs", 1e6), "GFLOPs": ("FLOPs", 1e9), "TFLOPs": ("FLOPs", 1e12), "PFLOPs": ("FLOPs", 1e15),
    "GFLOPs/s": ("FLOP/s", 1e9), "TFLOPs/s": ("FLOP/s", 1e12), "PFLOPs/s": ("FLOP/s", 1e15),
    "tokens/s": ("tokens/s", 1.0), "tok/s": ("tokens/s", 1.0),
    "fJ": ("energy", 1e-15), "pJ": ("energy", 1e-12), "nJ": ("energy", 1e-9), "µJ": ("energy", 1e-6), "mJ": ("energy", 1e-3), "J": ("energy", 1.0), "kJ": ("energy", 1e3), "kWh": ("energy", 3.6e6),
    "Wh": ("energy", 3.6e3), "MWh": ("energy", 3.6e9),
    "µW": ("power", 1e-6), "mW": ("power", 1e-3), "W": ("power", 1.0), "kW": ("power", 1e3),
    "g CO2e": ("carbon", 1.0), "kg CO2e": ("carbon", 1e3), "t CO2e": ("carbon", 1e6),
}
# For the parameters metric, K/M/B/T are counts, not bytes.
_COUNTS: dict[str, float] = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
# Levels in these families are better small, whatever the metric.
_LOWER_LEVELS = frozenset({"time", "GPU time", "bytes", "FLOPs", "energy", "power", "carbon"})
SENSES: tuple[str, ...] = ("increase", "decrease", "level")


@dataclass(frozen=True)
class ClaimGroup:
    """Claims that may be ranked together: one unit family, one sense."""

    family: str  # "x", "%", "time", "bytes", a unit as written, or "none"
    sense: str  # "increase", "decrease" or "level"
    order: str  # "desc" (largest first) or "asc": best first in the metric's direction
    claims: int
    units: tuple[str, ...]  # the units as written in this group, sorted


def unit_scale(metric: str, unit: str | None) -> tuple[str, float]:
    """(family, factor to the family's base unit) of a unit; unknown units are their own family."""
    if unit is None:
        return ("none", 1.0)
    if metric == "parameters" and unit in _COUNTS:
        return ("parameters", _COUNTS[unit])
    scale, _, rate = unit.partition(" ")
    if rate and scale in _COUNTS and ("/" in rate or rate in _SCALES):  # 45 "K tokens/s", 3.2 "K GPU hours"
        family, factor = _SCALES.get(rate, (rate, 1.0))
        return (family, factor * _COUNTS[scale])
    return _SCALES.get(unit, (unit, 1.0))


def group_key(metric: str, claim: Claim) -> tuple[str, str]:
    sense = claim.direction if claim.direction in ("increase", "decrease") else "level"
    return (unit_scale(metric, claim.unit)[0], sense)


def best_order(better: str, family: str, sense: str) -> str:
    """"desc" when a larger value is the better claim in this group, else "asc"."""
    if sense == "level":
        if family == "x":  # a bare factor ("6x", direction unstated) is claimed as an improvement
            return "desc"
        return "asc" if family in _LOWER_LEVELS or better == "lower" else "desc"
    goes_better_way = (sense == "increase") == (better == "higher")
    return "desc" if goes_better_way else "asc"


@dataclass(frozen=True)
class RankedClaims:
    groups: tuple[ClaimGroup, ...]  # every comparable group, most claims first
    group: ClaimGroup | None  # the group ranked (None when nothing matched)
    claims: tuple[Claim, ...]  # that group's claims, best first


def rank_claims(metric: str, better: str, claims: list[Claim], unit: str | None = None,
                sense: str | None = None, limit: int | None = None) -> RankedClaims:
    """Group comparable claims and rank one group best first: the largest group, or the largest of
    those whose family is `unit`'s and whose sense is `sense`, when given. With `limit`, only that many
    of the ranked claims are returned (the groups still count every claim)."""
    scales: dict[tuple[str | None, str | None], tuple[tuple[str, str], float]] = {}
    buckets: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        shape = (claim.unit, claim.direction)
        scale = scales.get(shape)
        if scale is None:
            scale = scales[shape] = (group_key(metric, claim), unit_scale(metric, claim.unit)[1])
        buckets[scale[0]].append(claim)
    groups = sorted(
        (ClaimGroup(family, s, best_order(better, family, s), len(members),
                    tuple(sorted({c.unit or "" for c in members})))
         for (family, s), members in buckets.items()),
        key=lambda g: (-g.claims, g.family, SENSES.index(g.sense)))
    wanted_family = None if unit is None else unit_scale(metric, unit)[0]
    chosen = next((g for g in groups if (wanted_family is None or g.family == wanted_family)
                   and (sense is None or g.sense == sense)), None)
    if chosen is None:
        return RankedClaims(tuple(groups), None, ())
    sign = -1.0 if chosen.order == "desc" else 1.0

    def key(claim: Claim) -> tuple[float, str, str]:
        return (sign * claim.value * scales[(claim.unit, claim.direction)][1], claim.paper, claim.id)

    members = buckets[(chosen.family, chosen.sense)]
    ranked = heapq.nsmallest(limit, members, key=key) if limit is not None else sorted(members, key=key)
    return RankedClaims(tuple(groups), chosen, tuple(ranked))
