"""Trend series from tallies (graph/trends.py): date order, rising, new."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graph.store import EntityTally, ReportTally, TrendTallies
from graph.trends import build_trends, chronological, first_seen

# Ids sort against the dates on purpose: the order must come from the dates.
JUNE = ReportTally("report:c", "June", "2026-06-01T10:00:00", 10)
JULY = ReportTally("report:b", "July", "2026-07-01T10:00:00", 10)
AUGUST = ReportTally("report:a", "August", "2026-08-01T10:00:00", 20)
UNDATED = ReportTally("report:z", "No date", None, 5)


def tallies(*entities: tuple[str, dict[str, int]]) -> TrendTallies:
    return TrendTallies([AUGUST, JULY, JUNE], [EntityTally(i, i.split(":")[1], c) for i, c in entities])


STEADY = ("tech:steady", {"report:c": 5, "report:b": 5, "report:a": 10})  # half of the papers throughout
FADING = ("tech:fading", {"report:c": 8, "report:b": 2, "report:a": 2})
NEWCOMER = ("tech:newcomer", {"report:a": 6})


def test_reports_are_oldest_first_and_counts_follow_them() -> None:
    result = build_trends(tallies(STEADY, FADING, NEWCOMER), "technique", top=10)
    assert [r.id for r in result.reports] == ["report:c", "report:b", "report:a"]
    by_id = {s.id: s for s in result.series}
    assert by_id["tech:fading"].counts == (8, 2, 2)
    assert by_id["tech:newcomer"].counts == (0, 0, 6)
    assert [s.id for s in result.series] == ["tech:steady", "tech:fading", "tech:newcomer"]  # by total


def test_rising_compares_the_later_half_with_the_earlier() -> None:
    result = build_trends(tallies(STEADY, FADING, NEWCOMER), "technique", top=10, sort="rising")
    assert [s.id for s in result.series] == ["tech:newcomer", "tech:steady", "tech:fading"]
    by_id = {s.id: s for s in result.series}
    # earlier half: June (10 papers); later half: July and August (30 papers)
    assert by_id["tech:newcomer"].share_change == round(6 / 30 - 0, 6)
    assert by_id["tech:steady"].share_change == 0.0
    assert by_id["tech:fading"].share_change == round(4 / 30 - 8 / 10, 6)


def test_new_lists_only_entities_first_seen_in_the_latest_report() -> None:
    result = build_trends(tallies(STEADY, FADING, NEWCOMER), "technique", top=10, sort="new")
    assert [(s.id, s.first_seen, s.new) for s in result.series] == [("tech:newcomer", "report:a", True)]
    assert first_seen(tallies(STEADY, NEWCOMER)) == {"tech:steady": JUNE, "tech:newcomer": AUGUST}


def test_undated_reports_come_first() -> None:
    assert [r.id for r in chronological([AUGUST, UNDATED, JUNE])] == ["report:z", "report:c", "report:a"]


def test_top_cuts_and_one_report_has_no_change() -> None:
    single = TrendTallies([JUNE], [EntityTally("tech:x", "x", {"report:c": 3})])
    result = build_trends(single, "technique", top=1, sort="rising")
    assert [(s.counts, s.share_change, s.new) for s in result.series] == [((3,), 0.0, True)]
    assert build_trends(tallies(STEADY, FADING), "technique", top=1).series[0].id == "tech:steady"


REPORTS = st.lists(st.tuples(st.dates().map(str) | st.none(), st.integers(0, 50)), min_size=1, max_size=6)


@given(REPORTS, st.lists(st.lists(st.floats(0, 1), min_size=6, max_size=6), max_size=8),
       st.sampled_from(["papers", "rising", "new"]))
def test_any_tallies_give_aligned_series(reports: list[tuple[str | None, int]], shares: list[list[float]],
                                         sort: str) -> None:
    tallied = [ReportTally(f"report:{i}", "", None if d is None else f"{d}T00:00:00", n)
               for i, (d, n) in enumerate(reports)]
    entities = [EntityTally(f"tech:{j}", f"t{j}", {r.id: int(s[i] * r.papers) for i, r in enumerate(tallied)
                                                   if int(s[i] * r.papers)})
                for j, s in enumerate(shares)]
    result = build_trends(TrendTallies(tallied, entities), "technique", top=100, sort=sort)
    assert [r.id for r in result.reports] == [r.id for r in chronological(tallied)]
    for series in result.series:
        assert len(series.counts) == len(tallied) and series.total == sum(series.counts) > 0
        assert -1.0 <= series.share_change <= 1.0
        assert series.new == (series.counts[-1] > 0 and not any(series.counts[:-1]))
    if sort == "new":
        assert all(s.new for s in result.series)
    else:
        assert len(result.series) == sum(1 for e in entities if e.counts)
