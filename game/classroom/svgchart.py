"""Small line charts as inline SVG: vector graphics that print sharply and need no library.

The report draws its charts itself instead of with matplotlib (an optional extra): a plain
``pip install .`` can then write a complete report, and the SVG text sits inside the HTML page, so
the page loads nothing from outside. Colours come from a fixed palette that stays apart in grey print
(each line also gets its own dash pattern and marker shape).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 2", "1 2")


@dataclass(frozen=True)
class Series:
    """One line: its label and a value per x position (None: no value there)."""

    label: str
    values: Sequence[float | None]


def _ticks(low: float, high: float) -> list[float]:
    span = high - low or 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if span / step <= 6:
            break
    first = (int(low // step)) * step
    ticks = []
    value = float(first)
    while value <= high + 1e-9:
        if value >= low - 1e-9:
            ticks.append(value)
        value += step
    return ticks


def line_chart(
    title: str, x_labels: Sequence[str], series: Sequence[Series], width: int = 640, height: int = 240
) -> str:
    """An SVG line chart with axes, gridlines, a title and a legend; ``x_labels`` name the positions."""
    left, right, top, bottom = 44, 150, 26, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for s in series for v in s.values if v is not None]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    low = min(low, 0.0) if low >= 0 and low < high * 0.5 else low
    if high == low:
        high = low + 1
    ticks = _ticks(low, high)
    low, high = min(low, ticks[0]), max(high, ticks[-1])
    count = max(len(x_labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - plot_h * (v - low) / (high - low)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{html.escape(title)}" class="chart">',
        f'<text x="{left}" y="16" font-size="13" font-weight="bold">{html.escape(title)}</text>',
    ]
    for tick in ticks:
        ty = y(tick)
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 4}" y="{ty + 4:.1f}" font-size="10" text-anchor="end">{tick:g}</text>')
    every = max(1, (count + 11) // 12)
    for i, label in enumerate(x_labels):
        if i % every == 0 or i == count - 1:
            out.append(
                f'<text x="{x(i):.1f}" y="{top + plot_h + 14}" font-size="10" text-anchor="middle">'
                f"{html.escape(label)}</text>"
            )
    out.append(f'<path d="M{left},{top} V{top + plot_h} H{left + plot_w}" fill="none" stroke="#555" stroke-width="1"/>')
    for index, line in enumerate(series):
        colour, dash = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)]
        points = [(x(i), y(v)) for i, v in enumerate(line.values) if v is not None]
        if points:
            path = " ".join(f"{'M' if n == 0 else 'L'}{px:.1f},{py:.1f}" for n, (px, py) in enumerate(points))
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
            for px, py in points:
                out.append(_marker(index, px, py, colour))
        ly = top + 6 + index * 16
        lx = left + plot_w + 12
        out.append(
            f'<line x1="{lx}" x2="{lx + 22}" y1="{ly}" y2="{ly}" stroke="{colour}" stroke-width="2"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
        )
        out.append(_marker(index, lx + 11, ly, colour))
        out.append(f'<text x="{lx + 28}" y="{ly + 4}" font-size="10">{html.escape(_short(line.label))}</text>')
    out.append("</svg>")
    return "".join(out)


def _short(label: str, limit: int = 20) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _marker(index: int, px: float, py: float, colour: str) -> str:
    shape = index % 3
    if shape == 0:
        return f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.6" fill="{colour}"/>'
    if shape == 1:
        return f'<rect x="{px - 2.5:.1f}" y="{py - 2.5:.1f}" width="5" height="5" fill="{colour}"/>'
    corners = f"M{px:.1f},{py - 3.2:.1f} L{px + 3:.1f},{py + 2.4:.1f} L{px - 3:.1f},{py + 2.4:.1f} Z"
    return f'<path d="{corners}" fill="{colour}"/>'
