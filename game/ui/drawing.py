"""Custom drawing with pygame: text that fits its box, markers, meters, track ladders and line charts.

These draw what pygame_gui has no widget for. Each takes a surface, a rectangle and plain values,
and draws inside the rectangle only; text is wrapped or shortened with an ellipsis so that it
never spills out of its box.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.ui import palette
from game.ui.palette import Colour
from game.ui.text_fit import ELLIPSIS as ELLIPSIS
from game.ui.text_fit import fit as fit
from game.ui.text_fit import fit_words as fit_words
from game.ui.text_fit import meter_fits_bar as meter_fits_bar
from game.ui.text_fit import meter_layout as meter_layout
from game.ui.text_fit import wrap as wrap


def text(surface: pygame.Surface, words: str, pos: tuple[int, int], font: pygame.font.Font, colour: Colour,
         width: int | None = None, align: str = "left") -> pygame.Rect:  # fmt: skip
    """Draw one line (shortened at a word boundary to ``width``); return the rectangle it took."""
    if width is not None:
        words = fit_words(words, font, width)
    image = font.render(words, True, colour)
    rect = image.get_rect(topleft=pos)
    if align == "center" and width is not None:
        rect.x = pos[0] + (width - rect.width) // 2
    elif align == "right" and width is not None:
        rect.x = pos[0] + width - rect.width
    surface.blit(image, rect)
    return rect


def paragraph(surface: pygame.Surface, words: str, rect: pygame.Rect, font: pygame.font.Font, colour: Colour) -> int:
    """Draw wrapped text inside ``rect`` (as many lines as fit); return the height used."""
    height = font.get_linesize()
    lines = wrap(words, font, rect.width, max(1, rect.height // height))
    for number, line in enumerate(lines):
        surface.blit(font.render(line, True, colour), (rect.x, rect.y + number * height))
    return len(lines) * height


def panel(surface: pygame.Surface, rect: pygame.Rect, fill: Colour = palette.PANEL,
          border: Colour = palette.PANEL_BORDER, radius: int = 8) -> None:  # fmt: skip
    """A rounded white panel with a thin border."""
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    pygame.draw.rect(surface, border, rect, width=1, border_radius=radius)


def marker(surface: pygame.Surface, shape: str, centre: tuple[int, int], size: int, colour: Colour,
           outline: Colour = palette.TEXT) -> None:  # fmt: skip
    """A filled marker shape (circle, square, triangle, diamond, down, hexagon, star) with an outline."""
    x, y = centre
    r = size / 2
    if shape == "circle":
        pygame.draw.circle(surface, colour, centre, round(r))
        pygame.draw.circle(surface, outline, centre, round(r), 1)
        return
    if shape == "square":
        points = [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
    elif shape == "triangle":
        points = [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
    elif shape == "down":
        points = [(x - r, y - r * 0.8), (x + r, y - r * 0.8), (x, y + r)]
    elif shape == "diamond":
        points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    elif shape == "hexagon":
        points = [(x + r * math.cos(a), y + r * math.sin(a)) for a in (math.pi / 3 * k for k in range(6))]
    else:
        points = []
        for k in range(10):
            radius = r if k % 2 == 0 else r * 0.45
            angle = -math.pi / 2 + k * math.pi / 5
            points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    pygame.draw.polygon(surface, colour, points)
    pygame.draw.polygon(surface, outline, points, 1)


def trend_arrow(surface: pygame.Surface, delta: int, rect: pygame.Rect, font: pygame.font.Font) -> None:
    """An up or down arrow with the signed change (nothing for no change): shape + sign + colour."""
    if delta == 0:
        text(surface, "=", rect.topleft, font, palette.MUTED, rect.width)
        return
    up = delta > 0
    colour = palette.UP if up else palette.DOWN
    h = font.get_height()
    cx, cy, r = rect.x + h // 3, rect.y + h // 2, h // 3
    points = [(cx, cy - r), (cx + r, cy + r // 2), (cx - r, cy + r // 2)] if up else [
        (cx - r, cy - r // 2), (cx + r, cy - r // 2), (cx, cy + r)]  # fmt: skip
    pygame.draw.polygon(surface, colour, points)
    label = f"+{delta}" if up else f"\u2212{-delta}"
    text(surface, label, (rect.x + 2 * r + 4, rect.y), font, colour, rect.width - 2 * r - 4)


@dataclass(frozen=True)
class MeterSpec:
    """One meter: a labelled bar for a variable."""

    label: str
    value: int
    low: int
    high: int
    delta: int = 0
    critical: int | None = None
    private: bool = False


def meter(surface: pygame.Surface, rect: pygame.Rect, spec: MeterSpec, font: pygame.font.Font,
          bar_shown: bool = True) -> str | None:  # fmt: skip
    """Label, bar, value and trend in one row; a critical value gets a hatched edge and the word "low".

    Where the row is too narrow for a bar, the label, the number and the trend still show. Returns the full
    label if it had to be shortened (the caller offers it on hover), else None."""
    value_w = font.size("100!")[0] + 4
    trend_w = font.size("+100")[0] + font.get_height()
    label = spec.label + (" (private)" if spec.private else "")
    wanted = font.size(label)[0] + 8
    label_w = max(int(rect.width * 0.3), min(wanted, int(rect.width * 0.5), rect.width - value_w - trend_w - 60))
    bar = pygame.Rect(rect.x + label_w, rect.y + rect.height // 4, rect.width - label_w - value_w - trend_w - 12,
                      rect.height // 2)  # fmt: skip
    y = rect.y + (rect.height - font.get_height()) // 2
    low = spec.critical is not None and spec.value < spec.critical
    value_text = f"{spec.value}!" if low else str(spec.value)
    if not bar_shown or bar.width < 24 or (label_w < wanted and rect.width - wanted - value_w - trend_w - 12 < 48):
        # too narrow for a bar beside the whole label: the label takes the room, the number and the trend show
        label_w = rect.width - value_w - trend_w - 8
        bar.x, bar.width = rect.x + label_w, 0
    shown = fit_words(label, font, label_w - 6)
    text(surface, shown, (rect.x, y), font, palette.TEXT, label_w - 6)
    cut = label if shown != label else None
    if bar.width < 24:
        text(surface, value_text, (bar.x, y), font, palette.TEXT, value_w + 6)
        trend_arrow(surface, spec.delta, pygame.Rect(bar.x + value_w + 6, y, trend_w, font.get_height()), font)
        return cut
    span = max(1, spec.high - spec.low)
    pygame.draw.rect(surface, palette.FAINT, bar, border_radius=3)
    filled = bar.copy()
    filled.width = max(0, round(bar.width * (spec.value - spec.low) / span))
    pygame.draw.rect(surface, palette.CRITICAL if low else palette.ACCENT, filled, border_radius=3)
    if spec.critical is not None:
        x = bar.x + round(bar.width * (spec.critical - spec.low) / span)
        pygame.draw.line(surface, palette.TEXT, (x, bar.y - 3), (x, bar.bottom + 2), 2)
    pygame.draw.rect(surface, palette.MUTED, bar, width=1, border_radius=3)
    text(surface, value_text, (bar.right + 6, y), font, palette.TEXT, value_w + 6)
    trend_arrow(surface, spec.delta, pygame.Rect(bar.right + value_w + 12, y, trend_w, font.get_height()), font)
    return cut


def ladder(surface: pygame.Surface, rect: pygame.Rect, name: str, labels: Sequence[str], current: int,
           fonts: tuple[pygame.font.Font, pygame.font.Font], moved: int = 0) -> list[tuple[pygame.Rect, str]]:
    """A track as a row of rungs, lowest state first; the current one is filled, outlined and underlined.

    Returns the rungs whose label had to be shortened, with the full label (offered on hover)."""
    cut: list[tuple[pygame.Rect, str]] = []
    title_font, font = fonts
    title_h = title_font.get_linesize()
    shown = name + ("  (moved up)" if moved > 0 else "  (moved down)" if moved < 0 else "")
    text(surface, shown, (rect.x, rect.y), title_font, palette.TEXT, rect.width)
    n = len(labels)
    gap = 4
    width = (rect.width - gap * (n - 1)) / n
    top = rect.y + title_h + 2
    height = rect.bottom - top
    for index, label in enumerate(labels):
        box = pygame.Rect(round(rect.x + index * (width + gap)), top, round(width), height)
        lit = index == current
        pygame.draw.rect(surface, palette.LIT if lit else palette.PANEL, box, border_radius=5)
        pygame.draw.rect(surface, palette.FOCUS_EDGE if lit else palette.PANEL_BORDER, box, width=3 if lit else 1,
                         border_radius=5)  # fmt: skip
        colour = palette.HEADER_TEXT if lit else palette.MUTED
        lines = wrap(label, font, box.width - 8, max(1, (height - 4) // font.get_linesize()))
        if " ".join(lines).replace(ELLIPSIS, "").split() != label.split():
            cut.append((box, label))
        y = box.y + (box.height - len(lines) * font.get_linesize()) // 2
        for line in lines:
            text(surface, line, (box.x + 4, y), font, colour, box.width - 8, align="center")
            y += font.get_linesize()
        if index < n - 1:
            mid = box.centery
            pygame.draw.line(surface, palette.PANEL_BORDER, (box.right, mid), (box.right + gap, mid), 2)
    return cut


@dataclass(frozen=True)
class Series:
    """One line of a chart."""

    label: str
    values: Sequence[int]
    colour: Colour
    shape: str


def chart(surface: pygame.Surface, rect: pygame.Rect, title: str, series: Sequence[Series], turns: Sequence[str],
          fonts: tuple[pygame.font.Font, pygame.font.Font]) -> None:  # fmt: skip
    """A line chart of values over turns, each line with its own colour, marker shape and legend entry."""
    title_font, font = fonts
    panel(surface, rect)
    inner = rect.inflate(-16, -12)
    text(surface, title, inner.topleft, title_font, palette.TEXT, inner.width)
    legend_h = font.get_linesize()
    per_row = max(1, min(len(series), 3))
    rows = math.ceil(len(series) / per_row) if series else 0
    plot = pygame.Rect(inner.x + font.size("100")[0] + 8, inner.y + title_font.get_linesize() + 4,
                       0, 0)  # fmt: skip
    plot.width = inner.right - plot.x - 6
    plot.height = inner.bottom - plot.y - legend_h * (rows + 1) - 4
    if plot.height < 20 or not series:
        return
    values = [v for s in series for v in s.values]
    low, high = min([*values, 0]), max([*values, 1])
    if high == low:
        high = low + 1
    pygame.draw.line(surface, palette.MUTED, plot.bottomleft, plot.bottomright, 1)
    pygame.draw.line(surface, palette.MUTED, plot.bottomleft, plot.topleft, 1)
    for value in (low, high):
        y = plot.bottom - round((value - low) / (high - low) * plot.height)
        text(surface, str(value), (inner.x, y - font.get_height() // 2), font, palette.MUTED, plot.x - inner.x - 6,
             align="right")  # fmt: skip
        pygame.draw.line(surface, palette.FAINT, (plot.x + 1, y), (plot.right, y), 1)
    count = max((len(s.values) for s in series), default=0)
    step = plot.width / max(1, count - 1)
    label_every = max(1, math.ceil(count * font.size("Turn 10")[0] / max(1, plot.width)))
    for index in range(count):
        if index % label_every == 0 and index < len(turns):
            x = round(plot.x + index * step)
            text(surface, turns[index], (x - 30, plot.bottom + 2), font, palette.MUTED, 60, align="center")
    for s in series:
        points = [(round(plot.x + i * step), plot.bottom - round((v - low) / (high - low) * plot.height))
                  for i, v in enumerate(s.values)]  # fmt: skip
        if len(points) > 1:
            pygame.draw.lines(surface, s.colour, False, points, 3)
        for point in points:
            marker(surface, s.shape, point, 10, s.colour)
    y = plot.bottom + legend_h + 4
    column = inner.width // per_row
    for index, s in enumerate(series):
        x = inner.x + (index % per_row) * column
        row_y = y + (index // per_row) * legend_h
        marker(surface, s.shape, (x + 7, row_y + legend_h // 2), 11, s.colour)
        pygame.draw.line(surface, s.colour, (x + 16, row_y + legend_h // 2), (x + 28, row_y + legend_h // 2), 3)
        text(surface, s.label, (x + 32, row_y), font, palette.TEXT, column - 36)


def axis_range(values: Sequence[int]) -> tuple[int, int]:
    """A y-axis for one variable's own values: from a little below its lowest to a little above its highest."""
    low, high = min(values, default=0), max(values, default=1)
    pad = max(1, math.ceil((high - low) * 0.1))
    return low - pad if low > 0 else low, high + pad


