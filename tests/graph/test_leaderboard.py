"""Ranking claims (graph/leaderboard.py): only comparable units together, best first in the metric's way."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graph.leaderboard import best_order, group_key, rank_claims, unit_scale
from graph.store import Claim


def claim(i: int, value: float, unit: str | None, direction: str | None = None) -> Claim:
    return Claim(f"ev:{i:03d}", f"paper:{i:03d}", value, unit, direction)


def test_times_are_converted_and_never_ranked_with_ratios() -> None:
    claims = [claim(1, 0.5, "s"), claim(2, 120, "ms"), claim(3, 3.0, "x", "increase"), claim(4, 2, "min")]
    ranked = rank_claims("latency", "lower", claims)
    assert ranked.group is not None and ranked.group.family == "time" and ranked.group.order == "asc"
    assert [c.id for c in ranked.claims] == ["ev:002", "ev:001", "ev:004"]  # 120 ms < 0.5 s < 2 min
    assert {(g.family, g.sense, g.claims) for g in ranked.groups} == {("time", "level", 3), ("x", "increase", 1)}
    ratio = rank_claims("latency", "lower", claims, unit="x")
    assert [c.id for c in ratio.claims] == ["ev:003"]


def test_energies_are_converted_and_the_least_ranks_first() -> None:
    claims = [claim(1, 3.1, "mJ"), claim(2, 850, "µJ"), claim(3, 0.002, "J"), claim(4, 1.5, "kWh")]
    ranked = rank_claims("energy", "lower", claims)
    assert ranked.group is not None and ranked.group.family == "energy" and ranked.group.order == "asc"
    assert [c.id for c in ranked.claims] == ["ev:002", "ev:003", "ev:001", "ev:004"]  # 850 µJ < 2 mJ < 3.1 mJ < 1.5 kWh


def test_power_and_carbon_are_converted_apart_from_energy() -> None:
    claims = [claim(1, 35, "mW"), claim(2, 900, "µW"), claim(3, 1.2, "W"), claim(4, 3, "Wh"), claim(5, 0.002, "MWh")]
    ranked = rank_claims("energy", "lower", claims)
    assert ranked.group is not None and ranked.group.family == "power"  # the largest group
    assert [c.id for c in ranked.claims] == ["ev:002", "ev:001", "ev:003"]  # 900 µW < 35 mW < 1.2 W
    energies = rank_claims("energy", "lower", claims, unit="Wh")
    assert [c.id for c in energies.claims] == ["ev:004", "ev:005"]  # 3 Wh < 2 kWh


def test_speedups_rank_largest_first_and_percent_apart() -> None:
    claims = [claim(1, 2.2, "x", "increase"), claim(2, 3.5, "x", "increase"), claim(3, 45, "%", "increase")]
    ranked = rank_claims("speedup", "higher", claims)
    assert [c.value for c in ranked.claims] == [3.5, 2.2]
    assert rank_claims("speedup", "higher", claims, unit="%").claims == (claims[2],)


def test_reductions_rank_by_size_and_regressions_by_smallness() -> None:
    memory = [claim(1, 40, "%", "decrease"), claim(2, 80, "%", "decrease"), claim(3, 5, "%", "increase")]
    assert [c.value for c in rank_claims("memory", "lower", memory).claims] == [80, 40]
    overhead = rank_claims("memory", "lower", memory, sense="increase")
    assert overhead.group is not None and overhead.group.order == "asc"
    drops = [claim(1, 2.0, "points", "decrease"), claim(2, 0.1, "points", "decrease")]
    assert [c.value for c in rank_claims("accuracy", "higher", drops).claims] == [0.1, 2.0]


def test_a_bare_factor_is_an_improvement_but_a_bare_share_is_a_level() -> None:
    assert best_order("lower", "x", "level") == "desc"
    assert best_order("lower", "%", "level") == "asc"  # "uses 30% of the memory"
    assert best_order("higher", "%", "level") == "desc"  # "76.5% accuracy"


def test_parameter_counts_are_counts_not_bytes() -> None:
    assert unit_scale("parameters", "B") == ("parameters", 1e9)
    assert unit_scale("memory", "GB") == ("bytes", 1e9)
    sizes = [claim(1, 7, "B"), claim(2, 350, "M")]
    assert [c.unit for c in rank_claims("parameters", "lower", sizes).claims] == ["M", "B"]


def test_no_matching_group_ranks_nothing() -> None:
    ranked = rank_claims("speedup", "higher", [claim(1, 2.0, "x", "increase")], unit="ms")
    assert ranked.group is None and ranked.claims == ()
    assert rank_claims("speedup", "higher", []).groups == ()


UNITS = st.sampled_from(["x", "%", "ms", "s", "min", "GB", "MB", "tokens/s", "points", None, "B", "M"])
CLAIMS = st.lists(st.tuples(st.floats(0.001, 1e6), UNITS, st.sampled_from(["increase", "decrease", None])),
                  max_size=30)


@given(CLAIMS, st.sampled_from(["speedup", "latency", "memory", "parameters", "accuracy"]),
       st.sampled_from(["higher", "lower"]), UNITS | st.none())
def test_a_ranked_group_is_comparable_and_ordered(raw: list[tuple[float, str | None, str | None]], metric: str,
                                                  better: str, unit: str | None) -> None:
    claims = [claim(i, v, u, d) for i, (v, u, d) in enumerate(raw)]
    ranked = rank_claims(metric, better, claims, unit=unit)
    assert sum(g.claims for g in ranked.groups) == len(claims)
    if ranked.group is None:
        assert not ranked.claims
        return
    keys = {group_key(metric, c) for c in ranked.claims}
    assert keys == {(ranked.group.family, ranked.group.sense)}
    assert ranked.group.order == best_order(better, ranked.group.family, ranked.group.sense)
    values = [c.value * unit_scale(metric, c.unit)[1] for c in ranked.claims]
    assert values == sorted(values, reverse=ranked.group.order == "desc")


def test_a_rate_scaled_by_k_or_m_ranks_with_the_plain_rate() -> None:
    assert unit_scale("throughput", "K tokens/s") == ("tokens/s", 1e3)
    rates = [claim(1, 45, "K tokens/s", "level"), claim(2, 50000, "tokens/s", "level")]
    assert [c.paper for c in rank_claims("throughput", "higher", rates).claims] == ["paper:002", "paper:001"]
    assert unit_scale("compute", "K GPU hours") == ("GPU time", 1e3)


def test_pico_and_femto_scales_rank_with_their_family() -> None:
    claims = [claim(1, 3.1, "pJ"), claim(2, 900, "fJ"), claim(3, 0.002, "nJ")]
    assert [c.id for c in rank_claims("energy", "lower", claims).claims] == ["ev:002", "ev:003", "ev:001"]  # 0.9 < 2 < 3.1 pJ
    times = [claim(1, 410, "ps"), claim(2, 0.3, "ns")]
    assert [c.id for c in rank_claims("latency", "lower", times).claims] == ["ev:002", "ev:001"]
