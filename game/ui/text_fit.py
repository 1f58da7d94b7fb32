"""Text that fits its box, measured with any font that has pygame's ``size(text)``, ``get_height()`` and
``get_linesize()``: no pygame here, so the board-fit lint (:mod:`game.authoring.board_fit`) lays labels out
as the board does with measured glyph widths (:mod:`game.authoring.text_width`) and ``parley validate``
never imports pygame. :mod:`game.ui.drawing` draws with these functions (and re-exports them).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Protocol


class TextFont(Protocol):
    """What the fitting needs of a font (a ``pygame.font.Font`` is one)."""

    def size(self, text: str, /) -> tuple[int, int]: ...

    def get_height(self) -> int: ...

    def get_linesize(self) -> int: ...


class HasWidth(Protocol):
    """A box with a width (a ``pygame.Rect`` is one)."""

    @property
    def width(self) -> int: ...


ELLIPSIS = "…"


def fit(text: str, font: TextFont, width: int) -> str:
    """``text``, shortened with an ellipsis if it is wider than ``width``."""
    if font.size(text)[0] <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if font.size(text[:middle].rstrip() + ELLIPSIS)[0] <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def fit_words(text: str, font: TextFont, width: int) -> str:
    """``text``, shortened at a word boundary with an ellipsis if it is wider than ``width`` (mid-word only
    when not even its first word fits)."""
    if font.size(text)[0] <= width:
        return text
    breaks = [m.start() for m in re.finditer(r"\s+", text.rstrip())]
    for end in reversed(breaks):
        candidate = text[:end].rstrip(",;:–- ") + ELLIPSIS
        if font.size(candidate)[0] <= width and text[:end].strip():
            return candidate
    return fit(text, font, width)


def wrap(text: str, font: TextFont, width: int, max_lines: int | None = None) -> list[str]:
    """Word-wrap ``text`` to ``width``; the last allowed line ends with an ellipsis (after a whole word) if text
    is left over."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if font.size(candidate)[0] <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    if max_lines is not None and len(lines) > max_lines:
        kept = lines[:max_lines]
        kept[-1] = fit_words(kept[-1] + " " + " ".join(lines[max_lines:]), font, width)
        if not kept[-1].endswith(ELLIPSIS):
            kept[-1] = fit_words(kept[-1] + ELLIPSIS, font, width)
        return kept
    return [fit(line, font, width) for line in lines]


def meter_layout(width: int, height: int, labels: list[str], font_of: Callable[[int], TextFont],
                 s: Callable[[int], int] = lambda n: n) -> tuple[int, int, int]:  # fmt: skip
    """(font size at 100 %, columns, row height) for one meter per label in a ``width`` × ``height`` panel:
    never fewer meters than asked; the largest text with which every label shows whole, else the smallest
    that fits. ``font_of(size)`` gives the font of a size at 100 %, ``s`` scales a length (the board's
    text size); the board and the board-fit lint both lay meters out with it."""
    fitting: list[tuple[int, int, int]] = []
    for size in (17, 15, 13, 12):
        font = font_of(size)
        for cols in (1, 2):
            col_w = (width - s(10) * (cols - 1)) // cols
            numbers_w = font.size("100!")[0] + font.size("+100")[0] + font.get_height() + 12
            if cols == 2 and col_w < numbers_w + font.size("Munitions")[0]:
                continue
            rows = math.ceil(len(labels) / cols)
            row_h = min(s(30), height // max(1, rows))
            if row_h < font.get_height():
                continue
            fitting.append((size, cols, row_h))
            if all(font.size(label)[0] + 8 <= col_w - numbers_w for label in labels):
                return size, cols, row_h
            break
    if fitting:
        return fitting[-1]
    font = font_of(12)
    return 12, 2, max(font.get_height() - 4, height // max(1, math.ceil(len(labels) / 2)))


def meter_fits_bar(rect: HasWidth, label: str, font: TextFont) -> bool:
    """Whether a meter row of ``rect`` has room for a bar beside the whole ``label``."""
    numbers = font.size("100!")[0] + 4 + font.size("+100")[0] + font.get_height() + 12
    return rect.width - font.size(label)[0] - 8 - numbers >= 48
