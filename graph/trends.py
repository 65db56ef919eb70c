"""Trends across dated reports: per report, how many distinct papers name each entity.

Pure functions over `GraphStore.trend_tallies`, so both stores give the same answer. Reports are ordered
by their date (`generated_at`, the report's 生成时间), then id; reports without a date come first, as
nothing says they are recent. "Rising" compares the share of paper listings naming an entity in the
later half of the reports with the earlier half (the middle report of an odd number belongs to the later
half); "new" entities are first seen in the latest report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from graph.store import ReportTally, TrendTallies

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
    return report.generated_at[:10] if report.generated_at else None


def chronological(reports: list[ReportTally]) -> list[ReportTally]:
    """Undated reports first (by id), then dated ones by date and id."""
    return sorted(reports, key=lambda r: (r.generated_at is not None, r.generated_at or "", r.id))


def build_trends(tallies: TrendTallies, by: str, top: int, sort: str = "papers") -> Trends:
    """The `top` series of a dimension, sorted by total listings ("papers"), by growth of share
    ("rising"), or only those first seen in the latest report ("new", most papers there first).

    Works on each entity's sparse counts (a few reports each) and spells out a full row of counts only
    for the series it returns: 100k papers name tens of thousands of institutions."""
    if sort not in TREND_SORTS:
        raise ValueError(f"sort must be one of {', '.join(TREND_SORTS)}, not {sort!r}")
    reports = tuple(chronological(tallies.reports))
    position = {r.id: i for i, r in enumerate(reports)}
    half = len(reports) // 2
    earlier_papers = sum(r.papers for r in reports[:half])
    later_papers = sum(r.papers for r in reports[half:])
    last = len(reports) - 1
    ranked = []
    for entity in tallies.entities:
        counts = {position[r]: n for r, n in entity.counts.items() if n and r in position}
        if not counts:
            continue
        first = min(counts)
        if sort == "new" and first != last:
            continue
        total = sum(counts.values())
        change = 0.0
        if len(reports) >= 2:
            later = sum(n for i, n in counts.items() if i >= half)
            change = (later / later_papers if later_papers else 0.0) - \
                ((total - later) / earlier_papers if earlier_papers else 0.0)
        ranked.append((entity, counts, total, round(change, 6), first))
    if sort == "rising":
        ranked.sort(key=lambda e: (-e[3], -e[2], e[0].name.casefold(), e[0].id))
    elif sort == "new":
        ranked.sort(key=lambda e: (-e[1].get(last, 0), e[0].name.casefold(), e[0].id))
    else:
        ranked.sort(key=lambda e: (-e[2], e[0].name.casefold(), e[0].id))
    series = tuple(
        TrendSeries(entity.id, entity.name, tuple(counts.get(i, 0) for i in range(len(reports))), total, change,
                    reports[first].id, first == last)
        for entity, counts, total, change, first in ranked[:max(top, 0)])
    return Trends(by, reports, series)


def first_seen(tallies: TrendTallies) -> dict[str, ReportTally]:
    """Each entity's first report in date order (the report whose date is its first-seen date)."""
    reports = chronological(tallies.reports)
    found = {}
    for entity in tallies.entities:
        report = next((r for r in reports if entity.counts.get(r.id)), None)
        if report is not None:
            found[entity.id] = report
    return found