def small_multiples(surface: pygame.Surface, rect: pygame.Rect, title: str, series: Sequence[Series],
                    turns: Sequence[str], fonts: tuple[pygame.font.Font, pygame.font.Font]) -> bool:  # fmt: skip
    """One small chart per variable, each on its own y scale (its range labelled), so a variable that moves
    over 0–10 reads as clearly as one over 0–60; the latest value is written at the end of each line.
    Returns False if ``rect`` was too small to draw every variable's chart."""
    title_font, font = fonts
    panel(surface, rect)
    inner = rect.inflate(-16, -12)
    text(surface, title, inner.topleft, title_font, palette.TEXT, inner.width)
    if not series:
        return True
    area = pygame.Rect(inner.x, inner.y + title_font.get_linesize() + 2, inner.width, 0)
    area.height = inner.bottom - area.y
    line = font.get_linesize()
    cols = 2 if area.width >= 2 * font.size("M" * 16)[0] and len(series) > 1 else 1
    rows = math.ceil(len(series) / cols)
    gap = 8
    cell_w = (area.width - gap * (cols - 1)) // cols
    cell_h = (area.height - gap * (rows - 1)) // rows
    if cell_h < 2 * line + 8:
        return False
    complete = True
    number_w = font.size("-100")[0] + 6
    for index, s in enumerate(series):
        cell = pygame.Rect(area.x + (index % cols) * (cell_w + gap), area.y + (index // cols) * (cell_h + gap),
                           cell_w, cell_h)  # fmt: skip
        marker(surface, s.shape, (cell.x + line // 2, cell.y + line // 2), line * 2 // 3, s.colour)
        latest = str(s.values[-1]) if s.values else ""
        latest_w = font.size(latest)[0]
        text(surface, s.label, (cell.x + line + 2, cell.y), font, palette.TEXT, cell.width - line - latest_w - 10)
        text(surface, latest, (cell.right - latest_w, cell.y), font, palette.TEXT)
        plot = pygame.Rect(cell.x + number_w, cell.y + line + 4, cell.width - number_w - 4, cell.height - 2 * line - 6)
        if plot.height < 8 or plot.width < 20:
            complete = False
            continue
        low, high = axis_range(s.values)
        for value in (low, high):
            y = plot.bottom - round((value - low) / (high - low) * plot.height)
            text(surface, str(value), (cell.x, y - font.get_height() // 2), font, palette.MUTED, number_w - 6,
                 align="right")  # fmt: skip
            pygame.draw.line(surface, palette.FAINT, (plot.x, y), (plot.right, y), 1)
        pygame.draw.line(surface, palette.MUTED, plot.bottomleft, plot.topleft, 1)
        count = len(s.values)
        step = plot.width / max(1, count - 1)
        points = [(round(plot.x + i * step), plot.bottom - round((v - low) / (high - low) * plot.height))
                  for i, v in enumerate(s.values)]  # fmt: skip
        if len(points) > 1:
            pygame.draw.lines(surface, s.colour, False, points, 3)
        for point in points:
            marker(surface, s.shape, point, 8, s.colour)
        if turns:
            text(surface, turns[0], (plot.x, plot.bottom + 2), font, palette.MUTED, plot.width // 2)
            last = turns[min(len(turns), count) - 1]
            text(surface, last, (plot.right - font.size(last)[0], plot.bottom + 2), font, palette.MUTED)
    return complete
