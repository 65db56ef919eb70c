"""Geometry of the explorer's charts, drawn by the templates as inline SVG (no chart library, no script):
horizontal bars for totals and leaderboard values, lines for papers per report. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass

# Colours of the series of a line chart, in order (Tableau 10, readable on white).
PALETTE = ("#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
           "#9C755F", "#BAB0AC")
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, BAR_WIDTH = 18, 6, 260, 420


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown beside the bar
    href: str | None
    y: float
    width: float


@dataclass(frozen=True)
class Bars:
    bars: tuple[Bar, ...]
    height: float
    label_width: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH


def bars(items: list[tuple[str, float, str, str | None]]) -> Bars:
    """One bar per (label, value, text, href), as long as its share of the largest value."""
    top = max((abs(v) for _, v, _, _ in items), default=0.0) or 1.0
    out = tuple(Bar(label, value, text, href, i * (BAR_HEIGHT + BAR_GAP), max(1.0, BAR_WIDTH * abs(value) / top))
                for i, (label, value, text, href) in enumerate(items))
    return Bars(out, len(out) * (BAR_HEIGHT + BAR_GAP))


@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    points: str  # "x,y x,y ..." for <polyline points>
    dots: tuple[tuple[float, float, int], ...]  # (x, y, value)


@dataclass(frozen=True)
class Lines:
    lines: tuple[Line, ...]
    ticks: tuple[tuple[float, str], ...]  # (x, report date or id) along the bottom
    grid: tuple[tuple[float, int], ...]  # (y, value) on the left
    width: int
    height: int
    left: int
    bottom: int


def lines(columns: list[str], series: list[tuple[str, list[int]]], width: int = 720, height: int = 300) -> Lines:
    """One polyline per (name, counts per column); y from 0 to the largest count."""
    left, right, top, bottom = 40, 16, 12, height - 60
    top_value = max((c for _, counts in series for c in counts), default=0) or 1
    step = (width - left - right) / max(1, len(columns) - 1)

    def x(i: int) -> float:
        return round(left + i * step, 1)

    def y(v: int) -> float:
        return round(bottom - (bottom - top) * v / top_value, 1)

    drawn = tuple(
        Line(name, PALETTE[n % len(PALETTE)], " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(counts)),
             tuple((x(i), y(v), v) for i, v in enumerate(counts)))
        for n, (name, counts) in enumerate(series))
    every = max(1, len(columns) // 8)  # at most about eight labels along the bottom
    ticks = tuple((x(i), c) for i, c in enumerate(columns) if i % every == 0)
    grid = tuple((y(v), v) for v in sorted({0, top_value // 2, top_value}))
    return Lines(drawn, ticks, grid, width, height, left, bottom)
