"""Trends across dated reports: per report, how many distinct papers name each entity.

Pure functions over `GraphStore.trend_tallies`, so both stores give the same answer. Reports are ordered
by their date (`generated_at`, the report's 生成时间), then id; reports without a date come first, as
nothing says they are recent. "Rising" compares the share of paper listings naming an entity in the
later half of the reports with the earlier half (the middle report of an odd number belongs to the later
half); "new" entities are first seen in the latest report.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Literal

from graph.store import EntityTally, ReportTally, TrendTallies

TrendSort = Literal["papers", "rising", "new"]
TREND_SORTS: tuple[str, ...] = ("papers", "rising", "new")


@dataclass(frozen=True)
class TrendSeries:
    id: str
    name: str
    counts: tuple[int, ...]  # distinct papers per report, in the order of Trends.reports
    total: int  # the sum of counts: paper listings, a paper listed by two reports counting twice
    share_change: float  # later-half share minus earlier-half share (0 with fewer than two reports)
    first_seen: str  # the id of the first report, in date order, with a paper naming it
    new: bool  # first seen in the latest report


@dataclass(frozen=True)
class Trends:
    by: str
    reports: tuple[ReportTally, ...]  # oldest first
    series: tuple[TrendSeries, ...]  # the top ones, in the order asked


def report_date(report: ReportTally) -> str | None:
    """The report's calendar date (YYYY-MM-DD) from its generation time, or None."""
    return date_of(report.generated_at)


def date_of(generated_at: str | None) -> str | None:
    """The calendar date (YYYY-MM-DD) of a report's generation time, or None."""
    return generated_at[:10] if generated_at else None


def chronological(reports: list[ReportTally]) -> list[ReportTally]:
    """Undated reports first (by id), then dated ones by date and id."""
    return sorted(reports, key=lambda r: (r.generated_at is not None, r.generated_at or "", r.id))


@dataclass(frozen=True)
class TrendRows:
    """Each entity's totals over date-ordered reports: what every sort of its series needs."""

    reports: tuple[ReportTally, ...]  # oldest first
    position: dict[str, int]  # report id -> index in `reports`
    # (entity, total, share change, index of its first report, count in the latest report)
    rows: tuple[tuple[EntityTally, int, float, int, int], ...]


def trend_rows(tallies: TrendTallies) -> TrendRows:
    """Reads each entity's sparse counts (a few reports each) once; 100k papers name tens of thousands
    of institutions, so this is the costly step, and it does not depend on the sort or the cut."""
    reports = tuple(chronological(tallies.reports))
    position = {r.id: i for i, r in enumerate(reports)}
    half, last = len(reports) // 2, len(reports) - 1
    earlier_papers = sum(r.papers for r in reports[:half])
    later_papers = sum(r.papers for r in reports[half:])
    rows = []
    for entity in tallies.entities:
        total = later = latest = 0
        first = len(reports)
        for report_id, n in entity.counts.items():
            i = position.get(report_id)
            if i is None or not n:
                continue
            total += n
            if i >= half:
                later += n
            first = min(first, i)
            if i == last:
                latest = n
        if not total:
            continue
        change = 0.0
        if half:
            change = round((later / later_papers if later_papers else 0.0)
                           - ((total - later) / earlier_papers if earlier_papers else 0.0), 6)
        rows.append((entity, total, change, first, latest))
    return TrendRows(reports, position, tuple(rows))


_SORT_KEYS = {
    "papers": lambda r: (-r[1], r[0].name.casefold(), r[0].id),
    "rising": lambda r: (-r[2], -r[1], r[0].name.casefold(), r[0].id),
    "new": lambda r: (-r[4], r[0].name.casefold(), r[0].id),
}


def top_series(rows: TrendRows, by: str, top: int, sort: str = "papers") -> Trends:
    """The `top` series by total listings ("papers"), by growth of share ("rising"), or only those
    first seen in the latest report ("new", most papers there first); full rows of counts are spelled
    out only for the series returned."""
    if sort not in TREND_SORTS:
        raise ValueError(f"sort must be one of {', '.join(TREND_SORTS)}, not {sort!r}")
    last = len(rows.reports) - 1
    candidates = [r for r in rows.rows if r[3] == last] if sort == "new" else rows.rows
    series = []
    for entity, total, change, first, _ in heapq.nsmallest(max(top, 0), candidates, key=_SORT_KEYS[sort]):
        counts = [0] * len(rows.reports)
        for report_id, n in entity.counts.items():
            if report_id in rows.position:
                counts[rows.position[report_id]] = n
        series.append(TrendSeries(entity.id, entity.name, tuple(counts), total, change, rows.reports[first].id,
                                  first == last))
    return Trends(by, rows.reports, tuple(series))


def build_trends(tallies: TrendTallies, by: str, top: int, sort: str = "papers") -> Trends:
    """`top_series` of `trend_rows`: the top series of one dimension."""
    return top_series(trend_rows(tallies), by, top, sort)


def first_seen(tallies: TrendTallies) -> dict[str, ReportTally]:
    """Each entity's first report in date order (the report whose date is its first-seen date)."""
    reports = chronological(tallies.reports)
    found = {}
    for entity in tallies.entities:
        report = next((r for r in reports if entity.counts.get(r.id)), None)
        if report is not None:
            found[entity.id] = report
    return found
