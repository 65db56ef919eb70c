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


def _share(counts: tuple[int, ...], papers: tuple[int, ...]) -> float:
    total = sum(papers)
    return sum(counts) / total if total else 0.0


def build_trends(tallies: TrendTallies, by: str, top: int, sort: str = "papers") -> Trends:
    """The `top` series of a dimension, sorted by total listings ("papers"), by growth of share
    ("rising"), or only those first seen in the latest report ("new", most papers there first)."""
    if sort not in TREND_SORTS:
        raise ValueError(f"sort must be one of {', '.join(TREND_SORTS)}, not {sort!r}")
    reports = tuple(chronological(tallies.reports))
    order = [r.id for r in reports]
    papers = tuple(r.papers for r in reports)
    half = len(reports) // 2
    series = []
    for entity in tallies.entities:
        counts = tuple(entity.counts.get(report_id, 0) for report_id in order)
        if not any(counts):
            continue
        first = next(i for i, n in enumerate(counts) if n)
        change = (_share(counts[half:], papers[half:]) - _share(counts[:half], papers[:half])
                  if len(reports) >= 2 else 0.0)
        series.append(TrendSeries(entity.id, entity.name, counts, sum(counts), round(change, 6), order[first],
                                  first == len(order) - 1))
    if sort == "rising":
        series.sort(key=lambda s: (-s.share_change, -s.total, s.name.casefold(), s.id))
    elif sort == "new":
        series = [s for s in series if s.new]
        series.sort(key=lambda s: (-s.counts[-1], s.name.casefold(), s.id))
    else:
        series.sort(key=lambda s: (-s.total, s.name.casefold(), s.id))
    return Trends(by, reports, tuple(series[:max(top, 0)]))


def first_seen(tallies: TrendTallies) -> dict[str, ReportTally]:
    """Each entity's first report in date order (the report whose date is its first-seen date)."""
    reports = chronological(tallies.reports)
    found = {}
    for entity in tallies.entities:
        report = next((r for r in reports if entity.counts.get(r.id)), None)
        if report is not None:
            found[entity.id] = report
    return found
