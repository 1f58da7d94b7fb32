"""The look: the pygame_gui theme at a UI scale, and the fonts custom drawing uses.

The theme file ``assets/theme.json`` is written for 100 %; :func:`scaled_theme` multiplies its font
sizes for 125 % and 150 % (projectors). Text uses the Noto Sans that pygame_gui ships in its
package data (its licence is in ``pygame_gui/data/licenses``), so pygame_gui and our own drawing
use one typeface.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.paths import assets_dir

SCALES: tuple[float, ...] = (1.0, 1.25, 1.5)
"""The UI scale settings offered (100 %, 125 %, 150 %)."""
PROJECTOR_SCALE = 1.5
"""The projector setting: 150 %, with no text smaller than :data:`BODY_MIN_PX` and no heading smaller
than :data:`HEADING_MIN_PX` (readable from the back of a classroom at 1920x1080)."""
BODY_MIN_PX = 24
HEADING_MIN_PX = 36
HEADING_BASE = 18
"""Bold text of this size (at 100 %) or more is a heading: screen titles, and section titles such as
"This turn's news"."""


def point_size(size: int, scale: float, bold: bool = False, projector: bool = False) -> int:
    """The pixel size of text written for ``size`` at 100 %: scaled, and with the projector setting never
    below the body or heading minimum."""
    point = max(8, round(size * scale))
    if projector:
        point = max(point, HEADING_MIN_PX if bold and size >= HEADING_BASE else BODY_MIN_PX)
    return point
FONT_NAME = "noto_sans"
TEXT_BOX_SIZES = (15, 17, 20)
"""Base sizes (at 100 %) of the text used in HTML text boxes, preloaded in regular and bold."""


def theme_path() -> Path:
    """The theme file."""
    return assets_dir() / "theme.json"


def font_file(bold: bool = False) -> str:
    """Path of the Noto Sans file pygame_gui ships."""
    return str(files("pygame_gui.data") / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"))


def load_theme_data() -> dict[str, Any]:
    """The theme file as data."""
    data: dict[str, Any] = json.loads(theme_path().read_text(encoding="utf-8"))
    return data


def scaled_theme(data: dict[str, Any], scale: float, projector: bool = False) -> dict[str, Any]:
    """A copy of the theme with every font size multiplied by ``scale`` (see :func:`point_size`)."""
    scaled = copy.deepcopy(data)
    for block in scaled.values():
        font = block.get("font") if isinstance(block, dict) else None
        if isinstance(font, dict) and "size" in font:
            bold = str(font.get("bold", "0")) in ("1", "true", "True")
            font["size"] = str(point_size(int(font["size"]), scale, bold, projector))
    return scaled


def make_manager(size: tuple[int, int], scale: float, data: dict[str, Any] | None = None,
                 projector: bool = False) -> pygame_gui.UIManager:  # fmt: skip
    """A UI manager with the scaled theme and every font it will need already loaded."""
    theme = scaled_theme(data if data is not None else load_theme_data(), scale, projector)
    manager = pygame_gui.UIManager(size, theme, enable_live_theme_updates=False)
    fonts = manager.get_theme().get_font_dictionary()
    wanted: list[dict[str, str | int | float]] = []
    for base in TEXT_BOX_SIZES:
        point = point_size(base, scale, False, projector)
        for bold in (False, True):
            font_id = fonts.create_font_id(point, FONT_NAME, bold, False, True)
            if not fonts.check_font_preloaded(font_id):
                wanted.append({"name": FONT_NAME, "point_size": point, "style": "bold" if bold else "regular"})
    if wanted:
        manager.preload_fonts(wanted)
    return manager


@dataclass
class Fonts:
    """pygame fonts for custom drawing (meters, ladders, charts), cached by size and weight."""

    scale: float
    projector: bool = False
    """The projector setting: minimum sizes for body text and headings (see :func:`point_size`)."""
    _cache: dict[tuple[int, bool], pygame.font.Font] = field(default_factory=dict)

    def get(self, size: int, bold: bool = False) -> pygame.font.Font:
        """Noto Sans at ``size`` points (at 100 %), scaled."""
        point = point_size(size, self.scale, bold, self.projector)
        key = (point, bold)
        font = self._cache.get(key)
        if font is None:
            font = pygame.font.Font(font_file(bold), point)
            self._cache[key] = font
        return font
